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

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"
#include "doc/table.hpp"
#include "layout/table_widths.hpp"

namespace folio::layout {

namespace {

using doc::NodeId;
using doc::NodeKind;
using style::ComputedStyle;

constexpr double epsilon = 0.01;

/// A line of a cell: the paragraph's line in the cache, and where it stands.
struct CellLine {
    NodeId block = doc::no_node;
    std::uint32_t job = 0;
    std::uint32_t index = 0;
    double height = 0;
    double gap = 0;  ///< space above it (between the cell's paragraphs)
    double top = 0;  ///< placed, from the table's top
};

/// A cell with its geometry.
struct Cell {
    doc::GridCell grid;
    double x = 0;      ///< from the table's left
    double width = 0;
    double inset = 0;  ///< padding and border: the text stands this far inside
    double top = 0;
    double bottom = 0;
    std::vector<CellLine> lines;
    bool moved = false;  ///< a line moved below a cut: the cell is not aligned vertically
};

class TableLayout {
public:
    TableLayout(TableHost& host, NodeId table, double left, double width)
        : m_host(host), m_realized(host.realized()), m_styled(m_realized.styled()), m_doc(m_realized.doc()),
          m_fonts(host.fonts()), m_table(table), m_left(left), m_width(width),
          m_grid(doc::table_grid(m_doc, table)),
          m_column(m_styled.page.content_box().height) {}

    void run() {
        if (m_grid.cells.empty() || m_grid.columns == 0) return;
        columns();                                   // 1. and 2.
        for (Cell& c : m_cells) lay_out_cell(c);     // 3.
        const auto caption = caption_lines();
        m_head = m_grid.head_rows();
        place_rows();                                // 4.
        if (m_head > 0 && m_row_top[m_head] > m_column / 3) {
            m_head = 0;  // a head that tall is not repeated: its rows break like the others
            place_rows();
        }
        align();
        emit(caption);                               // 5.
    }

private:
    // ---- 1. and 2. columns -----------------------------------------------------------------------
    [[nodiscard]] double inset_of(NodeId cell) const {
        const ComputedStyle& st = m_styled.style(cell);
        return st.padding + st.border_width;
    }

    /// What a cell's text needs, as the words under a node add up.
    struct Measure {
        double min = 0;    ///< the widest word
        double max = 0;    ///< the widest line
        double line = 0;   ///< the current line
        double glyph = 0;  ///< two of the widest character and a hyphen: the shortest piece of a word the
                           ///< hyphenator leaves at a line end (its patterns' minimum is two letters)
    };

    /// Adds the widths of the words under `id` to `m`.
    void measure(NodeId id, Measure& m) {
        const doc::Node& n = m_doc.node(id);
        if (n.kind == NodeKind::text) {
            const ComputedStyle& st = m_styled.style(id);
            const text::FontId font = font_of(st, m_fonts);
            const std::u32string text = core::decode_utf8(m_realized.drawn(id)).text;
            const double hyphen = m_fonts.advance(font, U'-') * st.font_size / 1000;
            for (char32_t ch : text) {
                const double w = m_fonts.advance(font, ch) * st.font_size / 1000 + st.letter_spacing;
                m.glyph = std::max(m.glyph, 2 * w + hyphen + st.letter_spacing);
            }
            double& min = m.min;
            double& line = m.line;
            const double space = measure_kerned(U" ", st, font, m_fonts, nullptr);
            for (std::size_t from = 0; from <= text.size();) {
                const std::size_t to = std::min(text.find(U' ', from), text.size());
                if (to > from) {
                    const double w = measure_kerned(text.substr(from, to - from), st, font, m_fonts, nullptr);
                    min = std::max(min, w);
                    line += w;
                }
                if (to < text.size()) line += space;
                from = to + 1;
            }
            return;
        }
        const bool breaks = n.kind == NodeKind::line_break || n.kind == NodeKind::paragraph;
        if (breaks) { m.max = std::max(m.max, m.line); m.line = 0; }
        for (NodeId c : n.children) measure(c, m);
        if (breaks) { m.max = std::max(m.max, m.line); m.line = 0; }
    }

    void columns() {
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

    void report(core::Diagnostics& notes, const ColumnWidths& widths, const std::vector<CellNeed>& needs) const {
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

    // ---- 3. the cells' lines ---------------------------------------------------------------------
    void lay_out_cell(Cell& c) {
        const double inner = std::max(1.0, c.width - 2 * c.inset);
        double gap = 0;
        bool first = true;
        auto add = [&](NodeId block, const std::vector<NodeId>& inlines, double indent, double before, double after) {
            const auto& lines = m_host.inline_lines(block, inlines, inner, indent);
            if (lines.empty()) return;
            const std::uint32_t job = m_host.last_job();
            for (std::size_t k = 0; k < lines.size(); ++k) {
                const double space = k == 0 && !first ? std::max(gap, before) : 0;
                c.lines.push_back({block, job, static_cast<std::uint32_t>(k), lines[k].height, space, 0});
            }
            gap = after;
            first = false;
        };
        std::vector<NodeId> inlines;
        for (NodeId kid : m_doc.node(c.grid.node).children) {
            if (doc::is_inline(m_doc.node(kid).kind)) {
                inlines.push_back(kid);
                continue;
            }
            add(c.grid.node, inlines, 0, 0, 0);
            inlines.clear();
            const ComputedStyle& st = m_styled.style(kid);
            add(kid, m_doc.node(kid).children, st.text_indent, st.margin_top, st.margin_bottom);
        }
        add(c.grid.node, inlines, 0, 0, 0);
    }

    struct CaptionLines {
        NodeId node = doc::no_node;
        std::vector<CellLine> lines;
    };

    CaptionLines caption_lines() {
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

    // ---- 4. rows ---------------------------------------------------------------------------------
    /// The tallest a row may be and stay one unit: a column, less the header repeated above it.
    [[nodiscard]] double slice_limit() const {
        const double header = m_head > 0 ? m_row_top[m_head] : 0;
        return std::max(m_column - header, m_column / 2) - 1;
    }

    /// The first cut below `y` that a cell spanning rows [s, e] must not let a line straddle: the
    /// top of a row after s, or a band of a row taller than a column.
    [[nodiscard]] double next_cut(double y, std::uint32_t s, std::uint32_t e, bool rows = true) const {
        double cut = HUGE_VAL;
        for (std::uint32_t q = s; q <= e; ++q) {
            if (rows && q > s && m_row_top[q] > y + epsilon) cut = std::min(cut, m_row_top[q]);
            const auto& bands = m_bands[q];
            const auto it = std::upper_bound(bands.begin(), bands.end(), y + epsilon);
            if (it != bands.end()) cut = std::min(cut, *it);
        }
        return cut;
    }

    /// Stacks the lines of cell `c` (whose last row is the row being placed); returns its bottom.
    /// A cell spanning rows that fit in a column keeps its rows together and its lines where they
    /// fall; only a taller one moves its lines below the tops of its rows, to break between them.
    double stack(Cell& c) {
        const std::uint32_t s = c.grid.row, e = c.grid.row + c.grid.rowspan - 1;
        const double bottom = stack(c, false);
        if (s == e || std::max(bottom, m_row_top[e]) - m_row_top[s] > m_limit) return s == e ? bottom : stack(c, true);
        for (std::uint32_t r = s; r < e; ++r) m_keep_after[r] = 1;
        return bottom;
    }

    double stack(Cell& c, bool rows) {
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

    /// The bottom of row `r`: the lowest of the cells that end in it, stacked.
    double stack_row(std::uint32_t r) {
        double bottom = m_row_top[r];
        for (std::uint32_t k : m_ending[r]) bottom = std::max(bottom, stack(m_cells[k]));
        return bottom;
    }

    /// Which cells each row has (those spanning into it too), which end in it, and each body
    /// row's place in its group (for the zebra): so that nothing below walks every cell per row.
    void index_rows() {
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

    /// The rows top-down. A row taller than a column is cut into bands at the line tops of its
    /// cell with the most lines, so it can break after any of them, and it is stacked again: the
    /// other cells' lines that would straddle a band move below it, aligned with that cell's.
    void place_rows() {
        const std::size_t rows = m_grid.rows.size();
        m_row_top.assign(rows + 1, 0);
        m_bands.assign(rows, {});
        m_keep_after.assign(rows, 0);
        index_rows();
        m_limit = m_column - 1;
        for (std::uint32_t r = 0; r < rows; ++r) {
            if (r == m_head && r > 0) m_limit = slice_limit();
            double bottom = stack_row(r);
            if (bottom - m_row_top[r] > m_limit && r >= m_head) {
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

    /// Vertical alignment of the cells no cut moved lines in (and that none would then cross).
    void align() {
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

    // ---- 5. units --------------------------------------------------------------------------------
    /// The background of a cell: its own, else its (first) row's, else the zebra's of its row.
    [[nodiscard]] std::optional<core::Color> background(const Cell& c) const {
        if (const auto& bg = m_styled.style(c.grid.node).background) return bg;
        const doc::GridRow& row = m_grid.rows[c.grid.row];
        const ComputedStyle& rs = m_styled.style(row.node);
        if (rs.alternate_background && row.group != NodeKind::table_head && m_in_group[c.grid.row] % 2 == 1) {
            return rs.alternate_background;
        }
        return rs.background;
    }

    /// The cells of rows [r1, r2], each once, in row order.
    [[nodiscard]] std::vector<std::uint32_t> cells_of(std::uint32_t r1, std::uint32_t r2) const {
        std::vector<std::uint32_t> out;
        for (std::uint32_t r = r1; r <= r2 && r < m_row_cells.size(); ++r) {
            for (std::uint32_t k : m_row_cells[r]) {
                if (std::max(m_cells[k].grid.row, r1) == r) out.push_back(k);
            }
        }
        return out;
    }

    /// The items and late items of the slice [a, b) of the table, in rows [r1, r2], into `u`.
    void slice(Unit& u, double a, double b, std::uint32_t r1, std::uint32_t r2, bool copy) {
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
            auto l = std::lower_bound(c.lines.begin(), c.lines.end(), a - epsilon,
                                      [](const CellLine& x, double y) { return x.top < y; });
            for (; l != c.lines.end() && l->top < b - epsilon; ++l) {
                LateItems late{LateItems::Kind::line, l->block, l->job, l->index, m_left + c.x + c.inset, l->top - a, 0};
                late.copy = copy;
                m_host.add_late(u, late);
            }
        }
    }

    /// Units of the caption's lines, kept with the table: above it (`above`, the table's anchor on
    /// the first) or below. Its margin-top is the space between it and the rows, as a figure's.
    void caption_units(const CaptionLines& caption, bool above) {
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

    /// Where the units begin, with their rows: the head rows together, then every row's top (but
    /// those a cell spanning from above keeps with it) and the bands of rows taller than a column.
    [[nodiscard]] std::vector<std::pair<double, std::uint32_t>> cuts() const {
        std::vector<std::pair<double, std::uint32_t>> out;
        const std::uint32_t head = m_head;
        if (head > 0) out.push_back({0, 0});
        for (std::uint32_t r = head; r < m_grid.rows.size(); ++r) {
            if (r > head && m_keep_after[r - 1]) continue;  // one unit with the row above
            out.push_back({m_row_top[r], r});
            for (double band : m_bands[r]) out.push_back({band, r});
        }
        return out;
    }

    void emit(const CaptionLines& caption) {
        const ComputedStyle& ts = m_styled.style(m_table);
        const bool below = ts.caption_bottom;
        if (!below) caption_units(caption, true);
        const bool boxed = ts.background || ts.border_width > 0;
        if (boxed) m_host.box(m_table, m_left, m_width, true);
        const auto cuts = this->cuts();
        const std::uint32_t head = m_head;
        // Inside a row cut into bands, orphans and widows of the table's style hold.
        const auto may_break_after = [&](std::size_t k) {
            std::size_t first = k, last = k;
            while (first > 0 && cuts[first - 1].second == cuts[k].second) --first;
            while (last + 1 < cuts.size() && cuts[last + 1].second == cuts[k].second) ++last;
            const auto before = static_cast<int>(k - first + 1), after = static_cast<int>(last - k);
            const int n = before + after;
            if (after == 0) {  // the unit's last row: the one before the next unit's
                const std::size_t end = k + 1 < cuts.size() ? cuts[k + 1].second - 1 : m_grid.rows.size() - 1;
                return m_keep_after[end] == 0;
            }
            return before >= std::min(ts.orphans, n) && after >= std::min(ts.widows, n);
        };
        const bool whole = caption_height(caption) + m_row_top.back() <= m_column;
        std::uint32_t header = UINT32_MAX;
        for (std::size_t k = 0; k < cuts.size(); ++k) {
            const double a = cuts[k].first;
            const double b = k + 1 < cuts.size() ? cuts[k + 1].first : m_row_top.back();
            const bool is_head = head > 0 && k == 0;
            Unit u;
            u.height = b - a;
            u.block = m_grid.rows[cuts[k].second].node;
            u.starts_block = is_head || k == 0 || cuts[k - 1].second != cuts[k].second;
            u.break_after = !whole && !is_head && may_break_after(k);
            u.repeatable = is_head;
            if (!is_head) u.repeat_header = header;
            if (k == 0 && (below || caption.lines.empty())) u.items.emplace_back(Anchor{{m_left, 0}, m_table});
            const std::uint32_t r2 = k + 1 < cuts.size() ? cuts[k + 1].second : static_cast<std::uint32_t>(m_grid.rows.size() - 1);
            slice(u, a, b, cuts[k].second, r2, is_head);
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

    [[nodiscard]] double caption_height(const CaptionLines& caption) const {
        double h = 0;
        for (const CellLine& l : caption.lines) h += l.height;
        return h + (caption.lines.empty() ? 0 : m_styled.style(caption.node).margin_top);
    }

    TableHost& m_host;
    const realize::RealizedDocument& m_realized;
    const style::StyledDocument& m_styled;
    const doc::Document& m_doc;
    text::FontProvider& m_fonts;
    NodeId m_table;
    double m_left;
    double m_width;
    doc::TableGrid m_grid;
    double m_column;  ///< the height of a column
    double m_limit = 0;  ///< the tallest a row may be and stay whole (slice_limit)
    std::uint32_t m_head = 0;  ///< the head rows, repeated at each column top (none if too tall)
    std::vector<std::vector<double>> m_bands;  ///< per row: where a row taller than a column is cut
    std::vector<char> m_keep_after;  ///< per row: a cell spanning it and the next keeps them together
    std::vector<std::vector<std::uint32_t>> m_row_cells;  ///< per row: the cells in it (index_rows)
    std::vector<std::vector<std::uint32_t>> m_ending;     ///< per row: the cells that end in it
    std::vector<std::uint32_t> m_in_group;                ///< per row: its index in its group
    std::vector<Cell> m_cells;
    std::vector<double> m_row_top;  ///< each row's top from the table's, and the table's bottom
};

}  // namespace

void lay_out_table(TableHost& host, doc::NodeId table, double left, double width) {
    TableLayout(host, table, left, width).run();
}

}  // namespace folio::layout
