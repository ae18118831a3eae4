// The layout dump (layout/dump.hpp): its exact text for a small hand-made PagedDocument.

#include "layout/dump.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "tree_builder.hpp"

using namespace folio;

namespace {

layout::PagedDocument two_pages() {
    layout::PagedDocument pages;
    layout::Page cover;
    cover.size = {200, 300};
    cover.bleed = 3;
    cover.master = "cover";
    cover.items.emplace_back(layout::FilledRect{{-3, -3, 206, 306}, core::Color::rgb(1, 0.5, 0), doc::no_node});
    pages.pages.push_back(cover);
    layout::Page body;
    body.size = {200, 300};
    body.first_node = 1;
    body.end = layout::BreakReason::end;
    body.columns.push_back({{20, 20, 75.004, 24}, layout::BreakReason::balanced});
    layout::GlyphRun run;
    run.font = 1;
    run.node = 2;
    run.size = 10;
    run.origin = {20, 28.125};
    run.text = U"Say \"h\u00e9\"\\";
    run.width = 60.5;
    run.word_spacing = 1.25;
    body.items.emplace_back(run);
    body.items.emplace_back(layout::ImageBox{{20, 40, 50, 25}, "images/a.png", 1});
    body.items.emplace_back(layout::LinkArea{{20, 20, 10, 12}, "", 1, 2});
    body.items.emplace_back(layout::LinkArea{{-0.001, 20, 10, 12}, "https://example.org/", doc::no_node, 2});
    body.items.emplace_back(layout::Anchor{{20, 20}, 1});
    pages.pages.push_back(body);
    pages.outline.push_back({"Title", 1, 1, 20, 1});
    return pages;
}

}  // namespace

TEST(LayoutDump, WritesEveryPageColumnAndItemToAHundredthOfAPoint) {
    doc::Document d;
    d.add(test::mk(doc::NodeKind::document), doc::no_node);
    d.add(test::mk(doc::NodeKind::paragraph), 0);
    d.add(test::mk(doc::NodeKind::text, "Say"), 1);
    std::ostringstream os;
    layout::dump(two_pages(), os, {&d, {"Body 400", "Body 700 italic"}});
    EXPECT_EQ(os.str(),
              "page 1/2 200.00x300.00 bleed 3.00 master \"cover\" first #- end none\n"
              "  rect #- -3.00,-3.00 206.00x306.00 rgb(1.00,0.50,0.00)\n"
              "page 2/2 200.00x300.00 bleed 0.00 master \"\" first #1 p end end\n"
              "  column 20.00,20.00 75.00x24.00 end balanced\n"
              "  text #2 #text 20.00,28.12 w 60.50 \"Body 700 italic\" 10.00 ws 1.25 rgb(0.00,0.00,0.00) "
              "\"Say \\\"hé\\\"\\\\\"\n"
              "  image #1 p 20.00,40.00 50.00x25.00 \"images/a.png\"\n"
              "  link #2 #text 20.00,20.00 10.00x12.00 -> #1 p\n"
              "  link #2 #text 0.00,20.00 10.00x12.00 -> \"https://example.org/\"\n"
              "  anchor #1 p 20.00,20.00\n"
              "outline\n"
              "  1 \"Title\" page 2 y 20.00 #1 p\n");
}

TEST(LayoutDump, WithoutLabelsNodesAreNumbersAndFontsTheirIds) {
    std::ostringstream os;
    layout::dump(two_pages(), os);
    EXPECT_NE(os.str().find("  text #2 20.00,28.12 w 60.50 font1 10.00"), std::string::npos) << os.str();
}
