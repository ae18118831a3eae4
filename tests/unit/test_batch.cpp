// Unit tests of the batch library: shard assignment, the report's JSON (escaping, round trip,
// damaged reports), GitHub annotations, batch manifests, incremental checks, and BagIt manifests,
// bag-info and verification.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <fstream>
#include <set>

#include "batch/bagit.hpp"
#include "batch/batch.hpp"
#include "batch/report.hpp"
#include "batch/snapshot.hpp"
#include "core/sha256.hpp"
#include "pipeline/pipeline.hpp"

using namespace folio::batch;
namespace fs = std::filesystem;
using folio::core::Severity;

namespace {

/// A fresh, empty folder for one test.
fs::path scratch(const std::string& name) {
    // The process id keeps concurrent test runs (several build folders) apart.
    const fs::path p = fs::temp_directory_path() / ("folio-test-batch-" + std::to_string(getpid()) + "-" + name);
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

// --- shards ----------------------------------------------------------------------------------

TEST(Shard, ParsesKOverN) {
    auto s = parse_shard("2/5");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->index, 2u);
    EXPECT_EQ(s->count, 5u);
    EXPECT_TRUE(parse_shard("1/1"));
}

TEST(Shard, RefusesBadSpecifications) {
    for (const char* bad : {"", "3", "0/2", "3/2", "1/0", "a/b", "1/2x", "-1/2", "1//2", "/2", "1/"}) {
        EXPECT_FALSE(parse_shard(bad)) << bad;
    }
}

TEST(Shard, EverySourceLandsInExactlyOneShard) {
    std::vector<Job> jobs;
    for (int i = 0; i < 200; ++i) jobs.push_back({"docs/doc-" + std::to_string(i) + ".xml", "s.xml", "out"});
    for (unsigned n = 1; n <= 7; ++n) {
        std::multiset<std::string> seen;
        for (unsigned k = 1; k <= n; ++k) {
            for (const auto& j : select_shard(jobs, {k, n})) seen.insert(j.source);
        }
        ASSERT_EQ(seen.size(), jobs.size()) << n;
        for (const auto& j : jobs) EXPECT_EQ(seen.count(j.source), 1u) << j.source;
    }
}

TEST(Shard, DependsOnlyOnThePathAndTheCount) {
    // Fixed values: a change of the hash would move sources between CI jobs.
    EXPECT_EQ(shard_of("a.xml", 1), 1u);
    const unsigned s = shard_of("docs/report.xml", 4);
    EXPECT_GE(s, 1u);
    EXPECT_LE(s, 4u);
    EXPECT_EQ(shard_of("docs/report.xml", 4), s);
    // Adding sources does not move the others.
    std::vector<Job> few{{"a.xml", "", ""}, {"b.xml", "", ""}};
    std::vector<Job> more = few;
    more.push_back({"c.xml", "", ""});
    auto in_few = select_shard(few, {1, 2});
    auto in_more = select_shard(more, {1, 2});
    for (const auto& j : in_few) EXPECT_NE(std::find(in_more.begin(), in_more.end(), j), in_more.end());
}

TEST(Shard, SplitsALargeBatchRoughlyEvenly) {
    std::vector<Job> jobs;
    for (int i = 0; i < 1000; ++i) jobs.push_back({"s/" + std::to_string(i) + ".xml", "", ""});
    for (unsigned k = 1; k <= 4; ++k) {
        const auto n = select_shard(jobs, {k, 4}).size();
        EXPECT_GT(n, 200u);
        EXPECT_LT(n, 300u);
    }
}

// --- the report's JSON -----------------------------------------------------------------------

namespace {

SourceResult sample_result() {
    SourceResult r;
    r.source = "dir/we\"ird\\name\n.xml";
    r.status = Status::failed;
    r.settings.style = "styles/brochure.xml";
    r.settings.out_dir = "out";
    r.settings.pdfa = true;
    r.settings.source_date_epoch = 1700000000;
    r.pages = 3;
    r.seconds = 0.12345;
    r.inputs = {{"dir/a.xml", std::string(64, 'a')}};
    r.outputs = {{"out/a.pdf", std::string(64, 'b')}};
    r.diagnostics = {{Severity::error, "source.unknown-element", "unknown element <x\x01>\t\"q\"", {"dir/a.xml", 4, 7}},
                     {Severity::warning, "w", "caf\xc3\xa9", {"dir/a.xml", 0, 0}}};
    return r;
}

}  // namespace

TEST(ReportJson, EscapesStrings) {
    Report report{"0.1.0", {sample_result()}, 1.5};
    const std::string json = to_json(report);
    EXPECT_NE(json.find(R"("dir/we\"ird\\name\n.xml")"), std::string::npos) << json;
    EXPECT_NE(json.find(R"(unknown element <x\u0001>\t\"q\")"), std::string::npos) << json;
    EXPECT_NE(json.find("caf\xc3\xa9"), std::string::npos);
    EXPECT_NE(json.find(R"("format": "folio-batch-report")"), std::string::npos);
    EXPECT_NE(json.find(R"("version": 1)"), std::string::npos);
}

TEST(ReportJson, ReplacesInvalidUtf8InsteadOfThrowing) {
    auto r = sample_result();
    r.diagnostics[0].message = "bad \xff byte";
    const std::string json = to_json(Report{"0.1.0", {r}, 0});
    EXPECT_NE(json.find("bad \xef\xbf\xbd byte"), std::string::npos);
}

TEST(ReportJson, RoundTrips) {
    const Report report{"0.1.0", {sample_result()}, 1.5};
    auto back = parse_report(to_json(report), "r.json");
    ASSERT_TRUE(back) << back.error().message;
    ASSERT_EQ(back->sources.size(), 1u);
    const auto& a = report.sources[0];
    const auto& b = back->sources[0];
    EXPECT_EQ(b.source, a.source);
    EXPECT_EQ(b.status, a.status);
    EXPECT_EQ(b.settings, a.settings);
    EXPECT_EQ(b.pages, a.pages);
    EXPECT_DOUBLE_EQ(b.seconds, 0.123);  // rounded to milliseconds
    EXPECT_EQ(b.inputs, a.inputs);
    EXPECT_EQ(b.outputs, a.outputs);
    ASSERT_EQ(b.diagnostics.size(), 2u);
    EXPECT_EQ(b.diagnostics[0].message, a.diagnostics[0].message);
    EXPECT_EQ(b.diagnostics[0].location.line, 4u);
    EXPECT_EQ(b.diagnostics[0].location.column, 7u);
    EXPECT_EQ(b.diagnostics[1].severity, Severity::warning);
    EXPECT_EQ(back->folio_version, "0.1.0");
}

TEST(ReportJson, SummaryCountsStatuses) {
    auto ok = sample_result();
    ok.status = Status::ok;
    auto skipped = ok;
    skipped.status = Status::skipped;
    const std::string json = to_json(Report{"0.1.0", {sample_result(), ok, skipped}, 2});
    EXPECT_NE(json.find(R"("sources": 3,)"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("ok": 1,)"), std::string::npos);
    EXPECT_NE(json.find(R"("failed": 1,)"), std::string::npos);
    EXPECT_NE(json.find(R"("skipped": 1,)"), std::string::npos);
    EXPECT_NE(json.find(R"("errors": 3,)"), std::string::npos);
}

TEST(ReportJson, RefusesDamagedReports) {
    EXPECT_FALSE(parse_report("{not json", "r.json"));
    EXPECT_FALSE(parse_report(R"({"format": "other", "version": 1})", "r.json"));
    auto v2 = parse_report(R"({"format": "folio-batch-report", "version": 2})", "r.json");
    ASSERT_FALSE(v2);
    EXPECT_NE(v2.error().message.find("version 2"), std::string::npos);
    EXPECT_FALSE(parse_report(R"({"format": "folio-batch-report", "version": 1, "folio_version": "x"})", "r.json"));
    EXPECT_FALSE(parse_report(R"({"format": "folio-batch-report", "version": "1"})", "r.json"));
}

// --- GitHub annotations ----------------------------------------------------------------------

TEST(GithubAnnotation, FormatsErrorsAndWarnings) {
    folio::core::Diagnostic d{Severity::error, "c", "unknown element <x>", {"docs/a.xml", 12, 3}};
    EXPECT_EQ(github_annotation(d, "x.xml"), "::error file=docs/a.xml,line=12,col=3::unknown element <x>");
    d.severity = Severity::warning;
    d.location = {"", 0, 0};
    EXPECT_EQ(github_annotation(d, "x.xml"), "::warning file=x.xml::unknown element <x>");
    EXPECT_EQ(github_annotation(d, ""), "::warning::unknown element <x>");
}

TEST(GithubAnnotation, EscapesDataAndProperties) {
    folio::core::Diagnostic d{Severity::error, "c", "100% bad\r\nline: a, b", {"C:/a,b%.xml", 1, 2}};
    EXPECT_EQ(github_annotation(d, ""), "::error file=C%3A/a%2Cb%25.xml,line=1,col=2::100%25 bad%0D%0Aline: a, b");
}

// --- batch manifests and planning ------------------------------------------------------------

TEST(BatchManifest, ResolvesPathsAndReportsBadLines) {
    const fs::path dir = scratch("manifest");
    write(dir / "a.xml", "<document/>");
    write(dir / "sub/b.xml", "<document/>");
    write(dir / "sub/b.style.xml", "<styles/>");
    const std::string text = "# comment\n\na.xml  my.xml  web   # trailing\nsub/b.xml\nmissing.xml\na.xml s o extra\n";
    folio::core::Diagnostics diags;
    PlanRequest req;
    req.default_style = "default.xml";
    req.out_dir = "out";
    const std::string manifest = (dir / "list.txt").generic_string();
    auto jobs = parse_manifest(text, manifest, req, diags);
    ASSERT_EQ(jobs.size(), 2u);
    EXPECT_EQ(jobs[0], (Job{(dir / "a.xml").generic_string(), (dir / "my.xml").generic_string(), "out/web"}));
    // No style column: the sibling <stem>.style.xml.
    EXPECT_EQ(jobs[1], (Job{(dir / "sub/b.xml").generic_string(), (dir / "sub/b.style.xml").generic_string(), "out"}));
    ASSERT_EQ(diags.all().size(), 2u);
    EXPECT_EQ(diags.all()[0].location.line, 5u);
    EXPECT_EQ(diags.all()[1].location.line, 6u);
}

TEST(BatchPlan, WalksFoldersSortsAndRefusesClashes) {
    const fs::path dir = scratch("plan");
    write(dir / "z.xml", "");
    write(dir / "a/y.xml", "");
    write(dir / "a/y.style.xml", "");
    write(dir / "notes.txt", "");
    PlanRequest req;
    req.paths = {dir.string()};
    req.default_style = "d.xml";
    req.out_dir = "out";
    folio::core::Diagnostics diags;
    auto jobs = plan(req, diags);
    EXPECT_FALSE(diags.has_errors());
    ASSERT_EQ(jobs.size(), 2u);
    EXPECT_EQ(jobs[0].source, (dir / "a/y.xml").generic_string());
    EXPECT_EQ(jobs[0].style, (dir / "a/y.style.xml").generic_string());
    EXPECT_EQ(jobs[0].out_dir, "out/a");
    EXPECT_EQ(jobs[1].style, "d.xml");
    EXPECT_EQ(jobs[1].out_dir, "out");

    write(dir / "b/z.xml", "");
    req.paths = {(dir / "z.xml").string(), (dir / "b/z.xml").string(), (dir / "z.xml").string()};
    folio::core::Diagnostics clash;
    jobs = plan(req, clash);
    EXPECT_EQ(jobs.size(), 2u);  // the duplicate is dropped
    EXPECT_TRUE(clash.has_errors());  // both write out/z.pdf
}

// --- incremental checks ----------------------------------------------------------------------

TEST(Incremental, UpToDateOnlyWhenInputsOutputsAndSettingsMatch) {
    const fs::path dir = scratch("incremental");
    write(dir / "in.xml", "source");
    write(dir / "out.pdf", "pdf");
    const Job job{(dir / "in.xml").string(), "s.xml", "out"};
    RenderSettings settings;
    SourceResult prev;
    prev.source = job.source;
    prev.status = Status::ok;
    prev.settings = settings;
    prev.settings.style = "s.xml";
    prev.settings.out_dir = "out";
    prev.inputs = {{job.source, *folio::core::sha256_file(job.source)}};
    prev.outputs = {{(dir / "out.pdf").string(), *folio::core::sha256_file((dir / "out.pdf").string())}};
    const std::string v = folio::pipeline::version();
    EXPECT_TRUE(up_to_date(prev, v, job, settings));
    EXPECT_FALSE(up_to_date(prev, "0.0.0-other", job, settings));
    RenderSettings pdfa = settings;
    pdfa.pdfa = true;
    EXPECT_FALSE(up_to_date(prev, v, job, pdfa));
    auto failed = prev;
    failed.status = Status::failed;
    EXPECT_FALSE(up_to_date(failed, v, job, settings));
    write(dir / "out.pdf", "changed");
    EXPECT_FALSE(up_to_date(prev, v, job, settings));
    write(dir / "out.pdf", "pdf");
    write(dir / "in.xml", "edited");
    EXPECT_FALSE(up_to_date(prev, v, job, settings));
}

// --- BagIt ------------------------------------------------------------------------------------

TEST(BagitPaths, PercentEncodesPercentCrAndLf) {
    EXPECT_EQ(bagit::encode_path("data/a%b\r\nc d.txt"), "data/a%25b%0D%0Ac d.txt");
    EXPECT_EQ(bagit::decode_path("data/a%25b%0d%0Ac d.txt"), "data/a%b\r\nc d.txt");
    EXPECT_EQ(bagit::decode_path("data/%41%2"), "data/%41%2");  // only the three codes
}

TEST(BagitManifest, ParsesWhitespaceLineEndingsAndEncodedPaths) {
    std::vector<std::string> problems;
    const auto entries = bagit::parse_manifest("ABCDEF  data/a b.txt\r\n0123\tdata/x%0Ay\n\n", "m.txt", problems);
    EXPECT_TRUE(problems.empty());
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0], (bagit::ManifestEntry{"abcdef", "data/a b.txt"}));
    EXPECT_EQ(entries[1], (bagit::ManifestEntry{"0123", "data/x\ny"}));
}

TEST(BagitManifest, ReportsMalformedUnsafeAndDuplicateLines) {
    std::vector<std::string> problems;
    const auto entries = bagit::parse_manifest(
        "nothex data/a\nabc\nabc ../etc/passwd\nabc /abs\nabc data/./x\nabc data/ok\nabd data/ok\n", "m.txt", problems);
    EXPECT_EQ(entries.size(), 1u);
    ASSERT_EQ(problems.size(), 6u);
    EXPECT_EQ(problems[0], "m.txt:1: malformed line, expected CHECKSUM PATH");
    EXPECT_EQ(problems[1], "m.txt:2: malformed line, expected CHECKSUM PATH");
    EXPECT_EQ(problems[2], "m.txt:3: unsafe path: ../etc/passwd");
    EXPECT_EQ(problems[5], "m.txt:7: listed twice: data/ok");
}

TEST(BagitManifest, FormatsSortedLikeSha256sum) {
    EXPECT_EQ(bagit::format_manifest({{"bb", "data/b"}, {"aa", "data/a%"}}), "aa  data/a%25\nbb  data/b\n");
}

TEST(BagInfo, CollapsesWhitespaceAndParsesContinuations) {
    EXPECT_EQ(bagit::format_bag_info({{"External-Description", "  two\n  lines  "}, {"X", "y"}}),
              "External-Description: two lines\nX: y\n");
    const auto info = bagit::parse_bag_info("A: one\n  two\r\nB:three\n");
    ASSERT_EQ(info.size(), 2u);
    EXPECT_EQ(info[0], (std::pair<std::string, std::string>{"A", "one two"}));
    EXPECT_EQ(info[1], (std::pair<std::string, std::string>{"B", "three"}));
}

TEST(Bag, WritesAVerifiableBagAndCatchesEveryChange) {
    const fs::path bag = scratch("bag");
    write(bag / "data/a.txt", "hello");
    write(bag / "data/sub/b.txt", "world!");
    ASSERT_TRUE(bagit::write_tag_files(bag.string(), {{"Bag-Software-Agent", "test"}}));
    auto v = bagit::verify_bag(bag.string());
    EXPECT_TRUE(v.ok()) << v.problems.front();
    EXPECT_EQ(v.files, 2u);
    EXPECT_EQ(v.octets, 11u);
    std::ifstream info(bag / "bag-info.txt");
    const std::string text((std::istreambuf_iterator<char>(info)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, "Bag-Software-Agent: test\nPayload-Oxum: 11.2\n");

    write(bag / "data/a.txt", "hellO");
    v = bagit::verify_bag(bag.string());
    ASSERT_EQ(v.problems.size(), 1u);
    EXPECT_EQ(v.problems[0], "altered: data/a.txt");
    write(bag / "data/a.txt", "hello");

    write(bag / "data/new.txt", "x");
    write(bag / "notes.txt", "x");
    fs::remove(bag / "data/sub/b.txt");
    v = bagit::verify_bag(bag.string());
    const std::set<std::string> found(v.problems.begin(), v.problems.end());
    EXPECT_TRUE(found.count("missing: data/sub/b.txt"));
    EXPECT_TRUE(found.count("extra: data/new.txt"));
    EXPECT_TRUE(found.count("extra: notes.txt"));
    EXPECT_TRUE(found.count("Payload-Oxum: bag-info.txt says 11.2, the payload is 6.2"));

    fs::remove(bag / "manifest-sha256.txt");
    v = bagit::verify_bag(bag.string());
    EXPECT_TRUE(std::count(v.problems.begin(), v.problems.end(), "missing: manifest-sha256.txt"));
}

TEST(Snapshot, BaggingDateComesFromTheEpochOrTheDocument) {
    EXPECT_EQ(bagging_date(0, ""), "1970-01-01");
    EXPECT_EQ(bagging_date(1700000000, "2001-02-03"), "2023-11-14");
    EXPECT_EQ(bagging_date(-1, "2001-02-03"), "2001-02-03");
    EXPECT_EQ(bagging_date(-1, ""), "");
}

// --- one render on one thread or many (issue 9) -----------------------------------------------

TEST(Render, TheSameBytesOnOneThreadAndOnEveryCore) {
    // A generated document large enough that layout and the PDF writer both split their work.
    const fs::path dir = scratch("threads");
    const fs::path source = dir / "doc.xml";
    const std::string generate = "bash '" + std::string(FOLIO_SOURCE_DIR) + "/bench/generate' 25 '" + source.string() + "'";
    ASSERT_EQ(std::system(generate.c_str()), 0);
    std::string bytes[2][2];
    for (unsigned threads : {1u, 4u}) {
        folio::pipeline::Options o;
        o.source_path = source.string();
        o.style_path = std::string(FOLIO_SOURCE_DIR) + "/styles/brochure.xml";
        o.out_dir = (dir / ("out-" + std::to_string(threads))).string();
        o.source_date_epoch = 0;
        o.threads = threads;
        const auto outcome = folio::pipeline::run(o);
        ASSERT_FALSE(outcome.diagnostics.has_errors());
        EXPECT_GT(outcome.pages, 25u);
        for (int k = 0; k < 2; ++k) {
            std::ifstream in(fs::path(o.out_dir) / (k == 0 ? "doc.pdf" : "doc.html"), std::ios::binary);
            bytes[threads == 1 ? 0 : 1][k].assign(std::istreambuf_iterator<char>(in), {});
        }
    }
    EXPECT_GT(bytes[0][0].size(), 100000u);
    EXPECT_EQ(bytes[0][0], bytes[1][0]) << "PDF";
    EXPECT_EQ(bytes[0][1], bytes[1][1]) << "HTML";
    fs::remove_all(dir);
}
