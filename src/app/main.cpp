// folio's command line: parses arguments with CLI11 and calls the pipeline. Nothing else lives here.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <unistd.h>

#include "batch/commands.hpp"
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
    const double total = t.total;
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
        "  folio batch docs/ -j 4 --report report.json  render a folder in parallel, with a report\n"
        "  folio snapshot doc.xml -o bag/               an archival BagIt bag; `folio verify bag/`\n"
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

    // batch, snapshot, verify (#8): options go straight into the batch library's command structs.
    folio::batch::BatchCommand batch_cmd;
    batch_cmd.plan.default_style = FOLIO_DEFAULT_STYLE;
    auto* batch = app.add_subcommand("batch", "render many sources in parallel, with a JSON report");
    batch->add_option("sources", batch_cmd.plan.paths, "source files, or folders searched for *.xml")
        ->check(CLI::ExistingPath);
    batch->add_option("--manifest", batch_cmd.plan.manifest, "file of lines: SOURCE [STYLE [OUTDIR]]")
        ->check(CLI::ExistingFile);
    batch->add_option("-s,--style", batch_cmd.plan.default_style,
                      "style sheet for sources without their own (<stem>.style.xml)")->check(CLI::ExistingFile);
    batch->add_option("-o,--output", batch_cmd.plan.out_dir, "output folder (default: output)");
    batch->add_option("-j,--jobs", batch_cmd.jobs, "parallel jobs (default: the number of cores)")
        ->check(CLI::Range(1u, 1024u));
    batch->add_option("--report", batch_cmd.report, "write a JSON report here; its previous run skips unchanged sources");
    batch->add_option("--annotations", batch_cmd.annotations, "also print diagnostics as CI annotations")
        ->check(CLI::IsMember({"github"}));
    batch->add_option("--shard", batch_cmd.shard, "render only shard K of N (K/N, 1-based)");
    batch->add_flag("--fail-on-warning", batch_cmd.render.fail_on_warning, "a source with a warning fails");
    batch->add_flag("--force", batch_cmd.force, "render even sources unchanged since the report");
    batch->add_flag("-q,--quiet", batch_cmd.quiet, "print nothing but diagnostics");
    batch->add_flag("--pdfa", batch_cmd.render.pdfa, "write PDF/A-2b (archival)");
    batch->add_flag("--cmyk", batch_cmd.render.cmyk, "convert every colour to DeviceCMYK");
    batch->add_flag("--marks", batch_cmd.render.marks, "print crop and registration marks");
    batch->add_flag("--allow-outside", batch_cmd.render.allow_outside, "allow image paths outside a source's folder");

    folio::batch::SnapshotRequest snap;
    snap.style = FOLIO_DEFAULT_STYLE;
    auto* snapshot = app.add_subcommand("snapshot", "write an archival BagIt bag: PDF/A, HTML, every input");
    snapshot->add_option("source", snap.source, "content source (.xml)")->required()->check(CLI::ExistingFile);
    snapshot->add_option("-s,--style", snap.style, "style sheet (.xml)")->check(CLI::ExistingFile);
    snapshot->add_option("-o,--output", snap.bag_dir, "the bag folder (new or empty)")->required();
    snapshot->add_flag("-q,--quiet", quiet, "print nothing but diagnostics");

    std::string bag_dir;
    auto* verify = app.add_subcommand("verify", "check that a BagIt bag is complete and every checksum holds");
    verify->add_option("bag", bag_dir, "the bag folder")->required();

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
    if (*batch) {
        if (batch_cmd.plan.paths.empty() && batch_cmd.plan.manifest.empty()) {
            std::cerr << "folio: error: batch needs sources, folders or --manifest\n";
            return exit_usage;
        }
        batch_cmd.render.source_date_epoch = options.source_date_epoch;
        batch_cmd.terminal = isatty(STDOUT_FILENO) != 0;
        return folio::batch::batch_command(batch_cmd, std::cout, std::cerr);
    }
    if (*snapshot) {
        snap.source_date_epoch = options.source_date_epoch;
        return folio::batch::snapshot_command(snap, quiet, std::cout, std::cerr);
    }
    if (*verify) return folio::batch::verify_command(bag_dir, std::cout);
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
