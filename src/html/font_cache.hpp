#pragma once
/// The on-disk cache of the HTML's WOFF2 font subsets (issues 20 and 23): HarfBuzz's subset and
/// Brotli cost about 10 ms of CPU a face on every render; a second render of a document whose
/// characters did not change reads the files instead. The output bytes are the same either way.
///
/// A file `<cache_dir>/woff2/<key>.woff2` holds the WOFF2 bytes and then their SHA-256; the key
/// is the SHA-256 of the format version, the font file's path, size and modification time, and
/// the characters. A file whose hash does not match its bytes (damaged, cut short) is not
/// trusted: the subset is made anew and the file replaced, through a temporary file and a
/// rename, so that readers never see a partial file.

#include <optional>
#include <string>
#include <vector>

namespace folio::html {

/// The cache key of the subset of font file `font_path` to `chars`; nothing when the file
/// cannot be examined (then nothing is cached).
std::optional<std::string> woff2_cache_key(const std::string& font_path, const std::vector<char32_t>& chars);

/// The WOFF2 bytes cached under `key` in `cache_dir`, when a file is there and intact.
std::optional<std::string> cached_woff2(const std::string& cache_dir, const std::string& key);

/// Stores `woff2` under `key` in `cache_dir` (created when missing); failures are ignored: the
/// cache only saves time.
void store_woff2(const std::string& cache_dir, const std::string& key, const std::string& woff2);

}  // namespace folio::html
