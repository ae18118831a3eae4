// The libharu adapter's part for vector drawings: an ExtGState per opacity pair (libharu's own
// API) and, for each gradient, a shading dictionary built with libharu's dictionary API (it has
// none of its own): ShadingType 2 (axial) or 3 (radial, focus circle of radius 0 to the outer
// circle), both ends extended (SVG's pad), its colours through an exponential function (two
// stops) or a stitching function of them (more), in DeviceRGB or DeviceCMYK as the policy asks.
// A gradient whose stops differ in opacity gets a soft mask too (hpdf_forms.hpp): the same
// shading in DeviceGray from the opacities, in a luminosity group over the bounds of the shapes
// it fills; a gradient stroke, a soft mask of the stroke in white (the shading is seen through
// it). Then each translucent group, innermost first, becomes a Form XObject of its shapes
// (paint_group) over the drawing's box, whose /Resources name what its content uses.

#include "pdf/vector.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <set>

#include "pdf/hpdf_forms.hpp"
#include "pdf/hpdf_objects.hpp"

namespace folio::pdf {
namespace {

using Status = core::Result<core::Ok>;

HPDF_Array numbers(HPDF_MMgr mmgr, std::initializer_list<double> values) { return real_array(mmgr, values); }

/// A colour's components; a grey (the opacities of a soft mask) is the first of an RGB colour.
HPDF_Array colour_array(HPDF_MMgr mmgr, const core::Color& c, bool grey) {
    if (grey) return numbers(mmgr, {c.c[0]});
    if (c.space == core::Color::Space::cmyk) return numbers(mmgr, {c.c[0], c.c[1], c.c[2], c.c[3]});
    return numbers(mmgr, {c.c[0], c.c[1], c.c[2]});
}

/// The exponential interpolation (FunctionType 2) from `a` to `b`.
HPDF_Dict blend(HPDF_MMgr mmgr, const core::Color& a, const core::Color& b, bool grey) {
    HPDF_Dict f = HPDF_Dict_New(mmgr);
    if (f == nullptr) return nullptr;
    HPDF_Dict_AddNumber(f, "FunctionType", 2);
    HPDF_Dict_Add(f, "Domain", numbers(mmgr, {0, 1}));
    HPDF_Dict_Add(f, "C0", colour_array(mmgr, a, grey));
    HPDF_Dict_Add(f, "C1", colour_array(mmgr, b, grey));
    HPDF_Dict_AddNumber(f, "N", 1);
    return f;
}

/// The colour function of the stops (already converted to one colour space), over 0..1.
HPDF_Dict function(HPDF_MMgr mmgr, std::vector<image::Stop> stops, bool grey) {
    if (stops.front().offset > 0) stops.insert(stops.begin(), image::Stop{0, stops.front().color, 1});
    if (stops.back().offset < 1) stops.push_back(image::Stop{1, stops.back().color, 1});
    if (stops.size() == 2) return blend(mmgr, stops[0].color, stops[1].color, grey);
    HPDF_Dict f = HPDF_Dict_New(mmgr);
    if (f == nullptr) return nullptr;
    HPDF_Dict_AddNumber(f, "FunctionType", 3);
    HPDF_Dict_Add(f, "Domain", numbers(mmgr, {0, 1}));
    HPDF_Array parts = HPDF_Array_New(mmgr);
    HPDF_Array bounds = HPDF_Array_New(mmgr);
    HPDF_Array encode = HPDF_Array_New(mmgr);
    for (std::size_t i = 0; i + 1 < stops.size(); ++i) {
        HPDF_Array_Add(parts, blend(mmgr, stops[i].color, stops[i + 1].color, grey));
        if (i > 0) HPDF_Array_AddReal(bounds, static_cast<HPDF_REAL>(stops[i].offset));
        HPDF_Array_AddReal(encode, 0);
        HPDF_Array_AddReal(encode, 1);
    }
    HPDF_Dict_Add(f, "Functions", parts);
    HPDF_Dict_Add(f, "Bounds", bounds);
    HPDF_Dict_Add(f, "Encode", encode);
    return f;
}

/// The shading dictionary of `g` (new, indirect): its colours as `colours` asks, or with
/// `grey` the stops' opacities in DeviceGray.
core::Result<HPDF_Dict> shading_object(hpdf::Document& doc, const image::Gradient& g, ColourPolicy colours,
                                       bool grey) {
    HPDF_Doc pdf = doc.get();
    HPDF_MMgr mmgr = pdf->mmgr;
    std::vector<image::Stop> stops = g.stops;
    // One colour space for every stop: CMYK when the policy or any stop asks for it.
    bool cmyk = colours == ColourPolicy::cmyk;
    for (image::Stop& s : stops) {
        s.color = grey ? core::Color::rgb(std::clamp(s.opacity, 0.0, 1.0), 0, 0) : apply(colours, s.color);
        cmyk = cmyk || s.color.space == core::Color::Space::cmyk;
    }
    for (image::Stop& s : stops) {
        if (!grey && cmyk && s.color.space == core::Color::Space::rgb) s.color = rgb_to_cmyk(s.color);
    }
    HPDF_Dict sh = HPDF_Dict_New(mmgr);
    if (sh == nullptr) return core::unexpected(doc.check(HPDF_FAILD_TO_ALLOC_MEM, "making a shading").error());
    HPDF_Xref_Add(pdf->xref, sh);
    HPDF_Dict_AddNumber(sh, "ShadingType", g.radial ? 3 : 2);
    HPDF_Dict_AddName(sh, "ColorSpace", grey ? "DeviceGray" : cmyk ? "DeviceCMYK" : "DeviceRGB");
    HPDF_Dict_Add(sh, "Coords", g.radial ? numbers(mmgr, {g.x1, g.y1, 0, g.x2, g.y2, g.r})
                                         : numbers(mmgr, {g.x1, g.y1, g.x2, g.y2}));
    HPDF_Array extend = HPDF_Array_New(mmgr);
    HPDF_Array_Add(extend, HPDF_Boolean_New(mmgr, HPDF_TRUE));
    HPDF_Array_Add(extend, HPDF_Boolean_New(mmgr, HPDF_TRUE));
    HPDF_Dict_Add(sh, "Extend", extend);
    HPDF_Dict_Add(sh, "Function", function(mmgr, std::move(stops), grey));
    if (auto r = doc.check(HPDF_OK, "making a shading"); !r) return core::unexpected(r.error());
    return sh;
}

core::Result<std::string> shading(hpdf::Document& doc, HPDF_Page page, const image::Gradient& g,
                                  ColourPolicy colours, VectorResources& names) {
    auto sh = shading_object(doc, g, colours, false);
    if (!sh) return core::unexpected(sh.error());
    // The page's /Resources /Shading dictionary, made on first use.
    const auto found = resource_table(doc, page, "Shading");
    if (!found) return core::unexpected(found.error());
    HPDF_Dict table = *found;
    const std::string name = "Sh" + std::to_string(table->list->count + 1);
    if (auto r = doc.check(HPDF_Dict_Add(table, name.c_str(), *sh), "adding a shading"); !r)
        return core::unexpected(r.error());
    names.objects[name] = {"Shading", *sh};
    return name;
}

/// Registers the ExtGState of an opacity pair on `page` unless it is there.
Status alpha_state(hpdf::Document& doc, HPDF_Page page, std::pair<double, double> alpha, VectorResources& names) {
    if ((alpha.first >= 1 && alpha.second >= 1) || names.alphas.count(alpha)) return core::Ok{};
    HPDF_ExtGState gs = HPDF_CreateExtGState(doc.get());
    auto made = doc.check_handle(gs, "making an opacity state");
    if (!made) return core::unexpected(made.error());
    HPDF_ExtGState_SetAlphaFill(gs, static_cast<HPDF_REAL>(alpha.first));
    HPDF_ExtGState_SetAlphaStroke(gs, static_cast<HPDF_REAL>(alpha.second));
    auto name = doc.check_handle(HPDF_Page_GetExtGStateName(page, gs), "registering an opacity state");
    if (!name) return core::unexpected(name.error());
    names.alphas.emplace(alpha, *name);
    names.objects[*name] = {"ExtGState", gs};
    return core::Ok{};
}

/// The user-space bounds [x0 y0 x1 y1] of the shapes that `gradient` fills (a soft mask's BBox).
std::array<double, 4> filled_bounds(const image::Drawing& d, std::uint32_t gradient) {
    std::array<double, 4> b{0, 0, 0, 0};
    bool first = true;
    for (const image::Shape& s : d.shapes) {
        if (s.fill.kind != image::Paint::Kind::gradient || s.fill.gradient != gradient) continue;
        const core::Rect r = image::bounds(s.path);
        b = first ? std::array<double, 4>{r.x, r.y, r.right(), r.bottom()}
                  : std::array<double, 4>{std::min(b[0], r.x), std::min(b[1], r.y), std::max(b[2], r.right()),
                                          std::max(b[3], r.bottom())};
        first = false;
    }
    return b;
}

/// The soft mask of a fill gradient whose stops differ in opacity: a luminosity group painting
/// the gradient in grey (content "g-matrix cm /ShA sh", as the fill does) under an ExtGState.
Status mask(hpdf::Document& doc, HPDF_Page page, const std::string& path, const image::Drawing& d,
            std::uint32_t gradient, VectorResources& names) {
    const image::Gradient& g = d.gradients[gradient];
    auto grey = shading_object(doc, g, ColourPolicy::as_given, true);
    if (!grey) return core::unexpected(grey.error());
    std::string content;
    const image::Matrix& m = g.transform;
    for (double v : {m.a, m.b, m.c, m.d, m.e, m.f}) {
        image::append_decimal(content, std::clamp(v, -32767.0, 32767.0), 5);
        content += ' ';
    }
    content += "cm\n/ShA sh\n";
    auto form = transparency_form(doc, content, filled_bounds(d, gradient), "DeviceGray",
                                  {FormResource{"Shading", "ShA", *grey}});
    if (!form) return core::unexpected(form.error());
    auto gs = luminosity_mask(doc, *form);
    if (!gs) return core::unexpected(gs.error());
    auto name = doc.check_handle(HPDF_Page_GetExtGStateName(page, *gs), "registering a soft mask");
    if (!name) return core::unexpected(name.error());
    names.masks.emplace(std::make_pair(path, gradient), *name);
    names.objects[*name] = {"ExtGState", *gs};
    return core::Ok{};
}

/// The soft mask of a gradient stroke (vector.cpp's painter): a luminosity group of the stroke
/// in white over its bounds (widened by the stroke's reach at a miter), under an ExtGState whose
/// /ca is the stroke's opacity, since the shading seen through it is painted as a fill.
Status stroke_mask(hpdf::Document& doc, HPDF_Page page, const std::string& path, const image::Drawing& d,
                   std::size_t index, VectorResources& names) {
    const image::Shape& s = d.shapes[index];
    const core::Rect r = image::bounds(s.path);
    const double reach = s.line.width / 2 * std::max(1.0, s.line.miter_limit) + 1;
    auto form = transparency_form(doc, stroke_mask_content(s),
                                  {r.x - reach, r.y - reach, r.right() + reach, r.bottom() + reach}, "DeviceGray", {});
    if (!form) return core::unexpected(form.error());
    auto gs = luminosity_mask(doc, *form);
    if (!gs) return core::unexpected(gs.error());
    // always set: the shape's own state may have given /ca its fill's opacity
    const double alpha = std::clamp(shape_alpha(d, s).second, 0.0, 1.0);
    if (auto set = doc.check(HPDF_Dict_AddReal(*gs, "ca", static_cast<HPDF_REAL>(alpha)), "making a soft mask"); !set)
        return core::unexpected(set.error());
    auto name = doc.check_handle(HPDF_Page_GetExtGStateName(page, *gs), "registering a soft mask");
    if (!name) return core::unexpected(name.error());
    names.stroke_masks.emplace(std::make_pair(path, index), *name);
    names.objects[*name] = {"ExtGState", *gs};
    return core::Ok{};
}

/// What a form's content names: each "/Name" in it that `names` knows, once.
std::vector<FormResource> used_resources(const std::string& content, const VectorResources& names) {
    std::vector<FormResource> used;
    std::set<std::string> seen;
    for (std::size_t at = content.find('/'); at != std::string::npos; at = content.find('/', at + 1)) {
        const std::size_t end = content.find_first_of(" \n", at);
        const std::string name = content.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
        const auto it = names.objects.find(name);
        if (it != names.objects.end() && seen.insert(name).second)
            used.push_back(FormResource{it->second.first, name, it->second.second});
    }
    return used;
}

/// The Form XObjects of the drawing's translucent groups, innermost first (a child's index is
/// above its parent's), each with the ExtGState of its opacity.
Status group_forms(hpdf::Document& doc, HPDF_Page page, const std::string& path, const image::Drawing& d,
                   ColourPolicy colours, VectorResources& names) {
    const auto ranges = image::group_ranges(d);
    for (std::size_t k = d.groups.size(); k-- > 0;) {
        const auto group = static_cast<std::int32_t>(k);
        if (auto r = alpha_state(doc, page, {d.groups[k].opacity, d.groups[k].opacity}, names); !r) return r;
        std::string content;
        paint_group(d, path, group, ranges, names, colours, content);
        auto form = transparency_form(doc, content, {0, 0, d.size.width, d.size.height},
                                      colours == ColourPolicy::cmyk ? "DeviceCMYK" : "DeviceRGB",
                                      used_resources(content, names));
        if (!form) return core::unexpected(form.error());
        auto name = doc.check_handle(HPDF_Page_GetXObjectName(page, *form), "registering a transparency group");
        if (!name) return core::unexpected(name.error());
        names.groups.emplace(std::make_pair(path, group), *name);
        names.objects[*name] = {"XObject", *form};
    }
    return core::Ok{};
}

}  // namespace

const image::Drawing* VectorResources::drawing(const std::string& path) const {
    for (const auto& [p, d] : drawings) {
        if (p == path) return d;
    }
    return nullptr;
}

core::Result<core::Ok> register_vector(hpdf::Document& doc, HPDF_Page page, const std::string& path,
                                       const image::Drawing& drawing, ColourPolicy colours,
                                       VectorResources& names) {
    if (names.drawing(path) != nullptr) return core::Ok{};
    names.drawings.emplace_back(path, &drawing);
    for (std::size_t i = 0; i < drawing.shapes.size(); ++i) {
        const image::Shape& s = drawing.shapes[i];
        if (auto r = alpha_state(doc, page, shape_alpha(drawing, s), names); !r) return r;
        for (const image::Paint* p : {&s.fill, &s.stroke}) {
            if (p->kind != image::Paint::Kind::gradient) continue;
            const auto key = std::make_pair(path, p->gradient);
            if (p->gradient >= drawing.gradients.size()) continue;
            if (!names.shadings.count(key)) {
                auto name = shading(doc, page, drawing.gradients[p->gradient], colours, names);
                if (!name) return core::unexpected(name.error());
                names.shadings.emplace(key, std::move(*name));
            }
            if (p == &s.fill && !names.masks.count(key) && needs_mask(drawing.gradients[p->gradient])) {
                if (auto r = mask(doc, page, path, drawing, p->gradient, names); !r) return r;
            }
        }
        if (gradient_stroke(drawing, s)) {
            if (auto r = stroke_mask(doc, page, path, drawing, i, names); !r) return r;
        }
    }
    return group_forms(doc, page, path, drawing, colours, names);
}

}  // namespace folio::pdf
