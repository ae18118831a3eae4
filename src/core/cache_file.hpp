#pragma once
/// The files of folio's on-disk caches (#23: the HTML's WOFF2 subsets, the PDF's font programs):
/// the bytes, then their SHA-256, so that a damaged or cut file is not trusted; written to a
/// temporary of this writer beside the file and renamed over it, so that readers never see part
/// of one and several renders may store the same file at once.

#include <optional>
#include <string>
#include <string_view>

namespace folio::core {

/// The bytes of the cache file at `path`, when it is there and intact.
std::optional<std::string> read_cache_file(const std::string& path);

/// Stores `bytes` at `path` (its folder created when missing); failures are ignored: a cache only
/// saves time.
void write_cache_file(const std::string& path, std::string_view bytes);

/// "SIZE MTIME" of the file at `path`, for a cache key that changes with the file; nothing when it
/// cannot be examined.
std::optional<std::string> file_stamp(const std::string& path);

}  // namespace folio::core
