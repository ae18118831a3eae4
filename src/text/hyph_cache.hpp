#pragma once
/// Compiled pattern dictionaries, cached on disk: each libhyphen .dic file is compiled once into
/// an image (hyph_image.hpp), written atomically under a cache folder (a temporary file renamed
/// into place), and later mapped read-only, so a language's first word costs a map and a check,
/// not a parse. An image that does not match its pattern file (path, size, modification time,
/// format version) or fails its checks is rebuilt, never trusted. Without a writable cache
/// folder the image is built in memory for the process.

#include <memory>
#include <string>

#include "text/hyph_image.hpp"

namespace folio::text::hyph {

/// How a dictionary was obtained (for tests and --timings).
enum class Origin { mapped, built_and_cached, built_in_memory };

/// A compiled dictionary, mapped from the cache or held in memory. Immutable; share freely.
class Compiled {
public:
    Compiled(const Compiled&) = delete;
    Compiled& operator=(const Compiled&) = delete;
    ~Compiled();

    /// The dictionary of pattern file `dic_path`, from `cache_dir` (may be empty: no cache) when
    /// an image of the file's current state is there, else compiled (and cached when the folder
    /// can be created and written). nullptr when the file cannot be read as patterns.
    static std::shared_ptr<const Compiled> load(const std::string& dic_path, const std::string& cache_dir);

    /// The checked view.
    [[nodiscard]] const Dictionary& dict() const { return m_dict; }
    /// Where it came from.
    [[nodiscard]] Origin origin() const { return m_origin; }
    /// The byte of the dictionary's 8-bit charset for `c`; -1 when it has none (UTF-8 dictionaries
    /// are not asked).
    [[nodiscard]] int byte_for(char32_t c) const;

private:
    Compiled() = default;
    Dictionary m_dict;
    Origin m_origin = Origin::built_in_memory;
    void* m_map = nullptr;    ///< the mapped file, when mapped
    std::size_t m_map_size = 0;
    std::unique_ptr<std::uint64_t[]> m_owned;  ///< the image, when built in memory (8-aligned)
    std::uint32_t m_reverse[256] = {};  ///< charset code points, sorted, with their bytes (cp << 8 | byte)
    int m_reverse_size = 0;
    /// Takes the mapping `p` when it holds a sound image of `key`'s file.
    bool adopt_map(void* p, std::size_t size, const SourceKey& key);
    /// Takes a copy of a freshly compiled image.
    bool adopt_bytes(const std::string& bytes, const SourceKey& key, Origin origin);
    void index_charset();
};

/// Writes `bytes` to `path` atomically: a unique temporary file in the same folder (made if
/// missing), then renamed over it; false on failure (the temporary is removed). Also the font
/// cache's (font_cache.cpp, #23).
bool write_atomically(const std::string& path, const std::string& bytes);

/// The cache file for pattern file `dic_path` in `cache_dir` (one per pattern path).
std::string cache_file(const std::string& cache_dir, const std::string& dic_path);

}  // namespace folio::text::hyph
