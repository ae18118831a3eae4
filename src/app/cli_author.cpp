// The author's subcommands (issue 22): `folio init` (src/init) and `folio watch` (src/watch,
// src/serve), and the quality report's options that `build` and `check` share (src/report).

#include <iostream>
#include <memory>

#include "app/cli.hpp"
#include "init/init.hpp"
#include "report/command.hpp"
#include "watch/watch.hpp"

namespace folio::app {

void add_report_options(CLI::App& command, report::ReportRequest& r) {
    command.add_option("--report", r.format, "also print a quality report: json or sarif")
        ->check(CLI::IsMember({"json", "sarif"}));
    command.add_option("--report-output", r.output, "write the report to this file instead of stdout");
    command.add_option("--fail-on", r.fail_on, "exit 1 when the report has a finding this serious")
        ->check(CLI::IsMember({"warning", "error"}));
}

bool report_requested(const report::ReportRequest& r) { return !r.format.empty() || !r.fail_on.empty(); }

Subcommand add_init(CLI::App& app, Context& context) {
    auto r = std::make_shared<init::InitRequest>();
    auto* sub = app.add_subcommand("init", "start a new project: a source, a style to edit, images/, a README");
    sub->add_option("dir", r->dir, "the project folder (new or empty)")->required();
    sub->add_option("-s,--style", r->style, "the style to start from: brochure (default) or a5-booklet")
        ->check(CLI::IsMember(init::style_names()));
    sub->add_flag("--force", r->force, "write into a folder that is not empty");
    add_console_options(*sub, context, true, false);
    sub->footer(
        "Examples:\n"
        "  folio init my-brochure/                   a brochure project that builds at once\n"
        "  folio init booklet/ --style a5-booklet    start from the A5 booklet style\n"
        "\n"
        "Exit codes: 0 written, 1 the folder is not empty (use --force) or cannot be written, 2 usage error.");
    return {sub, [r, &context] {
                if (context.data.path.empty()) return context.usage_error(context.data.problem);
                r->data_dir = context.data.path;
                const auto written = init::init_project(*r);
                if (!written) {
                    context.print({written.error()});
                    return exit_input;
                }
                if (!context.console.quiet) {
                    std::cout << "folio: a new project in " << r->dir << "; build it with\n  cd " << r->dir
                              << " && folio build document.xml --style style.xml -o output/\n";
                }
                return exit_ok;
            }};
}

Subcommand add_watch(CLI::App& app, Context& context) {
    auto w = std::make_shared<watch::WatchRequest>();
    auto* sub = app.add_subcommand("watch", "build, then rebuild on every change of the source, style, images or fonts");
    sub->add_option("source", w->options.source_path, "content source (.xml)")->required()->check(CLI::ExistingFile);
    sub->add_option("-s,--style", w->options.style_path, "style sheet (.xml); default: the data folder's styles/brochure.xml")
        ->check(CLI::ExistingFile);
    sub->add_option("-o,--output", w->options.out_dir, "output folder (default: output)");
    sub->add_flag("--serve", w->serve, "serve a preview of the HTML and the PDF that reloads after each build");
    sub->add_option("--port", w->port, "the preview's port (default: a free one)")->check(CLI::Range(0, 65535));
    sub->add_option("--host", w->host, "the address to listen on (default: 127.0.0.1, this machine only)");
    add_console_options(*sub, context, false, false);
    sub->footer(
        "Examples:\n"
        "  folio watch doc.xml                       rebuild doc.pdf and doc.html on every save\n"
        "  folio watch doc.xml --serve --port 8000   and preview them at http://127.0.0.1:8000/\n"
        "\n"
        "Stops on Ctrl-C (SIGINT) or SIGTERM. Exit codes: 0 stopped, 1 cannot watch or serve, 2 usage error.");
    return {sub, [w, &context] {
                if (w->options.style_path.empty()) w->options.style_path = context.data.file("styles/brochure.xml");
                if (w->options.style_path.empty()) {
                    return context.usage_error(context.data.problem + ": give a style sheet with --style");
                }
                w->options.source_date_epoch = context.source_date_epoch;
                return watch::watch_command(*w, std::cout, std::cerr);
            }};
}

}  // namespace folio::app
