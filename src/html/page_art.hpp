#pragma once
/// Internal to the HTML writer: page-master backgrounds (`background-image`, `background-band`,
/// style/placement.hpp) in the HTML. On screen the art of the first page's master is a
/// decorative band at the top of the <header> and the body pages' bands are thin strips at the
/// edges of the page; in print the @page rules paint the bands and the image at their size on
/// every page, as the PDF does (page_art.cpp). Decorative only: no text, hidden from assistive
/// technology.

#include <map>
#include <string>

#include "realize/realize.hpp"

namespace folio::html {

/// The master of the PDF's first page: the cover's when the document has a cover, else the
/// `first` master, else `right`, else the default page.
const style::PageStyle& first_page_master(const style::StyledDocument& styled);

/// The CSS of the page art, "" when no master has any: the header band's rules, the strips of
/// the body pages' bands on screen, and for print the @page backgrounds (the bands as one SVG,
/// the image from `images`, html::image_sources) of the default, left, right and first pages.
std::string page_art_rules(const realize::RealizedDocument& realized, const std::map<std::string, std::string>& images);

/// Appends, inside <header>, the first page's art as a decorative band: an empty `<div
/// class="page-art" aria-hidden="true">` that page_art_rules paints; nothing when that master
/// has no art.
void append_header_art(std::string& out, const realize::RealizedDocument& realized);

}  // namespace folio::html
