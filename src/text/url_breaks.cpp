// URL break points, after The Chicago Manual of Style (17th ed., 6.17 and 14.18): a URL, e-mail
// address or path that must break does so without an added hyphen (a hyphen would read as part
// of the address), after a slash, a double slash or a separator ('-', '_', '?', '&', '=', '#'),
// or before a dot or a comma (so that a line never ends with a dot that reads as a full stop,
// and the next line visibly continues the address), or before the '@' of an e-mail address.
//
// Control flow of url_break_points: find where the address proper ends (trailing punctuation
// such as a sentence's full stop stays with the last piece) and where its scheme ends (nothing
// breaks inside "https://"); then walk the characters between, allowing a break between two
// characters when one of the rules above says so and the piece since the previous break holds at
// least one letter or digit, so that no line ends or starts with a lone separator.

#include "text/url_breaks.hpp"

#include <algorithm>
#include <iterator>

namespace folio::text {
namespace {

/// Separators a URL may break after.
bool breaks_after(char32_t c) {
    return c == U'/' || c == U'-' || c == U'_' || c == U'?' || c == U'&' || c == U'=' || c == U'#';
}

/// Characters a URL may break before.
bool breaks_before(char32_t c) { return c == U'.' || c == U',' || c == U'@'; }

/// Letters, digits and anything outside ASCII: the content of a URL's parts.
bool is_content(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') || c >= 0x80;
}

/// Punctuation that may follow an address in running text and belongs to the sentence.
bool is_trailing(char32_t c) {
    switch (c) {
        case U'.': case U',': case U';': case U':': case U'!': case U'?': case U')': case U']':
        case U'}': case U'\'': case U'"': case 0x2019: case 0x201D: case 0xBB:
            return true;
        default:
            return false;
    }
}

char32_t lower(char32_t c) { return c >= U'A' && c <= U'Z' ? c + 32 : c; }

bool starts_with_www(std::u32string_view w) {
    return w.size() > 4 && lower(w[0]) == U'w' && lower(w[1]) == U'w' && lower(w[2]) == U'w' && w[3] == U'.';
}

}  // namespace

bool is_url_like(std::u32string_view word) {
    if (word.find(U"://") != std::u32string_view::npos || starts_with_www(word)) return true;
    const std::size_t at = word.find(U'@');
    if (at != std::u32string_view::npos && at > 0 && word.find(U'.', at) != std::u32string_view::npos) return true;
    return std::count(word.begin(), word.end(), U'/') >= 2;
}

std::vector<std::size_t> url_break_points(std::u32string_view word) {
    std::vector<std::size_t> out;
    std::size_t end = word.size();
    while (end > 0 && is_trailing(word[end - 1])) --end;
    const std::size_t scheme = word.find(U"://");
    const std::size_t first = scheme == std::u32string_view::npos ? 1 : scheme + 3;
    bool content = false;  // a letter or digit since the previous break
    for (std::size_t i = 0; i < first && i < end; ++i) content = content || is_content(word[i]);
    for (std::size_t i = std::max<std::size_t>(first, 1); i < end; ++i) {
        const char32_t prev = word[i - 1], next = word[i];
        content = content || is_content(prev);
        const bool separator_pair = !is_content(prev) && !is_content(next);  // "//", "?&", "/."
        const bool rule = breaks_after(prev) || breaks_before(next);
        const bool after_scheme = i == first && scheme != std::u32string_view::npos;
        if ((rule && !separator_pair && content) || (after_scheme && content)) {
            out.push_back(i);
            content = false;
        }
    }
    return out;
}

void add_url_break_points(std::u32string_view word, std::vector<std::size_t>& points) {
    const std::vector<std::size_t> url = url_break_points(word);
    if (url.empty()) return;
    std::vector<std::size_t> merged;
    merged.reserve(points.size() + url.size());
    std::set_union(points.begin(), points.end(), url.begin(), url.end(), std::back_inserter(merged));
    points = std::move(merged);
}

}  // namespace folio::text
