// Inline SVG from the vector model: <svg viewBox> with <title>, a <defs> of the gradients
// (userSpaceOnUse, their transform) and of the clip paths (drawing space, one <clipPath> per
// path, nested groups for their intersection), then one <path> per shape with its transform,
// paint and stroke, inside <g opacity> for its translucent groups. Numbers get up to 4 decimals.

#include "html/svg.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

#include "html/markup.hpp"

namespace folio::html {
namespace {

void num(std::string& out, double v) { image::append_decimal(out, std::clamp(v, -1e9, 1e9), 4); }

std::string number(double v) {
    std::string s;
    num(s, v);
    return s;
}

std::string hex(const core::Color& c) {
    double rgb[3];
    for (int i = 0; i < 3; ++i) {
        rgb[i] = c.space == core::Color::Space::cmyk ? (1 - c.c[i]) * (1 - c.c[3]) : c.c[i];
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string s = "#";
    for (double v : rgb) {
        const int b = static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
        s += digits[b >> 4];
        s += digits[b & 15];
    }
    return s;
}

std::string path_data(const image::Path& p) {
    std::string d;
    std::size_t k = 0;
    const auto point = [&](std::size_t i) {
        num(d, p.points[i].x);
        d += ',';
        num(d, p.points[i].y);
    };
    for (const image::Op op : p.ops) {
        if (op == image::Op::close) { d += 'Z'; continue; }
        const std::size_t n = op == image::Op::cubic ? 3 : 1;
        if (k + n > p.points.size()) break;
        d += op == image::Op::move ? 'M' : op == image::Op::line ? 'L' : 'C';
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0) d += ' ';
            point(k + i);
        }
        k += n;
    }
    return d;
}

std::string matrix(const image::Matrix& m) {
    std::string s = "matrix(";
    for (double v : {m.a, m.b, m.c, m.d, m.e, m.f}) {
        if (s.back() != '(') s += ' ';
        num(s, v);
    }
    return s + ")";
}

void gradient(std::string& out, const image::Gradient& g, const std::string& id) {
    out += g.radial ? "<radialGradient" : "<linearGradient";
    append_attr(out, "id", id);
    out += " gradientUnits=\"userSpaceOnUse\"";
    if (g.radial) {
        append_attr(out, "cx", number(g.x2));
        append_attr(out, "cy", number(g.y2));
        append_attr(out, "r", number(g.r));
        append_attr(out, "fx", number(g.x1));
        append_attr(out, "fy", number(g.y1));
    } else {
        append_attr(out, "x1", number(g.x1));
        append_attr(out, "y1", number(g.y1));
        append_attr(out, "x2", number(g.x2));
        append_attr(out, "y2", number(g.y2));
    }
    if (!g.transform.is_identity()) append_attr(out, "gradientTransform", matrix(g.transform));
    out += '>';
    for (const image::Stop& s : g.stops) {
        out += "<stop";
        append_attr(out, "offset", number(s.offset));
        append_attr(out, "stop-color", hex(s.color));
        if (s.opacity < 1) append_attr(out, "stop-opacity", number(std::max(s.opacity, 0.0)));
        out += "/>";
    }
    out += g.radial ? "</radialGradient>" : "</linearGradient>";
}

std::string paint(const image::Paint& p, std::string_view prefix) {
    switch (p.kind) {
        case image::Paint::Kind::none: return "none";
        case image::Paint::Kind::colour: return hex(p.colour);
        case image::Paint::Kind::gradient:
            return "url(#" + std::string(prefix) + "-g" + std::to_string(p.gradient) + ")";
    }
    return "none";
}

void shape(std::string& out, const image::Shape& s, std::string_view prefix) {
    out += "<path";
    append_attr(out, "d", path_data(s.path));
    if (!s.transform.is_identity()) append_attr(out, "transform", matrix(s.transform));
    append_attr(out, "fill", paint(s.fill, prefix));
    if (s.fill_opacity < 1) append_attr(out, "fill-opacity", number(s.fill_opacity));
    if (s.even_odd) out += " fill-rule=\"evenodd\"";
    if (s.stroke.kind != image::Paint::Kind::none) {
        append_attr(out, "stroke", paint(s.stroke, prefix));
        append_attr(out, "stroke-width", number(s.line.width));
        static constexpr const char* caps[] = {"butt", "round", "square"};
        static constexpr const char* joins[] = {"miter", "round", "bevel"};
        if (s.line.cap != 0) append_attr(out, "stroke-linecap", caps[std::min<int>(s.line.cap, 2)]);
        if (s.line.join != 0) append_attr(out, "stroke-linejoin", joins[std::min<int>(s.line.join, 2)]);
        if (s.line.miter_limit != 4) append_attr(out, "stroke-miterlimit", number(s.line.miter_limit));
        if (!s.line.dashes.empty()) {
            std::string dashes;
            for (double v : s.line.dashes) dashes += (dashes.empty() ? "" : " ") + number(v);
            append_attr(out, "stroke-dasharray", dashes);
            if (s.line.dash_offset != 0) append_attr(out, "stroke-dashoffset", number(s.line.dash_offset));
        }
        if (s.stroke_opacity < 1) append_attr(out, "stroke-opacity", number(s.stroke_opacity));
    }
    out += "/>";
}

/// Closes and opens <g opacity> elements so that those open are the chain of `group`'s
/// translucent groups (image::Group), outermost first.
void translucent_groups(std::string& out, const image::Drawing& d, std::int32_t group, std::vector<std::int32_t>& open) {
    std::vector<std::int32_t> chain;
    for (std::int32_t g = group; g >= 0 && static_cast<std::size_t>(g) < d.groups.size();
         g = d.groups[static_cast<std::size_t>(g)].parent) {
        chain.insert(chain.begin(), g);
    }
    std::size_t common = 0;
    while (common < open.size() && common < chain.size() && open[common] == chain[common]) ++common;
    for (; open.size() > common; open.pop_back()) out += "</g>";
    for (std::size_t i = common; i < chain.size(); ++i) {
        out += "<g";
        append_attr(out, "opacity", number(d.groups[static_cast<std::size_t>(chain[i])].opacity));
        out += '>';
        open.push_back(chain[i]);
    }
}

/// The <svg> start tag and its <title>.
void svg_start(std::string& out, const image::Drawing& drawing, std::string_view alt, const std::string& prefix,
               const SvgFit* fit) {
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\"";
    append_attr(out, "viewBox", "0 0 " + number(drawing.size.width) + " " + number(drawing.size.height));
    append_attr(out, "width", number(drawing.size.width));
    append_attr(out, "height", number(drawing.size.height));
    if (fit != nullptr && fit->width > 0 && fit->height > 0) {
        if (fit->mode == SvgFit::Mode::cover) out += " preserveAspectRatio=\"xMidYMid slice\"";
        if (fit->mode == SvgFit::Mode::fill) out += " preserveAspectRatio=\"none\"";
        append_attr(out, "style", "display:block;width:100%;height:auto;aspect-ratio:" + number(fit->width) + "/" +
                                      number(fit->height));
    } else {
        // (inline, so that documents without drawings keep their style sheet byte for byte)
        out += " style=\"display:block;max-width:100%;height:auto\"";
    }
    if (alt.empty()) {
        out += " aria-hidden=\"true\">";
    } else {
        out += " role=\"img\"";
        append_attr(out, "aria-labelledby", prefix + "-t");
        out += "><title";
        append_attr(out, "id", prefix + "-t");
        out += '>';
        append_text(out, alt);
        out += "</title>";
    }
}

/// What follows the start tag: the <defs>, the shapes and the end tag.
void svg_body(std::string& out, const image::Drawing& drawing, const std::string& prefix) {
    if (!drawing.gradients.empty() || !drawing.clips.empty()) {
        out += "<defs>";
        for (std::size_t i = 0; i < drawing.gradients.size(); ++i)
            gradient(out, drawing.gradients[i], prefix + "-g" + std::to_string(i));
        for (std::size_t i = 0; i < drawing.clips.size(); ++i) {
            const image::Clip& c = drawing.clips[i];
            for (std::size_t k = 0; k < c.paths.size(); ++k) {
                out += "<clipPath";
                append_attr(out, "id", prefix + "-c" + std::to_string(i) + "-" + std::to_string(k));
                out += "><path";
                append_attr(out, "d", path_data(c.paths[k]));
                if (k < c.even_odd.size() && c.even_odd[k]) out += " clip-rule=\"evenodd\"";
                out += "/></clipPath>";
            }
        }
        out += "</defs>";
    }
    std::vector<std::int32_t> open;  // the translucent groups open, outermost first
    for (const image::Shape& s : drawing.shapes) {
        translucent_groups(out, drawing, s.group, open);
        std::size_t groups = 0;
        if (s.clip >= 0 && static_cast<std::size_t>(s.clip) < drawing.clips.size()) {
            groups = drawing.clips[static_cast<std::size_t>(s.clip)].paths.size();
            for (std::size_t k = 0; k < groups; ++k) {
                out += "<g";
                append_attr(out, "clip-path", "url(#" + prefix + "-c" + std::to_string(s.clip) + "-" + std::to_string(k) + ")");
                out += '>';
            }
        }
        shape(out, s, prefix);
        for (std::size_t k = 0; k < groups; ++k) out += "</g>";
    }
    for (std::size_t k = 0; k < open.size(); ++k) out += "</g>";
    out += "</svg>";
}

}  // namespace

void append_inline_svg(std::string& out, const image::Drawing& drawing, std::string_view alt,
                       std::string_view id_prefix, const SvgFit* fit) {
    const std::string prefix(id_prefix);
    svg_start(out, drawing, alt, prefix, fit);
    svg_body(out, drawing, prefix);
}

void InlineSvgCache::append(std::string& out, const image::Drawing& drawing, std::string_view alt,
                            std::string_view id_prefix, const SvgFit* fit) {
    const std::string prefix(id_prefix);
    svg_start(out, drawing, alt, prefix, fit);
    if (!drawing.gradients.empty() || !drawing.clips.empty()) {  // ids in the body: made anew
        svg_body(out, drawing, prefix);
        return;
    }
    auto it = m_bodies.find(&drawing);
    if (it == m_bodies.end()) {
        std::string body;
        svg_body(body, drawing, prefix);
        it = m_bodies.emplace(&drawing, std::move(body)).first;
    }
    out += it->second;
}

}  // namespace folio::html
