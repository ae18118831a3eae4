// Laying out a table (table_layout.hpp).
//
// Control flow (TableLayout::run is the recipe):
//   1. the grid (doc/table.hpp) and each cell's min- and max-content widths, measured on its
//      drawn text in its fonts;
//   2. the column widths (table_widths.cpp); columns narrower than their longest word, and fixed
//      widths wider than the measure, are reported once, by the planning walk;
//   3. each cell's paragraphs laid out at its width by the line breaker of body text (the plan
//      holds them like any paragraph, so they are hyphenated and kerned alike);
//   4. the rows top-down: each cell's lines are stacked, and a line that would cross a cut (the
//      top of a row a spanning cell reaches into, or a column's height inside a row taller than a
//      column) moves whole below it, so no line ever straddles two units; a cell spanning rows that
//      needs more room than its rows give grows its last row (CSS 2.1 §17.5.3);
//   5. the slices between consecutive cuts become units: backgrounds, borders and an anchor per
//      cell as items, lines as late items. The header rows are one repeatable unit (the paginator
//      repeats it above a row that starts a column), the caption's lines stay with the table, and a
//      table no taller than a column is never broken.

#include "layout/table_layout.hpp"

#include "layout/table_layout.hpp"

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"
#include "layout/table_layout_impl.hpp"

namespace folio::layout {

namespace tables {

void TableLayout::run() {
    if (m_grid.cells.empty() || m_grid.columns == 0) return;
    columns();                                   // 1. and 2.
    for (Cell& c : m_cells) lay_out_cell(c);     // 3.
    align_on_characters();
    const auto caption = caption_lines();
    m_head = m_grid.head_rows();
    place_rows();                                // 4.
    if (m_head > 0 && m_row_top[m_head] > m_column / 3) {
        m_head = 0;  // a head that tall is not repeated: its rows break like the others
        place_rows();
    }
    repeat_foot();
    align();
    emit(caption);                               // 5.
}

void TableLayout::repeat_foot() {
    if (!m_styled.style(m_table).footer_repeat) return;
    const auto rows = static_cast<std::uint32_t>(m_grid.rows.size());
    std::uint32_t foot = 0;
    while (foot < rows && m_grid.rows[rows - 1 - foot].group == NodeKind::table_foot) ++foot;
    const double height = m_row_top[rows] - m_row_top[rows - foot];
    // (a foot that tall, or a table of foot rows only, is not repeated: it ends the table)
    if (foot == 0 || foot == rows || height > m_column / 4 || rows - foot <= m_head) return;
    m_foot = foot;
    m_foot_height = height;
    place_rows();  // again, its rows cut to leave room for the foot below them
}

double TableLayout::inset_of(NodeId cell) const {
    const ComputedStyle& st = m_styled.style(cell);
    return st.padding + st.border_width;
}

void TableLayout::columns() {
    std::vector<CellNeed> needs;
    needs.reserve(m_grid.cells.size());
    for (const doc::GridCell& g : m_grid.cells) {
        Measure m;
        measure(g.node, m);
        m.max = std::max(m.max, m.line);
        // (a quarter point more: a word exactly as wide as its measure is set on a line of its own)
        // (its floor: padding gives way before a character would stand outside the cell)
        const double inset = 2 * inset_of(g.node) + 0.25;
        const double border = 2 * m_styled.style(g.node).border_width + 0.25;
        needs.push_back({g.col, g.colspan, m.min + inset, m.max + inset, m.glyph + border});
    }
    const ColumnWidths widths = column_widths(m_grid.widths, needs, m_width);
    std::vector<double> x(m_grid.columns + 1, 0);
    for (std::size_t k = 0; k < m_grid.columns; ++k) x[k + 1] = x[k] + widths.widths[k];
    for (std::size_t k = 0; k < m_grid.cells.size(); ++k) {
        const doc::GridCell& g = m_grid.cells[k];
        Cell c;
        c.grid = g;
        c.x = x[g.col];
        c.width = x[g.col + g.colspan] - x[g.col];
        // A cell too narrow for its padding keeps room for its widest character: never ink
        // outside it (its border stays clear of the text).
        const double glyph = needs[k].floor - 2 * m_styled.style(g.node).border_width;
        c.inset = std::max(m_styled.style(g.node).border_width, std::min(inset_of(g.node), (c.width - glyph) / 2));
        m_cells.push_back(std::move(c));
    }
    if (core::Diagnostics* notes = m_host.notes()) report(*notes, widths, needs);
}

void TableLayout::report(core::Diagnostics& notes, const ColumnWidths& widths, const std::vector<CellNeed>& needs) const {
    auto pt = [](double v) { return std::to_string(static_cast<int>(std::lround(v))) + " pt"; };
    if (widths.impossible) {
        notes.error("layout.table-too-narrow",
                    "the table's " + std::to_string(m_grid.columns) + " columns need " + pt(widths.floor) +
                        " to hold a piece of a word in each (two characters and a hyphen), and " + pt(m_width) +
                        " are available: give it fewer columns, smaller type, or column-span: all",
                    m_doc.node(m_table).location);
        return;
    }
    if (widths.fixed_too_wide) {
        notes.warning("layout.table-too-wide",
                      "the table's fixed and percentage column widths exceed the " + pt(m_width) +
                          " available; all its columns are narrowed in proportion",
                      m_doc.node(m_table).location);
    }
    for (std::uint32_t col : widths.narrow) {
        // at the cell whose longest word is the widest in the column
        std::size_t at = needs.size();
        for (std::size_t k = 0; k < needs.size(); ++k) {
            const bool in = needs[k].col <= col && col < needs[k].col + needs[k].span;
            if (in && (at == needs.size() || needs[k].min > needs[at].min)) at = k;
        }
        notes.warning("layout.column-too-narrow",
                      "column " + std::to_string(col + 1) + " of the table is " + pt(widths.widths[col]) +
                          " wide, narrower than its longest word (" + pt(widths.min[col]) +
                          " with padding): words are hyphenated, then broken",
                      m_doc.node(m_grid.cells[at].node).location);
    }
}

double TableLayout::after_point(const Cell& c, const std::string& point) const {
    std::string text;
    NodeId first = doc::no_node;
    std::vector<NodeId> todo{c.grid.node};  // its text nodes, in order
    while (!todo.empty()) {
        const NodeId t = todo.back();
        todo.pop_back();
        const auto& kids = m_doc.node(t).children;
        todo.insert(todo.end(), kids.rbegin(), kids.rend());
        if (m_doc.node(t).kind != NodeKind::text) continue;
        if (first == doc::no_node) first = t;
        text += m_realized.drawn(t);
    }
    const std::size_t at = text.rfind(point);
    if (first == doc::no_node || at == std::string::npos) return 0;
    const ComputedStyle& st = m_styled.style(first);
    return measure_kerned(core::decode_utf8(text.substr(at)).text, st, font_of(st, m_fonts), m_fonts, nullptr);
}

void TableLayout::align_on_characters() {
    std::vector<double> widest(m_grid.columns, 0);
    std::vector<double> after(m_cells.size(), -1);
    for (std::size_t k = 0; k < m_cells.size(); ++k) {
        const Cell& c = m_cells[k];
        const std::string& point = m_styled.style(c.grid.node).align_on;
        if (point.empty() || c.grid.colspan != 1 || c.lines.size() != 1) continue;
        after[k] = after_point(c, point);
        widest[c.grid.col] = std::max(widest[c.grid.col], after[k]);
    }
    for (std::size_t k = 0; k < m_cells.size(); ++k) {
        if (after[k] < 0) continue;
        Cell& c = m_cells[k];
        const double natural = m_host.line_width(c.lines.front().job, c.lines.front().index);
        const double shift = widest[c.grid.col] - after[k];
        if (natural + shift <= c.width - 2 * c.inset + 0.01) c.shift = shift;
    }
}

TableLayout::CaptionLines TableLayout::caption_lines() {
    CaptionLines out;
    if (m_grid.caption == doc::no_node) return out;
    out.node = m_grid.caption;
    const auto& lines = m_host.inline_lines(m_grid.caption, m_doc.node(m_grid.caption).children, m_width, 0);
    const std::uint32_t job = lines.empty() ? 0 : m_host.last_job();
    for (std::size_t k = 0; k < lines.size(); ++k) {
        out.lines.push_back({m_grid.caption, job, static_cast<std::uint32_t>(k), lines[k].height, 0, 0});
    }
    return out;
}

}  // namespace tables

void lay_out_table(TableHost& host, doc::NodeId table, double left, double width) {
    tables::TableLayout(host, table, left, width).run();
}

}  // namespace folio::layout
