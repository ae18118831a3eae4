#pragma once
/// Batch rendering: plan the jobs (sources from files, folders or a manifest, each with its style
/// sheet and output folder), keep this shard's share, and render them on a pool of threads over
/// pipeline::run, skipping sources that are unchanged since the previous report.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "batch/report.hpp"
#include "core/diagnostic.hpp"
#include "core/result.hpp"

namespace folio::pipeline { class Resources; }

namespace folio::batch {

/// One source to render, with the style sheet and the output folder it uses.
struct Job {
    std::string source;
    std::string style;
    std::string out_dir;
    bool operator==(const Job&) const = default;
};

/// Where the sources of a batch come from.
struct PlanRequest {
    std::vector<std::string> paths;  ///< source files, or folders searched for *.xml
    std::string manifest;            ///< a manifest file, or empty
    std::string default_style;       ///< for sources with neither a manifest style nor a sibling
    std::string out_dir = "output";
};

/// Every source of the request as a job, sorted by source path, without duplicates. Problems
/// (a missing folder, a bad manifest line, two sources writing the same output) go to `diags`.
std::vector<Job> plan(const PlanRequest& request, core::Diagnostics& diags);

/// Parses manifest text: one `SOURCE [STYLE [OUTDIR]]` a line, `#` starts a comment. SOURCE and
/// STYLE are relative to `manifest_path`'s folder, OUTDIR to `out_dir`.
std::vector<Job> parse_manifest(std::string_view text, const std::string& manifest_path,
                                const PlanRequest& request, core::Diagnostics& diags);

/// Shard K of N (1-based).
struct Shard {
    unsigned index = 1;
    unsigned count = 1;
};

/// Parses `K/N` with 1 <= K <= N; the error says what is wrong.
core::Result<Shard> parse_shard(std::string_view text);

/// The shard (1..count) a source belongs to: the first 8 bytes of the SHA-256 of its path, as a
/// big-endian number, modulo `count`, plus 1. Depends on nothing but the path and `count`.
unsigned shard_of(std::string_view source, unsigned count);

/// The jobs of `shard`, in their order.
std::vector<Job> select_shard(const std::vector<Job>& jobs, Shard shard);

/// How to run a batch.
struct RunSettings {
    RenderSettings render;  ///< style and out_dir are taken from each job
    unsigned jobs = 1;      ///< threads
    bool force = false;     ///< render even unchanged sources
    /// The folio program, to render each source in a process of its own (`folio batch-job`), so
    /// that a source that crashes folio is one failed row; empty: in this process.
    std::string program;
};

/// Called as the batch goes; calls are serialised (never two at once).
struct Callbacks {
    std::function<void(const Job&)> started;
    std::function<void(const SourceResult&)> finished;
};

/// True when `previous` (from a report written by folio `previous_version`) may stand for a render
/// of `job` with `settings`: it succeeded, the settings and the folio version are the same, every
/// input still has its recorded hash, and every output still exists with its recorded hash.
bool up_to_date(const SourceResult& previous, const std::string& previous_version, const Job& job,
                const RenderSettings& settings);

/// Renders one job in this process with `threads` threads (as run does) and hashes what it read
/// and wrote.
SourceResult render_job(const Job& job, const RenderSettings& settings, unsigned threads);

/// Renders jobs one after another in this process, keeping what does not depend on the source
/// between them (#23): the pipeline's Resources (fonts, patterns, style sheets, images) and the
/// hashes of input files (fonts and style sheets are read by every job). A batch worker has one.
class Renderer {
public:
    Renderer();
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;
    /// render_job, with what earlier jobs loaded.
    SourceResult render(const Job& job, const RenderSettings& settings, unsigned threads);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// render_job in a child process: `program batch-job ...` (job_command), which prints the
/// result as a one-source report. A child that dies (a signal, a bad exit) gives a failed result
/// that says so, and the temporaries it left are removed.
SourceResult render_in_child(const std::string& program, const Job& job, const RenderSettings& settings,
                             unsigned threads);

/// How a child that gave no result ended (its wait status, or -1 and why it could not start).
std::string how_child_ended(int status, const std::string& why);

/// Removes what a dead child left in the job's output folder: the temporaries of its files.
void clean_up_after_child(const Job& job);

/// Renders every job (or skips it, see up_to_date, unless settings.force) on settings.jobs
/// threads; one failure never stops the others. The results are in the jobs' order.
std::vector<SourceResult> run(const std::vector<Job>& jobs, const RunSettings& settings,
                              const Report* previous, const Callbacks& callbacks);

}  // namespace folio::batch
