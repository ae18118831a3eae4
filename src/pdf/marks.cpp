// Printer's marks, drawn in the slug outside the bleed (see marks.hpp). Geometry, for a trim
// box with bleed b, measured outward from the trim edge:
//   crop marks:          from b + 3 to b + 18 pt, on the extension of each trim line
//   registration marks:  centred b + 12 pt out on each edge's midpoint; circle r = 4 pt,
//                        cross arms 7 pt, so they end at b + 19 pt, inside marks_room (24 pt)
// Nothing is drawn within b + 3 pt of the trim, so marks never reach the bleed.

#include "pdf/marks.hpp"

namespace folio::pdf {
namespace {

using Status = core::Result<core::Ok>;

constexpr double gap = 3;           ///< between the bleed edge and the marks
constexpr double crop_length = 15;  ///< of each crop mark line
constexpr double reg_distance = 12; ///< from the bleed edge to a registration mark's centre
constexpr double reg_radius = 4;
constexpr double reg_arm = 7;

HPDF_REAL r(double v) { return static_cast<HPDF_REAL>(v); }

/// Appends the segment (x0, y0)-(x1, y1) to the current path.
Status segment(hpdf::Document& doc, HPDF_Page page, double x0, double y0, double x1, double y1) {
    if (auto s = doc.check(HPDF_Page_MoveTo(page, r(x0), r(y0)), "drawing a mark"); !s) return s;
    return doc.check(HPDF_Page_LineTo(page, r(x1), r(y1)), "drawing a mark");
}

/// A registration mark centred on (cx, cy): a circle and a cross through it.
Status registration(hpdf::Document& doc, HPDF_Page page, double cx, double cy) {
    if (auto s = doc.check(HPDF_Page_Circle(page, r(cx), r(cy), r(reg_radius)), "drawing a mark"); !s)
        return s;
    if (auto s = segment(doc, page, cx - reg_arm, cy, cx + reg_arm, cy); !s) return s;
    return segment(doc, page, cx, cy - reg_arm, cx, cy + reg_arm);
}

}  // namespace

PageFrame frame_of(const layout::Page& page, bool marks) {
    PageFrame f;
    f.trim_width = page.size.width;
    f.trim_height = page.size.height;
    f.bleed = page.bleed > 0 ? page.bleed : 0;
    f.slug = marks ? marks_room : 0;
    return f;
}

Status set_boxes(hpdf::Document& doc, HPDF_Page page, const PageFrame& frame) {
    if (auto s = doc.check(HPDF_Page_SetWidth(page, r(frame.media_width())), "setting the width");
        !s)
        return s;
    if (auto s = doc.check(HPDF_Page_SetHeight(page, r(frame.media_height())), "setting the height");
        !s)
        return s;
    const double o = frame.offset();
    const double b = frame.slug;  // the bleed box starts where the slug ends
    if (auto s = hpdf::set_page_box(doc, page, "BleedBox", b, b, frame.media_width() - b,
                                    frame.media_height() - b);
        !s)
        return s;
    return hpdf::set_page_box(doc, page, "TrimBox", o, o, o + frame.trim_width,
                              o + frame.trim_height);
}

Status draw_marks(hpdf::Document& doc, HPDF_Page page, const PageFrame& frame, bool gray) {
    const double left = frame.offset();
    const double bottom = frame.offset();
    const double right = left + frame.trim_width;
    const double top = bottom + frame.trim_height;
    const double near = frame.bleed + gap;  // where a crop mark starts, from the trim edge
    const double far = near + crop_length;
    const double reg = frame.bleed + reg_distance;

    if (auto s = doc.check(HPDF_Page_GSave(page), "drawing marks"); !s) return s;
    if (auto s = doc.check(gray ? HPDF_Page_SetGrayStroke(page, 0)
                                : HPDF_Page_SetCMYKStroke(page, 1, 1, 1, 1),
                           "setting the registration colour");
        !s)
        return s;
    if (auto s = doc.check(HPDF_Page_SetLineWidth(page, r(marks_line)), "drawing marks"); !s)
        return s;
    // Crop marks: each trim line extended outward at each of its two ends.
    for (double y : {bottom, top}) {
        if (auto s = segment(doc, page, left - far, y, left - near, y); !s) return s;
        if (auto s = segment(doc, page, right + near, y, right + far, y); !s) return s;
    }
    for (double x : {left, right}) {
        if (auto s = segment(doc, page, x, bottom - far, x, bottom - near); !s) return s;
        if (auto s = segment(doc, page, x, top + near, x, top + far); !s) return s;
    }
    if (auto s = doc.check(HPDF_Page_Stroke(page), "drawing crop marks"); !s) return s;
    // Registration marks on each edge's midpoint.
    const double mid_x = (left + right) / 2;
    const double mid_y = (bottom + top) / 2;
    if (auto s = registration(doc, page, mid_x, top + reg); !s) return s;
    if (auto s = registration(doc, page, mid_x, bottom - reg); !s) return s;
    if (auto s = registration(doc, page, left - reg, mid_y); !s) return s;
    if (auto s = registration(doc, page, right + reg, mid_y); !s) return s;
    if (auto s = doc.check(HPDF_Page_Stroke(page), "drawing registration marks"); !s) return s;
    return doc.check(HPDF_Page_GRestore(page), "drawing marks");
}

}  // namespace folio::pdf
