// Figures' sizes and rows in the HTML (issue 18, docs/graphics.md "Sizes, floats and rows"):
//   - a figure with a width, height or max-width gets an inline `width` (a percentage stays a
//     percentage of its container; a length becomes the width layout gives the box, in points),
//     never wider than its container (max-width:100%);
//   - with both width and height, the image keeps the box's proportions (aspect-ratio) and is
//     fitted into it with CSS object-fit, as the PDF crops it (an inline SVG, which object-fit
//     does not reach, with preserveAspectRatio: html/svg.hpp);
//   - a floating figure is marked data-float="left|right"; the style sheet floats it beside the
//     text and, on screens narrower than 30em, stacks it full width instead;
//   - <figures> is a <div class="figure-row">, a flex row that wraps on narrow screens.
// Nothing here writes anything for a figure without these properties, so other documents keep
// their bytes.

#include <algorithm>

#include "html/body.hpp"
#include "html/css.hpp"
#include "html/markup.hpp"
#include "layout/figure_size.hpp"

namespace folio::html {
namespace {

using doc::NodeId;
using doc::NodeKind;

bool in_row(const doc::Document& d, NodeId id) {
    const NodeId parent = d.node(id).parent;
    return parent != doc::no_node && d.node(parent).kind == NodeKind::figure_row;
}

/// The box layout gives figure `id` in a column of the default page master.
layout::FigureBox box_of(const realize::RealizedDocument& realized, NodeId id) {
    const style::StyledDocument& styled = realized.styled();
    const auto px = realized.image_size(realized.doc().node(id).src);
    const double text_height = styled.page.content_box().height;
    return layout::size_figure(px ? *px : core::Size{4, 3}, styled.style(id).sizing, styled.page.column_width(),
                               text_height, text_height * 0.8, nullptr);
}

}  // namespace

void BodyWriter::open_figure(NodeId id) {
    const style::Sizing& s = m_context.realized.styled().style(id).sizing;
    m_out += "<figure";
    common_attrs(id);
    const bool row = in_row(m_doc, id);
    if (!row && s.float_side != style::FloatSide::none) {
        append_attr(m_out, "data-float", s.float_side == style::FloatSide::left ? "left" : "right");
    }
    const bool sized = !s.width.is_auto() || !s.height.is_auto() || !s.max_width.is_auto();
    if (sized && !row) {
        std::string css = "width:";
        if (s.width.unit == style::SizeValue::Unit::percent && s.max_width.is_auto()) {
            css += format_number(s.width.value) + "%";
        } else {
            css += format_number(box_of(m_context.realized, id).width) + "pt";
        }
        append_attr(m_out, "style", css + ";max-width:100%");
    }
    m_out += '>';
}

std::optional<SvgFit> BodyWriter::svg_fit(NodeId id) const {
    const style::Sizing& s = m_context.realized.styled().style(id).sizing;
    if (s.width.is_auto() || s.height.is_auto()) return std::nullopt;  // the image's own proportions
    const layout::FigureBox box = box_of(m_context.realized, id);
    const SvgFit::Mode mode = s.fit == style::ObjectFit::cover  ? SvgFit::Mode::cover
                              : s.fit == style::ObjectFit::fill ? SvgFit::Mode::fill
                                                                : SvgFit::Mode::contain;
    return SvgFit{box.width, box.height, mode};
}

void BodyWriter::image_fit(NodeId id) {
    const std::optional<SvgFit> f = svg_fit(id);
    if (!f) return;
    const char* fit = f->mode == SvgFit::Mode::cover ? "cover" : f->mode == SvgFit::Mode::fill ? "fill" : "contain";
    append_attr(m_out, "style", "width:100%;aspect-ratio:" + format_number(f->width) + "/" +
                                    format_number(f->height) + ";object-fit:" + fit);
}

void BodyWriter::figure_row(NodeId id) {
    const doc::Node& n = m_doc.node(id);
    std::string classes = "figure-row";
    for (const std::string& c : split_classes(n.classes)) classes += " " + c;
    m_out += "<div";
    if (!m_ids.of(id).empty()) append_attr(m_out, "id", m_ids.of(id));
    append_attr(m_out, "class", classes);
    if (!n.lang.empty()) append_attr(m_out, "lang", n.lang);
    m_out += ">\n";
    children(id);
    close("div", true);
}

void append_figure_rules(std::string& out, const style::StyledDocument& styled) {
    const doc::Document& d = styled.doc();
    bool rows = false;
    bool floats = false;
    bool sized = false;
    for (NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.node(id);
        if (n.kind == NodeKind::figure_row) rows = true;
        if (n.kind != NodeKind::figure) continue;
        const style::Sizing& s = styled.style(id).sizing;
        if (s.float_side != style::FloatSide::none && !in_row(d, id)) floats = true;
        if (!(s == style::Sizing{})) sized = true;
    }
    if (sized) out += "figure[style]>svg{width:100%;height:auto}\n";
    if (rows) {
        out += ".figure-row{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start;margin:1em 0}\n"
               ".figure-row>figure{flex:1 1 12em;min-width:0;margin:0}\n";
    }
    if (floats) {
        // (`body` before the selectors: they win over the elements' own rules, which set margins)
        out += "body figure[data-float=left]{float:left;margin:0.3em 1em 0.5em 0}\n"
               "body figure[data-float=right]{float:right;margin:0.3em 0 0.5em 1em}\n"
               "h1,h2,h3,h4,h5,h6,section,table,ul,ol,aside,blockquote,.figure-row{clear:both}\n"
               "@media (max-width:30em){body figure[data-float]{float:none;width:auto!important;margin:1em 0}}\n";
    }
}

}  // namespace folio::html
