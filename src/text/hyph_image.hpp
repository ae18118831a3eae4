#pragma once
/// A libhyphen pattern dictionary compiled into one flat, position-independent byte image: the
/// finite-state machine that hnj_hyphen_load builds (states, transitions, match and replacement
/// strings, the NEXTLEVEL chain of compound patterns), with a header, a checksum and the
/// dictionary's 8-bit character set. Built once from the .dic text (slow: libhyphen parses it),
/// then used straight from a mapped file (fast: nothing to parse, only to check).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace folio::text::hyph {

/// The format version in every image's header; a change to the layout below bumps it.
inline constexpr std::uint32_t image_version = 1;

/// What identifies the pattern file an image was built from: a changed file gets a new image.
struct SourceKey {
    std::string path;            ///< the .dic file as named (not resolved)
    std::uint64_t size = 0;      ///< its size in bytes
    std::int64_t mtime_ns = 0;   ///< its modification time, nanoseconds since the epoch
    bool operator==(const SourceKey&) const = default;
};

/// The key of the file at `path` now; nullopt when it cannot be stat'ed.
std::optional<SourceKey> key_of(const std::string& path);

/// One state of the machine, as in libhyphen's HyphenState (indices instead of pointers).
struct State {
    std::int32_t fallback;     ///< state to retry from on no transition; -1: restart at 0
    std::uint32_t first_trans; ///< index of its first transition
    std::uint32_t num_trans;
    std::uint32_t match;       ///< offset of its match digits in the strings; `none` if none
    std::uint32_t repl;        ///< offset of its replacement ("ssz=sz"); `none` if none
    std::int8_t replindex;
    std::int8_t replcut;
    std::uint8_t pad[2];
};

/// A transition on one byte of the (encoded) word.
struct Trans {
    std::int32_t to;
    std::uint8_t ch;
    std::uint8_t pad[3];
};

/// The "no string" offset.
inline constexpr std::uint32_t none = 0xFFFFFFFFu;

/// One level of the dictionary (libhyphen's HyphenDict), viewing the image's bytes.
struct Level {
    int lhmin = 0, rhmin = 0, clhmin = 0, crhmin = 0;
    const State* states = nullptr;
    std::uint32_t num_states = 0;
    const Trans* trans = nullptr;
    std::uint32_t num_trans = 0;
    const char* strings = nullptr;  ///< NUL-terminated strings; the block ends with a NUL
    std::uint32_t strings_size = 0;
    /// NOHYPHEN sequences, each NUL-terminated; empty when none.
    std::string_view nohyphen;
    int nohyphen_count = 0;  ///< libhyphen's nohyphenl: the number of sequences minus one

    /// The string at `offset` (nullptr for `none`).
    [[nodiscard]] const char* str(std::uint32_t offset) const { return offset == none ? nullptr : strings + offset; }
};

/// A checked view of an image: at most two levels, as libhyphen loads (the compound patterns
/// first, then the words; levels[0] has a next level when num_levels is 2).
struct Dictionary {
    Level levels[2];
    int num_levels = 0;
    bool utf8 = true;
    char32_t charset[256] = {};  ///< code point of each byte of an 8-bit dictionary (0: unmapped)
    [[nodiscard]] const Level& top() const { return levels[0]; }
};

/// Compiles the pattern file at `path` (read by libhyphen) into an image keyed by `key`.
/// nullopt when libhyphen cannot load it or its character set is unknown.
std::optional<std::string> compile(const std::string& path, const SourceKey& key);

/// Checks `bytes` (an image) and views it; nullopt when it is truncated, corrupt (checksum,
/// indices out of range), of another version or built from another file than `key`. The bytes
/// must stay alive and unchanged, and be 8-byte aligned, while the view is used.
std::optional<Dictionary> open(std::string_view bytes, const SourceKey& key);

/// The 64-bit checksum images carry (over the bytes after the header).
std::uint64_t checksum(std::string_view bytes);

/// libhyphen's hnj_hyphen_hyphenate3 over `dict`, for `word` encoded in the dictionary's
/// charset (`size` bytes; word[size] must be readable and NUL). `hyphens` gets, per character
/// (per byte for an 8-bit dictionary), an odd digit where a break after it is allowed, and
/// `nonstandard` marks the breaks that change the letters (Hungarian "ssz" -> "sz-sz").
/// Returns false where libhyphen would fail (a word starting with a UTF-8 continuation byte).
bool hyphenate(const Dictionary& dict, const char* word, int size, std::vector<char>& hyphens,
               std::vector<bool>& nonstandard, int lhmin, int rhmin, int clhmin, int crhmin);

}  // namespace folio::text::hyph
