#pragma once
/// Safe writes (docs/output-files.md): the files of one run are written under unique temporary
/// names in their own folder, made with O_CREAT | O_EXCL | O_NOFOLLOW (a symlink planted there is
/// never followed), synced to the disk, and only then renamed into place, all together; a lock in
/// the output folder keeps two runs writing the same files from mixing them. A failed or killed
/// run leaves the earlier outputs as they were, and its temporaries are removed (by the next run
/// that writes the same files, when it was killed). Errors carry the system's reason.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/result.hpp"

namespace folio::pipeline {

/// One output under its temporary name until Outputs::commit() renames it into place.
class TemporaryFile {
public:
    TemporaryFile(std::string final_path, std::string temporary_path, int fd);
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    /// Closes the file if it is still open (Outputs removes it if it was not committed).
    ~TemporaryFile();

    /// The open file, for a writer that writes into it itself (the PDF's).
    [[nodiscard]] int fd() const { return m_fd; }
    /// The name it will have.
    [[nodiscard]] const std::string& final_path() const { return m_final; }
    /// The name it has until then.
    [[nodiscard]] const std::string& temporary_path() const { return m_temporary; }

    /// Appends `bytes`; the error names the final path and the system's reason. One thread at a
    /// time per file; different files may be written on different threads.
    core::Result<core::Ok> write(std::string_view bytes);
    /// Syncs the file to the disk and closes it; the error says why it failed.
    core::Result<core::Ok> seal();
    [[nodiscard]] bool sealed() const { return m_fd < 0; }

private:
    std::string m_final;
    std::string m_temporary;
    int m_fd;
};

/// The files one run writes into one output folder, committed together.
class Outputs {
public:
    Outputs() = default;
    Outputs(const Outputs&) = delete;
    Outputs& operator=(const Outputs&) = delete;
    /// Removes every temporary file not committed, then gives the lock back.
    ~Outputs();

    /// Takes folder `dir` (created if missing) for the files named after `stem`: locks
    /// `dir/.<stem>.lock` (advisory, flock; waits while another run holds it). Call once.
    core::Result<core::Ok> open(const std::string& dir, const std::string& stem);

    /// A new, empty temporary file for `name` (a path relative to the folder, whose own folder is
    /// created if missing): `.<file name>.XXXXXX.tmp` beside it. Temporaries of `name` left by a
    /// killed run are removed first (the lock says no live run owns them).
    core::Result<TemporaryFile*> stage(const std::string& name);

    /// Removes the temporaries of `name` (as stage() does) without making one: after a run that
    /// was killed, by whoever watched it die.
    void discard_stale(const std::string& name);

    /// stage(name), then writes `bytes` and seals it.
    core::Result<core::Ok> write(const std::string& name, std::string_view bytes);

    /// Renames every staged file into place, in the order they were staged, and syncs the folders.
    /// Every file must be sealed. The paths written, in that order.
    core::Result<std::vector<std::string>> commit();

private:
    std::string m_dir;
    std::string m_lock_path;
    int m_lock_fd = -1;
    std::vector<std::unique_ptr<TemporaryFile>> m_files;
    bool m_committed = false;
};

/// Writes one file safely: `path` through Outputs (a lock named after its file name, a unique
/// temporary, synced, renamed). For files such as the batch report.
core::Result<core::Ok> write_file(const std::string& path, std::string_view bytes);

/// The system's reason for `error` (an errno value), e.g. "No space left on device".
std::string system_reason(int error);

}  // namespace folio::pipeline
