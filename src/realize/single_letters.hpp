#pragma once
/// Czech, Polish and Slovak typography: a one-letter word (a preposition or conjunction such as
/// "v", "z", "a", "i", "w") never ends a line; it is bound to the next word with a no-break space
/// where the style says single-letter-words="keep-with-next", or "auto" in those languages (#20).

#include <string>
#include <string_view>

namespace folio::realize {

/// Whether style value `single_letters` (0 normal, 1 keep-with-next, 2 auto) binds one-letter
/// words in language `lang`: auto does in Czech, Polish and Slovak.
bool binds_single_letters(int single_letters, const std::string& lang);

/// `text` with the space after each one-letter word made a no-break space (U+00A0). A word is a
/// single letter between the start of the text (or a space, an opening bracket or quote) and a
/// space; digits, symbols and punctuation are not letters.
std::u32string bind_single_letters(std::u32string_view text);

}  // namespace folio::realize
