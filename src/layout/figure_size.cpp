// A figure's size (figure_size.hpp). The CSS 2.1 rules for replaced elements (§10.3.2, §10.6.2,
// §10.4 for max-width), then folio's limits, then CSS Images 3's object-fit:
//   1. width and height as given; a missing one from the other and the aspect ratio; neither:
//      the natural size (96 dpi);
//   2. max-width: a wider box is narrowed (its height follows unless the style gave it);
//   3. the column's width and the largest figure height (80 % of the text area) bound the box
//      the same way; a size the style asked for that is reduced here is a warning;
//   4. the image in the box: fill stretches it, contain scales it to fit inside (centred), cover
//      to cover the box (centred, clipped to it).

#include "layout/figure_size.hpp"

#include <algorithm>
#include <cstdio>

namespace folio::layout {
namespace {

std::string points(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1fpt", v);
    return buf;
}

}  // namespace

FigureBox size_figure(core::Size intrinsic, const style::Sizing& s, double column, double text_height,
                      double max_height, std::vector<FigureSizeNote>* notes) {
    if (!(intrinsic.width > 0) || !(intrinsic.height > 0)) intrinsic = {4, 3};
    const double iw = intrinsic.width;
    const double ih = intrinsic.height;
    const bool given_w = !s.width.is_auto();
    const bool given_h = !s.height.is_auto();
    // 1. (the expressions of the unstyled case are the ones folio always used: same bytes)
    double w = 0;
    double h = 0;
    if (given_w && given_h) {
        w = s.width.resolve(column);
        h = s.height.resolve(text_height);
    } else if (given_w) {
        w = s.width.resolve(column);
        h = w * ih / iw;
    } else if (given_h) {
        h = s.height.resolve(text_height);
        w = h * iw / ih;
    } else {
        w = std::min(column, iw * 0.75);
        h = w * ih / iw;
    }
    // 2. max-width
    if (!s.max_width.is_auto() && w > s.max_width.resolve(column)) {
        w = s.max_width.resolve(column);
        if (!given_h || !given_w) h = w * ih / iw;
    }
    // 3. the column and the page
    const bool both = given_w && given_h;
    if (w > column + 0.01) {
        if ((given_w || given_h) && notes) {
            notes->push_back({"layout.figure-too-wide", "the figure's image would be " + points(w) +
                              " wide, wider than its column (" + points(column) + "); narrowed to the column"});
        }
        w = column;
        if (!both) h = w * ih / iw;
    }
    if (h > max_height) {
        if ((given_w || given_h) && notes) {
            notes->push_back({"layout.figure-too-tall", "the figure's image would be " + points(h) +
                              " tall, more than 80% of the page's text height (" + points(max_height) +
                              "); made smaller"});
        }
        h = max_height;
        if (!both) w = h * iw / ih;
    }
    // 4. the image in the box
    FigureBox box{w, h, {0, 0, w, h}, false};
    if (!both || s.fit == style::ObjectFit::fill) return box;
    const double scale_w = w / iw;
    const double scale_h = h / ih;
    const double scale = s.fit == style::ObjectFit::cover ? std::max(scale_w, scale_h) : std::min(scale_w, scale_h);
    const double image_w = iw * scale;
    const double image_h = ih * scale;
    box.image = {(w - image_w) / 2, (h - image_h) / 2, image_w, image_h};
    box.clipped = image_w > w + 1e-9 || image_h > h + 1e-9;
    return box;
}

}  // namespace folio::layout
