#pragma once
/// Blocks at a fixed spot of a page (`position: page`, style/placement.hpp): the walk cuts such a
/// block alone at its own width and merges its units into one (merge_placed), the paginator puts
/// that unit at its spot on the page where its place in the flow falls, taking no room there
/// (placement_origin), and once the pages are filled finish_placed moves it to the pages the style
/// names, copies it onto each page of a master, and leaves out what would fall off the page.
/// Private to the layout stage.

#include <functional>

#include "core/diagnostic.hpp"
#include "layout/page_map.hpp"
#include "layout/units.hpp"
#include "realize/realize.hpp"
#include "style/computed.hpp"

namespace folio::layout {

/// The background and borders of boxed container `id` (style `st`) around `r`, into `out`.
void box_items(const style::ComputedStyle& st, const core::Rect& r, doc::NodeId id, std::vector<Item>& out);

/// The width positioned block `block` is set at: between its left and right offsets when both
/// are set, else the text width of the master it is drawn on (at most the page beside its one
/// offset); the text width when the offsets leave under 36 pt.
double placement_width(const style::StyledDocument& styled, doc::NodeId block);

/// Merges units [first, end) of `out` (positioned block `block`, cut at placement_width, whose late
/// items start at `late`) into one unit that carries them all stacked, with its boxes painted
/// beneath; its content moved to its left or right edge when only one offset is set (a logo in
/// a corner). `line_width` gives a late line's natural width.
void merge_placed(const style::StyledDocument& styled, doc::NodeId block, std::size_t first, std::size_t late,
                  UnitList& out, const std::function<double(const LateItems&)>& line_width);

/// Where positioned unit `u` goes on a page of `master`, `page` big: its top-left corner, kept
/// within the page (finish_placed warns when that moved it).
core::Point placement_origin(const style::StyledDocument& styled, const Unit& u, const style::PageStyle& master,
                             core::Size page);

/// The master a page labelled `name` was laid out on ("back-cover" is the cover's).
const style::PageStyle& master_of(const style::StyledDocument& styled, const std::string& name);

/// After the pages are filled (back cover included): moves each positioned block of `units` to
/// the pages its `position-page` names (copies after the first are artifacts: no node, no link),
/// warns at the block when it does not fit on its page, and leaves out any of its items that would
/// fall outside the trim box.
void finish_placed(const style::StyledDocument& styled, const UnitList& units, PagedDocument& doc,
                   const PageMap& pages, core::Diagnostics& diags);

/// Paints each page's master art beneath its content, after its background colour: the bands,
/// and the background image covering the bleed box (or fitted inside the trim box with
/// background-bleed: no), an SVG as a VectorBox. Items of no node: artifacts in a tagged PDF.
void paint_page_art(const realize::RealizedDocument& realized, PagedDocument& doc);

/// Puts the QR code of each link styled print-qr (realize/link_qr.hpp) in the margin beside its
/// first line (link_qr.cpp), as an artifact; warns at the link when no margin holds it.
void place_link_qrs(const realize::RealizedDocument& realized, PagedDocument& doc, core::Diagnostics& diags);

}  // namespace folio::layout
