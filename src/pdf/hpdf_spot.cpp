// Separation colour spaces for spot colours (spot.hpp), made with libharu's object API, which has
// no colour-space call of its own. The ink's name is a PDF name, which libharu escapes except for
// the space (HPDF_NEEDS_ESCAPE stops below 0x20), writing a broken name: a space becomes '_'
// ("IOM Blue" is the plate /IOM_Blue). The alternate is DeviceCMYK, so a viewer or a proof
// without the plate shows the ink's CMYK mix, and a device with plates (tiffsep) separates it.

#include "pdf/spot.hpp"

#include <algorithm>
#include <set>

#include "pdf/hpdf_objects.hpp"

namespace folio::pdf {
namespace {

using Status = core::Result<core::Ok>;

/// [/Separation /name /DeviceCMYK << /FunctionType 2 ... >>] as an indirect object.
core::Result<HPDF_Array> separation(hpdf::Document& doc, const core::SpotColour& ink) {
    HPDF_Doc pdf = doc.get();
    HPDF_MMgr mmgr = pdf->mmgr;
    HPDF_Array cs = HPDF_Array_New(mmgr);
    HPDF_Dict tint = HPDF_Dict_New(mmgr);
    if (cs == nullptr || tint == nullptr) {
        return core::unexpected(doc.check(HPDF_FAILD_TO_ALLOC_MEM, "making a spot colour").error());
    }
    HPDF_Xref_Add(pdf->xref, cs);
    HPDF_Array_Add(cs, HPDF_Name_New(mmgr, "Separation"));
    std::string name = ink.name;
    std::replace(name.begin(), name.end(), ' ', '_');
    HPDF_Array_Add(cs, HPDF_Name_New(mmgr, name.c_str()));
    HPDF_Array_Add(cs, HPDF_Name_New(mmgr, "DeviceCMYK"));
    HPDF_Dict_AddNumber(tint, "FunctionType", 2);
    HPDF_Dict_Add(tint, "Domain", real_array(mmgr, {0, 1}));
    HPDF_Dict_Add(tint, "C0", real_array(mmgr, {0, 0, 0, 0}));
    const auto& c = ink.alternate.c;
    HPDF_Dict_Add(tint, "C1", real_array(mmgr, {c[0], c[1], c[2], c[3]}));
    HPDF_Dict_AddNumber(tint, "N", 1);
    if (auto r = doc.check(HPDF_Array_Add(cs, tint), "making a spot colour"); !r) return core::unexpected(r.error());
    return cs;
}

void collect(const core::Color& c, std::set<std::uint16_t>& ids) {
    if (c.spot != 0) ids.insert(c.spot);
}

}  // namespace

void append_spot_fill(std::string& out, std::uint16_t id) {
    out += "/Sp";
    out += std::to_string(id);
    out += " cs 1 scn\n";
}

Status register_spots(hpdf::Document& doc, HPDF_Page handle, const layout::Page& page,
                      const std::vector<core::SpotColour>& spots, ColourPolicy colours, SpotSpaces& spaces) {
    if (colours == ColourPolicy::rgb) return core::Ok{};
    std::set<std::uint16_t> ids;
    for (const layout::Item& item : page.items) {
        if (const auto* r = std::get_if<layout::GlyphRun>(&item)) collect(r->color, ids);
        else if (const auto* f = std::get_if<layout::FilledRect>(&item)) collect(f->color, ids);
    }
    if (ids.empty()) return core::Ok{};
    const auto table = resource_table(doc, handle, "ColorSpace");
    if (!table) return core::unexpected(table.error());
    for (std::uint16_t id : ids) {
        auto made = spaces.made.find(id);
        if (made == spaces.made.end()) {
            const auto ink = std::find_if(spots.begin(), spots.end(), [&](const auto& s) { return s.id == id; });
            if (ink == spots.end()) {
                return core::unexpected(core::Diagnostic{core::Severity::error, "pdf.write",
                                                         "a colour names spot ink " + std::to_string(id) + ", which the style sheet does not define", {}});
            }
            auto cs = separation(doc, *ink);
            if (!cs) return core::unexpected(cs.error());
            made = spaces.made.emplace(id, *cs).first;
        }
        const std::string name = "Sp" + std::to_string(id);
        if (auto r = doc.check(HPDF_Dict_Add(*table, name.c_str(), static_cast<HPDF_Array>(made->second)), "adding a spot colour"); !r) return r;
    }
    return core::Ok{};
}

}  // namespace folio::pdf
