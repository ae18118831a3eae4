#pragma once
/// The languages a document asks to hyphenate but folio has no patterns for: one warning each,
/// instead of text that is silently left unhyphenated (issue 20).

#include "core/diagnostic.hpp"
#include "realize/realize.hpp"

namespace folio::text {
class Hyphenator;
}

namespace folio::realize {

/// For each language of text whose style says `hyphens: auto` and that `hyphenator` has no
/// patterns for, one warning at the first element in that language, naming both. Loads the
/// patterns of the languages that have them (as layout would).
void check_hyphenation_languages(const RealizedDocument& realized, const text::Hyphenator& hyphenator,
                                 core::Diagnostics& diags);

}  // namespace folio::realize
