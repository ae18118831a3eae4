#pragma once
/// Text contrast (WCAG 2.2 success criterion 1.4.3): the contrast ratio of every text colour the
/// style sheet produces against the background it is drawn on, and warnings where it is too low.

#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/geometry.hpp"
#include "layout/paged_document.hpp"
#include "style/computed.hpp"

namespace folio::html {

/// The relative luminance of a colour (WCAG 2.2, "relative luminance"), 0 for black, 1 for white.
/// The colour is first rounded to 8 bits per channel, as the HTML writes it (CMYK converted as
/// hex_color does).
double relative_luminance(const core::Color& c);

/// The contrast ratio (L1 + 0.05) / (L2 + 0.05) of two colours, from 1 to 21, either order.
double contrast_ratio(const core::Color& a, const core::Color& b);

/// True for "large scale" text in WCAG's sense: at least 18pt, or at least 14pt and bold (>= 700).
bool is_large_text(double font_size_pt, int font_weight);

/// The least contrast ratio WCAG 2.2 AA allows: 3 for large text, 4.5 otherwise.
double minimum_ratio(double font_size_pt, int font_weight);

/// Checks every text colour of the document against its background: the background of the text's
/// element or of its nearest ancestor that has one, else the page background, else white. Also
/// checks the running header and footer against the page. Returns one warning ("style.contrast")
/// per distinct colour pair that falls short, at the first element that uses it, naming both
/// colours, the ratio, the minimum and how many further text runs share the problem. Warnings about
/// the running header and footer, which are not nodes, are placed in `style_path`.
std::vector<core::Diagnostic> check_contrast(const style::StyledDocument& styled,
                                             const std::string& style_path);

/// Text whose contrast rests on a background that the pages do not draw under it (issue 16: a
/// spanning aside lost its box in the PDF, and its white text vanished). For the text runs of
/// elements inside a block with a background of its own, the colour drawn beneath each run (the
/// last filled rectangle under its start, else the page's background, else white) must give the
/// contrast check_contrast found; one warning ("style.contrast-undrawn") per element that falls
/// short, at the element, naming the page. Runs of other elements are not looked at, so the check
/// costs next to nothing on most pages.
std::vector<core::Diagnostic> check_drawn_backgrounds(const style::StyledDocument& styled,
                                                      const layout::PagedDocument& pages);

}  // namespace folio::html
