#pragma once
/// libharu 2.3.0's internal structs (document, page and font attributes, streams, dictionaries)
/// for the parts of the libharu adapter (hpdf_*.cpp) only: their layout is valid for 2.3.0
/// alone, hence the static_assert; nothing else in folio uses them.

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <hpdf_version.h>

static_assert(HPDF_VERSION_ID == 20300, "the libharu adapter relies on libharu 2.3.0's internal structs");

#include <unordered_map>

namespace folio::pdf::hpdf {
/// The objects every /XYZ destination of a document shares (set_xyz_keep_zoom): libharu writes an
/// object where it stands, so one object may stand in many arrays as long as none of them is
/// freed before the document (HPDF_Free's frees do nothing: the arena goes whole).
struct DestinationParts {
    HPDF_Name xyz = nullptr;
    HPDF_Real zero = nullptr;
    HPDF_Null null = nullptr;
    std::unordered_map<HPDF_Page, HPDF_Proxy> page_refs;
};

/// The stream the document being saved on this thread goes to, for the objects that write
/// themselves then (compact pages, hpdf_compact.cpp); null when none is saved.
void saving_to(HPDF_Stream stream);
}  // namespace folio::pdf::hpdf
