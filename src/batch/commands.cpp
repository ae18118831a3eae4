// The batch, snapshot and verify commands, as recipes. `folio batch`:
//   1. validate --shard and --annotations (usage errors, exit 2)
//   2. plan the jobs and keep this shard's; planning problems are usage errors
//   3. read the previous report at --report (a damaged one is a warning: everything renders)
//   4. run the jobs; as each finishes print its diagnostics (stderr), annotations and result line
//      (stdout), and on a terminal redraw a progress line
//   5. write the report and print the summary; exit 1 when any source failed
// Each source is rendered by a child process (`folio batch-job`, job_command), so one that
// crashes folio is one failed row and the batch goes on.

#include "batch/commands.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>

#include "batch/bagit.hpp"
#include "pipeline/pipeline.hpp"

namespace folio::batch {
namespace {

constexpr int exit_ok = 0;
constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f s", s);
    return buf;
}

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + ' ' + word + (n == 1 ? "" : "s");
}

/// Prints results as the batch goes, and the progress line on a terminal.
class Console {
public:
    Console(const BatchCommand& command, std::size_t total, std::ostream& out, std::ostream& err)
        : m_command(command), m_total(total), m_out(out), m_err(err), m_printer(command.diagnostics) {}

    /// A job started: it becomes the current file of the progress line.
    void started(const Job& job) {
        m_current = job.source;
        draw();
    }

    /// A job finished: its diagnostics, annotations and result line.
    void finished(const SourceResult& r) {
        ++m_done;
        clear();
        if (r.status != Status::skipped) {
            for (const auto& d : r.diagnostics) {
                m_err << m_printer.format(d);
                if (m_command.annotations == "github") m_out << github_annotation(d, r.source) << '\n';
            }
        }
        if (!m_command.quiet) m_out << result_line(r) << '\n';
        m_out.flush();
        draw();
    }

    /// Removes the progress line before the summary.
    void clear() {
        if (m_drawn) m_out << "\r\033[K";
        m_drawn = false;
    }

    /// Seconds since the batch began.
    [[nodiscard]] double elapsed() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    }

private:
    static std::string result_line(const SourceResult& r) {
        std::string line = status_name(r.status);
        line.resize(9, ' ');  // "skipped" and two spaces
        line += r.source;
        if (r.status == Status::skipped) return line + "  (unchanged)";
        if (r.status == Status::failed) {
            return line + "  (" + plural(r.count(core::Severity::error), "error") + ", " +
                   plural(r.count(core::Severity::warning), "warning") + ")";
        }
        line += "  (" + plural(r.pages, "page") + ", " + seconds_text(r.seconds);
        if (auto w = r.count(core::Severity::warning)) line += ", " + plural(w, "warning");
        return line + ")";
    }

    void draw() {
        if (!m_command.terminal || m_command.quiet || m_done == m_total) return;
        m_out << "\r\033[K[" << m_done << '/' << m_total << "] " << m_current << "  " << seconds_text(elapsed());
        m_out.flush();
        m_drawn = true;
    }

    const BatchCommand& m_command;
    std::size_t m_total;
    std::ostream& m_out;
    std::ostream& m_err;
    std::size_t m_done = 0;
    std::string m_current;
    bool m_drawn = false;
    core::DiagnosticPrinter m_printer;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

/// The previous report, when incremental runs may use it.
std::optional<Report> previous_report(const BatchCommand& command, std::ostream& err) {
    std::error_code ec;
    if (command.report.empty() || command.force || !std::filesystem::exists(command.report, ec)) return {};
    auto r = read_report(command.report);
    if (!r) {
        auto d = r.error();
        d.severity = core::Severity::warning;
        err << core::format(d) << "; rendering every source\n";
        return {};
    }
    return std::move(*r);
}

/// Writes the JSON, JUnit and Markdown reports the command asks for; false when one failed.
bool write_reports(const BatchCommand& command, const Report& report, std::ostream& err) {
    bool ok = true;
    auto check = [&](const core::Result<core::Ok>& w) {
        if (!w) {
            err << core::format(w.error()) << '\n';
            ok = false;
        }
    };
    if (!command.report.empty()) check(write_report(command.report, report));
    for (const auto& path : command.junit) check(write_text(path, to_junit(report)));
    for (const auto& path : command.markdown) check(write_text(path, to_markdown(report)));
    return ok;
}

}  // namespace

int merge_command(const BatchCommand& command, std::ostream& out, std::ostream& err) {
    std::vector<Report> parts;
    for (const auto& path : command.merge) {
        auto r = read_report(path);
        if (!r) {
            err << core::format(r.error()) << '\n';
            return exit_failed;
        }
        parts.push_back(std::move(*r));
    }
    auto merged = merge_reports(parts, command.merge);
    if (!merged) {
        err << core::format(merged.error()) << '\n';
        return exit_failed;
    }
    BatchCommand writes = command;
    writes.report = command.merge_output;
    if (!write_reports(writes, *merged, err)) return exit_failed;
    std::size_t failed = 0;
    for (const auto& r : merged->sources) failed += r.status == Status::failed;
    if (!command.quiet) {
        out << "merged " << plural(command.merge.size(), "report") << " into " << command.merge_output << ": "
            << plural(merged->sources.size(), "source") << ", " << failed << " failed\n";
    }
    return failed ? exit_failed : exit_ok;
}

int batch_command(const BatchCommand& command, std::ostream& out, std::ostream& err) {
    // 1. Options that CLI11 cannot check alone.
    Shard shard;
    if (!command.shard.empty()) {
        auto s = parse_shard(command.shard);
        if (!s) { err << "folio: error: " << s.error().message << '\n'; return exit_usage; }
        shard = *s;
    }
    if (!command.annotations.empty() && command.annotations != "github") {
        err << "folio: error: --annotations: only \"github\" is supported\n";
        return exit_usage;
    }
    // 2. Plan.
    core::Diagnostics diags;
    auto jobs = plan(command.plan, diags);
    for (const auto& d : diags.all()) err << core::format(d) << '\n';
    if (diags.has_errors()) return exit_usage;
    if (jobs.empty()) { err << "folio: error: no sources to render\n"; return exit_usage; }
    const std::size_t planned = jobs.size();
    jobs = select_shard(jobs, shard);

    // 3-4. Run.
    const auto previous = previous_report(command, err);
    RunSettings settings;
    settings.render = command.render;
    settings.force = command.force;
    settings.jobs = command.jobs ? command.jobs : std::max(1u, std::thread::hardware_concurrency());
    settings.program = "/proc/self/exe";  // each source in a process of its own (isolate.cpp)
    Console console(command, jobs.size(), out, err);
    Callbacks callbacks{[&](const Job& j) { console.started(j); },
                        [&](const SourceResult& r) { console.finished(r); }};
    Report report;
    report.folio_version = pipeline::version();
    report.sources = run(jobs, settings, previous ? &*previous : nullptr, callbacks);
    report.seconds = console.elapsed();
    console.clear();

    // 5. Report and summary.
    int code = exit_ok;
    std::size_t ok = 0, failed = 0, skipped = 0;
    for (const auto& r : report.sources) {
        ok += r.status == Status::ok;
        failed += r.status == Status::failed;
        skipped += r.status == Status::skipped;
    }
    if (failed) code = exit_failed;
    if (!write_reports(command, report, err)) code = exit_failed;
    if (!command.quiet) {
        out << "batch: " << plural(report.sources.size(), "source");
        if (!command.shard.empty()) out << " (shard " << shard.index << '/' << shard.count << " of " << planned << ")";
        out << ": " << ok << " ok, " << failed << " failed, " << skipped << " skipped, "
            << seconds_text(report.seconds) << '\n';
    }
    return code;
}

int job_command(const JobCommand& command, std::ostream& out) {
    RenderSettings settings = command.render;
    settings.style = command.job.style;
    settings.out_dir = command.job.out_dir;
    Report report;
    report.folio_version = pipeline::version();
    report.sources.push_back(render_job(command.job, settings, command.threads));
    out << to_json(report);
    out.flush();
    return out ? exit_ok : exit_failed;
}

int snapshot_command(const SnapshotRequest& request, bool quiet, std::ostream& out, std::ostream& err) {
    const auto outcome = snapshot(request);
    for (const auto& d : outcome.diagnostics.all()) err << core::format(d) << '\n';
    if (!outcome.ok()) {
        for (const auto& d : outcome.diagnostics.all()) {
            if (d.code == "snapshot.exists") return exit_usage;
        }
        err << "folio: " << plural(outcome.diagnostics.error_count(), "error") << ", no bag written\n";
        return exit_failed;
    }
    if (!quiet) out << "wrote bag " << request.bag_dir << " (" << plural(outcome.files, "payload file") << ")\n";
    return exit_ok;
}

int verify_command(const std::string& bag_dir, std::ostream& out) {
    const auto v = bagit::verify_bag(bag_dir);
    if (!v.ok()) {
        for (const auto& p : v.problems) out << bag_dir << ": " << p << '\n';
        out << bag_dir << ": INVALID, " << plural(v.problems.size(), "problem") << '\n';
        return exit_failed;
    }
    out << bag_dir << ": OK, " << plural(v.files, "payload file") << ", " << v.octets
        << " octets, every checksum holds\n";
    return exit_ok;
}

}  // namespace folio::batch
