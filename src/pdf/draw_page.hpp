#pragma once
/// Painting one laid-out page into a libharu page: glyph runs as raw TJ arrays, filled
/// rectangles, image placeholders. Links, anchors and outlines belong to write_pdf's second pass.

#include <string>
#include <vector>

#include "core/result.hpp"
#include "layout/paged_document.hpp"
#include "pdf/hpdf_adapter.hpp"

namespace folio::pdf {

/// The libharu fonts of one document, indexed by text::FontId (nullptr = not loaded), and the
/// code points each has already marked for its subset.
struct FontTable {
    std::vector<HPDF_Font> fonts;
    std::vector<std::vector<bool>> marked;  ///< [font][cp], BMP only
};

/// True when a glyph run draws `cp`: not the soft hyphen (layout supplies a real '-' where a line
/// breaks), not a control character, and inside the BMP (libharu's CIDs are 16-bit).
bool is_drawn(char32_t cp);

/// Appends `v` as a PDF number: at most 3 decimals, no trailing zeros, no "-0", clamped to
/// libharu's real range of +-32767.
void append_number(std::string& out, double v);

/// Paints `page`'s items, in order, onto `target`, flipping y to the bottom-left origin.
core::Result<core::Ok> draw_page(hpdf::Document& doc, HPDF_Page target, const layout::Page& page,
                                 FontTable& fonts);

}  // namespace folio::pdf
