// folio's command line: parses arguments with CLI11 and calls the pipeline. Nothing else lives here.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "pipeline/pipeline.hpp"

namespace {

constexpr int exit_ok = 0;
constexpr int exit_input = 1;
constexpr int exit_usage = 2;

int report(const folio::pipeline::Outcome& outcome, bool quiet) {
    for (const auto& d : outcome.diagnostics.all()) std::cerr << folio::core::format(d) << '\n';
    if (!outcome.ok()) {
        const auto n = outcome.diagnostics.error_count();
        std::cerr << "folio: " << n << (n == 1 ? " error" : " errors") << ", nothing written\n";
        return exit_input;
    }
    if (!quiet) {
        for (const auto& path : outcome.outputs) std::cout << "wrote " << path << '\n';
    }
    return exit_ok;
}

void print_timings(const folio::pipeline::Outcome& o) {
    const auto& t = o.timings;
    const double total = t.read + t.style + t.layout + t.pdf + t.html + t.write;
    auto ms = [](double s) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", s * 1000.0);
        return std::string(buf);
    };
    std::cerr << "timings (ms): read " << ms(t.read) << "  style " << ms(t.style) << "  layout " << ms(t.layout)
              << "  pdf " << ms(t.pdf) << "  html " << ms(t.html) << "  write " << ms(t.write) << "  total "
              << ms(total) << "  pages " << o.pages << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"folio: XML content + style sheet -> print-ready PDF and accessible HTML"};
    app.footer(
        "Examples:\n"
        "  folio build                                  render the default brochure into output/\n"
        "  folio build source/iom-budapest.xml --style styles/brochure.xml -o out/\n"
        "  folio build doc.xml --pdf-only               only the PDF\n"
        "  folio check doc.xml                          validate without writing anything\n"
        "\n"
        "Exit codes: 0 success, 1 the input is wrong, 2 usage error.\n"
        "Diagnostics are printed as path:line:column: error: message.");
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", std::string("folio ") + folio::pipeline::version());

    folio::pipeline::Options options;
    options.source_path = FOLIO_DEFAULT_SOURCE;
    options.style_path = FOLIO_DEFAULT_STYLE;
    bool pdf_only = false;
    bool html_only = false;
    bool quiet = false;
    bool timings = false;

    auto* build = app.add_subcommand("build", "render a source to PDF and HTML (default: the IOM Budapest brochure)");
    build->add_option("source", options.source_path, "content source (.xml)")->check(CLI::ExistingFile);
    build->add_option("-s,--style", options.style_path, "style sheet (.xml); default styles/brochure.xml")
        ->check(CLI::ExistingFile);
    build->add_option("-o,--output", options.out_dir, "output folder (default: output)");
    auto* pdf_flag = build->add_flag("--pdf-only", pdf_only, "write only the PDF");
    build->add_flag("--html-only", html_only, "write only the HTML")->excludes(pdf_flag);
    build->add_flag("-q,--quiet", quiet, "print nothing but diagnostics");
    build->add_flag("--pdfa", options.pdfa, "write PDF/A-2b (archival)");
    build->add_flag("--cmyk", options.cmyk, "convert every colour to DeviceCMYK");
    build->add_flag("--marks", options.marks, "print crop and registration marks outside the bleed");
    build->add_flag("--external-assets", options.external_assets,
                    "HTML: write images beside the file instead of embedding them");
    build->add_flag("--allow-outside", options.allow_outside,
                    "allow image paths outside the source's folder");
    build->add_flag("--timings", timings, "print each stage's wall time to stderr");

    auto* check = app.add_subcommand("check", "validate a source and its style sheet; write nothing");
    check->add_option("source", options.source_path, "content source (.xml)")->required()->check(CLI::ExistingFile);
    check->add_option("-s,--style", options.style_path, "style sheet (.xml)")->check(CLI::ExistingFile);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return exit_usage;
    }

    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        const long long v = std::strtoll(epoch, &end, 10);
        if (*end != '\0' || v < 0) {
            std::cerr << "folio: error: SOURCE_DATE_EPOCH must be a non-negative whole number of seconds\n";
            return exit_usage;
        }
        options.source_date_epoch = v;
    }
    if (*build) {
        options.pdf = !html_only;
        options.html = !pdf_only;
        const auto outcome = folio::pipeline::run(options);
        if (timings) print_timings(outcome);
        return report(outcome, quiet);
    }
    if (*check) {
        options.check_only = true;
        const auto outcome = folio::pipeline::run(options);
        const int code = report(outcome, true);
        if (code == exit_ok) std::cout << options.source_path << ": ok, " << outcome.pages << " pages\n";
        return code;
    }
    std::cout << app.help();
    return exit_usage;
}
