// Printer's marks, drawn in the slug outside the bleed (see marks.hpp). Geometry, for a trim
// box with bleed b, measured outward from the trim edge:
//   crop marks:          from b + 3 to b + 18 pt, on the extension of each trim line
//   registration marks:  centred b + 12 pt out on each edge's midpoint; circle r = 4 pt,
//                        cross arms 7 pt, so they end at b + 19 pt, inside marks_room (24 pt)
// Nothing is drawn within b + 3 pt of the trim, so marks never reach the bleed.

#include "pdf/marks.hpp"

#include <initializer_list>

namespace folio::pdf {
namespace {

using Status = core::Result<core::Ok>;

constexpr double gap = 3;           ///< between the bleed edge and the marks
constexpr double crop_length = 15;  ///< of each crop mark line
constexpr double reg_distance = 12; ///< from the bleed edge to a registration mark's centre
constexpr double reg_radius = 4;
constexpr double reg_arm = 7;

HPDF_REAL r(double v) { return static_cast<HPDF_REAL>(v); }

/// Appends the reals of an operator, each followed by a space, as libharu formats them.
void reals(std::string& out, std::initializer_list<HPDF_REAL> values) {
    for (HPDF_REAL v : values) {
        hpdf::append_real(out, v);
        out += ' ';
    }
}

/// Appends the segment (x0, y0)-(x1, y1) to the current path: "x0 y0 m", "x1 y1 l".
void segment(std::string& out, double x0, double y0, double x1, double y1) {
    reals(out, {r(x0), r(y0)});
    out += "m\n";
    reals(out, {r(x1), r(y1)});
    out += "l\n";
}

/// A registration mark centred on (cx, cy): a circle and a cross through it. The circle is
/// libharu's HPDF_Page_Circle: four Bezier quarters with its control-point factor 0.552, in
/// single precision as it computes them.
void registration(std::string& out, double cx, double cy) {
    const HPDF_REAL x = r(cx);
    const HPDF_REAL y = r(cy);
    const HPDF_REAL ray = r(reg_radius);
    const HPDF_REAL k = 0.552F;
    reals(out, {x - ray, y});
    out += "m\n";
    reals(out, {x - ray, y + ray * k, x - ray * k, y + ray, x, y + ray});
    out += "c\n";
    reals(out, {x + ray * k, y + ray, x + ray, y + ray * k, x + ray, y});
    out += "c\n";
    reals(out, {x + ray, y - ray * k, x + ray * k, y - ray, x, y - ray});
    out += "c\n";
    reals(out, {x - ray * k, y - ray, x - ray, y - ray * k, x - ray, y});
    out += "c\n";
    segment(out, cx - reg_arm, cy, cx + reg_arm, cy);
    segment(out, cx, cy - reg_arm, cx, cy + reg_arm);
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

void append_marks(std::string& out, const PageFrame& frame, bool gray) {
    const double left = frame.offset();
    const double bottom = frame.offset();
    const double right = left + frame.trim_width;
    const double top = bottom + frame.trim_height;
    const double near = frame.bleed + gap;  // where a crop mark starts, from the trim edge
    const double far = near + crop_length;
    const double reg = frame.bleed + reg_distance;

    out += gray ? "q\n0 G\n" : "q\n1 1 1 1 K\n";
    reals(out, {r(marks_line)});
    out += "w\n";
    // Crop marks: each trim line extended outward at each of its two ends.
    for (double y : {bottom, top}) {
        segment(out, left - far, y, left - near, y);
        segment(out, right + near, y, right + far, y);
    }
    for (double x : {left, right}) {
        segment(out, x, bottom - far, x, bottom - near);
        segment(out, x, top + near, x, top + far);
    }
    out += "S\n";
    // Registration marks on each edge's midpoint.
    const double mid_x = (left + right) / 2;
    const double mid_y = (bottom + top) / 2;
    registration(out, mid_x, top + reg);
    registration(out, mid_x, bottom - reg);
    registration(out, left - reg, mid_y);
    registration(out, right + reg, mid_y);
    out += "S\nQ\n";
}

}  // namespace folio::pdf
