// Lines within their measure (issue 16): URL break points, the last-resort cuts of a word wider
// than its column, and the breaker's emergency pass, on the fake font (every character 5pt at
// 10pt, the space 2.5pt) so that widths are exact.

#include <gtest/gtest.h>

#include "tree_builder.hpp"

#include "core/utf8.hpp"
#include "fake_font.hpp"
#include "layout/inline.hpp"
#include "layout/line_fit.hpp"
#include "layout/linebreak.hpp"
#include "no_diagnostics.hpp"
#include "text/url_breaks.hpp"

using namespace folio;
using layout::BreakItem;
using layout::ItemType;

namespace {

/// `word` with '|' at each of its URL break points.
std::string marked(const std::string& word) {
    const std::u32string w = core::decode_utf8(word).text;
    std::u32string out;
    std::size_t from = 0;
    for (std::size_t at : text::url_break_points(w)) {
        out += w.substr(from, at - from) + U"|";
        from = at;
    }
    return core::to_utf8(out + w.substr(from));
}

struct Paragraph {
    doc::Document doc;
    style::StyledDocument styled;
    doc::NodeId id = 0;
};

/// A paragraph of `text` at 10pt on the fake font, justified unless `align` says otherwise.
std::unique_ptr<Paragraph> paragraph(const std::string& text, style::TextAlign align = style::TextAlign::justify) {
    auto p = std::make_unique<Paragraph>();
    p->doc.add(test::mk(doc::NodeKind::document), doc::no_node);
    p->id = p->doc.add(test::mk(doc::NodeKind::paragraph), 0);
    p->doc.add(test::mk(doc::NodeKind::text, text), p->id);
    p->styled.document = &p->doc;
    p->styled.reset_styles(p->doc.nodes.size());
    for (auto& s : p->styled.distinct_styles) {
        s.font_size = 10;
        s.line_height = 1.2;
        s.text_align = align;
    }
    return p;
}

struct Set {
    std::vector<std::string> lines;
    layout::InlineResult result;
};

Set set(const Paragraph& p, double width, core::Diagnostics& diags) {
    test::FakeFont font;
    Set out{{}, layout::layout_inline(p.styled, p.id, p.doc.node(p.id).children, width, 0, font, diags)};
    for (const auto& line : out.result.lines) {
        std::u32string t;
        for (const auto& r : line.runs) t += r.text;
        out.lines.push_back(core::to_utf8(t));
    }
    return out;
}

/// Every line of `s` ends within `width` and no space is set below its minimum (2.5pt less a
/// third).
void expect_within(const Set& s, double width) {
    for (std::size_t i = 0; i < s.result.lines.size(); ++i) {
        const auto& line = s.result.lines[i];
        for (const auto& r : line.runs) {
            EXPECT_LE(r.origin.x + r.width, width + 1e-9) << "line " << i << ": " << s.lines[i];
            EXPECT_GE(r.word_spacing, -2.5 / 3 - 1e-9) << "line " << i << ": " << s.lines[i];
        }
    }
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l;
    return out;
}

}  // namespace

TEST(UrlBreaks, AfterSlashesAndSeparatorsBeforeDotsNeverInTheScheme) {
    EXPECT_EQ(marked("https://www.example.org/annual-reports/2024/full_text?lang=en&page=2"),
              "https://|www|.example|.org/|annual-|reports/|2024/|full_|text?|lang=|en&|page=|2");
    // a sentence's full stop stays with the address; "//" and "?&" stay together
    EXPECT_EQ(marked("http://a.b//c?&d."), "http://|a|.b//|c?&|d.");
    EXPECT_EQ(marked("/usr/share/doc"), "/usr/|share/|doc");
    EXPECT_EQ(marked("someone@example.org"), "someone|@example|.org");
}

TEST(UrlBreaks, OnlyAddressesArePickedOut) {
    EXPECT_TRUE(text::is_url_like(U"https://x.org"));
    EXPECT_TRUE(text::is_url_like(U"www.example.org"));
    EXPECT_TRUE(text::is_url_like(U"name@example.org"));
    EXPECT_TRUE(text::is_url_like(U"/usr/share/doc"));
    EXPECT_FALSE(text::is_url_like(U"and/or"));
    EXPECT_FALSE(text::is_url_like(U"counter-trafficking"));
    EXPECT_FALSE(text::is_url_like(U"e.g."));
}

TEST(LineFit, LastResortCutsDrawAHyphenOnlyBetweenLettersOfProse) {
    test::FakeFont font;
    font.kerns[{U'a', U'b'}] = -20;
    const auto cuts = layout::last_resort_cuts(U"ab1c", font, 0, 10, 0, true);
    ASSERT_EQ(cuts.size(), 3u);
    EXPECT_TRUE(cuts[0].hyphen);   // a|b
    EXPECT_FALSE(cuts[1].hyphen);  // b|1
    EXPECT_FALSE(cuts[2].hyphen);  // 1|c
    EXPECT_EQ(cuts[0].kern_after, -20);
    EXPECT_DOUBLE_EQ(cuts[0].penalty.width, 5 + 0.2);  // the hyphen, and the kern taken back
    EXPECT_TRUE(cuts[0].penalty.flagged);
    EXPECT_DOUBLE_EQ(cuts[0].penalty.penalty, layout::last_resort_penalty);
    for (const auto& c : layout::last_resort_cuts(U"abc", font, 0, 10, 0, false)) EXPECT_FALSE(c.hyphen);
}

TEST(LineFit, AWordOfTwoHundredLettersIsCutWithinTheColumn) {
    // 200 letters of 5pt in lines of 100pt: before, the pieces ran past the column.
    const std::string word(200, 'x');
    auto p = paragraph("A word: " + word + " and more.");
    test::NoDiagnostics diags;
    diags.expect("layout.word-too-wide");
    const Set s = set(*p, 100, diags);
    expect_within(s, 100);
    std::string rejoined;
    for (auto l : s.lines) {
        if (!l.empty() && l.back() == '-') l.pop_back();  // the drawn hyphens of the cuts
        rejoined += l + (l.back() == 'x' ? "" : " ");
    }
    EXPECT_NE(rejoined.find(word), std::string::npos);
    EXPECT_GE(s.lines.size(), 11u);
}

TEST(LineFit, ANumberWiderThanTheColumnIsCutWithoutHyphens) {
    auto p = paragraph(std::string(50, '7'), style::TextAlign::left);
    test::NoDiagnostics diags;
    diags.expect("layout.word-too-wide");
    const Set s = set(*p, 100, diags);
    expect_within(s, 100);
    EXPECT_EQ(joined(s.lines), std::string(50, '7'));
}

TEST(LineFit, AUrlBreaksAtItsOwnPlacesWithoutHyphensAndSpacesNeverShrinkBelowTheirMinimum) {
    // Once "The report is at https://..." was set as one overfull line with negative spaces.
    const std::string url = "https://www.example.org/publications/annual-reports/2024/full_text.pdf";
    auto p = paragraph("The report is at " + url + " today.");
    test::NoDiagnostics diags;
    diags.expect("layout.loose-line");
    const Set s = set(*p, 100, diags);
    expect_within(s, 100);
    for (const auto& l : s.lines) EXPECT_NE(l.back(), '-') << l;  // the URL's own hyphen is not at a line end here
    std::string all;
    for (const auto& l : s.lines) all += l + (l.back() == ' ' ? "" : " ");
    EXPECT_NE(joined(s.lines).find(url), std::string::npos) << all;  // no hyphen was added
}

TEST(LineFit, TheLastWordKeepsItsBreaksWhenItIsWiderThanTheColumn) {
    // Hyphenation points and soft hyphens of a paragraph's last word are dropped, unless the word
    // cannot fit a line: then they are what keeps it in the column.
    auto p = paragraph("xxxxxxxxxxxxxxx\u00ADxxxxxxxxxxxxxxx", style::TextAlign::left);  // 2 x 75pt
    test::NoDiagnostics diags;
    const Set s = set(*p, 100, diags);
    expect_within(s, 100);
    ASSERT_EQ(s.lines.size(), 2u);
    EXPECT_EQ(s.lines[0], std::string(15, 'x') + "-");
}

TEST(KnuthPlass, TheEmergencyPassPrefersShortLinesToAnOverfullOne) {
    // Boxes of 60 with zero-width breaks between and no glue: lines of 100 take one box each
    // (underfull, no stretch) rather than two (overfull by 20), whatever the demerits of loose lines.
    std::vector<BreakItem> items;
    for (int i = 0; i < 5; ++i) {
        if (i > 0) items.push_back({ItemType::penalty, 0, 0, 0, 0, false});
        items.push_back({ItemType::box, 60, 0, 0, 0, false});
    }
    items.push_back({ItemType::glue, 0, 1e5, 0, 0, false});
    items.push_back({ItemType::penalty, 0, 0, 0, -layout::penalty_infinity, false});
    const auto breaks = layout::break_lines(items, {100});
    EXPECT_EQ(breaks.size(), 5u);
    for (const auto& b : breaks) EXPECT_GE(b.ratio, 0) << b.position;
}

TEST(LineFit, AVeryLooseLineIsReportedWithItsPosition) {
    auto p = paragraph("aaaa bbbb cccccccccccccccccc");  // "aaaa bbbb" must stretch its space 57pt
    p->doc.nodes[2].location = {"in.xml", 7, 9};
    core::Diagnostics diags;
    (void)set(*p, 100, diags);
    ASSERT_EQ(diags.all().size(), 1u);
    EXPECT_EQ(diags.all()[0].code, "layout.loose-line");
    EXPECT_EQ(diags.all()[0].location.line, 7u);
    EXPECT_NE(diags.all()[0].message.find("'aaaa bbbb'"), std::string::npos) << diags.all()[0].message;
}

TEST(LineFit, ARunningHeadTooLongForThePageEndsInAnEllipsis) {
    test::FakeFont font;
    style::ComputedStyle st;
    st.font_size = 10;
    layout::GlyphRun run;
    run.text = U"A very long running head";  // 24 characters: 120pt
    run.width = 120;
    layout::fit_run(run, 52, st, font);
    EXPECT_EQ(core::to_utf8(run.text), "A very lon\u2026");  // 9 letters, 2 spaces: 50pt
    EXPECT_DOUBLE_EQ(run.width, 50);
    layout::GlyphRun fits;
    fits.text = U"Short";
    fits.width = 25;
    layout::fit_run(fits, 52, st, font);
    EXPECT_EQ(core::to_utf8(fits.text), "Short");
}

TEST(LineFit, DeepNestingStopsIndentingAtAThirdOfTheColumn) {
    EXPECT_EQ(layout::fitted_margins(14, 0, 200, 60), (std::pair<double, double>{14, 0}));
    const auto [left, right] = layout::fitted_margins(14, 14, 70, 60);  // 42 left: squeezed to 60
    EXPECT_DOUBLE_EQ(left, 5);
    EXPECT_DOUBLE_EQ(right, 5);
    EXPECT_EQ(layout::fitted_margins(14, 0, 50, 60), (std::pair<double, double>{0, 0}));
}

TEST(LineFit, DisplayTextCutsAWordWiderThanThePage) {
    test::FakeFont font;
    style::ComputedStyle st;
    st.font_size = 10;
    const auto pieces = layout::split_to_width(U"abcdefghij", 22, st, 0, font);
    ASSERT_EQ(pieces.size(), 3u);
    EXPECT_EQ(core::to_utf8(pieces[0]), "abcd");
    EXPECT_EQ(core::to_utf8(pieces[2]), "ij");
}

TEST(LineFit, APieceJoinedAcrossFormatsMayBreakWhenTheWordCannotFit) {
    // "<em>15 letters</em><strong>15 letters</strong>": each part fits a line of 100pt, but they
    // join into one word of 150pt with no break: it ran 50pt past the column.
    auto p = paragraph("x");
    auto& d = p->doc;
    d.nodes.resize(2);
    d.nodes[1].children.clear();
    const auto em = d.add(test::mk(doc::NodeKind::emphasis), p->id);
    d.add(test::mk(doc::NodeKind::text, std::string(15, 'a')), em);
    const auto strong = d.add(test::mk(doc::NodeKind::strong), p->id);
    d.add(test::mk(doc::NodeKind::text, std::string(15, 'b')), strong);
    p->styled.reset_styles(d.nodes.size());
    for (auto& s : p->styled.distinct_styles) s.font_size = 10;
    test::NoDiagnostics diags;
    const Set s = set(*p, 100, diags);
    expect_within(s, 100);
    EXPECT_EQ(s.lines.size(), 2u);
    std::string text = joined(s.lines);
    std::erase(text, '-');  // the drawn hyphens of the hyphenation points and cuts
    EXPECT_EQ(text, std::string(15, 'a') + std::string(15, 'b'));
}

TEST(KnuthPlass, AWordWiderThanTheLineMayStartOnALineOfItsOwnWords) {
    // "be fore" (two 20pt words), then a word of eight 30pt pieces with hyphenation points (a 5pt
    // hyphen), in lines of 100pt. Starting the word after "be fore" makes three hyphenated lines
    // in a row, which the rule forbids; but such a word hyphenates on every line it fills anyway:
    // once, "be fore" stood alone on a line stretched 46 times its stretch.
    for (const bool long_word : {false, true}) {
        std::vector<BreakItem> items{{ItemType::box, 20, 0, 0, 0, false},
                                     {ItemType::glue, 2.5, 1.25, 0.8, 0, false},
                                     {ItemType::box, 20, 0, 0, 0, false},
                                     {ItemType::glue, 2.5, 1.25, 0.8, 0, false}};
        for (int piece = 0; piece < 8; ++piece) {
            if (piece > 0) {
                items.push_back({ItemType::penalty, 5, 0, 0, 50, true});
                items.back().long_word = long_word;
            }
            items.push_back({ItemType::box, 30, 0, 0, 0, false});
        }
        items.push_back({ItemType::glue, 0, 1e5, 0, 0, false});
        items.push_back({ItemType::penalty, 0, 0, 0, -layout::penalty_infinity, false});
        const auto breaks = layout::break_lines(items, {100});
        ASSERT_FALSE(breaks.empty());
        // "be fore" alone ends at the glue after it; with the first piece, at the penalty after it
        EXPECT_EQ(breaks.front().position, long_word ? 5u : 3u) << "long_word " << long_word;
    }
}
