// html::InlineSvgCache (issue 23): a drawing shown many times is serialised once, and every copy
// is the bytes append_inline_svg writes, with its own title and id prefix; a drawing whose body
// holds ids (gradients, clips) is written anew each time.

#include <gtest/gtest.h>

#include <string>

#include "html/svg.hpp"

namespace {

using folio::image::Drawing;

Drawing squares(bool with_gradient) {
    Drawing d;
    d.size = {21, 21};
    folio::image::Shape s;
    s.path.ops = {folio::image::Op::move, folio::image::Op::line, folio::image::Op::line, folio::image::Op::close};
    s.path.points = {{0, 0}, {1.25, 0}, {1.25, 3.5}};
    s.fill.kind = folio::image::Paint::Kind::colour;
    d.shapes.push_back(s);
    if (with_gradient) {
        d.gradients.push_back({});
        s.fill.kind = folio::image::Paint::Kind::gradient;
        d.shapes.push_back(s);
    }
    return d;
}

TEST(InlineSvgCache, WritesTheBytesOfAppendInlineSvgForEveryCopy) {
    for (bool gradient : {false, true}) {
        const Drawing d = squares(gradient);
        folio::html::InlineSvgCache cache;
        std::string cached, direct;
        for (const char* prefix : {"d1", "d22", "d333"}) {
            for (const char* alt : {"", "A QR code"}) {
                cache.append(cached, d, alt, prefix);
                folio::html::append_inline_svg(direct, d, alt, prefix);
            }
        }
        EXPECT_EQ(cached, direct);
        // the prefix reaches the ids of the gradient only where there is one
        EXPECT_EQ(direct.find("url(#d333-g0)") != std::string::npos, gradient);
        EXPECT_NE(direct.find("aria-labelledby=\"d22-t\""), std::string::npos);
    }
}

}  // namespace
