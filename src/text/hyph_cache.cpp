// The on-disk cache of compiled pattern dictionaries (see hyph_cache.hpp).
//
// load(): stat the pattern file (its key); map the cache file named after its path and open() the
// image against the key; on any failure compile it from the pattern file, write it to a unique
// temporary file in the cache folder and rename that over the cache file (readers see the old
// image or the new one, never a part), and use the compiled bytes. A mapped file is never written
// in place, so a mapping stays valid when another process replaces the file.

#include "text/hyph_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace folio::text::hyph {

namespace {

/// Maps `path` read-only; {nullptr, 0} when it cannot be.
std::pair<void*, std::size_t> map_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {nullptr, 0};
    struct stat st {};
    void* p = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    }
    ::close(fd);
    if (p == MAP_FAILED) return {nullptr, 0};
    return {p, static_cast<std::size_t>(st.st_size)};
}

}  // namespace

bool write_atomically(const std::string& path, const std::string& bytes) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    std::string tmp = path + ".XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) return false;
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    const bool ok = ::close(fd) == 0 && done == bytes.size() && ::rename(tmp.c_str(), path.c_str()) == 0;
    if (!ok) ::unlink(tmp.c_str());
    return ok;
}

std::string cache_file(const std::string& cache_dir, const std::string& dic_path) {
    // FNV-1a of the path keeps one file per pattern path; the image itself records the path.
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : dic_path) h = (h ^ c) * 0x100000001b3ull;
    std::string stem = std::filesystem::path(dic_path).stem().string();
    char hex[17];
    for (int i = 0; i < 16; ++i) hex[i] = "0123456789abcdef"[(h >> (60 - 4 * i)) & 15];
    hex[16] = '\0';
    return cache_dir + "/" + stem + "-" + hex + ".v" + std::to_string(image_version) + ".bin";
}

Compiled::~Compiled() {
    if (m_map != nullptr) ::munmap(m_map, m_map_size);
}

std::shared_ptr<const Compiled> Compiled::load(const std::string& dic_path, const std::string& cache_dir) {
    const std::optional<SourceKey> key = key_of(dic_path);
    if (!key) return nullptr;
    std::shared_ptr<Compiled> c(new Compiled());
    const std::string file = cache_dir.empty() ? std::string() : cache_file(cache_dir, dic_path);
    if (!file.empty()) {
        auto [p, size] = map_file(file);
        if (p != nullptr && c->adopt_map(p, size, *key)) return c;
        if (p != nullptr) ::munmap(p, size);  // stale or damaged: rebuilt below
    }
    const std::optional<std::string> bytes = compile(dic_path, *key);
    if (!bytes) return nullptr;
    const bool cached = !file.empty() && write_atomically(file, *bytes);
    if (!c->adopt_bytes(*bytes, *key, cached ? Origin::built_and_cached : Origin::built_in_memory)) return nullptr;
    return c;
}

bool Compiled::adopt_map(void* p, std::size_t size, const SourceKey& key) {
    auto d = open(std::string_view(static_cast<const char*>(p), size), key);
    if (!d) return false;
    m_map = p;
    m_map_size = size;
    m_dict = *d;
    m_origin = Origin::mapped;
    index_charset();
    return true;
}

bool Compiled::adopt_bytes(const std::string& bytes, const SourceKey& key, Origin origin) {
    m_owned = std::make_unique<std::uint64_t[]>((bytes.size() + 7) / 8);
    std::memcpy(m_owned.get(), bytes.data(), bytes.size());
    auto d = open(std::string_view(reinterpret_cast<const char*>(m_owned.get()), bytes.size()), key);
    if (!d) return false;  // (cannot happen: compile and open agree)
    m_dict = *d;
    m_origin = origin;
    index_charset();
    return true;
}

void Compiled::index_charset() {
    m_reverse_size = 0;
    if (m_dict.utf8) return;
    for (std::uint32_t b = 0; b < 256; ++b) {
        const char32_t cp = m_dict.charset[b];
        if ((cp != 0 || b == 0) && cp < (1u << 24)) m_reverse[m_reverse_size++] = (static_cast<std::uint32_t>(cp) << 8) | b;
    }
    std::sort(m_reverse, m_reverse + m_reverse_size);
}

int Compiled::byte_for(char32_t c) const {
    if (c >= (1u << 24)) return -1;
    const std::uint32_t lo = static_cast<std::uint32_t>(c) << 8;
    const std::uint32_t* it = std::lower_bound(m_reverse, m_reverse + m_reverse_size, lo);
    if (it == m_reverse + m_reverse_size || (*it >> 8) != c) return -1;
    return static_cast<int>(*it & 0xFF);
}

}  // namespace folio::text::hyph
