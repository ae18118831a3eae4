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

namespace folio::pdf::hpdf {
/// The stream the document being saved on this thread goes to, for the objects that write
/// themselves then (compact pages, hpdf_compact.cpp); null when none is saved.
void saving_to(HPDF_Stream stream);
}  // namespace folio::pdf::hpdf
