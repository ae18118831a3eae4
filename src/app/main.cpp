// folio's command line: parses arguments with CLI11 and calls the pipeline. Nothing else lives here.

#include <CLI/CLI.hpp>

#include <csignal>
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

/// The command line's values, filled in by CLI11.
struct Command {
    folio::pipeline::Options options;
    bool pdf_only = false;
    bool html_only = false;
    bool quiet = false;
    bool timings = false;
    folio::batch::BatchCommand batch;
    folio::batch::JobCommand job;
    folio::batch::SnapshotRequest snapshot;
    std::string bag_dir;
};

/// The subcommands, as the user sees them.
struct Subcommands {
    CLI::App* build;
    CLI::App* check;
    CLI::App* batch;
    CLI::App* snapshot;
    CLI::App* verify;
    CLI::App* job;
};

CLI::App* add_build(CLI::App& app, Command& c) {
    auto* build = app.add_subcommand("build", "render a source to PDF and HTML (default: the IOM Budapest brochure)");
    build->add_option("source", c.options.source_path, "content source (.xml)")->check(CLI::ExistingFile);
    build->add_option("-s,--style", c.options.style_path, "style sheet (.xml); default styles/brochure.xml")
        ->check(CLI::ExistingFile);
    build->add_option("-o,--output", c.options.out_dir, "output folder (default: output)");
    auto* pdf_flag = build->add_flag("--pdf-only", c.pdf_only, "write only the PDF");
    build->add_flag("--html-only", c.html_only, "write only the HTML")->excludes(pdf_flag);
    build->add_flag("-q,--quiet", c.quiet, "print nothing but diagnostics");
    build->add_flag("--pdfa", c.options.pdfa, "write PDF/A-2b (archival)");
    build->add_flag("--cmyk", c.options.cmyk, "convert every colour to DeviceCMYK");
    build->add_flag("--marks", c.options.marks, "print crop and registration marks outside the bleed");
    build->add_flag("--external-assets", c.options.external_assets,
                    "HTML: write images beside the file instead of embedding them");
    build->add_flag("--no-embed-fonts", [&c](std::int64_t) { c.options.embed_fonts = false; },
                    "HTML: name the fonts with local() only instead of embedding their subsets");
    build->add_flag("--allow-outside", c.options.allow_outside,
                    "allow image paths outside the source's folder");
    build->add_flag("--timings", c.timings, "print each stage's wall time to stderr");
    return build;
}

CLI::App* add_check(CLI::App& app, Command& c) {
    auto* check = app.add_subcommand("check", "validate a source and its style sheet; write nothing");
    check->add_option("source", c.options.source_path, "content source (.xml)")->required()->check(CLI::ExistingFile);
    check->add_option("-s,--style", c.options.style_path, "style sheet (.xml)")->check(CLI::ExistingFile);
    return check;
}

/// batch (#8): options go straight into the batch library's command struct.
CLI::App* add_batch(CLI::App& app, Command& c) {
    auto& b = c.batch;
    b.plan.default_style = FOLIO_DEFAULT_STYLE;
    auto* batch = app.add_subcommand("batch", "render many sources in parallel, with a JSON report");
    batch->add_option("sources", b.plan.paths, "source files, or folders searched for *.xml")
        ->check(CLI::ExistingPath);
    batch->add_option("--manifest", b.plan.manifest, "file of lines: SOURCE [STYLE [OUTDIR]]")
        ->check(CLI::ExistingFile);
    batch->add_option("-s,--style", b.plan.default_style,
                      "style sheet for sources without their own (<stem>.style.xml)")->check(CLI::ExistingFile);
    batch->add_option("-o,--output", b.plan.out_dir, "output folder (default: output)");
    batch->add_option("-j,--jobs", b.jobs, "parallel jobs (default: the number of cores)")
        ->check(CLI::Range(1u, 1024u));
    batch->add_option("--report", b.report, "write a JSON report here; its previous run skips unchanged sources");
    batch->add_option("--annotations", b.annotations, "also print diagnostics as CI annotations")
        ->check(CLI::IsMember({"github"}));
    batch->add_option("--shard", b.shard, "render only shard K of N (K/N, 1-based)");
    batch->add_flag("--fail-on-warning", b.render.fail_on_warning, "a source with a warning fails");
    batch->add_flag("--force", b.force, "render even sources unchanged since the report");
    batch->add_flag("-q,--quiet", b.quiet, "print nothing but diagnostics");
    batch->add_flag("--pdfa", b.render.pdfa, "write PDF/A-2b (archival)");
    batch->add_flag("--cmyk", b.render.cmyk, "convert every colour to DeviceCMYK");
    batch->add_flag("--marks", b.render.marks, "print crop and registration marks");
    batch->add_flag("--allow-outside", b.render.allow_outside, "allow image paths outside a source's folder");
    return batch;
}

CLI::App* add_snapshot(CLI::App& app, Command& c) {
    c.snapshot.style = FOLIO_DEFAULT_STYLE;
    auto* snapshot = app.add_subcommand("snapshot", "write an archival BagIt bag: PDF/A, HTML, every input");
    snapshot->add_option("source", c.snapshot.source, "content source (.xml)")->required()->check(CLI::ExistingFile);
    snapshot->add_option("-s,--style", c.snapshot.style, "style sheet (.xml)")->check(CLI::ExistingFile);
    snapshot->add_option("-o,--output", c.snapshot.bag_dir, "the bag folder (new or empty)")->required();
    snapshot->add_flag("-q,--quiet", c.quiet, "print nothing but diagnostics");
    return snapshot;
}

CLI::App* add_verify(CLI::App& app, Command& c) {
    auto* verify = app.add_subcommand("verify", "check that a BagIt bag is complete and every checksum holds");
    verify->add_option("bag", c.bag_dir, "the bag folder")->required();
    return verify;
}

/// batch-job: one source of a batch in a process of its own (batch/isolate.cpp); not for users.
CLI::App* add_job(CLI::App& app, Command& c) {
    auto& j = c.job;
    auto* job = app.add_subcommand("batch-job", "");
    job->group("");  // hidden from --help
    job->add_option("source", j.job.source)->required();
    job->add_option("--style", j.job.style)->required();
    job->add_option("-o", j.job.out_dir)->required();
    job->add_option("--threads", j.threads);
    job->add_flag("--pdfa", j.render.pdfa);
    job->add_flag("--cmyk", j.render.cmyk);
    job->add_flag("--marks", j.render.marks);
    job->add_flag("--allow-outside", j.render.allow_outside);
    job->add_flag("--fail-on-warning", j.render.fail_on_warning);
    job->add_flag("!--no-pdf", j.render.pdf);
    job->add_flag("!--no-html", j.render.html);
    return job;
}

/// SOURCE_DATE_EPOCH into the options; false when it is set but not a whole number of seconds.
bool read_source_date_epoch(Command& c) {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (epoch == nullptr || *epoch == '\0') return true;
    char* end = nullptr;
    const long long v = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || v < 0) return false;
    c.options.source_date_epoch = v;
    c.batch.render.source_date_epoch = v;
    c.snapshot.source_date_epoch = v;
    c.job.render.source_date_epoch = v;
    return true;
}

/// Runs the subcommand the user chose.
int dispatch(const CLI::App& app, const Subcommands& sub, Command& c) {
    if (*sub.build) {
        c.options.pdf = !c.html_only;
        c.options.html = !c.pdf_only;
        const auto outcome = folio::pipeline::run(c.options);
        if (c.timings) print_timings(outcome);
        return report(outcome, c.quiet);
    }
    if (*sub.batch) {
        if (c.batch.plan.paths.empty() && c.batch.plan.manifest.empty()) {
            std::cerr << "folio: error: batch needs sources, folders or --manifest\n";
            return exit_usage;
        }
        c.batch.terminal = isatty(STDOUT_FILENO) != 0;
        return folio::batch::batch_command(c.batch, std::cout, std::cerr);
    }
    if (*sub.job) return folio::batch::job_command(c.job, std::cout);
    if (*sub.snapshot) return folio::batch::snapshot_command(c.snapshot, c.quiet, std::cout, std::cerr);
    if (*sub.verify) return folio::batch::verify_command(c.bag_dir, std::cout);
    if (*sub.check) {
        c.options.check_only = true;
        const auto outcome = folio::pipeline::run(c.options);
        const int code = report(outcome, true);
        if (code == exit_ok) std::cout << c.options.source_path << ": ok, " << outcome.pages << " pages\n";
        return code;
    }
    std::cout << app.help();
    return exit_usage;
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

    Command command;
    command.options.source_path = FOLIO_DEFAULT_SOURCE;
    command.options.style_path = FOLIO_DEFAULT_STYLE;
    const Subcommands sub{add_build(app, command), add_check(app, command), add_batch(app, command),
                          add_snapshot(app, command), add_verify(app, command), add_job(app, command)};
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return exit_usage;
    }
    if (!read_source_date_epoch(command)) {
        std::cerr << "folio: error: SOURCE_DATE_EPOCH must be a non-negative whole number of seconds\n";
        return exit_usage;
    }
    // A file over the size limit (ulimit -f) is an error the writers report ("File too large"),
    // not a signal that kills folio with its temporary files in place.
    std::signal(SIGXFSZ, SIG_IGN);
    return dispatch(app, sub, command);
}
