#pragma once
/// Units: the vertical pieces a document is cut into before pagination (a line of a paragraph, a
/// heading line, a figure with its caption, a spacer), each with the rules for breaking after it.
/// A unit carries its geometry and its own few items (anchors, a list marker, an image); the text
/// of its lines and the entries of the contents are placed on the pages only once pagination has
/// settled (fill_pages), so a pass that only finds out where things go never copies text.
/// Private to the layout stage.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "layout/paged_document.hpp"
#include "style/computed.hpp"
#include "layout/inline.hpp"
#include "text/font_metrics.hpp"

namespace folio::text {
class Hyphenator;
}

namespace folio::layout {

/// Content of a unit that is placed after pagination: a laid-out line of a paragraph (kept in the
/// InlineCache until then), or an entry of the contents (its page number is known only then).
struct LateItems {
    /// (item: UnitList::late_items[ref], from the unit's top-left: a list marker or an image in a
    /// table's cell, placed between the lines around it so that it is painted in reading order)
    enum class Kind : unsigned char { line, contents_entry, item } kind = Kind::line;
    doc::NodeId block = doc::no_node;  ///< the paragraph's block, or the contents node
    std::uint32_t ref = 0;             ///< the paragraph's index in InlineCache::plan, or the entry's heading
    std::uint32_t index = 0;           ///< the line of the paragraph
    double left = 0;                   ///< x of the line's left end (of the entries' column) in the unit
    double top = 0;                    ///< y of the line's top in the unit
    double width = 0;                  ///< an entry's width
    bool copy = false;                 ///< a repeated table header's line: copied, not moved, onto each page
};

/// One piece of vertical content; items are relative to its top-left corner.
struct Unit {
    double height = 0;
    double space_before = 0;  ///< collapsed margin above; dropped at the top of a column
    bool break_after = true;  ///< a column or page break may follow
    style::Break forced_before = style::Break::none;
    std::string master;        ///< a page master this unit must start on ("" = any)
    bool span = false;         ///< spans every column (laid out at the full text width)
    bool deferrable = false;   ///< a figure: may float past the text after it to the next column
    std::vector<Item> items;  ///< its own items (moved onto the page by paginate)
    std::uint32_t first_late = 0;  ///< its late items: UnitList::late[first_late, first_late + late_count)
    std::uint32_t late_count = 0;
    std::vector<doc::NodeId> boxes;  ///< boxed ancestors (background, border), outermost first
    doc::NodeId block = doc::no_node;
    bool starts_block = false;
    doc::NodeId heading = doc::no_node;  ///< set on a heading's first line (outline, {section})
    /// A table's body row: the unit of its header rows, repeated above it when it starts a column.
    std::uint32_t repeat_header = UINT32_MAX;
    bool repeatable = false;  ///< a table's header rows: its items are copied, not moved, onto pages
    /// A table's body row (table-footer: repeat): the unit of its foot rows, repeated below it
    /// when a column breaks after it; room for it is kept below every such row.
    std::uint32_t repeat_footer = UINT32_MAX;
    /// A positioned block (position: page, placement.hpp): this one unit holds it all, and takes
    /// no room in the flow.
    doc::NodeId placed = doc::no_node;
};

/// Where a boxed container sits horizontally, relative to the column (or text area, if spanning).
struct BoxGeometry {
    double x = 0;
    double width = 0;
    double inset = 0;  ///< padding + border
};

/// The units of a document plus the geometry of its boxed containers.
struct UnitList {
    std::vector<Unit> units;
    std::vector<LateItems> late;  ///< of every unit, in unit order
    std::vector<Item> late_items;  ///< the items of LateItems::Kind::item (copied onto the page)
    std::map<doc::NodeId, BoxGeometry> boxes;
};

/// `item` moved by (dx, dy) (table_units.cpp).
Item shifted_item(Item item, double dx, double dy);

/// Where pagination put a unit with late items: its page, the index in the page's items before
/// which they go (after the unit's own items), and the unit's top-left corner on the page.
struct LateSlot {
    std::size_t page = 0;
    std::size_t at = 0;
    std::size_t unit = 0;
    double x = 0;
    double y = 0;
};

/// A paragraph to lay out: a block's inline nodes at a width.
struct InlineJob {
    doc::NodeId block;
    std::vector<doc::NodeId> inlines;
    double width;
    double indent;
    NarrowLines narrow{};  ///< its first lines beside a floating figure (float_flow.hpp)
};

/// A block's inline layout and what laying it out reported (given out with its units).
struct CachedInline {
    InlineResult result;
    core::Diagnostics diagnostics;
};

/// The inline layouts of a document, kept from one layout pass to the next: only blocks that hold
/// a cross-reference change when page numbers do, so the others are laid out once. Also the
/// word caches of the threads that lay paragraphs out.
struct InlineCache {
    /// One per thread; first, as the layouts below live in their memory.
    std::vector<std::unique_ptr<WordCache>> words;
    std::vector<char> changes;  ///< per node: 1 if it is or contains a cross-reference (empty: none is)
    /// Every paragraph of the body at its width, in document order (made once, by the first
    /// call); the walks meet the paragraphs in this order.
    std::optional<std::vector<InlineJob>> plan;
    /// The layout of each paragraph of the plan, by its index; those of blocks that change with
    /// page numbers were laid out with `laid_pages`.
    std::vector<std::optional<CachedInline>> laid;
    std::optional<PageMap> laid_pages;
    unsigned threads = 0;  ///< threads for inline layout; 0 = one per core (when the fonts allow)
    std::size_t units_hint = 0;  ///< how many units the last call made (room to reserve)
    core::Diagnostics notes;     ///< what the planning walk found (tables: columns too narrow), given out once
    std::vector<doc::NodeId> floats;  ///< the figures the planning walk let float (float_flow.hpp)

    [[nodiscard]] bool changes_with_pages(doc::NodeId block) const { return !changes.empty() && changes[block]; }
};

/// Lays out (on every core) the paragraphs `cache` does not hold for these page numbers: all of
/// them the first time, then those with cross-references when the page numbers changed. True when
/// each block laid out anew has as many lines of the same heights as before, so pagination would
/// place everything where it did with the previous page numbers.
bool lay_out_blocks(const realize::RealizedDocument& realized, text::FontProvider& fonts,
                    const text::Hyphenator* hyphenator, double column_width, double full_width,
                    const PageMap& pages, InlineCache& cache);

/// The baseline of a line of text in `st`, from the line's top.
double baseline(const style::ComputedStyle& st, text::FontProvider& fonts);

/// A run of `text` (UTF-8) in `st` at (x, y), kerned like body text, for node `node`.
GlyphRun run_of(const std::string& text, const style::ComputedStyle& st, text::FontProvider& fonts, double x,
                double y, doc::NodeId node);

/// How many threads to share `items` among: `requested` (0: one per core), one when the fonts
/// are not thread-safe, and no more than one per `per_thread` items.
unsigned threads_for(unsigned requested, const text::FontProvider& fonts, std::size_t items, std::size_t per_thread);

class Pager;

/// Cuts the body (everything but the cover) into units in `out` (empty) for columns of
/// `column_width` and a text area of `full_width`, in document order, and gives `pager` (may be
/// null) the units as they become final. The paragraphs are laid out first (lay_out_blocks) or,
/// the first time, while the walk follows them; `cache` carries layouts and word shapes from one
/// call to the next and holds the lines the units refer to.
void build_units(const realize::RealizedDocument& realized, text::FontProvider& fonts, const text::Hyphenator* hyphenator,
                 double column_width, double full_width, const PageMap& pages, InlineCache& cache, UnitList& out,
                 Pager* pager = nullptr);

/// At most how many items the running header and footer add to a page of `master` (a run and
/// its rule each), for the room fill_pages makes.
std::size_t running_items(const style::StyledDocument& styled, const std::string& master);

/// Places the late items of paginated units on their pages at `slots` (from paginate), on every
/// core when `fonts` is thread-safe: the lines are moved out of `cache`, which serves nothing
/// after, and the contents get the page numbers of `pages`. Then gives out, in document order,
/// what laying out the paragraphs reported and the characters no face has (with their blocks).
void fill_pages(const style::StyledDocument& styled, text::FontProvider& fonts, UnitList& units,
                const std::vector<LateSlot>& slots, const PageMap& pages, InlineCache& cache, PagedDocument& doc,
                core::Diagnostics& diags, std::vector<std::pair<MissingGlyph, doc::NodeId>>& missing);

}  // namespace folio::layout
