// The content of a table's cells (table_layout_impl.hpp; the recipe is in table_layout.cpp):
// what it needs of the columns (its words, its lists' indents, its figures' widths), then its
// lines. A cell holds inline content, paragraphs, lists and figures; they are stacked as in body
// text (margins collapse between blocks), set by the line breaker of body text at their width:
// a list's items stand in its indent, their markers before them, a nested list inside the
// item's; a figure is scaled to the width it has, its caption below it. Deep nesting stops
// indenting at half the cell's width (so text keeps room for a piece of a word), and a marker
// never stands outside its cell.

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"
#include "image/image.hpp"
#include "layout/line_fit.hpp"
#include "layout/table_layout_impl.hpp"

namespace folio::layout::tables {

void TableLayout::measure(NodeId id, Measure& m) {
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
                min = std::max(min, w + m.indent);
                line += w;
            }
            if (to < text.size()) line += space;
            from = to + 1;
        }
        return;
    }
    const bool breaks = n.kind == NodeKind::line_break || n.kind == NodeKind::paragraph ||
                        n.kind == NodeKind::list_item || n.kind == NodeKind::figure || n.kind == NodeKind::caption;
    if (breaks) { m.max = std::max(m.max, m.line + m.indent); m.line = 0; }
    if (n.kind == NodeKind::figure) {  // at most its natural size (it shrinks to what it gets)
        const auto px = m_realized.image_size(n.src);
        if (px) m.max = std::max(m.max, m.indent + px->width * 0.75);
    }
    const double indent = m.indent;
    if (n.kind == NodeKind::list) m.indent += widest_marker(id);
    for (NodeId c : n.children) measure(c, m);
    m.indent = indent;
    if (breaks) { m.max = std::max(m.max, m.line + m.indent); m.line = 0; }
}

double TableLayout::widest_marker(NodeId list) const {
    double widest = std::max(0.0, m_styled.style(list).margin_left);
    for (NodeId item : m_doc.node(list).children) {
        const ComputedStyle& st = m_styled.style(item);
        const GlyphRun run = run_of(m_realized.marker(item), st, m_fonts, 0, 0, item);
        widest = std::max(widest, run.width + 0.5 * st.font_size);
    }
    return widest;
}

void TableLayout::lay_out_cell(Cell& c) {
    const double inner = std::max(1.0, c.width - 2 * c.inset);
    CellFlow f{c};
    f.least = inner / 2;
    cell_blocks(f, c.grid.node, 0, inner);
}

void TableLayout::cell_blocks(CellFlow& f, NodeId id, double left, double width) {
    std::vector<NodeId> inlines;
    for (NodeId kid : m_doc.node(id).children) {
        const doc::Node& n = m_doc.node(kid);
        if (doc::is_inline(n.kind)) {
            inlines.push_back(kid);
            continue;
        }
        cell_text(f, id, inlines, left, width, 0);
        inlines.clear();
        const ComputedStyle& st = m_styled.style(kid);
        f.gap = std::max(f.gap, st.margin_top);
        if (n.kind == NodeKind::list) cell_list(f, kid, left, width);
        else if (n.kind == NodeKind::figure) cell_figure(f, kid, left, width);
        else cell_text(f, kid, n.children, left, width, st.text_indent);  // a paragraph
        f.gap = std::max(f.gap, st.margin_bottom);
    }
    cell_text(f, id, inlines, left, width, 0);
}

CellLine& TableLayout::add_line(CellFlow& f, CellLine line, double ascent) {
    line.gap = f.first ? 0 : f.gap;
    f.gap = 0;
    f.first = false;
    const auto index = static_cast<std::uint32_t>(f.cell.lines.size());
    if (f.marker != doc::no_node) {
        // before the item's first line, in its indent (its gap narrowed if need be); one that the
        // indent cannot hold (huge type in a narrow cell) is left out, never drawn outside the
        // cell or over the text
        const ComputedStyle& st = m_styled.style(f.marker);
        GlyphRun run = run_of(m_realized.marker(f.marker), st, m_fonts, 0, ascent, f.marker);
        run.origin.x = std::max(-line.left, -run.width - 0.5 * st.font_size);
        if (!run.text.empty() && run.origin.x + run.width <= epsilon) f.cell.extras.emplace_back(index, std::move(run));
        f.marker = doc::no_node;
    }
    f.cell.lines.push_back(line);
    return f.cell.lines.back();
}

void TableLayout::cell_text(CellFlow& f, NodeId block, const std::vector<NodeId>& inlines, double left, double width,
                            double indent) {
    if (inlines.empty()) return;
    const auto& lines = m_host.inline_lines(block, inlines, std::max(1.0, width), indent);
    if (lines.empty()) return;
    const std::uint32_t job = m_host.last_job();
    for (std::size_t k = 0; k < lines.size(); ++k) {
        add_line(f, {block, job, static_cast<std::uint32_t>(k), lines[k].height, 0, 0, left}, lines[k].ascent);
    }
}

void TableLayout::cell_list(CellFlow& f, NodeId list, double left, double width) {
    // (deep nesting stops indenting rather than leave its text no room: line_fit.hpp)
    const double indent = fitted_margins(widest_marker(list), 0, width, std::min(width, f.least)).first;
    for (NodeId item : m_doc.node(list).children) {
        const ComputedStyle& st = m_styled.style(item);
        f.gap = std::max(f.gap, st.margin_top);
        f.marker = m_realized.marker(item).empty() ? doc::no_node : item;
        cell_blocks(f, item, left + indent, width - indent);
        f.marker = doc::no_node;  // (an item with no lines: no marker)
        f.gap = std::max(f.gap, st.margin_bottom);
    }
}

void TableLayout::cell_figure(CellFlow& f, NodeId figure, double left, double width) {
    const doc::Node& n = m_doc.node(figure);
    const auto px = m_realized.image_size(n.src);
    const core::Size intrinsic = px && px->width > 0 && px->height > 0 ? *px : core::Size{4, 3};
    // its natural size (96 dpi), at most the width it has and a part of a column (so that a row
    // breaking across pages can always move it whole)
    double w = std::min(width, intrinsic.width * 0.75);
    double h = w * intrinsic.height / intrinsic.width;
    const double most = m_column * 0.4;
    if (h > most) { h = most; w = h * intrinsic.width / intrinsic.height; }
    CellLine& line = add_line(f, {figure, no_job, 0, h, 0, 0, left + (width - w) / 2}, 0);
    (void)line;
    const auto index = static_cast<std::uint32_t>(f.cell.lines.size() - 1);
    f.cell.extras.emplace_back(index, Anchor{{0, 0}, figure});
    const image::Image* img = m_realized.image(n.src);  // (an SVG: a VectorBox)
    const core::Rect box{0, 0, w, h};
    f.cell.extras.emplace_back(index, img && img->format == image::Format::svg ? Item{VectorBox{box, n.src, figure}}
                                                                               : Item{ImageBox{box, n.src, figure}});
    for (NodeId c : n.children) {
        if (m_doc.node(c).kind != NodeKind::caption) continue;
        f.gap = std::max(f.gap, m_styled.style(c).margin_top);
        cell_text(f, c, m_doc.node(c).children, left, width, 0);
    }
}

}  // namespace folio::layout::tables
