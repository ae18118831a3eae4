#pragma once
/// Batch workers (issue 23): a child process that renders source after source, keeping its
/// pipeline::Resources (fonts, patterns, style sheets, images) and its input hashes between
/// them, so that a batch pays start-up once per worker instead of once per source, while a source
/// that crashes folio still fails only its own row (the worker is started again for the next).
///
/// Protocol, over one Unix socket that is the child's standard input and output: the parent
/// writes a job as NUL-terminated fields (encode_job), the child answers with the one-source
/// report of job_command followed by a NUL byte (JSON holds no raw NUL). End of input ends it.

#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "batch/batch.hpp"
#include "batch/commands.hpp"

namespace folio::batch {

/// A job as the worker protocol carries it.
std::string encode_job(const JobCommand& command);

/// The next job of `in`; nothing at the end of input or on a malformed job.
std::optional<JobCommand> decode_job(std::istream& in);

/// Runs `folio batch-job --worker`: renders each job read from `in` with one set of resources,
/// writing each result to `out` as a one-source report and a NUL byte. Returns 0 at the end of
/// input.
int worker_command(std::istream& in, std::ostream& out, std::int64_t source_date_epoch);

/// The parent's end of one worker process. Not thread-safe: one batch thread uses it at a time.
class WorkerProcess {
public:
    explicit WorkerProcess(std::string program);
    ~WorkerProcess();
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    /// Renders `job` in the worker (started first if it is not running). A worker that dies
    /// gives a failed result that says how, its temporaries are removed, and the next job starts
    /// a new worker.
    SourceResult render(const Job& job, const RenderSettings& settings, unsigned threads);

private:
    bool start(std::string& why);
    int stop();  ///< closes the socket, waits for the child; its wait status
    std::string m_program;
    int m_socket = -1;
    int m_pid = -1;
};

}  // namespace folio::batch
