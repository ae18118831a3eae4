#pragma once
/// The HTML writer: builds one HTML5 file from the styled document tree (not from pages), using
/// the layout result only to know where the print pages broke.

#include <string>

#include "layout/paged_document.hpp"
#include "style/computed.hpp"

namespace folio::html {

/// Options for the HTML output.
struct HtmlOptions {
    std::string pdf_name;        ///< file name of the sibling PDF, for <link rel="alternate">; may be empty
    std::string generator = "folio";
};

/// Writes the document as a self-contained HTML5 page with CSS derived from the computed styles.
/// `pages` may be null (HTML only, no page markers).
std::string write_html(const style::StyledDocument& styled, const layout::PagedDocument* pages,
                       const HtmlOptions& options);

}  // namespace folio::html
