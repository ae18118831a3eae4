#pragma once
/// The on-disk cache of the embedded TrueType font programs (#23). Subsetting a face with
/// HarfBuzz and deflating the subset and its CIDToGIDMap at zlib's default level cost about 15 %
/// of the CPU time of a 10-page build, every time, for the same bytes when the document's
/// characters did not change. The file `<cache_dir>/pdf-fonts/<key>.bin` holds a FontProgram
/// and then the SHA-256 of what precedes it; the key is the SHA-256 of the format version, the
/// font file's path, size and modification time, and the request's (code point, glyph) pairs.
/// A damaged or cut file is not trusted (the program is made anew and the file replaced through
/// a temporary and a rename). The PDF's bytes are the same either way. CFF faces are not cached.

#include <optional>
#include <string>

#include "core/result.hpp"
#include "pdf/font_programs.hpp"

namespace folio::pdf {

/// The cache key of `request`; nothing when the font file cannot be examined or the face is CFF.
std::optional<std::string> font_program_key(const FontProgramRequest& request);

/// The program cached under `key` in `cache_dir`, when a file is there and intact.
std::optional<FontProgram> cached_font_program(const std::string& cache_dir, const std::string& key);

/// Stores `program` under `key` in `cache_dir` (created when missing); failures are ignored.
void store_font_program(const std::string& cache_dir, const std::string& key, const FontProgram& program);

/// make_font_program through the cache in `cache_dir` (empty: no cache).
core::Result<FontProgram> cached_or_made(const FontProgramRequest& request, const std::string& cache_dir);

}  // namespace folio::pdf
