// Placement's style values (style/placement.hpp): spot colours, bands, offsets.

#include <gtest/gtest.h>

#include "style/computed.hpp"
#include "style/placement.hpp"
#include "style/values.hpp"

namespace folio::style {
namespace {

TEST(SpotColour, IsItsCmykAlternateWithTheInksId) {
    const auto c = parse_color("spot(\"IOM Blue\", cmyk(1, 0.7, 0, 0.1))");
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->space, core::Color::Space::cmyk);
    EXPECT_DOUBLE_EQ(c->c[1], 0.7);
    EXPECT_EQ(c->spot, spot_id("IOM Blue"));
    EXPECT_NE(c->spot, 0);
    EXPECT_EQ(parse_color("spot('IOM Blue', cmyk(1, 0.7, 0, 0.1))")->spot, c->spot);  // either quote
}

TEST(SpotColour, NeedsANameAndACmykAlternate) {
    EXPECT_FALSE(parse_color("spot(\"\", cmyk(1, 0, 0, 0))"));
    EXPECT_FALSE(parse_color("spot(\"Blue\", #0000ff)"));
    EXPECT_FALSE(parse_color("spot(Blue, cmyk(1, 0, 0, 0))"));
    EXPECT_FALSE(parse_color("spot(\"Blue\")"));
}

TEST(PlacementProperties, OffsetsAreLengthsFromZeroToTwoMetres) {
    ComputedStyle s;
    const auto find = [](std::string_view name) {
        for (const auto& p : placement_properties()) {
            if (p.name == name) return p.set;
        }
        return static_cast<bool (*)(ComputedStyle&, std::string_view, double)>(nullptr);
    };
    ASSERT_NE(find("top"), nullptr);
    EXPECT_TRUE(find("top")(s, "10mm", 10));
    EXPECT_NEAR(*s.placement.top, 28.35, 0.01);
    EXPECT_FALSE(find("top")(s, "-1mm", 10));
    EXPECT_FALSE(find("left")(s, "2001mm", 10));
    EXPECT_TRUE(find("top")(s, "auto", 10));
    EXPECT_FALSE(s.placement.top.has_value());
    EXPECT_TRUE(find("position")(s, "page", 10));
    EXPECT_TRUE(s.placement.page);
    EXPECT_TRUE(find("position-page")(s, "back-cover", 10));
    EXPECT_EQ(s.placement.pages, PlacementPages::back_cover);
    EXPECT_FALSE(find("position-page")(s, "middle", 10));
    EXPECT_TRUE(find("print-qr")(s, "beside", 10));
    EXPECT_NEAR(s.placement.print_qr, 42.52, 0.01);
    EXPECT_FALSE(find("print-qr")(s, "5mm", 10));
}

}  // namespace
}  // namespace folio::style
