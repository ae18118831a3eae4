// Unit tests of the HTML writer: documents built by hand, output checked by structure (landmarks,
// heading ranks, ids), escaping, page markers and the derived CSS.

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "html/markup.hpp"
#include "html/write_html.hpp"
#include "html_tree.hpp"
#include "layout/paged_document.hpp"
#include "style/computed.hpp"

namespace {

using folio::doc::Document;
using folio::doc::Node;
using folio::doc::NodeId;
using folio::doc::NodeKind;
using folio::html::HtmlOptions;
using folio::html::write_html;

using folio::test::add;
using folio::test::add_with_text;

/// Adds a section and its heading; returns the section.
NodeId add_section(Document& d, NodeId parent, const std::string& id, int level,
                   const std::string& title) {
    const NodeId s = add(d, parent, NodeKind::section);
    d.nodes[s].id = id;
    const NodeId h = add_with_text(d, s, NodeKind::heading, title);
    d.nodes[h].level = static_cast<std::uint8_t>(level);
    return s;
}

/// Inherits every property of a node's style from its parent's, as the cascade would.
folio::style::StyledDocument styled_of(const Document& d) {
    folio::style::StyledDocument s;
    s.document = &d;
    s.reset_styles(d.nodes.size());
    return s;
}

/// Node ids of the sample document, for placing page breaks and styles.
struct Sample {
    Document d;
    NodeId title = 0, subtitle = 0, intro = 0, lead = 0, plain = 0, nested = 0, list = 0,
           second_item = 0, second = 0, figure = 0, quote = 0, aside = 0, note = 0, hungarian = 0;
};

/// A document with every block and inline kind, an untitled section, and tricky characters.
Sample sample() {
    Sample s;
    Document& d = s.d;
    d.meta.title = "Annual “Report” & <more>";
    d.meta.organisation = "IOM Budapest";
    d.meta.language = "en";
    d.meta.keywords = {"IOM", "Budapest"};
    d.meta.description = "What \"we\" do";
    const NodeId root = add(d, folio::doc::no_node, NodeKind::document);
    s.title = add_with_text(d, root, NodeKind::heading, "Annual “Report” & <more>");
    d.nodes[s.title].level = 1;
    s.subtitle = add_with_text(d, root, NodeKind::paragraph, "The subtitle");
    d.nodes[s.subtitle].classes = "subtitle";

    s.intro = add_section(d, root, "intro", 2, "Introduction");
    s.lead = add(d, s.intro, NodeKind::paragraph);
    d.nodes[s.lead].classes = "lead";
    add(d, s.lead, NodeKind::text, "a < b & \"c\" 'd' ");
    add_with_text(d, s.lead, NodeKind::emphasis, "emph");
    add(d, s.lead, NodeKind::line_break);
    add_with_text(d, s.lead, NodeKind::strong, "bold");
    const NodeId ext = add_with_text(d, s.lead, NodeKind::link, "external");
    d.nodes[ext].href = "https://example.org/?a=1&b=\"2\"'";
    const NodeId internal = add_with_text(d, s.lead, NodeKind::link, "internal");
    d.nodes[internal].href = "#intro";
    s.plain = add_with_text(d, s.intro, NodeKind::paragraph, "Plain paragraph.");

    s.nested = add_section(d, s.intro, "", 3, "Nested");
    s.list = add(d, s.nested, NodeKind::list);
    add_with_text(d, s.list, NodeKind::list_item, "one");
    s.second_item = add_with_text(d, s.list, NodeKind::list_item, "two");
    const NodeId ol = add(d, s.nested, NodeKind::list);
    d.nodes[ol].ordered = true;
    add_with_text(d, ol, NodeKind::list_item, "first");

    s.second = add_section(d, root, "", 2, "Második ő");
    s.figure = add(d, s.second, NodeKind::figure);
    d.nodes[s.figure].src = "img/map.png";
    d.nodes[s.figure].alt = "A map of \"Europe\"";
    add_with_text(d, s.figure, NodeKind::caption, "The map");
    s.quote = add(d, s.second, NodeKind::block_quote);
    add_with_text(d, s.quote, NodeKind::paragraph, "Quoted.");
    s.aside = add(d, s.second, NodeKind::aside);
    d.nodes[s.aside].label = "Tip";
    add_with_text(d, s.aside, NodeKind::paragraph, "A tip.");
    s.note = add(d, s.second, NodeKind::aside);
    add_with_text(d, s.note, NodeKind::paragraph, "A note.");
    s.hungarian = add_with_text(d, s.second, NodeKind::paragraph, "árvíztűrő „tükörfúrógép”");
    d.nodes[s.hungarian].lang = "hu";
    return s;
}

/// The ranks of the <h1>..<h6> start tags, in document order.
std::vector<int> heading_ranks(const std::string& html) {
    std::vector<int> ranks;
    for (std::size_t at = html.find("<h"); at != std::string::npos; at = html.find("<h", at + 1)) {
        const char digit = html[at + 2];
        const char after = html[at + 3];
        if (digit >= '1' && digit <= '6' && (after == ' ' || after == '>'))
            ranks.push_back(digit - '0');
    }
    return ranks;
}

/// Number of occurrences of `needle`.
std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1))
        ++n;
    return n;
}

/// The text of the <style> element.
std::string css_of(const std::string& html) {
    const auto begin = html.find("<style>");
    const auto end = html.find("</style>");
    return begin == std::string::npos || end == std::string::npos ? ""
                                                                  : html.substr(begin, end - begin);
}

/// The <body> element and what follows.
std::string body_of(const std::string& html) { return html.substr(html.find("<body>")); }

/// A paged document whose pages start at `first_nodes`.
folio::layout::PagedDocument pages_starting_at(const std::vector<NodeId>& first_nodes) {
    folio::layout::PagedDocument pages;
    for (NodeId id : first_nodes) {
        folio::layout::Page p;
        p.first_node = id;
        pages.pages.push_back(p);
    }
    return pages;
}

TEST(Html, HeadHasLanguageMetadataAndPdfAlternate) {
    const Sample s = sample();
    HtmlOptions options;
    options.pdf_name = "report & co.pdf";
    const std::string html = write_html(styled_of(s.d), nullptr, options);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0U) << html.substr(0, 60);
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
              std::string::npos);
    EXPECT_NE(html.find("<title>Annual “Report” &amp; &lt;more&gt;</title>"), std::string::npos);
    EXPECT_NE(html.find("<meta name=\"description\" content=\"What &quot;we&quot; do\">"),
              std::string::npos);
    EXPECT_NE(html.find("<meta name=\"author\" content=\"IOM Budapest\">"), std::string::npos);
    EXPECT_NE(html.find("<meta name=\"keywords\" content=\"IOM, Budapest\">"), std::string::npos);
    EXPECT_NE(html.find("<meta name=\"generator\" content=\"folio\">"), std::string::npos);
    EXPECT_NE(
        html.find("<link rel=\"alternate\" type=\"application/pdf\" href=\"report &amp; co.pdf\" "
                  "title=\"PDF (print edition)\">"),
        std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(Html, NoPdfAlternateWithoutPdfName) {
    const Sample s = sample();
    const std::string html = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    EXPECT_EQ(html.find("application/pdf"), std::string::npos);
}

TEST(Html, LanguageIsUndeterminedWhenTheSourceGivesNone) {
    Sample s = sample();
    s.d.meta.language.clear();
    const std::string html = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    EXPECT_NE(html.find("<html lang=\"und\">"), std::string::npos);
}

TEST(Html, LandmarksInReadingOrderWithSkipLinkFirst) {
    const Sample s = sample();
    const std::string body = body_of(write_html(styled_of(s.d), nullptr, HtmlOptions{}));
    const auto skip = body.find("<a class=\"skip-link\" href=\"#content\">Skip to content</a>");
    ASSERT_NE(skip, std::string::npos);
    EXPECT_EQ(skip, body.find("<a"));  // the first focusable element
    EXPECT_EQ(body.find("href"), body.find("href=\"#content\""));
    const auto header = body.find("<header>");
    const auto nav = body.find("<nav class=\"contents\" aria-label=\"Contents\">");
    const auto main = body.find("<main id=\"content\">");
    const auto footer = body.find("<footer>");
    ASSERT_NE(header, std::string::npos);
    ASSERT_NE(nav, std::string::npos);
    ASSERT_NE(main, std::string::npos);
    ASSERT_NE(footer, std::string::npos);
    EXPECT_LT(skip, header);
    EXPECT_LT(header, nav);
    EXPECT_LT(nav, main);
    EXPECT_LT(main, footer);
    EXPECT_NE(body.find("<footer>\n<p>IOM Budapest</p>\n</footer>"), std::string::npos);
    EXPECT_EQ(count(body, "<main"), 1U);
}

TEST(Html, TitleIsTheOnlyH1AndHeadingsSkipNoLevel) {
    const Sample s = sample();
    const std::string html = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    const std::vector<int> ranks = heading_ranks(html);
    EXPECT_EQ(ranks, (std::vector<int>{1, 2, 3, 2}));
    for (std::size_t i = 1; i < ranks.size(); ++i) EXPECT_LE(ranks[i], ranks[i - 1] + 1) << i;
    const auto header = html.find("<header>");
    EXPECT_NE(html.find("<header>\n<h1>Annual “Report” &amp; &lt;more&gt;</h1>\n"
                        "<p class=\"subtitle\">The subtitle</p>\n</header>"),
              std::string::npos)
        << html.substr(header, 200);
}

TEST(Html, SubtitleFromMetadataWhenTheTreeHasNone) {
    Document d;
    d.meta.title = "T";
    d.meta.subtitle = "Sub & title";
    const NodeId root = add(d, folio::doc::no_node, NodeKind::document);
    d.nodes[add_with_text(d, root, NodeKind::heading, "T")].level = 1;
    add_section(d, root, "a", 2, "A");
    const std::string html = write_html(styled_of(d), nullptr, HtmlOptions{});
    EXPECT_NE(html.find("<p class=\"subtitle\">Sub &amp; title</p>\n</header>"), std::string::npos);
}

TEST(Html, SectionsAreLabelledByTheirHeadingsAndListedInNav) {
    const Sample s = sample();
    const std::string html = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    const std::regex section_tag(
        "<section id=\"([^\"]+)\" aria-labelledby=\"([^\"]+)\">\n<h([1-6]) id=\"([^\"]+)\">");
    std::vector<std::string> ids;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), section_tag);
         it != std::sregex_iterator(); ++it) {
        EXPECT_EQ((*it)[2], (*it)[4]) << it->str();
        ids.push_back((*it)[1]);
    }
    // untitled sections are numbered among all sections in document order
    EXPECT_EQ(ids, (std::vector<std::string>{"intro", "section-2", "section-3"}));
    EXPECT_EQ(count(html, "<section"), 3U);
    EXPECT_NE(html.find("<nav class=\"contents\" aria-label=\"Contents\">\n<ol>\n"
                        "<li><a href=\"#intro\">Introduction</a></li>\n"
                        "<li><a href=\"#section-3\">Második ő</a></li>\n</ol>\n</nav>"),
              std::string::npos);
}

TEST(Html, GeneratedIdsAvoidIdsOfTheSource) {
    Document d;
    const NodeId root = add(d, folio::doc::no_node, NodeKind::document);
    const NodeId taken = add_with_text(d, root, NodeKind::paragraph, "x");
    d.nodes[taken].id = "section-2";
    add_section(d, root, "section-1-title", 2, "A");
    add_section(d, root, "", 2, "B");
    const std::string html = write_html(styled_of(d), nullptr, HtmlOptions{});
    EXPECT_NE(
        html.find("<section id=\"section-1-title\" aria-labelledby=\"section-1-title-title\">"),
        std::string::npos);
    EXPECT_NE(html.find("<section id=\"section-2-2\" aria-labelledby=\"section-2-2-title\">"),
              std::string::npos);
    EXPECT_EQ(count(html, "id=\"section-2\""), 1U);
}

TEST(Html, BlocksAndInlinesBecomeTheirElements) {
    const Sample s = sample();
    const std::string html = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    EXPECT_NE(
        html.find(
            "<p class=\"lead\">a &lt; b &amp; \"c\" 'd' <em>emph</em><br><strong>bold</strong>"),
        std::string::npos);
    EXPECT_NE(html.find("<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n</ol>"),
              std::string::npos);
    EXPECT_NE(html.find("<figure>\n<img src=\"img/map.png\" alt=\"A map of &quot;Europe&quot;\">\n"
                        "<figcaption>The map</figcaption>\n</figure>"),
              std::string::npos);
    EXPECT_NE(html.find("<blockquote>\n<p>Quoted.</p>\n</blockquote>"), std::string::npos);
    EXPECT_NE(html.find("<aside aria-label=\"Tip\">\n<p>A tip.</p>\n</aside>"), std::string::npos);
    EXPECT_NE(html.find("<aside aria-label=\"Note\">\n<p>A note.</p>\n</aside>"),
              std::string::npos);
    EXPECT_NE(html.find("<p lang=\"hu\">árvíztűrő „tükörfúrógép”</p>"), std::string::npos);
    EXPECT_NE(html.find("<h2 id=\"section-3-title\">Második ő</h2>"), std::string::npos);
}

TEST(Html, ExternalLinksGetNoopenerAndAttributesAreEscaped) {
    const Sample s = sample();
    const std::string html = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    EXPECT_NE(
        html.find("<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;&#39;\" rel=\"noopener\">"
                  "external<span class=\"visually-hidden\"> (external link)</span>"
                  "<span class=\"external-mark\" aria-hidden=\"true\">\u2197</span></a>"),
        std::string::npos);
    EXPECT_NE(html.find("<a href=\"#intro\">internal</a>"), std::string::npos);
    EXPECT_EQ(count(html, "rel=\"noopener\""), 1U);
    EXPECT_NE(css_of(html).find("a{text-decoration:underline"), std::string::npos);
}

TEST(Html, ScriptLinksLoseTheirHref) {
    Document d;
    const NodeId root = add(d, folio::doc::no_node, NodeKind::document);
    const NodeId p = add(d, root, NodeKind::paragraph);
    const NodeId a = add_with_text(d, p, NodeKind::link, "click");
    d.nodes[a].href = " JavaScript:alert(1)";
    const NodeId b = add_with_text(d, p, NodeKind::link, "mail");
    d.nodes[b].href = "mailto:a@example.org";
    const std::string html = write_html(styled_of(d), nullptr, HtmlOptions{});
    EXPECT_EQ(html.find("alert"), std::string::npos);  // not even the leading-space trick
    EXPECT_NE(html.find("<a>click</a>"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"mailto:a@example.org\">mail</a>"), std::string::npos);
}

TEST(Html, FigureAltFallsBackToCaptionAndSrcIsRelativeToTheSource) {
    Document d;
    d.source_path = "/home/me/docs/report.xml";
    const NodeId root = add(d, folio::doc::no_node, NodeKind::document);
    const NodeId f = add(d, root, NodeKind::figure);
    d.nodes[f].src = "/home/me/docs/img/a.png";
    d.nodes[f].id = "fig-1";
    add_with_text(d, f, NodeKind::caption, "Caption <1>");
    const std::string html = write_html(styled_of(d), nullptr, HtmlOptions{});
    EXPECT_NE(html.find("<figure id=\"fig-1\">\n<img src=\"img/a.png\" alt=\"Caption &lt;1&gt;\">\n"
                        "<figcaption>Caption &lt;1&gt;</figcaption>"),
              std::string::npos);
}

TEST(Html, ClassesAndLanguagesAreCarried) {
    Document d;
    const NodeId root = add(d, folio::doc::no_node, NodeKind::document);
    const NodeId p = add(d, root, NodeKind::paragraph);
    d.nodes[p].classes = "  a   b\ta ";
    const NodeId em = add_with_text(d, p, NodeKind::emphasis, "Grüß Gott");
    d.nodes[em].lang = "de-AT";
    const std::string html = write_html(styled_of(d), nullptr, HtmlOptions{});
    EXPECT_NE(html.find("<p class=\"a b\"><em lang=\"de-AT\">Grüß Gott</em></p>"),
              std::string::npos);
}

TEST(Html, PageMarkersStandBeforeTheBlocksThatStartPages) {
    const Sample s = sample();
    const auto pages = pages_starting_at({s.title, s.plain, s.second_item, s.second});
    const std::string html = write_html(styled_of(s.d), &pages, HtmlOptions{});
    EXPECT_NE(html.find("<main id=\"content\">\n<hr role=\"doc-pagebreak\" aria-label=\"Page 1\" "
                        "id=\"page-1\">\n"),
              std::string::npos);
    EXPECT_NE(html.find("<hr role=\"doc-pagebreak\" aria-label=\"Page 2\" id=\"page-2\">\n"
                        "<p>Plain paragraph.</p>"),
              std::string::npos);
    // inside the <li>: an <hr> may not stand between list items
    EXPECT_NE(
        html.find("<li><hr role=\"doc-pagebreak\" aria-label=\"Page 3\" id=\"page-3\">\ntwo</li>"),
        std::string::npos);
    EXPECT_NE(html.find("<hr role=\"doc-pagebreak\" aria-label=\"Page 4\" id=\"page-4\">\n"
                        "<section id=\"section-3\""),
              std::string::npos);
    EXPECT_EQ(count(html, "<hr "), 4U);
}

TEST(Html, PageMarkerOfAnInlineFirstNodeGoesBeforeItsBlock) {
    const Sample s = sample();
    const NodeId text_of_plain = s.d.node(s.plain).children.front();
    const auto pages = pages_starting_at({s.title, text_of_plain, folio::doc::no_node});
    const std::string html = write_html(styled_of(s.d), &pages, HtmlOptions{});
    EXPECT_NE(html.find("aria-label=\"Page 2\" id=\"page-2\">\n<p>Plain paragraph.</p>"),
              std::string::npos);
    EXPECT_EQ(html.find("page-3"), std::string::npos);  // a page without a first node has no marker
}

TEST(Html, NoPageMarkersWithoutPages) {
    const Sample s = sample();
    const std::string html = write_html(styled_of(s.d), nullptr, HtmlOptions{});
    EXPECT_EQ(html.find("<hr"), std::string::npos);
    EXPECT_NE(
        css_of(html).find("@media print{nav,nav.page-list,.skip-link,hr[role=\"doc-pagebreak\"]{display:none}"),
        std::string::npos);
}

TEST(Html, CssCarriesTheRootStyleAndOneRulePerSelector) {
    Sample s = sample();
    auto styled = styled_of(s.d);
    folio::style::ComputedStyle root = styled.style(s.d.root());
    root.font_family = "Source Serif 4";
    root.color = folio::core::Color::rgb(0.2, 0.4, 0.6);
    root.font_size = 10;
    root.line_height = 1.5;
    styled.distinct_styles = {root};  // every node
    folio::style::ComputedStyle h2 = root;
    h2.font_family = "Open Sans";
    h2.font_size = 16;
    h2.font_weight = 700;
    h2.margin_top = 16;
    styled.set_style(s.d.node(s.intro).children.front(), h2);
    styled.set_style(s.d.node(s.second).children.front(), h2);
    styled.own_style(s.lead).italic = true;
    styled.own_style(s.aside).background = folio::core::Color::cmyk(0, 0, 0, 0.1);
    styled.page.size = {420, 595.276};
    const std::string css = css_of(write_html(styled, nullptr, HtmlOptions{}));
    EXPECT_NE(css.find("body{font-family:\"Source Serif 4\", serif;font-size:1rem;font-weight:400;"
                       "font-style:normal;line-height:1.5;color:#336699;"),
              std::string::npos)
        << css;
    EXPECT_NE(
        css.find("\nh2{font-family:\"Open Sans\", sans-serif;font-size:1.6rem;font-weight:700;"
                 "margin:1em 0 0 0}\n"),
        std::string::npos)
        << css;
    EXPECT_NE(css.find("\np.lead{font-style:italic}\n"), std::string::npos) << css;
    EXPECT_NE(css.find("\naside{background:#e6e6e6}\n"), std::string::npos) << css;
    EXPECT_EQ(count(css, "\nh2{"), 1U);
    EXPECT_EQ(css.find("\np{"), std::string::npos);  // paragraphs inherit everything
    EXPECT_NE(css.find("@page{size:420pt 595.276pt;margin:56.69pt 56.69pt 56.69pt 56.69pt}"),
              std::string::npos);
}

TEST(Html, ClassRuleResetsWhatTheElementRuleSets) {
    Sample s = sample();
    auto styled = styled_of(s.d);
    for (NodeId id = 0; id < s.d.nodes.size(); ++id) {
        if (s.d.node(id).kind == NodeKind::paragraph && id != s.lead && id != s.subtitle) {
            folio::style::ComputedStyle& own = styled.own_style(id);
            own.text_indent = 12;
            own.text_align = folio::style::TextAlign::justify;
            for (NodeId c : s.d.node(id).children) styled.style_ids[c] = styled.style_id(id);
        }
    }
    const std::string css = css_of(write_html(styled, nullptr, HtmlOptions{}));
    EXPECT_NE(css.find("\np{text-align:justify;hyphens:auto;text-indent:1.2em}\n"),
              std::string::npos)
        << css;
    // p.lead matches "p" too, so it must undo the indent and alignment it does not have
    EXPECT_NE(css.find("\np.lead{text-align:inherit;hyphens:inherit;text-indent:inherit}\n"),
              std::string::npos)
        << css;
}

TEST(Html, CssEscapesFamilyNamesAndClassNames) {
    Document d;
    const NodeId root = add(d, folio::doc::no_node, NodeKind::document);
    const NodeId p = add_with_text(d, root, NodeKind::paragraph, "x");
    d.nodes[p].classes = "2col a:b";
    auto styled = styled_of(d);
    for (auto& st : styled.distinct_styles) st.font_family = "Evil</style>\"Mono";
    styled.own_style(p).italic = true;
    const std::string html = write_html(styled, nullptr, HtmlOptions{});
    EXPECT_EQ(count(html, "</style"), 1U);
    EXPECT_NE(css_of(html).find("font-family:\"Evil\\3c /style>\\\"Mono\", monospace"),
              std::string::npos)
        << css_of(html);
    EXPECT_NE(css_of(html).find("\np.\\32 col.a\\3a b{font-style:italic}"), std::string::npos)
        << css_of(html);
}

TEST(Html, BaseCssIsResponsiveAccessibleAndPrintable) {
    const Sample s = sample();
    const std::string css = css_of(write_html(styled_of(s.d), nullptr, HtmlOptions{}));
    EXPECT_NE(css.find("max-width:40rem"), std::string::npos);
    EXPECT_NE(css.find("img{display:block;max-width:100%;height:auto}"), std::string::npos);
    EXPECT_NE(css.find("overflow-wrap:anywhere"), std::string::npos);
    EXPECT_NE(css.find(":focus-visible{outline:"), std::string::npos);
    EXPECT_NE(css.find(".skip-link:focus{"), std::string::npos);
    EXPECT_NE(css.find("@page{size:595.276pt 841.89pt;"), std::string::npos);
}

TEST(Html, SameInputGivesSameBytes) {
    const Sample s = sample();
    const auto pages = pages_starting_at({s.title, s.plain});
    HtmlOptions options;
    options.pdf_name = "x.pdf";
    const auto styled = styled_of(s.d);
    EXPECT_EQ(write_html(styled, &pages, options), write_html(styled, &pages, options));
}

TEST(HtmlMarkup, NumbersAndColours) {
    using folio::html::format_number;
    using folio::html::hex_color;
    EXPECT_EQ(format_number(1.25), "1.25");
    EXPECT_EQ(format_number(2.0), "2");
    EXPECT_EQ(format_number(-0.00001), "0");
    EXPECT_EQ(format_number(1.0 / 3.0), "0.3333");
    EXPECT_EQ(hex_color(folio::core::Color::rgb(1, 0, 0.5)), "#ff0080");
    EXPECT_EQ(hex_color(folio::core::Color::cmyk(1, 0, 0, 0)), "#00ffff");
    EXPECT_EQ(hex_color(folio::core::Color::cmyk(0, 0, 0, 1)), "#000000");
}

}  // namespace

namespace {

/// A document big enough for write_html to write <main> in two parts: sections with headings,
/// paragraphs, cross-references to sections on both sides of the split, asides (whose names must
/// stay unique across it) and a page break every few sections.
struct Big {
    Document d;
    folio::layout::PagedDocument pages;
};

Big big_document() {
    Big b;
    Document& d = b.d;
    const NodeId root = add(d, folio::doc::no_node, NodeKind::document);
    constexpr int sections = 4200;
    for (int i = 0; i < sections; ++i) {
        const NodeId s = add_section(d, root, "s" + std::to_string(i), 2, "Section " + std::to_string(i));
        const NodeId p = add_with_text(d, s, NodeKind::paragraph, "Text of section " + std::to_string(i) + ", see ");
        const NodeId ref = add(d, p, NodeKind::link);
        d.nodes[ref].reference = true;
        d.nodes[ref].href = "#s" + std::to_string((i * 7919) % sections);
        if (i % 10 == 0) {
            const NodeId a = add(d, s, NodeKind::aside);
            add_with_text(d, a, NodeKind::paragraph, "A note.");
        }
        if (i % 5 == 0) {
            folio::layout::Page page;
            page.first_node = s;
            b.pages.pages.push_back(page);
        }
    }
    return b;
}

TEST(HtmlThreads, MainWrittenInTwoPartsGivesTheBytesOfOneThread) {
    const Big b = big_document();
    ASSERT_GE(b.d.nodes.size(), 20000U) << "too small to be split";
    const auto styled = styled_of(b.d);
    HtmlOptions one;
    one.threads = 1;
    HtmlOptions two;
    two.threads = 2;
    const std::string alone = write_html(styled, &b.pages, one);
    const std::string split = write_html(styled, &b.pages, two);
    EXPECT_EQ(alone.size(), split.size());
    EXPECT_TRUE(alone == split) << "the two-part <main> differs from the one-thread one";
    // The asides are named in document order across the parts: Note, Note 2, ... Note 420.
    EXPECT_EQ(count(split, "aria-label=\"Note\""), 1U);
    EXPECT_EQ(count(split, "aria-label=\"Note 420\""), 1U);
    EXPECT_EQ(count(split, "aria-label=\"Note 421\""), 0U);
    EXPECT_EQ(count(split, "<section"), 4200U);
    EXPECT_EQ(count(split, "<main"), 1U);
    EXPECT_EQ(count(split, "</main>"), 1U);
}

}  // namespace
