#pragma once
/// UTF-8 decoding and encoding. libharu garbles invalid UTF-8 silently, so all text is validated here.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace folio::core {

/// Decodes `s` to code points; std::nullopt holds the byte offset of the first invalid sequence.
struct Utf8Decoded {
    std::u32string text;
    std::optional<std::size_t> invalid_at;
};

/// Decodes UTF-8, rejecting overlong forms, surrogates and values above U+10FFFF.
Utf8Decoded decode_utf8(std::string_view s);

/// Decodes UTF-8 like decode_utf8, appending to `out`; returns the byte offset of the first
/// invalid sequence (what comes before it is appended), or nullopt.
std::optional<std::size_t> append_decoded_utf8(std::u32string& out, std::string_view s);

/// The number of characters of `s`: its bytes that are not UTF-8 continuation bytes (10xxxxxx),
/// counted eight at a time.
std::size_t count_characters(std::string_view s);

/// The end of the run of ASCII bytes (below 0x80) of `s` that starts at byte `from`.
std::size_t ascii_end(std::string_view s, std::size_t from);

/// The byte offset of the first invalid sequence of `s` (as decode_utf8 judges it), or nullopt;
/// decodes nothing, so it costs no memory.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

/// What `cp` is when a document may not contain it, for messages ("the NUL character", "the
/// control character", "the non-character", "the unpaired surrogate", "the code point" (beyond
/// Unicode)); empty when it may. Refused: NUL, the C0 controls other than tab, line feed and
/// carriage return, DEL and the C1 controls, the non-characters U+FDD0..U+FDEF and U+xFFFE/xFFFF,
/// surrogates and values above U+10FFFF (docs/source-format.md, "Characters").
[[nodiscard]] std::string_view forbidden_character(char32_t cp);

/// The first character of `s` at or after byte `from` that forbidden_character refuses: its byte
/// offset, with the code point in `cp`; nullopt when there is none. Invalid UTF-8 is skipped (it
/// is find_invalid_utf8's business).
std::optional<std::size_t> find_forbidden_character(std::string_view s, std::size_t from, char32_t& cp);

/// "U+FFFF": a code point as Unicode writes it, at least four upper-case hexadecimal digits.
[[nodiscard]] std::string code_point_name(char32_t cp);

/// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

/// Encodes a UTF-32 string as UTF-8.
std::string to_utf8(std::u32string_view s);

}  // namespace folio::core
