// The quality report's checks (issue 22): each rule on a source or on pages made for it, with
// the position and page each finding must carry; and what must not be reported.

#include <gtest/gtest.h>

#include <algorithm>

#include "tree_builder.hpp"

#include "core/utf8.hpp"
#include "report/report.hpp"
#include "style/stylesheet.hpp"
#include "xml/reader.hpp"

using namespace folio;

namespace {

/// A source read, styled with an empty sheet and realized, with its report's tree checks.
struct Checked {
    doc::Document doc;
    style::StyledDocument styled;
    std::vector<report::Finding> findings;
};

std::unique_ptr<Checked> check_source(const std::string& body, const std::string& lang = "en") {
    auto c = std::make_unique<Checked>();
    core::Diagnostics diags;
    const std::string text = "<document version=\"1\" xml:lang=\"" + lang + "\">\n<meta><title>T</title></meta>\n" + body +
                             "\n</document>\n";
    auto d = xml::read_content(core::SourceFile("doc.xml", text), diags, false, false);
    EXPECT_TRUE(d.has_value());
    EXPECT_FALSE(diags.has_errors()) << (diags.all().empty() ? "" : core::format(diags.all()[0]));
    c->doc = std::move(*d);
    auto sheet = xml::read_stylesheet(core::SourceFile("s.xml", "<stylesheet version=\"1\" name=\"t\"/>"), diags);
    c->styled = style::apply_styles(c->doc, *sheet, diags);
    const realize::RealizedDocument realized = realize::realize(c->styled, diags);
    const report::PageIndex pages(c->doc, layout::PageMap{});
    c->findings = report::check_accessibility(realized, pages);
    for (auto& f : report::check_content(c->doc, pages)) c->findings.push_back(f);
    return c;
}

/// "rule@line:column" of every finding, in order.
std::vector<std::string> where(const std::vector<report::Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) {
        out.push_back(f.rule + "@" + std::to_string(f.location.line) + ":" + std::to_string(f.location.column) +
                      (f.page != 0 ? " p" + std::to_string(f.page) : ""));
    }
    return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST(ReportTree, AltTextThatRepeatsTheFileName) {
    const auto c = check_source(
        "<figure src=\"img/bar-chart.png\" alt=\"bar-chart.png\"/>\n"
        "<figure src=\"img/bar-chart.png\" alt=\"Bar chart\"/>\n"
        "<figure src=\"img/bar-chart.png\" alt=\"Five bars of the yearly arrivals, 2019 to 2023\"/>");
    EXPECT_EQ(where(c->findings), (V{"accessibility.alt-is-file-name@3:1", "accessibility.alt-is-file-name@4:1"}));
    EXPECT_NE(c->findings[0].message.find("bar-chart.png"), std::string::npos);
}

TEST(ReportTree, LinksWhoseTextSaysNothing) {
    const auto c = check_source(
        "<p>Download it <a href=\"https://x.org/a\">here</a>.</p>\n"
        "<p><a href=\"https://x.org/b\">Click here.</a> <a href=\"https://x.org/c\">https://x.org/c</a></p>\n"
        "<p>See <a href=\"https://x.org/d\">the Regional Strategy 2014-2020</a>.</p>");
    EXPECT_EQ(where(c->findings), (V{"accessibility.vague-link-text@3:16", "accessibility.vague-link-text@4:4",
                                     "accessibility.vague-link-text@4:46"}));
}

TEST(ReportTree, UnmarkedHungarianInEnglishTextButNotMarkedText) {
    const auto c = check_source(
        "<p>The sign said árvíztűrő tükörfúrógép.</p>\n"
        "<p xml:lang=\"hu\">Az árvíztűrő tükörfúrógép.</p>\n"
        "<p>Budapest, Hungary, in café style.</p>");
    ASSERT_EQ(where(c->findings), (V{"accessibility.unmarked-language@3:4"}));
    EXPECT_NE(c->findings[0].message.find("árvíztűrő"), std::string::npos);
}

TEST(ReportTree, UnmarkedParagraphsInEachLanguage) {
    const char* paragraphs[][2] = {
        {"de", "Die Stadt ist nicht nur wegen der Bauten bekannt, sondern auch wegen der Bilder in den Museen."},
        {"fr", "La ville est connue pour ses ponts et pour les bains qui sont sur le Danube."},
        {"cs", "Město je známé svými mosty a také lázněmi, které jsou na Dunaji."},
        {"es", "La ciudad es conocida por sus puentes y por los baños que están junto al Danubio."},
        {"it", "La città è nota per i suoi ponti e per le terme che sono sul Danubio."},
        {"pl", "Miasto jest znane z mostów oraz kąpielisk, które są nad Dunajem."},
        {"hu", "A város a hídjairól és a fürdőiről ismert, amelyek a Duna partján vannak."},
        {"nl", "De stad is niet alleen bekend om de bruggen, maar ook om de baden aan de Donau."},
    };
    for (const auto& [lang, text] : paragraphs) {
        const auto c = check_source(std::string("<p>") + text + "</p>");
        ASSERT_EQ(where(c->findings), (V{"accessibility.unmarked-language@3:4"})) << lang;
        EXPECT_NE(c->findings[0].message.find(std::string("xml:lang=\"") + lang + "\""), std::string::npos)
            << c->findings[0].message;
        // marked, the same text is fine; and so is a whole document in that language
        EXPECT_EQ(where(check_source(std::string("<p xml:lang=\"") + lang + "\">" + text + "</p>")->findings), V{})
            << lang;
        EXPECT_EQ(where(check_source(std::string("<p>") + text + "</p>", lang)->findings), V{}) << lang;
    }
}

TEST(ReportTree, EnglishInAHungarianDocument) {
    const auto c = check_source(
        "<p>A város a hídjairól ismert.</p>\n"
        "<p>The city is known for its bridges and for the baths that are on the Danube.</p>", "hu");
    ASSERT_EQ(where(c->findings), (V{"accessibility.unmarked-language@4:4"}));
    EXPECT_NE(c->findings[0].message.find("looks English (8 of its 16 words are common English words: the, its, and, that), but its "
                                        "element's language is 'hu': mark it with xml:lang=\"en\""), std::string::npos) << c->findings[0].message;
}

TEST(ReportTree, EnglishWithForeignNamesIsNotReported) {
    const auto c = check_source(
        "<p>The International Organization for Migration opened its office in Budapest in 1992; "
        "Józsefváros and Óbuda are districts of the city, and Müller’s café is on Váci utca.</p>\n"
        "<p>Die is a cube; a fine die and a bad one.</p>\n"
        "<p>Per capita, la crème de la crème: a short French phrase in English text.</p>\n"
        "<p>See <em xml:lang=\"de\">die Stadt und der Fluss</em> in the text.</p>");
    EXPECT_EQ(where(c->findings), V{});
}

TEST(ReportTree, ForeignProperNamesAreNotALanguageChange) {
    // WCAG 3.1.2 leaves proper names unmarked: a capitalised word spelled as only Polish spells
    // words is a name when the words beside it are English
    const auto names = check_source(
        "<p>The office works with partners from Łódź to Gdańsk.</p>\n"
        "<p>Łódź is a city; so is Bielsko-Biała.</p>");
    EXPECT_EQ(where(names->findings), V{});
    // but not when a word beside it speaks the same language, or when it is not capitalised
    const auto phrase = check_source(
        "<p>The sign read: Die Straße ist gesperrt.</p>\n"
        "<p>They walked from łódź on foot.</p>");
    ASSERT_EQ(where(phrase->findings), (V{"accessibility.unmarked-language@3:4", "accessibility.unmarked-language@4:4"}));
    EXPECT_NE(phrase->findings[0].message.find("'straße'"), std::string::npos) << phrase->findings[0].message;
    EXPECT_NE(phrase->findings[1].message.find("Polish"), std::string::npos) << phrase->findings[1].message;
}

TEST(ReportTree, UnusedIdsAndEmptySections) {
    const auto c = check_source(
        "<section id=\"a\"><title>A</title><p>See <ref to=\"b\"/>.</p></section>\n"
        "<section id=\"b\"><title>B</title></section>\n"
        "<section><title>C</title><p id=\"c\">Text.</p></section>");
    EXPECT_EQ(where(c->findings), (V{"content.unused-id@3:1", "content.empty-section@4:1", "content.unused-id@5:26"}));
    EXPECT_EQ(c->findings[0].level, report::Level::note);
    EXPECT_EQ(c->findings[1].level, report::Level::warning);
}

TEST(ReportTree, NothingToReportInACleanSource) {
    const auto c = check_source(
        "<section id=\"s\"><title>S</title><p>Text with <a href=\"#s\">the section S</a>.</p>\n"
        "<ul><li>one</li></ul><aside title=\"Note\"><p>An aside.</p></aside></section>");
    EXPECT_EQ(where(c->findings), V{});
}

TEST(ReportTree, SkippedHeadingLevel) {
    doc::Document d;
    d.source_path = "doc.xml";
    d.add(test::mk(doc::NodeKind::document), doc::no_node);
    for (const int level : {2, 3, 2, 4}) {
        doc::Node h = test::mk(doc::NodeKind::heading);
        h.level = static_cast<std::uint8_t>(level);
        h.location = {"doc.xml", static_cast<std::uint32_t>(10 + level), 1};
        d.add(h, 0);
    }
    style::StyledDocument styled;
    styled.document = &d;
    styled.reset_styles(d.nodes.size());
    const realize::RealizedDocument realized(styled);
    const auto fs = report::check_accessibility(realized, report::PageIndex(d, layout::PageMap{}));
    EXPECT_EQ(where(fs), (V{"accessibility.skipped-heading-level@14:1"}));
}

// --- pages ---

namespace {

/// A document of blocks, each with one text node, and two-column pages to put their lines on.
struct Paged {
    doc::Document doc;
    style::StyledDocument styled;
    layout::LayoutResult laid;
    std::vector<doc::NodeId> text;  ///< the text node of each block

    explicit Paged(const std::vector<doc::NodeKind>& blocks) {
        doc.source_path = "doc.xml";
        doc.add(test::mk(doc::NodeKind::document), doc::no_node);
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            doc::Node b = test::mk(blocks[i]);
            b.location = {"doc.xml", static_cast<std::uint32_t>(i + 3), 1};
            const auto id = doc.add(b, 0);
            text.push_back(doc.add(test::mk(doc::NodeKind::text, "x"), id));
        }
        styled.document = &doc;
        styled.reset_styles(doc.nodes.size());
    }
    /// A page of two columns (x 0..100 and 120..220, y 0..100), 240 x 140 points.
    void page() {
        layout::Page p;
        p.size = {240, 140};
        p.columns = {{{0, 0, 100, 100}, layout::BreakReason::full}, {{120, 0, 100, 100}, layout::BreakReason::full}};
        laid.document.pages.push_back(p);
    }
    /// A line of block `b` in column `col` of the last page, at baseline `y`.
    void line(std::size_t b, int col, double y, const std::u32string& s = U"some words") {
        layout::GlyphRun r;
        r.node = text[b];
        r.origin = {col == 0 ? 0.0 : 120.0, y};
        r.text = s;
        r.width = 90;
        laid.document.pages.back().items.emplace_back(r);
    }
    std::vector<report::Finding> check() {
        const realize::RealizedDocument realized(styled);
        return report::check_pages(realized, laid, report::PageIndex(doc, laid.pages));
    }
};

}  // namespace

TEST(ReportPages, OrphanAndWidowAcrossColumns) {
    Paged p({doc::NodeKind::paragraph, doc::NodeKind::paragraph});
    p.page();
    p.line(0, 0, 10);
    p.line(0, 0, 22);
    p.line(1, 0, 94);  // the first line of the second paragraph alone at the foot ...
    p.line(1, 1, 10);
    p.line(1, 1, 22);
    p.line(1, 1, 34);  // ... and its last line alone on the next page
    p.page();
    p.line(1, 0, 10);
    EXPECT_EQ(where(p.check()), (V{"typography.orphan@4:1 p1", "typography.widow@4:1 p2"}));
}

TEST(ReportPages, TwoLinesOnEachSideAreNeitherWidowNorOrphan) {
    Paged p({doc::NodeKind::paragraph});
    p.page();
    for (double y : {82.0, 94.0}) p.line(0, 0, y);
    for (double y : {10.0, 22.0}) p.line(0, 1, y);
    EXPECT_EQ(where(p.check()), V{});
}

TEST(ReportPages, ThreeHyphensInARowButNotTwo) {
    Paged p({doc::NodeKind::paragraph, doc::NodeKind::paragraph});
    p.page();
    p.line(0, 0, 10, U"ends with a hy-");
    p.line(0, 0, 22, U"phen and an-");
    p.line(0, 0, 34, U"other");
    p.line(1, 1, 10, U"one-");
    p.line(1, 1, 22, U"two\u2010");
    p.line(1, 1, 34, U"three-");
    p.line(1, 1, 46, U"four-");
    p.line(1, 1, 58, U"end");
    EXPECT_EQ(where(p.check()), (V{"typography.hyphen-ladder@4:1 p1"}));
}

TEST(ReportPages, HeadingAtTheFootOfAColumn) {
    Paged p({doc::NodeKind::paragraph, doc::NodeKind::heading, doc::NodeKind::paragraph});
    p.page();
    p.line(0, 0, 10);
    p.line(0, 0, 22);
    p.line(1, 0, 94, U"A title");
    p.line(2, 1, 10);
    p.line(2, 1, 22);
    EXPECT_EQ(where(p.check()), (V{"typography.heading-at-column-foot@4:1 p1"}));
}

TEST(ReportPages, TextPastThePageEdgeIsClipped) {
    Paged p({doc::NodeKind::paragraph});
    p.page();
    p.line(0, 1, 10);
    std::get<layout::GlyphRun>(p.laid.document.pages[0].items[0]).width = 130;  // 120 + 130 > 240
    EXPECT_EQ(where(p.check()), (V{"typography.clipped-text@3:1 p1"}));
}

TEST(ReportDiagnostics, LayoutAndReaderCodesBecomeTheirRules) {
    doc::Document d;
    d.source_path = "doc.xml";
    doc::Node root = test::mk(doc::NodeKind::document);
    root.location = {"doc.xml", 1, 1};
    d.add(root, doc::no_node);
    doc::Node para = test::mk(doc::NodeKind::paragraph);
    para.location = {"doc.xml", 5, 3};
    d.add(para, 0);
    layout::PageMap map;
    map.emplace(0, 0);
    map.emplace(1, 2);
    const report::PageIndex pages(d, map);
    const auto f = [&](const char* code, std::uint32_t line) {
        core::Diagnostic diag{core::Severity::warning, code, "m", {"doc.xml", line, 9}};
        return report::from_diagnostic(diag, pages);
    };
    EXPECT_EQ(where({f("layout.loose-line", 5), f("layout.overfull-line", 6), f("layout.word-too-wide", 2),
                     f("style.contrast", 5), f("source.unknown-link-target", 7)}),
              (V{"typography.loose-line@5:9 p3", "typography.overfull-line@6:9 p3", "typography.broken-word@2:9 p1",
                 "accessibility.low-contrast@5:9 p3", "content.missing-id@7:9 p3"}));
    const auto other = f("text.missing-glyph", 5);
    EXPECT_EQ(other.rule, "folio.diagnostic");
    EXPECT_EQ(other.message, "text.missing-glyph: m");
}
