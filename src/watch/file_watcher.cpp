// FileWatcher: inotify (inotify(7)) on the folders of the watched files, and a signalfd
// (signalfd(2)) for SIGINT and SIGTERM, both polled together, so a stop is noticed while waiting
// and no signal handler runs in the middle of a build.

#include "watch/file_watcher.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>

#include <poll.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace folio::watch {
namespace fs = std::filesystem;

namespace {

sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

std::string absolute_normal(const std::string& path) {
    std::error_code ec;
    const fs::path p = fs::absolute(path, ec);
    return (ec ? fs::path(path) : p).lexically_normal().string();
}

constexpr std::uint32_t event_mask =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_ATTRIB;

}  // namespace

FileWatcher::FileWatcher() {
    const sigset_t set = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    m_signals = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    m_inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_signals < 0 || m_inotify < 0) m_problem = std::string("cannot watch files: ") + std::strerror(errno);
}

FileWatcher::~FileWatcher() {
    if (m_inotify >= 0) close(m_inotify);
    if (m_signals >= 0) close(m_signals);
    const sigset_t set = stop_signals();
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

void FileWatcher::watch(const std::set<std::string>& files) {
    m_files.clear();
    std::set<std::string> folders;
    for (const std::string& f : files) {
        const std::string path = absolute_normal(f);
        m_files.insert(path);
        folders.insert(fs::path(path).parent_path().string());
    }
    for (auto it = m_dirs.begin(); it != m_dirs.end();) {  // folders no longer needed
        if (folders.count(it->second) == 0) {
            inotify_rm_watch(m_inotify, it->first);
            it = m_dirs.erase(it);
        } else {
            folders.erase(it->second);
            ++it;
        }
    }
    for (const std::string& folder : folders) {
        const int wd = inotify_add_watch(m_inotify, folder.c_str(), event_mask | IN_ONLYDIR);
        if (wd >= 0) m_dirs.insert({wd, folder});
    }
}

bool FileWatcher::read_events(Change& into) {
    alignas(inotify_event) char buffer[16384];
    bool relevant = false;
    for (;;) {
        const ssize_t n = read(m_inotify, buffer, sizeof buffer);
        if (n <= 0) break;
        for (ssize_t at = 0; at < n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
            if (e->len == 0) continue;
            for (const auto& [wd, folder] : m_dirs) {
                if (wd != e->wd) continue;
                const std::string path = (fs::path(folder) / e->name).string();
                if (m_files.count(path) != 0) {
                    into.paths.insert(path);
                    relevant = true;
                }
            }
        }
    }
    return relevant;
}

bool FileWatcher::read_signal() {
    signalfd_siginfo info;
    bool any = false;
    while (read(m_signals, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) any = true;
    return any;
}

Change FileWatcher::wait(std::chrono::milliseconds quiet, bool block) {
    Change change;
    int timeout = block ? -1 : 0;
    for (;;) {
        pollfd fds[2] = {{m_inotify, POLLIN, 0}, {m_signals, POLLIN, 0}};
        const int ready = poll(fds, 2, timeout);
        if (ready < 0 && errno == EINTR) continue;
        if ((fds[1].revents & POLLIN) != 0 && read_signal()) {
            change.stop = true;
            return change;
        }
        if (ready <= 0) return change;  // quiet for `quiet` after the last event (or nothing at all)
        if (read_events(change) || !change.paths.empty()) timeout = static_cast<int>(quiet.count());
    }
}

}  // namespace folio::watch
