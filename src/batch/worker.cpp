// Batch workers (see worker.hpp), as a recipe:
//   parent (WorkerProcess::render): start the worker if none runs (socketpair; posix_spawn of
//   `folio batch-job --worker` with the socket as its stdin and stdout) -> send the job -> read
//   up to the NUL -> parse the one-source report; end of file or a bad report: the worker died,
//   so wait for it, say how it ended, remove its temporaries, and forget it;
//   child (worker_command): one Renderer; read a job, render it, print its report and a NUL,
//   until the end of input.

#include "batch/worker.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "pipeline/outputs.hpp"
#include "pipeline/pipeline.hpp"

extern char** environ;

namespace folio::batch {
namespace {

/// The flags of a job, one letter each, in this order.
constexpr const char* flag_letters = "PHacmof";

std::string flags_of(const JobCommand& c) {
    const bool on[] = {c.render.pdf, c.render.html, c.render.pdfa, c.render.cmyk,
                       c.render.marks, c.render.allow_outside, c.render.fail_on_warning};
    std::string out;
    for (std::size_t i = 0; i < sizeof on; ++i) out += on[i] ? flag_letters[i] : '-';
    return out;
}

bool send_all(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

/// Reads up to the next NUL; false at the end of file first.
bool read_reply(int fd, std::string& out) {
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        const auto* nul = static_cast<const char*>(std::memchr(buffer, '\0', static_cast<std::size_t>(n)));
        out.append(buffer, nul != nullptr ? static_cast<std::size_t>(nul - buffer) : static_cast<std::size_t>(n));
        if (nul != nullptr) return true;  // (the worker writes nothing after it until the next job)
    }
}


}  // namespace

std::string encode_job(const JobCommand& c) {
    std::string out;
    for (const std::string& field : {c.job.source, c.job.style, c.job.out_dir, std::to_string(c.threads), flags_of(c)}) {
        out += field;
        out += '\0';
    }
    return out;
}

std::optional<JobCommand> decode_job(std::istream& in) {
    std::string f[5];
    for (auto& field : f) {
        if (!std::getline(in, field, '\0')) return std::nullopt;
    }
    JobCommand c;
    c.job = {f[0], f[1], f[2]};
    try {
        c.threads = static_cast<unsigned>(std::stoul(f[3]));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (f[4].size() != std::strlen(flag_letters)) return std::nullopt;
    bool* on[] = {&c.render.pdf, &c.render.html, &c.render.pdfa, &c.render.cmyk,
                  &c.render.marks, &c.render.allow_outside, &c.render.fail_on_warning};
    for (std::size_t i = 0; i < f[4].size(); ++i) *on[i] = f[4][i] != '-';
    return c;
}

int worker_command(std::istream& in, std::ostream& out, std::int64_t source_date_epoch) {
    Renderer renderer;  // what every job of this worker shares
    while (auto command = decode_job(in)) {
        RenderSettings settings = command->render;
        settings.style = command->job.style;
        settings.out_dir = command->job.out_dir;
        settings.source_date_epoch = source_date_epoch;
        Report report;
        report.folio_version = pipeline::version();
        report.sources.push_back(renderer.render(command->job, settings, command->threads));
        out << to_json(report) << '\0';
        out.flush();
        if (!out) return 1;
    }
    return 0;
}

WorkerProcess::WorkerProcess(std::string program) : m_program(std::move(program)) {}

WorkerProcess::~WorkerProcess() { stop(); }

bool WorkerProcess::start(std::string& why) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        why = pipeline::system_reason(errno);
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDIN_FILENO);  // (dup2 clears close-on-exec)
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    const char* argv[] = {"folio", "batch-job", "--worker", nullptr};
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, m_program.c_str(), &actions, nullptr, const_cast<char**>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        why = pipeline::system_reason(spawned);
        return false;
    }
    m_socket = fds[0];
    m_pid = pid;
    return true;
}

int WorkerProcess::stop() {
    if (m_socket >= 0) ::close(m_socket);  // the worker's end of input: it exits
    m_socket = -1;
    int status = -1;
    if (m_pid > 0) {
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    m_pid = -1;
    return status;
}

SourceResult WorkerProcess::render(const Job& job, const RenderSettings& settings, unsigned threads) {
    const auto start_time = std::chrono::steady_clock::now();
    std::string why;
    int status = -1;
    if (m_pid > 0 || start(why)) {
        JobCommand command{job, settings, threads};
        std::string reply;
        if (send_all(m_socket, encode_job(command)) && read_reply(m_socket, reply)) {
            auto report = parse_report(reply, job.source);
            if (report && report->sources.size() == 1) return std::move(report->sources.front());
        }
        status = stop();  // it died (or answered nonsense): the next job starts another
    }
    clean_up_after_child(job);
    SourceResult r;
    r.source = job.source;
    r.settings = settings;
    r.status = Status::failed;
    r.diagnostics.push_back({core::Severity::error, "batch.crash",
                             how_child_ended(status, why) + "; none of its earlier outputs was replaced",
                             {job.source, 0, 0}});
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
    return r;
}

}  // namespace folio::batch
