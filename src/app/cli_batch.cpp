// `folio batch`, `snapshot`, `verify` and the hidden `batch-job`: CLI11 definitions over the
// batch library's commands (batch/commands.hpp).

#include <iostream>
#include <memory>

#include <unistd.h>

#include "app/cli.hpp"
#include "batch/commands.hpp"
#include "batch/worker.hpp"

namespace folio::app {
namespace {

/// The style sheet of sources without one: --style, else the data folder's; false (and a usage
/// error printed) when there is neither.
bool default_style(const Context& context, std::string& style) {
    if (style.empty()) style = context.data.file("styles/brochure.xml");
    if (!style.empty()) return true;
    context.usage_error(context.data.problem + ": give a style sheet with --style");
    return false;
}

/// --report files by their extension: .json (the incremental JSON report; one), .xml (JUnit),
/// .md (a Markdown summary). False (and a usage error printed) for anything else.
bool sort_reports(const Context& context, const std::vector<std::string>& reports, batch::BatchCommand& b) {
    for (const auto& path : reports) {
        auto ends = [&](const char* tail) {
            const std::string t(tail);
            return path.size() >= t.size() && path.compare(path.size() - t.size(), t.size(), t) == 0;
        };
        if (ends(".json") && b.report.empty()) b.report = path;
        else if (ends(".xml")) b.junit.push_back(path);
        else if (ends(".md")) b.markdown.push_back(path);
        else {
            context.usage_error("--report " + path + ": name a .json (report), .xml (JUnit) or .md (Markdown) file, "
                                "and at most one .json");
            return false;
        }
    }
    return true;
}

/// --shard-base 0: K/N with K counted from 0 (a Kubernetes Indexed Job's JOB_COMPLETION_INDEX)
/// becomes the library's K+1/N; anything not a number is left for the library to refuse.
void shard_from_zero(std::string& shard) {
    const auto slash = shard.find('/');
    if (slash == 0 || slash == std::string::npos) return;
    const std::string k = shard.substr(0, slash);
    if (k.size() > 9 || k.find_first_not_of("0123456789") != std::string::npos) return;
    shard = std::to_string(std::stoul(k) + 1) + shard.substr(slash);
}

int run_batch(const Context& context, batch::BatchCommand& b, const std::vector<std::string>& reports) {
    b.quiet = context.console.quiet;
    b.annotations = context.console.annotations;
    b.diagnostics = context.diagnostic_style();
    b.render.source_date_epoch = context.source_date_epoch;
    if (!sort_reports(context, reports, b)) return exit_usage;
    if (!b.merge.empty()) {
        if (b.merge_output.empty()) return context.usage_error("--merge-reports needs -o ALL.json, the merged report");
        return batch::merge_command(b, std::cout, std::cerr);
    }
    if (b.plan.paths.empty() && b.plan.manifest.empty()) {
        return context.usage_error("batch needs sources, folders or --manifest (or --merge-reports)");
    }
    if (!default_style(context, b.plan.default_style)) return exit_usage;
    b.terminal = isatty(STDOUT_FILENO) != 0;
    return batch::batch_command(b, std::cout, std::cerr);
}

}  // namespace

Subcommand add_batch(CLI::App& app, Context& context) {
    auto b = std::make_shared<batch::BatchCommand>();
    auto reports = std::make_shared<std::vector<std::string>>();
    auto base = std::make_shared<int>(1);
    auto* batch = app.add_subcommand("batch", "render many sources in parallel, with reports for CI");
    batch->add_option("sources", b->plan.paths, "source files, or folders searched for *.xml")
        ->check(CLI::ExistingPath);
    batch->add_option("--manifest", b->plan.manifest, "file of lines: SOURCE [STYLE [OUTDIR]]")
        ->check(CLI::ExistingFile);
    batch->add_option("-s,--style", b->plan.default_style,
                      "style sheet for sources without their own (<stem>.style.xml); default: the "
                      "data folder's styles/brochure.xml")->check(CLI::ExistingFile);
    auto* output = batch->add_option("-o,--output", b->plan.out_dir,
                      "output folder (default: output); with --merge-reports: the merged report");
    batch->add_option("-j,--jobs", b->jobs, "parallel jobs (default: the number of cores)")
        ->check(CLI::Range(1u, 1024u));
    batch->add_option("--report", *reports,
                      "write a report: FILE.json (folio's; its previous run skips unchanged sources), "
                      "FILE.xml (JUnit), FILE.md (Markdown summary); repeatable");
    batch->add_option("--shard", b->shard, "render only shard K of N (K/N, K from 1, or from 0 with --shard-base 0)");
    batch->add_option("--shard-base", *base,
                      "0: --shard counts K from 0, as a Kubernetes Indexed Job's JOB_COMPLETION_INDEX does "
                      "(default 1)")->check(CLI::Range(0, 1));
    batch->add_option("--merge-reports", b->merge,
                      "merge JSON reports (of shards) into -o ALL.json; renders nothing")->check(CLI::ExistingFile);
    batch->add_flag("--fail-on-warning", b->render.fail_on_warning, "a source with a warning fails");
    batch->add_flag("--force", b->force, "render even sources unchanged since the report");
    batch->add_flag("--pdfa", b->render.pdfa, "write PDF/A-2a (archival, tagged)");
    batch->add_flag("--cmyk", b->render.cmyk, "convert every colour to DeviceCMYK");
    batch->add_flag("--marks", b->render.marks, "print crop and registration marks");
    batch->add_flag("--allow-outside", b->render.allow_outside, "allow image paths outside a source's folder");
    add_console_options(*batch, context, true, false);
    batch->footer(
        "Examples:\n"
        "  folio batch docs/ -j 4 --report report.json      a folder in parallel; again: only what changed\n"
        "  folio batch --manifest list.txt --shard 2/4 --report shard-2.json --annotations github\n"
        "                                                   one CI job of four\n"
        "  folio batch --merge-reports shard-*.json -o all.json --report junit.xml --report summary.md\n"
        "                                                   one report of all shards, JUnit and Markdown\n"
        "\n"
        "Exit codes: 0 every source ok, 1 a source failed, 2 usage error.");
    return {batch, [b, reports, output, base, &context] {
                if (output->count() > 0) b->merge_output = b->plan.out_dir;
                if (*base == 0) shard_from_zero(b->shard);
                return run_batch(context, *b, *reports);
            }};
}

Subcommand add_snapshot(CLI::App& app, Context& context) {
    auto request = std::make_shared<batch::SnapshotRequest>();
    auto* snapshot = app.add_subcommand("snapshot", "write an archival BagIt bag: PDF/A, HTML, every input");
    snapshot->add_option("source", request->source, "content source (.xml)")->required()->check(CLI::ExistingFile);
    snapshot->add_option("-s,--style", request->style, "style sheet (.xml); default: the data folder's styles/brochure.xml")
        ->check(CLI::ExistingFile);
    snapshot->add_option("-o,--output", request->bag_dir, "the bag folder (new or empty)")->required();
    add_console_options(*snapshot, context, true, false);
    snapshot->footer(
        "Examples:\n"
        "  folio snapshot doc.xml -o bag/            the bag; check it later with `folio verify bag/`\n"
        "\n"
        "Exit codes: 0 written, 1 the input is wrong, 2 usage error (the folder is not empty).");
    return {snapshot, [request, &context] {
                if (!default_style(context, request->style)) return exit_usage;
                request->source_date_epoch = context.source_date_epoch;
                return batch::snapshot_command(*request, context.console.quiet, std::cout, std::cerr);
            }};
}

Subcommand add_verify(CLI::App& app, Context&) {
    auto bag = std::make_shared<std::string>();
    auto* verify = app.add_subcommand("verify", "check that a BagIt bag is complete and every checksum holds");
    verify->add_option("bag", *bag, "the bag folder")->required();
    verify->footer(
        "Examples:\n"
        "  folio verify bag/                         one line per missing, extra or altered file\n"
        "\n"
        "Exit codes: 0 the bag is valid, 1 it is not, 2 usage error.");
    return {verify, [bag] { return batch::verify_command(*bag, std::cout); }};
}

/// batch-job: one source of a batch in a process of its own (batch/isolate.cpp); not for users.
Subcommand add_batch_job(CLI::App& app, Context& context) {
    auto j = std::make_shared<batch::JobCommand>();
    auto worker = std::make_shared<bool>(false);
    auto* job = app.add_subcommand("batch-job", "");
    job->group("");  // hidden from --help
    job->add_flag("--worker", *worker);  // #23: jobs on standard input, one after another (batch/worker.hpp)
    job->add_option("source", j->job.source);
    job->add_option("--style", j->job.style);
    job->add_option("-o", j->job.out_dir);
    job->add_option("--threads", j->threads);
    job->add_flag("--pdfa", j->render.pdfa);
    job->add_flag("--cmyk", j->render.cmyk);
    job->add_flag("--marks", j->render.marks);
    job->add_flag("--allow-outside", j->render.allow_outside);
    job->add_flag("--fail-on-warning", j->render.fail_on_warning);
    job->add_flag("!--no-pdf", j->render.pdf);
    job->add_flag("!--no-html", j->render.html);
    return {job, [j, worker, &context] {
                if (*worker) return batch::worker_command(std::cin, std::cout, context.source_date_epoch);
                if (j->job.source.empty() || j->job.style.empty() || j->job.out_dir.empty()) {
                    std::cerr << "folio: error: batch-job needs SOURCE, --style and -o\n";
                    return 2;
                }
                j->render.source_date_epoch = context.source_date_epoch;
                return batch::job_command(*j, std::cout);
            }};
}

}  // namespace folio::app
