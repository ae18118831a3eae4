// The report's two forms: folio's own JSON (version 1), and a SARIF 2.1.0 log (OASIS SARIF
// v2.1.0, §3.13 sarifLog, §3.14 run, §3.19 toolComponent, §3.49 reportingDescriptor, §3.27
// result, §3.28 location, §3.29 physicalLocation, §3.30 region), which GitHub code scanning shows
// on the source lines.

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "report/report.hpp"

namespace folio::report {
namespace {

using Json = nlohmann::ordered_json;

const char* category_of(const std::string& rule) {
    if (rule.rfind("typography.", 0) == 0) return "typography";
    if (rule.rfind("accessibility.", 0) == 0) return "accessibility";
    if (rule.rfind("content.", 0) == 0) return "content";
    return "diagnostic";
}

/// A path as a SARIF artifact URI: relative paths stay relative (to the folder folio ran in,
/// the repository's root in CI), with forward slashes; absolute ones become file: URIs.
std::string artifact_uri(const std::string& path) {
    const std::filesystem::path p = std::filesystem::path(path).lexically_normal();
    std::string s = p.generic_string();
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || c == '%' || c == '#' || c == '?' || u >= 0x7F) {
            static const char hex[] = "0123456789ABCDEF";
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    return p.is_absolute() ? "file://" + out : out;
}

}  // namespace

std::string to_json(const Report& report, const std::string& tool_version) {
    Json j;
    j["report_version"] = 1;
    j["tool"] = "folio " + tool_version;
    j["source"] = report.source;
    j["style"] = report.style;
    j["laid_out"] = report.laid_out;
    j["pages"] = report.pages;
    Json summary = {{"error", 0}, {"warning", 0}, {"note", 0}};
    Json findings = Json::array();
    for (const Finding& f : report.findings) {
        summary[level_name(f.level)] = summary[level_name(f.level)].get<int>() + 1;
        findings.push_back({{"rule", f.rule},
                            {"category", category_of(f.rule)},
                            {"level", level_name(f.level)},
                            {"message", f.message},
                            {"file", f.location.file},
                            {"line", f.location.line},
                            {"column", f.location.column},
                            {"page", f.page}});
    }
    j["summary"] = summary;
    j["findings"] = findings;
    return j.dump(2) + "\n";
}

std::string to_sarif(const Report& report, const std::string& tool_version) {
    Json rules = Json::array();
    std::map<std::string, std::size_t> index;
    for (const Rule& r : report::rules()) {
        index[r.id] = rules.size();
        rules.push_back({{"id", r.id},
                         {"shortDescription", {{"text", r.summary}}},
                         {"defaultConfiguration", {{"level", level_name(r.level)}}},
                         {"properties", {{"tags", {category_of(r.id)}}}}});
    }
    Json results = Json::array();
    for (const Finding& f : report.findings) {
        Json location = {{"artifactLocation", {{"uri", artifact_uri(f.location.file)}}}};
        if (f.location.line > 0) {
            location["region"] = {{"startLine", f.location.line}};
            if (f.location.column > 0) location["region"]["startColumn"] = f.location.column;
        }
        Json result = {{"ruleId", f.rule},
                       {"ruleIndex", index.count(f.rule) != 0 ? index[f.rule] : index["folio.diagnostic"]},
                       {"level", level_name(f.level)},
                       {"message", {{"text", f.message}}}};
        if (!f.location.file.empty()) result["locations"] = Json::array({{{"physicalLocation", location}}});
        if (f.page > 0) result["properties"] = {{"page", f.page}};
        results.push_back(std::move(result));
    }
    Json driver = {{"name", "folio"},
                   {"version", tool_version},
                   {"rules", rules}};
    Json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", Json::array({{{"tool", {{"driver", driver}}}, {"results", results}}})}};
    return log.dump(2) + "\n";
}

}  // namespace folio::report
