#pragma once
/// The layout result: pages of positioned items. Each item carries the NodeId it came from, so
/// a tagged PDF and the HTML page markers can map boxes back to the document tree.

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "core/geometry.hpp"
#include "doc/document.hpp"
#include "text/font_metrics.hpp"

namespace folio::layout {

/// A run of text on one baseline in one face, size and colour.
struct GlyphRun {
    text::FontId font = 0;
    doc::NodeId node = doc::no_node;  ///< (next to `font`: no padding, pages hold many runs)
    double size = 10;  ///< points
    core::Color color;
    core::Point origin;  ///< left end of the baseline
    std::u32string text;
    double word_spacing = 0;    ///< extra points after each U+0020 (justification)
    double letter_spacing = 0;  ///< extra points after each character
    double width = 0;           ///< advance of the whole run, spacing and kerning included
    /// Empty, or one entry per character of `text`: the kerning after that character in 1/1000 em
    /// (negative = closer), already included in `width`. The PDF writes it into the TJ array.
    std::vector<std::int16_t> kern;
};

/// A filled rectangle: backgrounds, borders, rules.
struct FilledRect {
    core::Rect rect;
    core::Color color;
    doc::NodeId node = doc::no_node;
};

/// A placed image.
struct ImageBox {
    core::Rect rect;
    std::string path;
    doc::NodeId node = doc::no_node;
};

/// A placed vector drawing (an SVG image, a QR code): the realized image of `path` (Format::svg),
/// scaled to fill `rect` and clipped to it. `node` is the figure (or element) it draws, so a tagged
/// PDF can make it a Figure with this BBox.
struct VectorBox {
    core::Rect rect;
    std::string path;
    doc::NodeId node = doc::no_node;
};

/// A clickable area: an external URI, or an internal target node.
struct LinkArea {
    core::Rect rect;
    std::string uri;                   ///< empty for internal links
    doc::NodeId target = doc::no_node; ///< internal link target
    doc::NodeId node = doc::no_node;
};

/// Where a node starts on the page (link and outline destinations).
struct Anchor {
    core::Point at;
    doc::NodeId node = doc::no_node;
};

/// Anything placed on a page; the writers match it exhaustively.
using Item = std::variant<GlyphRun, FilledRect, ImageBox, LinkArea, Anchor, VectorBox>;

/// Why pagination ended a column or a page (kept for the layout dump; the writers ignore it).
enum class BreakReason : std::uint8_t {
    none,      ///< not ended by pagination (a cover page, a column still open)
    full,      ///< the next unit did not fit
    keep,      ///< the next unit did not fit, and the units kept with it moved on too
    forced,    ///< a forced column or page break
    master,    ///< the next unit asked for another page master
    span,      ///< a spanning unit (column-span: all) follows, or did not fit below
    deferred,  ///< figures that waited for room opened a column of their own
    balanced,  ///< the columns of the region were balanced
    end,       ///< the end of the document
};

/// The name the layout dump prints for a break reason ("full", "keep", ...).
const char* break_reason_name(BreakReason reason);

/// One column of a region of columns, as pagination filled it.
struct Column {
    core::Rect area;  ///< the column's x and width; from the region's top to its last unit's bottom
    BreakReason end = BreakReason::none;  ///< why the column ended
};

/// One page: its size, its items in painting order, and the first block that starts on it.
struct Page {
    core::Size size;   ///< the trimmed page; items may reach `bleed` beyond it on every side
    double bleed = 0;  ///< points of bleed around the trim box
    std::vector<Item> items;
    doc::NodeId first_node = doc::no_node;  ///< first block whose content starts on this page
    std::string master;  ///< the page master it was laid out on ("" = the default, or cover, first, left, right)
    std::vector<Column> columns;  ///< the filled columns of its regions, in order (none on covers)
    BreakReason end = BreakReason::none;  ///< why pagination ended the page
};

/// A bookmark: a heading and where it landed.
struct OutlineEntry {
    std::string title;
    int level = 1;  ///< 1 for top sections
    std::size_t page = 0;
    double y = 0;
    doc::NodeId node = doc::no_node;
};

/// The whole laid-out document.
struct PagedDocument {
    std::vector<Page> pages;
    std::vector<OutlineEntry> outline;
    std::vector<core::SpotColour> spots;  ///< the named inks colours may carry (Color::spot)
};

/// A terse one-line description of an item, for test failures.
std::ostream& operator<<(std::ostream& os, const Item& item);

}  // namespace folio::layout
