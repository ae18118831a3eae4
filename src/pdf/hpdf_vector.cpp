// The libharu adapter's part for vector drawings: an ExtGState per opacity pair (libharu's own
// API) and, for each gradient, a shading dictionary built with libharu's dictionary API (it has
// none of its own): ShadingType 2 (axial) or 3 (radial, focus circle of radius 0 to the outer
// circle), both ends extended (SVG's pad), its colours through an exponential function (two
// stops) or a stitching function of them (more), in DeviceRGB or DeviceCMYK as the policy asks.

#include "pdf/vector.hpp"

#include <algorithm>
#include <initializer_list>

#include "pdf/hpdf_objects.hpp"

namespace folio::pdf {
namespace {

using Status = core::Result<core::Ok>;

HPDF_Array numbers(HPDF_MMgr mmgr, std::initializer_list<double> values) { return real_array(mmgr, values); }

HPDF_Array colour_array(HPDF_MMgr mmgr, const core::Color& c) {
    if (c.space == core::Color::Space::cmyk) return numbers(mmgr, {c.c[0], c.c[1], c.c[2], c.c[3]});
    return numbers(mmgr, {c.c[0], c.c[1], c.c[2]});
}

/// The exponential interpolation (FunctionType 2) from `a` to `b`.
HPDF_Dict blend(HPDF_MMgr mmgr, const core::Color& a, const core::Color& b) {
    HPDF_Dict f = HPDF_Dict_New(mmgr);
    if (f == nullptr) return nullptr;
    HPDF_Dict_AddNumber(f, "FunctionType", 2);
    HPDF_Dict_Add(f, "Domain", numbers(mmgr, {0, 1}));
    HPDF_Dict_Add(f, "C0", colour_array(mmgr, a));
    HPDF_Dict_Add(f, "C1", colour_array(mmgr, b));
    HPDF_Dict_AddNumber(f, "N", 1);
    return f;
}

/// The colour function of the stops (already converted to one colour space), over 0..1.
HPDF_Dict function(HPDF_MMgr mmgr, std::vector<image::Stop> stops) {
    if (stops.front().offset > 0) stops.insert(stops.begin(), image::Stop{0, stops.front().color, 1});
    if (stops.back().offset < 1) stops.push_back(image::Stop{1, stops.back().color, 1});
    if (stops.size() == 2) return blend(mmgr, stops[0].color, stops[1].color);
    HPDF_Dict f = HPDF_Dict_New(mmgr);
    if (f == nullptr) return nullptr;
    HPDF_Dict_AddNumber(f, "FunctionType", 3);
    HPDF_Dict_Add(f, "Domain", numbers(mmgr, {0, 1}));
    HPDF_Array parts = HPDF_Array_New(mmgr);
    HPDF_Array bounds = HPDF_Array_New(mmgr);
    HPDF_Array encode = HPDF_Array_New(mmgr);
    for (std::size_t i = 0; i + 1 < stops.size(); ++i) {
        HPDF_Array_Add(parts, blend(mmgr, stops[i].color, stops[i + 1].color));
        if (i > 0) HPDF_Array_AddReal(bounds, static_cast<HPDF_REAL>(stops[i].offset));
        HPDF_Array_AddReal(encode, 0);
        HPDF_Array_AddReal(encode, 1);
    }
    HPDF_Dict_Add(f, "Functions", parts);
    HPDF_Dict_Add(f, "Bounds", bounds);
    HPDF_Dict_Add(f, "Encode", encode);
    return f;
}

core::Result<std::string> shading(hpdf::Document& doc, HPDF_Page page, const image::Gradient& g,
                                  ColourPolicy colours) {
    HPDF_Doc pdf = doc.get();
    HPDF_MMgr mmgr = pdf->mmgr;
    std::vector<image::Stop> stops = g.stops;
    // One colour space for every stop: CMYK when the policy or any stop asks for it.
    bool cmyk = colours == ColourPolicy::cmyk;
    for (image::Stop& s : stops) {
        s.color = apply(colours, s.color);
        cmyk = cmyk || s.color.space == core::Color::Space::cmyk;
    }
    for (image::Stop& s : stops) {
        if (cmyk && s.color.space == core::Color::Space::rgb) s.color = rgb_to_cmyk(s.color);
    }
    HPDF_Dict sh = HPDF_Dict_New(mmgr);
    if (sh == nullptr) return core::unexpected(doc.check(HPDF_FAILD_TO_ALLOC_MEM, "making a shading").error());
    HPDF_Xref_Add(pdf->xref, sh);
    HPDF_Dict_AddNumber(sh, "ShadingType", g.radial ? 3 : 2);
    HPDF_Dict_AddName(sh, "ColorSpace", cmyk ? "DeviceCMYK" : "DeviceRGB");
    HPDF_Dict_Add(sh, "Coords", g.radial ? numbers(mmgr, {g.x1, g.y1, 0, g.x2, g.y2, g.r})
                                         : numbers(mmgr, {g.x1, g.y1, g.x2, g.y2}));
    HPDF_Array extend = HPDF_Array_New(mmgr);
    HPDF_Array_Add(extend, HPDF_Boolean_New(mmgr, HPDF_TRUE));
    HPDF_Array_Add(extend, HPDF_Boolean_New(mmgr, HPDF_TRUE));
    HPDF_Dict_Add(sh, "Extend", extend);
    HPDF_Dict_Add(sh, "Function", function(mmgr, std::move(stops)));
    // The page's /Resources /Shading dictionary, made on first use.
    const auto found = resource_table(doc, page, "Shading");
    if (!found) return core::unexpected(found.error());
    HPDF_Dict table = *found;
    const std::string name = "Sh" + std::to_string(table->list->count + 1);
    if (auto r = doc.check(HPDF_Dict_Add(table, name.c_str(), sh), "adding a shading"); !r)
        return core::unexpected(r.error());
    return name;
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
    for (const image::Shape& s : drawing.shapes) {
        const std::pair<double, double> alpha{s.fill_opacity, s.stroke_opacity};
        if ((alpha.first < 1 || alpha.second < 1) && !names.alphas.count(alpha)) {
            HPDF_ExtGState gs = HPDF_CreateExtGState(doc.get());
            auto made = doc.check_handle(gs, "making an opacity state");
            if (!made) return core::unexpected(made.error());
            HPDF_ExtGState_SetAlphaFill(gs, static_cast<HPDF_REAL>(alpha.first));
            HPDF_ExtGState_SetAlphaStroke(gs, static_cast<HPDF_REAL>(alpha.second));
            auto name = doc.check_handle(HPDF_Page_GetExtGStateName(page, gs), "registering an opacity state");
            if (!name) return core::unexpected(name.error());
            names.alphas.emplace(alpha, *name);
        }
        for (const image::Paint* p : {&s.fill, &s.stroke}) {
            if (p->kind != image::Paint::Kind::gradient) continue;
            const auto key = std::make_pair(path, p->gradient);
            if (names.shadings.count(key) || p->gradient >= drawing.gradients.size()) continue;
            auto name = shading(doc, page, drawing.gradients[p->gradient], colours);
            if (!name) return core::unexpected(name.error());
            names.shadings.emplace(key, std::move(*name));
        }
    }
    return core::Ok{};
}

}  // namespace folio::pdf
