#include <gtest/gtest.h>

#include "tree_builder.hpp"

#include "style/computed.hpp"
#include "style/values.hpp"

using namespace folio;
using style::Declaration;
using style::Rule;

namespace {

doc::Document small_doc() {
    doc::Document d;
    d.add(test::mk(doc::NodeKind::document), doc::no_node);
    doc::Node h = test::mk(doc::NodeKind::heading);
    h.level = 2;
    const auto hid = d.add(h, 0);
    d.add(test::mk(doc::NodeKind::text, "Title"), hid);
    doc::Node p = test::mk(doc::NodeKind::paragraph);
    p.classes = "lead big";
    const auto pid = d.add(p, 0);
    const auto em = d.add(test::mk(doc::NodeKind::emphasis), pid);
    d.add(test::mk(doc::NodeKind::text, "x"), em);
    d.add(test::mk(doc::NodeKind::paragraph), 0);
    return d;
}

Rule rule(std::string sel, std::vector<std::pair<std::string, std::string>> decls, std::uint32_t line = 1) {
    Rule r{std::move(sel), {}, {"s.xml", line, 1}};
    std::uint32_t col = 10;
    for (auto& [p, v] : decls) r.declarations.push_back({p, v, {"s.xml", line, col += 10}});
    return r;
}

}  // namespace

TEST(Values, Lengths) {
    EXPECT_DOUBLE_EQ(*style::parse_length("12pt", 10), 12);
    EXPECT_NEAR(*style::parse_length("10mm", 10), 28.3465, 1e-3);
    EXPECT_NEAR(*style::parse_length("1cm", 10), 28.3465, 1e-3);
    EXPECT_DOUBLE_EQ(*style::parse_length("1in", 10), 72);
    EXPECT_DOUBLE_EQ(*style::parse_length("16px", 10), 12);
    EXPECT_DOUBLE_EQ(*style::parse_length("1.5em", 10), 15);
    EXPECT_DOUBLE_EQ(*style::parse_length("0", 10), 0);
    EXPECT_FALSE(style::parse_length("12", 10));
    EXPECT_FALSE(style::parse_length("12qq", 10));
    EXPECT_FALSE(style::parse_length("pt", 10));
}

TEST(Values, Colours) {
    auto c = style::parse_color("#0b3d91");
    ASSERT_TRUE(c);
    EXPECT_NEAR(c->c[0], 11 / 255.0, 1e-9);
    EXPECT_NEAR(c->c[2], 145 / 255.0, 1e-9);
    EXPECT_TRUE(style::parse_color("#fff"));
    auto r = style::parse_color("rgb(255, 0, 50%)");
    ASSERT_TRUE(r);
    EXPECT_DOUBLE_EQ(r->c[0], 1.0);
    EXPECT_DOUBLE_EQ(r->c[2], 0.5);
    auto k = style::parse_color("cmyk(100%, 0.5, 0, 0.2)");
    ASSERT_TRUE(k);
    EXPECT_EQ(k->space, core::Color::Space::cmyk);
    EXPECT_DOUBLE_EQ(k->c[1], 0.5);
    EXPECT_FALSE(style::parse_color("#12345"));
    EXPECT_FALSE(style::parse_color("rgb(300,0,0)"));
    EXPECT_FALSE(style::parse_color("blue"));
}

TEST(Values, PageSizes) {
    auto a4 = style::parse_page_size("A4");
    ASSERT_TRUE(a4);
    EXPECT_NEAR(a4->width, 595.276, 1e-3);
    EXPECT_NEAR(a4->height, 841.89, 1e-2);
    auto custom = style::parse_page_size("100mm 2in");
    ASSERT_TRUE(custom);
    EXPECT_DOUBLE_EQ(custom->height, 144);
    EXPECT_FALSE(style::parse_page_size("B7"));
}

TEST(Cascade, InheritsFontButNotMargins) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("document", {{"font-size", "12pt"}, {"color", "#ff0000"}}),
                                           rule("p", {{"margin-bottom", "6pt"}})}};
    core::Diagnostics diags;
    auto s = style::apply_styles(d, sheet, diags);
    ASSERT_FALSE(diags.has_errors());
    EXPECT_DOUBLE_EQ(s.style(3).font_size, 12);    // p inherits from document
    EXPECT_DOUBLE_EQ(s.style(3).margin_bottom, 6);
    EXPECT_DOUBLE_EQ(s.style(4).margin_bottom, 0);  // em does not inherit margins
    EXPECT_DOUBLE_EQ(s.style(5).color.c[0], 1.0);   // text inherits colour
}

TEST(Cascade, ClassBeatsElementAndElementClassBeatsClass) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("p.lead", {{"font-size", "20pt"}}), rule(".lead", {{"font-size", "15pt"}}),
                                           rule("p", {{"font-size", "9pt"}}), rule(".big", {{"font-weight", "bold"}})}};
    core::Diagnostics diags;
    auto s = style::apply_styles(d, sheet, diags);
    EXPECT_DOUBLE_EQ(s.style(3).font_size, 20);
    EXPECT_EQ(s.style(3).font_weight, 700);
    EXPECT_DOUBLE_EQ(s.style(6).font_size, 9);  // plain p
}

TEST(Cascade, HeadingsMatchByLevelAndEmIsRelativeToParent) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("document", {{"font-size", "10pt"}}),
                                           rule("h2", {{"font-size", "2em"}, {"margin-top", "1em"}})}};
    core::Diagnostics diags;
    auto s = style::apply_styles(d, sheet, diags);
    EXPECT_DOUBLE_EQ(s.style(1).font_size, 20);
    EXPECT_DOUBLE_EQ(s.style(1).margin_top, 20);  // em of the element's own size
}

TEST(Cascade, LaterRuleWinsAtEqualSpecificity) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("p", {{"color", "#000000"}}), rule("p", {{"color", "#00ff00"}})}};
    core::Diagnostics diags;
    auto s = style::apply_styles(d, sheet, diags);
    EXPECT_DOUBLE_EQ(s.style(3).color.c[1], 1.0);
}

TEST(Cascade, ReportsUnknownPropertyAndBadValueAtTheirPosition) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("p", {{"colour", "#000"}}, 4), rule("p", {{"font-size", "big"}}, 7)}};
    core::Diagnostics diags;
    style::apply_styles(d, sheet, diags);
    ASSERT_EQ(diags.error_count(), 2u);
    EXPECT_EQ(diags.all()[0].location.line, 4u);
    EXPECT_NE(diags.all()[0].message.find("unknown property 'colour'"), std::string::npos);
    EXPECT_EQ(diags.all()[1].location.line, 7u);
    EXPECT_NE(diags.all()[1].message.find("invalid value 'big' for font-size"), std::string::npos);
}

TEST(Cascade, PageMasterAndFooter) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("@page", {{"size", "A5"}, {"orientation", "landscape"}, {"margin", "10mm"}}),
                                           rule("@footer", {{"content", "{page}"}, {"font-size", "7pt"}})}};
    core::Diagnostics diags;
    auto s = style::apply_styles(d, sheet, diags);
    ASSERT_FALSE(diags.has_errors());
    EXPECT_GT(s.page.size.width, s.page.size.height);
    EXPECT_NEAR(s.page.margin_left, 28.3465, 1e-3);
    ASSERT_TRUE(s.footer);
    EXPECT_EQ(s.footer->content, "{page}");
    EXPECT_DOUBLE_EQ(s.footer->style.font_size, 7);
}

TEST(Cascade, BadPagePropertyIsAnError) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("@page", {{"size", "Z9"}, {"colums", "2"}}, 3)}};
    core::Diagnostics diags;
    style::apply_styles(d, sheet, diags);
    EXPECT_EQ(diags.error_count(), 2u);
}

TEST(Cascade, NamedMastersStartFromTheDefaultPage) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("@page:cover", {{"margin", "0"}}),
                                           rule("@page", {{"size", "A5"}, {"column-count", "2"}, {"column-gap", "6mm"},
                                                          {"margin-inside", "20mm"}, {"margin-outside", "12mm"}}),
                                           rule("@page:kover", {{"margin", "0"}}, 9)}};
    core::Diagnostics diags;
    auto s = style::apply_styles(d, sheet, diags);
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(diags.all()[0].location.line, 9u);
    EXPECT_NE(diags.all()[0].message.find("unknown page master 'kover'"), std::string::npos);
    const auto* cover = s.master("cover");
    ASSERT_NE(cover, nullptr);
    EXPECT_NEAR(cover->size.width, 148 * 72 / 25.4, 1e-6);  // A5 from the default
    EXPECT_DOUBLE_EQ(cover->margin_top, 0);
    EXPECT_EQ(s.page.columns, 2);
    EXPECT_NEAR(s.page.column_gap, 6 * 72 / 25.4, 1e-9);
    // Right-hand pages have the inside margin on the left, left-hand pages on the right.
    EXPECT_NEAR(s.page.content_box(false).x, 20 * 72 / 25.4, 1e-9);
    EXPECT_NEAR(s.page.content_box(true).x, 12 * 72 / 25.4, 1e-9);
    EXPECT_NEAR(s.page.column_width() * 2 + s.page.column_gap, s.page.content_box().width, 1e-9);
}

TEST(Cascade, APageReferenceMustNameADefinedMaster) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("h2", {{"page", "first"}}, 5)}};
    core::Diagnostics diags;
    style::apply_styles(d, sheet, diags);
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(diags.all()[0].location.line, 5u);
    EXPECT_NE(diags.all()[0].message.find("page master 'first' is not defined"), std::string::npos);
}

TEST(Cascade, FontFallbacksListsAndBreaks) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("document", {{"font-family", "Lato, 'DejaVu Sans', serif"}}),
                                           rule("ul", {{"list-style-type", "lower-roman"}}),
                                           rule("h2", {{"column-span", "all"}, {"break-before", "column"}}),
                                           rule("p", {{"page-break-before", "always"}})}};
    core::Diagnostics diags;
    auto s = style::apply_styles(d, sheet, diags);
    ASSERT_FALSE(diags.has_errors());
    EXPECT_EQ(s.style(0).font_family, "Lato");
    EXPECT_EQ(s.style(3).font_fallbacks, (std::vector<std::string>{"DejaVu Sans", "serif"}));  // inherited
    EXPECT_TRUE(s.style(1).column_span_all);
    EXPECT_EQ(s.style(1).break_before, style::Break::column);
    EXPECT_EQ(s.style(3).break_before, style::Break::page);
    EXPECT_FALSE(s.style(4).column_span_all);  // not inherited
}

TEST(Cascade, NamedPartsAndMasterFooters) {
    auto d = small_doc();
    style::Stylesheet sheet{"s.xml", "t", {rule("document", {{"color", "#ff0000"}}),
                                           rule("cover-title", {{"font-size", "40pt"}}),
                                           rule("@footer:left", {{"content", "{page}"}}),
                                           rule("@footer:cover", {{"content", "x"}}, 8)}};
    core::Diagnostics diags;
    auto s = style::apply_styles(d, sheet, diags);
    ASSERT_EQ(diags.error_count(), 1u);  // no running content on the cover
    EXPECT_EQ(diags.all()[0].location.line, 8u);
    EXPECT_DOUBLE_EQ(s.named_style("cover-title").font_size, 40);
    EXPECT_DOUBLE_EQ(s.named_style("cover-title").color.c[0], 1.0);  // inherits from the root
    ASSERT_EQ(s.master_footers.size(), 1u);
    EXPECT_EQ(s.master_footers[0].first, "left");
}
