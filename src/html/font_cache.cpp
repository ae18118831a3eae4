// The WOFF2 cache (font_cache.hpp): keys from SHA-256, the files through core/cache_file.hpp.

#include "html/font_cache.hpp"

#include "core/cache_file.hpp"
#include "core/sha256.hpp"

namespace folio::html {
namespace {

/// Bumped whenever the subsets' bytes change for the same input (woff2.cpp, the subsetter).
constexpr const char* format_version = "folio-woff2-1";

std::string file_of(const std::string& cache_dir, const std::string& key) {
    return cache_dir + "/woff2/" + key + ".woff2";
}

}  // namespace

std::optional<std::string> woff2_cache_key(const std::string& font_path, const std::vector<char32_t>& chars) {
    const auto stamp = core::file_stamp(font_path);
    if (!stamp) return std::nullopt;
    std::string material = format_version;
    material += '\0';
    material += font_path;
    material += '\0';
    material += *stamp;
    material += '\0';
    for (char32_t c : chars) material += std::to_string(static_cast<unsigned long>(c)) + ',';
    return core::sha256_hex(material);
}

std::optional<std::string> cached_woff2(const std::string& cache_dir, const std::string& key) {
    return core::read_cache_file(file_of(cache_dir, key));
}

void store_woff2(const std::string& cache_dir, const std::string& key, const std::string& woff2) {
    core::write_cache_file(file_of(cache_dir, key), woff2);
}

}  // namespace folio::html
