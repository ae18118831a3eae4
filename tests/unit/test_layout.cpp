#include <gtest/gtest.h>

#include "tree_builder.hpp"

#include "core/utf8.hpp"
#include "fake_font.hpp"
#include "no_diagnostics.hpp"
#include "layout/inline.hpp"
#include "layout/layout.hpp"
#include "layout/linebreak.hpp"

using namespace folio;
using layout::BreakItem;
using layout::ItemType;

namespace {

std::vector<BreakItem> words(const std::vector<double>& widths, double space) {
    std::vector<BreakItem> items;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (i > 0) items.push_back({ItemType::glue, space, space / 2, space / 3, 0, false});
        items.push_back({ItemType::box, widths[i], 0, 0, 0, false});
    }
    items.push_back({ItemType::glue, 0, 1e5, 0, 0, false});
    items.push_back({ItemType::penalty, 0, 0, 0, -layout::penalty_infinity, false});
    return items;
}

/// Builds a document: a title and `paras` paragraphs of `words_per_para` words "xxxx".
struct Built {
    doc::Document doc;
    style::StyledDocument styled;
};

Built build(int paras, int words_per_para, double page_height, style::TextAlign align = style::TextAlign::justify) {
    Built b;
    auto& d = b.doc;
    d.add(test::mk(doc::NodeKind::document), doc::no_node);
    doc::Node h = test::mk(doc::NodeKind::heading);
    h.level = 2;
    const auto hid = d.add(h, 0);
    d.add(test::mk(doc::NodeKind::text, "Title"), hid);
    for (int p = 0; p < paras; ++p) {
        const auto pid = d.add(test::mk(doc::NodeKind::paragraph), 0);
        std::string text;
        for (int w = 0; w < words_per_para; ++w) { text += w ? " " : ""; text += "xxxx"; }
        d.add(test::mk(doc::NodeKind::text, text), pid);
    }
    b.styled.document = &b.doc;
    b.styled.reset_styles(d.nodes.size());
    for (auto& s : b.styled.distinct_styles) {
        s.font_size = 10;
        s.line_height = 1.2;  // 12pt lines
        s.text_align = align;
    }
    // page: 100pt wide text column, `page_height` tall
    b.styled.page.size = {200, page_height + 40};
    b.styled.page.margin_left = b.styled.page.margin_right = 50;
    b.styled.page.margin_top = b.styled.page.margin_bottom = 20;
    return b;
}

std::vector<const layout::GlyphRun*> runs(const layout::Page& p) {
    std::vector<const layout::GlyphRun*> out;
    for (const auto& it : p.items)
        if (auto* r = std::get_if<layout::GlyphRun>(&it)) out.push_back(r);
    return out;
}

}  // namespace

TEST(KnuthPlass, BreaksAtTheOnlyFeasiblePoints) {
    // 3 words of 40 with spaces of 10 in lines of 90: "a b" fits exactly (90), "c" alone.
    auto items = words({40, 40, 40}, 10);
    auto breaks = layout::break_lines(items, {90});
    ASSERT_EQ(breaks.size(), 2u);
    EXPECT_EQ(breaks[0].position, 3u);  // the glue after the second word
    EXPECT_NEAR(breaks[0].ratio, 0.0, 1e-9);
    EXPECT_EQ(breaks[1].position, items.size() - 1);
}

/// First-fit: each line takes as many words as fit at their natural width (shrink allowed).
std::vector<layout::BreakPoint> greedy(const std::vector<BreakItem>& items, double width) {
    std::vector<layout::BreakPoint> out;
    double w = 0, y = 0, z = 0;
    std::size_t last_glue = 0;
    double gw = 0, gy = 0, gz = 0;
    for (std::size_t i = 0; i + 2 < items.size(); ++i) {
        const auto& it = items[i];
        if (it.type == ItemType::glue) { last_glue = i; gw = w; gy = y; gz = z; w += it.width; y += it.stretch; z += it.shrink; continue; }
        w += it.width;
        if (w - z > width && last_glue) {
            out.push_back({last_glue, gw < width ? (width - gw) / gy : (width - gw) / gz});
            w = it.width; y = 0; z = 0;
        }
    }
    out.push_back({items.size() - 1, 0});
    return out;
}

double sum_squared_ratios(const std::vector<layout::BreakPoint>& b) {
    double s = 0;
    for (std::size_t i = 0; i + 1 < b.size(); ++i) s += b[i].ratio * b[i].ratio;
    return s;
}

TEST(KnuthPlass, TotalFitBeatsGreedy) {
    // A long paragraph of pseudo-random word widths: total fit spreads the spacing more evenly
    // than first fit, which leaves some very loose lines.
    std::vector<double> widths;
    unsigned seed = 12345;
    for (int i = 0; i < 300; ++i) {
        seed = seed * 1103515245u + 12345u;
        widths.push_back(10 + (seed >> 16) % 50);
    }
    const auto items = words(widths, 8);
    const auto kp = layout::break_lines(items, {240});
    const auto fit = greedy(items, 240);
    for (const auto& b : kp) EXPECT_GE(b.ratio, -1.0);
    EXPECT_LT(sum_squared_ratios(kp), sum_squared_ratios(fit));
}

TEST(KnuthPlass, NeverProducesAnOverfullLineWhenAFitExists) {
    auto items = words({30, 30, 30, 30, 30, 30, 30}, 6);
    auto breaks = layout::break_lines(items, {100});
    for (const auto& b : breaks) EXPECT_GE(b.ratio, -1.0);
}

TEST(InlineLayout, JustifiedLinesFillTheColumnExactly) {
    auto b = build(1, 30, 400);
    test::FakeFont font;
    core::Diagnostics diags;
    // column 100pt; "xxxx" = 20pt, space = 2.5pt -> 4 words per line (87.5 natural).
    auto res = layout::layout_inline(b.styled, 3, b.doc.node(3).children, 100, 0, font, diags);
    ASSERT_GE(res.lines.size(), 7u);
    for (std::size_t i = 0; i + 1 < res.lines.size(); ++i) {
        const auto& line = res.lines[i];
        double right = 0;
        for (const auto& r : line.runs) right = std::max(right, r.origin.x + r.width);
        EXPECT_NEAR(right, 100.0, 1e-6) << "line " << i;
    }
    EXPECT_TRUE(diags.all().empty());
}

TEST(InlineLayout, RaggedLinesKeepNaturalSpacing) {
    auto b = build(1, 30, 400, style::TextAlign::left);
    test::FakeFont font;
    test::NoDiagnostics diags;
    auto res = layout::layout_inline(b.styled, 3, b.doc.node(3).children, 100, 0, font, diags);
    ASSERT_GE(res.lines.size(), 7u);
    for (const auto& line : res.lines) {
        for (const auto& r : line.runs) {
            EXPECT_DOUBLE_EQ(r.word_spacing, 0.0);
            EXPECT_LE(r.origin.x + r.width, 100.0 + 1e-9);
        }
    }
}

TEST(InlineLayout, AWordWiderThanTheColumnIsBrokenWithAWarning) {
    Built b = build(0, 0, 400);
    auto pid = b.doc.add(test::mk(doc::NodeKind::paragraph), 0);
    b.doc.add(test::mk(doc::NodeKind::text, std::string(30, 'w')), pid);  // 150pt
    b.styled.style_ids.resize(b.doc.nodes.size(), b.styled.style_ids[0]);
    test::FakeFont font;
    core::Diagnostics diags;
    auto res = layout::layout_inline(b.styled, pid, b.doc.node(pid).children, 100, 0, font, diags);
    ASSERT_EQ(res.lines.size(), 2u);
    for (const auto& line : res.lines)
        for (const auto& r : line.runs) EXPECT_LE(r.width, 100.0 + 1e-9);
    ASSERT_EQ(diags.all().size(), 1u);
    EXPECT_EQ(diags.all()[0].severity, core::Severity::warning);
}

namespace {

/// One justified paragraph of `text` (UTF-8) in a document of language `lang`.
Built paragraph(const std::string& text, bool hyphenate, const std::string& lang = "en") {
    Built b = build(0, 0, 400);
    b.doc.meta.language = lang;
    const auto pid = b.doc.add(test::mk(doc::NodeKind::paragraph), 0);
    b.doc.add(test::mk(doc::NodeKind::text, text), pid);
    b.styled.style_ids.resize(b.doc.nodes.size(), b.styled.style_ids[0]);
    for (auto& s : b.styled.distinct_styles) s.hyphenate = hyphenate;
    return b;
}

/// The text of each line, runs concatenated.
std::vector<std::string> line_texts(const layout::InlineResult& res) {
    std::vector<std::string> out;
    for (const auto& line : res.lines) {
        std::u32string t;
        for (const auto& r : line.runs) t += r.text;
        out.push_back(core::to_utf8(t));
    }
    return out;
}

bool ends_with_hyphen(const std::string& s) { return !s.empty() && s.back() == '-'; }

/// The words of the lines joined again: a line-end hyphen joins, a line end otherwise is a space.
std::string rejoin(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
        std::string t = l;
        while (!t.empty() && t.back() == ' ') t.pop_back();
        if (!out.empty() && out.back() == '-') out.pop_back();
        else if (!out.empty()) out += ' ';
        out += t;
    }
    return out;
}

}  // namespace

TEST(Hyphenation, ASoftHyphenBreaksAWordWithAVisibleHyphen) {
    // 100pt column; a letter is 5pt, a space 2.5pt. "aaaa bbbb cccc" is far too loose (67.5pt) and
    // "ddddd-eeeeeee" does not fit whole, so line 1 ends at the soft hyphen, exactly full.
    auto b = paragraph("aaaa bbbb cccc ddddd\u00ADeeeeeee ffff", false);
    test::FakeFont font;
    core::Diagnostics diags;
    const auto pid = b.doc.nodes.size() - 2;
    auto res = layout::layout_inline(b.styled, pid, b.doc.node(pid).children, 100, 0, font, diags);
    const auto lines = line_texts(res);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "aaaa bbbb cccc ddddd-");
    EXPECT_EQ(lines[1], "eeeeeee ffff");
    double right = 0;
    for (const auto& r : res.lines[0].runs) right = std::max(right, r.origin.x + r.width);
    EXPECT_NEAR(right, 100.0, 1e-6);  // the hyphen's width is part of the justified line
    EXPECT_TRUE(diags.all().empty());
}

TEST(Hyphenation, AnUnusedSoftHyphenIsNeverDrawn) {
    auto b = paragraph("co\u00ADoperation", false);
    test::FakeFont font;
    test::NoDiagnostics diags;
    const auto pid = b.doc.nodes.size() - 2;
    auto res = layout::layout_inline(b.styled, pid, b.doc.node(pid).children, 100, 0, font, diags);
    EXPECT_EQ(line_texts(res), std::vector<std::string>{"cooperation"});
}

TEST(Hyphenation, TheLastWordOfAParagraphIsNeverHyphenated) {
    // As above, but the soft-hyphenated word ends the paragraph: it moves down whole.
    auto b = paragraph("aaaa bbbb cccc ddddd\u00ADeeeeeee", false);
    test::FakeFont font;
    test::NoDiagnostics diags;
    diags.expect("layout.loose-line");  // "aaaa bbbb" has to stretch its one space by 57pt
    const auto pid = b.doc.nodes.size() - 2;
    auto res = layout::layout_inline(b.styled, pid, b.doc.node(pid).children, 100, 0, font, diags);
    const auto lines = line_texts(res);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1], "cccc dddddeeeeeee");
    for (const auto& l : lines) EXPECT_FALSE(ends_with_hyphen(l)) << l;
}

TEST(Hyphenation, NeverThreeHyphenatedLinesInARow) {
    // Words of 8 letters with a soft hyphen after every 2: a 100pt line fits exactly two words and
    // a 2-letter piece plus its hyphen, so hyphenating every line would be the tightest fit.
    std::string text;
    for (int i = 0; i < 60; ++i) { text += i ? " " : ""; text += "xx\u00ADxx\u00ADxx\u00ADxx"; }
    auto b = paragraph(text, false);
    test::FakeFont font;
    test::NoDiagnostics diags;
    diags.expect("layout.loose-line");  // the rule costs a few very loose lines here
    const auto pid = b.doc.nodes.size() - 2;
    auto res = layout::layout_inline(b.styled, pid, b.doc.node(pid).children, 100, 0, font, diags);
    const auto lines = line_texts(res);
    ASSERT_GT(lines.size(), 20u);
    int run = 0, hyphenated = 0;
    for (const auto& l : lines) {
        run = ends_with_hyphen(l) ? run + 1 : 0;
        hyphenated += ends_with_hyphen(l) ? 1 : 0;
        EXPECT_LE(run, 2) << l;
    }
    EXPECT_GT(hyphenated, 5);  // hyphenation did happen
    std::string plain;
    for (int i = 0; i < 60; ++i) { plain += i ? " " : ""; plain += "xxxxxxxx"; }
    EXPECT_EQ(rejoin(lines), plain);
}

TEST(Hyphenation, AutomaticHyphenationUsesTheHyphenatorButSparesTheLastWord) {
    std::string text;
    for (int i = 0; i < 12; ++i) text += "international organization hyphenation ";
    text += "documentation";
    auto b = paragraph(text, true);
    const text::Hyphenator hyphenator;
    test::FakeFont font;
    core::Diagnostics diags;
    const auto pid = b.doc.nodes.size() - 2;
    auto res = layout::layout_inline(b.styled, pid, b.doc.node(pid).children, 100, 0, font, diags, &hyphenator);
    const auto lines = line_texts(res);
    int hyphenated = 0, run = 0;
    for (const auto& l : lines) {
        hyphenated += ends_with_hyphen(l) ? 1 : 0;
        run = ends_with_hyphen(l) ? run + 1 : 0;
        EXPECT_LE(run, 2);
    }
    EXPECT_GT(hyphenated, 0);
    EXPECT_EQ(rejoin(lines), text);
    ASSERT_FALSE(lines.empty());
    EXPECT_NE(lines.back().find("documentation"), std::string::npos) << lines.back();
    test::expect_only(diags, {"layout.loose-line"});  // 20-letter lines of 13-letter words

    // Without `hyphens: auto`, the same Hyphenator changes nothing.
    auto plain = paragraph(text, false);
    auto res2 = layout::layout_inline(plain.styled, pid, plain.doc.node(pid).children, 100, 0, font, diags,
                                      &hyphenator);
    for (const auto& l : line_texts(res2)) EXPECT_FALSE(ends_with_hyphen(l)) << l;
}

TEST(KnuthPlass, AThirdFlaggedBreakInARowIsAvoided) {
    // Words of four 10pt pieces with a flagged penalty (a 5pt hyphen) between, TeX glue 2.5pt,
    // lines of 100: "8 8 2-", "6 8 4-", "4 8 6-" are all exactly full, so without the rule the
    // best breaks are three hyphens in a row, again and again.
    std::vector<BreakItem> items;
    for (int i = 0; i < 60; ++i) {
        if (i > 0) items.push_back({ItemType::glue, 2.5, 1.25, 2.5 / 3, 0, false});
        for (int piece = 0; piece < 4; ++piece) {
            if (piece > 0) items.push_back({ItemType::penalty, 5, 0, 0, 50, true});
            items.push_back({ItemType::box, 10, 0, 0, 0, false});
        }
    }
    items.push_back({ItemType::glue, 0, 1e5, 0, 0, false});
    items.push_back({ItemType::penalty, 0, 0, 0, -layout::penalty_infinity, false});
    const auto breaks = layout::break_lines(items, {100});
    ASSERT_GT(breaks.size(), 20u);
    int run = 0, flagged = 0;
    for (const auto& b : breaks) {
        run = items[b.position].flagged ? run + 1 : 0;
        flagged += items[b.position].flagged ? 1 : 0;
        EXPECT_LE(run, 2) << "break at " << b.position;
    }
    EXPECT_GT(flagged, 5);
}

TEST(Pagination, FullPageBreaksAndEveryLineIsPlaced) {
    // 10 paragraphs x 8 lines of 12pt on a 100pt tall column: several pages.
    auto b = build(10, 32, 100);
    test::FakeFont font;
    test::NoDiagnostics diags;
    auto pages = layout::layout_document(b.styled, font, diags);
    ASSERT_TRUE(pages);
    ASSERT_GT(pages->pages.size(), 5u);
    std::size_t lines = 0;
    for (const auto& p : pages->pages) {
        for (const auto* r : runs(p)) {
            ++lines;
            EXPECT_GE(r->origin.y, 20.0);
            EXPECT_LE(r->origin.y, 120.0);  // inside the column
        }
    }
    EXPECT_EQ(lines, 1u + 10u * 8u);
}

TEST(Pagination, AHeadingIsNeverLeftAloneAtTheFootOfAPage) {
    // The column holds 8 lines of 12pt (96pt). A paragraph of 7 lines, then a heading: the heading
    // would fit on line 8 but its paragraph would not, so it must move to page 2.
    Built b = build(0, 0, 96);
    auto& d = b.doc;
    auto p1 = d.add(test::mk(doc::NodeKind::paragraph), 0);
    std::string t;
    for (int i = 0; i < 28; ++i) { t += i ? " " : ""; t += "xxxx"; }
    d.add(test::mk(doc::NodeKind::text, t), p1);
    doc::Node h = test::mk(doc::NodeKind::heading);
    h.level = 2;
    auto h2 = d.add(h, 0);
    d.add(test::mk(doc::NodeKind::text, "Next"), h2);
    auto p2 = d.add(test::mk(doc::NodeKind::paragraph), 0);
    d.add(test::mk(doc::NodeKind::text, t), p2);
    b.styled.style_ids.resize(d.nodes.size(), b.styled.style_ids[0]);
    test::FakeFont font;
    test::NoDiagnostics diags;
    auto pages = layout::layout_document(b.styled, font, diags);
    ASSERT_TRUE(pages);
    ASSERT_GE(pages->pages.size(), 2u);
    for (const auto* r : runs(pages->pages[0])) EXPECT_NE(r->node, h2 + 1) << "heading text on page 1";
    EXPECT_EQ(pages->pages[1].first_node, h2);
    ASSERT_EQ(pages->outline.size(), 2u);
    EXPECT_EQ(pages->outline[1].page, 1u);
}

TEST(Pagination, WidowsMoveALineToTheNextPage) {
    // Column of 5 lines; title (1 line) + paragraph of 5 lines: 4 fit, 1 would be a widow.
    Built b = build(1, 20, 60);  // 20 words = 5 lines
    test::FakeFont font;
    test::NoDiagnostics diags;
    auto pages = layout::layout_document(b.styled, font, diags);
    ASSERT_TRUE(pages);
    ASSERT_EQ(pages->pages.size(), 2u);
    EXPECT_EQ(runs(pages->pages[0]).size(), 1u + 3u);  // title + 3 lines
    EXPECT_EQ(runs(pages->pages[1]).size(), 2u);       // 2 lines: no widow
}

TEST(Pagination, RunningFooterShowsPageNumbers) {
    auto b = build(10, 32, 100);
    style::RunningContent footer;
    footer.content = "{page} of {pages}";
    footer.style.font_size = 8;
    b.styled.footer = footer;
    test::FakeFont font;
    test::NoDiagnostics diags;
    auto pages = layout::layout_document(b.styled, font, diags);
    ASSERT_TRUE(pages);
    const auto n = pages->pages.size();
    const auto last = runs(pages->pages.back()).back();
    EXPECT_EQ(core::to_utf8(last->text), std::to_string(n) + " of " + std::to_string(n));
}

TEST(PageMap, TheFirstPlaceCountsAndUnrecordedNodesCompareEqual) {
    layout::PageMap a;
    EXPECT_FALSE(a.find(3).has_value());
    a.emplace(3, 7);
    a.emplace(3, 9);  // a node's first place is its page
    ASSERT_TRUE(a.find(3).has_value());
    EXPECT_EQ(*a.find(3), 7u);
    EXPECT_FALSE(a.find(2).has_value());
    EXPECT_FALSE(a.find(400).has_value());
    layout::PageMap b;
    b.reserve(1000);
    b.emplace(3, 7);
    EXPECT_EQ(a, b);
    b.emplace(500, 1);  // recorded beyond a's table
    EXPECT_NE(a, b);
    EXPECT_NE(b, a);
    a.emplace(500, 2);
    EXPECT_NE(a, b);  // same nodes, another page
}
