// Painting a vector drawing into its box. The drawing's space (x right, y down, size W x H) is
// mapped onto the box with one cm, y flipped; the box clips everything, so no shape puts ink
// outside it. Each shape is then
//     q
//     [clip paths in drawing space]  W n | W* n      (its clip, each path intersected)
//     /GS1 gs                                          (when an opacity is below 1)
//     a b c d e f cm                                   (user space -> drawing space)
//     fill:    path  rg|k  f|f*                        (solid)
//              q path W n|W* n  [/GS2 gs]  g-matrix cm  /Sh1 sh Q
//                                (gradient, clipped to the path; GS2's soft mask, a luminosity
//                                 form painting the same gradient in grey from the stops'
//                                 opacities, when they differ)
//     stroke:  w J j M [dashes] d  RG|K  path S        (solid)
//              q /GS4 gs  g-matrix cm  /Sh2 sh Q          (gradient: GS4's soft mask is a
//                                 luminosity form painting the stroke in white, and its /ca the
//                                 stroke's opacity; a gradient whose stops differ in opacity
//                                 strokes in its first colour)
//     Q
// A translucent group (image::Group) is a Form XObject with a transparency group, holding its
// shapes painted as above; its parent paints it as  q /GS3 gs /Fm1 Do Q  (GS3: /ca and /CA of
// the group's opacity), so that it is composited as one (PDF 1.7 §11.4.7, §11.6.5).
// Numbers are written with up to 4 decimals (5 for matrices), clamped to +-32767.

#include "pdf/vector.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>

namespace folio::pdf {
namespace {

void num(std::string& out, double v, int decimals = 4) {
    image::append_decimal(out, std::isfinite(v) ? std::clamp(v, -32767.0, 32767.0) : 0.0, decimals);
    out += ' ';
}

void matrix(std::string& out, const image::Matrix& m) {
    for (double v : {m.a, m.b, m.c, m.d, m.e, m.f}) num(out, v, 5);
    out += "cm\n";
}

void path(std::string& out, const image::Path& p) {
    std::size_t k = 0;
    for (const image::Op op : p.ops) {
        switch (op) {
            case image::Op::move:
            case image::Op::line:
                if (k >= p.points.size()) return;
                num(out, p.points[k].x);
                num(out, p.points[k].y);
                out += op == image::Op::move ? "m\n" : "l\n";
                k += 1;
                break;
            case image::Op::cubic:
                if (k + 3 > p.points.size()) return;
                for (int i = 0; i < 3; ++i) {
                    num(out, p.points[k + i].x);
                    num(out, p.points[k + i].y);
                }
                out += "c\n";
                k += 3;
                break;
            case image::Op::close: out += "h\n"; break;
        }
    }
}

void colour(std::string& out, const core::Color& given, ColourPolicy policy, bool stroke) {
    const core::Color c = apply(policy, given);
    const int n = c.space == core::Color::Space::cmyk ? 4 : 3;
    for (int i = 0; i < n; ++i) num(out, std::clamp(c.c[i], 0.0, 1.0));
    out += c.space == core::Color::Space::cmyk ? (stroke ? "K\n" : "k\n") : (stroke ? "RG\n" : "rg\n");
}

/// The solid colour a paint stands for (a gradient's first stop where a colour must do).
core::Color solid(const image::Drawing& d, const image::Paint& p) {
    if (p.kind == image::Paint::Kind::gradient && p.gradient < d.gradients.size() &&
        !d.gradients[p.gradient].stops.empty()) {
        return d.gradients[p.gradient].stops.front().color;
    }
    return p.colour;
}

void stroke_state(std::string& out, const image::Stroke& s) {
    num(out, s.width);
    out += "w\n";
    out += std::to_string(s.cap) + " J\n" + std::to_string(s.join) + " j\n";
    num(out, s.miter_limit);
    out += "M\n";
    if (s.dashes.empty()) return;
    out += '[';
    for (double v : s.dashes) num(out, v);
    out += "] ";
    num(out, s.dash_offset);
    out += "d\n";
}

struct ShapePainter {
    const image::Drawing& d;
    const std::string& key;
    const VectorResources& names;
    ColourPolicy colours;
    std::string& out;

    void operator()(const image::Shape& s) const {
        out += "q\n";
        if (s.clip >= 0 && static_cast<std::size_t>(s.clip) < d.clips.size()) {
            const image::Clip& c = d.clips[static_cast<std::size_t>(s.clip)];
            for (std::size_t i = 0; i < c.paths.size(); ++i) {
                path(out, c.paths[i]);
                out += i < c.even_odd.size() && c.even_odd[i] ? "W*\nn\n" : "W\nn\n";
            }
        }
        const std::pair<double, double> alpha = shape_alpha(d, s);
        if (alpha.first < 1 || alpha.second < 1) {
            const auto it = names.alphas.find(alpha);
            if (it != names.alphas.end()) out += "/" + it->second + " gs\n";
        }
        if (!s.transform.is_identity()) matrix(out, s.transform);
        fill(s);
        if (s.stroke.kind == image::Paint::Kind::gradient && gradient_stroke(d, s)) {
            const auto mask = names.stroke_masks.find({key, static_cast<std::size_t>(&s - d.shapes.data())});
            const auto shading = names.shadings.find({key, s.stroke.gradient});
            if (mask != names.stroke_masks.end() && shading != names.shadings.end()) {
                out += "q\n/" + mask->second + " gs\n";
                matrix(out, d.gradients[s.stroke.gradient].transform);
                out += "/" + shading->second + " sh\nQ\n";
            }
        } else if (s.stroke.kind != image::Paint::Kind::none) {
            stroke_state(out, s.line);
            colour(out, solid(d, s.stroke), colours, true);
            path(out, s.path);
            out += "S\n";
        }
        out += "Q\n";
    }

    void fill(const image::Shape& s) const {
        if (s.fill.kind == image::Paint::Kind::colour) {
            colour(out, s.fill.colour, colours, false);
            path(out, s.path);
            out += s.even_odd ? "f*\n" : "f\n";
        } else if (s.fill.kind == image::Paint::Kind::gradient) {
            const auto it = names.shadings.find({key, s.fill.gradient});
            if (it == names.shadings.end() || s.fill.gradient >= d.gradients.size()) return;
            out += "q\n";
            path(out, s.path);
            out += s.even_odd ? "W*\nn\n" : "W\nn\n";
            if (const auto mask = names.masks.find({key, s.fill.gradient}); mask != names.masks.end())
                out += "/" + mask->second + " gs\n";
            matrix(out, d.gradients[s.fill.gradient].transform);
            out += "/" + it->second + " sh\nQ\n";
        }
    }
};

}  // namespace

bool needs_mask(const image::Gradient& g) {
    return std::any_of(g.stops.begin(), g.stops.end(),
                       [&](const image::Stop& s) { return s.opacity != g.stops.front().opacity; });
}

bool gradient_stroke(const image::Drawing& d, const image::Shape& s) {
    return s.stroke.kind == image::Paint::Kind::gradient && s.stroke.gradient < d.gradients.size() &&
           !d.gradients[s.stroke.gradient].stops.empty() && !needs_mask(d.gradients[s.stroke.gradient]);
}

std::string stroke_mask_content(const image::Shape& s) {
    std::string out = "1 g\n1 G\n";
    stroke_state(out, s.line);
    path(out, s.path);
    out += "S\n";
    return out;
}

std::pair<double, double> shape_alpha(const image::Drawing& d, const image::Shape& s) {
    std::pair<double, double> alpha{s.fill_opacity, s.stroke_opacity};
    const auto first_stop = [&](const image::Paint& p) {
        if (p.kind != image::Paint::Kind::gradient || p.gradient >= d.gradients.size()) return 1.0;
        const image::Gradient& g = d.gradients[p.gradient];
        return g.stops.empty() ? 1.0 : std::clamp(g.stops.front().opacity, 0.0, 1.0);
    };
    if (s.fill.kind == image::Paint::Kind::gradient && s.fill.gradient < d.gradients.size() &&
        !needs_mask(d.gradients[s.fill.gradient])) {
        alpha.first *= first_stop(s.fill);
    }
    alpha.second *= first_stop(s.stroke);
    return alpha;
}

void paint_group(const image::Drawing& drawing, const std::string& key, std::int32_t group,
                 const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                 const VectorResources& names, ColourPolicy colours, std::string& out) {
    std::size_t first = 0, last = drawing.shapes.size();
    if (group >= 0) {
        if (static_cast<std::size_t>(group) >= ranges.size()) return;
        std::tie(first, last) = ranges[static_cast<std::size_t>(group)];
    }
    const ShapePainter painter{drawing, key, names, colours, out};
    std::int32_t painted = -1;  // the inner group painted last (its shapes are consecutive)
    for (std::size_t i = first; i < last; ++i) {
        const image::Shape& s = drawing.shapes[i];
        const std::int32_t inner = image::child_of(drawing, s.group, group);
        if (inner < 0) {
            painter(s);
            continue;
        }
        if (inner == painted) continue;
        painted = inner;
        const auto form = names.groups.find({key, inner});
        const double o = drawing.groups[static_cast<std::size_t>(inner)].opacity;
        const auto gs = names.alphas.find({o, o});
        if (form == names.groups.end() || gs == names.alphas.end()) continue;
        out += "q\n/" + gs->second + " gs\n/" + form->second + " Do\nQ\n";
    }
}

void paint_vector(const image::Drawing& drawing, const std::string& key, const core::Rect& box,
                  double page_height, const VectorResources& names, ColourPolicy colours,
                  std::string& out) {
    if (drawing.size.width <= 0 || drawing.size.height <= 0 || box.width <= 0 || box.height <= 0) return;
    out += "q\n";
    num(out, box.x);
    num(out, page_height - box.bottom());
    num(out, box.width);
    num(out, box.height);
    out += "re\nW\nn\n";
    const double sx = box.width / drawing.size.width, sy = box.height / drawing.size.height;
    matrix(out, image::Matrix{sx, 0, 0, -sy, box.x, page_height - box.y});
    if (drawing.groups.empty()) {
        paint_group(drawing, key, -1, {}, names, colours, out);
    } else {
        paint_group(drawing, key, -1, image::group_ranges(drawing), names, colours, out);
    }
    out += "Q\n";
}

}  // namespace folio::pdf
