// Figures' sizes, floats and rows (issue 18): size_figure's arithmetic (layout/figure_size.cpp),
// and layout on the fixed-width fake font (every character 0.5 em, the space 0.25 em; 10pt type
// on 12pt lines) on 200 x 200 pages with 20pt margins (a 160 x 160 text area). Images have no
// file here, so each counts as 4 x 3 CSS pixels (3 x 2.25 pt at its natural size).

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>

#include "core/utf8.hpp"
#include "fake_font.hpp"
#include "layout/figure_size.hpp"
#include "layout/layout.hpp"
#include "read_content_helpers.hpp"

using namespace folio;
using style::SizeValue;

namespace {

SizeValue pt(double v) { return {SizeValue::Unit::points, v}; }
SizeValue percent(double v) { return {SizeValue::Unit::percent, v}; }

/// A source around `body`, every node in one plain style but figures (`figure`) and captions.
struct FigureDoc {
    doc::Document d;
    style::StyledDocument s;
    style::ComputedStyle base;
    style::ComputedStyle figure;
    std::optional<style::ComputedStyle> section;  ///< the style of sections, when set
    test::FakeFont font;
    core::Diagnostics diags;

    explicit FigureDoc(const std::string& body) {
        auto r = test::read(test::wrap(body));
        EXPECT_TRUE(r.doc) << ::testing::PrintToString(test::where(r.diags));
        if (r.doc) d = std::move(*r.doc);
        base.font_size = 10;
        base.line_height = 1.2;
        base.text_align = style::TextAlign::left;
        figure = base;
        s.page.size = {200, 200};
        s.page.margin_left = s.page.margin_right = s.page.margin_top = s.page.margin_bottom = 20;
    }
    layout::PagedDocument lay() {
        s.document = &d;
        s.reset_styles(d.nodes.size());
        s.distinct_styles[0] = base;
        s.distinct_styles.push_back(figure);
        if (section) s.distinct_styles.push_back(*section);
        for (doc::NodeId i = 0; i < d.nodes.size(); ++i) {
            if (d.node(i).kind == doc::NodeKind::figure) s.style_ids[i] = 1;
            if (section && d.node(i).kind == doc::NodeKind::section) s.style_ids[i] = 2;
        }
        core::Diagnostics all;
        auto r = layout::layout_document(s, font, all);
        EXPECT_TRUE(r);
        for (const auto& x : all.all()) {
            if (x.code != "image.decode") diags.add(x);  // (the images have no file here)
        }
        return r ? *r : layout::PagedDocument{};
    }
};

/// A line of text drawn on a page: its words and its box (the fake font's ascent 8pt, descent 2pt).
struct Drawn {
    std::string text;
    core::Rect box;
};

/// The text drawn on a page but the document's title ("T").
std::vector<Drawn> runs(const layout::Page& p) {
    std::vector<Drawn> out;
    for (const auto& it : p.items) {
        const auto* r = std::get_if<layout::GlyphRun>(&it);
        if (r == nullptr || core::to_utf8(r->text) == "T") continue;
        out.push_back({core::to_utf8(r->text), {r->origin.x, r->origin.y - 8, r->width, 10}});
    }
    return out;
}

std::vector<layout::ImageBox> images(const layout::Page& p) {
    std::vector<layout::ImageBox> out;
    for (const auto& it : p.items) {
        if (const auto* b = std::get_if<layout::ImageBox>(&it)) out.push_back(*b);
    }
    return out;
}

/// A paragraph of `words` words "w1 w2 ..." (each 2 or 3 characters).
std::string words(int count, const std::string& prefix = "w") {
    std::string out = "<p>";
    for (int i = 1; i <= count; ++i) out += (i > 1 ? " " : "") + prefix + std::to_string(i);
    return out + "</p>";
}

bool overlaps(const Drawn& r, const core::Rect& box) {
    return r.box.x < box.right() && r.box.right() > box.x && r.box.y < box.bottom() && r.box.bottom() > box.y;
}

}  // namespace

TEST(FigureSize, UnstyledIsTheNaturalSizeWithinTheColumn) {
    const auto b = layout::size_figure({400, 300}, {}, 500, 700, 560, nullptr);
    EXPECT_DOUBLE_EQ(b.width, 300);  // 400 px at 96 dpi
    EXPECT_DOUBLE_EQ(b.height, 225);
    const auto narrow = layout::size_figure({400, 300}, {}, 150, 700, 560, nullptr);
    EXPECT_DOUBLE_EQ(narrow.width, 150);
    EXPECT_DOUBLE_EQ(narrow.height, 112.5);
    EXPECT_FALSE(narrow.clipped);
}

TEST(FigureSize, WidthHeightAndMaxWidthKeepTheAspectRatio) {
    style::Sizing s;
    s.width = percent(50);
    auto b = layout::size_figure({400, 300}, s, 200, 700, 560, nullptr);
    EXPECT_DOUBLE_EQ(b.width, 100);
    EXPECT_DOUBLE_EQ(b.height, 75);
    s = {};
    s.height = pt(60);
    b = layout::size_figure({400, 300}, s, 200, 700, 560, nullptr);
    EXPECT_DOUBLE_EQ(b.width, 80);
    s = {};
    s.height = percent(10);  // of the text area's height
    b = layout::size_figure({400, 300}, s, 200, 700, 560, nullptr);
    EXPECT_DOUBLE_EQ(b.height, 70);
    s = {};
    s.width = pt(180);
    s.max_width = pt(120);
    b = layout::size_figure({400, 300}, s, 200, 700, 560, nullptr);
    EXPECT_DOUBLE_EQ(b.width, 120);
    EXPECT_DOUBLE_EQ(b.height, 90);
    EXPECT_EQ(b.image, (core::Rect{0, 0, 120, 90}));
}

TEST(FigureSize, CoverCropsAroundTheBoxAndContainFitsInside) {
    style::Sizing s;
    s.width = pt(200);
    s.height = pt(50);
    s.fit = style::ObjectFit::cover;
    auto b = layout::size_figure({400, 300}, s, 200, 700, 560, nullptr);
    EXPECT_DOUBLE_EQ(b.width, 200);
    EXPECT_DOUBLE_EQ(b.height, 50);
    EXPECT_TRUE(b.clipped);
    EXPECT_EQ(b.image, (core::Rect{0, -50, 200, 150}));  // centred, the width filled
    s.fit = style::ObjectFit::contain;
    b = layout::size_figure({400, 300}, s, 200, 700, 560, nullptr);
    EXPECT_FALSE(b.clipped);
    EXPECT_DOUBLE_EQ(b.image.height, 50);
    EXPECT_DOUBLE_EQ(b.image.width, 200.0 / 3);
    EXPECT_DOUBLE_EQ(b.image.x, (200 - 200.0 / 3) / 2);
    s.fit = style::ObjectFit::fill;
    b = layout::size_figure({400, 300}, s, 200, 700, 560, nullptr);
    EXPECT_EQ(b.image, (core::Rect{0, 0, 200, 50}));
}

TEST(FigureSize, TooWideOrTooTallIsReducedWithANote) {
    style::Sizing s;
    s.width = pt(5000);  // an image larger than the page
    std::vector<layout::FigureSizeNote> notes;
    auto b = layout::size_figure({400, 300}, s, 200, 700, 560, &notes);
    EXPECT_DOUBLE_EQ(b.width, 200);
    EXPECT_DOUBLE_EQ(b.height, 150);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_STREQ(notes[0].code, "layout.figure-too-wide");
    notes.clear();
    s = {};
    s.height = pt(3000);
    b = layout::size_figure({100, 1000}, s, 200, 700, 560, &notes);  // 300 x 3000: both
    EXPECT_DOUBLE_EQ(b.height, 560);
    EXPECT_DOUBLE_EQ(b.width, 56);
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_STREQ(notes.back().code, "layout.figure-too-tall");
    notes.clear();
    b = layout::size_figure({0, -3}, {}, 200, 700, 560, &notes);  // no usable size: 4 x 3
    EXPECT_DOUBLE_EQ(b.width, 3);
    EXPECT_TRUE(notes.empty());  // (nothing the style asked for was reduced)
}

TEST(FigureLayout, AFigureWidthIsAPercentageOfItsColumn) {
    FigureDoc t("<figure src=\"a.png\" alt=\"A\"/>");
    t.figure.sizing.width = percent(50);
    const auto pages = t.lay();
    ASSERT_FALSE(pages.pages.empty());
    const auto imgs = images(pages.pages[0]);
    ASSERT_EQ(imgs.size(), 1u);
    EXPECT_DOUBLE_EQ(imgs[0].rect.width, 80);
    EXPECT_DOUBLE_EQ(imgs[0].rect.height, 60);
    EXPECT_DOUBLE_EQ(imgs[0].rect.x, 60);  // centred in the column (20 + (160 - 80) / 2)
    EXPECT_EQ(imgs[0].fit.width, 0);
}

TEST(FigureLayout, ACroppedFigureIsClippedToItsBox) {
    FigureDoc t("<figure src=\"a.png\" alt=\"A\"/>");
    t.figure.sizing.width = percent(100);
    t.figure.sizing.height = pt(30);
    t.figure.sizing.fit = style::ObjectFit::cover;
    const auto imgs = images(t.lay().pages.at(0));
    ASSERT_EQ(imgs.size(), 1u);
    EXPECT_EQ(imgs[0].rect.width, 160);
    EXPECT_EQ(imgs[0].rect.height, 30);
    EXPECT_EQ(imgs[0].fit, (core::Rect{0, -45, 160, 120}));
}

TEST(FigureLayout, TextFlowsBesideALeftFloatAndBelowItAtFullWidth) {
    FigureDoc t("<figure src=\"a.png\" alt=\"A\"/>" + words(60));
    t.figure.sizing.width = percent(40);  // 64 x 48: four lines beside it
    t.figure.sizing.float_side = style::FloatSide::left;
    const auto pages = t.lay();
    ASSERT_EQ(pages.pages.size(), 1u);
    const auto imgs = images(pages.pages[0]);
    ASSERT_EQ(imgs.size(), 1u);
    const core::Rect box = imgs[0].rect;
    EXPECT_DOUBLE_EQ(box.x, 20);
    EXPECT_DOUBLE_EQ(box.width, 64);
    const auto r = runs(pages.pages[0]);
    ASSERT_GT(r.size(), 6u);
    int beside = 0;
    for (const Drawn& run : r) {
        EXPECT_FALSE(overlaps(run, box)) << run.text;
        EXPECT_LE(run.box.right(), 180 + 0.01) << run.text;
        if (run.box.y < box.bottom()) {
            EXPECT_GE(run.box.x, box.right() + 10 - 0.01) << run.text;  // the gap: 1 em
            ++beside;
        } else {
            EXPECT_DOUBLE_EQ(run.box.x, 20) << run.text;
        }
    }
    EXPECT_EQ(beside, 4);
    EXPECT_TRUE(t.diags.all().empty()) << ::testing::PrintToString(test::where(t.diags));
}

TEST(FigureLayout, ARightFloatLeavesItsSideToTheFloatAndATitleStartsBelowIt) {
    FigureDoc t("<figure src=\"a.png\" alt=\"A\"/>" + words(6) + "<section><title>Next</title>" + words(3) + "</section>");
    t.figure.sizing.width = percent(40);
    t.figure.sizing.float_side = style::FloatSide::right;
    const auto pages = t.lay();
    const auto imgs = images(pages.pages.at(0));
    ASSERT_EQ(imgs.size(), 1u);
    const core::Rect box = imgs[0].rect;
    EXPECT_DOUBLE_EQ(box.right(), 180);
    bool title = false;
    for (const Drawn& run : runs(pages.pages[0])) {
        EXPECT_FALSE(overlaps(run, box)) << run.text;
        if (run.text == "Next") {
            title = true;
            EXPECT_GE(run.box.y, box.bottom() - 0.01);  // cleared: below the float
        }
    }
    EXPECT_TRUE(title);
}

TEST(FigureLayout, AFloatWiderThanItsColumnAllowsIsABlockWithAWarning) {
    FigureDoc t("<figure src=\"a.png\" alt=\"A\"/>" + words(20));
    t.figure.sizing.width = percent(90);
    t.figure.sizing.float_side = style::FloatSide::left;
    const auto pages = t.lay();
    const auto imgs = images(pages.pages.at(0));
    ASSERT_EQ(imgs.size(), 1u);
    for (const Drawn& run : runs(pages.pages[0])) {
        EXPECT_GE(run.box.y, imgs[0].rect.bottom() - 0.01) << run.text;  // all of it below
    }
    ASSERT_EQ(t.diags.all().size(), 1u);
    EXPECT_EQ(t.diags.all()[0].code, "layout.float-too-wide");
    EXPECT_EQ(t.diags.all()[0].location.line, 3u);
}

TEST(FigureLayout, AFloatNearTheFootOfAPageMovesOnWithTheTextBesideIt) {
    std::string before;
    for (int i = 0; i < 10; ++i) before += "<p>line</p>";  // 10 of the page's 13 lines
    FigureDoc t(before + "<figure src=\"a.png\" alt=\"A\"/>" + words(40));
    t.figure.sizing.width = percent(40);
    t.figure.sizing.float_side = style::FloatSide::left;
    const auto pages = t.lay();
    ASSERT_GE(pages.pages.size(), 2u);
    EXPECT_TRUE(images(pages.pages[0]).empty());
    const auto imgs = images(pages.pages[1]);
    ASSERT_EQ(imgs.size(), 1u);
    EXPECT_DOUBLE_EQ(imgs[0].rect.y, 20);  // at the top of the next page, inside its text area
    const auto first = runs(pages.pages[1]);
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(first.front().text.substr(0, 3), "w1 ");  // with its text
    EXPECT_GE(first.front().box.x, imgs[0].rect.right());
}

TEST(FigureLayout, AFigureRowSetsItsFiguresSideBySideWithTheirCaptions) {
    FigureDoc t("<figures><figure src=\"a.png\" alt=\"A\"><caption>one</caption></figure>"
                "<figure src=\"b.png\" alt=\"B\"><caption>two</caption></figure>"
                "<figure src=\"c.png\" alt=\"C\"><caption>three</caption></figure></figures><p>after</p>");
    t.figure.sizing.width = percent(100);  // of its cell
    const auto pages = t.lay();
    const auto imgs = images(pages.pages.at(0));
    ASSERT_EQ(imgs.size(), 3u);
    const double cell = (160 - 2 * 10) / 3.0;  // 1 em between cells
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_NEAR(imgs[i].rect.x, 20 + static_cast<double>(i) * (cell + 10), 1e-9);
        EXPECT_NEAR(imgs[i].rect.width, cell, 1e-9);
        EXPECT_DOUBLE_EQ(imgs[i].rect.y, imgs[0].rect.y);
    }
    const auto r = runs(pages.pages[0]);
    std::vector<std::string> order;
    for (const Drawn& run : r) order.push_back(run.text);
    ASSERT_EQ(order, (std::vector<std::string>{"one", "two", "three", "after"}));
    EXPECT_NEAR(r[1].box.x, imgs[1].rect.x, 1e-9);
    EXPECT_DOUBLE_EQ(r[0].box.y, r[2].box.y);  // the captions on one line below the images
    EXPECT_GE(r[0].box.y, imgs[0].rect.bottom() - 0.01);
    EXPECT_GE(r[3].box.y, r[0].box.bottom() - 0.01);  // the paragraph after the row
}

// Two columns of 75pt (a 10pt gap): a float that spans them is 40 % of the 160pt text width, at
// its side of the text area, and the text beside it spans with it (docs/graphics.md, rule 6).
TEST(FigureLayout, AFloatSpanningTheColumnsTakesItsWidthAndPlaceFromTheWholeTextArea) {
    FigureDoc t("<figure src=\"a.png\" alt=\"A\"/>" + words(30));
    t.s.page.columns = 2;
    t.s.page.column_gap = 10;
    t.figure.sizing.width = percent(40);
    t.figure.sizing.float_side = style::FloatSide::right;
    t.figure.column_span_all = true;
    const auto pages = t.lay();
    const auto imgs = images(pages.pages.at(0));
    ASSERT_EQ(imgs.size(), 1u);
    const core::Rect box = imgs[0].rect;
    EXPECT_DOUBLE_EQ(box.width, 64);  // not 30, 40 % of a column
    EXPECT_DOUBLE_EQ(box.right(), 180);  // the text area's right edge, not the first column's (95)
    int beside = 0;
    for (const Drawn& run : runs(pages.pages[0])) {
        EXPECT_FALSE(overlaps(run, box)) << run.text;
        EXPECT_GE(run.box.x, 20 - 0.01) << run.text;
        if (run.box.y < box.bottom()) {
            EXPECT_LE(run.box.right(), box.x - 10 + 0.01) << run.text;  // beside it, across the gap
            if (run.box.right() > 95) ++beside;
        }
    }
    EXPECT_GT(beside, 0);  // lines beside it cross the column gap: they span too
    EXPECT_TRUE(t.diags.all().empty()) << ::testing::PrintToString(test::where(t.diags));
}

TEST(FigureLayout, AFloatInASpanningSectionKeepsTheTextAfterTheSectionBesideItSpanning) {
    FigureDoc t("<section><figure src=\"a.png\" alt=\"A\"/>" + words(3) + "</section>" + words(40, "x"));
    t.s.page.columns = 2;
    t.s.page.column_gap = 10;
    t.figure.sizing.width = percent(40);
    t.figure.sizing.float_side = style::FloatSide::left;
    t.section = t.base;
    t.section->column_span_all = true;
    const auto pages = t.lay();
    const auto imgs = images(pages.pages.at(0));
    ASSERT_EQ(imgs.size(), 1u);
    const core::Rect box = imgs[0].rect;
    EXPECT_DOUBLE_EQ(box.x, 20);
    EXPECT_DOUBLE_EQ(box.width, 64);
    bool after_beside = false;
    for (const Drawn& run : runs(pages.pages[0])) {
        EXPECT_FALSE(overlaps(run, box)) << run.text;
        if (run.text.starts_with("x") && run.box.y < box.bottom()) {
            after_beside = true;  // across the gap (in the first column it would have 1pt beside the float)
            EXPECT_GE(run.box.x, box.right() + 10 - 0.01) << run.text;
            EXPECT_GT(run.box.right(), 95) << run.text;
        }
    }
    EXPECT_TRUE(after_beside);
    EXPECT_TRUE(t.diags.all().empty()) << ::testing::PrintToString(test::where(t.diags));
}
