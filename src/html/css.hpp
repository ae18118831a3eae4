#pragma once
/// Internal to the HTML writer: the inline style sheet, derived from the computed styles.

#include <string>
#include <vector>

#include "style/computed.hpp"

namespace folio::html {

/// The contents of the page's <style> element: the base rules (layout, focus, skip link, print),
/// one rule for the body from the root's style, one rule per distinct element+classes combination
/// in the document, and an @page rule from the page master.
std::string style_sheet(const style::StyledDocument& styled);

/// html/figure.cpp: the rules of figure rows and floating or sized figures, only in documents
/// that have them.
void append_figure_rules(std::string& out, const style::StyledDocument& styled);

struct LocalFont;
/// @font-face rules for the faces: the embedded subset first when embed_fonts made one (a data
/// URI or a file beside the HTML; nothing is downloaded), then local() sources.
std::string font_faces(const std::vector<LocalFont>& fonts);

}  // namespace folio::html
