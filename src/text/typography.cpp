// UAX #14 break opportunities, smart quotes and f-ligatures.
//
// line_break_opportunities wraps libunibreak's set_linebreaks_utf32 (Unicode Standard Annex #14,
// "Unicode Line Breaking Algorithm"); libunibreak keeps global tables that init_linebreak() fills,
// so that runs exactly once, under std::call_once. smart_quotes decides each quote from its
// neighbours alone (no nesting stack), which is what word processors do. ligate substitutes
// greedily, longest ligature first, and only with code points the face maps, because the PDF
// draws CID = code point (see docs/typography.md).

#include "text/typography.hpp"

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
        case 0x201C: case 0x2018: case 0x201E: case 0xBB: case 0xAB:
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

bool is_ascii_alnum(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

/// Calls `run(begin, end)` for each run of three or more ASCII letters and digits in `text`,
/// from the last run to the first.
template <class F>
void long_runs_backwards(const std::u32string& text, F run) {
    for (std::size_t end = text.size(); end > 0;) {
        if (!is_ascii_alnum(text[end - 1])) { --end; continue; }
        std::size_t begin = end - 1;
        while (begin > 0 && is_ascii_alnum(text[begin - 1])) --begin;
        if (end - begin >= 3) run(begin, end);
        end = begin;
    }
}

}  // namespace

void line_break_opportunities(const std::u32string& text, const std::string& lang, std::vector<BreakAfter>& out,
                              std::u32string& scratch) {
    static std::once_flag once;
    std::call_once(once, [] { init_linebreak(); });
    out.assign(text.size(), BreakAfter::never);
    if (text.empty()) return;
    // libunibreak 1.1 finds each character's class by binary search, about 24 ns a character.
    // UAX #14 never breaks between two ASCII letters or digits (LB23, LB25, LB28), and the inner
    // characters of such a run do not change what happens at its ends (each rule looks at the
    // class of the character next to the break), so a run of three or more goes to libunibreak
    // as its first and last characters: prose shrinks to about half. A test checks the result
    // against libunibreak on the whole text.
    scratch.clear();
    scratch.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (!is_ascii_alnum(text[i])) { scratch.push_back(text[i++]); continue; }
        std::size_t end = i + 1;
        while (end < text.size() && is_ascii_alnum(text[end])) ++end;
        if (end - i >= 3) {
            scratch.push_back(text[i]);
            scratch.push_back(text[end - 1]);
        } else {
            scratch.append(text, i, end - i);
        }
        i = end;
    }
    // libunibreak writes one char per code point: into `out`'s storage, then spread out and
    // mapped in place, from the back (a character's compressed index is never above its own).
    static_assert(sizeof(utf32_t) == sizeof(char32_t) && sizeof(BreakAfter) == sizeof(char));
    char* brks = reinterpret_cast<char*>(out.data());
    set_linebreaks_utf32(reinterpret_cast<const utf32_t*>(scratch.data()), scratch.size(),
                         lang.empty() ? nullptr : lang.c_str(), brks);
    auto map = [](char b) {
        return b == LINEBREAK_MUSTBREAK ? BreakAfter::mandatory
               : b == LINEBREAK_ALLOWBREAK ? BreakAfter::allowed
                                           : BreakAfter::never;
    };
    std::size_t k = scratch.size();  // compressed index just past text[i]
    std::size_t i = text.size();
    auto copy_down_to = [&](std::size_t stop) {  // text[stop, i) was passed whole
        while (i > stop) out[--i] = map(brks[--k]);
    };
    long_runs_backwards(text, [&](std::size_t begin, std::size_t end) {
        copy_down_to(end);
        const char last = brks[--k];
        --k;  // the run's first character: no break after it, as after every inner one
        out[--i] = map(last);
        while (i > begin) out[--i] = BreakAfter::never;
    });
    copy_down_to(0);
}

void smart_quotes(std::u32string& text, std::size_t begin, std::size_t end, const std::string& lang) {
    const bool hu = lang.rfind("hu", 0) == 0;
    const char32_t open2 = hu ? 0x201E : 0x201C, close2 = 0x201D;
    const char32_t open1 = hu ? 0xBB : 0x2018, close1 = hu ? 0xAB : 0x2019;
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
