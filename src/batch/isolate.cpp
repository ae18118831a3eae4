// One render in a child process (render_in_child, batch.hpp), so that a source that crashes folio
// (a signal in a library, say) fails its own row and not the batch:
//   1. spawn `folio batch-job SOURCE --style S -o DIR --threads N [flags]` with its stdout on a
//      pipe (posix_spawn: safe while other threads run; the pipe is close-on-exec, so no other
//      child holds it open)
//   2. read what it prints: the one-source report of commands.cpp's job_command
//   3. wait for it; a child that died gives a failed row saying how, and the temporaries it left
//      in its output folder are removed (under the output lock, pipeline/outputs.hpp)

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "batch/batch.hpp"
#include "pipeline/outputs.hpp"
#include "pipeline/pipeline.hpp"

extern char** environ;

namespace folio::batch {
namespace {

/// The child's command line.
std::vector<std::string> child_arguments(const Job& job, const RenderSettings& s,
                                         unsigned threads) {
    std::vector<std::string> args{"folio",     "batch-job", job.source,
                                  "--style",   job.style,   "-o",
                                  job.out_dir, "--threads", std::to_string(threads)};
    const std::pair<bool, const char*> flags[] = {{s.pdfa, "--pdfa"},
                                                  {s.cmyk, "--cmyk"},
                                                  {s.marks, "--marks"},
                                                  {s.allow_outside, "--allow-outside"},
                                                  {!s.pdf, "--no-pdf"},
                                                  {!s.html, "--no-html"},
                                                  {s.fail_on_warning, "--fail-on-warning"}};
    for (const auto& [on, flag] : flags) {
        if (on) args.emplace_back(flag);
    }
    return args;
}

/// Spawns `program` with `args`, its stdout into `out`; the child's wait status, or -1 (and
/// `why`) when it could not be started.
int run_child(const std::string& program, const std::vector<std::string>& args, std::string& out,
              std::string& why) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
        why = pipeline::system_reason(errno);
        return -1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1],
                                     STDOUT_FILENO);  // (dup2 clears close-on-exec)
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned =
        ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (spawned != 0) {
        ::close(pipe_fds[0]);
        why = pipeline::system_reason(spawned);
        return -1;
    }
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
        if (n > 0)
            out.append(buffer, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR)
            break;
    }
    ::close(pipe_fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}


}  // namespace

std::string how_child_ended(int status, const std::string& why) {
    if (status < 0) return "could not start the render (" + why + ")";
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        return "the render crashed (signal " + std::to_string(sig) + ", " + ::strsignal(sig) + ")";
    }
    return "the render ended without a result (exit status " + std::to_string(WEXITSTATUS(status)) +
           ")";
}

void clean_up_after_child(const Job& job) {
    const std::string stem = std::filesystem::path(job.source).stem().string();
    pipeline::Outputs folder;
    if (!folder.open(job.out_dir, stem)) return;
    folder.discard_stale(stem + ".pdf");
    folder.discard_stale(stem + ".html");
}

SourceResult render_in_child(const std::string& program, const Job& job,
                             const RenderSettings& settings, unsigned threads) {
    const auto start = std::chrono::steady_clock::now();
    std::string printed;
    std::string why;
    const int status = run_child(program, child_arguments(job, settings, threads), printed, why);
    if (status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        auto report = parse_report(printed, job.source);
        if (report && report->sources.size() == 1) return std::move(report->sources.front());
    }
    clean_up_after_child(job);
    SourceResult r;
    r.source = job.source;
    r.settings = settings;
    r.status = Status::failed;
    r.diagnostics.push_back(
        {core::Severity::error,
         "batch.crash",
         how_child_ended(status, why) + "; none of its earlier outputs was replaced",
         {job.source, 0, 0}});
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace folio::batch
