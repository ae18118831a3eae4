#pragma once
/// Form XObjects (PDF 1.7 §8.10) that are transparency groups (§11.6.6), built with libharu's
/// object API, which has no call for them: the translucent groups of vector drawings and the
/// luminosity soft masks of gradients' stop opacities (hpdf_vector.cpp). Private to src/pdf.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "pdf/hpdf_adapter.hpp"

namespace folio::pdf {

/// One entry of a form's /Resources: `name` in the table `table` ("ExtGState", "Shading",
/// "XObject") is `object`, an indirect object.
struct FormResource {
    const char* table;
    std::string name;
    void* object;
};

/// A new indirect Form XObject painting `content` (uncompressed operators; libharu deflates
/// them) clipped to `bbox` (x0 y0 x1 y1 in form space, identity /Matrix), an isolated
/// transparency group blended in `space` ("DeviceRGB", "DeviceCMYK", "DeviceGray"), its
/// /Resources the `resources`.
core::Result<HPDF_Dict> transparency_form(hpdf::Document& doc, std::string_view content,
                                          const std::array<double, 4>& bbox, const char* space,
                                          const std::vector<FormResource>& resources);

/// The ExtGState << /SMask << /Type /Mask /S /Luminosity /G form >> >> (new, indirect): where it
/// is the current state, what is painted takes the luminosity of `form` as its alpha.
core::Result<HPDF_Dict> luminosity_mask(hpdf::Document& doc, HPDF_Dict form);

}  // namespace folio::pdf
