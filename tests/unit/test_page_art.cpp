// Page-master art in the HTML (html/page_art.hpp, issue 18): nothing for a document without art
// (its style sheet keeps its bytes), the first page's master chosen as the PDF does, bands kept on
// the page in the printed backgrounds, the header band's layers in painting order.

#include <gtest/gtest.h>

#include <string>

#include "doc/document.hpp"
#include "html/page_art.hpp"
#include "html_tree.hpp"
#include "realize/realize.hpp"

namespace {

using namespace folio;

struct ArtDoc {
    doc::Document d;
    style::StyledDocument s;
    core::Diagnostics diags;
    ArtDoc() {
        test::add_with_text(d, d.root(), doc::NodeKind::paragraph, "Text");
        s.document = &d;
        s.reset_styles(d.nodes.size());
    }
    style::PageStyle& master(const std::string& name) {
        style::PageStyle m = s.page;
        m.name = name;
        s.masters.push_back(m);
        return s.masters.back();
    }
    std::string rules() { return html::page_art_rules(realize::realize(s, diags), {}); }
};

style::Band band(style::Band::Edge edge, double size, core::Color c) { return {edge, size, c}; }

/// The SVG of the first @page background in `css`, decoded.
std::string page_svg(const std::string& css) {
    const std::string key = "@page{background:url(\"data:image/svg+xml;base64,";
    const auto at = css.find(key);
    if (at == std::string::npos) return "";
    const auto from = at + key.size();
    const std::string b64 = css.substr(from, css.find('"', from) - from);
    std::string out;
    int bits = 0, value = 0;
    for (char ch : b64) {
        const auto pos = std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").find(ch);
        if (pos == std::string::npos) break;
        value = (value << 6) | static_cast<int>(pos);
        if ((bits += 6) >= 8) out += static_cast<char>((value >> (bits -= 8)) & 0xff);
    }
    return out;
}

TEST(PageArt, NothingWithoutArt) {
    ArtDoc t;
    t.master("cover").background = core::Color::rgb(0, 0, 1);  // a colour is not art
    EXPECT_EQ(t.rules(), "");
}

TEST(PageArt, TheFirstPageIsTheCoverWhenThereIsOneElseFirstElseRight) {
    ArtDoc t;
    t.master("right");
    t.master("first");
    EXPECT_EQ(&html::first_page_master(t.s), t.s.master("first"));
    t.d.meta.cover.present = true;
    EXPECT_EQ(&html::first_page_master(t.s), &t.s.page);  // (no cover master: the default page)
    t.master("cover");
    EXPECT_EQ(&html::first_page_master(t.s), t.s.master("cover"));
}

TEST(PageArt, APrintedBandStaysOnThePageHoweverDeep) {
    ArtDoc t;
    t.s.page.art.bands = {band(style::Band::Edge::bottom, 5000, core::Color::rgb(1, 0, 0))};
    const std::string css = t.rules();
    const std::string svg = page_svg(css);
    EXPECT_NE(svg.find("<rect x=\"0\" y=\"0\" width=\"595.276\" height=\"841.89\" fill=\"#ff0000\"/>"), std::string::npos)
        << svg;
    EXPECT_NE(css.find("@media screen{body::after{content:\"\";display:block;height:12px;background:#ff0000}}"),
              std::string::npos)
        << css;  // (a strip of at most 12 px on screen)
}

TEST(PageArt, TheHeaderBandPaintsTheLastBandOnTopInProportionToThePage) {
    ArtDoc t;
    t.d.meta.cover.present = true;
    style::PageStyle& cover = t.master("cover");
    cover.art.bands = {band(style::Band::Edge::top, 841.89 / 5, core::Color::rgb(0, 0, 1)),
                       band(style::Band::Edge::left, 595.276 / 10, core::Color::rgb(0, 1, 0))};
    const std::string css = t.rules();
    EXPECT_NE(css.find(".page-art::after{content:\"\";position:absolute;inset:0;background:"
                       "linear-gradient(#00ff00,#00ff00) left top/10% 100% no-repeat,"
                       "linear-gradient(#0000ff,#0000ff) left top/100% 20% no-repeat}"),
              std::string::npos)
        << css;
    EXPECT_NE(css.find("@page :first{background:url("), std::string::npos);  // the cover's bands on page 1
    EXPECT_NE(css.find("@page{background:none}"), std::string::npos);         // none on the others
    std::string header;
    html::append_header_art(header, realize::realize(t.s, t.diags));
    EXPECT_EQ(header, "<div class=\"page-art\" aria-hidden=\"true\"></div>\n");
}

}  // namespace
