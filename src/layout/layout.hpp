#pragma once
/// Layout: turns a realized document (realize/realize.hpp) into pages of positioned boxes,
/// measuring text only through the FontProvider interface (it knows nothing of PDF) and opening no
/// file: the realized tree has the texts as drawn, the list markers and the images' sizes.

#include "core/diagnostic.hpp"
#include "core/result.hpp"
#include "layout/page_map.hpp"
#include "layout/paged_document.hpp"
#include "realize/realize.hpp"
#include "style/computed.hpp"
#include "text/font_metrics.hpp"
#include "text/hyphenate.hpp"

namespace folio::layout {

/// What layout gives its consumers: the pages, and the page each node starts on.
struct LayoutResult {
    PagedDocument document;
    PageMap pages;  ///< by NodeId: the page (0-based) of each block and anchor, as pagination put it
};

/// Lays the whole document out on pages of the style's page master. Problems that do not stop
/// layout (a word wider than the column, a missing glyph) are reported as warnings. Text styled
/// `hyphens: auto` is hyphenated with `hyphenator` when one is given. Paragraphs are laid out on
/// `threads` threads (0 = one per core) when `fonts` is thread-safe; the result is the same for
/// any number of threads.
core::Result<LayoutResult> layout_document(const realize::RealizedDocument& realized, text::FontProvider& fonts,
                                           core::Diagnostics& diags, const text::Hyphenator* hyphenator = nullptr,
                                           unsigned threads = 0);

/// The same for a styled document, realized first (its problems go to `diags` too); for tests
/// and tools that need only the pages.
core::Result<PagedDocument> layout_document(const style::StyledDocument& styled, text::FontProvider& fonts,
                                            core::Diagnostics& diags,
                                            const text::Hyphenator* hyphenator = nullptr, unsigned threads = 0);

}  // namespace folio::layout
