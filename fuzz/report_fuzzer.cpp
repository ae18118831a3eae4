// Fuzz target: the batch report reader (batch::parse_report) on any bytes, as `folio batch
// --report` reads a previous run's report and `--merge-reports` the reports of shards, which may
// come from other machines. A report it accepts is written again as JSON, JUnit XML and Markdown,
// and merged with itself, which must be refused when it names a source (every source twice).
// Nothing may crash, hang or leak.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "batch/report.hpp"
#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace folio;
    auto report = batch::parse_report(fuzz::bytes_of(data, size), "fuzz.json");
    if (!report) {
        (void)core::format(report.error());
        return 0;
    }
    (void)batch::to_json(*report);
    (void)batch::to_junit(*report);
    (void)batch::to_markdown(*report);
    const auto merged = batch::merge_reports({*report, *report}, {"a.json", "b.json"});
    if (!report->sources.empty() && merged) std::abort();  // a source in both was merged
    return 0;
}
