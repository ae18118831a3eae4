// SVG paint (issue 18): translucent groups, gradients' stop opacities and gradient strokes, from the reader's model
// (which groups stay groups) to the PDF's structures (a transparency-group Form XObject, a
// luminosity soft mask) and the HTML's inline SVG (<g opacity>, stop-opacity).

#include <gtest/gtest.h>

#include <string>

#include "html/svg.hpp"
#include "html/write_html.hpp"
#include "pdf/hpdf_internals.hpp"
#include "pdf/vector.hpp"
#include "xml/svg.hpp"

using namespace folio;

namespace {

image::Drawing read(const std::string& body) {
    core::Diagnostics diags;
    const core::SourceFile f("t.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\">\n" +
                                          body + "\n</svg>\n");
    auto d = xml::read_svg(f, diags);
    EXPECT_TRUE(d);
    EXPECT_TRUE(diags.all().empty());
    return d ? *d : image::Drawing{};
}

const std::string overlapping = "<g opacity='0.5'><rect width='60' height='40' fill='black'/>"
                                "<rect x='30' y='10' width='60' height='40' fill='blue'/></g>";
const std::string fading = "<defs><linearGradient id='f'><stop offset='0' stop-color='red'/>"
                           "<stop offset='1' stop-color='red' stop-opacity='0'/></linearGradient></defs>"
                           "<rect width='100' height='50' fill='url(#f)'/>";

/// The name `key` of the dictionary `dict`, or "".
std::string name_of(HPDF_Dict dict, const char* key) {
    auto* n = static_cast<HPDF_Name>(HPDF_Dict_GetItem(dict, key, HPDF_OCLASS_NAME));
    return n == nullptr ? "" : n->value;
}

struct Painted {
    pdf::VectorResources names;
    std::string content;
};

Painted paint(const image::Drawing& d, pdf::ColourPolicy colours = pdf::ColourPolicy::as_given) {
    Painted p;
    auto doc = pdf::hpdf::Document::create();
    EXPECT_TRUE(doc);
    HPDF_Page page = HPDF_AddPage(doc->get());
    EXPECT_TRUE(pdf::register_vector(*doc, page, "t.svg", d, colours, p.names));
    pdf::paint_vector(d, "t.svg", {10, 10, 100, 50}, 800, p.names, colours, p.content);
    // The form's and mask's dictionaries, while the document lives.
    for (const auto& [path_group, name] : p.names.groups) {
        auto* form = static_cast<HPDF_Dict>(p.names.objects.at(name).second);
        auto* group = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(form, "Group", HPDF_OCLASS_DICT));
        EXPECT_EQ(name_of(form, "Subtype"), "Form");
        EXPECT_NE(group, nullptr);
        if (group != nullptr) {
            EXPECT_EQ(name_of(group, "S"), "Transparency");
            p.content += "\n[group CS " + name_of(group, "CS") + "]";
        }
    }
    for (const auto& [path_gradient, name] : p.names.masks) {
        auto* gs = static_cast<HPDF_Dict>(p.names.objects.at(name).second);
        auto* mask = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(gs, "SMask", HPDF_OCLASS_DICT));
        EXPECT_NE(mask, nullptr);
        if (mask != nullptr) p.content += "\n[mask S " + name_of(mask, "S") + "]";
    }
    for (const auto& [path_shape, name] : p.names.stroke_masks) {
        auto* gs = static_cast<HPDF_Dict>(p.names.objects.at(name).second);
        auto* mask = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(gs, "SMask", HPDF_OCLASS_DICT));
        auto* ca = static_cast<HPDF_Real>(HPDF_Dict_GetItem(gs, "ca", HPDF_OCLASS_REAL));
        EXPECT_NE(mask, nullptr);
        if (mask != nullptr) p.content += "\n[stroke mask S " + name_of(mask, "S") + "]";
        if (ca != nullptr) p.content += "\n[stroke ca " + std::to_string(ca->value).substr(0, 4) + "]";
    }
    return p;
}

}  // namespace

TEST(SvgPaint, AGradientStrokeIsItsShadingSeenThroughTheStroke) {
    const image::Drawing d = read(
        "<defs><linearGradient id='g'><stop offset='0' stop-color='red'/><stop offset='1' stop-color='blue'/>"
        "</linearGradient></defs>"
        "<rect x='10' y='10' width='60' height='30' fill='yellow' fill-opacity='0.5' stroke='url(#g)'"
        " stroke-width='8' stroke-opacity='0.75'/>");
    const Painted p = paint(d);
    ASSERT_EQ(p.names.stroke_masks.size(), 1u);
    const std::string mask = p.names.stroke_masks.begin()->second;
    const std::string shading = p.names.shadings.begin()->second;
    const std::size_t gs = p.content.find("q\n/" + mask + " gs\n");
    ASSERT_NE(gs, std::string::npos) << p.content;
    EXPECT_LT(gs, p.content.find("/" + shading + " sh"));
    EXPECT_EQ(p.content.find(" RG\n"), std::string::npos) << "no stroke in one colour";
    EXPECT_NE(p.content.find("[stroke mask S Luminosity]"), std::string::npos);
    // the shading is painted as a fill: the mask's state carries the stroke's opacity as /ca
    EXPECT_NE(p.content.find("[stroke ca 0.75]"), std::string::npos) << p.content;
    // the mask paints the stroke in white, with its width
    EXPECT_EQ(pdf::stroke_mask_content(d.shapes[0]).rfind("1 g\n1 G\n8 w\n", 0), 0u);
}

TEST(SvgPaint, AGradientStrokeFadingInOpacityTakesItsFirstColour) {
    const image::Drawing d = read(
        "<defs><linearGradient id='g'><stop offset='0' stop-color='red'/>"
        "<stop offset='1' stop-color='blue' stop-opacity='0'/></linearGradient></defs>"
        "<rect x='10' y='10' width='60' height='30' fill='none' stroke='url(#g)' stroke-width='8'/>");
    const Painted p = paint(d);
    EXPECT_TRUE(p.names.stroke_masks.empty());
    EXPECT_NE(p.content.find("1 0 0 RG\n"), std::string::npos) << p.content;
}

TEST(SvgPaint, OverlappingShapesInATranslucentGroupStayAGroup) {
    const image::Drawing d = read(overlapping);
    ASSERT_EQ(d.groups.size(), 1u);
    EXPECT_DOUBLE_EQ(d.groups[0].opacity, 0.5);
    ASSERT_EQ(d.shapes.size(), 2u);
    for (const image::Shape& s : d.shapes) {
        EXPECT_EQ(s.group, 0);
        EXPECT_DOUBLE_EQ(s.fill_opacity, 1);  // the group carries the opacity, not the shapes
    }
}

TEST(SvgPaint, GroupsThatNeedNoCompositingAreFolded) {
    // apart: each shape takes the opacity (the shipped logo's strokes stay as they were)
    image::Drawing d = read("<g opacity='0.5'><rect width='10' height='10'/><rect x='20' width='10' height='10'/></g>");
    EXPECT_TRUE(d.groups.empty());
    EXPECT_DOUBLE_EQ(d.shapes[1].fill_opacity, 0.5);
    // a lone stroke, and an open line whose default fill has no area
    d = read("<path d='M0 0 L50 50' stroke='red' opacity='0.5'/>");
    EXPECT_TRUE(d.groups.empty());
    EXPECT_DOUBLE_EQ(d.shapes[0].stroke_opacity, 0.5);
    // fill and stroke of one shape overlap: a group
    d = read("<circle cx='20' cy='20' r='10' fill='black' stroke='red' stroke-width='4' opacity='0.5'/>");
    ASSERT_EQ(d.groups.size(), 1u);
    EXPECT_EQ(d.shapes[0].group, 0);
    // an inner group folded into an outer one that must stay: one group, both shapes in it
    d = read("<g opacity='0.5'><g opacity='0.5'><rect width='60' height='40'/></g>"
             "<rect x='30' y='10' width='60' height='40'/></g>");
    ASSERT_EQ(d.groups.size(), 1u);
    EXPECT_DOUBLE_EQ(d.shapes[0].fill_opacity, 0.5);
    EXPECT_EQ(d.shapes[0].group, 0);
    EXPECT_EQ(d.shapes[1].group, 0);
}

TEST(SvgPaint, NestedGroupsKeepTheirParents) {
    const image::Drawing d = read("<g opacity='0.5'>" + overlapping + "<rect x='50' width='40' height='40'/></g>");
    ASSERT_EQ(d.groups.size(), 2u);
    EXPECT_EQ(d.groups[1].parent, 0);
    EXPECT_EQ(image::child_of(d, 1, -1), 0);
    EXPECT_EQ(image::child_of(d, 1, 0), 1);
    EXPECT_EQ(image::child_of(d, 0, 0), -1);
    const auto ranges = image::group_ranges(d);
    EXPECT_EQ(ranges[0], (std::pair<std::size_t, std::size_t>{0, 3}));
    EXPECT_EQ(ranges[1], (std::pair<std::size_t, std::size_t>{0, 2}));
}

TEST(SvgPaint, ZeroOpacityDrawsNothing) {
    EXPECT_TRUE(read("<g opacity='0'><rect width='10' height='10'/></g>").shapes.empty());
}

TEST(SvgPaint, StopOpacitiesStayInTheModel) {
    const image::Drawing d = read(fading);
    ASSERT_EQ(d.gradients.size(), 1u);
    EXPECT_DOUBLE_EQ(d.gradients[0].stops[1].opacity, 0);
    EXPECT_DOUBLE_EQ(d.shapes[0].fill_opacity, 1);  // no longer the first stop's, per shape
    EXPECT_TRUE(pdf::needs_mask(d.gradients[0]));
}

TEST(SvgPaint, PdfGroupIsATransparencyFormUnderItsOpacity) {
    const Painted p = paint(read(overlapping));
    ASSERT_EQ(p.names.groups.size(), 1u);
    const std::string form = p.names.groups.begin()->second;
    const std::string alpha = p.names.alphas.at({0.5, 0.5});
    EXPECT_NE(p.content.find("q\n/" + alpha + " gs\n/" + form + " Do\nQ\n"), std::string::npos) << p.content;
    EXPECT_EQ(p.content.find(" rg\n"), std::string::npos) << "the shapes are in the form, not the page";
    EXPECT_NE(p.content.find("[group CS DeviceRGB]"), std::string::npos);
    EXPECT_NE(paint(read(overlapping), pdf::ColourPolicy::cmyk).content.find("[group CS DeviceCMYK]"), std::string::npos);
}

TEST(SvgPaint, PdfFadingGradientHasALuminositySoftMask) {
    const Painted p = paint(read(fading));
    ASSERT_EQ(p.names.masks.size(), 1u);
    const std::string mask = p.names.masks.begin()->second;
    const std::string shading = p.names.shadings.begin()->second;
    // clipped to the shape, the mask set, then the gradient painted
    const std::size_t gs = p.content.find("W\nn\n/" + mask + " gs\n");
    ASSERT_NE(gs, std::string::npos) << p.content;
    EXPECT_LT(gs, p.content.find("/" + shading + " sh"));
    EXPECT_NE(p.content.find("[mask S Luminosity]"), std::string::npos);
    EXPECT_TRUE(p.names.alphas.empty()) << "no opacity of the first stop for the whole shape";
}

TEST(SvgPaint, UniformStopOpacityIsTheFillOpacity) {
    const image::Drawing d = read("<defs><linearGradient id='f'><stop offset='0' stop-color='red' stop-opacity='0.5'/>"
                                  "<stop offset='1' stop-color='blue' stop-opacity='0.5'/></linearGradient></defs>"
                                  "<rect width='100' height='50' fill='url(#f)'/>");
    EXPECT_FALSE(pdf::needs_mask(d.gradients[0]));
    EXPECT_EQ(pdf::shape_alpha(d, d.shapes[0]), (std::pair<double, double>{0.5, 1}));
    const Painted p = paint(d);
    EXPECT_TRUE(p.names.masks.empty());
    EXPECT_EQ(p.names.alphas.count({0.5, 1}), 1u);
}

TEST(SvgPaint, HtmlKeepsGroupOpacityAndStopOpacity) {
    std::string out;
    html::append_inline_svg(out, read(overlapping), "x", "d1");
    EXPECT_NE(out.find("<g opacity=\"0.5\"><path"), std::string::npos) << out;
    EXPECT_NE(out.find("</g></svg>"), std::string::npos) << out;
    EXPECT_EQ(out.find("fill-opacity"), std::string::npos) << out;
    out.clear();
    html::append_inline_svg(out, read(fading), "x", "d1");
    EXPECT_NE(out.find("stop-color=\"#ff0000\" stop-opacity=\"0\"/>"), std::string::npos) << out;
}

TEST(SvgPaint, HtmlFitsAnInlineSvgAsObjectFitWould) {
    const image::Drawing d = read("<rect width='100' height='50'/>");
    std::string out;
    const html::SvgFit cover{200, 200, html::SvgFit::Mode::cover};
    html::append_inline_svg(out, d, "x", "d1", &cover);
    EXPECT_NE(out.find(" preserveAspectRatio=\"xMidYMid slice\" style=\"display:block;width:100%;height:auto;"
                       "aspect-ratio:200/200\""), std::string::npos) << out;
    out.clear();
    const html::SvgFit fill{300, 100, html::SvgFit::Mode::fill};
    html::append_inline_svg(out, d, "x", "d1", &fill);
    EXPECT_NE(out.find(" preserveAspectRatio=\"none\""), std::string::npos) << out;
    out.clear();
    const html::SvgFit contain{300, 100, html::SvgFit::Mode::contain};
    html::append_inline_svg(out, d, "x", "d1", &contain);
    EXPECT_EQ(out.find("preserveAspectRatio"), std::string::npos) << "meet is the default: " << out;
    EXPECT_NE(out.find("aspect-ratio:300/100"), std::string::npos) << out;
    // the cache writes the same bytes
    std::string cached;
    html::InlineSvgCache cache;
    cache.append(cached, d, "x", "d1", &contain);
    EXPECT_EQ(cached, out);
}

TEST(SvgPaint, PastTheLimitsOpacitiesAreMultipliedWithAWarning) {
    core::Diagnostics diags;
    xml::SvgLimits limits;
    limits.max_groups = 1;
    limits.max_masks = 0;
    const core::SourceFile f("t.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">" + overlapping +
                                          "<g opacity='0.5'>" + overlapping + "</g>" + fading + "</svg>");
    const auto d = xml::read_svg(f, diags, limits);
    ASSERT_TRUE(d);
    ASSERT_EQ(d->groups.size(), 1u);  // the first group kept; the other two flattened
    ASSERT_EQ(d->shapes.size(), 5u);
    EXPECT_EQ(d->shapes[0].group, 0);
    EXPECT_EQ(d->shapes[2].group, -1);
    EXPECT_DOUBLE_EQ(d->shapes[2].fill_opacity, 0.25);
    EXPECT_FALSE(pdf::needs_mask(d->gradients[0]));  // the fade's first stop's opacity throughout
    ASSERT_EQ(diags.all().size(), 2u);
    EXPECT_NE(diags.all()[0].message.find("more than 1 translucent groups"), std::string::npos);
    EXPECT_NE(diags.all()[1].message.find("more than 0 gradients fade"), std::string::npos);
}

TEST(SvgPaint, UseAndNestedSvgOpacityMakeGroups) {
    const std::string pair = "<rect width='60' height='40'/><rect x='30' y='10' width='60' height='40'/>";
    image::Drawing d = read("<defs><g id='p'>" + pair + "</g></defs><use href='#p' opacity='0.25'/>");
    ASSERT_EQ(d.groups.size(), 1u);
    EXPECT_DOUBLE_EQ(d.groups[0].opacity, 0.25);
    EXPECT_EQ(d.shapes[0].group, 0);
    EXPECT_EQ(d.shapes[1].group, 0);
    d = read("<svg opacity='0.75'>" + pair + "</svg>");
    ASSERT_EQ(d.groups.size(), 1u);
    EXPECT_DOUBLE_EQ(d.groups[0].opacity, 0.75);
}

TEST(SvgPaint, ExternalAssetsAreTheImagesTheHtmlShows) {
    html::HtmlOptions options;
    options.external_assets = true;
    options.assets_folder = "doc-assets";
    options.images = {{"a/shown.png", "image/png", "1"}, {"a/unused.png", "image/png", "2"}};
    const auto all = html::external_assets(options);
    ASSERT_EQ(all.size(), 2u);
    const std::string page = "<img src=\"" + all[0].relative_path + "\"><style>x{background:url(\"" + all[0].relative_path + "\")}</style>";
    const auto shown = html::external_assets(options, page);
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown[0].relative_path, all[0].relative_path);
    EXPECT_EQ(html::external_assets(options, "<p>" + all[1].relative_path + "</p>").size(), 0u) << "not as a quoted URL";
}
