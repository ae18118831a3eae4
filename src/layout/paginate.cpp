// Pagination of units into columns and pages.
//
// Control flow: units are taken in order. A unit that fits below the last one in the current
// column is placed there (its space_before is dropped at a column top). One that does not fit:
//   - a deferrable figure waits in a queue and text flows on; queued figures open the next column;
//   - otherwise the column breaks after the last placed unit that allows a break (units after it
//     move on with the current one), or right here if no unit in the column allows one;
//   - the next column, or a new page after the last column.
// A spanning unit (column-span: all) ends the region of columns above it: those columns are
// balanced (the smallest height at which the region's units still fit in the columns, found by
// bisection), then the unit is placed across the full width and a new region starts below it.
// Forced breaks and page-master requests start a new column or page. A unit's own items are moved
// onto the page when its region is committed, with the boxes of boxed containers painted beneath
// (spanning units are emitted as they are placed, and the boxes of a row of them on a page are
// painted beneath them once the row ends);
// its late items (text lines, contents entries) get a slot there, filled in by fill_pages.
// Why each column and page ended (BreakReason) is recorded on the page for the layout dump.

#include "layout/paginate.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "layout/placement.hpp"

namespace folio::layout {
namespace {

constexpr double epsilon = 0.01;

struct Placed {
    std::size_t unit;
    double y;             ///< top of the unit, page coordinates
    bool repeat = false;  ///< a table's header rows repeated above a row that starts a column
};

constexpr std::uint32_t no_header = UINT32_MAX;

class Paginator {
public:
    Paginator(const style::StyledDocument& styled, UnitList& units, PagedDocument& doc, PageMap& pages,
              std::vector<LateSlot>& slots)
        : m_styled(styled), m_units(units.units), m_boxes(units.boxes), m_doc(doc), m_pages(pages), m_slots(slots) {}

    /// Opens the first body page (after the cover, if any).
    void begin() {
        m_first_body = m_doc.pages.size();
        start_page("");
    }

    /// Places the units before `final_units` that need no later unit to be placed; true when it
    /// placed any. (Only a spanning unit looks ahead: at what must stay with it, and whether
    /// columns follow.)
    bool advance(std::size_t final_units) {
        bool any = false;
        while (m_next < final_units) {
            if (m_units[m_next].span) {
                std::size_t k = m_next;
                while (k < final_units && !m_units[k].break_after) ++k;
                if (k >= final_units || m_next + 1 >= final_units) break;
            }
            m_next = place(m_next);
            any = true;
        }
        return any;
    }

    /// Places the rest (every unit is final) and closes the last page.
    void finish() {
        while (m_next < m_units.size()) m_next = place(m_next);
        while (!m_deferred.empty()) {
            next_column(BreakReason::deferred);
        }
        commit_region(true, BreakReason::end);
        paint_span_boxes();
        m_doc.pages.back().end = BreakReason::end;
    }

private:
    // ---- pages and regions ---------------------------------------------------------------------
    void start_page(const std::string& requested) {
        paint_span_boxes();  // of the page being closed
        const std::size_t number = m_doc.pages.size() + 1;
        const std::string name = choose_master(m_styled, requested, number, m_doc.pages.size() == m_first_body);
        const style::PageStyle* master = name.empty() ? &m_styled.page : m_styled.master(name);
        m_master = master;
        m_master_name = name;
        m_doc.pages.push_back(blank_page(*master, name));
        m_box = master->content_box(number % 2 == 0);
        m_columns = std::max(1, master->columns);
        m_gap = master->column_gap;
        m_column_width = (m_box.width - m_gap * (m_columns - 1)) / m_columns;
        m_region_top = m_box.y;
        reset_region();
    }

    void reset_region() {
        m_cols.assign(1, {});
        m_ends.clear();
        m_y = m_region_top;
    }

    /// True when the region of columns starts at the top of the page (no span above it).
    [[nodiscard]] bool region_at_top() const { return m_region_top <= m_box.y + epsilon; }

    [[nodiscard]] bool page_empty() const {
        return m_region_top <= m_box.y + epsilon && m_cols.size() == 1 && m_cols[0].empty();
    }

    [[nodiscard]] double column_x(std::size_t c) const { return m_box.x + static_cast<double>(c) * (m_column_width + m_gap); }

    /// Ends the page for `why` and opens the next one.
    void new_page(BreakReason why, const std::string& requested) {
        commit_region(false, why);
        m_doc.pages.back().end = why;
        start_page(requested);
        place_deferred();
    }

    /// Ends the current column for `why` and opens the next one (on a new page after the last).
    void next_column(BreakReason why) {
        m_ends.push_back(why);
        if (static_cast<int>(m_cols.size()) < m_columns) {
            m_cols.emplace_back();
            m_y = m_region_top;
            place_deferred();
        } else {
            new_page(why, "");
        }
    }

    void place_deferred() {
        std::vector<std::size_t> waiting;
        waiting.swap(m_deferred);
        for (std::size_t u : waiting) {
            const Unit& unit = m_units[u];
            if (m_y + unit.height <= m_box.bottom() + epsilon || (m_cols.back().empty() && region_at_top())) {
                m_cols.back().push_back({u, m_y});
                m_y += unit.height;
            } else {
                m_deferred.push_back(u);
            }
        }
    }

    // ---- placing ---------------------------------------------------------------------------------
    /// Places unit i (or rearranges), returning the next unit to place.
    std::size_t place(std::size_t i) {
        const Unit& u = m_units[i];
        if (!u.span) paint_span_boxes();
        const bool column_empty = m_cols.back().empty();
        if (!u.master.empty() && u.master != m_master_name && m_styled.master(u.master)) {
            if (!page_empty()) { new_page(BreakReason::master, u.master); return i; }
        }
        if (u.forced_before == style::Break::page && !page_empty() && !m_forced_done[i]) {
            m_forced_done[i] = true;
            commit_region(true, BreakReason::forced);
            m_doc.pages.back().end = BreakReason::forced;
            start_page(u.master);
            place_deferred();
            return i;
        }
        if (u.forced_before == style::Break::column && !column_empty && !m_forced_done[i]) {
            m_forced_done[i] = true;
            next_column(BreakReason::forced);
            return i;
        }
        if (u.placed != doc::no_node) return place_fixed(i);
        if (u.span) return place_span(i);
        // A table row that starts a column has its table's header rows repeated above it.
        const bool repeat = column_empty && u.repeat_header != no_header;
        const double header = repeat ? m_units[u.repeat_header].height : 0;
        // A margin is dropped at the top of a column (below a span, the region already starts after it).
        const double space = column_empty ? 0 : u.space_before;
        if (m_y + header + space + u.height + footer_room(u) <= m_box.bottom() + epsilon) {
            if (repeat) m_cols.back().push_back({u.repeat_header, m_y, true});
            m_y += header;
            m_cols.back().push_back({i, m_y + space});
            m_y += space + u.height;
            return i + 1;
        }
        if (u.deferrable && !column_empty) {
            m_deferred.push_back(i);
            return i + 1;
        }
        if (column_empty && !region_at_top()) {  // below a span, too tall for what is left: a fresh page may hold it
            next_column(BreakReason::full);
            return i;
        }
        if (column_empty) {  // taller than a whole column: place it anyway
            if (repeat) m_cols.back().push_back({u.repeat_header, m_y, true});
            m_y += header;
            m_cols.back().push_back({i, m_y});
            m_y += u.height;
            return i + 1;
        }
        // Break the column after the last unit that allows it; later units move on.
        auto& col = m_cols.back();
        std::size_t keep = col.size();
        while (keep > 0 && !m_units[col[keep - 1].unit].break_after) --keep;
        std::size_t resume = i;
        BreakReason why = BreakReason::full;
        if (keep > 0 && keep < col.size()) {
            // do not move deferred figures back; they keep their place
            resume = col[keep].unit;
            col.resize(keep);
            why = BreakReason::keep;
        }
        add_footer(col);
        next_column(why);
        return resume;
    }

    /// A positioned block (placement.hpp): at its spot on this page, taking no room in the columns;
    /// once only, though a column break moves the units around it back.
    std::size_t place_fixed(std::size_t i) {
        if (!m_fixed_done.insert(i).second) return i + 1;
        const core::Point at = placement_origin(m_styled, m_units[i], *m_master, m_doc.pages.back().size);
        emit(i, at.x, at.y);
        return i + 1;
    }

    std::size_t place_span(std::size_t i) {
        const Unit& u = m_units[i];
        commit_region(true, BreakReason::span);  // balance the columns above
        const bool top = m_region_top <= m_box.y + epsilon;
        const double space = top ? 0 : u.space_before;
        // Keep with what follows: the span and the next units it may not be separated from.
        double need = space + u.height + footer_room(u);
        for (std::size_t k = i; k < m_units.size() && !m_units[k].break_after; ++k) {
            if (k + 1 < m_units.size()) need += m_units[k + 1].height + (k > i ? 0 : m_units[k + 1].space_before);
        }
        if (m_region_top + need > m_box.bottom() + epsilon && !top) {
            if (!m_span_run.empty() && !m_span_run.back().repeat) {  // a spanning table's foot below its last row here
                const Placed& last = m_span_run.back();
                const std::uint32_t foot = m_units[last.unit].repeat_footer;
                if (foot != no_header) {
                    const double y = last.y + m_units[last.unit].height;
                    m_span_run.push_back({foot, y, true});
                    emit(foot, m_box.x, y, true);
                }
            }
            new_page(BreakReason::span, "");
            return i;
        }
        double y = m_region_top + (top ? 0 : u.space_before);
        if (m_span_run.empty()) {
            m_span_under = m_doc.pages.back().items.size();
            m_span_slot = m_slots.size();
        }
        if (top && u.repeat_header != no_header) {  // a spanning table's row at a page top
            m_span_run.push_back({u.repeat_header, y, true});
            emit(u.repeat_header, m_box.x, y, true);
            y += m_units[u.repeat_header].height;
        }
        m_span_run.push_back({i, y});
        emit(i, m_box.x, y);
        // The columns below start together, after the gap between the span and what follows.
        const bool columns_follow = i + 1 < m_units.size() && !m_units[i + 1].span;
        m_region_top = y + u.height + (columns_follow ? m_units[i + 1].space_before : 0);
        reset_region();
        return i + 1;
    }

    // ---- committing and balancing ------------------------------------------------------------------
    /// Distributes `seq` into at most m_columns columns of height `h`; nullopt if they do not fit.
    std::optional<std::vector<std::vector<Placed>>> distribute(const std::vector<std::size_t>& seq, double h) const {
        std::vector<std::vector<Placed>> cols(1);
        double y = m_region_top;
        const double bottom = m_region_top + h;
        for (std::size_t k = 0; k < seq.size();) {
            const Unit& u = m_units[seq[k]];
            const bool empty = cols.back().empty();
            const bool repeat = empty && u.repeat_header != no_header;  // as place() does
            const double header = repeat ? m_units[u.repeat_header].height : 0;
            const double space = empty ? 0 : u.space_before;
            if (y + header + space + u.height + footer_room(u) <= bottom + epsilon || empty) {
                if (repeat) cols.back().push_back({u.repeat_header, y, true});
                y += header;
                cols.back().push_back({seq[k], y + space});
                y += space + u.height;
                ++k;
                continue;
            }
            auto& col = cols.back();
            std::size_t keep = col.size();
            while (keep > 0 && !m_units[col[keep - 1].unit].break_after) --keep;
            if (keep == 0) return std::nullopt;  // no allowed break at this height: try a taller one
            if (keep < col.size()) {
                for (std::size_t c = keep; c < col.size(); ++c) k -= col[c].repeat ? 0 : 1;
                col.resize(keep);
            }
            add_footer(col);
            if (static_cast<int>(cols.size()) == m_columns) return std::nullopt;
            cols.emplace_back();
            y = m_region_top;
        }
        return cols;
    }

    void balance() {
        if (m_columns < 2) return;
        std::vector<std::size_t> seq;
        double tallest = 0;
        for (const auto& col : m_cols) {
            for (const auto& p : col) {
                if (p.repeat) continue;  // distribute repeats the headers where its columns start
                seq.push_back(p.unit);
                tallest = std::max(tallest, m_units[p.unit].height);
            }
        }
        if (seq.empty()) return;
        double lo = tallest;
        double hi = m_box.bottom() - m_region_top;
        if (!distribute(seq, hi)) return;
        for (int step = 0; step < 24 && hi - lo > 0.5; ++step) {
            const double mid = (lo + hi) / 2;
            if (distribute(seq, mid)) hi = mid; else lo = mid;
        }
        auto balanced = *distribute(seq, hi);
        // A column that still ends after the same unit keeps its reason (a forced break); the
        // others end where balancing put them.
        std::vector<BreakReason> ends(balanced.size() - 1, BreakReason::balanced);
        for (std::size_t c = 0; c < ends.size() && c < m_ends.size() && c < m_cols.size(); ++c) {
            if (!m_cols[c].empty() && m_cols[c].back().unit == balanced[c].back().unit) ends[c] = m_ends[c];
        }
        m_cols = std::move(balanced);
        m_ends = std::move(ends);
    }

    /// Moves the units of the region onto the page (balancing its columns first when `balanced`);
    /// its last column ended for `why`.
    void commit_region(bool balanced, BreakReason why) {
        if (balanced) balance();
        record_columns(why);
        double bottom = m_region_top;
        const std::size_t under = m_doc.pages.back().items.size();
        const std::size_t first_slot = m_slots.size();
        std::vector<Item> boxes;
        std::size_t incoming = 0;
        for (std::size_t c = 0; c < m_cols.size(); ++c) {
            paint_boxes(m_cols[c], column_x(c), boxes);
            for (const auto& p : m_cols[c]) incoming += m_units[p.unit].items.size();
        }
        // Room for exactly what comes: pages are the largest thing layout keeps.
        m_doc.pages.back().items.reserve(under + boxes.size() + incoming);
        for (std::size_t c = 0; c < m_cols.size(); ++c) {
            for (const auto& p : m_cols[c]) {
                emit(p.unit, column_x(c), p.y, p.repeat);
                bottom = std::max(bottom, p.y + m_units[p.unit].height);
            }
        }
        auto& items = m_doc.pages.back().items;
        items.insert(items.begin() + static_cast<std::ptrdiff_t>(under), boxes.begin(), boxes.end());
        for (std::size_t k = first_slot; k < m_slots.size(); ++k) m_slots[k].at += boxes.size();
        m_region_top = bottom;
        reset_region();
    }

    /// Records the filled columns of the region on the page, the last one ended for `why`.
    void record_columns(BreakReason why) {
        for (std::size_t c = 0; c < m_cols.size(); ++c) {
            if (m_cols[c].empty()) continue;
            double bottom = m_region_top;
            for (const auto& p : m_cols[c]) bottom = std::max(bottom, p.y + m_units[p.unit].height);
            const core::Rect area{column_x(c), m_region_top, m_column_width, bottom - m_region_top};
            m_doc.pages.back().columns.push_back({area, c < m_ends.size() ? m_ends[c] : why});
        }
    }

    /// Backgrounds and borders of the boxed containers whose units are in this column.
    void paint_boxes(const std::vector<Placed>& col, double x, std::vector<Item>& out) const {
        std::vector<std::pair<doc::NodeId, std::pair<double, double>>> extent;
        for (const auto& p : col) {
            for (doc::NodeId b : m_units[p.unit].boxes) {
                auto it = std::find_if(extent.begin(), extent.end(), [&](auto& e) { return e.first == b; });
                const double top = p.y;
                const double bot = p.y + m_units[p.unit].height;
                if (it == extent.end()) extent.push_back({b, {top, bot}});
                else it->second = {std::min(it->second.first, top), std::max(it->second.second, bot)};
            }
        }
        for (const auto& [id, span] : extent) {
            const auto& g = m_boxes.at(id);
            box_items(m_styled.style(id), {x + g.x, span.first, g.width, span.second - span.first}, id, out);
        }
    }

    /// Backgrounds and borders of the boxed containers of the spanning units placed in a row on
    /// this page (a spanning aside: its lines are spanning units), beneath their items.
    void paint_span_boxes() {
        if (m_span_run.empty()) return;
        std::vector<Item> boxes;
        paint_boxes(m_span_run, m_box.x, boxes);
        auto& items = m_doc.pages.back().items;
        items.insert(items.begin() + static_cast<std::ptrdiff_t>(m_span_under), boxes.begin(), boxes.end());
        for (std::size_t k = m_span_slot; k < m_slots.size(); ++k) m_slots[k].at += boxes.size();
        m_span_run.clear();
    }

    /// The room a table's row keeps below it for its repeated foot rows (table-footer: repeat).
    [[nodiscard]] double footer_room(const Unit& u) const {
        return u.repeat_footer < m_units.size() ? m_units[u.repeat_footer].height : 0;
    }

    /// A column breaking after a table's row with a repeated foot: the foot below that row.
    void add_footer(std::vector<Placed>& col) const {
        if (col.empty() || col.back().repeat) return;
        const Unit& last = m_units[col.back().unit];
        if (last.repeat_footer < m_units.size()) col.push_back({last.repeat_footer, col.back().y + last.height, true});
    }

    /// Moves a unit's items onto the current page at (x, y); each unit is emitted once, but for a
    /// table's header rows, whose items are copied each time, once more for every `repeat`.
    void emit(std::size_t index, double x, double y, bool repeat = false) {
        Unit& u = m_units[index];
        Page& page = m_doc.pages.back();
        const std::size_t page_index = m_doc.pages.size() - 1;
        if (u.repeatable) {
            for (const Item& item : u.items) {
                if (repeat && std::holds_alternative<Anchor>(item)) continue;  // an id lands once
                Item copy = item;
                std::visit([&](auto& it) { shift(it, x, y); }, copy);
                if (const auto* a = std::get_if<Anchor>(&copy)) m_pages.emplace(a->node, page_index);
                page.items.push_back(std::move(copy));
            }
            if (!repeat && u.starts_block) m_pages.emplace(u.block, page_index);
            if (u.late_count > 0) m_slots.push_back({page_index, page.items.size(), index, x, y});
            return;
        }
        if (u.starts_block && page.first_node == doc::no_node) page.first_node = u.block;
        if (u.starts_block) m_pages.emplace(u.block, page_index);
        if (u.heading != doc::no_node) {
            m_pages.emplace(u.heading, page_index);
            const auto& n = m_styled.doc().node(u.heading);
            if (n.level >= 2) {
                m_doc.outline.push_back({m_styled.doc().plain_text(u.heading), n.level - 1, page_index, y, u.heading});
            }
        }
        for (auto& item : u.items) {
            std::visit([&](auto& it) { shift(it, x, y); }, item);
            if (const auto* a = std::get_if<Anchor>(&item)) m_pages.emplace(a->node, page_index);
            page.items.push_back(std::move(item));
        }
        u.items.clear();
        u.items.shrink_to_fit();
        if (u.late_count > 0) m_slots.push_back({page_index, page.items.size(), index, x, y});
    }

    static void shift(GlyphRun& r, double x, double y) { r.origin.x += x; r.origin.y += y; }
    static void shift(FilledRect& r, double x, double y) { r.rect.x += x; r.rect.y += y; }
    static void shift(ImageBox& r, double x, double y) { r.rect.x += x; r.rect.y += y; }
    static void shift(VectorBox& r, double x, double y) { r.rect.x += x; r.rect.y += y; }
    static void shift(LinkArea& r, double x, double y) { r.rect.x += x; r.rect.y += y; }
    static void shift(Anchor& r, double x, double y) { r.at.x += x; r.at.y += y; }

    const style::StyledDocument& m_styled;
    std::vector<Unit>& m_units;
    const std::map<doc::NodeId, BoxGeometry>& m_boxes;
    PagedDocument& m_doc;
    PageMap& m_pages;
    std::vector<LateSlot>& m_slots;
    std::size_t m_first_body = 0;
    const style::PageStyle* m_master = nullptr;
    std::string m_master_name;
    core::Rect m_box;
    int m_columns = 1;
    double m_gap = 0;
    double m_column_width = 0;
    double m_region_top = 0;
    double m_y = 0;
    std::vector<std::vector<Placed>> m_cols;
    std::vector<BreakReason> m_ends;  ///< why each column of the region but the open one ended
    std::vector<std::size_t> m_deferred;
    std::size_t m_next = 0;  ///< the next unit to place
    std::map<std::size_t, bool> m_forced_done;
    std::set<std::size_t> m_fixed_done;  ///< positioned units placed
    std::vector<Placed> m_span_run;  ///< spanning units placed in a row on this page, boxes not yet painted
    std::size_t m_span_under = 0;    ///< where in the page's items their boxes go
    std::size_t m_span_slot = 0;     ///< the first of their slots
};

}  // namespace

Page blank_page(const style::PageStyle& master, const std::string& name) {
    Page p;
    p.size = master.size;
    p.bleed = master.bleed;
    p.master = name;
    if (master.background) {
        const double b = master.art.bleed ? p.bleed : 0;  // (background-bleed: placement.hpp)
        p.items.emplace_back(
            FilledRect{{-b, -b, p.size.width + 2 * b, p.size.height + 2 * b}, *master.background, doc::no_node});
    }
    return p;
}

std::string choose_master(const style::StyledDocument& styled, const std::string& requested, std::size_t page_number,
                          bool first_body_page) {
    if (!requested.empty() && styled.master(requested)) return requested;
    if (first_body_page && styled.master("first")) return "first";
    const char* side = page_number % 2 == 0 ? "left" : "right";
    if (styled.master(side)) return side;
    return "";
}

struct Pager::Impl {
    Paginator paginator;
};

Pager::Pager(const style::StyledDocument& styled, UnitList& units, PagedDocument& doc, PageMap& pages_out,
             std::vector<LateSlot>& slots)
    : m_impl(std::make_unique<Impl>(Impl{Paginator(styled, units, doc, pages_out, slots)})) {
    m_impl->paginator.begin();
}

Pager::~Pager() = default;

bool Pager::advance(std::size_t final_units) { return m_impl->paginator.advance(final_units); }

void Pager::finish() { m_impl->paginator.finish(); }

void paginate(const style::StyledDocument& styled, UnitList& units, PagedDocument& doc, PageMap& pages_out,
              std::vector<LateSlot>& slots) {
    Pager(styled, units, doc, pages_out, slots).finish();
}

}  // namespace folio::layout
