#pragma once
/// What the fuzz targets share: the repository's files they load once (a style sheet, a source,
/// images), found through FOLIO_SOURCE_DIR, which the build defines.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace folio::fuzz {

/// The bytes libFuzzer hands a target, as a string (the readers take std::string).
inline std::string bytes_of(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// The whole file at `relative` under the repository's root; empty when it cannot be read.
inline std::string repository_file(std::string_view relative) {
    std::ifstream in(std::string(FOLIO_SOURCE_DIR) + "/" + std::string(relative), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

}  // namespace folio::fuzz
