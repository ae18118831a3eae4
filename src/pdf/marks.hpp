#pragma once
/// Print geometry of a page (the trim box inside its bleed, inside the slug that holds the
/// printer's marks) and the marks themselves.

#include <string>

#include "core/result.hpp"
#include "layout/paged_document.hpp"
#include "pdf/hpdf_adapter.hpp"

namespace folio::pdf {

/// Room for the marks beyond the bleed on every side, in points (about 8.5 mm).
inline constexpr double marks_room = 24;
/// Line width of the marks: a hairline.
inline constexpr double marks_line = 0.25;

/// Where a laid-out page sits on its PDF page. Layout coordinates (origin top-left of the trim
/// box, y down) become PDF coordinates (origin bottom-left of the media box, y up).
struct PageFrame {
    double trim_width = 0;
    double trim_height = 0;
    double bleed = 0;  ///< beyond the trim on every side
    double slug = 0;   ///< beyond the bleed on every side: marks_room with marks, else 0

    /// Distance from the media box edge to the trim box edge.
    [[nodiscard]] double offset() const { return bleed + slug; }
    [[nodiscard]] double media_width() const { return trim_width + 2 * offset(); }
    [[nodiscard]] double media_height() const { return trim_height + 2 * offset(); }
    /// A layout x in PDF space.
    [[nodiscard]] double x(double layout_x) const { return offset() + layout_x; }
    /// A layout y in PDF space.
    [[nodiscard]] double y(double layout_y) const { return offset() + trim_height - layout_y; }
};

/// The frame of `page`, with room for marks when `marks`.
PageFrame frame_of(const layout::Page& page, bool marks);

/// Sets the page's MediaBox, TrimBox and BleedBox from `frame`.
core::Result<core::Ok> set_boxes(hpdf::Document& doc, HPDF_Page page, const PageFrame& frame);

/// Appends the operators (libharu's bytes for the same drawing) of crop marks at the four trim
/// corners and registration marks (circle and cross) centred on the four edges, all outside the
/// bleed, as 0.25 pt hairlines in the registration colour (all four inks at 100 %: 1 1 1 1 K),
/// or in DeviceGray black when `gray` (PDF/A with an sRGB output intent may not use DeviceCMYK).
/// Pure; safe on any thread.
void append_marks(std::string& out, const PageFrame& frame, bool gray);

}  // namespace folio::pdf
