#pragma once
/// Small pieces of libharu's object API shared by the adapter's parts that build dictionaries
/// libharu has no call for (shadings, Separation colour spaces). Includes libharu's internals.

#include <algorithm>
#include <initializer_list>

#include "core/result.hpp"
#include "pdf/hpdf_adapter.hpp"
#include "pdf/hpdf_internals.hpp"

namespace folio::pdf {

/// An array of reals, each clamped to libharu's range.
inline HPDF_Array real_array(HPDF_MMgr mmgr, std::initializer_list<double> values) {
    HPDF_Array a = HPDF_Array_New(mmgr);
    for (double v : values) {
        if (a != nullptr) HPDF_Array_AddReal(a, static_cast<HPDF_REAL>(std::clamp(v, -32767.0, 32767.0)));
    }
    return a;
}

/// The dictionary `key` (Shading, ColorSpace) of `page`'s /Resources, made on first use.
inline core::Result<HPDF_Dict> resource_table(hpdf::Document& doc, HPDF_Page page, const char* key) {
    HPDF_Doc pdf = doc.get();
    auto* resources = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT));
    if (resources == nullptr) {
        HPDF_ResetError(pdf);
        return core::unexpected(core::Diagnostic{core::Severity::error, "pdf.write", "the page has no /Resources", {}});
    }
    auto* table = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(resources, key, HPDF_OCLASS_DICT));
    if (table == nullptr) {
        table = HPDF_Dict_New(pdf->mmgr);
        if (auto r = doc.check(HPDF_Dict_Add(resources, key, table), "adding page resources"); !r) {
            return core::unexpected(r.error());
        }
    }
    return table;
}

}  // namespace folio::pdf
