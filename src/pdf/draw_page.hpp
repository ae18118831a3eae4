#pragma once
/// Painting one laid-out page into a libharu page: glyph runs as raw TJ arrays, filled
/// rectangles, images. Links, anchors and outlines belong to write_pdf's second pass.

#include <string>
#include <vector>

#include "core/result.hpp"
#include "layout/paged_document.hpp"
#include "pdf/colour.hpp"
#include "pdf/hpdf_adapter.hpp"
#include "pdf/images.hpp"

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

/// What painting needs besides the page: the document's fonts and images, and its colour policy.
struct PaintContext {
    FontTable& fonts;
    ImageTable& images;
    ColourPolicy colours = ColourPolicy::as_given;
};

/// Paints `page`'s items, in order, onto `target`, flipping y to the bottom-left origin of the
/// trim box (the caller translates the trim box to its place on the media box).
core::Result<core::Ok> draw_page(hpdf::Document& doc, HPDF_Page target, const layout::Page& page,
                                 PaintContext& context);

}  // namespace folio::pdf
