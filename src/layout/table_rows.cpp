// A table's rows placed top-down, and where they may break (table_layout_impl.hpp; the recipe is
// in table_layout.cpp).

#include <algorithm>
#include <cmath>

#include "layout/table_layout_impl.hpp"

namespace folio::layout::tables {

double TableLayout::slice_limit() const {
    const double header = m_head > 0 ? m_row_top[m_head] : 0;
    return std::max(m_column - header - m_foot_height, m_column / 2) - 1;
}

double TableLayout::next_cut(double y, std::uint32_t s, std::uint32_t e, bool rows) const {
    double cut = HUGE_VAL;
    for (std::uint32_t q = s; q <= e; ++q) {
        if (rows && q > s && m_row_top[q] > y + epsilon) cut = std::min(cut, m_row_top[q]);
        const auto& bands = m_bands[q];
        const auto it = std::upper_bound(bands.begin(), bands.end(), y + epsilon);
        if (it != bands.end()) cut = std::min(cut, *it);
    }
    return cut;
}

double TableLayout::stack(Cell& c) {
    const std::uint32_t s = c.grid.row, e = c.grid.row + c.grid.rowspan - 1;
    const double bottom = stack(c, false);
    if (s == e || std::max(bottom, m_row_top[e]) - m_row_top[s] > m_limit) return s == e ? bottom : stack(c, true);
    for (std::uint32_t r = s; r < e; ++r) m_keep_after[r] = 1;
    return bottom;
}

double TableLayout::stack(Cell& c, bool rows) {
    const std::uint32_t s = c.grid.row, e = c.grid.row + c.grid.rowspan - 1;
    double y = m_row_top[s] + c.inset;
    c.moved = false;
    for (CellLine& l : c.lines) {
        y += l.gap;
        const double cut = next_cut(y, s, e, rows);
        if (cut < y + l.height - epsilon && l.height < m_limit - 2 * c.inset) {
            y = cut + c.inset;
            c.moved = true;
        }
        l.top = y;
        y += l.height;
    }
    c.top = m_row_top[s];
    return y + c.inset;
}

double TableLayout::stack_row(std::uint32_t r) {
    double bottom = m_row_top[r];
    for (std::uint32_t k : m_ending[r]) bottom = std::max(bottom, stack(m_cells[k]));
    return bottom;
}

void TableLayout::index_rows() {
    const std::size_t rows = m_grid.rows.size();
    m_row_cells.assign(rows, {});
    m_ending.assign(rows, {});
    m_in_group.assign(rows, 0);
    for (std::uint32_t k = 0; k < m_cells.size(); ++k) {
        const doc::GridCell& g = m_cells[k].grid;
        for (std::uint32_t r = g.row; r < g.row + g.rowspan; ++r) m_row_cells[r].push_back(k);
        m_ending[g.row + g.rowspan - 1].push_back(k);
    }
    for (std::uint32_t r = 1; r < rows; ++r) {
        if (m_grid.rows[r].group_node == m_grid.rows[r - 1].group_node) m_in_group[r] = m_in_group[r - 1] + 1;
    }
}

void TableLayout::place_rows() {
    const std::size_t rows = m_grid.rows.size();
    m_row_top.assign(rows + 1, 0);
    m_bands.assign(rows, {});
    m_keep_after.assign(rows, 0);
    index_rows();
    m_limit = m_column - 1;
    for (std::uint32_t r = 0; r < rows; ++r) {
        if (r == m_head && r > 0) m_limit = slice_limit();
        double bottom = stack_row(r);
        if (bottom - m_row_top[r] > m_limit && r >= m_head && r + m_foot < rows) {
            const Cell* most = nullptr;
            for (std::uint32_t k : m_ending[r]) {
                if (most == nullptr || m_cells[k].lines.size() > most->lines.size()) most = &m_cells[k];
            }
            for (const CellLine& l : most->lines) {
                if (l.top > m_row_top[r] + epsilon) m_bands[r].push_back(l.top);
            }
            bottom = stack_row(r);
        }
        m_row_top[r + 1] = bottom;
    }
    for (Cell& c : m_cells) c.bottom = m_row_top[c.grid.row + c.grid.rowspan];
}

void TableLayout::align() {
    for (Cell& c : m_cells) {
        const style::VerticalAlign va = m_styled.style(c.grid.node).vertical_align;
        if (c.moved || c.lines.empty() || va == style::VerticalAlign::top) continue;
        const double room = c.bottom - c.inset - (c.lines.back().top + c.lines.back().height);
        const double shift = va == style::VerticalAlign::middle ? room / 2 : room;
        if (shift <= epsilon) continue;
        const std::uint32_t s = c.grid.row, e = s + c.grid.rowspan - 1;
        const bool crosses = std::any_of(c.lines.begin(), c.lines.end(), [&](const CellLine& l) {
            return next_cut(l.top + shift, s, e) < l.top + shift + l.height - epsilon ||
                   next_cut(l.top, s, e) < l.top + shift + epsilon;
        });
        if (crosses) continue;
        for (CellLine& l : c.lines) l.top += shift;
    }
}

bool TableLayout::keeps_lines(std::uint32_t r, double y) const {
    if (r >= m_row_cells.size()) return true;
    for (std::uint32_t k : m_row_cells[r]) {
        const Cell& c = m_cells[k];
        if (c.top >= y - epsilon) continue;  // it starts at the cut
        for (std::size_t i = 0; i < c.lines.size();) {  // each paragraph: the lines of one job
            int above = 0, below = 0;
            std::size_t j = i;
            for (; j < c.lines.size() && c.lines[j].job == c.lines[i].job; ++j) ++(c.lines[j].top < y - epsilon ? above : below);
            const ComputedStyle& st = m_styled.style(c.lines[i].block);
            const int n = above + below;
            if (above > 0 && below > 0 && (above < std::min(st.orphans, n) || below < std::min(st.widows, n))) return false;
            i = j;
        }
    }
    return true;
}

}  // namespace folio::layout::tables
