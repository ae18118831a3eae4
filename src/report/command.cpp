// folio check/build --report: the recipe is
//   1. run the pipeline with a Collector as its inspector (the checks see the laid-out pages);
//   2. join the render's diagnostics to the findings and format the report;
//   3. print or write it, then decide the exit code (input errors, then --fail-on).

#include "report/command.hpp"

#include <fstream>

#include "report/report.hpp"

namespace folio::report {

int report_command(pipeline::Options options, const ReportRequest& request, std::ostream& out,
                   std::ostream& err) {
    Collector collector;
    options.inspect = [&collector](const realize::RealizedDocument& realized, const layout::LayoutResult& laid,
                                   const text::FontProvider& fonts) { collector.inspect(realized, laid, fonts); };
    const pipeline::Outcome outcome = pipeline::run(options);
    for (const auto& d : outcome.diagnostics.all()) err << core::format(d) << '\n';
    const Report report = collector.finish(outcome.diagnostics, options.source_path, options.style_path, outcome.pages);
    const std::string text = request.format == "sarif" ? to_sarif(report, pipeline::version())
                                                       : to_json(report, pipeline::version());
    if (request.format.empty()) {
        // --fail-on alone: the findings decide the exit code; the summary below is all that is shown
    } else if (request.output.empty()) {
        out << text;
    } else {
        std::ofstream file(request.output, std::ios::binary | std::ios::trunc);
        file << text;
        file.flush();
        if (!file) {
            err << "folio: error: cannot write the report to " << request.output << '\n';
            return 1;
        }
    }
    err << "folio: report: " << count_at_least(report, Level::error) << " errors, "
        << count_at_least(report, Level::warning) - count_at_least(report, Level::error) << " warnings, "
        << report.findings.size() - count_at_least(report, Level::warning) << " notes\n";
    if (!outcome.ok()) return 1;
    if (request.fail_on == "warning" && count_at_least(report, Level::warning) > 0) return 1;
    if (request.fail_on == "error" && count_at_least(report, Level::error) > 0) return 1;
    return 0;
}

}  // namespace folio::report
