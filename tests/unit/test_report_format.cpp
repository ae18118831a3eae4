// The quality report's JSON and SARIF forms (issue 22): what each field holds; the SARIF log is
// checked against the schema by e2e/report.sh.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/report.hpp"

using namespace folio;
using Json = nlohmann::json;

namespace {

report::Report sample() {
    report::Report r;
    r.source = "dir/doc.xml";
    r.style = "style.xml";
    r.pages = 3;
    r.laid_out = true;
    r.findings.push_back(report::make_finding("accessibility.vague-link-text", "the link text 'here'",
                                              {"dir/doc.xml", 12, 7}, 2));
    r.findings.push_back(report::make_finding("content.unused-id", "id", {"dir/doc.xml", 3, 1}, 1));
    r.findings.push_back(report::make_finding("typography.clipped-text", "cut", {"dir/doc.xml", 0, 0}, 0));
    return r;
}

}  // namespace

TEST(ReportFormat, JsonHasEveryFindingWithItsPositionPageAndLevel) {
    const Json j = Json::parse(report::to_json(sample(), "1.2.3"));
    EXPECT_EQ(j["report_version"], 1);
    EXPECT_EQ(j["tool"], "folio 1.2.3");
    EXPECT_EQ(j["pages"], 3);
    EXPECT_EQ(j["summary"], (Json{{"error", 1}, {"warning", 1}, {"note", 1}}));
    ASSERT_EQ(j["findings"].size(), 3u);
    const Json& f = j["findings"][0];
    EXPECT_EQ(f["rule"], "accessibility.vague-link-text");
    EXPECT_EQ(f["category"], "accessibility");
    EXPECT_EQ(f["level"], "warning");
    EXPECT_EQ(f["file"], "dir/doc.xml");
    EXPECT_EQ(f["line"], 12);
    EXPECT_EQ(f["column"], 7);
    EXPECT_EQ(f["page"], 2);
}

TEST(ReportFormat, SarifResultsPointAtTheRulesAndTheSourceLines) {
    const Json j = Json::parse(report::to_sarif(sample(), "1.2.3"));
    EXPECT_EQ(j["version"], "2.1.0");
    const Json& run = j["runs"][0];
    const Json& rules = run["tool"]["driver"]["rules"];
    EXPECT_EQ(rules.size(), report::rules().size());
    ASSERT_EQ(run["results"].size(), 3u);
    const Json& r = run["results"][0];
    EXPECT_EQ(rules[r["ruleIndex"].get<std::size_t>()]["id"], r["ruleId"]);
    EXPECT_EQ(r["level"], "warning");
    const Json& loc = r["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uri"], "dir/doc.xml");
    EXPECT_EQ(loc["region"], (Json{{"startLine", 12}, {"startColumn", 7}}));
    EXPECT_EQ(r["properties"]["page"], 2);
    EXPECT_EQ(run["results"][1]["level"], "note");
    // No line: no region (SARIF's startLine is at least 1); no page: no page property.
    EXPECT_FALSE(run["results"][2]["locations"][0]["physicalLocation"].contains("region"));
    EXPECT_FALSE(run["results"][2].contains("properties"));
}

TEST(ReportFormat, EveryRuleIdIsUniqueAndCategorised) {
    std::set<std::string> ids;
    for (const auto& rule : report::rules()) {
        EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
        const std::string id = rule.id;
        EXPECT_TRUE(id.rfind("typography.", 0) == 0 || id.rfind("accessibility.", 0) == 0 ||
                    id.rfind("content.", 0) == 0 || id == "folio.diagnostic")
            << id;
    }
}

TEST(ReportFormat, CountAtLeast) {
    const auto r = sample();
    EXPECT_EQ(report::count_at_least(r, report::Level::error), 1u);
    EXPECT_EQ(report::count_at_least(r, report::Level::warning), 2u);
    EXPECT_EQ(report::count_at_least(r, report::Level::note), 3u);
}
