// Laying out figures (figure_layout.hpp).
//
// A figure: its image box (figure_size.cpp) centred in the column, its caption's lines below at
// the column's width, one deferrable unit (paginate.cpp lets text flow past a figure that does
// not fit); a caption that would make it taller than a page continues as units of its own.
// A row of figures (<figures>): the row's width in equal cells one em (of the row's font size)
// apart; each figure sized in its cell, the images bottom-aligned on one line and the captions
// starting together below it, so a row reads as one strip; one deferrable unit.
// A floating figure: the same image and caption at the float's width, as a unit that
// float_flow.cpp places, with the text beside it.

#include "layout/figure_layout.hpp"

#include <algorithm>

namespace folio::layout {
namespace {

using doc::NodeId;
using doc::NodeKind;
using style::ComputedStyle;

/// (see figure_layout.hpp) The item that draws figure `id`'s image in `b` with its top-left corner at (x, y): the image
/// rectangle itself, or for a cropped image the box with the whole image's place in `fit`.
}  // namespace

Item figure_image(const realize::RealizedDocument& realized, NodeId id, const FigureBox& b, double x, double y) {
    const doc::Node& n = realized.doc().node(id);
    const image::Image* img = realized.image(n.src);  // (an SVG or a <qr>: a VectorBox)
    const bool vector = img && img->format == image::Format::svg;
    core::Rect rect{x + b.image.x, y + b.image.y, b.image.width, b.image.height};
    core::Rect fit{};
    if (b.clipped) {
        rect = {x, y, b.width, b.height};
        fit = b.image;
    }
    return vector ? Item{VectorBox{rect, n.src, id, fit}} : Item{ImageBox{rect, n.src, id, fit}};
}

namespace {

/// Line `index` of the paragraph the host laid out last, as a late item of `u` at (left, top).
void add_line(FigureHost& host, Unit& u, NodeId block, std::size_t index, double left, double top) {
    host.add_late(u, {LateItems::Kind::line, block, host.last_job(), static_cast<std::uint32_t>(index), left, top, 0});
}

}  // namespace

NodeId caption_of(const doc::Document& d, NodeId id) {
    for (NodeId c : d.node(id).children) {
        if (d.node(c).kind == NodeKind::caption) return c;
    }
    return doc::no_node;
}

namespace {

/// The height of `lines` after a margin of `margin`.
double caption_height(const std::pmr::vector<Line>& lines, double margin) {
    double h = margin;
    for (const auto& line : lines) h += line.height;
    return h;
}

}  // namespace

FigureBox figure_box(FigureHost& host, NodeId id, double width) {
    const realize::RealizedDocument& realized = host.realized();
    const doc::Node& n = realized.doc().node(id);
    const auto px = realized.image_size(n.src);
    const style::StyledDocument& styled = realized.styled();
    std::vector<FigureSizeNote> notes;
    const FigureBox box = size_figure(px ? *px : core::Size{4, 3}, styled.style(id).sizing, width,
                                      styled.page.content_box().height, host.max_figure_height(), &notes);
    if (core::Diagnostics* out = host.notes()) {
        for (const auto& note : notes) out->warning(note.code, note.message, n.location);
    }
    return box;
}

void lay_out_figure(FigureHost& host, NodeId id, double left, double width) {
    const realize::RealizedDocument& realized = host.realized();
    const doc::Document& d = realized.doc();
    const style::StyledDocument& styled = realized.styled();
    const FigureBox b = figure_box(host, id, width);
    Unit u;
    u.deferrable = true;
    u.break_after = true;
    u.block = id;
    u.starts_block = true;
    u.items.emplace_back(Anchor{{left, 0}, id});
    u.items.push_back(figure_image(realized, id, b, left + (width - b.width) / 2, 0));
    double y = b.height;
    bool split = false;  // a caption that makes the figure taller than a page: line units of its own
    for (NodeId c : d.node(id).children) {
        if (d.node(c).kind != NodeKind::caption) continue;
        const ComputedStyle& cs = styled.style(c);
        const auto& lines = host.inline_lines(c, d.node(c).children, width, 0);
        if (!split && y + caption_height(lines, cs.margin_top) > styled.page.content_box().height) {
            split = true;
            u.deferrable = false;  // (it could not wait for a column it fits)
            u.height = y;
            host.push(std::move(u));
        }
        if (split) {
            host.add_margin(cs.margin_top);
            for (std::size_t k = 0; k < lines.size(); ++k) {
                Unit line;
                line.block = id;
                line.height = lines[k].height;
                add_line(host, line, c, k, left, 0);
                host.push(std::move(line));
            }
            continue;
        }
        y += cs.margin_top;
        for (std::size_t k = 0; k < lines.size(); ++k) {
            add_line(host, u, c, k, left, y);
            y += lines[k].height;
        }
    }
    if (split) return;
    u.height = y;
    host.push(std::move(u));
}

void lay_out_figure_row(FigureHost& host, NodeId id, double left, double width) {
    const realize::RealizedDocument& realized = host.realized();
    const doc::Document& d = realized.doc();
    const style::StyledDocument& styled = realized.styled();
    std::vector<NodeId> figures;
    for (NodeId c : d.node(id).children) {
        if (d.node(c).kind == NodeKind::figure) figures.push_back(c);
    }
    if (figures.empty()) return;
    const double count = static_cast<double>(figures.size());
    const double gap = std::min(styled.style(id).font_size, width / (4 * count));
    const double cell = (width - gap * (count - 1)) / count;
    std::vector<FigureBox> boxes;
    double images = 0;  // the height of the row's images
    for (NodeId f : figures) {
        boxes.push_back(figure_box(host, f, cell));
        images = std::max(images, boxes.back().height);
    }
    Unit u;
    u.deferrable = true;
    u.block = id;
    u.starts_block = true;
    u.items.emplace_back(Anchor{{left, 0}, id});
    // The captions' lines, in the order of the plan: a caption per figure, at its cell's width.
    struct Caption {
        NodeId node;
        std::uint32_t job;  ///< its paragraph in the plan
        double x;
        double margin;
        const std::pmr::vector<Line>* lines;
    };
    std::vector<Caption> captions;
    double tallest = 0;
    for (std::size_t i = 0; i < figures.size(); ++i) {
        const double x = left + static_cast<double>(i) * (cell + gap);
        u.items.emplace_back(Anchor{{x, 0}, figures[i]});
        u.items.push_back(figure_image(realized, figures[i], boxes[i], x + (cell - boxes[i].width) / 2,
                                     images - boxes[i].height));
        const NodeId c = caption_of(d, figures[i]);
        if (c == doc::no_node) continue;
        const double margin = styled.style(c).margin_top;
        const auto& lines = host.inline_lines(c, d.node(c).children, cell, 0);
        captions.push_back({c, host.last_job(), x, margin, &lines});
        tallest = std::max(tallest, caption_height(lines, margin));
    }
    const bool split = images + tallest > styled.page.content_box().height;
    if (!split) {
        for (const Caption& c : captions) {
            double y = images + c.margin;
            for (std::size_t k = 0; k < c.lines->size(); ++k) {
                host.add_late(u, {LateItems::Kind::line, c.node, c.job, static_cast<std::uint32_t>(k), c.x, y, 0});
                y += (*c.lines)[k].height;
            }
        }
        u.height = images + tallest;
        host.push(std::move(u));
        return;
    }
    u.deferrable = false;
    u.height = images;
    host.push(std::move(u));
    for (const Caption& c : captions) {
        host.add_margin(c.margin);
        for (std::size_t k = 0; k < c.lines->size(); ++k) {
            Unit line;
            line.block = id;
            line.height = (*c.lines)[k].height;
            host.add_late(line, {LateItems::Kind::line, c.node, c.job, static_cast<std::uint32_t>(k), c.x, 0, 0});
            host.push(std::move(line));
        }
    }
}

}  // namespace folio::layout
