// The batch report for CI (#21): JUnit XML (one test case per source) for dashboards, a Markdown
// summary for $GITHUB_STEP_SUMMARY, and the merge of the JSON reports of several shards.

#include "batch/report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/xml_escape.hpp"
#include "pipeline/outputs.hpp"

namespace folio::batch {
namespace {

std::string seconds_attr(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", s < 0 ? 0.0 : s);
    return buf;
}

std::string count_text(std::size_t n, const char* word) {
    return std::to_string(n) + ' ' + word + (n == 1 ? "" : "s");
}

/// The diagnostics of `r` of severity `s`, one format()ted line each.
std::string lines_of(const SourceResult& r, core::Severity s) {
    std::string out;
    for (const auto& d : r.diagnostics) {
        if (d.severity == s) out += core::format(d) + '\n';
    }
    return out;
}

struct Counts {
    std::size_t ok = 0, failed = 0, skipped = 0;
};

Counts counts(const Report& report) {
    Counts c;
    for (const auto& r : report.sources) {
        c.ok += r.status == Status::ok;
        c.failed += r.status == Status::failed;
        c.skipped += r.status == Status::skipped;
    }
    return c;
}

/// The most rows and problems a Markdown summary lists.
constexpr std::size_t markdown_rows = 200;
constexpr std::size_t markdown_problems = 200;

/// A Markdown table cell in a code span: `|` escaped, no line breaks, no backquote to end it.
std::string cell(std::string_view s) {
    std::string out;
    for (const char ch : s) {
        if (ch == '|') out += "\\|";
        else if (ch == '`') out += '\'';
        else if (ch == '\n' || ch == '\r') out += ' ';
        else out += ch;
    }
    return out;
}

void junit_case(std::string& x, const SourceResult& r) {
    const std::string name = core::xml_escape(r.source);
    x += "    <testcase classname=\"folio.batch\" name=\"" + name + "\" file=\"" + name + "\" time=\"" +
         seconds_attr(r.seconds) + "\">\n";
    if (r.status == Status::failed) {
        const auto errors = r.count(core::Severity::error);
        const std::string message = errors ? count_text(errors, "error") : std::string("failed");
        x += "      <failure message=\"" + core::xml_escape(message) + "\" type=\"folio\">" +
             core::xml_escape(lines_of(r, core::Severity::error)) + "</failure>\n";
    } else if (r.status == Status::skipped) {
        x += "      <skipped message=\"unchanged since the previous report\"/>\n";
    }
    if (const std::string warnings = lines_of(r, core::Severity::warning); !warnings.empty()) {
        x += "      <system-err>" + core::xml_escape(warnings) + "</system-err>\n";
    }
    x += "    </testcase>\n";
}

}  // namespace

core::Result<core::Ok> write_text(const std::string& path, const std::string& text) {
    auto written = pipeline::write_file(path, text);
    if (!written) {
        core::Diagnostic d = written.error();
        d.message = "cannot write the report (" + d.message + ")";
        return core::unexpected(std::move(d));
    }
    return core::Ok{};
}

std::string to_junit(const Report& report) {
    const Counts c = counts(report);
    const std::string totals = "tests=\"" + std::to_string(report.sources.size()) + "\" failures=\"" +
                               std::to_string(c.failed) + "\" errors=\"0\" skipped=\"" + std::to_string(c.skipped) +
                               "\" time=\"" + seconds_attr(report.seconds) + "\"";
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x += "<testsuites name=\"folio batch\" " + totals + ">\n";
    x += "  <testsuite name=\"folio batch\" " + totals + ">\n";
    x += "    <properties>\n      <property name=\"folio.version\" value=\"" + core::xml_escape(report.folio_version) +
         "\"/>\n    </properties>\n";
    for (const auto& r : report.sources) junit_case(x, r);
    x += "  </testsuite>\n</testsuites>\n";
    return x;
}

std::string to_markdown(const Report& report) {
    const Counts c = counts(report);
    std::string m = "## folio batch: " + count_text(report.sources.size(), "source") + ", " + std::to_string(c.ok) +
                    " ok, " + std::to_string(c.failed) + " failed, " + std::to_string(c.skipped) + " skipped (" +
                    seconds_attr(report.seconds) + " s)\n\n";
    // The failed sources first; a summary stays readable (and under GitHub's size limit) for a
    // batch of thousands: markdown_rows rows and markdown_problems problems at the most.
    std::vector<const SourceResult*> rows;
    for (const auto& r : report.sources) if (r.status == Status::failed) rows.push_back(&r);
    for (const auto& r : report.sources) if (r.status != Status::failed) rows.push_back(&r);
    m += "| status | source | pages | errors | warnings | seconds |\n|---|---|--:|--:|--:|--:|\n";
    for (std::size_t i = 0; i < rows.size() && i < markdown_rows; ++i) {
        const SourceResult& r = *rows[i];
        const char* mark = r.status == Status::ok ? "✅" : r.status == Status::failed ? "❌" : "⏭️";
        m += std::string("| ") + mark + " " + status_name(r.status) + " | `" + cell(r.source) + "` | " +
             std::to_string(r.pages) + " | " + std::to_string(r.count(core::Severity::error)) + " | " +
             std::to_string(r.count(core::Severity::warning)) + " | " + seconds_attr(r.seconds) + " |\n";
    }
    if (rows.size() > markdown_rows) m += "\n… and " + count_text(rows.size() - markdown_rows, "more source") + ".\n";
    std::string problems;
    std::size_t listed = 0, total = 0;
    for (const SourceResult* r : rows) {
        if (r->status == Status::skipped) continue;
        for (const auto& d : r->diagnostics) {
            if (++total > markdown_problems) continue;
            problems += "- `" + cell(core::format(d)) + "`\n";
            ++listed;
        }
    }
    if (total > listed) problems += "\n… and " + count_text(total - listed, "more problem") + " in the JSON report.\n";
    if (!problems.empty()) m += "\n### Problems\n\n" + problems;
    return m;
}

core::Result<Report> merge_reports(const std::vector<Report>& reports, const std::vector<std::string>& paths) {
    Report merged;
    std::map<std::string, std::size_t> owner;  // source -> the report it came from
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const Report& r = reports[i];
        const std::string& path = i < paths.size() ? paths[i] : std::string();
        if (i == 0) merged.folio_version = r.folio_version;
        if (r.folio_version != merged.folio_version) {
            return core::unexpected({core::Severity::error, "batch.merge",
                                     "cannot merge reports of folio " + merged.folio_version + " and " +
                                         r.folio_version,
                                     {path, 0, 0}});
        }
        for (const auto& s : r.sources) {
            auto [it, fresh] = owner.emplace(s.source, i);
            if (!fresh) {
                const std::string& first = it->second < paths.size() ? paths[it->second] : std::string();
                return core::unexpected({core::Severity::error, "batch.merge",
                                         "source " + s.source + " is in this report and in " + first,
                                         {path, 0, 0}});
            }
            merged.sources.push_back(s);
        }
        merged.seconds = std::max(merged.seconds, r.seconds);
    }
    std::sort(merged.sources.begin(), merged.sources.end(),
              [](const SourceResult& a, const SourceResult& b) { return a.source < b.source; });
    return merged;
}

}  // namespace folio::batch
