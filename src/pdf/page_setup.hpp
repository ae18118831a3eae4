#pragma once
/// Pass 1 of the PDF writer: every page added to libharu, sized and boxed, with the fonts and
/// images its items use registered in its /Resources. This is the part of a page that needs the
/// (single-threaded) libharu document; its content stream is painted afterwards, on several
/// threads, from the names registered here (draw_page.hpp, page_contents.hpp).

#include <vector>

#include "core/result.hpp"
#include "layout/paged_document.hpp"
#include "pdf/draw_page.hpp"
#include "pdf/hpdf_adapter.hpp"
#include "pdf/images.hpp"
#include "pdf/marks.hpp"

namespace folio::pdf {

/// The libharu fonts of one document, indexed by text::FontId (nullptr = not loaded; FontIds
/// naming the same file share one font).
struct FontTable {
    std::vector<HPDF_Font> fonts;
};

/// The libharu pages of a document and what each page's content may refer to.
struct SetUpPages {
    std::vector<HPDF_Page> handles;
    std::vector<PageResources> resources;
};

/// Adds every page of `pages` in order, with the MediaBox, TrimBox and BleedBox of its frame, and
/// registers the fonts of its glyph runs and its images (embedded on first use) in first-use
/// order, as drawing them through libharu would. Checks everything painting relies on: each
/// run's font is loaded and its size is one libharu accepts, each image is known.
core::Result<SetUpPages> set_up_pages(hpdf::Document& doc, const layout::PagedDocument& pages,
                                      const std::vector<PageFrame>& frames,
                                      const FontTable& fonts, ImageTable& images);

}  // namespace folio::pdf
