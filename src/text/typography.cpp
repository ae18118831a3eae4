// UAX #14 break opportunities, smart quotes and f-ligatures.
//
// line_break_opportunities wraps libunibreak's set_linebreaks_utf32 (Unicode Standard Annex #14,
// "Unicode Line Breaking Algorithm"); libunibreak keeps global tables that init_linebreak() fills,
// so that runs exactly once, under std::call_once. smart_quotes decides each quote from its
// neighbours alone (no nesting stack), which is what word processors do. ligate substitutes
// greedily, longest ligature first, and only with code points the face maps, because the PDF
// draws CID = code point (see docs/typography.md).

#include "text/typography.hpp"

#include "text/quotes.hpp"

#include <linebreak.h>

#include <array>
#include <mutex>

namespace folio::text {
namespace {

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0xA0 || c == 0x202F; }

bool is_letter_or_digit(char32_t c) {
    if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
    return c >= 0xC0 && c != 0xD7 && c != 0xF7 && (c < 0x2000 || c > 0x2BFF);
}

/// Characters after which a quote opens: start of text, spaces, opening brackets, dashes, slashes.
bool opens_after(char32_t prev) {
    if (prev == 0 || is_space(prev)) return true;
    switch (prev) {
        case U'(': case U'[': case U'{': case U'-': case U'/': case 0x2013: case 0x2014:
        case 0x201C: case 0x2018: case 0x201E: case 0x201A: case 0x2039: case 0xBB: case 0xAB:
            return true;
        default:
            return false;
    }
}

struct Ligature {
    std::u32string_view letters;
    char32_t code;
};
constexpr std::array<Ligature, 5> ligatures{{
    {U"ffi", 0xFB03}, {U"ffl", 0xFB04}, {U"ff", 0xFB00}, {U"fi", 0xFB01}, {U"fl", 0xFB02},
}};

}  // namespace

std::vector<BreakAfter> line_break_opportunities(const std::u32string& text, const std::string& lang) {
    std::vector<BreakAfter> out;
    std::u32string scratch;
    line_break_opportunities(text, lang, out, scratch);
    return out;
}

namespace {

/// ASCII letters and digits, which UAX #14 never separates.
constexpr std::array<bool, 128> ascii_alnum = [] {
    std::array<bool, 128> t{};
    for (int c = 0; c < 128; ++c) t[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return t;
}();

bool is_ascii_alnum(char32_t c) { return c < 128 && ascii_alnum[c]; }

/// `c`, or 'A' for a code point libunibreak cannot take: it reads U+FFFF as the end of the text
/// (and then fails an assertion), and surrogates and values above U+10FFFF are no characters.
/// Non-characters, surrogates and unassigned code points are class XX, which UAX #14 (LB1)
/// resolves to AL, the class of 'A', so the opportunities are those the standard gives.
char32_t breakable(char32_t c) {
    const bool non_character = (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
    return non_character || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF ? U'A' : c;
}

}  // namespace

void line_break_opportunities(const std::u32string& text, const std::string& lang, std::vector<BreakAfter>& out,
                              std::u32string& scratch) {
    static std::once_flag once;
    std::call_once(once, [] { init_linebreak(); });
    const std::size_t n = text.size();
    out.assign(n, BreakAfter::never);
    if (n == 0) return;
    // libunibreak 1.1 finds each character's class by binary search, about 24 ns a character.
    // UAX #14 never breaks between two ASCII letters or digits (LB23, LB25, LB28), and the inner
    // characters of such a run do not change what happens at its ends (each rule looks at the
    // class of the character next to the break), so a run of three or more goes to libunibreak
    // as its first and last characters: prose shrinks to about half. A test checks the result
    // against libunibreak on the whole text.
    scratch.resize(n);
    const char32_t* t = text.data();
    char32_t* s = scratch.data();
    std::size_t m = 0;
    for (std::size_t i = 0; i < n;) {
        if (!is_ascii_alnum(t[i])) { s[m++] = breakable(t[i++]); continue; }
        std::size_t end = i + 1;
        while (end < n && is_ascii_alnum(t[end])) ++end;
        if (end - i >= 3) {
            s[m++] = t[i];
            s[m++] = t[end - 1];
        } else {
            while (i < end) s[m++] = t[i++];
        }
        i = end;
    }
    // libunibreak writes one char per code point: into `out`'s storage, then spread out and
    // mapped in place, from the back (a character's compressed index is never above its own).
    static_assert(sizeof(utf32_t) == sizeof(char32_t) && sizeof(BreakAfter) == sizeof(char));
    static_assert(LINEBREAK_MUSTBREAK == 0 && LINEBREAK_ALLOWBREAK == 1 && LINEBREAK_NOBREAK == 2 &&
                  LINEBREAK_INSIDEACHAR == 3);
    static constexpr BreakAfter map[4] = {BreakAfter::mandatory, BreakAfter::allowed, BreakAfter::never,
                                          BreakAfter::never};
    char* b = reinterpret_cast<char*>(out.data());
    set_linebreaks_utf32(reinterpret_cast<const utf32_t*>(s), m, lang.empty() ? nullptr : lang.c_str(), b);
    BreakAfter* o = out.data();
    for (std::size_t i = n, k = m; i > 0;) {
        if (!is_ascii_alnum(t[i - 1])) {
            --i;
            o[i] = map[b[--k] & 3];
            continue;
        }
        std::size_t begin = i - 1;
        while (begin > 0 && is_ascii_alnum(t[begin - 1])) --begin;
        if (i - begin >= 3) {
            k -= 2;  // the run's first and last characters
            o[i - 1] = map[b[k + 1] & 3];
            for (std::size_t j = begin; j + 1 < i; ++j) o[j] = BreakAfter::never;  // as after its first
        } else {
            while (i > begin) {
                --i;
                o[i] = map[b[--k] & 3];
            }
            continue;
        }
        i = begin;
    }
}

void smart_quotes(std::u32string& text, std::size_t begin, std::size_t end, const std::string& lang) {
    const QuoteMarks marks = quote_marks(lang);  // (quotes.cpp: CLDR's, by language)
    const char32_t open2 = marks.open, close2 = marks.close;
    const char32_t open1 = marks.open_inner, close1 = marks.close_inner;
    for (std::size_t i = begin; i < end && i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c != U'"' && c != U'\'') continue;
        const char32_t prev = i > 0 ? text[i - 1] : 0;
        const char32_t next = i + 1 < text.size() ? text[i + 1] : 0;
        const bool opening = opens_after(prev) && next != 0 && !is_space(next);
        if (c == U'"') {
            text[i] = opening ? open2 : close2;
        } else if (is_letter_or_digit(prev) && is_letter_or_digit(next)) {
            text[i] = 0x2019;  // an apostrophe inside a word: don't, Peter's
        } else if (opening && next >= U'0' && next <= U'9') {
            text[i] = 0x2019;  // elision before a year: '90s
        } else {
            text[i] = opening ? open1 : close1;
        }
    }
}

bool ligate(std::u32string& word, const FontProvider& fonts, FontId font) {
    if (word.find(U'f') == std::u32string::npos) return false;
    bool changed = false;
    std::u32string out;
    out.reserve(word.size());
    for (std::size_t i = 0; i < word.size();) {
        bool done = false;
        if (word[i] == U'f') {
            for (const auto& lig : ligatures) {
                if (word.compare(i, lig.letters.size(), lig.letters) == 0 && fonts.has_glyph(font, lig.code)) {
                    out.push_back(lig.code);
                    i += lig.letters.size();
                    done = changed = true;
                    break;
                }
            }
        }
        if (!done) out.push_back(word[i++]);
    }
    if (changed) word = std::move(out);
    return changed;
}

std::u32string_view ligature_letters(char32_t c) {
    for (const auto& lig : ligatures) {
        if (lig.code == c) return lig.letters;
    }
    return {};
}

}  // namespace folio::text
