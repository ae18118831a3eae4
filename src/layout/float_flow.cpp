// Floating figures (float_flow.hpp), the rules docs/graphics.md states:
//   1. a figure whose style says float: left | right (not one in a <figures> row) stands at that
//      side of its column at its styled size, its caption below it at its width; the gap to the
//      text is its margin on the text's side (1 em when none);
//   2. a float that would leave the text beside it less than a third of the column (and at least
//      8 em) is set as a block instead, with a warning (layout.float-too-wide); so is one taller
//      with its caption than 80 % of the text area (layout.float-too-tall);
//   3. the paragraphs after it flow beside it: their first lines are shorter by the float's width
//      and the gap (Knuth-Plass with a width per line), as many as reach down to its foot;
//      anything else (a title, a list, a table, another figure, a box, a break) starts below it;
//   4. the float and the lines beside it are kept in one column: when they do not fit at the
//      foot of a column, they move on to the next together (paginate.cpp's keeps), so a float
//      never hangs past its column's foot;
//   5. a float that spans the columns (column-span: all on it, or on a block it is in) is sized
//      and placed in the whole text width, and the paragraphs beside it span with it (a float
//      cannot stand across a column gap with column text beside it).
// In the planning walk the paragraphs beside a float (and its caption) are laid out at once,
// since how far the text reaches beside it decides the widths of the next paragraph.

#include "layout/float_flow.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace folio::layout {
namespace {

using doc::NodeId;
using style::ComputedStyle;

std::string points(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1fpt", v);
    return buf;
}

}  // namespace

double least_text_beside(double column, double font_size) { return std::max(column / 3, 8 * font_size); }

bool start_float(FloatHost& host, NodeId id, double left, double width) {
    const realize::RealizedDocument& realized = host.realized();
    const doc::Document& d = realized.doc();
    const ComputedStyle& st = realized.styled().style(id);
    const style::FloatSide side = st.sizing.float_side;
    const NodeId parent = d.node(id).parent;
    if (side == style::FloatSide::none || (parent != doc::no_node && d.node(parent).kind == doc::NodeKind::figure_row)) {
        return false;
    }
    clear_float(host);  // one float at a time
    const FigureBox box = figure_box(host, id, width);
    double gap = side == style::FloatSide::left ? st.margin_right : st.margin_left;
    if (gap <= 0) gap = st.font_size;
    const double indent = box.width + gap;
    const double least = least_text_beside(width, st.font_size);
    if (width - indent < least) {
        if (core::Diagnostics* notes = host.notes()) {
            notes->warning("layout.float-too-wide",
                           "the floating figure is " + points(box.width) + " wide and would leave " +
                               points(std::max(0.0, width - indent)) + " of its " + points(width) +
                               " column to the text beside it (at least " + points(least) +
                               " needed); it is set as a block instead",
                           d.node(id).location);
        }
        return false;
    }
    // Its caption, at its width (in the planning walk laid out at once: it decides its height).
    const NodeId caption = caption_of(d, id);
    const std::pmr::vector<Line>* lines = nullptr;
    std::uint32_t job = 0;
    double height = box.height;
    if (caption != doc::no_node) {
        host.next_lines({});
        lines = &host.inline_lines(caption, d.node(caption).children, box.width, 0);
        job = host.last_job();
        if (!lines->empty()) height += realized.styled().style(caption).margin_top;
        for (const Line& line : *lines) height += line.height;
    }
    const double x = side == style::FloatSide::left ? left : left + width - box.width;
    const bool floats = host.float_decision(id, height <= host.max_figure_height());
    if (!floats && host.notes() != nullptr) {
        host.notes()->warning("layout.float-too-tall",
                              "the floating figure with its caption is " + points(height) +
                                  " tall, more than 80% of the text area; it is set as a block instead",
                              d.node(id).location);
    }
    host.add_margin(st.margin_top);
    Unit u;
    u.block = id;
    u.starts_block = true;
    u.break_after = !floats;
    u.items.emplace_back(Anchor{{x, 0}, id});
    u.items.push_back(figure_image(realized, id, box, x, 0));
    const double margin = caption != doc::no_node ? realized.styled().style(caption).margin_top : 0;
    const std::size_t count = lines != nullptr ? lines->size() : 0;
    if (!floats) {  // a block at its side: the image, then the caption's lines as units of their own
        u.height = box.height;
        host.push(std::move(u));
        if (count > 0) host.add_margin(margin);
        for (std::size_t k = 0; k < count; ++k) {
            Unit line;
            line.block = id;
            line.height = (*lines)[k].height;
            host.add_late(line, {LateItems::Kind::line, caption, job, static_cast<std::uint32_t>(k), x, 0, 0});
            host.push(std::move(line));
        }
        host.add_margin(st.margin_bottom);
        return true;
    }
    double y = box.height + (count > 0 ? margin : 0);
    for (std::size_t k = 0; k < count; ++k) {
        host.add_late(u, {LateItems::Kind::line, caption, job, static_cast<std::uint32_t>(k), x, y, 0});
        y += (*lines)[k].height;
    }
    u.height = 0;  // the text beside it starts at its top; the region's units carry its height
    host.push(std::move(u));
    host.keep_open(true);
    FloatArea& area = host.float_area();
    area = {true, side, indent, height + st.margin_bottom, host.unit_count() - 1, false};  // (its margin below too)
    return true;
}

bool spans_beside_float(const FloatArea& area, double margin) {
    return area.active && area.span && area.remaining - margin > 0.01;
}

std::uint32_t lines_beside(const FloatArea& area, double margin, double pitch) {
    if (!area.active || pitch <= 0) return 0;
    const double room = area.remaining - margin;
    if (room <= 0.01) return 0;
    return static_cast<std::uint32_t>(std::min(1e6, std::ceil(room / pitch - 0.01)));
}

namespace {

/// Ends the float's region: its units up to the last one are kept together.
void end_float(FloatHost& host) {
    FloatArea& area = host.float_area();
    if (!area.active) return;
    area.active = false;
    const std::size_t last = host.unit_count() - 1;
    for (std::size_t i = area.first_unit; i < last; ++i) host.unit(i).break_after = false;
    host.keep_open(false);
}

}  // namespace

void pass_float(FloatHost& host, const Unit& unit) {
    FloatArea& area = host.float_area();
    if (!area.active) return;
    area.remaining -= unit.space_before + unit.height;
    if (area.remaining <= 0.01) end_float(host);
}

void clear_float(FloatHost& host) {
    FloatArea& area = host.float_area();
    if (!area.active) return;
    if (area.remaining > 0.01) {
        Unit spacer;  // the rest of the float's height; the margin waiting for the next block stays
        spacer.height = area.remaining;
        spacer.break_after = true;
        host.push_spacer(std::move(spacer));
    }
    end_float(host);
}

}  // namespace folio::layout
