// Cache files (cache_file.hpp).

#include "core/cache_file.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "core/sha256.hpp"

namespace folio::core {
namespace {
constexpr std::size_t hash_bytes = 32;
}  // namespace

std::optional<std::string> read_cache_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() <= hash_bytes) return std::nullopt;
    const std::size_t body = bytes.size() - hash_bytes;
    const auto hash = sha256(std::string_view(bytes.data(), body));
    if (std::memcmp(hash.data(), bytes.data() + body, hash_bytes) != 0) return std::nullopt;
    bytes.resize(body);
    return bytes;
}

void write_cache_file(const std::string& path, std::string_view bytes) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path target = path;
    fs::create_directories(target.parent_path(), ec);
    if (ec) return;
    const fs::path temporary = path + ".tmp-" + std::to_string(::getpid()) + "-" +
                               std::to_string(reinterpret_cast<std::uintptr_t>(&bytes));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        const auto hash = sha256(bytes);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.write(reinterpret_cast<const char*>(hash.data()), static_cast<std::streamsize>(hash.size()));
        if (!out.flush()) {
            out.close();
            fs::remove(temporary, ec);
            return;
        }
    }
    fs::rename(temporary, target, ec);
    if (ec) fs::remove(temporary, ec);
}

std::optional<std::string> file_stamp(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return std::nullopt;
    const auto mtime = std::filesystem::last_write_time(path, ec);
    if (ec) return std::nullopt;
    return std::to_string(size) + ' ' + std::to_string(mtime.time_since_epoch().count());
}

}  // namespace folio::core
