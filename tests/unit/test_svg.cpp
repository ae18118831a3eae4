// The SVG reader (src/xml/svg*.cpp): micro-syntaxes, shapes, transforms, paints, gradients,
// clips, <use>, and hostile files (entities, recursion, limits, huge coordinates).

#include <gtest/gtest.h>

#include <string>

#include "xml/svg.hpp"
#include "xml/svg_parse.hpp"

using namespace folio;

namespace {

struct Read {
    core::Result<image::Drawing> drawing;
    core::Diagnostics diags;
};

Read read(const std::string& text, const xml::SvgLimits& limits = {}) {
    Read r{core::unexpected(core::Diagnostic{}), {}};
    const core::SourceFile f("t.svg", text);
    r.drawing = xml::read_svg(f, r.diags, limits);
    return r;
}

std::string svg(const std::string& body, const std::string& attrs = "width=\"100\" height=\"50\"") {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" " + attrs + ">\n" + body + "\n</svg>\n";
}

}  // namespace

TEST(SvgParse, Numbers) {
    EXPECT_EQ(xml::svg::number_list("1,2 3-4.5e1.5"), (std::vector<double>{1, 2, 3, -45, 0.5}));
    EXPECT_FALSE(xml::svg::number_list("1 x"));
    EXPECT_DOUBLE_EQ(*xml::svg::length("72pt", 0), 96);
    EXPECT_DOUBLE_EQ(*xml::svg::length("50%", 300), 150);
    EXPECT_FALSE(xml::svg::length("3furlongs", 0));
}

TEST(SvgParse, PathCommands) {
    std::string error;
    const image::Path p = xml::svg::path_data("M10 20 h5 v5 H0 z m1 1 l1 1 2 2 Q0 0 4 4 T8 8 A2 2 0 0 1 12 8", error);
    EXPECT_EQ(error, "");
    ASSERT_GE(p.ops.size(), 9u);
    EXPECT_EQ(p.ops[0], image::Op::move);
    EXPECT_EQ(p.ops[4], image::Op::close);
    EXPECT_EQ(p.points[1].x, 15);  // h5 relative
    EXPECT_EQ(p.points[3].x, 0);   // H0 absolute
    // after z the current point is the subpath start (10,20); m1 1 -> (11,21)
    EXPECT_EQ(p.points[4].x, 11);
    EXPECT_EQ(p.points[4].y, 21);
    EXPECT_EQ(p.points.back().x, 12);  // the arc ends where asked
    EXPECT_NEAR(p.points.back().y, 8, 1e-9);
}

TEST(SvgParse, PathErrorKeepsThePathSoFar) {
    std::string error;
    const image::Path p = xml::svg::path_data("M0 0 L10 10 L20", error);
    EXPECT_NE(error, "");
    EXPECT_EQ(p.ops.size(), 2u);
}

TEST(SvgParse, Transforms) {
    const auto m = xml::svg::transform_list("translate(10,20) scale(2)");
    ASSERT_TRUE(m);
    const core::Point p = m->apply({1, 1});
    EXPECT_DOUBLE_EQ(p.x, 12);
    EXPECT_DOUBLE_EQ(p.y, 22);
    const auto r = xml::svg::transform_list("rotate(90 10 10)");
    ASSERT_TRUE(r);
    EXPECT_NEAR(r->apply({20, 10}).x, 10, 1e-9);
    EXPECT_NEAR(r->apply({20, 10}).y, 20, 1e-9);
    EXPECT_FALSE(xml::svg::transform_list("spin(3)"));
}

TEST(SvgParse, Colours) {
    EXPECT_EQ(*xml::svg::colour("#f00"), core::Color::rgb(1, 0, 0));
    EXPECT_EQ(*xml::svg::colour("rgb(0,0,255)"), core::Color::rgb(0, 0, 1));
    EXPECT_EQ(*xml::svg::colour("White"), core::Color::rgb(1, 1, 1));
    EXPECT_FALSE(xml::svg::colour("#12"));
}

TEST(Svg, ShapesStyleAndViewBox) {
    const auto r = read(svg("<rect x='1' y='2' width='3' height='4' fill='#00f' stroke='red' stroke-width='2' "
                            "stroke-dasharray='1' style='fill:#0f0'/><circle cx='5' cy='5' r='0'/>",
                            "width='200' height='100' viewBox='0 0 100 50'"));
    ASSERT_TRUE(r.drawing) << r.drawing.error().message;
    EXPECT_TRUE(r.diags.all().empty());
    const image::Drawing& d = *r.drawing;
    EXPECT_EQ(d.size, (core::Size{200, 100}));
    ASSERT_EQ(d.shapes.size(), 1u);  // the circle of radius 0 draws nothing
    const image::Shape& s = d.shapes[0];
    EXPECT_EQ(s.fill.colour, core::Color::rgb(0, 1, 0));  // style wins over the attribute
    EXPECT_EQ(s.stroke.colour, core::Color::rgb(1, 0, 0));
    EXPECT_EQ(s.line.width, 2);
    EXPECT_EQ(s.line.dashes, (std::vector<double>{1, 1}));
    EXPECT_EQ(s.transform.a, 2);  // the viewBox scales by 2
}

TEST(Svg, GroupsInheritAndMultiplyOpacity) {
    const auto r = read(svg("<g fill='red' opacity='0.5' transform='translate(10 0)'><g opacity='0.5'>"
                            "<rect width='1' height='1' fill-opacity='0.5'/></g></g>"));
    ASSERT_TRUE(r.drawing);
    ASSERT_EQ(r.drawing->shapes.size(), 1u);
    EXPECT_EQ(r.drawing->shapes[0].fill.colour, core::Color::rgb(1, 0, 0));
    EXPECT_DOUBLE_EQ(r.drawing->shapes[0].fill_opacity, 0.125);
    EXPECT_DOUBLE_EQ(r.drawing->shapes[0].transform.e, 10);
}

TEST(Svg, GradientsInBoundingBoxUnits) {
    const auto r = read(svg("<defs><linearGradient id='g'><stop offset='0' stop-color='red'/>"
                            "<stop offset='100%' stop-color='blue'/></linearGradient>"
                            "<radialGradient id='h' href='#g'/></defs>"
                            "<rect x='10' y='20' width='30' height='40' fill='url(#g)'/>"
                            "<rect width='5' height='5' fill='url(#h)'/>"));
    ASSERT_TRUE(r.drawing);
    ASSERT_EQ(r.drawing->gradients.size(), 2u);
    const image::Gradient& g = r.drawing->gradients[0];
    EXPECT_FALSE(g.radial);
    EXPECT_EQ(g.transform.a, 30);
    EXPECT_EQ(g.transform.f, 20);
    EXPECT_EQ(g.stops.size(), 2u);
    EXPECT_TRUE(r.drawing->gradients[1].radial);
    EXPECT_EQ(r.drawing->gradients[1].stops.size(), 2u);  // stops through href
}

TEST(Svg, ClipPathsIntersect) {
    const auto r = read(svg("<clipPath id='a'><rect width='10' height='10'/></clipPath>"
                            "<clipPath id='b'><circle r='5'/></clipPath>"
                            "<g clip-path='url(#a)'><rect width='20' height='20' clip-path='url(#b)'/></g>"));
    ASSERT_TRUE(r.drawing);
    ASSERT_EQ(r.drawing->shapes.size(), 1u);
    const auto clip = r.drawing->shapes[0].clip;
    ASSERT_GE(clip, 0);
    EXPECT_EQ(r.drawing->clips[static_cast<std::size_t>(clip)].paths.size(), 2u);
}

TEST(Svg, UseAndSymbol) {
    const auto r = read(svg("<defs><symbol id='s'><rect width='1' height='1'/></symbol></defs>"
                            "<use href='#s' x='5'/><use xlink:href='#s' y='7'/>"));
    ASSERT_TRUE(r.drawing);
    ASSERT_EQ(r.drawing->shapes.size(), 2u);
    EXPECT_EQ(r.drawing->shapes[0].transform.e, 5);
    EXPECT_EQ(r.drawing->shapes[1].transform.f, 7);
}

TEST(Svg, UnsupportedElementsWarnOnceWithTheirLine) {
    const auto r = read(svg("<text>a</text>\n<text>b</text>\n<script>x()</script>\n<filter/>"
                            "<image href='http://example.org/a.png'/><use href='other.svg#a'/>"));
    ASSERT_TRUE(r.drawing);
    ASSERT_EQ(r.diags.all().size(), 5u);
    EXPECT_EQ(r.diags.all()[0].location.line, 2u);
    EXPECT_NE(r.diags.all()[0].message.find("<text>"), std::string::npos);
    EXPECT_NE(r.diags.all()[1].message.find("never run"), std::string::npos);
    EXPECT_EQ(r.diags.all()[1].location.line, 4u);
    EXPECT_NE(r.diags.all()[4].message.find("external"), std::string::npos);
    EXPECT_FALSE(r.diags.has_errors());
}

TEST(Svg, HostileFiles) {
    // billion laughs: refused before parsing, at the declaration
    const auto laughs = read("<?xml version='1.0'?>\n<!DOCTYPE svg [<!ENTITY lol 'lol'>]>\n<svg>&lol;</svg>");
    ASSERT_FALSE(laughs.drawing);
    EXPECT_EQ(laughs.drawing.error().location.line, 2u);
    // unclosed
    const auto unclosed = read("<svg><g><rect/></svg>");
    ASSERT_FALSE(unclosed.drawing);
    EXPECT_EQ(unclosed.drawing.error().code, "svg.malformed");
    // <use> recursion
    const auto loop = read(svg("<g id='a'><use href='#a'/><rect width='1' height='1'/></g>"));
    ASSERT_FALSE(loop.drawing);
    EXPECT_NE(loop.drawing.error().message.find("<use> nested deeper than 8"), std::string::npos);
    // too many points
    std::string d = "M0 0";
    for (int i = 0; i < 300; ++i) d += " L1 1";
    xml::SvgLimits small;
    small.max_points = 100;
    const auto many = read(svg("<path d='" + d + "'/>"), small);
    ASSERT_FALSE(many.drawing);
    EXPECT_NE(many.drawing.error().message.find("more than 100 path points"), std::string::npos);
    // huge coordinates: the shape is skipped with a warning
    const auto huge = read(svg("<rect width='1e300' height='1'/><rect width='1' height='1'/>"));
    ASSERT_TRUE(huge.drawing);
    EXPECT_EQ(huge.drawing->shapes.size(), 1u);
    EXPECT_EQ(huge.diags.all().size(), 1u);
    // a zero viewBox draws nothing, with a warning; the drawing still has a size
    const auto zero = read(svg("<rect width='1' height='1'/>", "viewBox='0 0 0 0'"));
    ASSERT_TRUE(zero.drawing);
    EXPECT_TRUE(zero.drawing->shapes.empty());
    EXPECT_GT(zero.drawing->size.width, 0);
    EXPECT_EQ(zero.diags.all().size(), 1u);
    // not an SVG root
    EXPECT_FALSE(read("<html/>").drawing);
}

TEST(Svg, LooksLikeSvg) {
    EXPECT_TRUE(xml::looks_like_svg("<?xml version='1.0'?>\n<svg/>"));
    EXPECT_TRUE(xml::looks_like_svg("  <svg xmlns='x'>"));
    EXPECT_FALSE(xml::looks_like_svg("\x89PNG"));
    EXPECT_FALSE(xml::looks_like_svg("<?xml version='1.0'?><document/>"));
}
