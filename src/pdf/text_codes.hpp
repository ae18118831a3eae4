#pragma once
/// The text of a TJ operator: two-byte codes (CID = code point) in literal strings, written a
/// stretch of characters at a time into the content stream (draw_page.cpp; issue 23: byte by
/// byte, with a string push_back per byte, this was a tenth of painting a page).

#include <cstddef>
#include <string>
#include <string_view>

namespace folio::pdf {

bool is_drawn(char32_t cp);

namespace text_codes {

/// Writes byte `b` of a literal string at `w`: as itself, or escaped where the PDF syntax needs
/// it (the delimiters and the backslash) or would change it (a raw end-of-line reads as LF).
/// Returns the position after it.
inline char* put_string_byte(char* w, unsigned char b) {
    char escaped = 0;
    switch (b) {
        case '(': escaped = '('; break;
        case ')': escaped = ')'; break;
        case '\\': escaped = '\\'; break;
        case '\r': escaped = 'r'; break;
        case '\n': escaped = 'n'; break;
        default: *w = static_cast<char>(b); return w + 1;
    }
    w[0] = '\\';
    w[1] = escaped;
    return w + 2;
}

}  // namespace text_codes

/// Appends the codes of the characters of `text` that are drawn (is_drawn), each as its two
/// bytes in a literal string; opens the string with '(' before the first when `open` is false
/// (and sets it).
inline void append_codes(std::string& out, std::u32string_view text, bool& open) {
    const std::size_t at = out.size();
    out.resize(at + 1 + text.size() * 4);  // '(' and at most four bytes a character
    char* const begin = out.data() + at;
    char* w = begin;
    for (const char32_t cp : text) {
        if (!is_drawn(cp)) continue;
        if (!open) {
            *w++ = '(';
            open = true;
        }
        w = text_codes::put_string_byte(w, static_cast<unsigned char>((cp >> 8) & 0xFF));
        w = text_codes::put_string_byte(w, static_cast<unsigned char>(cp & 0xFF));
    }
    out.resize(at + static_cast<std::size_t>(w - begin));
}

}  // namespace folio::pdf
