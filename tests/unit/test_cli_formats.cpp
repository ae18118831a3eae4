// Unit tests of the formats #21 added: diagnostics for people and tools (short, human with the
// source line and a caret, JSON, colour), and the batch report as JUnit XML, as Markdown, and
// merged from shards.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "batch/report.hpp"
#include "core/diagnostic_print.hpp"

using namespace folio;
namespace fs = std::filesystem;

namespace {

core::Diagnostic unknown_element(const std::string& file) {
    return {core::Severity::error, "source.unknown-element", "unknown element <para>", {file, 2, 4}};
}

batch::SourceResult result(const std::string& source, batch::Status status,
                           std::vector<core::Diagnostic> diagnostics = {}) {
    batch::SourceResult r;
    r.source = source;
    r.status = status;
    r.pages = status == batch::Status::ok ? 1 : 0;
    r.diagnostics = std::move(diagnostics);
    return r;
}

}  // namespace

TEST(DiagnosticPrinter, ShortIsFormatByteForByte) {
    core::DiagnosticPrinter printer;
    const auto d = unknown_element("a.xml");
    EXPECT_EQ(printer.format(d), core::format(d) + "\n");
}

TEST(DiagnosticPrinter, HumanShowsTheLineAndACaretUnderTheColumnCountedInCharacters) {
    const fs::path file = fs::temp_directory_path() / ("folio-human-" + std::to_string(getpid()) + ".xml");
    std::ofstream(file) << "<document>\n\tő <para>x</para>\n";
    core::DiagnosticPrinter printer({core::DiagnosticFormat::human, false});
    const std::string text = printer.format(unknown_element(file.string()));
    fs::remove(file);
    EXPECT_EQ(text, file.string() + ":2:4: error: unknown element <para> [source.unknown-element]\n"
                                    " 2 | \tő <para>x</para>\n"
                                    "   | \t  ^\n");
}

TEST(DiagnosticPrinter, HumanWithoutAReadableFileIsOneLine) {
    core::DiagnosticPrinter printer({core::DiagnosticFormat::human, false});
    EXPECT_EQ(printer.format(unknown_element("/nonexistent/x.xml")),
              "/nonexistent/x.xml:2:4: error: unknown element <para> [source.unknown-element]\n");
}

TEST(DiagnosticPrinter, ColourOnlyWhenAsked) {
    core::DiagnosticPrinter plain({core::DiagnosticFormat::brief, false});
    core::DiagnosticPrinter colour({core::DiagnosticFormat::brief, true});
    EXPECT_EQ(plain.format(unknown_element("a.xml")).find('\033'), std::string::npos);
    const std::string c = colour.format(unknown_element("a.xml"));
    EXPECT_NE(c.find("\033[1;31merror\033[0m"), std::string::npos) << c;
}

TEST(DiagnosticPrinter, JsonIsOneEscapedObjectALine) {
    core::DiagnosticPrinter printer({core::DiagnosticFormat::json, true});
    core::Diagnostic d{core::Severity::warning, "x.y", "a \"quote\", a \\ and a\ttab\x01", {"d/\"f\".xml", 0, 0}};
    EXPECT_EQ(printer.format(d),
              "{\"file\":\"d/\\\"f\\\".xml\",\"line\":0,\"column\":0,\"severity\":\"warning\",\"code\":\"x.y\","
              "\"message\":\"a \\\"quote\\\", a \\\\ and a\\ttab\\u0001\"}\n");
}

TEST(DiagnosticFormat, ParsesTheThreeNames) {
    core::DiagnosticFormat f{};
    EXPECT_TRUE(core::parse_diagnostic_format("short", f));
    EXPECT_EQ(f, core::DiagnosticFormat::brief);
    EXPECT_TRUE(core::parse_diagnostic_format("json", f));
    EXPECT_EQ(f, core::DiagnosticFormat::json);
    EXPECT_FALSE(core::parse_diagnostic_format("xml", f));
}

TEST(Junit, OneCasePerSourceWithFailuresSkipsAndEscapes) {
    batch::Report report;
    report.folio_version = "0.1.0";
    report.sources = {result("a&b.xml", batch::Status::ok),
                      result("bad.xml", batch::Status::failed, {unknown_element("bad.xml")}),
                      result("same.xml", batch::Status::skipped)};
    const std::string x = batch::to_junit(report);
    EXPECT_NE(x.find("<testsuites name=\"folio batch\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\""),
              std::string::npos) << x;
    EXPECT_NE(x.find("name=\"a&amp;b.xml\""), std::string::npos) << x;
    EXPECT_NE(x.find("<failure message=\"1 error\" type=\"folio\">bad.xml:2:4: error: unknown element &lt;para&gt;\n"
                     "</failure>"),
              std::string::npos) << x;
    EXPECT_NE(x.find("<skipped message="), std::string::npos) << x;
}

TEST(Markdown, CountsTableAndProblems) {
    batch::Report report;
    report.sources = {result("a|b.xml", batch::Status::ok),
                      result("bad.xml", batch::Status::failed, {unknown_element("bad.xml")})};
    const std::string m = batch::to_markdown(report);
    EXPECT_EQ(m.rfind("## folio batch: 2 sources, 1 ok, 1 failed, 0 skipped", 0), 0u) << m;
    EXPECT_NE(m.find("| `a\\|b.xml` |"), std::string::npos) << m;
    EXPECT_NE(m.find("- `bad.xml:2:4: error: unknown element <para>`\n"), std::string::npos) << m;
}

TEST(Markdown, ListsFailedSourcesFirstAndStopsAt200Rows) {
    batch::Report report;
    for (int i = 0; i < 250; ++i) report.sources.push_back(result("ok-" + std::to_string(1000 + i) + ".xml", batch::Status::ok));
    report.sources.push_back(result("z`bad.xml", batch::Status::failed, {unknown_element("z`bad.xml")}));
    const std::string m = batch::to_markdown(report);
    const auto header = m.find("|---|");
    ASSERT_NE(header, std::string::npos);
    const std::string first_row = "| ❌ failed | `z'bad.xml` |";
    EXPECT_EQ(m.compare(m.find('\n', header) + 1, first_row.size(), first_row), 0) << m.substr(header, 200);
    EXPECT_NE(m.find("\n… and 51 more sources.\n"), std::string::npos);
    std::size_t rows = 0;
    for (std::size_t at = m.find("\n| "); at != std::string::npos; at = m.find("\n| ", at + 1)) ++rows;
    EXPECT_EQ(rows, 201u);  // the header and 200 sources
}

TEST(MergeReports, SortsTheSourcesAndKeepsTheLongestTime) {
    batch::Report a, b;
    a.folio_version = b.folio_version = "0.1.0";
    a.seconds = 2;
    b.seconds = 3;
    a.sources = {result("z.xml", batch::Status::ok)};
    b.sources = {result("m.xml", batch::Status::ok), result("n.xml", batch::Status::failed)};
    auto merged = batch::merge_reports({a, b}, {"a.json", "b.json"});
    ASSERT_TRUE(merged);
    ASSERT_EQ(merged->sources.size(), 3u);
    EXPECT_EQ(merged->sources[0].source, "m.xml");
    EXPECT_EQ(merged->sources[2].source, "z.xml");
    EXPECT_EQ(merged->seconds, 3);
}

TEST(MergeReports, RefusesADuplicateSourceAndMixedVersions) {
    batch::Report a, b;
    a.folio_version = b.folio_version = "0.1.0";
    a.sources = {result("x.xml", batch::Status::ok)};
    b.sources = {result("x.xml", batch::Status::ok)};
    auto dup = batch::merge_reports({a, b}, {"a.json", "b.json"});
    ASSERT_FALSE(dup);
    EXPECT_EQ(dup.error().location.file, "b.json");
    EXPECT_NE(dup.error().message.find("x.xml"), std::string::npos);
    b.sources = {};
    b.folio_version = "0.0.9";
    EXPECT_FALSE(batch::merge_reports({a, b}, {"a.json", "b.json"}));
}
