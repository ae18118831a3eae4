#pragma once
/// Soft hyphens in the HTML (issue 20): browsers without hyphenation dictionaries (Chromium on
/// Linux and Windows, every headless Chromium) ignore `hyphens: auto`, and justified text shows
/// rivers. The HTML carries U+00AD at folio's own hyphenation points instead, in text styled
/// `hyphens: auto`, so every browser may break there (showing a hyphen) and nowhere else.

#include <string>
#include <string_view>

#include "html/body.hpp"
#include "text/hyphenate.hpp"

namespace folio::html {

/// `text` (UTF-8) with U+00AD at every point `hyphenator` finds in its words for `lang` (words
/// are what lies between white space; the Hyphenator skips punctuation, URLs, e-mail addresses
/// and words with digits). A word that already holds a soft hyphen is left as it is: the author
/// chose its breaks.
std::string with_soft_hyphens(std::string_view text, const std::string& lang, const text::Hyphenator& hyphenator);

/// The text of text node `id` as the HTML shows it with soft hyphens, when `context` has a
/// Hyphenator and the node is styled `hyphens: auto` and has a point; else "" (show
/// realized.text(id) as it is).
std::string soft_hyphenated(const BodyContext& context, doc::NodeId id);

/// Appends, when some text of `styled` is styled `hyphens: auto`, a small inline script that
/// takes the soft hyphens out of what a reader copies (Chromium copies them, invisible, into the
/// clipboard, where a search for the pasted word then fails); as Hyphenopoly's "safe copy".
void append_copy_script(std::string& out, const style::StyledDocument& styled);

}  // namespace folio::html
