// The batch report in JSON (format "folio-batch-report", version 1; docs/batch-and-snapshots.md).
// Written with nlohmann::ordered_json so members keep a fixed, readable order and strings are
// escaped by the library (quotes, backslashes, control characters; invalid UTF-8 is replaced).
// Read back with the same library for incremental runs; every lookup is checked, so a damaged
// report is an error value, never an exception.

#include "batch/report.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "pipeline/outputs.hpp"

namespace folio::batch {
namespace {

using Json = nlohmann::ordered_json;

/// Seconds rounded to milliseconds, so reports stay short.
double round_ms(double s) { return std::round(s * 1000.0) / 1000.0; }

Json files_json(const std::vector<FileHash>& files) {
    Json a = Json::array();
    for (const auto& f : files) a.push_back({{"path", f.path}, {"sha256", f.sha256}});
    return a;
}

Json settings_json(const RenderSettings& s) {
    return {{"style", s.style},         {"out_dir", s.out_dir},
            {"pdf", s.pdf},             {"html", s.html},
            {"pdfa", s.pdfa},           {"cmyk", s.cmyk},
            {"marks", s.marks},         {"allow_outside", s.allow_outside},
            {"fail_on_warning", s.fail_on_warning}, {"source_date_epoch", s.source_date_epoch}};
}

Json diagnostics_json(const SourceResult& r, core::Severity severity) {
    Json a = Json::array();
    for (const auto& d : r.diagnostics) {
        if (d.severity != severity) continue;
        a.push_back({{"file", d.location.file},
                     {"line", d.location.line},
                     {"column", d.location.column},
                     {"code", d.code},
                     {"message", d.message}});
    }
    return a;
}

Json source_json(const SourceResult& r) {
    return {{"source", r.source},
            {"status", status_name(r.status)},
            {"pages", r.pages},
            {"seconds", round_ms(r.seconds)},
            {"options", settings_json(r.settings)},
            {"inputs", files_json(r.inputs)},
            {"outputs", files_json(r.outputs)},
            {"errors", diagnostics_json(r, core::Severity::error)},
            {"warnings", diagnostics_json(r, core::Severity::warning)}};
}

Json summary_json(const Report& report) {
    std::size_t ok = 0, failed = 0, skipped = 0, errors = 0, warnings = 0;
    for (const auto& r : report.sources) {
        ok += r.status == Status::ok;
        failed += r.status == Status::failed;
        skipped += r.status == Status::skipped;
        errors += r.count(core::Severity::error);
        warnings += r.count(core::Severity::warning);
    }
    return {{"sources", report.sources.size()}, {"ok", ok},         {"failed", failed},
            {"skipped", skipped},               {"errors", errors}, {"warnings", warnings},
            {"seconds", round_ms(report.seconds)}};
}

// --- reading -------------------------------------------------------------------------------

/// Thrown only inside parse_report, for a member that is missing or of the wrong type.
struct Malformed {
    std::string what;
};

const Json& member(const Json& obj, const char* name) {
    if (!obj.is_object() || !obj.contains(name)) throw Malformed{std::string("no member \"") + name + '"'};
    return obj.at(name);
}

/// Whether `value` is an integer that T holds: nlohmann converts a float (6.7e90) or an integer
/// out of T's range with a plain cast, which is undefined for a float.
template <typename T>
bool integer_fits(const Json& value) {
    if (value.is_number_unsigned()) {
        return value.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max());
    }
    if (!value.is_number_integer()) return false;
    const std::int64_t v = value.get<std::int64_t>();
    if (v < 0) return std::is_signed_v<T> && v >= static_cast<std::int64_t>(std::numeric_limits<T>::min());
    return static_cast<std::uint64_t>(v) <= static_cast<std::uint64_t>(std::numeric_limits<T>::max());
}

template <typename T>
T get(const Json& obj, const char* name) {
    const Json& value = member(obj, name);
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        if (!integer_fits<T>(value))
            throw Malformed{std::string("member \"") + name + "\" is not an integer in range"};
    }
    try {
        return value.get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Malformed{std::string("member \"") + name + "\" has the wrong type"};
    }
}

std::vector<FileHash> files_from(const Json& a) {
    std::vector<FileHash> out;
    if (!a.is_array()) throw Malformed{"a file list is not an array"};
    for (const auto& f : a) out.push_back({get<std::string>(f, "path"), get<std::string>(f, "sha256")});
    return out;
}

RenderSettings settings_from(const Json& o) {
    RenderSettings s;
    s.style = get<std::string>(o, "style");
    s.out_dir = get<std::string>(o, "out_dir");
    s.pdf = get<bool>(o, "pdf");
    s.html = get<bool>(o, "html");
    s.pdfa = get<bool>(o, "pdfa");
    s.cmyk = get<bool>(o, "cmyk");
    s.marks = get<bool>(o, "marks");
    s.allow_outside = get<bool>(o, "allow_outside");
    s.fail_on_warning = get<bool>(o, "fail_on_warning");
    s.source_date_epoch = get<std::int64_t>(o, "source_date_epoch");
    return s;
}

void diagnostics_from(const Json& a, core::Severity severity, std::vector<core::Diagnostic>& out) {
    if (!a.is_array()) throw Malformed{"a diagnostic list is not an array"};
    for (const auto& d : a) {
        out.push_back({severity, get<std::string>(d, "code"), get<std::string>(d, "message"),
                       {get<std::string>(d, "file"), get<std::uint32_t>(d, "line"),
                        get<std::uint32_t>(d, "column")}});
    }
}

Status status_from(const std::string& name) {
    if (name == "ok") return Status::ok;
    if (name == "skipped") return Status::skipped;
    if (name == "failed") return Status::failed;
    throw Malformed{"unknown status \"" + name + '"'};
}

SourceResult source_from(const Json& o) {
    SourceResult r;
    r.source = get<std::string>(o, "source");
    r.status = status_from(get<std::string>(o, "status"));
    r.pages = get<std::size_t>(o, "pages");
    r.seconds = get<double>(o, "seconds");
    r.settings = settings_from(member(o, "options"));
    r.inputs = files_from(member(o, "inputs"));
    r.outputs = files_from(member(o, "outputs"));
    diagnostics_from(member(o, "errors"), core::Severity::error, r.diagnostics);
    diagnostics_from(member(o, "warnings"), core::Severity::warning, r.diagnostics);
    return r;
}

/// GitHub's escaping of a workflow command's message.
std::string escape_data(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else out += c;
    }
    return out;
}

/// GitHub's escaping of a workflow command's property value.
std::string escape_property(std::string_view s) {
    std::string out;
    for (char c : escape_data(s)) {
        if (c == ':') out += "%3A";
        else if (c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

}  // namespace

const char* status_name(Status s) {
    switch (s) {
        case Status::ok: return "ok";
        case Status::failed: return "failed";
        case Status::skipped: return "skipped";
    }
    return "failed";
}

std::size_t SourceResult::count(core::Severity s) const {
    std::size_t n = 0;
    for (const auto& d : diagnostics) n += d.severity == s;
    return n;
}

std::string to_json(const Report& report) {
    Json sources = Json::array();
    for (const auto& r : report.sources) sources.push_back(source_json(r));
    const Json doc = {{"format", report_format},
                      {"version", report_version},
                      {"folio_version", report.folio_version},
                      {"sources", std::move(sources)},
                      {"summary", summary_json(report)}};
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

core::Result<Report> parse_report(std::string_view text, const std::string& path) {
    auto fail = [&](const std::string& why) {
        return core::unexpected({core::Severity::error, "batch.report", "cannot use the previous report: " + why,
                                 {path, 0, 0}});
    };
    const Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded()) return fail("it is not valid JSON");
    try {
        if (get<std::string>(doc, "format") != report_format) return fail("it is not a folio batch report");
        const int version = get<int>(doc, "version");
        if (version != report_version) return fail("it has format version " + std::to_string(version));
        Report report;
        report.folio_version = get<std::string>(doc, "folio_version");
        const Json& sources = member(doc, "sources");
        if (!sources.is_array()) return fail("\"sources\" is not an array");
        for (const auto& s : sources) report.sources.push_back(source_from(s));
        report.seconds = get<double>(member(doc, "summary"), "seconds");
        return report;
    } catch (const Malformed& m) {
        return fail(m.what);
    }
}

core::Result<Report> read_report(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::unexpected({core::Severity::error, "io.read", "cannot read the report", {path, 0, 0}});
    std::ostringstream text;
    text << in.rdbuf();
    return parse_report(text.str(), path);
}

core::Result<core::Ok> write_report(const std::string& path, const Report& report) {
    // Safely, as the outputs are: a unique temporary beside it, synced, renamed; a lock against
    // another batch writing the same report (pipeline/outputs.hpp).
    auto written = pipeline::write_file(path, to_json(report));
    if (!written) {
        core::Diagnostic d = written.error();
        d.message = "cannot write the report (" + d.message + ")";
        return core::unexpected(std::move(d));
    }
    return core::Ok{};
}

std::string github_annotation(const core::Diagnostic& d, const std::string& fallback_file) {
    std::string out = d.severity == core::Severity::error ? "::error" : "::warning";
    const std::string& file = d.location.file.empty() ? fallback_file : d.location.file;
    std::string props;
    auto add = [&](const std::string& p) { props += (props.empty() ? "" : ",") + p; };
    if (!file.empty()) add("file=" + escape_property(file));
    if (d.location.line > 0) {
        add("line=" + std::to_string(d.location.line));
        if (d.location.column > 0) add("col=" + std::to_string(d.location.column));
    }
    if (!props.empty()) out += ' ' + props;
    return out + "::" + escape_data(d.message);
}

}  // namespace folio::batch
