#pragma once
/// The PDF writer: the only code that sees libharu. It draws a PagedDocument with the faces of a
/// FontSet and returns the bytes of the PDF file.

#include <string>

#include "core/result.hpp"
#include "doc/document.hpp"
#include "layout/paged_document.hpp"
#include "text/font_set.hpp"

namespace folio::pdf {

/// What the PDF needs besides the pages.
struct PdfOptions {
    std::string creator = "folio";  ///< written to /Creator and /Producer with the version
};

/// Writes `pages` as a PDF: embedded TrueType subsets with a correct ToUnicode map, one
/// outline entry per OutlineEntry, link annotations, and the document information from `meta`.
/// Returns the whole file, so the caller can write it atomically.
core::Result<std::string> write_pdf(const layout::PagedDocument& pages, const doc::Metadata& meta,
                                    const std::vector<text::Face>& faces, const PdfOptions& options);

}  // namespace folio::pdf
