#pragma once
/// Which of a set of files changed: inotify on the folders that hold them (an editor that saves
/// by writing a new file and renaming it over the old one replaces the file, so the folder is
/// watched, not the file), with the events of a burst of saves gathered into one answer.

#include <chrono>
#include <set>
#include <string>

#include "core/result.hpp"

namespace folio::watch {

/// What wait() saw.
struct Change {
    std::set<std::string> paths;  ///< watched files written, replaced, created or removed
    bool stop = false;            ///< SIGINT or SIGTERM arrived
};

/// Watches files for changes and SIGINT/SIGTERM for a stop. Construct it before any thread is
/// started: it blocks both signals in the calling thread, which new threads inherit, and reads
/// them from a signalfd (the default handlers come back when it is destroyed).
class FileWatcher {
public:
    FileWatcher();
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

    /// Whether inotify and the signalfd could be set up; else what went wrong.
    [[nodiscard]] const std::string& problem() const { return m_problem; }

    /// Watches exactly these files from now on (their folders; paths as the caller names them).
    void watch(const std::set<std::string>& files);

    /// Waits for a change of a watched file or a stop signal, then gathers further events until
    /// `quiet` passes without one (a burst of saves is one change). With `block` false it only
    /// takes what already happened (e.g. during a build) and returns at once when nothing did.
    Change wait(std::chrono::milliseconds quiet, bool block = true);

private:
    /// Reads the pending inotify events into `into`; true if any named a watched file.
    bool read_events(Change& into);
    bool read_signal();

    int m_inotify = -1;
    int m_signals = -1;
    std::string m_problem;
    std::set<std::string> m_files;                 ///< absolute, normal paths
    std::set<std::pair<int, std::string>> m_dirs;  ///< watch descriptor, folder
};

}  // namespace folio::watch
