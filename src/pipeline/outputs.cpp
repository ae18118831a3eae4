// Safe writes, as a recipe (see outputs.hpp and docs/output-files.md):
//   1. open: create the output folder, then take the lock `.<stem>.lock` in it: open it without
//      following a symlink, flock it (waiting for a run that holds it), and check that the name
//      still leads to the file locked (a run that finished removes its lock file; whoever waited
//      on the old file tries again)
//   2. stage: remove temporaries of the same name that a killed run left (no live run can own
//      them while we hold the lock), then create `.<name>.XXXXXX.tmp` with O_CREAT | O_EXCL |
//      O_NOFOLLOW and a random XXXXXX, trying again on a clash
//   3. the writers write into the files; each is synced to the disk and closed (seal)
//   4. commit: rename every file into place in staging order, then sync the folders
//   5. on every path out: remove what was not committed, remove the lock file, unlock

#include "pipeline/outputs.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>

namespace folio::pipeline {
namespace fs = std::filesystem;

namespace {

core::Diagnostic io_error(const std::string& what, int error, const std::string& path) {
    return {core::Severity::error, "io.write", what + ": " + system_reason(error), {path, 0, 0}};
}

/// `count` random letters and digits (the XXXXXX of a temporary's name).
std::string random_letters(std::size_t count) {
    static constexpr std::string_view alphabet =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device device;  // the kernel's random numbers
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += alphabet[pick(device)];
    return out;
}

constexpr std::size_t random_length = 6;
constexpr std::string_view temporary_suffix = ".tmp";

/// True when `entry` is the name of a temporary of file `name`: `.<name>.XXXXXX.tmp`.
bool is_temporary_of(std::string_view entry, std::string_view name) {
    const std::size_t length = 1 + name.size() + 1 + random_length + temporary_suffix.size();
    if (entry.size() != length || entry[0] != '.' || entry.substr(1, name.size()) != name ||
        entry[1 + name.size()] != '.' || !entry.ends_with(temporary_suffix)) {
        return false;
    }
    for (char c : entry.substr(2 + name.size(), random_length)) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0) return false;
    }
    return true;
}

/// Removes the temporaries of `name` in `folder` that a killed run left behind. (unlink removes
/// a symlink itself, never what it points to.)
void remove_stale(const fs::path& folder, const std::string& name) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        if (is_temporary_of(entry, name)) ::unlink(it->path().c_str());
    }
}

/// Writes all of `bytes` to `fd`; 0 or the errno of the failure.
int write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

/// Syncs a folder, so that the renames in it survive a crash (errors ignored: some file systems
/// cannot sync a folder, and the files themselves are already safe).
void sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

std::string system_reason(int error) {
    char buffer[256];
    // (GNU strerror_r: returns the message, which may or may not be in buffer)
    return ::strerror_r(error, buffer, sizeof buffer);
}

TemporaryFile::TemporaryFile(std::string final_path, std::string temporary_path, int fd)
    : m_final(std::move(final_path)), m_temporary(std::move(temporary_path)), m_fd(fd) {}

TemporaryFile::~TemporaryFile() {
    if (m_fd >= 0) ::close(m_fd);
}

core::Result<core::Ok> TemporaryFile::write(std::string_view bytes) {
    if (const int error = write_all(m_fd, bytes); error != 0) {
        return core::unexpected(io_error("cannot write the output file", error, m_final));
    }
    return core::Ok{};
}

core::Result<core::Ok> TemporaryFile::seal() {
    if (m_fd < 0) return core::Ok{};
    int error = ::fsync(m_fd) != 0 ? errno : 0;
    if (::close(m_fd) != 0 && error == 0) error = errno;
    m_fd = -1;
    if (error != 0) return core::unexpected(io_error("cannot write the output file", error, m_final));
    return core::Ok{};
}

Outputs::~Outputs() {
    for (const auto& file : m_files) {
        if (!m_committed || !file->sealed()) ::unlink(file->temporary_path().c_str());
    }
    m_files.clear();
    if (m_lock_fd >= 0) {
        ::unlink(m_lock_path.c_str());  // before unlocking: see step 1
        ::close(m_lock_fd);
    }
}

core::Result<core::Ok> Outputs::open(const std::string& dir, const std::string& stem) {
    m_dir = dir.empty() ? "." : dir;
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    if (ec) return core::unexpected(io_error("cannot create the output folder", ec.value(), m_dir));
    m_lock_path = (fs::path(m_dir) / ("." + stem + ".lock")).string();
    for (;;) {
        const int fd = ::open(m_lock_path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0) return core::unexpected(io_error("cannot write into the output folder", errno, m_dir));
        int locked;
        do {
            locked = ::flock(fd, LOCK_EX);  // waits while another run writes these files
        } while (locked != 0 && errno == EINTR);
        struct stat held {};
        struct stat named {};
        if (locked != 0) {
            const int error = errno;
            ::close(fd);
            return core::unexpected(io_error("cannot lock the output files", error, m_lock_path));
        }
        if (::fstat(fd, &held) == 0 && ::lstat(m_lock_path.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
            held.st_ino == named.st_ino) {
            m_lock_fd = fd;
            return core::Ok{};
        }
        ::close(fd);  // the run we waited for removed that lock file: take the new one
    }
}

core::Result<TemporaryFile*> Outputs::stage(const std::string& name) {
    const fs::path final_path = fs::path(m_dir) / name;
    const fs::path folder = final_path.parent_path();
    const std::string file_name = final_path.filename().string();
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return core::unexpected(io_error("cannot create the folder", ec.value(), folder.string()));
    remove_stale(folder, file_name);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const fs::path temporary =
            folder / ("." + file_name + "." + random_letters(random_length) + std::string(temporary_suffix));
        const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            m_files.push_back(std::make_unique<TemporaryFile>(final_path.string(), temporary.string(), fd));
            return m_files.back().get();
        }
        if (errno != EEXIST) return core::unexpected(io_error("cannot create the output file", errno, final_path.string()));
    }
    return core::unexpected(io_error("cannot create the output file", EEXIST, final_path.string()));
}

void Outputs::discard_stale(const std::string& name) {
    const fs::path final_path = fs::path(m_dir) / name;
    remove_stale(final_path.parent_path(), final_path.filename().string());
}

core::Result<core::Ok> Outputs::write(const std::string& name, std::string_view bytes) {
    auto file = stage(name);
    if (!file) return core::unexpected(file.error());
    if (auto r = (*file)->write(bytes); !r) return r;
    return (*file)->seal();
}

core::Result<std::vector<std::string>> Outputs::commit() {
    for (const auto& file : m_files) {
        if (auto r = file->seal(); !r) return core::unexpected(r.error());
    }
    std::vector<std::string> written;
    std::set<fs::path> folders;
    for (const auto& file : m_files) {
        if (::rename(file->temporary_path().c_str(), file->final_path().c_str()) != 0) {
            // (the files renamed so far stay; the rest are removed with their temporaries)
            const int error = errno;
            const std::string failed = file->final_path();
            m_files.erase(m_files.begin(), m_files.begin() + static_cast<std::ptrdiff_t>(written.size()));
            return core::unexpected(io_error("cannot rename the output file into place", error, failed));
        }
        written.push_back(file->final_path());
        folders.insert(fs::path(file->final_path()).parent_path());
    }
    m_committed = true;
    for (const fs::path& folder : folders) sync_folder(folder.empty() ? fs::path(".") : folder);
    return written;
}

core::Result<core::Ok> write_file(const std::string& path, std::string_view bytes) {
    const fs::path p(path);
    const std::string name = p.filename().string();
    Outputs outputs;
    if (auto r = outputs.open(p.parent_path().string(), name); !r) return r;
    if (auto r = outputs.write(name, bytes); !r) return r;
    if (auto r = outputs.commit(); !r) return core::unexpected(r.error());
    return core::Ok{};
}

}  // namespace folio::pipeline
