#pragma once
/// `folio check --report` and `folio build --report` (issue 22): one render with the quality
/// checks attached, the report printed or written, and an exit code for CI.

#include <ostream>
#include <string>

#include "pipeline/pipeline.hpp"

namespace folio::report {

/// What the command line asked of the report.
struct ReportRequest {
    std::string format;   ///< "json" or "sarif"; empty = none printed (--fail-on alone)
    std::string output;   ///< a file to write it to; empty = standard output
    std::string fail_on;  ///< "warning" or "error": exit 1 when a finding is that serious; empty = never
};

/// Renders (or, with options.check_only, only lays out) with the checks attached; prints the
/// diagnostics to `err` and the report to `out` or its file. Exit 0, or 1 when the input has an
/// error, a finding reaches `fail_on`, or the report cannot be written.
int report_command(pipeline::Options options, const ReportRequest& request, std::ostream& out, std::ostream& err);

}  // namespace folio::report
