#pragma once
/// Where a URL, an e-mail address or a path may break across lines, as typographers break them
/// (The Chicago Manual of Style, 17th ed., 6.17 and 14.18): never with a hyphen, after a slash or
/// a double slash and after the characters that separate a URL's parts, before a dot or a comma.

#include <cstddef>
#include <string_view>
#include <vector>

namespace folio::text {

/// True when `word` (one word: no spaces) reads as a URL ("https://...", "www..."), an e-mail
/// address ("name@host.org") or a path with two or more slashes ("/usr/share/doc"): text that
/// must not be hyphenated and that breaks at its own places instead.
[[nodiscard]] bool is_url_like(std::u32string_view word);

/// The places `word` (as is_url_like sees it) may break, as indices i, 0 < i < size, meaning
/// "between word[i - 1] and word[i]", ascending: after "//" (never between the two slashes nor
/// after the scheme's colon), after '/', '-', '_', '?', '&', '=', '#'; before '.', ','. None in
/// the punctuation that ends the word (a full stop after a URL stays on its line), and none that
/// would leave a piece of punctuation alone (".." or "?&" keep together).
[[nodiscard]] std::vector<std::size_t> url_break_points(std::u32string_view word);

/// Adds url_break_points(word) to `points` (ascending indices, as above), keeping it ascending
/// and without repeats.
void add_url_break_points(std::u32string_view word, std::vector<std::size_t>& points);

}  // namespace folio::text
