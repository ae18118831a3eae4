// Unit tests of what issue 7 added to the HTML writer: the WCAG contrast computation and its
// warnings, Open Graph and date metadata, the print page list, cross-references, unique aside
// names, images as data URIs or external assets, and the CSS for narrow screens and page markers.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "doc/document.hpp"
#include "html/assets.hpp"
#include "html/contrast.hpp"
#include "html/write_html.hpp"
#include "layout/layout.hpp"
#include "realize/realize.hpp"
#include "html_tree.hpp"
#include "layout/paged_document.hpp"
#include "style/computed.hpp"

namespace {

using folio::core::Color;
using folio::doc::Document;
using folio::doc::Node;
using folio::doc::NodeId;
using folio::doc::NodeKind;
using folio::html::HtmlOptions;
using folio::html::write_html;

using folio::test::add;
using folio::test::add_with_text;

/// A styled document whose every node has the default style.
folio::style::StyledDocument styled_of(const Document& d) {
    folio::style::StyledDocument s;
    s.document = &d;
    s.reset_styles(d.nodes.size());
    return s;
}

/// Title, a section "a" with a paragraph, a section "b" with a paragraph.
struct Small {
    Document d;
    NodeId root = 0, a = 0, a_para = 0, b = 0, b_para = 0;
};

Small small() {
    Small s;
    Document& d = s.d;
    d.meta.title = "T";
    d.meta.language = "en";
    s.root = add(d, folio::doc::no_node, NodeKind::document);
    d.nodes[add_with_text(d, s.root, NodeKind::heading, "T")].level = 1;
    s.a = add(d, s.root, NodeKind::section);
    d.nodes[s.a].id = "a";
    d.nodes[add_with_text(d, s.a, NodeKind::heading, "Alpha & <co>")].level = 2;
    s.a_para = add_with_text(d, s.a, NodeKind::paragraph, "First.");
    s.b = add(d, s.root, NodeKind::section);
    d.nodes[s.b].id = "b";
    d.nodes[add_with_text(d, s.b, NodeKind::heading, "Beta")].level = 2;
    s.b_para = add_with_text(d, s.b, NodeKind::paragraph, "Second.");
    return s;
}

folio::layout::PagedDocument pages_starting_at(const std::vector<NodeId>& first_nodes) {
    folio::layout::PagedDocument pages;
    for (NodeId id : first_nodes) {
        folio::layout::Page p;
        p.first_node = id;
        pages.pages.push_back(p);
    }
    return pages;
}

bool has(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

Color hex(unsigned v) {
    return Color::rgb(((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0);
}

// --- contrast ---------------------------------------------------------------------------------

TEST(Contrast, RatiosOfKnownPairs) {
    using folio::html::contrast_ratio;
    EXPECT_NEAR(contrast_ratio(hex(0x777777), hex(0xffffff)), 4.48, 0.005);
    EXPECT_NEAR(contrast_ratio(hex(0x000000), hex(0xffffff)), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(hex(0xffffff), hex(0x000000)), 21.0, 1e-9);  // either order
    EXPECT_NEAR(contrast_ratio(hex(0x123456), hex(0x123456)), 1.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(hex(0x767676), hex(0xffffff)), 4.54, 0.005);  // the lightest AA grey
    EXPECT_NEAR(contrast_ratio(hex(0x0b3d91), hex(0xffffff)), 10.04, 0.005);
    // CMYK is judged as the HTML shows it: 100% K is black
    EXPECT_NEAR(contrast_ratio(Color::cmyk(0, 0, 0, 1), hex(0xffffff)), 21.0, 1e-9);
}

TEST(Contrast, LuminanceUsesTheSrgbCurve) {
    using folio::html::relative_luminance;
    EXPECT_DOUBLE_EQ(relative_luminance(hex(0x000000)), 0.0);
    EXPECT_NEAR(relative_luminance(hex(0xffffff)), 1.0, 1e-12);
    EXPECT_NEAR(relative_luminance(hex(0x0a0a0a)), (10 / 255.0) / 12.92, 1e-12);  // linear part
    EXPECT_NEAR(relative_luminance(hex(0xff0000)), 0.2126, 1e-12);
}

TEST(Contrast, LargeTextThresholds) {
    using folio::html::minimum_ratio;
    EXPECT_EQ(minimum_ratio(11, 400), 4.5);
    EXPECT_EQ(minimum_ratio(18, 400), 3.0);
    EXPECT_EQ(minimum_ratio(17.9, 400), 4.5);
    EXPECT_EQ(minimum_ratio(14, 700), 3.0);
    EXPECT_EQ(minimum_ratio(14, 600), 4.5);
    EXPECT_EQ(minimum_ratio(13.9, 900), 4.5);
}

TEST(Contrast, ShippedLikeColoursPass) {
    Small s = small();
    auto styled = styled_of(s.d);
    for (auto& st : styled.distinct_styles) st.color = hex(0x1d232b);
    EXPECT_TRUE(folio::html::check_contrast(styled, "style.xml").empty());
}

TEST(Contrast, WarnsOncePerPairAtTheFirstElementNamingBothColours) {
    Small s = small();
    auto styled = styled_of(s.d);
    for (NodeId id : {s.a_para, s.b_para}) {
        styled.own_style(id).color = hex(0x777777);
        styled.own_style(s.d.node(id).children.front()).color = hex(0x777777);
    }
    const auto warnings = folio::html::check_contrast(styled, "style.xml");
    ASSERT_EQ(warnings.size(), 1U);
    const auto& w = warnings.front();
    EXPECT_EQ(w.severity, folio::core::Severity::warning);
    EXPECT_EQ(w.code, "style.contrast");
    EXPECT_EQ(w.location.file, "doc.xml");
    EXPECT_EQ(w.location.line, s.d.node(s.a_para).location.line);
    EXPECT_TRUE(has(w.message, "#777777")) << w.message;
    EXPECT_TRUE(has(w.message, "#ffffff")) << w.message;
    EXPECT_TRUE(has(w.message, "4.48:1")) << w.message;
    EXPECT_TRUE(has(w.message, "needs 4.5:1")) << w.message;
    EXPECT_TRUE(has(w.message, "1 more")) << w.message;
}

TEST(Contrast, BackgroundComesFromTheNearestAncestorThenThePage) {
    Small s = small();
    auto styled = styled_of(s.d);
    styled.page.background = hex(0x000000);  // white text would pass on the page...
    for (auto& st : styled.distinct_styles) st.color = hex(0xffffff);
    styled.own_style(s.b).background = hex(0xeeeeee);  // ...but not on section b's light grey
    const auto warnings = folio::html::check_contrast(styled, "style.xml");
    ASSERT_EQ(warnings.size(), 1U);
    EXPECT_EQ(warnings.front().location.line, s.d.node(s.d.node(s.b).children.front()).location.line);
    EXPECT_TRUE(has(warnings.front().message, "#ffffff on background #eeeeee"));
}

TEST(Contrast, TextOnABackgroundThePagesDoNotDrawIsReported) {
    // White text in a section with a dark background: fine as styled, invisible when layout
    // loses the box (issue 16: a spanning aside in the PDF).
    Small s = small();
    auto styled = styled_of(s.d);
    styled.own_style(s.b).background = hex(0x0b3d91);
    const NodeId text = s.d.node(s.b_para).children.front();
    for (NodeId id = s.b + 1; id < s.d.nodes.size(); ++id) styled.own_style(id).color = hex(0xffffff);
    folio::layout::PagedDocument pages;
    pages.pages.emplace_back();
    folio::layout::GlyphRun run;
    run.node = text;
    run.color = hex(0xffffff);
    run.size = 10;
    run.origin = {50, 100};
    pages.pages[0].items.emplace_back(run);
    EXPECT_TRUE(folio::html::check_contrast(styled, "style.xml").empty());
    const auto warnings = folio::html::check_drawn_backgrounds(styled, pages);
    ASSERT_EQ(warnings.size(), 1U);
    EXPECT_EQ(warnings.front().code, "style.contrast-undrawn");
    EXPECT_TRUE(has(warnings.front().message, "#ffffff is set on background #0b3d91, but page 1 draws #ffffff"))
        << warnings.front().message;
    // With the box drawn beneath the text, nothing to report.
    pages.pages[0].items.insert(pages.pages[0].items.begin(),
                                folio::layout::FilledRect{{40, 80, 200, 40}, hex(0x0b3d91), s.b});
    EXPECT_TRUE(folio::html::check_drawn_backgrounds(styled, pages).empty());
}

TEST(Contrast, LargeTextNeedsOnlyThree) {
    Small s = small();
    auto styled = styled_of(s.d);
    for (auto& st : styled.distinct_styles) {
        st.color = hex(0x8a8a8a);  // 3.45:1 on white
        st.font_size = 18;
    }
    EXPECT_TRUE(folio::html::check_contrast(styled, "style.xml").empty());
    for (auto& st : styled.distinct_styles) st.font_size = 12;
    EXPECT_EQ(folio::html::check_contrast(styled, "style.xml").size(), 1U);
}

TEST(Contrast, RunningFooterIsCheckedAgainstThePage) {
    Small s = small();
    auto styled = styled_of(s.d);
    folio::style::RunningContent footer;
    footer.content = "{page}";
    footer.style.color = hex(0xaaaaaa);
    footer.style.font_size = 7.5;
    styled.footer = footer;
    const auto warnings = folio::html::check_contrast(styled, "styles/x.xml");
    ASSERT_EQ(warnings.size(), 1U);
    EXPECT_EQ(warnings.front().location.file, "styles/x.xml");
    EXPECT_TRUE(has(warnings.front().message, "running footer colour #aaaaaa"));
}

// --- head, navigation, references --------------------------------------------------------------

TEST(HtmlA11y, OpenGraphDateAndAuthorMetadata) {
    Small s = small();
    s.d.meta.description = "Say \"hi\" & <bye>";
    s.d.meta.author = "Ádám Ő";
    s.d.meta.date = "2024-03-31";
    HtmlOptions options;
    options.pdf_name = "t.pdf";
    const std::string html = write_html(styled_of(s.d), nullptr, options);
    EXPECT_TRUE(has(html, "<meta property=\"og:title\" content=\"T\">"));
    EXPECT_TRUE(has(html, "<meta property=\"og:description\" content=\"Say &quot;hi&quot; &amp; "
                          "&lt;bye&gt;\">"));
    EXPECT_TRUE(has(html, "<meta property=\"og:type\" content=\"article\">"));
    EXPECT_TRUE(has(html, "<meta name=\"author\" content=\"Ádám Ő\">"));
    EXPECT_TRUE(has(html, "<meta name=\"dcterms.date\" content=\"2024-03-31\">"));
    EXPECT_TRUE(has(html, "<p><a href=\"t.pdf\" type=\"application/pdf\">Print edition (PDF)</a></p>"));
}

TEST(HtmlA11y, PageListLinksEveryMarker) {
    Small s = small();
    const auto pages = pages_starting_at({s.root, s.b, s.b_para});
    const std::string html = write_html(styled_of(s.d), &pages, HtmlOptions{});
    EXPECT_TRUE(has(html, "<nav class=\"page-list\" aria-label=\"Print pages\">\n"
                          "<p aria-hidden=\"true\">Print pages</p>\n<ol>\n"
                          "<li><a href=\"#page-1\" aria-label=\"Page 1\">1</a></li>\n"
                          "<li><a href=\"#page-2\" aria-label=\"Page 2\">2</a></li>\n"
                          "<li><a href=\"#page-3\" aria-label=\"Page 3\">3</a></li>\n</ol>\n</nav>"))
        << html;
    // the page list follows the contents and precedes <main>
    EXPECT_LT(html.find("class=\"contents\""), html.find("class=\"page-list\""));
    EXPECT_LT(html.find("class=\"page-list\""), html.find("<main"));
    for (const char* id : {"id=\"page-1\"", "id=\"page-2\"", "id=\"page-3\""}) {
        EXPECT_TRUE(has(html, id)) << id;
    }
}

TEST(HtmlA11y, MarkerOfAPageStartingWithAHeadingStandsBeforeItsSection) {
    Small s = small();
    const NodeId heading_b = s.d.node(s.b).children.front();
    const auto pages = pages_starting_at({s.root, heading_b});
    const std::string html = write_html(styled_of(s.d), &pages, HtmlOptions{});
    EXPECT_TRUE(has(html, "<hr role=\"doc-pagebreak\" aria-label=\"Page 2\" id=\"page-2\">\n"
                          "<section id=\"b\""))
        << html;
}

TEST(HtmlA11y, NoPageListWithoutPages) {
    Small s = small();
    const std::string html = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    EXPECT_FALSE(has(html, "page-list\" aria-label"));
}

/// Adds to section b a paragraph "See <ref to="a"/>" and returns it.
NodeId add_reference_to_a(Small& s) {
    const NodeId p = add(s.d, s.b, NodeKind::paragraph);
    add(s.d, p, NodeKind::text, "See ");
    const NodeId ref = add(s.d, p, NodeKind::link);
    s.d.nodes[ref].reference = true;
    s.d.nodes[ref].href = "#a";
    return p;
}

TEST(HtmlA11y, CrossReferencePageComesFromTheLayoutsPageMap) {
    // The page of a cross-reference's target is layout's fact (its PageMap), not found again by
    // scanning the items: here no item on any page names the target at all.
    Small s = small();
    add_reference_to_a(s);
    const folio::style::StyledDocument styled = styled_of(s.d);
    folio::core::Diagnostics diags;
    const folio::realize::RealizedDocument realized = folio::realize::realize(styled, diags);
    folio::layout::LayoutResult laid{pages_starting_at({s.root, s.b, s.b_para}), {}};
    laid.pages.emplace(s.a, 2);  // 0-based: the third page
    const std::string html = write_html(realized, &laid, HtmlOptions{});
    EXPECT_TRUE(has(html, "See <a href=\"#a\">Alpha &amp; &lt;co&gt;</a>, <a href=\"#page-3\">page 3</a>"))
        << html;
    folio::layout::LayoutResult elsewhere{pages_starting_at({s.root, s.b, s.b_para}), {}};
    elsewhere.pages.emplace(s.a, 1);
    EXPECT_TRUE(has(write_html(realized, &elsewhere, HtmlOptions{}), "<a href=\"#page-2\">page 2</a>"));
    EXPECT_TRUE(diags.all().empty());
}

TEST(HtmlA11y, CrossReferenceNamesTheTargetAndItsPage) {
    Small s = small();
    const NodeId p = add_reference_to_a(s);
    add(s.d, p, NodeKind::text, ".");
    folio::layout::PagedDocument pages = pages_starting_at({s.root, s.a});
    folio::layout::Anchor anchor;
    anchor.node = s.a_para;
    pages.pages[1].items.emplace_back(anchor);
    const std::string html = write_html(styled_of(s.d), &pages, HtmlOptions{});
    EXPECT_TRUE(has(html, "See <a href=\"#a\">Alpha &amp; &lt;co&gt;</a>, "
                          "<a href=\"#page-2\">page 2</a>."))
        << html;
    // without pages: the title alone
    const std::string bare = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    EXPECT_TRUE(has(bare, "See <a href=\"#a\">Alpha &amp; &lt;co&gt;</a>."));
}

TEST(HtmlA11y, AsideNamesAreUnique) {
    Small s = small();
    for (int i = 0; i < 3; ++i) add_with_text(s.d, add(s.d, s.a, NodeKind::aside), NodeKind::paragraph, "x");
    const NodeId tip1 = add(s.d, s.b, NodeKind::aside);
    s.d.nodes[tip1].label = "Tip \"1\"";
    const NodeId tip2 = add(s.d, s.b, NodeKind::aside);
    s.d.nodes[tip2].label = "Tip \"1\"";
    const std::string html = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    for (const char* name : {"\"Note\"", "\"Note 2\"", "\"Note 3\"", "\"Tip &quot;1&quot;\"",
                             "\"Tip &quot;1&quot; 2\""}) {
        EXPECT_TRUE(has(html, std::string("<aside aria-label=") + name + ">")) << name;
    }
}

TEST(HtmlA11y, ContentsTitleNamesTheNavigation) {
    Small s = small();
    const NodeId c = add(s.d, s.root, NodeKind::contents);
    s.d.nodes[c].label = "Tartalom & <más>";
    const std::string html = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    EXPECT_TRUE(has(html, "<nav class=\"contents\" aria-label=\"Tartalom &amp; &lt;más&gt;\">"));
    EXPECT_TRUE(has(html, "<li><a href=\"#a\">Alpha &amp; &lt;co&gt;</a></li>"));
}

// --- images --------------------------------------------------------------------------------------

TEST(HtmlAssets, Base64) {
    using folio::html::base64;
    EXPECT_EQ(base64(""), "");
    EXPECT_EQ(base64("f"), "Zg==");
    EXPECT_EQ(base64("fo"), "Zm8=");
    EXPECT_EQ(base64("foo"), "Zm9v");
    EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64(std::string("\xff\x00\xfe", 3)), "/wD+");
}

/// A document with a cover image and two figures, one of them using the cover's file again.
struct Illustrated {
    Document d;
    std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "png-bytes";
    std::string jpeg = "\xff\xd8\xff jpeg";
    HtmlOptions options;
};

void illustrate(Illustrated& x) {
    Document& d = x.d;
    d.source_path = "/src/doc.xml";
    d.meta.cover.present = true;
    d.meta.cover.image = "/src/img/cover photo.jpg";
    d.meta.cover.alt = "A \"cover\"";
    d.meta.cover.tagline = "Tag & line";
    const NodeId root = add(d, folio::doc::no_node, NodeKind::document);
    const NodeId f1 = add(d, root, NodeKind::figure);
    d.nodes[f1].src = "/src/img/map.png";
    d.nodes[f1].alt = "Map";
    const NodeId f2 = add(d, root, NodeKind::figure);
    d.nodes[f2].src = "/src/other/map.png";  // same file name, another folder
    d.nodes[f2].alt = "Map 2";
    x.options.images = {{"/src/img/cover photo.jpg", "image/jpeg", x.jpeg},
                        {"/src/img/map.png", "image/png", x.png},
                        {"/src/other/map.png", "image/png", x.png}};
}

TEST(HtmlAssets, ImagesAreDataUrisOfTheOriginalBytes) {
    Illustrated x;
    illustrate(x);
    const std::string html = write_html(styled_of(x.d), nullptr, x.options);
    EXPECT_TRUE(has(html, "<img class=\"cover\" src=\"data:image/jpeg;base64," +
                              folio::html::base64(x.jpeg) + "\" alt=\"A &quot;cover&quot;\">"))
        << html;
    EXPECT_TRUE(has(html, "<p class=\"tagline\">Tag &amp; line</p>"));
    EXPECT_TRUE(has(html, "<img src=\"data:image/png;base64," + folio::html::base64(x.png) +
                              "\" alt=\"Map\">"));
    EXPECT_FALSE(has(html, "/src/"));
    EXPECT_TRUE(folio::html::external_assets(x.options).empty());
}

TEST(HtmlAssets, ExternalAssetsHaveUniqueSafeNamesBesideTheHtml) {
    Illustrated x;
    illustrate(x);
    x.options.external_assets = true;
    x.options.assets_folder = "doc-assets";
    const std::string html = write_html(styled_of(x.d), nullptr, x.options);
    EXPECT_TRUE(has(html, "src=\"doc-assets/cover-photo.jpg\""));
    EXPECT_TRUE(has(html, "<img src=\"doc-assets/map.png\" alt=\"Map\">"));
    EXPECT_TRUE(has(html, "<img src=\"doc-assets/map-2.png\" alt=\"Map 2\">"));
    EXPECT_FALSE(has(html, "data:"));
    const auto assets = folio::html::external_assets(x.options);
    ASSERT_EQ(assets.size(), 3U);
    EXPECT_EQ(assets[0].relative_path, "doc-assets/cover-photo.jpg");
    EXPECT_EQ(assets[1].relative_path, "doc-assets/map.png");
    EXPECT_EQ(assets[2].relative_path, "doc-assets/map-2.png");
    EXPECT_EQ(assets[1].bytes, x.png);
}

TEST(HtmlAssets, AnImageNotGivenIsReferredToRelativeToTheSource) {
    Illustrated x;
    illustrate(x);
    x.options.images.clear();
    const std::string html = write_html(styled_of(x.d), nullptr, x.options);
    EXPECT_TRUE(has(html, "<img src=\"img/map.png\" alt=\"Map\">"));
    EXPECT_TRUE(has(html, "src=\"img/cover photo.jpg\""));
}

// --- CSS -----------------------------------------------------------------------------------------

TEST(HtmlCss, JustifiedTextAlignsLeftOnNarrowScreens) {
    Small s = small();
    auto styled = styled_of(s.d);
    for (auto& st : styled.distinct_styles) st.text_align = folio::style::TextAlign::justify;
    const std::string html = write_html(styled, nullptr, HtmlOptions{});
    EXPECT_TRUE(has(html, "@media (max-width:30em){body{text-align:left}}")) << html;
}

TEST(HtmlCss, PageMarkersAreLabelledInTheTextColour) {
    Small s = small();
    auto styled = styled_of(s.d);
    styled.own_style(s.root).color = hex(0x333333);
    styled.page.background = hex(0xfffff0);
    const std::string html = write_html(styled, nullptr, HtmlOptions{});
    EXPECT_TRUE(has(html, "hr[role=\"doc-pagebreak\"]{color:#333333;border-top-color:#bbbbb1}"))
        << html;
    EXPECT_TRUE(has(html, "hr[role=\"doc-pagebreak\"]::after{content:attr(aria-label)"));
    EXPECT_TRUE(has(html, ":focus-visible{outline:3px solid currentColor"));
    EXPECT_TRUE(has(html, ".visually-hidden{"));
}

}  // namespace

namespace {

TEST(HtmlTypography, SmartQuotesMatchThePdfWhenTheStyleAsks) {
    Small s = small();
    const NodeId p = add_with_text(s.d, s.a, NodeKind::paragraph, "He said \"yes\", it's done.");
    auto styled = styled_of(s.d);
    EXPECT_NE(write_html(styled, nullptr, HtmlOptions{}).find("He said \"yes\", it's done."), std::string::npos);
    for (auto& st : styled.distinct_styles) st.smart_quotes = true;
    const std::string html = write_html(styled, nullptr, HtmlOptions{});
    EXPECT_NE(html.find("He said \u201Cyes\u201D, it\u2019s done."), std::string::npos) << html;
    (void)p;
}

}  // namespace
