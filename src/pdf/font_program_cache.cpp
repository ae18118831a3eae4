// The font program cache (font_program_cache.hpp): keys from SHA-256, the files through
// core/cache_file.hpp (as the HTML's WOFF2 cache).

#include "pdf/font_program_cache.hpp"

#include <cstdint>

#include "core/cache_file.hpp"
#include "core/sha256.hpp"

namespace folio::pdf {
namespace {

/// Bumped whenever the programs' bytes change for the same input (font_programs.cpp, HarfBuzz).
constexpr const char* format_version = "folio-pdf-font-1";

std::string file_of(const std::string& cache_dir, const std::string& key) {
    return cache_dir + "/pdf-fonts/" + key + ".bin";
}

void put_size(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

/// Reads a size at `at` (advanced); false when the bytes end first.
bool get_size(std::string_view in, std::size_t& at, std::uint64_t& v) {
    if (in.size() - at < 8) return false;
    v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    at += 8;
    return true;
}

/// Reads a size and that many bytes; false when the bytes end first.
bool get_bytes(std::string_view in, std::size_t& at, std::string& out) {
    std::uint64_t n = 0;
    if (!get_size(in, at, n) || in.size() - at < n) return false;
    out.assign(in.substr(at, n));
    at += n;
    return true;
}

}  // namespace

std::optional<std::string> font_program_key(const FontProgramRequest& request) {
    if (request.cff) return std::nullopt;
    const auto stamp = core::file_stamp(request.path);
    if (!stamp) return std::nullopt;
    std::string material = format_version;
    material += '\0';
    material += request.path;
    material += '\0';
    material += *stamp;
    material += '\0';
    for (const auto& [cp, gid] : request.glyphs) {
        material += std::to_string(static_cast<unsigned long>(cp)) + ':' + std::to_string(gid) + ',';
    }
    return core::sha256_hex(material);
}

std::optional<FontProgram> cached_font_program(const std::string& cache_dir, const std::string& key) {
    const auto bytes = core::read_cache_file(file_of(cache_dir, key));
    if (!bytes) return std::nullopt;
    FontProgram program;
    std::size_t at = 0;
    std::uint64_t length = 0;
    if (!get_size(*bytes, at, length) || !get_bytes(*bytes, at, program.font_file) ||
        !get_bytes(*bytes, at, program.gid_map) || at != bytes->size()) {
        return std::nullopt;
    }
    program.font_length = static_cast<std::size_t>(length);
    return program;
}

void store_font_program(const std::string& cache_dir, const std::string& key, const FontProgram& program) {
    std::string bytes;
    put_size(bytes, program.font_length);
    put_size(bytes, program.font_file.size());
    bytes += program.font_file;
    put_size(bytes, program.gid_map.size());
    bytes += program.gid_map;
    core::write_cache_file(file_of(cache_dir, key), bytes);
}

core::Result<FontProgram> cached_or_made(const FontProgramRequest& request, const std::string& cache_dir) {
    const std::optional<std::string> key = cache_dir.empty() ? std::nullopt : font_program_key(request);
    if (key) {
        if (auto cached = cached_font_program(cache_dir, *key)) return std::move(*cached);
    }
    auto program = make_font_program(request);
    if (key && program) store_font_program(cache_dir, *key, *program);
    return program;
}

}  // namespace folio::pdf
