// QR codes (src/qr): the figure key round trip, the drawing's geometry, and payloads too long.

#include <gtest/gtest.h>

#include <string>

#include "qr/qr.hpp"

using namespace folio;

TEST(Qr, KeyRoundTrip) {
    qr::Spec spec;
    spec.data = "https://example.org/a:b,c";
    spec.size = 70.866;
    spec.quiet = 2;
    spec.colour = core::Color::cmyk(1, 0.5, 0, 0.25);
    const std::string key = qr::to_key(spec);
    const auto back = qr::from_key(key);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->data, spec.data);
    EXPECT_DOUBLE_EQ(back->size, 70.866);
    EXPECT_EQ(back->quiet, 2);
    EXPECT_EQ(back->colour, spec.colour);
    EXPECT_FALSE(qr::from_key("images/qr.png"));
    EXPECT_FALSE(qr::from_key("qr:x"));
}

TEST(Qr, DrawingIsAWhiteSquareAndTheDarkModules) {
    qr::Spec spec;
    spec.data = "folio";
    spec.size = 29 * 0.75;  // version 1 (21 modules) + 2 x 4 quiet: one px a module
    const auto d = qr::encode(spec);
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_DOUBLE_EQ(d->size.width, 29);
    ASSERT_EQ(d->shapes.size(), 2u);
    EXPECT_EQ(d->shapes[0].fill.colour, core::Color::rgb(1, 1, 1));
    // The finder pattern's top row: 7 dark modules from (4,4).
    const image::Path& dark = d->shapes[1].path;
    ASSERT_GE(dark.points.size(), 4u);
    EXPECT_DOUBLE_EQ(dark.points[0].x, 4);
    EXPECT_DOUBLE_EQ(dark.points[0].y, 4);
    EXPECT_DOUBLE_EQ(dark.points[1].x, 11);
    const core::Rect b = image::bounds(dark);
    EXPECT_DOUBLE_EQ(b.x, 4);
    EXPECT_DOUBLE_EQ(b.right(), 25);
    EXPECT_DOUBLE_EQ(b.bottom(), 25);
}

TEST(Qr, PayloadTooLongIsAnError) {
    qr::Spec spec;
    spec.data = std::string(qr::max_bytes + 1, 'x');
    const auto d = qr::encode(spec);
    ASSERT_FALSE(d);
    EXPECT_NE(d.error().message.find("holds 2331"), std::string::npos);
    spec.data = std::string(qr::max_bytes, '\xff');  // the largest payload still fits
    EXPECT_TRUE(qr::encode(spec));
    spec.data.clear();
    EXPECT_FALSE(qr::encode(spec));
}
