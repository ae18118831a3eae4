#pragma once
/// Owning handles for HarfBuzz's face, font, blob and subsetter objects (unique_ptr with
/// HarfBuzz's destroy functions), for the font subsets of the PDF and the HTML.

#include <hb-subset.h>
#include <hb.h>

#include <memory>

namespace folio::text::hb {

/// Calls HarfBuzz's destroy function for T.
template <typename T, void (*Destroy)(T*)>
struct Deleter {
    void operator()(T* p) const { Destroy(p); }
};
/// An hb_blob_t.
using Blob = std::unique_ptr<hb_blob_t, Deleter<hb_blob_t, hb_blob_destroy>>;
/// An hb_face_t.
using Face = std::unique_ptr<hb_face_t, Deleter<hb_face_t, hb_face_destroy>>;
/// An hb_font_t.
using Font = std::unique_ptr<hb_font_t, Deleter<hb_font_t, hb_font_destroy>>;
/// An hb_subset_input_t.
using Input = std::unique_ptr<hb_subset_input_t, Deleter<hb_subset_input_t, hb_subset_input_destroy>>;
/// An hb_subset_plan_t.
using Plan = std::unique_ptr<hb_subset_plan_t, Deleter<hb_subset_plan_t, hb_subset_plan_destroy>>;

}  // namespace folio::text::hb
