// Table layout (layout/table_layout.cpp) on the fixed-width fake font (every character 0.5 em,
// the space 0.25 em; 10pt type on 12pt lines): rows broken across pages with the header rows
// repeated, cells spanning rows continued on the next page, rows taller than a page, tables
// kept whole, and columns too narrow for their words.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/utf8.hpp"
#include "fake_font.hpp"
#include "layout/layout.hpp"
#include "read_content_helpers.hpp"

using namespace folio;

namespace {

/// A source around `body` laid out on 200 x 200 pages with 20pt margins (a 160 x 160 area, 13
/// lines), every node in the same style but for `cell` (padding and border of cells).
struct TableDoc {
    doc::Document d;
    style::StyledDocument s;
    style::ComputedStyle base;
    style::ComputedStyle cell;
    style::ComputedStyle table;  ///< of <table> nodes
    test::FakeFont font;
    core::Diagnostics diags;

    explicit TableDoc(const std::string& body) {
        auto r = test::read(test::wrap(body));
        EXPECT_TRUE(r.doc && r.diags.all().empty()) << ::testing::PrintToString(test::where(r.diags));
        if (r.doc) d = std::move(*r.doc);
        base.font_size = 10;
        base.line_height = 1.2;
        base.text_align = style::TextAlign::left;
        cell = base;
        table = base;
        s.page.size = {200, 200};
        s.page.margin_left = s.page.margin_right = s.page.margin_top = s.page.margin_bottom = 20;
    }
    layout::PagedDocument lay() {
        s.document = &d;
        s.reset_styles(d.nodes.size());
        s.distinct_styles[0] = base;
        s.distinct_styles.push_back(cell);
        s.distinct_styles.push_back(table);
        for (doc::NodeId i = 0; i < d.nodes.size(); ++i) {
            const auto k = d.node(i).kind;
            if (k == doc::NodeKind::data_cell || k == doc::NodeKind::header_cell) s.style_ids[i] = 1;
            if (k == doc::NodeKind::table) s.style_ids[i] = 2;
            // text in cells has the cells' style, as it would inherit it
            if (k == doc::NodeKind::text && s.style_ids[d.node(i).parent] == 1) s.style_ids[i] = 1;
        }
        auto r = layout::layout_document(s, font, diags);
        EXPECT_TRUE(r);
        return r ? *r : layout::PagedDocument{};
    }
};

struct DrawnRun {
    std::string text;
    double x, y, width;
};

/// The runs of a page but the document's title ("T", from test::wrap).
std::vector<DrawnRun> runs(const layout::Page& p) {
    std::vector<DrawnRun> out;
    for (const auto& it : p.items) {
        if (const auto* r = std::get_if<layout::GlyphRun>(&it); r && core::to_utf8(r->text) != "T") {
            out.push_back({core::to_utf8(r->text), r->origin.x, r->origin.y, r->width});
        }
    }
    return out;
}

/// Each word drawn in the document, with how many times.
std::map<std::string, int> words(const layout::PagedDocument& pages) {
    std::map<std::string, int> out;
    for (const auto& p : pages.pages) {
        for (const DrawnRun& r : runs(p)) {
            std::size_t from = 0;
            while (from < r.text.size()) {
                const std::size_t to = std::min(r.text.find(' ', from), r.text.size());
                if (to > from) ++out[r.text.substr(from, to - from)];
                from = to + 1;
            }
        }
    }
    return out;
}

std::string rows(int from, int to) {
    std::string out;
    for (int i = from; i <= to; ++i) {
        out += "<tr><td>r" + std::to_string(i) + "</td><td>v" + std::to_string(i) + "</td></tr>\n";
    }
    return out;
}

}  // namespace

TEST(TableLayout, ALongTableBreaksBetweenRowsAndRepeatsItsHeaderOnEveryPage) {
    TableDoc t("<table><thead><tr><th>Head</th><th>Val</th></tr></thead><tbody>\n" + rows(1, 30) +
               "</tbody></table>");
    const auto pages = t.lay();
    ASSERT_EQ(pages.pages.size(), 3u);  // 13 lines a page: the title, the header and 11 rows, then 12
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        const auto r = runs(pages.pages[i]);
        ASSERT_FALSE(r.empty());
        EXPECT_EQ(r.front().text, "Head");  // at the top of the table on every page
        if (i > 0) {  // (below the title on the first)
            EXPECT_NEAR(r.front().y, 20 + 9, 0.01);  // the baseline of a 12pt line of 10pt type
        }
        for (const DrawnRun& run : r) {
            EXPECT_GE(run.y - 8, 20 - 0.01);
            EXPECT_LE(run.y + 2, 180 + 0.01) << run.text;
        }
    }
    const auto w = words(pages);
    EXPECT_EQ(w.at("Head"), 3);
    for (int i = 1; i <= 30; ++i) {
        EXPECT_EQ(w.at("r" + std::to_string(i)), 1) << i;
        EXPECT_EQ(w.at("v" + std::to_string(i)), 1) << i;
    }
    EXPECT_TRUE(t.diags.all().empty());
}

TEST(TableLayout, ATableThatFitsAPageIsNotBroken) {
    std::string before;
    for (int i = 0; i < 8; ++i) before += "<p>line</p>";
    TableDoc t(before + "<table>" + rows(1, 6) + "</table>");
    const auto pages = t.lay();
    ASSERT_EQ(pages.pages.size(), 2u);
    const auto second = runs(pages.pages[1]);
    ASSERT_EQ(second.size(), 12u);  // every cell of the table
    EXPECT_EQ(second.front().text, "r1");
}

TEST(TableLayout, ACellSpanningRowsContinuesOnTheNextPageWithNoLineAcrossTheBreak) {
    // 16 lines spanning 3 rows: taller than a page, so it breaks (at a line top of its last row)
    std::string span = "<tr><td rowspan=\"3\">";
    for (int i = 0; i < 16; ++i) span += "s" + std::to_string(i) + "<br/>";
    span += "</td><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr>\n";
    TableDoc t("<table><col width=\"30pt\"/><col/>" + rows(1, 9) + span + "</table>");
    const auto pages = t.lay();
    // (s0-s2 beside a, b, c at the foot of the first page; s3-s15 fill the second)
    ASSERT_EQ(pages.pages.size(), 2u);
    const auto w = words(pages);
    for (int i = 0; i < 16; ++i) EXPECT_EQ(w.at("s" + std::to_string(i)), 1);
    int first = 0, second = 0;
    for (const DrawnRun& r : runs(pages.pages[0])) {
        first += r.text[0] == 's';
        EXPECT_LE(r.y + 2, 180 + 0.01);
    }
    for (const DrawnRun& r : runs(pages.pages[1])) second += r.text[0] == 's';
    EXPECT_GT(first, 0);   // the spanning cell starts on the first page ...
    EXPECT_GT(second, 0);  // ... and continues on the second
}

TEST(TableLayout, ACellSpanningRowsThatFitKeepsThemTogetherAndItsLinesWhereTheyFall) {
    // "aaaa bbbb" wraps in a 25pt column: two lines over two rows of one line each
    TableDoc t("<table><col width=\"25pt\"/><col/><tr><td rowspan=\"2\">aaaa bbbb</td><td>x</td></tr>"
               "<tr><td>y</td></tr></table>");
    const auto pages = t.lay();
    std::map<std::string, double> y;
    for (const DrawnRun& r : runs(pages.pages[0])) y[r.text] = r.y;
    EXPECT_DOUBLE_EQ(y.at("bbbb") - y.at("aaaa"), 12);  // no gap at the row boundary
    EXPECT_DOUBLE_EQ(y.at("y") - y.at("x"), 12);
}

TEST(TableLayout, RowsThatAShortCellSpansBreakWhenTheyAreTallerThanAPage) {
    std::string body = "<tr><th rowspan=\"30\">tall</th><td>v0</td></tr>";
    for (int i = 1; i < 30; ++i) body += "<tr><td>v" + std::to_string(i) + "</td></tr>";
    TableDoc t("<table>" + body + "</table>");
    const auto pages = t.lay();
    ASSERT_EQ(pages.pages.size(), 3u);  // 30 rows of 12pt: not one unit taller than a page
    for (const auto& p : pages.pages) {
        for (const DrawnRun& r : runs(p)) EXPECT_LE(r.y + 2, 180 + 0.01) << r.text;
    }
    EXPECT_EQ(words(pages).at("v29"), 1);
}

TEST(TableLayout, ARowTallerThanAPageBreaksInsideItsCellsKeepingTheirLinesAligned) {
    std::string tall, other;
    for (int i = 0; i < 30; ++i) tall += "t" + std::to_string(i) + "<br/>";
    for (int i = 0; i < 20; ++i) other += "o" + std::to_string(i) + "<br/>";
    TableDoc t("<table><tr><td>" + tall + "</td><td>" + other + "</td></tr></table>");
    const auto pages = t.lay();
    ASSERT_EQ(pages.pages.size(), 3u);  // the title and 12 lines, then 13, then 5: no page left empty
    EXPECT_EQ(runs(pages.pages[0]).size(), 24u);
    for (const auto& p : pages.pages) {
        std::map<double, int> at;  // lines at each baseline: both cells side by side
        for (const DrawnRun& r : runs(p)) {
            EXPECT_LE(r.y + 2, 180 + 0.01) << r.text;
            ++at[r.y];
        }
    }
    const auto w = words(pages);
    for (int i = 0; i < 30; ++i) EXPECT_EQ(w.at("t" + std::to_string(i)), 1);
    // line k of both cells shares a baseline
    std::map<std::string, double> y;
    for (const auto& p : pages.pages) {
        for (const DrawnRun& r : runs(p)) y[r.text] = r.y;
    }
    for (int i = 0; i < 20; ++i) EXPECT_EQ(y["t" + std::to_string(i)], y["o" + std::to_string(i)]) << i;
}

TEST(TableLayout, AColumnTooNarrowForItsWordIsReportedAndNoTextLeavesItsCell) {
    TableDoc t("<table><col width=\"20pt\"/><col/><tr><td>abcdefghijkl</td><td>ok</td></tr></table>");
    t.cell.padding = 2;
    const auto pages = t.lay();
    bool narrow = false;
    for (const auto& d : t.diags.all()) narrow = narrow || d.code == "layout.column-too-narrow";
    EXPECT_TRUE(narrow) << ::testing::PrintToString(test::where(t.diags));
    for (const DrawnRun& r : runs(pages.pages[0])) {
        if (r.text == "ok") continue;
        EXPECT_GE(r.x, 20 + 2 - 0.01);
        EXPECT_LE(r.x + r.width, 20 + 20 - 2 + 0.01) << r.text;
    }
}

TEST(TableLayout, FiguresAlignOnTheirDecimalPoint) {
    TableDoc t("<table><tr><td>1.5</td></tr><tr><td>10.25</td></tr><tr><td>7</td></tr></table>");
    t.cell.text_align = style::TextAlign::right;
    t.cell.align_on = ".";
    const auto pages = t.lay();
    std::map<std::string, DrawnRun> at;
    for (const DrawnRun& r : runs(pages.pages[0])) at.emplace(r.text, r);
    ASSERT_EQ(at.size(), 3u);
    const double point = at.at("10.25").x + 10;  // every character 5pt: "10" before the point
    EXPECT_NEAR(at.at("1.5").x + 5, point, 0.01);
    EXPECT_NEAR(at.at("7").x + 5, point, 0.01);  // an integer ends where the point stands
    EXPECT_NEAR(at.at("10.25").x + 25, 180, 0.01);  // the widest fraction sets the right edge
}

TEST(TableLayout, TablesWithALabelAreNumberedInTheirCaptions) {
    TableDoc t("<table><caption>Dates</caption><tr><td>a</td></tr></table>"
               "<table><caption><em>Sizes</em> of pages</caption><tr><td>b</td></tr></table>");
    t.table.table_label = "Table";
    const auto pages = t.lay();
    std::vector<std::string> texts;
    for (const DrawnRun& r : runs(pages.pages[0])) texts.push_back(r.text);
    EXPECT_NE(std::find(texts.begin(), texts.end(), "Table 1. Dates"), texts.end()) << ::testing::PrintToString(texts);
    // (the label goes before the first text, here inside <em>: a run of its own)
    EXPECT_NE(std::find(texts.begin(), texts.end(), "Table 2. Sizes "), texts.end()) << ::testing::PrintToString(texts);
}

TEST(TableLayout, AFootRepeatedAtEachBreakStandsBelowTheRowsOfEveryPage) {
    TableDoc t("<table><thead><tr><th>Head</th><th>Val</th></tr></thead><tbody>\n" + rows(1, 30) +
               "</tbody><tfoot><tr><td>Foot</td><td>Sum</td></tr></tfoot></table>");
    t.table.footer_repeat = true;
    const auto pages = t.lay();
    ASSERT_EQ(pages.pages.size(), 3u);  // 13 lines: the head, 10 rows and the foot (11 on the first)
    int rows_seen = 0;
    for (const auto& p : pages.pages) {
        const auto r = runs(p);
        ASSERT_GE(r.size(), 4u);
        EXPECT_EQ(r.front().text, "Head");
        double lowest_row = 0, foot = -1;
        for (const DrawnRun& run : r) {
            EXPECT_LE(run.y + 2, 180 + 0.01) << run.text;
            if (run.text == "Foot") foot = run.y;
            if (run.text[0] == 'r') { lowest_row = std::max(lowest_row, run.y); ++rows_seen; }
        }
        EXPECT_NEAR(foot, lowest_row + 12, 0.01);  // right below the page's last row
    }
    EXPECT_EQ(rows_seen, 30);
    EXPECT_EQ(words(pages).at("Foot"), 3);
    EXPECT_EQ(words(pages).at("Sum"), 3);
}

TEST(TableLayout, AFootEndsTheTableOnceUnlessTheStyleAsksForRepeats) {
    TableDoc t("<table><thead><tr><th>Head</th><th>Val</th></tr></thead><tbody>\n" + rows(1, 30) +
               "</tbody><tfoot><tr><td>Foot</td><td>Sum</td></tr></tfoot></table>");
    const auto pages = t.lay();
    ASSERT_EQ(pages.pages.size(), 3u);
    EXPECT_EQ(words(pages).at("Foot"), 1);
    const auto last = runs(pages.pages.back());
    ASSERT_GE(last.size(), 2u);
    EXPECT_EQ(last[last.size() - 2].text, "Foot");  // below the last row, beside "Sum"
    EXPECT_EQ(last[last.size() - 3].text, "v30");
}

namespace {

/// A row of a cell of 30 lines (t0, t1, ...) beside a cell `other`, on 13-line pages below the title.
std::map<std::string, std::size_t> page_of_lines(TableDoc& t, const std::string& other) {
    std::string tall;
    for (int i = 0; i < 30; ++i) tall += "t" + std::to_string(i) + "<br/>";
    t.d = test::read(test::wrap("<table><tr><td>" + tall + "</td><td>" + other + "</td></tr></table>")).doc.value();
    const auto pages = t.lay();
    std::map<std::string, std::size_t> out;
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        for (const DrawnRun& r : runs(pages.pages[i])) out[r.text] = i;
    }
    return out;
}

std::string numbered(const std::string& prefix, int from, int to) {
    std::string out;
    for (int i = from; i <= to; ++i) out += prefix + std::to_string(i) + (i < to ? "<br/>" : "");
    return out;
}

}  // namespace

TEST(TableLayout, WidowsHoldInsideACellThatBreaks) {
    TableDoc t("<p>x</p>");
    t.cell.widows = 3;
    // the first page holds 12 lines of the row: b10 and b11 would be left alone on the next
    const auto at = page_of_lines(t, numbered("b", 0, 12));
    EXPECT_EQ(at.at("b9"), 0u);
    EXPECT_EQ(at.at("b10"), 1u);  // three lines go over together
    EXPECT_EQ(at.at("t9"), 0u);
    EXPECT_EQ(at.at("t10"), 1u);  // and the other cell's lines with them, aligned
}

TEST(TableLayout, OrphansHoldForEachParagraphOfACell) {
    TableDoc t("<p>x</p>");
    // the second paragraph would have one line (c0) at the foot of the first page
    const auto at = page_of_lines(t, "<p>" + numbered("b", 0, 10) + "</p><p>" + numbered("c", 0, 2) + "</p>");
    EXPECT_EQ(at.at("b10"), 0u);
    EXPECT_EQ(at.at("c0"), 1u);
    EXPECT_EQ(at.at("t10"), 0u);
    EXPECT_EQ(at.at("t11"), 1u);
}

TEST(TableLayout, ListsInACellStandInItsIndentWithTheirMarkersInsideTheCell) {
    TableDoc t("<table><col width=\"80pt\"/><col/><tr><td><p>intro</p><ul><li>one</li><li>two<ul><li>deep</li></ul></li></ul>"
               "</td><td>x</td></tr></table>");
    const auto pages = t.lay();
    ASSERT_EQ(pages.pages.size(), 1u);
    std::map<std::string, DrawnRun> at;
    std::vector<DrawnRun> markers;
    for (const DrawnRun& r : runs(pages.pages[0])) {
        if (r.text == "x") continue;
        if (r.text == "one" || r.text == "two" || r.text == "deep" || r.text == "intro") at.emplace(r.text, r);
        else markers.push_back(r);
        EXPECT_GE(r.x, 20 - 0.01) << r.text;  // inside the cell: [20, 100]
        EXPECT_LE(r.x + r.width, 100 + 0.01) << r.text;
    }
    ASSERT_EQ(at.size(), 4u);
    ASSERT_EQ(markers.size(), 3u);  // one per item, on its first line
    EXPECT_NEAR(at.at("intro").x, 20, 0.01);
    EXPECT_GT(at.at("one").x, at.at("intro").x);
    EXPECT_NEAR(at.at("two").x, at.at("one").x, 0.01);
    EXPECT_GT(at.at("deep").x, at.at("two").x);  // nested: further in
    EXPECT_NEAR(markers[0].y, at.at("one").y, 0.01);
    EXPECT_LT(markers[0].x + markers[0].width, at.at("one").x);
    EXPECT_NEAR(markers[2].y, at.at("deep").y, 0.01);
    EXPECT_LT(markers[2].x + markers[2].width, at.at("deep").x);
    EXPECT_DOUBLE_EQ(at.at("two").y - at.at("one").y, 12);
}

TEST(TableLayout, AListNestedDeepInANarrowCellKeepsItsTextAndMarkersInTheCell) {
    std::string list;
    for (int i = 0; i < 40; ++i) list += "<ul><li>w" + std::to_string(i);
    for (int i = 0; i < 40; ++i) list += "</li></ul>";
    TableDoc t("<table><col width=\"40pt\"/><col/><tr><td>" + list + "</td><td>x</td></tr></table>");
    const auto pages = t.lay();
    int words_seen = 0;
    for (const auto& p : pages.pages) {
        for (const DrawnRun& r : runs(p)) {
            if (r.text == "x") continue;
            words_seen += r.text[0] == 'w';
            EXPECT_GE(r.x, 20 - 0.01) << r.text;
            EXPECT_LE(r.x + r.width, 60 + 0.01) << r.text;
            EXPECT_LE(r.y + 2, 180 + 0.01) << r.text;
        }
    }
    EXPECT_GE(words_seen, 40);  // every item's word (some broken across lines)
}

TEST(TableLayout, ASpanningTableRepeatsItsFootAcrossTheColumnsOfEveryPage) {
    TableDoc t("<table><thead><tr><th>Head</th><th>Val</th></tr></thead><tbody>\n" + rows(1, 30) +
               "</tbody><tfoot><tr><td>Foot</td><td>Sum</td></tr></tfoot></table>");
    t.s.page.columns = 2;
    t.s.page.column_gap = 10;
    t.table.column_span_all = true;
    t.table.footer_repeat = true;
    const auto pages = t.lay();
    ASSERT_EQ(pages.pages.size(), 3u);
    for (const auto& p : pages.pages) {
        double lowest_row = 0, foot = -1;
        for (const DrawnRun& run : runs(p)) {
            EXPECT_LE(run.y + 2, 180 + 0.01) << run.text;
            if (run.text == "Foot") foot = run.y;
            if (run.text[0] == 'r') lowest_row = std::max(lowest_row, run.y);
        }
        EXPECT_NEAR(foot, lowest_row + 12, 0.01);
    }
    EXPECT_EQ(words(pages).at("Foot"), 3);
    for (int i = 1; i <= 30; ++i) EXPECT_EQ(words(pages).at("r" + std::to_string(i)), 1) << i;
}
