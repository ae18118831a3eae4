// The WOFF2 cache (font_cache.hpp): keys from SHA-256, files written beside and renamed over.

#include "html/font_cache.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include <unistd.h>

#include "core/sha256.hpp"

namespace folio::html {
namespace {

/// Bumped whenever the subsets' bytes change for the same input (woff2.cpp, the subsetter).
constexpr const char* format_version = "folio-woff2-1";
constexpr std::size_t hash_bytes = 32;

std::string file_of(const std::string& cache_dir, const std::string& key) {
    return cache_dir + "/woff2/" + key + ".woff2";
}

}  // namespace

std::optional<std::string> woff2_cache_key(const std::string& font_path, const std::vector<char32_t>& chars) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(font_path, ec);
    if (ec) return std::nullopt;
    const auto mtime = std::filesystem::last_write_time(font_path, ec);
    if (ec) return std::nullopt;
    std::string material = format_version;
    material += '\0';
    material += font_path;
    material += '\0';
    material += std::to_string(size) + ' ' + std::to_string(mtime.time_since_epoch().count());
    material += '\0';
    for (char32_t c : chars) material += std::to_string(static_cast<unsigned long>(c)) + ',';
    return core::sha256_hex(material);
}

std::optional<std::string> cached_woff2(const std::string& cache_dir, const std::string& key) {
    std::ifstream in(file_of(cache_dir, key), std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() <= hash_bytes) return std::nullopt;
    const std::string_view body(bytes.data(), bytes.size() - hash_bytes);
    const auto hash = core::sha256(body);
    if (std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()) !=
        std::string_view(bytes).substr(body.size()))
        return std::nullopt;
    bytes.resize(body.size());
    return bytes;
}

void store_woff2(const std::string& cache_dir, const std::string& key, const std::string& woff2) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path target = file_of(cache_dir, key);
    fs::create_directories(target.parent_path(), ec);
    if (ec) return;
    // A temporary name of this key and this writer (several renders may store the same key at
    // once: each renames a whole file of the same bytes over the cache file).
    const fs::path temporary = target.string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                               std::to_string(reinterpret_cast<std::uintptr_t>(&woff2));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        const auto hash = core::sha256(woff2);
        out.write(woff2.data(), static_cast<std::streamsize>(woff2.size()));
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

}  // namespace folio::html
