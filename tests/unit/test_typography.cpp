// Typography of issue 4: kerning (measured = drawn), f-ligatures (and their text extraction),
// UAX #14 break opportunities and smart quotes. Exact geometry on the fake font; the real faces
// (Lato: 'kern' + GPOS, Caladea: GPOS only) through FontSet; the PDF through poppler and qpdf.

#include <gtest/gtest.h>
#include <linebreak.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

#include "core/utf8.hpp"
#include "fake_font.hpp"
#include "layout/inline.hpp"
#include "layout/layout.hpp"
#include "pdf/write_pdf.hpp"
#include "text/font_set.hpp"
#include "text/hyphenate.hpp"
#include "text/typography.hpp"
#include "tree_builder.hpp"

using namespace folio;

namespace {

namespace fs = std::filesystem;

struct Built {
    doc::Document doc;
    style::StyledDocument styled;
    doc::NodeId paragraph = 0;
};

/// One paragraph of `text` (UTF-8), 10pt, in `align`; `tune` adjusts every style.
template <typename Tune>
Built paragraph(const std::string& text, style::TextAlign align, Tune tune) {
    Built b;
    b.doc.meta.language = "en";
    b.doc.add(test::mk(doc::NodeKind::document), doc::no_node);
    b.paragraph = b.doc.add(test::mk(doc::NodeKind::paragraph), 0);
    b.doc.add(test::mk(doc::NodeKind::text, text), b.paragraph);
    b.styled.document = &b.doc;
    b.styled.reset_styles(b.doc.nodes.size());
    for (auto& s : b.styled.distinct_styles) {
        s.font_size = 10;
        s.line_height = 1.2;
        s.text_align = align;
        tune(s);
    }
    return b;
}

Built paragraph(const std::string& text, style::TextAlign align = style::TextAlign::justify) {
    return paragraph(text, align, [](style::ComputedStyle&) {});
}

layout::InlineResult lay(const Built& b, text::FontProvider& fonts, double width) {
    core::Diagnostics diags;
    auto res = layout::layout_inline(b.styled, b.paragraph, b.doc.node(b.paragraph).children, width, 0, fonts, diags);
    EXPECT_TRUE(diags.all().empty()) << diags.all().front().message;
    return res;
}

std::vector<std::string> line_texts(const layout::InlineResult& res) {
    std::vector<std::string> out;
    for (const auto& line : res.lines) {
        std::u32string t;
        for (const auto& r : line.runs) t += r.text;
        out.push_back(core::to_utf8(t));
    }
    return out;
}

/// The right end of a line's last run.
double right_end(const layout::Line& line) {
    double right = 0;
    for (const auto& r : line.runs) right = std::max(right, r.origin.x + r.width);
    return right;
}

/// What a run draws, from its own numbers: advances, kerns, letter and word spacing.
double drawn_width(const layout::GlyphRun& r, const text::FontProvider& fonts) {
    double units = 0;
    for (std::size_t i = 0; i < r.text.size(); ++i) {
        units += fonts.advance(r.font, r.text[i]);
        if (!r.kern.empty()) units += r.kern[i];
    }
    double w = units * r.size / 1000.0 + r.letter_spacing * static_cast<double>(r.text.size());
    for (char32_t c : r.text) {
        if (c == U' ') w += r.word_spacing;
    }
    return w;
}

bool have_font(const std::string& path) { return fs::exists(path); }
const std::string lato_regular = "/usr/share/fonts/truetype/lato/Lato-Regular.ttf";
const std::string caladea_regular = "/usr/share/fonts/truetype/crosextra/Caladea-Regular.ttf";

}  // namespace

// --- kerning -----------------------------------------------------------------------------------

TEST(Kerning, LatoAndCaladeaKernAVAndTo) {
    if (!have_font(lato_regular) || !have_font(caladea_regular)) GTEST_SKIP() << "fonts missing";
    text::FontSet fonts;
    const auto lato = fonts.resolve("Lato", 400, false);
    const auto caladea = fonts.resolve("Caladea", 400, false);  // GPOS kerning only, no 'kern' table
    ASSERT_TRUE(lato && caladea);
    for (auto f : {*lato, *caladea}) {
        EXPECT_LT(fonts.kerning(f, U'A', U'V'), -20);
        EXPECT_LT(fonts.kerning(f, U'T', U'o'), -20);
        EXPECT_EQ(fonts.kerning(f, U'o', U'o'), 0);
        EXPECT_EQ(fonts.kerning(f, U'A', U' '), 0);  // never across a space
    }
    EXPECT_EQ(fonts.kerning(*lato, U'A', U'V'), -54);  // -108 units of 2000
}

TEST(Kerning, MeasuredWidthsOfAVAndToAreNarrowerThanTheirAdvances) {
    if (!have_font(lato_regular)) GTEST_SKIP() << "fonts-lato missing";
    text::FontSet fonts;
    auto b = paragraph("AV To", style::TextAlign::left, [](style::ComputedStyle& s) { s.font_family = "Lato"; });
    const auto res = lay(b, fonts, 300);
    ASSERT_EQ(res.lines.size(), 1u);
    ASSERT_EQ(res.lines[0].runs.size(), 1u);
    const auto& run = res.lines[0].runs[0];
    const auto f = run.font;
    const int advances = fonts.advance(f, U'A') + fonts.advance(f, U'V') + fonts.advance(f, U' ') +
                         fonts.advance(f, U'T') + fonts.advance(f, U'o');
    const int kerns = fonts.kerning(f, U'A', U'V') + fonts.kerning(f, U'T', U'o');
    EXPECT_LT(kerns, 0);
    EXPECT_NEAR(run.width, (advances + kerns) * 10 / 1000.0, 1e-9);
    ASSERT_EQ(run.kern.size(), run.text.size());
    EXPECT_EQ(run.kern[0], fonts.kerning(f, U'A', U'V'));
    EXPECT_EQ(run.kern[3], fonts.kerning(f, U'T', U'o'));
    EXPECT_NEAR(drawn_width(run, fonts), run.width, 1e-9);
}

TEST(Kerning, AKernAcrossAHyphenationPointAppliesOnlyWhenTheLineGoesOn) {
    // "ddddd|eeeeeee" with a kern of -100 between d and e, and +40 between d and the hyphen.
    test::FakeFont font;
    font.kerns[{U'd', U'e'}] = -100;
    font.kerns[{U'd', U'-'}] = 40;
    auto b = paragraph("aaaa bbbb cccc ddddd\u00ADeeeeeee ffff");
    const auto res = lay(b, font, 100);
    ASSERT_EQ(line_texts(res), (std::vector<std::string>{"aaaa bbbb cccc ddddd-", "eeeeeee ffff"}));
    EXPECT_NEAR(right_end(res.lines[0]), 100.0, 1e-6);  // justified exactly, kern to '-' included
    const auto& run = res.lines[0].runs.back();
    ASSERT_EQ(run.kern.size(), run.text.size());
    EXPECT_EQ(run.kern[run.text.size() - 2], 40);  // d -> '-', not d -> e
    for (const auto& line : res.lines) {
        for (const auto& r : line.runs) EXPECT_NEAR(drawn_width(r, font), r.width, 1e-9);
    }
    // Unbroken, the kern d -> e is drawn and measured.
    const auto wide = lay(paragraph("ddddd\u00ADeeeeeee", style::TextAlign::left), font, 300);
    ASSERT_EQ(wide.lines.size(), 1u);
    EXPECT_NEAR(wide.lines[0].runs[0].width, (12 * 500 - 100) / 100.0, 1e-9);
    EXPECT_EQ(wide.lines[0].runs[0].kern[4], -100);
}

// --- ligatures ---------------------------------------------------------------------------------

TEST(Ligatures, StandardLigaturesReplaceLettersWhereTheFaceHasThem) {
    test::FakeFont font;
    font.ligatures = true;
    const auto res = lay(paragraph("office fluff", style::TextAlign::left), font, 300);
    EXPECT_EQ(line_texts(res), std::vector<std::string>{"o\uFB03ce \uFB02u\uFB00"});
    // one glyph of 500 each: "oﬃce ﬂuﬀ" is 7 glyphs and a space wide
    EXPECT_NEAR(res.lines[0].width, (7 * 500 + 250) / 100.0, 1e-9);
}

TEST(Ligatures, NoneWithLetterSpacingOrWithoutTheCodePoint) {
    test::FakeFont font;
    EXPECT_EQ(line_texts(lay(paragraph("office", style::TextAlign::left), font, 300)),
              std::vector<std::string>{"office"});
    font.ligatures = true;
    auto spaced = paragraph("office", style::TextAlign::left, [](style::ComputedStyle& s) { s.letter_spacing = 1; });
    EXPECT_EQ(line_texts(lay(spaced, font, 300)), std::vector<std::string>{"office"});
}

TEST(Ligatures, NeverSpanAHyphenationPoint) {
    test::FakeFont font;
    font.ligatures = true;
    // a soft hyphen between the two f's: "of-" / "fice" must stay possible
    const auto res = lay(paragraph("of\u00ADfice", style::TextAlign::left), font, 300);
    EXPECT_EQ(line_texts(res), std::vector<std::string>{"of\uFB01ce"});
    const auto narrow = lay(paragraph("xxxxxxxxxxxx of\u00ADfice yy"), font, 80);
    EXPECT_EQ(line_texts(narrow), (std::vector<std::string>{"xxxxxxxxxxxx of-", "\uFB01ce yy"}));
}

// --- UAX #14 -----------------------------------------------------------------------------------

TEST(Uax14, NonBreakingSpacesHold) {
    test::FakeFont font;
    // 100pt: "aaaa bbbb cccc" = 65pt; with a normal space "dddd" would go on line 2 alone.
    const auto res = lay(paragraph("aaaa bbbb cccc\u00A0dddd eeee ffff gggg", style::TextAlign::left), font, 100);
    for (const auto& l : line_texts(res)) EXPECT_FALSE(l.starts_with("dddd")) << l;
    const auto narrow = lay(paragraph("aa 10\u202Fkm bb", style::TextAlign::left), font, 40);
    for (const auto& l : line_texts(narrow)) EXPECT_FALSE(l.starts_with("km")) << l;
}

TEST(Uax14, ALineMayBreakAfterAHyphenInsideAWord) {
    test::FakeFont font;
    // "counter-trafficking" is 95pt and does not fit 60pt: the break after the hyphen does.
    const auto res = lay(paragraph("counter-trafficking", style::TextAlign::left), font, 60);
    EXPECT_EQ(line_texts(res), (std::vector<std::string>{"counter-", "trafficking"}));
    EXPECT_TRUE(res.lines[0].hyphenated);  // an explicit hyphen counts as a hyphenated line
}

TEST(Uax14, NoLineStartsWithClosingPunctuation) {
    test::FakeFont font;
    for (double width : {40.0, 45.0, 50.0, 55.0, 60.0, 65.0, 70.0}) {
        const auto res = lay(paragraph("aaaa bbbb ( cccc ) dddd , eeee ; ffff ! gggg", style::TextAlign::left), font,
                             width);
        for (const auto& l : line_texts(res)) {
            EXPECT_FALSE(l.starts_with(")") || l.starts_with(",") || l.starts_with(";") || l.starts_with("!"))
                << "width " << width << ": '" << l << "'";
        }
    }
}

TEST(Uax14, OpportunitiesComeFromLibunibreak) {
    using text::BreakAfter;
    const auto b = text::line_break_opportunities(U"a-b 2014-2020 x\u00A0y", "en");
    EXPECT_EQ(b[1], BreakAfter::allowed);   // after the hyphen in "a-b"
    EXPECT_EQ(b[8], BreakAfter::never);     // "2014-2020": a hyphen before a digit holds
    EXPECT_EQ(b[15], BreakAfter::never);    // no-break space
    EXPECT_EQ(b[3], BreakAfter::allowed);   // after a space
}

TEST(Uax14, AnyCodePointIsTakenWithoutAborting) {
    // libunibreak reads U+FFFF as the end of its text and then fails an assertion (issue 16).
    // Style sheets and other callers may pass any code point: those that are no characters
    // break as class XX, which UAX #14 resolves to AL, the class of a letter.
    using text::BreakAfter;
    const std::u32string odd = {U'a', 0xFFFF, U' ', 0xFFFE, 0xD800, U' ', 0x110000, 0xFFFFFFFF,
                                U' ', 0xFDD0, 0, U'b'};
    const auto b = text::line_break_opportunities(odd, "en");
    ASSERT_EQ(b.size(), odd.size());
    std::u32string letters = odd;
    for (char32_t& c : letters) {
        if (c == 0xFFFF || c == 0xFFFE || c == 0xD800 || c == 0x110000 || c == 0xFFFFFFFF || c == 0xFDD0) c = U'x';
    }
    EXPECT_EQ(b, text::line_break_opportunities(letters, "en"));
    EXPECT_EQ(b[2], BreakAfter::allowed);  // after the first space
    EXPECT_EQ(b[0], BreakAfter::never);    // "a" then a non-character: two letters
}

/// libunibreak itself on the whole text: what folio's shortened call must reproduce.
std::vector<text::BreakAfter> libunibreak_on(const std::u32string& s, const char* lang) {
    std::vector<char> b(s.size());
    set_linebreaks_utf32(reinterpret_cast<const utf32_t*>(s.data()), s.size(), lang, b.data());
    std::vector<text::BreakAfter> out;
    for (char c : b) {
        out.push_back(c == LINEBREAK_MUSTBREAK ? text::BreakAfter::mandatory
                      : c == LINEBREAK_ALLOWBREAK ? text::BreakAfter::allowed : text::BreakAfter::never);
    }
    return out;
}

TEST(Uax14, RunsOfLettersAndDigitsShortenedGiveLibunibreaksAnswer) {
    // folio passes a run of three or more ASCII letters and digits to libunibreak as its first
    // and last character; the answer must be libunibreak's on the full text, for real prose and
    // for text dense in what UAX #14 treats specially next to letters and digits.
    std::vector<std::u32string> texts;
    for (const char* file : {"/source/iom-budapest.xml", "/source/feature-sampler.xml"}) {
        std::ifstream in(std::string(FOLIO_SOURCE_DIR) + file);
        std::stringstream ss;
        ss << in.rdbuf();
        if (!ss.str().empty()) texts.push_back(core::decode_utf8(ss.str()).text);
    }
    ASSERT_EQ(texts.size(), 2u);
    const std::u32string alphabet =
        U"abcXYZ0123456789   ,.;:!?-/()[]{}%$\u20AC#+'\"\u00A0\u00AD\u2013\u2014\u2019\u201C\u201D\u201E"
        U"\u00E1\u0151\u00F6\u00C9\u3001\u4E00\u0301\u200B\u2060\n\t&@_~*";
    std::uint32_t seed = 2026;
    auto next = [&seed] { return (seed = seed * 1103515245u + 12345u) >> 8; };
    for (int t = 0; t < 400; ++t) {
        std::u32string s;
        const std::size_t n = 1 + next() % 80;
        while (s.size() < n) {
            if (next() % 3 == 0) {  // a run of letters or digits of any length
                for (std::size_t k = next() % 7; k-- > 0;) s.push_back(alphabet[next() % 16]);
            } else {
                s.push_back(alphabet[next() % alphabet.size()]);
            }
        }
        texts.push_back(s);
    }
    for (const char* lang : {"en", "hu", "de", "fr", ""}) {
        for (const auto& s : texts) {
            const auto expected = libunibreak_on(s, *lang ? lang : nullptr);
            ASSERT_EQ(text::line_break_opportunities(s, lang), expected)
                << "lang '" << lang << "': " << core::to_utf8(s).substr(0, 200);
        }
    }
}

// --- smart quotes ------------------------------------------------------------------------------

TEST(SmartQuotes, StraightQuotesBecomeTypographicByContext) {
    std::u32string s = U"\"Hello,\" she said, 'it's the '90s' (\"x\")";
    text::smart_quotes(s, 0, s.size(), "en");
    EXPECT_EQ(core::to_utf8(s), "\u201CHello,\u201D she said, \u2018it\u2019s the \u201990s\u2019 (\u201Cx\u201D)");
    std::u32string hu = U"\"Szia\"";
    text::smart_quotes(hu, 0, hu.size(), "hu");
    EXPECT_EQ(core::to_utf8(hu), "\u201ESzia\u201D");
}

TEST(SmartQuotes, OnlyWhereTheStyleAsks) {
    test::FakeFont font;
    EXPECT_EQ(line_texts(lay(paragraph("\"don't\"", style::TextAlign::left), font, 300)),
              std::vector<std::string>{"\"don't\""});
    auto smart = paragraph("\"don't\"", style::TextAlign::left, [](style::ComputedStyle& s) { s.smart_quotes = true; });
    EXPECT_EQ(line_texts(lay(smart, font, 300)), std::vector<std::string>{"\u201Cdon\u2019t\u201D"});
}

// --- the PDF -----------------------------------------------------------------------------------

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Runs `cmd`; returns stdout, and fails the test when it exits non-zero or writes to stderr.
std::string run(const std::string& cmd, const fs::path& dir) {
    const fs::path out = dir / "out.txt", err = dir / "err.txt";
    const int status = std::system((cmd + " >'" + out.string() + "' 2>'" + err.string() + "'").c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << cmd;
    EXPECT_EQ(slurp(err), "") << cmd;
    return slurp(out);
}

}  // namespace

TEST(TypographyPdf, KernsAreInTheTjArrayAndLigaturesExtractAsLetters) {
    if (!have_font(lato_regular)) GTEST_SKIP() << "fonts-lato missing";
    text::FontSet fonts;
    auto b = paragraph("AVATAR office fish", style::TextAlign::left,
                       [](style::ComputedStyle& s) { s.font_family = "Lato"; s.font_size = 20; });
    const auto res = lay(b, fonts, 400);
    ASSERT_EQ(res.lines.size(), 1u);
    layout::PagedDocument d;
    layout::Page page;
    page.size = {595.276, 841.89};
    for (auto r : res.lines[0].runs) {
        r.origin = {72 + r.origin.x, 100};
        page.items.emplace_back(r);
    }
    d.pages.push_back(page);
    doc::Metadata meta;
    meta.title = "kerning";
    pdf::PdfOptions options;
    auto bytes = pdf::write_pdf(d, meta, fonts.faces(), {}, options);
    ASSERT_TRUE(bytes) << bytes.error().message;
    std::string templ = (fs::temp_directory_path() / "folio-test-typo-XXXXXX").string();
    ASSERT_NE(mkdtemp(templ.data()), nullptr);
    const fs::path dir = templ;
    std::ofstream(dir / "k.pdf", std::ios::binary) << *bytes;

    const std::string text = run("pdftotext -enc UTF-8 '" + (dir / "k.pdf").string() + "' -", dir);
    EXPECT_NE(text.find("AVATAR office fish"), std::string::npos) << text;
    run("qpdf --qdf --object-streams=disable '" + (dir / "k.pdf").string() + "' '" + (dir / "q.pdf").string() + "'",
        dir);
    const std::string qdf = slurp(dir / "q.pdf");
    const int av = -fonts.kerning(res.lines[0].runs[0].font, U'A', U'V');
    // The text operators only. folio writes two-byte codes (CID = code point) as literal strings;
    // qpdf's QDF form shows them in lower-case hex.
    std::string shown;
    std::istringstream lines(qdf);
    for (std::string line; std::getline(lines, line);) {
        if (line.size() > 3 && line.compare(line.size() - 3, 3, " TJ") == 0) shown += line + "\n";
    }
    EXPECT_NE(shown.find("<0041> " + std::to_string(av) + " <0056>"), std::string::npos) << shown;
    EXPECT_NE(shown.find("fb03"), std::string::npos) << shown;  // "office" drawn with the ffi ligature
    EXPECT_NE(shown.find("fb01"), std::string::npos) << shown;  // "fish" with fi
    EXPECT_NE(qdf.find("<FB01> <00660069>"), std::string::npos);  // and mapped back in the ToUnicode CMap
    fs::remove_all(dir);
}

// --- speed structures that must not change a result (issue 9) ------------------------------------

namespace {

/// A document of `sections` sections (heading + paragraphs of pseudo-random prose, some with a
/// cross-reference to a later section), justified and hyphenated, in Caladea.
struct Prose {
    doc::Document doc;
    style::StyledDocument styled;
};

std::unique_ptr<Prose> prose(int sections) {
    static const char* const vocabulary[] = {
        "the", "office", "of", "migration", "international", "organisation", "humanitarian", "assistance",
        "counter-trafficking", "responsibilities", "Budapest", "regional", "strategy", "and", "to", "a",
        "with", "governments", "partners", "communities", "sustainable", "development", "protection",
        "AVATAR", "Tolerance", "reintegration", "information", "capacity-building", "efficiency", "fish",
        "Hungary", "since", "1991", "programmes", "(support),", "“safe”", "orderly", "dignified", "flows."};
    auto p = std::make_unique<Prose>();
    doc::Document& d = p->doc;
    d.meta.language = "en";
    d.add(test::mk(doc::NodeKind::document), doc::no_node);
    std::uint32_t seed = 12345;
    auto next = [&seed] { return (seed = seed * 1103515245u + 12345u) >> 8; };
    for (int s = 0; s < sections; ++s) {
        auto sec = test::mk(doc::NodeKind::section);
        sec.id = "s" + std::to_string(s);
        const auto section = d.add(std::move(sec), 0);
        auto h = test::mk(doc::NodeKind::heading);
        h.level = 2;
        const auto heading = d.add(std::move(h), section);
        d.add(test::mk(doc::NodeKind::text, std::to_string(s + 1) + " Regional strategy"), heading);
        for (int k = 0; k < 3; ++k) {
            const auto para = d.add(test::mk(doc::NodeKind::paragraph), section);
            std::string text;
            const int words = 30 + static_cast<int>(next() % 60);
            for (int w = 0; w < words; ++w) {
                text += vocabulary[next() % (sizeof vocabulary / sizeof *vocabulary)];
                text += ' ';
            }
            d.add(test::mk(doc::NodeKind::text, text), para);
            if (k == 1 && s + 3 < sections) {  // a reference to a later section, whose page settles late
                auto link = test::mk(doc::NodeKind::link);
                link.reference = true;
                link.href = "#s" + std::to_string(s + 3);
                d.add(std::move(link), para);
            }
        }
    }
    p->styled.document = &p->doc;
    p->styled.reset_styles(d.nodes.size());
    for (auto& st : p->styled.distinct_styles) {
        st.font_family = "Caladea";
        st.font_size = 10;
        st.line_height = 1.3;
        st.text_align = style::TextAlign::justify;
        st.hyphenate = true;
        st.margin_bottom = 6;
    }
    return p;
}

/// Every item of every page, with its exact geometry, kerns and spacing.
std::string dump(const layout::PagedDocument& pages) {
    std::ostringstream os;
    os.precision(17);
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        os << "page " << i << '\n';
        for (const auto& item : pages.pages[i].items) {
            os << item;
            if (const auto* run = std::get_if<layout::GlyphRun>(&item)) {
                os << " ws=" << run->word_spacing << " kern=";
                for (auto k : run->kern) os << k << ',';
            }
            os << '\n';
        }
    }
    return os.str();
}

}  // namespace

TEST(Speed, LayoutIsTheSameOnOneThreadAndOnMany) {
    if (!have_font(caladea_regular)) GTEST_SKIP() << "fonts-crosextra-caladea missing";
    const auto p = prose(150);  // 450 paragraphs: enough for several threads
    text::Hyphenator hyphenator;
    std::string serial;
    for (unsigned threads : {1u, 4u}) {
        text::FontSet fonts;
        core::Diagnostics diags;
        auto pages = layout::layout_document(p->styled, fonts, diags, &hyphenator, threads);
        ASSERT_TRUE(pages.has_value());
        EXPECT_GT(pages->pages.size(), 10u);
        const std::string d = dump(*pages);
        EXPECT_NE(d.find("-\" ws="), std::string::npos);   // some lines end hyphenated
        EXPECT_NE(d.find(", page "), std::string::npos);  // the cross-references were set
        if (threads == 1) serial = d;
        else EXPECT_EQ(d, serial);
    }
}

TEST(Speed, TheWordCacheKeepsWordsOfEachSizeApart) {
    if (!have_font(caladea_regular)) GTEST_SKIP() << "fonts-crosextra-caladea missing";
    text::FontSet fonts;
    text::Hyphenator hyphenator;
    const std::string text = "international organisation of migration, counter-trafficking and humanitarian "
                             "responsibilities of the office in Budapest since 1991";
    auto at = [&](double size) {
        return paragraph(text, style::TextAlign::justify, [size](style::ComputedStyle& s) {
            s.font_family = "Caladea";
            s.font_size = size;
            s.hyphenate = true;
        });
    };
    auto lay_with = [&](const Built& b, layout::WordCache* words) {
        core::Diagnostics diags;
        return layout::layout_inline(b.styled, b.paragraph, b.doc.node(b.paragraph).children, 120, 0, fonts, diags,
                                     &hyphenator, nullptr, layout::Breaker::total_fit, words);
    };
    layout::WordCache words;
    const Built small = at(10), large = at(14);
    const auto first = lay_with(small, &words);
    const std::size_t distinct = words.size();
    EXPECT_GE(distinct, 12u);  // one shape per distinct word
    const auto again = lay_with(small, &words);
    EXPECT_EQ(words.size(), distinct);  // nothing new: every word came from the cache
    const auto cached_large = lay_with(large, &words);
    EXPECT_GT(words.size(), distinct);  // the 14 pt words are other entries
    const auto fresh_large = lay_with(large, nullptr);
    auto widths = [](const layout::InlineResult& r) {
        std::vector<double> w;
        for (const auto& line : r.lines)
            for (const auto& run : line.runs) w.push_back(run.width);
        return w;
    };
    EXPECT_EQ(line_texts(again), line_texts(first));
    EXPECT_EQ(widths(again), widths(first));
    EXPECT_EQ(line_texts(cached_large), line_texts(fresh_large));
    EXPECT_EQ(widths(cached_large), widths(fresh_large));
    EXPECT_NE(line_texts(cached_large), line_texts(first));  // 14 pt breaks elsewhere than 10 pt
}

TEST(Speed, WarningsOfParagraphsLaidOutInAnEarlierPassAreKept) {
    // Cross-references make layout run several passes and reuse the paragraphs of the first; the
    // warning about an over-wide word must still be reported, once.
    if (!have_font(caladea_regular)) GTEST_SKIP() << "fonts-crosextra-caladea missing";
    auto p = prose(12);
    const auto para = p->doc.add(test::mk(doc::NodeKind::paragraph), 1);
    p->doc.add(test::mk(doc::NodeKind::text, "Wide: " + std::string(150, '8') + " end."), para);
    p->styled.style_ids.resize(p->doc.nodes.size(), p->styled.style_ids.back());
    for (unsigned threads : {1u, 2u}) {
        text::FontSet fonts;
        text::Hyphenator hyphenator;
        core::Diagnostics diags;
        auto pages = layout::layout_document(p->styled, fonts, diags, &hyphenator, threads);
        ASSERT_TRUE(pages.has_value());
        EXPECT_NE(dump(*pages).find(", page "), std::string::npos);  // it did iterate
        const auto wide = std::count_if(diags.all().begin(), diags.all().end(),
                                        [](const core::Diagnostic& d) { return d.code == "layout.word-too-wide"; });
        EXPECT_EQ(wide, 1) << "threads " << threads;
    }
}

TEST(Speed, CrossReferencesPrintThePagesTheirTargetsLandOn) {
    // Page numbers settle over several passes, and a pass whose re-set paragraphs keep their lines
    // is skipped: every printed number must still be the target's page.
    if (!have_font(caladea_regular)) GTEST_SKIP() << "fonts-crosextra-caladea missing";
    auto p = prose(120);
    for (auto& st : p->styled.distinct_styles) st.hyphenate = false;  // so the text joins back at spaces
    text::FontSet fonts;
    core::Diagnostics diags;
    auto pages = layout::layout_document(p->styled, fonts, diags, nullptr, 2);
    ASSERT_TRUE(pages.has_value());
    std::map<std::string, std::size_t> heading_page;
    for (const auto& e : pages->outline) heading_page[e.title] = e.page + 1;
    std::string text;
    for (const auto& page : pages->pages) {
        for (const auto& item : page.items) {
            if (const auto* run = std::get_if<layout::GlyphRun>(&item)) text += core::to_utf8(run->text) + " ";
        }
    }
    const std::regex reference(R"((\d+) Regional strategy,\s+page\s+(\d+))");
    int checked = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), reference); it != std::sregex_iterator(); ++it) {
        const std::string title = (*it)[1].str() + " Regional strategy";
        ASSERT_TRUE(heading_page.contains(title)) << title;
        EXPECT_EQ(std::stoul((*it)[2].str()), heading_page[title]) << title;
        ++checked;
    }
    EXPECT_EQ(checked, 117);  // every section but the last three refers three sections on
    EXPECT_GT(heading_page["120 Regional strategy"], 10u);
}
