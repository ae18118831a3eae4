#pragma once
/// The layout dump: a PagedDocument as readable, deterministic text, one line per page, column
/// and item, for the golden tests (tests/golden) and for looking at a layout by eye.

#include <ostream>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "layout/paged_document.hpp"

namespace folio::layout {

/// What the dump may name beyond the pages themselves; either part may be left empty.
struct DumpLabels {
    const doc::Document* document = nullptr;  ///< gives each NodeId its kind ("#12 p")
    std::vector<std::string> fonts;           ///< a name per FontId ("Lato 700 italic")
};

/// Writes `pages` as text: every page (size, bleed, master, why it ended), its columns, every
/// item with its position and size to 0.01 pt and the node it came from, the text of every glyph
/// run with its font and size, then the outline. Holds no addresses: equal layouts dump equally.
void dump(const PagedDocument& pages, std::ostream& os, const DumpLabels& labels = {});

}  // namespace folio::layout
