// A table cut into units: its caption, head, rows and foot (table_layout_impl.hpp; the recipe is
// in table_layout.cpp).

#include <algorithm>
#include <cmath>

#include "layout/table_layout_impl.hpp"

namespace folio::layout {

namespace {

void moved(GlyphRun& r, double x, double y) { r.origin.x += x; r.origin.y += y; }
void moved(FilledRect& r, double x, double y) { r.rect.x += x; r.rect.y += y; }
void moved(ImageBox& r, double x, double y) { r.rect.x += x; r.rect.y += y; }
void moved(VectorBox& r, double x, double y) { r.rect.x += x; r.rect.y += y; }
void moved(LinkArea& r, double x, double y) { r.rect.x += x; r.rect.y += y; }
void moved(Anchor& r, double x, double y) { r.at.x += x; r.at.y += y; }

}  // namespace

Item shifted_item(Item item, double dx, double dy) {
    std::visit([&](auto& it) { moved(it, dx, dy); }, item);
    return item;
}

}  // namespace folio::layout

namespace folio::layout::tables {

std::optional<core::Color> TableLayout::background(const Cell& c) const {
    if (const auto& bg = m_styled.style(c.grid.node).background) return bg;
    const doc::GridRow& row = m_grid.rows[c.grid.row];
    const ComputedStyle& rs = m_styled.style(row.node);
    if (rs.alternate_background && row.group != NodeKind::table_head && m_in_group[c.grid.row] % 2 == 1) {
        return rs.alternate_background;
    }
    return rs.background;
}

std::vector<std::uint32_t> TableLayout::cells_of(std::uint32_t r1, std::uint32_t r2) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t r = r1; r <= r2 && r < m_row_cells.size(); ++r) {
        for (std::uint32_t k : m_row_cells[r]) {
            if (std::max(m_cells[k].grid.row, r1) == r) out.push_back(k);
        }
    }
    return out;
}

void TableLayout::slice(Unit& u, double a, double b, std::uint32_t r1, std::uint32_t r2, bool copy) {
    const double right = m_left + m_width;
    const std::vector<std::uint32_t> cells = cells_of(r1, r2);
    for (std::uint32_t k : cells) {
        const Cell& c = m_cells[k];
        const double top = std::max(a, c.top), bottom = std::min(b, c.bottom);
        if (bottom <= top + epsilon && !(c.top >= a && c.top < b)) continue;
        const core::Rect r{m_left + c.x, top - a, c.width, std::max(0.0, bottom - top)};
        if (c.top >= a - epsilon && c.top < b) u.items.emplace_back(Anchor{{r.x, r.y}, c.grid.node});
        if (const auto bg = background(c)) u.items.emplace_back(FilledRect{r, *bg, c.grid.node});
        const ComputedStyle& st = m_styled.style(c.grid.node);
        if (st.border_width > 0 && r.height > 0) {
            // collapsed: half of each shared edge on either side, a whole one at the table's edge
            const double bw = st.border_width, half = bw / 2;
            const double wl = r.x <= m_left + epsilon ? bw : half, wr = r.right() >= right - epsilon ? bw : half;
            const double wt = top <= epsilon ? bw : half, wb = bottom >= m_row_top.back() - epsilon ? bw : half;
            u.items.emplace_back(FilledRect{{r.x, r.y, r.width, std::min(wt, r.height)}, st.border_color, c.grid.node});
            u.items.emplace_back(FilledRect{{r.x, r.bottom() - std::min(wb, r.height), r.width, std::min(wb, r.height)}, st.border_color, c.grid.node});
            u.items.emplace_back(FilledRect{{r.x, r.y, std::min(wl, r.width), r.height}, st.border_color, c.grid.node});
            u.items.emplace_back(FilledRect{{r.right() - std::min(wr, r.width), r.y, std::min(wr, r.width), r.height}, st.border_color, c.grid.node});
        }
    }
    for (std::uint32_t k : cells) {
        const Cell& c = m_cells[k];
        const double x = m_left + c.x + c.inset - c.shift;
        auto l = std::lower_bound(c.lines.begin(), c.lines.end(), a - epsilon,
                                  [](const CellLine& x, double y) { return x.top < y; });
        const auto first = static_cast<std::uint32_t>(l - c.lines.begin());
        auto extra = std::lower_bound(c.extras.begin(), c.extras.end(), first,
                                      [](const auto& e, std::uint32_t i) { return e.first < i; });
        for (; l != c.lines.end() && l->top < b - epsilon; ++l) {
            // a line's markers and images before it, in reading order (its anchors: the unit's)
            const auto index = static_cast<std::uint32_t>(l - c.lines.begin());
            for (; extra != c.extras.end() && extra->first == index; ++extra) {
                Item placed = shifted_item(extra->second, x + l->left, l->top - a);
                if (std::holds_alternative<Anchor>(placed)) u.items.push_back(std::move(placed));
                else m_host.add_late_item(u, std::move(placed));
            }
            if (l->job == no_job) continue;  // a figure: its image is among the extras
            LateItems late{LateItems::Kind::line, l->block, l->job, l->index, x + l->left, l->top - a, 0};
            late.copy = copy;
            m_host.add_late(u, late);
        }
    }
}

void TableLayout::caption_units(const CaptionLines& caption, bool above) {
    const double gap = caption.lines.empty() ? 0 : m_styled.style(caption.node).margin_top;
    for (std::size_t k = 0; k < caption.lines.size(); ++k) {
        const CellLine& l = caption.lines[k];
        Unit u;
        u.block = caption.node;
        u.starts_block = k == 0;
        u.break_after = false;
        u.height = l.height + (above ? (k + 1 == caption.lines.size() ? gap : 0) : (k == 0 ? gap : 0));
        const double top = k == 0 && !above ? gap : 0;
        const bool anchor = above;
        if (k == 0 && anchor) u.items.emplace_back(Anchor{{m_left, 0}, m_table});
        m_host.add_late(u, {LateItems::Kind::line, l.block, l.job, l.index, m_left, top, 0});
        m_host.push(std::move(u));
    }
}

std::vector<std::pair<double, std::uint32_t>> TableLayout::cuts() const {
    std::vector<std::pair<double, std::uint32_t>> out;
    const std::uint32_t head = m_head;
    if (head > 0) out.push_back({0, 0});
    const auto foot = static_cast<std::uint32_t>(m_grid.rows.size()) - m_foot;
    for (std::uint32_t r = head; r < foot; ++r) {
        if (r > head && m_keep_after[r - 1]) continue;  // one unit with the row above
        out.push_back({m_row_top[r], r});
        for (double band : m_bands[r]) out.push_back({band, r});
    }
    if (m_foot > 0) out.push_back({m_row_top[foot], foot});  // the foot rows together
    return out;
}

void TableLayout::emit(const CaptionLines& caption) {
    const ComputedStyle& ts = m_styled.style(m_table);
    const bool below = ts.caption_bottom;
    if (!below) caption_units(caption, true);
    const bool boxed = ts.background || ts.border_width > 0;
    if (boxed) m_host.box(m_table, m_left, m_width, true);
    const auto cuts = this->cuts();
    const std::uint32_t head = m_head;
    // A break between rows (but those a cell spanning both keeps together) or inside a row cut
    // into bands, where every paragraph of the cells it crosses keeps its orphans and widows.
    const auto may_break_after = [&](std::size_t k) {
        if (k + 1 >= cuts.size()) return true;
        const std::uint32_t next = cuts[k + 1].second;
        if (next != cuts[k].second && m_keep_after[next - 1] != 0) return false;
        return keeps_lines(next, cuts[k + 1].first);
    };
    const bool whole = caption_height(caption) + m_row_top.back() <= m_column;
    // The foot rows repeated at each break (table-footer: repeat): the last unit, kept with the row above.
    const std::size_t foot = m_foot > 0 ? cuts.size() - 1 : cuts.size();
    const auto footer = static_cast<std::uint32_t>(m_host.unit_count() + foot);
    std::uint32_t header = UINT32_MAX;
    for (std::size_t k = 0; k < cuts.size(); ++k) {
        const double a = cuts[k].first;
        const double b = k + 1 < cuts.size() ? cuts[k + 1].first : m_row_top.back();
        const bool is_head = head > 0 && k == 0;
        const bool is_foot = k == foot;
        Unit u;
        u.height = b - a;
        u.block = m_grid.rows[cuts[k].second].node;
        u.starts_block = is_head || k == 0 || cuts[k - 1].second != cuts[k].second;
        u.break_after = !whole && !is_head && k + 1 != foot && may_break_after(k);
        u.repeatable = is_head || is_foot;
        if (!is_head && !is_foot) u.repeat_header = header;
        if (!is_head && !is_foot && foot < cuts.size() && !whole) u.repeat_footer = footer;
        if (k == 0 && (below || caption.lines.empty())) u.items.emplace_back(Anchor{{m_left, 0}, m_table});
        const std::uint32_t r2 = k + 1 < cuts.size() ? cuts[k + 1].second : static_cast<std::uint32_t>(m_grid.rows.size() - 1);
        slice(u, a, b, cuts[k].second, r2, is_head || is_foot);
        if (is_head) header = static_cast<std::uint32_t>(m_host.unit_count());
        m_host.push(std::move(u));
    }
    if (boxed) m_host.box(m_table, m_left, m_width, false);
    if (below) {
        m_host.last_unit().break_after = false;
        caption_units(caption, false);
    }
    m_host.last_unit().break_after = true;
}

double TableLayout::caption_height(const CaptionLines& caption) const {
    double h = 0;
    for (const CellLine& l : caption.lines) h += l.height;
    return h + (caption.lines.empty() ? 0 : m_styled.style(caption.node).margin_top);
}

}  // namespace folio::layout::tables
