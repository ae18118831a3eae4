#pragma once
/// The `batch`, `snapshot` and `verify` commands behind main's CLI11 definitions: each runs the
/// library, prints results to `out` and diagnostics to `err`, and returns the exit code
/// (0 success, 1 a source or the bag is wrong, 2 usage error).

#include <ostream>
#include <string>

#include "batch/batch.hpp"
#include "core/diagnostic_print.hpp"
#include "batch/snapshot.hpp"

namespace folio::batch {

/// Everything `folio batch` was asked to do.
struct BatchCommand {
    PlanRequest plan;
    RenderSettings render;    ///< style and out_dir are per source
    std::string shard;        ///< "K/N", or empty for all sources
    unsigned jobs = 0;        ///< threads; 0 = the number of cores
    std::string report;       ///< report path (also the previous report), or empty
    std::vector<std::string> junit;     ///< JUnit XML reports to write (#21)
    std::vector<std::string> markdown;  ///< Markdown summaries to write (#21)
    std::vector<std::string> merge;     ///< --merge-reports: JSON reports to merge, render nothing
    std::string merge_output;           ///< where the merged report goes
    std::string annotations;  ///< "github", or empty
    core::DiagnosticStyle diagnostics;  ///< how diagnostics are printed (--diagnostic-format, --color)
    bool force = false;
    bool quiet = false;
    bool terminal = false;    ///< stdout is a terminal: show a progress line
};

/// Runs `folio batch`.
int batch_command(const BatchCommand& command, std::ostream& out, std::ostream& err);

/// Runs `folio batch --merge-reports A.json B.json -o ALL.json`: one report of several (the
/// shards of one batch), also written as the JUnit and Markdown reports asked for.
int merge_command(const BatchCommand& command, std::ostream& out, std::ostream& err);

/// One source of a batch, rendered by a child process (`folio batch-job`, not for users).
struct JobCommand {
    Job job;
    RenderSettings render;  ///< style and out_dir are the job's
    unsigned threads = 1;
};

/// Runs `folio batch-job`: renders the job and prints the result to `out` as a one-source report
/// (render_in_child reads it). Exit 0 whatever the render's outcome, which is in the report.
int job_command(const JobCommand& command, std::ostream& out);

/// Runs `folio snapshot`.
int snapshot_command(const SnapshotRequest& request, bool quiet, std::ostream& out, std::ostream& err);

/// Runs `folio verify`: one line per problem and exit 1, or one OK line and exit 0.
int verify_command(const std::string& bag_dir, std::ostream& out);

}  // namespace folio::batch
