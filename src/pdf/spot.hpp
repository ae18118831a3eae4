#pragma once
/// Spot colours in the PDF (docs/graphics.md, "Spot colours"): each named ink a Separation colour
/// space, [/Separation /Name /DeviceCMYK tint], its tint transform the ink's CMYK alternate at
/// full tint (FunctionType 2), one object for the document, named /Sp<id> in the /ColorSpace of
/// every page that uses it; painting selects it with `/Sp<id> cs 1 scn`. Under the sRGB policy
/// (PDF/A) colours arrive converted, without their ink, and nothing is registered.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "core/result.hpp"
#include "layout/paged_document.hpp"
#include "pdf/colour.hpp"
#include "pdf/hpdf_adapter.hpp"

namespace folio::pdf {

/// The Separation colour spaces made so far, by ink id (the document's, shared by its pages).
struct SpotSpaces {
    std::map<std::uint16_t, void*> made;  ///< id -> the HPDF_Array of the colour space
};

/// Appends the operators that fill with ink `id` at full tint.
void append_spot_fill(std::string& out, std::uint16_t id);

/// Registers in `handle`'s /Resources /ColorSpace the inks `page` paints with (glyph runs and
/// rectangles), made on first use from `spots`; nothing under ColourPolicy::rgb. An ink that
/// `spots` does not name is an error.
core::Result<core::Ok> register_spots(hpdf::Document& doc, HPDF_Page handle, const layout::Page& page,
                                      const std::vector<core::SpotColour>& spots, ColourPolicy colours,
                                      SpotSpaces& spaces);

}  // namespace folio::pdf
