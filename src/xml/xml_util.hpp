#pragma once
/// Private helpers shared by the two XML readers (src/xml/*.cpp only; this header includes
/// pugixml): parsing with the right options, element and attribute positions, whitespace handling,
/// and the UTF-8 checks. pugixml reports byte offsets of element names and text only, so attribute
/// positions are found by re-tokenizing the start tag in the source text.

#include <pugixml.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "core/utf8.hpp"

namespace folio::xml::detail {

/// pugixml options: keep whitespace-only text (the space in `<em>a</em> <strong>b</strong>`),
/// decode entities and normalise line ends; comments, PIs and the DOCTYPE are dropped.
inline constexpr unsigned parse_options = pugi::parse_default | pugi::parse_ws_pcdata;

/// True for the XML whitespace characters (space, tab, CR, LF).
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// True when `s` holds only XML whitespace (or nothing).
inline bool is_blank(std::string_view s) {
    for (char c : s) {
        if (!is_space(c)) return false;
    }
    return true;
}

/// `s` without leading and trailing XML whitespace.
inline std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

/// `s` with every run of XML whitespace replaced by one space (no trimming).
inline std::string collapse_space(std::string_view s) {
    // Eight bytes at a time where they need no change (no byte below 0x21 but single spaces, and
    // no space after a space): prose is mostly that. Elsewhere byte by byte without a branch per
    // byte: every byte is written, and the write position moves unless it is a second space.
    // (The byte loop alone cost 20 % of reading, issue 23.)
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
    std::string out(s.size(), '\0');
    char* w = out.data();
    bool in_space = false;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t v = 0;
        std::memcpy(&v, s.data() + i, 8);  // (x86-64: little-endian, byte k in bits 8k..8k+7)
        const std::uint64_t below = (v - 0x21 * ones) & ~v & high;  // some byte < 0x21 (< 0x80)
        const std::uint64_t x = v ^ (0x20 * ones);
        const std::uint64_t spaces = ~(((x & low7) + low7) | x | low7);  // 0x80 where a space
        const std::uint64_t others = below & ~spaces;  // with a false mark only above a true one
        const std::uint64_t doubled = (spaces & (spaces << 8)) | (in_space ? spaces & 0x80 : 0);
        if (others == 0 && doubled == 0) {
            std::memcpy(w, &v, 8);
            w += 8;
            in_space = (spaces >> 63) != 0;
            continue;
        }
        for (std::size_t k = i; k < i + 8; ++k) {
            const bool space = is_space(s[k]);
            *w = space ? ' ' : s[k];
            w += !(space && in_space);
            in_space = space;
        }
    }
    for (; i < s.size(); ++i) {
        const bool space = is_space(s[i]);
        *w = space ? ' ' : s[i];
        w += !(space && in_space);
        in_space = space;
    }
    out.resize(static_cast<std::size_t>(w - out.data()));
    return out;
}

/// True for text and CDATA nodes.
inline bool is_text(pugi::xml_node n) {
    return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

/// Byte offset of an element's `<` (pugixml's offset_debug() gives the offset of its name).
inline std::size_t element_offset(pugi::xml_node el) {
    const std::ptrdiff_t name = el.offset_debug();
    return name > 0 ? static_cast<std::size_t>(name - 1) : 0;
}

/// Byte offset of the first character of a text or CDATA node's value.
inline std::size_t text_offset(pugi::xml_node text) {
    const std::ptrdiff_t off = text.offset_debug();
    return off > 0 ? static_cast<std::size_t>(off) : 0;
}

/// The source location of an element's `<`.
inline core::SourceLocation element_location(const core::SourceFile& f, pugi::xml_node el) {
    return f.location(element_offset(el));
}

/// Where an attribute sits in the source: the offset of its name and of its value's first byte.
struct AttributeSpan {
    std::size_t name = 0;
    std::size_t value = 0;
};

/// Finds attribute `name` in the start tag whose `<` is at `tag_offset`. The tag is tokenized
/// (element name, then `name = "value"` pairs), so `name` never matches inside a value or as the
/// tail of a longer attribute name. `occurrence` 1 finds a repeated attribute's second instance.
/// Returns nullopt when the tag has no such attribute.
inline std::optional<AttributeSpan> find_attribute(std::string_view text, std::size_t tag_offset,
                                                   std::string_view name,
                                                   std::size_t occurrence = 0) {
    std::size_t i = tag_offset;
    if (i >= text.size() || text[i] != '<') return std::nullopt;
    const auto stops_name = [&](std::size_t k) {
        return k >= text.size() || is_space(text[k]) || text[k] == '>' || text[k] == '/' ||
               text[k] == '=';
    };
    const auto skip_space = [&] {
        while (i < text.size() && is_space(text[i])) ++i;
    };
    for (++i; !stops_name(i); ++i) {
    }
    while (true) {
        skip_space();
        if (i >= text.size() || text[i] == '>' || text[i] == '/') return std::nullopt;
        const std::size_t start = i;
        while (!stops_name(i)) ++i;
        if (i == start) return std::nullopt;  // stray '=': not a tag we understand
        const std::string_view found = text.substr(start, i - start);
        skip_space();
        if (i >= text.size() || text[i] != '=') continue;  // attribute without value
        ++i;
        skip_space();
        if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) return std::nullopt;
        const std::size_t close = text.find(text[i], i + 1);
        if (found == name) {
            if (occurrence == 0) return AttributeSpan{start, i + 1};
            --occurrence;
        }
        if (close == std::string_view::npos) return std::nullopt;
        i = close + 1;
    }
}

/// The location of attribute `name` of element `el`; the element's location when not found.
inline core::SourceLocation attribute_location(const core::SourceFile& f, pugi::xml_node el,
                                               std::string_view name, std::size_t occurrence = 0) {
    const auto span = find_attribute(f.text(), element_offset(el), name, occurrence);
    return f.location(span ? span->name : element_offset(el));
}

/// Formats `v` in upper-case hexadecimal with at least `digits` digits.
inline std::string hex(unsigned long v, int digits) {
    std::array<char, 16> buf{};
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v, 16);
    std::string s(buf.data(), res.ptr);
    for (char& c : s) {
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    }
    if (static_cast<int>(s.size()) < digits)
        s.insert(0, static_cast<std::size_t>(digits) - s.size(), '0');
    return s;
}

/// The diagnostic for XML that pugixml cannot parse: its description, lower-cased, at its offset.
inline core::Diagnostic malformed_xml(const core::SourceFile& f, const pugi::xml_parse_result& r,
                                      std::string code) {
    std::string what = r.description();
    if (!what.empty() && what[0] >= 'A' && what[0] <= 'Z')
        what[0] = static_cast<char>(what[0] - 'A' + 'a');
    const auto offset = r.offset > 0 ? static_cast<std::size_t>(r.offset) : 0;
    return {core::Severity::error, std::move(code), "malformed XML: " + what, f.location(offset)};
}

/// Reports each invalid UTF-8 sequence of the whole file (at most `limit`) at its first byte.
inline void check_utf8(const core::SourceFile& f, core::Diagnostics& diags, const std::string& code,
                       int limit = 10) {
    const std::string_view text = f.text();
    std::size_t pos = 0;
    for (int reported = 0; pos < text.size() && reported < limit; ++reported) {
        const auto invalid = core::find_invalid_utf8(text.substr(pos));
        if (!invalid) return;
        const std::size_t bad = pos + *invalid;
        diags.error(code,
                    "invalid UTF-8 (byte 0x" + hex(static_cast<unsigned char>(text[bad]), 2) +
                        "); the file must be encoded in UTF-8",
                    f.location(bad));
        pos = bad + 1;
    }
}

/// The message for a character forbidden_character refuses, naming it and what to do.
inline std::string forbidden_message(char32_t cp) {
    std::string m(core::forbidden_character(cp));
    m += " " + core::code_point_name(cp) + " is not allowed in text";
    if (cp == 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
        m += "; of the control characters only tab, line feed and carriage return are";
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
        m += "; a reference must name a whole character, not half of a UTF-16 pair";
    } else if (cp > 0x10FFFF) {
        m += "; Unicode ends at U+10FFFF";
    } else {
        m += "; non-characters are for a program's internal use, not for interchange";
    }
    return m;
}

/// Reports each character of the whole file that core::forbidden_character refuses (NUL,
/// control characters, non-characters), at most `limit`, at its first byte. Returns the first
/// report: pugixml stops at a NUL, so that, not its "tag mismatch", says why a parse failed.
inline std::optional<core::Diagnostic> check_characters(const core::SourceFile& f, core::Diagnostics& diags,
                                                        const std::string& code, int limit = 10) {
    const std::string_view text = f.text();
    std::optional<core::Diagnostic> first;
    int reported = 0;
    char32_t cp = 0;
    for (auto at = core::find_forbidden_character(text, 0, cp); at && reported < limit;
         at = core::find_forbidden_character(text, *at + 1, cp), ++reported) {
        core::Diagnostic d{core::Severity::error, code, forbidden_message(cp), f.location(*at)};
        if (!first) first = d;
        diags.add(std::move(d));
    }
    return first;
}

/// The code point of the character reference whose digits are raw[begin, end) (hexadecimal when
/// `hex_digits`), saturated above U+10FFFF so that long references cannot overflow.
inline char32_t reference_value(std::string_view raw, std::size_t begin, std::size_t end,
                                bool hex_digits) {
    char32_t v = 0;
    for (std::size_t i = begin; i < end; ++i) {
        const char c = raw[i];
        const char32_t d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        v = v * (hex_digits ? 16 : 10) + d;
        if (v > 0x10FFFF) return 0x110000;
    }
    return v;
}

/// Reports each character above U+FFFF in `value`, whose raw form starts at byte `raw_offset` of
/// the source and ends before the next `stop` character. The position is that of the character in
/// the source; one written as a character reference is reported at `raw_offset`.
inline void check_bmp(const core::SourceFile& f, core::Diagnostics& diags, std::string_view value,
                      std::size_t raw_offset, char stop, const std::string& code) {
    const std::string_view raw = f.text();
    const std::size_t raw_end = std::min(raw.find(stop, raw_offset), raw.size());
    std::size_t search_from = raw_offset;
    for (std::size_t i = core::ascii_end(value, 0); i < value.size(); i = core::ascii_end(value, i + 1)) {
        if ((static_cast<unsigned char>(value[i]) & 0xF8) != 0xF0 || i + 4 > value.size()) continue;
        const std::string_view bytes = value.substr(i, 4);
        const auto cp = core::decode_utf8(bytes);
        if (cp.invalid_at || cp.text.size() != 1) continue;
        std::size_t at = raw.find(bytes, search_from);
        if (at == std::string_view::npos || at >= raw_end) {
            at = raw_offset;
        } else {
            search_from = at + 4;
        }
        diags.error(code,
                    "character U+" + hex(cp.text[0], 4) +
                        " is outside the Basic Multilingual Plane; the PDF fonts cannot show it",
                    f.location(at));
        i += 3;
    }
}

/// "source" for "source.malformed-xml": the reader's prefix of a diagnostic code.
inline std::string prefix_of(const std::string& code) { return code.substr(0, code.find('.')); }

/// Reports the references pugixml passes through untouched in the raw text from `raw_offset` up
/// to the next `stop` character: undefined entities (`&nbsp;`), malformed character references
/// (`&#xZZ;`) and bare `&`s; and character references to a character core::forbidden_character
/// refuses (`&#xFFFF;`, `&#xD800;`, `&#0;`). `code` is the reader's malformed-XML code.
inline void check_references(const core::SourceFile& f, core::Diagnostics& diags,
                             std::size_t raw_offset, char stop, const std::string& code) {
    const std::string_view raw = f.text();
    const std::size_t raw_end = std::min(raw.find(stop, raw_offset), raw.size());
    const auto is_digit = [](char c, bool hex_digits) {
        return (c >= '0' && c <= '9') ||
               (hex_digits && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    };
    const auto is_name = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.' || c == ':';
    };
    // Search only up to the end of this text: scanning the rest of the file for every text node
    // made reading quadratic in the file's size.
    const std::string_view window = raw.substr(0, raw_end);
    for (std::size_t at = window.find('&', raw_offset); at < raw_end; at = window.find('&', at + 1)) {
        std::size_t i = at + 1;
        if (i < raw_end && raw[i] == '#') {
            const bool hex_digits = i + 1 < raw_end && raw[i + 1] == 'x';
            i += hex_digits ? 2 : 1;
            const std::size_t digits = i;
            while (i < raw_end && is_digit(raw[i], hex_digits)) ++i;
            if (i > digits && i < raw_end && raw[i] == ';') {
                const char32_t cp = reference_value(raw, digits, i, hex_digits);
                if (!core::forbidden_character(cp).empty()) {
                    diags.error(prefix_of(code) + ".forbidden-character", forbidden_message(cp),
                                f.location(at));
                }
                continue;
            }
            const std::size_t end = std::min(raw.find(';', at), raw_end);
            diags.error(code,
                        "malformed XML: bad character reference \"" +
                            std::string(raw.substr(at, std::min<std::size_t>(end + 1 - at, 12))) +
                            "\"; write &#NNNN; or &#xHHHH;",
                        f.location(at));
            continue;
        }
        while (i < raw_end && is_name(raw[i])) ++i;
        const std::string_view name = raw.substr(at + 1, i - at - 1);
        if (i >= raw_end || raw[i] != ';' || name.empty()) {
            diags.error(code, "malformed XML: a bare \"&\"; write it as &amp;", f.location(at));
        } else if (name != "amp" && name != "lt" && name != "gt" && name != "quot" &&
                   name != "apos") {
            diags.error(code,
                        "malformed XML: undefined entity &" + std::string(name) +
                            ";; XML defines only &amp; &lt; &gt; &quot; and &apos;, so write the "
                            "character itself or a character reference",
                        f.location(at));
        }
    }
}

/// The checks pugixml does not make on a piece of text that reaches the output: its references
/// (unless it is CDATA) and its characters above U+FFFF. `value` is the decoded text, whose raw
/// form starts at `raw_offset` and ends before `stop`; `prefix` is "source" or "style".
inline void check_text(const core::SourceFile& f, core::Diagnostics& diags, std::string_view value,
                       std::size_t raw_offset, char stop, const std::string& prefix,
                       bool cdata = false) {
    if (!cdata) check_references(f, diags, raw_offset, stop, prefix + ".malformed-xml");
    check_bmp(f, diags, value, raw_offset, stop, prefix + ".non-bmp");
}

/// `n` with thousands separated by commas: 200,000.
inline std::string with_commas(std::size_t n) {
    std::string s = std::to_string(n);
    for (std::size_t i = s.size(); i > 3; i -= 3) s.insert(i - 3, ",");
    return s;
}

/// The most attributes one element may have. Each attribute's position is found by reading its
/// start tag again, so an element with 50,000 attributes took 37 s; no folio element needs more
/// than a few (a style rule: one per property).
inline constexpr std::size_t max_attributes = 256;

/// Reports `el` when it has more than max_attributes attributes; `prefix` is "source" or
/// "style". Returns true when it has: the caller then reads none of them.
inline bool too_many_attributes(const core::SourceFile& f, core::Diagnostics& diags, pugi::xml_node el,
                                const std::string& prefix) {
    std::size_t count = 0;
    for (pugi::xml_attribute a = el.first_attribute(); a; a = a.next_attribute()) ++count;
    if (count <= max_attributes) return false;
    diags.error(prefix + ".too-many-attributes",
                "<" + std::string(el.name()) + "> has " + with_commas(count) +
                    " attributes; folio reads at most " + std::to_string(max_attributes) + " on one element",
                element_location(f, el));
    return true;
}

/// The most characters an attribute value may hold (an alt text, a URL, a style value).
inline constexpr std::size_t max_attribute_chars = 10'000;

/// Reports attribute `a` (occurrence `occurrence` of its name) of `el` when its value is longer
/// than max_attribute_chars; `prefix` is "source" or "style". Returns true when it is.
inline bool attribute_too_long(const core::SourceFile& f, core::Diagnostics& diags, pugi::xml_node el,
                               pugi::xml_attribute a, const std::string& prefix,
                               std::size_t occurrence = 0) {
    std::size_t chars = 0;
    for (const char* c = a.value(); *c != 0; ++c) chars += (static_cast<unsigned char>(*c) & 0xC0) != 0x80;
    if (chars <= max_attribute_chars) return false;
    diags.error(prefix + ".attribute-too-long",
                "attribute \"" + std::string(a.name()) + "\" on <" + el.name() + "> holds " +
                    with_commas(chars) + " characters; folio takes at most " +
                    with_commas(max_attribute_chars) + " in an attribute",
                attribute_location(f, el, a.name(), occurrence));
    return true;
}

/// check_text for the value of attribute `name` (occurrence `occurrence`) of element `el`.
inline void check_attribute_text(const core::SourceFile& f, core::Diagnostics& diags,
                                 pugi::xml_node el, std::string_view name, std::string_view value,
                                 const std::string& prefix, std::size_t occurrence = 0) {
    const auto span = find_attribute(f.text(), element_offset(el), name, occurrence);
    if (span) {
        check_text(f, diags, value, span->value, f.text()[span->value - 1], prefix);
    } else {
        check_bmp(f, diags, value, element_offset(el), '>', prefix + ".non-bmp");
    }
}

}  // namespace folio::xml::detail
