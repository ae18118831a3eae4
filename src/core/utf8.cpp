#include "core/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace folio::core {

Utf8Decoded decode_utf8(std::string_view s) {
    Utf8Decoded out;
    out.invalid_at = append_decoded_utf8(out.text, s);
    return out;
}

namespace {

/// Decodes the multi-byte sequence at s[i] (s[i] >= 0x80) into `cp`; returns its length, or 0
/// when it is invalid.
std::size_t decode_sequence(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    if ((b0 & 0xE0) == 0xC0) { cp = b0 & 0x1F; len = 2; }
    else if ((b0 & 0xF0) == 0xE0) { cp = b0 & 0x0F; len = 3; }
    else if ((b0 & 0xF8) == 0xF0) { cp = b0 & 0x07; len = 4; }
    else return 0;
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

/// The eight bytes of `s` from `i` as one word (either byte order serves the tests below).
std::uint64_t word_at(std::string_view s, std::size_t i) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, sizeof w);
    return w;
}

constexpr std::uint64_t kHigh = 0x8080808080808080ULL;  ///< bit 7 of each byte
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;

/// True when the eight bytes of `w` are all printable ASCII (0x20..0x7E), which
/// forbidden_character accepts; false may also mean a tab, line feed or carriage return.
bool printable_ascii(std::uint64_t w) {
    const std::uint64_t below_space = (w - 0x20 * kOnes) & ~w & kHigh;  // exact for bytes < 0x80
    const std::uint64_t x = w ^ (0x7F * kOnes);
    const std::uint64_t del = (x - kOnes) & ~x & kHigh;
    return ((w & kHigh) | below_space | del) == 0;
}

}  // namespace

std::optional<std::size_t> append_decoded_utf8(std::u32string& out, std::string_view s) {
    out.reserve(out.size() + s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {  // a run of ASCII, the common case
            const std::size_t end = ascii_end(s, i);
            out.append(s.begin() + static_cast<std::ptrdiff_t>(i), s.begin() + static_cast<std::ptrdiff_t>(end));
            i = end;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = decode_sequence(s, i, cp);
        if (len == 0) return i;
        out.push_back(cp);
        i += len;
    }
    return std::nullopt;
}

std::size_t ascii_end(std::string_view s, std::size_t i) {
    // eight bytes at a time: reading checks every byte of a source several times (issue 23)
    while (i + 8 <= s.size() && (word_at(s, i) & kHigh) == 0) i += 8;
    while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
    return i;
}

std::size_t count_characters(std::string_view s) {
    std::size_t continuation = 0;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        const std::uint64_t w = word_at(s, i);
        // a flag of 0 or 1 per byte (bit 7 set, bit 6 clear), summed by one multiplication: the
        // baseline x86-64 has no popcnt instruction
        const std::uint64_t flags = (w & ~(w << 1) & kHigh) >> 7;
        continuation += static_cast<std::size_t>((flags * kOnes) >> 56);
    }
    for (; i < s.size(); ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80 ? 1 : 0;
    return s.size() - continuation;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            i = ascii_end(s, i);
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = decode_sequence(s, i, cp);
        if (len == 0) return i;
        i += len;
    }
    return std::nullopt;
}

std::string_view forbidden_character(char32_t cp) {
    if (cp == 0) return "the NUL character";
    if ((cp < 0x20 && cp != U'\t' && cp != U'\n' && cp != U'\r') || (cp >= 0x7F && cp <= 0x9F)) {
        return "the control character";
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) return "the unpaired surrogate";
    if (cp > 0x10FFFF) return "the code point";
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return "the non-character";
    return {};
}

std::optional<std::size_t> find_forbidden_character(std::string_view s, std::size_t from, char32_t& cp) {
    std::size_t i = from;
    while (i < s.size()) {
        if (i + 8 <= s.size() && printable_ascii(word_at(s, i))) {
            i += 8;
            continue;
        }
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
                cp = b;
                return i;
            }
            ++i;
            continue;
        }
        const std::size_t len = decode_sequence(s, i, cp);
        if (len == 0) {  // invalid UTF-8, reported elsewhere
            ++i;
            continue;
        }
        if (!forbidden_character(cp).empty()) return i;
        i += len;
    }
    return std::nullopt;
}

std::string code_point_name(char32_t cp) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string hex;
    for (char32_t v = cp; v != 0 || hex.size() < 4; v >>= 4) hex.insert(hex.begin(), digits[v & 0xF]);
    return "U+" + hex;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string to_utf8(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t cp : s) append_utf8(out, cp);
    return out;
}

}  // namespace folio::core
