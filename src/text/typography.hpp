#pragma once
/// Text-level typography that needs no layout: UAX #14 line break opportunities (libunibreak),
/// smart quotes and standard f-ligatures.

#include <cstdint>
#include <string>
#include <vector>

#include "text/font_metrics.hpp"

namespace folio::text {

/// Whether a line may end after a character (UAX #14).
enum class BreakAfter : std::uint8_t { never, allowed, mandatory };

/// UAX #14 break opportunities of `text` (a whole paragraph, for context) through libunibreak:
/// one entry per character, telling whether a line may break between it and the next. `lang` is a
/// BCP 47 tag (it only tunes a few quotation rules). Thread-safe.
[[nodiscard]] std::vector<BreakAfter> line_break_opportunities(const std::u32string& text, const std::string& lang);
/// The same into `out` (resized to the text), reusing its storage and that of `scratch`.
void line_break_opportunities(const std::u32string& text, const std::string& lang, std::vector<BreakAfter>& out,
                              std::u32string& scratch);

/// Replaces the straight quotes " and ' in text[begin, end) by typographic ones, chosen by the
/// characters around them anywhere in `text`: opening after a space, an opening bracket or a dash,
/// closing otherwise, and ’ for an apostrophe inside a word or before a digit ('90s). The marks
/// are the language's (quotes.hpp: CLDR's; „ ” » « in Hungarian, „ “ ‚ ‘ in German, « » in
/// French), English's “ ” ‘ ’ for a language without an entry.
void smart_quotes(std::u32string& text, std::size_t begin, std::size_t end, const std::string& lang);

/// Replaces ff, fi, fl, ffi and ffl in `word` by the precomposed ligatures U+FB00..U+FB04 where
/// face `font` has them (longest match first). Returns true when something changed.
bool ligate(std::u32string& word, const FontProvider& fonts, FontId font);

/// The letters a ligature code point stands for ("fi" for U+FB01), empty for other characters.
[[nodiscard]] std::u32string_view ligature_letters(char32_t c);

}  // namespace folio::text
