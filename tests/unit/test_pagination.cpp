// The page and box model: columns, spanning titles, balancing, figure deferral, masters, the cover,
// the contents and explicit breaks, on a fixed-width fake font (every character 0.5 em, space
// 0.25 em), so positions are exact.

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tiny_png.hpp"
#include "core/utf8.hpp"
#include "fake_font.hpp"
#include "layout/inline.hpp"
#include "layout/layout.hpp"
#include "layout/paginate.hpp"
#include "layout/units.hpp"
#include "no_diagnostics.hpp"
#include "tree_builder.hpp"

using namespace folio;
using doc::NodeKind;
using test::mk;

namespace {

/// A document under construction with a style for every node.
struct Doc {
    doc::Document d;
    style::StyledDocument s;
    style::ComputedStyle base;

    Doc() {
        d.add(mk(NodeKind::document), doc::no_node);
        base.font_size = 10;
        base.line_height = 1.2;  // 12pt lines
        base.text_align = style::TextAlign::left;
        // page: 200 x 200, 20pt margins: a 160 x 160 text area, 13 lines of 12pt
        s.page.size = {200, 200};
        s.page.margin_left = s.page.margin_right = s.page.margin_top = s.page.margin_bottom = 20;
    }
    doc::NodeId para(int words, doc::NodeId parent = 0) {
        const auto p = d.add(mk(NodeKind::paragraph), parent);
        std::string t;
        for (int i = 0; i < words; ++i) t += (i ? " " : "") + std::string("xxxx");
        d.add(mk(NodeKind::text, t), p);
        return p;
    }
    doc::NodeId heading(const std::string& title, int level = 2, doc::NodeId parent = 0) {
        auto h = mk(NodeKind::heading);
        h.level = static_cast<std::uint8_t>(level);
        const auto id = d.add(h, parent);
        d.add(mk(NodeKind::text, title), id);
        return id;
    }
    layout::PagedDocument lay(core::Diagnostics* out = nullptr) {
        s.document = &d;
        s.reset_styles(d.nodes.size());
        s.distinct_styles[0] = base;
        for (auto& [id, st] : overrides) s.set_style(id, st);
        core::Diagnostics diags;
        auto r = layout::layout_document(s, font, diags);
        EXPECT_TRUE(r) << (r ? "" : r.error().message);
        if (out) *out = diags;
        else test::expect_only(diags);  // a test that does not look at them expects none
        return r ? *r : layout::PagedDocument{};
    }
    style::ComputedStyle& style_of(doc::NodeId id) {
        overrides.emplace_back(id, base);
        return overrides.back().second;
    }
    std::vector<std::pair<doc::NodeId, style::ComputedStyle>> overrides;
    test::FakeFont font;
};

std::vector<const layout::GlyphRun*> runs(const layout::Page& p) {
    std::vector<const layout::GlyphRun*> out;
    for (const auto& it : p.items)
        if (auto* r = std::get_if<layout::GlyphRun>(&it)) out.push_back(r);
    return out;
}

std::set<double> column_lefts(const layout::Page& p) {
    std::set<double> xs;
    for (const auto* r : runs(p)) xs.insert(r->origin.x);
    return xs;
}

}  // namespace

TEST(Columns, TextFlowsDownTheFirstColumnThenTheSecond) {
    Doc doc;
    doc.s.page.columns = 2;
    doc.s.page.column_gap = 10;  // columns of 75pt: 3 words of 20pt per line
    for (int i = 0; i < 6; ++i) doc.para(15);  // 6 x 5 lines = 30 lines, 13 per column
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 2u);
    EXPECT_EQ(column_lefts(pages.pages[0]), (std::set<double>{20, 105}));
    std::size_t lines = 0;
    for (const auto& p : pages.pages) lines += runs(p).size();
    EXPECT_EQ(lines, 30u);
    for (const auto* r : runs(pages.pages[0])) EXPECT_LE(r->origin.x + r->width, r->origin.x < 100 ? 95.0 : 180.0);
}

TEST(Columns, TheLastColumnsAreBalanced) {
    Doc doc;
    doc.s.page.columns = 2;
    doc.s.page.column_gap = 10;
    doc.para(30);  // 10 lines: 5 and 5, not 10 and 0
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 1u);
    std::size_t left = 0, right = 0;
    for (const auto* r : runs(pages.pages[0])) (r->origin.x < 100 ? left : right)++;
    EXPECT_EQ(left, 5u);
    EXPECT_EQ(right, 5u);
}

TEST(Columns, ASpanningTitleCrossesBothColumnsAndBalancesTheTextAbove) {
    Doc doc;
    doc.s.page.columns = 2;
    doc.s.page.column_gap = 10;
    doc.para(12);  // 4 lines -> 2 + 2 above the title
    const auto h = doc.heading("A spanning title here");  // 105pt: wider than a column of 75
    doc.style_of(h).column_span_all = true;
    doc.para(12);
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 1u);
    const layout::GlyphRun* title = nullptr;
    double above = 0;
    for (const auto* r : runs(pages.pages[0])) {
        if (r->node == h + 1) title = r;
    }
    ASSERT_NE(title, nullptr);
    EXPECT_GT(title->width, 75.0);  // set at the full width of 160
    EXPECT_DOUBLE_EQ(title->origin.x, 20.0);
    for (const auto* r : runs(pages.pages[0])) {
        if (r->node == 2) above = std::max(above, r->origin.y);
    }
    EXPECT_LT(above, title->origin.y);
    // the text above the title was balanced: two lines per column
    EXPECT_LT(above, 20 + 2 * 12 + 1);
}

/// Writes the header of a PNG of w x h pixels (all layout reads).
std::string png_header(unsigned w, unsigned h) { return folio::test::tiny_png_file(w, h); }

TEST(Figures, AFigureThatDoesNotFitMovesOnAndTextFillsTheGap) {
    Doc doc;                // one column of 13 lines (156pt), 7 words a line
    doc.para(35);           // 5 lines: 60pt
    auto fig = mk(NodeKind::figure);
    fig.src = png_header(100, 200);  // 75 x 150pt at 96 dpi, capped at 80% of 160pt = 128pt tall
    const auto f = doc.d.add(fig, 0);
    const auto after = doc.para(6);  // 2 lines: fit below the first paragraph
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 2u);
    bool after_on_first = false;
    for (const auto* r : runs(pages.pages[0])) after_on_first = after_on_first || r->node == after + 1;
    EXPECT_TRUE(after_on_first) << "the text after the figure did not fill the gap";
    const layout::ImageBox* img = nullptr;
    for (const auto& it : pages.pages[1].items)
        if (auto* b = std::get_if<layout::ImageBox>(&it)) img = b;
    ASSERT_NE(img, nullptr);
    EXPECT_EQ(img->node, f);
    EXPECT_DOUBLE_EQ(img->rect.y, 20.0);  // top of the next page
    EXPECT_NEAR(img->rect.height, 128.0, 1e-9);
    EXPECT_NEAR(img->rect.width, 64.0, 1e-9);  // aspect ratio kept
}

TEST(Masters, FacingPagesMirrorTheMargins) {
    Doc doc;
    doc.s.page.margin_inside = 30;
    doc.s.page.margin_outside = 10;
    for (int i = 0; i < 8; ++i) doc.para(35);  // 7 words a line: 40 lines, several pages
    const auto pages = doc.lay();
    ASSERT_GE(pages.pages.size(), 3u);
    EXPECT_EQ(column_lefts(pages.pages[0]), (std::set<double>{30}));  // page 1, a right-hand page
    EXPECT_EQ(column_lefts(pages.pages[1]), (std::set<double>{10}));  // page 2, a left-hand page
}

TEST(Masters, TheFirstMasterAndARequestedPage) {
    Doc doc;
    auto first = doc.s.page;
    first.name = "first";
    first.margin_top = 80;
    doc.s.masters.push_back(first);
    doc.para(3);
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 1u);
    EXPECT_EQ(pages.pages[0].master, "first");
    EXPECT_GT(runs(pages.pages[0])[0]->origin.y, 80.0);
}

TEST(Cover, TheCoverIsItsOwnPageWithoutFooterAndTheTitleIsNotRepeated) {
    Doc doc;
    doc.d.meta.title = "Brochure";
    doc.d.meta.organisation = "Org";
    doc.d.meta.cover.present = true;
    doc.heading("Brochure", 1);
    doc.para(3);
    style::RunningContent footer;
    footer.content = "{page}";
    doc.s.footer = footer;
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 2u);
    EXPECT_EQ(pages.pages[0].master, "cover");
    std::vector<std::string> cover_text;
    for (const auto* r : runs(pages.pages[0])) cover_text.push_back(core::to_utf8(r->text));
    EXPECT_EQ(cover_text, (std::vector<std::string>{"Brochure", "Org"}));
    std::vector<std::string> body;
    for (const auto* r : runs(pages.pages[1])) body.push_back(core::to_utf8(r->text));
    EXPECT_EQ(body, (std::vector<std::string>{"xxxx xxxx xxxx", "2"}));  // no repeated title; footer "2"
}

TEST(Contents, EntriesCarryThePageNumbersOfTheirSectionsAndLinkToThem) {
    Doc doc;
    doc.d.add(mk(NodeKind::contents), 0);
    doc.d.nodes.back().label = "Contents";
    const auto a = doc.heading("Alpha");
    doc.para(3);
    auto brk = mk(NodeKind::explicit_break);
    brk.text = "page";
    doc.d.add(brk, 0);
    const auto b = doc.heading("Beta");
    doc.para(3);
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 2u);
    std::vector<std::string> texts;
    std::vector<doc::NodeId> targets;
    for (const auto& it : pages.pages[0].items) {
        if (auto* r = std::get_if<layout::GlyphRun>(&it)) texts.push_back(core::to_utf8(r->text));
        if (auto* l = std::get_if<layout::LinkArea>(&it)) targets.push_back(l->target);
    }
    EXPECT_EQ(targets, (std::vector<doc::NodeId>{a, b}));
    // "Alpha" .... "1", "Beta" .... "2"
    ASSERT_GE(texts.size(), 7u);
    EXPECT_EQ(texts[0], "Contents");
    EXPECT_EQ(texts[1], "Alpha");
    EXPECT_EQ(texts[3], "1");
    EXPECT_EQ(texts[4], "Beta");
    EXPECT_EQ(texts[6], "2");
    EXPECT_EQ(pages.outline.size(), 2u);
    EXPECT_EQ(pages.outline[1].page, 1u);
}

TEST(Contents, ALongEntryWrapsWithAHangingIndentAndItsNumberOnTheLastLine) {
    // An entry longer than the line ran off the page and its page number printed over it
    // (issue 16). 160pt wide: the room is 160 less two gaps of 6 and "0000" (20): 128pt.
    Doc doc;
    const auto contents = doc.d.add(mk(NodeKind::contents), 0);
    doc.d.nodes.back().label = "Contents";
    const auto a = doc.heading("aaaaa bbbbb ccccc ddddd eeeee fffff ggggg hhhhh");  // 8 words of 25pt
    doc.para(3);
    const auto pages = doc.lay();
    ASSERT_GE(pages.pages.size(), 1u);
    std::vector<const layout::GlyphRun*> entry;
    std::size_t links = 0;
    for (const auto& it : pages.pages[0].items) {
        if (auto* l = std::get_if<layout::LinkArea>(&it); l && l->target == a) ++links;
        if (auto* r = std::get_if<layout::GlyphRun>(&it); r && r->node == contents && core::to_utf8(r->text) != "Contents") {
            entry.push_back(r);
        }
    }
    ASSERT_EQ(entry.size(), 4u);  // the first line, the last one, its leader and the number
    EXPECT_EQ(core::to_utf8(entry[0]->text), "aaaaa bbbbb ccccc ddddd");  // 107.5pt; a fifth word: 135
    EXPECT_EQ(core::to_utf8(entry[1]->text), "eeeee fffff ggggg hhhhh");  // in 128 less the indent
    EXPECT_EQ(entry[0]->origin.x, 20);
    EXPECT_EQ(entry[1]->origin.x, 35);  // the hanging indent, 1.5 em
    EXPECT_EQ(core::to_utf8(entry.back()->text), "1");
    EXPECT_DOUBLE_EQ(entry.back()->origin.y, entry[1]->origin.y);  // the number on the last line
    EXPECT_LE(entry[1]->origin.x + entry[1]->width, entry[2]->origin.x);  // the leader after the title
    EXPECT_GT(entry.back()->origin.y, entry[0]->origin.y);
    for (const auto* r : entry) EXPECT_LE(r->origin.x + r->width, 180 + 1e-9) << core::to_utf8(r->text);
    EXPECT_EQ(links, 2u);  // every line is a link to the section
}

TEST(Breaks, AColumnBreakStartsTheNextColumn) {
    Doc doc;
    doc.s.page.columns = 2;
    doc.s.page.column_gap = 10;
    doc.para(3);
    auto brk = mk(NodeKind::explicit_break);
    brk.text = "column";
    doc.d.add(brk, 0);
    const auto second = doc.para(3);
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 1u);
    for (const auto* r : runs(pages.pages[0])) {
        if (r->node == second + 1) {
            EXPECT_DOUBLE_EQ(r->origin.x, 105.0);
        }
    }
}

TEST(Lists, NestedListItemsAreIndentedWithTheirMarkers) {
    Doc doc;
    auto list = mk(NodeKind::list);
    list.ordered = true;
    const auto l = doc.d.add(list, 0);
    const auto li = doc.d.add(mk(NodeKind::list_item), l);
    doc.d.add(mk(NodeKind::text, "one"), li);
    const auto inner = doc.d.add(mk(NodeKind::list), li);
    const auto li2 = doc.d.add(mk(NodeKind::list_item), inner);
    doc.d.add(mk(NodeKind::text, "two"), li2);
    doc.style_of(l).list_style = style::ListStyle::decimal;
    doc.style_of(li).list_style = style::ListStyle::decimal;
    const auto pages = doc.lay();
    std::vector<std::pair<std::string, double>> seen;
    for (const auto* r : runs(pages.pages[0])) seen.emplace_back(core::to_utf8(r->text), r->origin.x);
    ASSERT_EQ(seen.size(), 4u);
    EXPECT_EQ(seen[0].first, "1.");
    EXPECT_EQ(seen[1].first, "one");
    EXPECT_EQ(seen[2].first, "\u2022");  // the inner list keeps the default disc
    EXPECT_EQ(seen[3].first, "two");
    EXPECT_LT(seen[0].second, seen[1].second);
    EXPECT_GT(seen[3].second, seen[1].second);  // nested deeper
}

TEST(CrossReferences, ShowTheTargetsTitleAndPageAfterTheNumbersSettle) {
    Doc doc;
    const auto p = doc.d.add(mk(NodeKind::paragraph), 0);
    doc.d.add(mk(NodeKind::text, "See "), p);
    auto ref = mk(NodeKind::link);
    ref.reference = true;
    ref.href = "#beta";
    doc.d.add(ref, p);
    auto brk = mk(NodeKind::explicit_break);
    brk.text = "page";
    doc.d.add(brk, 0);
    auto section = mk(NodeKind::section);
    section.id = "beta";
    const auto s = doc.d.add(section, 0);
    doc.heading("Beta", 2, s);
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 2u);
    std::string line;
    std::vector<doc::NodeId> targets;
    for (const auto& it : pages.pages[0].items) {
        if (auto* r = std::get_if<layout::GlyphRun>(&it)) line += core::to_utf8(r->text);
        if (auto* l = std::get_if<layout::LinkArea>(&it)) targets.push_back(l->target);
    }
    EXPECT_EQ(line, "See Beta, page 2");
    EXPECT_EQ(targets, (std::vector<doc::NodeId>{s}));
}

TEST(Fonts, AFallbackFaceDrawsWhatTheMainFaceLacks) {
    Doc doc;
    const auto p = doc.d.add(mk(NodeKind::paragraph), 0);
    doc.d.add(mk(NodeKind::text, "ab\u4E2Dcd"), p);
    doc.base.font_fallbacks = {"fallback"};
    core::Diagnostics diags;
    const auto pages = doc.lay(&diags);
    std::vector<std::pair<std::string, int>> seen;
    for (const auto* r : runs(pages.pages[0])) seen.emplace_back(core::to_utf8(r->text), r->font);
    EXPECT_EQ(seen, (std::vector<std::pair<std::string, int>>{{"ab", 0}, {"\u4E2D", 1}, {"cd", 0}}));
    EXPECT_TRUE(diags.all().empty());
}

TEST(Fonts, ACharacterNoFaceHasIsReportedWithItsLineAndPage) {
    Doc doc;
    auto brk = mk(NodeKind::explicit_break);
    brk.text = "page";
    doc.para(2);
    doc.d.add(brk, 0);
    const auto p = doc.d.add(mk(NodeKind::paragraph), 0);
    auto text = mk(NodeKind::text, "x\u4E2Dy");
    text.location = {"doc.xml", 7, 5};
    doc.d.add(text, p);
    core::Diagnostics diags;
    doc.lay(&diags);
    ASSERT_EQ(diags.all().size(), 1u);
    const auto& d = diags.all()[0];
    EXPECT_EQ(d.severity, core::Severity::warning);
    EXPECT_EQ(d.location.line, 7u);
    EXPECT_NE(d.message.find("U+4E2D"), std::string::npos) << d.message;
    EXPECT_NE(d.message.find("(page 2)"), std::string::npos) << d.message;
}

TEST(Columns, BothColumnsStartTogetherBelowASpanningBlock) {
    Doc doc;
    doc.s.page.columns = 2;
    doc.s.page.column_gap = 10;
    const auto h = doc.heading("Spanning");
    auto& hs = doc.style_of(h);
    hs.column_span_all = true;
    hs.margin_bottom = 9;
    const auto p = doc.para(24);  // 8 lines: 4 per column
    const auto pages = doc.lay();
    double left_top = 1e9, right_top = 1e9;
    for (const auto* r : runs(pages.pages[0])) {
        if (r->node != p + 1) continue;
        (r->origin.x < 100 ? left_top : right_top) = std::min(r->origin.x < 100 ? left_top : right_top, r->origin.y);
    }
    EXPECT_DOUBLE_EQ(left_top, right_top);
    EXPECT_GT(left_top, 20 + 12 + 9);  // below the title line and its margin
}

TEST(Cover, ABackCoverClosesTheDocumentWithItsAddressBlock) {
    Doc doc;
    doc.d.meta.title = "T";
    doc.d.meta.back_cover.present = true;
    doc.d.meta.back_cover.lines = {"Street 1", "1000 City"};
    doc.para(3);
    style::RunningContent footer;
    footer.content = "{page}";
    doc.s.footer = footer;
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 2u);
    EXPECT_EQ(pages.pages[1].master, "back-cover");
    std::vector<std::string> lines;
    for (const auto* r : runs(pages.pages[1])) lines.push_back(core::to_utf8(r->text));
    EXPECT_EQ(lines, (std::vector<std::string>{"Street 1", "1000 City"}));  // no footer on it
    EXPECT_GT(runs(pages.pages[1])[0]->origin.y, 100.0);  // at the foot of the page
}

TEST(RunningContent, PagesCountsTheBackCoverToo) {
    // "{page} / {pages}" on the last body page once read "2 / 2" in a PDF of 3 pages (issue 16).
    Doc doc;
    doc.d.meta.title = "T";
    doc.d.meta.back_cover.present = true;
    doc.d.meta.back_cover.lines = {"Street 1"};
    doc.para(3);
    auto brk = mk(NodeKind::explicit_break);
    brk.text = "page";
    doc.d.add(brk, 0);
    doc.para(3);
    style::RunningContent footer;
    footer.content = "{page} / {pages}";
    doc.s.footer = footer;
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 3u);
    EXPECT_EQ(core::to_utf8(runs(pages.pages[0]).back()->text), "1 / 3");
    EXPECT_EQ(core::to_utf8(runs(pages.pages[1]).back()->text), "2 / 3");
    EXPECT_EQ(pages.pages[2].master, "back-cover");
}

TEST(RunningContent, FootersAreKernedLikeBodyText) {
    Doc doc;
    doc.font.kerns[{U'A', U'V'}] = -100;
    doc.para(3);
    style::RunningContent footer;
    footer.content = "AV";
    footer.style.font_size = 10;
    doc.s.footer = footer;
    const auto pages = doc.lay();
    const auto* run = runs(pages.pages[0]).back();
    ASSERT_EQ(core::to_utf8(run->text), "AV");
    EXPECT_EQ(run->kern, (std::vector<std::int16_t>{-100, 0}));
    EXPECT_DOUBLE_EQ(run->width, 9.0);  // 5 + 5 - 1
}

TEST(HangingPunctuation, AFullStopAtTheEndOfAJustifiedLineHangsIntoTheMargin) {
    // Every word is "xxx." (20pt); with hanging punctuation a line of five words and four spaces
    // may be 5pt wider than the 100pt column, the full stop standing in the margin.
    for (const bool hang : {false, true}) {
        Doc doc;
        const auto p = doc.d.add(mk(NodeKind::paragraph), 0);
        std::string t;
        for (int i = 0; i < 30; ++i) t += (i ? " " : "") + std::string("xxx.");
        doc.d.add(mk(NodeKind::text, t), p);
        doc.base.text_align = style::TextAlign::justify;
        doc.base.hanging_punctuation = hang;
        doc.s.document = &doc.d;
        doc.s.reset_styles(doc.d.nodes.size());
        doc.s.distinct_styles[0] = doc.base;
        core::Diagnostics diags;
        const auto res = layout::layout_inline(doc.s, p, doc.d.node(p).children, 100, 0, doc.font, diags);
        ASSERT_GE(res.lines.size(), 3u);
        for (std::size_t i = 0; i + 1 < res.lines.size(); ++i) {
            double right = 0;
            for (const auto& r : res.lines[i].runs) right = std::max(right, r.origin.x + r.width);
            EXPECT_NEAR(right, hang ? 105.0 : 100.0, 1e-6) << "line " << i << (hang ? " (hanging)" : "");
        }
    }
}

TEST(SmallCaps, LowerCaseLettersAreCapitalsAtASmallerSize) {
    Doc doc;
    const auto p = doc.d.add(mk(NodeKind::paragraph), 0);
    doc.d.add(mk(NodeKind::text, "Nato and EU"), p);
    doc.base.small_caps = true;
    const auto pages = doc.lay();
    std::vector<std::pair<std::string, double>> seen;
    for (const auto* r : runs(pages.pages[0])) seen.emplace_back(core::to_utf8(r->text), r->size);
    ASSERT_EQ(seen.size(), 3u) << ::testing::PrintToString(seen);
    EXPECT_EQ(seen[0], (std::pair<std::string, double>{"N", 10}));
    EXPECT_EQ(seen[1].first, "ATO AND ");  // the space joins the run before it
    EXPECT_NEAR(seen[1].second, 7.8, 1e-9);
    EXPECT_EQ(seen[2], (std::pair<std::string, double>{"EU", 10}));
}

namespace {

/// Every page as text (operator<< of each item), for comparing two paginations.
std::vector<std::string> dump(const layout::PagedDocument& pages) {
    std::vector<std::string> out;
    for (const auto& p : pages.pages) {
        std::ostringstream os;
        os << p.master << ':';
        for (const auto& it : p.items) os << it << '\n';
        out.push_back(os.str());
    }
    return out;
}

}  // namespace

/// Lays `doc` out twice: paginating while the first walk cuts units (and waits for paragraphs,
/// laid out 16 at a time on this thread with the fake font), and paginating after a second walk
/// has cut them all. Both must give the same pages, page numbers and slots.
void expect_same_pagination_streamed_and_after(Doc& doc) {
    doc.s.document = &doc.d;
    doc.s.reset_styles(doc.d.nodes.size());
    doc.s.distinct_styles[0] = doc.base;
    for (auto& [id, st] : doc.overrides) doc.s.set_style(id, st);
    const double column = doc.s.page.column_width(), full = doc.s.page.content_box().width;
    layout::InlineCache cache;
    const layout::PageMap none;
    core::Diagnostics realize_diags;
    const realize::RealizedDocument realized = realize::realize(doc.s, realize_diags);
    layout::UnitList streamed;
    layout::PagedDocument streamed_pages;
    layout::PageMap streamed_found;
    std::vector<layout::LateSlot> streamed_slots;
    {
        layout::Pager pager(doc.s, streamed, streamed_pages, streamed_found, streamed_slots);
        layout::build_units(realized, doc.font, nullptr, column, full, none, cache, streamed, &pager);
        pager.finish();
    }
    layout::UnitList after;  // (every paragraph is laid out now: the walk cuts them all first)
    layout::PagedDocument after_pages;
    layout::PageMap after_found;
    std::vector<layout::LateSlot> after_slots;
    layout::build_units(realized, doc.font, nullptr, column, full, none, cache, after);
    layout::paginate(doc.s, after, after_pages, after_found, after_slots);
    ASSERT_GE(after_pages.pages.size(), 3u);
    EXPECT_EQ(dump(streamed_pages), dump(after_pages));
    EXPECT_TRUE(streamed_found == after_found);
    ASSERT_EQ(streamed_slots.size(), after_slots.size());
    for (std::size_t i = 0; i < after_slots.size(); ++i) {
        EXPECT_EQ(streamed_slots[i].page, after_slots[i].page);
        EXPECT_EQ(streamed_slots[i].at, after_slots[i].at);
        EXPECT_EQ(streamed_slots[i].unit, after_slots[i].unit);
        EXPECT_EQ(streamed_slots[i].y, after_slots[i].y);
    }
}

TEST(Pagination, PagingWhileTheUnitsAreCutGivesThePagesOfPagingThemAfter) {
    // The first layout pass paginates while the walk is still cutting units: a unit may only be
    // placed once nothing later can change it or what it looks at. Keep-together boxes longer
    // than what is laid out at a time, spanning titles that keep with what follows, and figures,
    // in two columns.
    Doc doc;
    doc.s.page.columns = 2;
    doc.s.page.column_gap = 10;
    for (int section = 0; section < 6; ++section) {
        const auto h = doc.heading("Section title number " + std::to_string(section));
        auto& hs = doc.style_of(h);
        hs.column_span_all = true;
        hs.keep_with_next = true;
        for (int p = 0; p < 5; ++p) doc.para(8 + 3 * p);
        const auto box = doc.d.add(mk(NodeKind::aside), 0);
        auto& bs = doc.style_of(box);
        bs.background = core::Color::rgb(0.9, 0.9, 0.9);
        bs.padding = 4;
        bs.keep_together = section % 2 == 0;
        for (int p = 0; p < 20; ++p) doc.para(2 + p % 4, box);  // more than a chunk of paragraphs
        auto fig = mk(NodeKind::figure);
        fig.src = png_header(100, 60 + 20 * section);
        doc.d.add(fig, 0);
        doc.para(12);
    }
    expect_same_pagination_streamed_and_after(doc);
}

TEST(Pagination, ASpanningTitleWaitsForWhatKeepsWithIt) {
    // Spanning titles that end a chunk of paragraphs, so the walk waits right after one: where it
    // goes depends on the lines that must stay with it, not yet cut. Every alignment of the
    // titles with the page bottom.
    for (int offset = 0; offset < 13; ++offset) {
        Doc doc;
        doc.s.page.columns = 2;
        doc.s.page.column_gap = 10;
        for (int p = 0; p < 15; ++p) doc.para(p == 0 ? 2 + offset * 3 : 3);  // the title is job 15
        for (int section = 0; section < 4; ++section) {
            const auto h = doc.heading("A spanning title " + std::to_string(section));
            auto& hs = doc.style_of(h);
            hs.column_span_all = true;
            hs.keep_with_next = true;
            for (int p = 0; p < 15; ++p) doc.para(p == 0 ? 9 : 3 + section);  // and job 31, 47, ...
        }
        SCOPED_TRACE("offset " + std::to_string(offset));
        expect_same_pagination_streamed_and_after(doc);
    }
}

TEST(Pagination, ASpanningAsideKeepsItsBackgroundAndBorder) {
    // A column-span: all aside lost its box in the PDF: white text on a brand colour vanished
    // (issue 16). Its background and border are painted across the page, beneath its text.
    Doc doc;
    doc.s.page.columns = 2;
    doc.s.page.column_gap = 10;
    doc.para(12);
    const auto box = doc.d.add(mk(NodeKind::aside), 0);
    auto& bs = doc.style_of(box);
    bs.background = core::Color::rgb(0.04, 0.24, 0.57);
    bs.border_width = 2;
    bs.padding = 4;
    bs.column_span_all = true;
    const auto inside = doc.para(18, box);  // 3 lines of 6 words across the full 148pt inside
    doc.para(12);
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 1u);
    const auto& items = pages.pages[0].items;
    std::size_t background = items.size(), first_text = items.size(), borders = 0;
    for (std::size_t k = 0; k < items.size(); ++k) {
        if (const auto* r = std::get_if<layout::FilledRect>(&items[k]); r && r->node == box) {
            if (r->rect.width > 100 && r->rect.height > 20) {
                background = k;
                EXPECT_DOUBLE_EQ(r->rect.x, 20);
                EXPECT_DOUBLE_EQ(r->rect.width, 160);  // across both columns
                EXPECT_DOUBLE_EQ(r->rect.height, 2 * 6 + 3 * 12);  // padding and border, 3 lines
            } else {
                ++borders;
            }
        }
        if (const auto* t = std::get_if<layout::GlyphRun>(&items[k]); t && t->node == inside + 1) {
            first_text = std::min(first_text, k);
        }
    }
    ASSERT_LT(background, items.size()) << "no background for the spanning aside";
    EXPECT_EQ(borders, 4u);
    EXPECT_LT(background, first_text);  // beneath its text
}

// ---- why columns and pages end (BreakReason, for the layout dump) ----------------------------

TEST(BreakReasons, AFullPageAndTheEndOfTheDocument) {
    Doc doc;  // one column of 13 lines, 7 words a line
    doc.para(7 * 20);  // 20 lines: 13 on page 1, 7 on page 2
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 2u);
    EXPECT_EQ(pages.pages[0].end, layout::BreakReason::full);
    ASSERT_EQ(pages.pages[0].columns.size(), 1u);
    EXPECT_EQ(pages.pages[0].columns[0].end, layout::BreakReason::full);
    EXPECT_DOUBLE_EQ(pages.pages[0].columns[0].area.y, 20.0);
    EXPECT_DOUBLE_EQ(pages.pages[0].columns[0].area.height, 13 * 12.0);
    EXPECT_EQ(pages.pages[1].end, layout::BreakReason::end);
    ASSERT_EQ(pages.pages[1].columns.size(), 1u);
    EXPECT_DOUBLE_EQ(pages.pages[1].columns[0].area.height, 7 * 12.0);
}

TEST(BreakReasons, AHeadingKeptWithItsTextEndsThePageByTheKeepRule) {
    Doc doc;
    doc.para(7 * 12);  // 12 lines: the heading would fit on line 13, but not with its text
    doc.heading("Next");
    doc.para(7 * 3);
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 2u);
    EXPECT_EQ(pages.pages[0].end, layout::BreakReason::keep);
}

TEST(BreakReasons, ForcedBreaksSpansAndBalancing) {
    Doc doc;
    doc.s.page.columns = 2;
    doc.s.page.column_gap = 10;
    doc.para(12);  // 4 lines, balanced 2 + 2 above the title
    const auto h = doc.heading("A spanning title here");
    doc.style_of(h).column_span_all = true;
    doc.para(3);
    auto brk = mk(NodeKind::explicit_break);
    brk.text = "column";
    doc.d.add(brk, 0);
    doc.para(3);
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 1u);
    const auto& columns = pages.pages[0].columns;
    ASSERT_EQ(columns.size(), 4u);
    EXPECT_EQ(columns[0].end, layout::BreakReason::balanced);
    EXPECT_EQ(columns[1].end, layout::BreakReason::span);
    EXPECT_DOUBLE_EQ(columns[1].area.x, 105.0);
    EXPECT_EQ(columns[2].end, layout::BreakReason::forced);  // balancing kept the forced break
    EXPECT_EQ(columns[3].end, layout::BreakReason::end);
    EXPECT_EQ(pages.pages[0].end, layout::BreakReason::end);
}

TEST(BreakReasons, AnotherMasterEndsThePage) {
    Doc doc;
    auto wide = doc.s.page;
    wide.name = "wide";
    doc.s.masters.push_back(wide);
    doc.para(3);
    doc.style_of(doc.para(3)).page = "wide";
    const auto pages = doc.lay();
    ASSERT_EQ(pages.pages.size(), 2u);
    EXPECT_EQ(pages.pages[0].end, layout::BreakReason::master);
    EXPECT_EQ(pages.pages[1].master, "wide");
}

TEST(NoDiagnostics, AnUnexpectedDiagnosticFailsTheTestAndAnExpectedOneDoesNot) {
    EXPECT_NONFATAL_FAILURE(
        {
            test::NoDiagnostics diags;
            diags.warning("layout.overfull", "a word wider than the column", {});
        },
        "warning: a word wider than the column [layout.overfull]");
    test::NoDiagnostics diags;
    diags.expect("layout.overfull");
    diags.warning("layout.overfull", "a word wider than the column", {});
}
