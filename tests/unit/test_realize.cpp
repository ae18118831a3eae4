// The realize stage: case mapping, smart quotes across inline elements, list markers of nested
// lists, cross-reference texts, image sizes (each file decoded once) and languages, on sources
// and style sheets read by the real readers.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "realize/realize.hpp"
#include "style/computed.hpp"
#include "realized_fixture.hpp"
#include "tiny_png.hpp"
#include "xml/reader.hpp"

namespace {

using namespace folio;
using doc::NodeId;
using doc::NodeKind;

TEST(CaseMapping, UpperCasesAccentedLettersByUnicode) {
    EXPECT_EQ(realize::upper_case(std::string_view("Közép-Európa"), "hu"), "KÖZÉP-EURÓPA");
    EXPECT_EQ(realize::upper_case(std::string_view("őrült ű"), "hu"), "ŐRÜLT Ű");
    EXPECT_EQ(realize::upper_case(std::string_view("straße"), "de"),
              "STRASSE");  // one letter, two capitals
    EXPECT_EQ(realize::upper_case(std::string_view("istanbul"), "tr-TR"), "İSTANBUL");
    EXPECT_EQ(realize::upper_case(std::string_view("istanbul"), "en"), "ISTANBUL");
    EXPECT_EQ(realize::upper_case(std::u32string_view(U"č ŝ"), "en"), U"Č Ŝ");
    EXPECT_EQ(realize::upper_char(U'é'), U'É');
    EXPECT_EQ(realize::upper_char(U'ß'), U'ß');  // no one-letter capital: small caps keep it
}

TEST(CaseMapping, TheDrawnTextOfAnUpperCaseStyleIsUpperCaseAndTheReadTextIsNot) {
    const Realized x("<section><title>Közép-Európa</title><p>Kis szöveg</p></section>",
                     "<style match=\"h2\" text-transform=\"uppercase\"/>");
    const NodeId title = x.text_node("Közép-Európa");
    EXPECT_EQ(x.r.text(title), "Közép-Európa");
    EXPECT_EQ(x.r.drawn(title), "KÖZÉP-EURÓPA");
    EXPECT_EQ(x.r.drawn(x.text_node("Kis szöveg")), "Kis szöveg");
    EXPECT_TRUE(x.diags.all().empty());
}

TEST(SmartQuotes, AreDecidedInTheWholeParagraphAcrossInlineElements) {
    const Realized x(
        "<p>He said \"<em>yes</em>\" and it's \"done\".</p><p>\"<strong>x</strong>\"</p>",
        "<style match=\"document\" quotes=\"smart\"/>");
    EXPECT_EQ(x.r.text(x.text_node("He said \"")), "He said “");
    EXPECT_EQ(x.r.text(x.text_node("\" and it's \"done\".")), "” and it’s “done”.");
    EXPECT_EQ(x.r.text(x.text_node("yes")), "yes");
    EXPECT_EQ(x.r.text(x.text_node("\"")), "“");  // before <strong>: opening, in its own paragraph
}

TEST(SmartQuotes, FollowTheParagraphsLanguageAndOnlyWhereTheStyleAsks) {
    const Realized x("<p xml:lang=\"hu\">Azt mondta: \"igen\".</p><p class=\"plain\">a \"b\"</p>",
                     "<style match=\"document\" quotes=\"smart\"/><style match=\"p.plain\" "
                     "quotes=\"straight\"/>");
    EXPECT_EQ(x.r.text(x.text_node("Azt mondta: \"igen\".")), "Azt mondta: „igen”.");
    EXPECT_EQ(x.r.text(x.text_node("a \"b\"")), "a \"b\"");
}

TEST(Markers, ABulletedListInsideANumberedOneKeepsItsBullets) {
    const Realized x("<ol><li>one<ul><li>note</li><li>note</li></ul></li><li>two</li></ol>",
                     "<style match=\"ol\" list-style-type=\"decimal\"/>");
    const NodeId ol = x.nth(NodeKind::list, 0), ul = x.nth(NodeKind::list, 1);
    ASSERT_EQ(x.d.node(ol).children.size(), 2u);
    EXPECT_EQ(x.r.marker(x.d.node(ol).children[0]), "1.");
    EXPECT_EQ(x.r.marker(x.d.node(ol).children[1]), "2.");
    EXPECT_EQ(x.r.marker(x.d.node(ul).children[0]), "\u2022");
    EXPECT_EQ(x.r.marker(x.d.node(ul).children[1]), "\u2022");
    EXPECT_EQ(x.r.marker(ol), "");  // a list itself has none
}

TEST(Markers, EachListsOwnStyleWinsAndNumbersRestartPerList) {
    const Realized x("<ul><li>a<ol><li>i</li><li>ii</li></ol></li></ul><ol><li>x</li></ol>",
                     "<style match=\"ul\" list-style-type=\"dash\"/><style match=\"ol\" "
                     "list-style-type=\"lower-roman\"/>");
    const NodeId ul = x.nth(NodeKind::list, 0), inner = x.nth(NodeKind::list, 1),
                 last = x.nth(NodeKind::list, 2);
    EXPECT_EQ(x.r.marker(x.d.node(ul).children[0]), "\u2013");
    EXPECT_EQ(x.r.marker(x.d.node(inner).children[1]), "ii.");
    EXPECT_EQ(x.r.marker(x.d.node(last).children[0]), "i.");
}

TEST(Markers, EveryNumberingStyle) {
    using style::ListStyle;
    EXPECT_EQ(realize::list_marker(ListStyle::decimal, 12), "12.");
    EXPECT_EQ(realize::list_marker(ListStyle::lower_alpha, 28), "ab.");
    EXPECT_EQ(realize::list_marker(ListStyle::upper_alpha, 3), "C.");
    EXPECT_EQ(realize::list_marker(ListStyle::lower_roman, 1994), "mcmxciv.");
    EXPECT_EQ(realize::list_marker(ListStyle::upper_roman, 4), "IV.");
    EXPECT_EQ(realize::list_marker(ListStyle::disc, 1), "\u2022");
    EXPECT_EQ(realize::list_marker(ListStyle::none, 1), "");
}

TEST(References, NameTheTargetByItsTitleAndDrawItInTheLinksCase) {
    const Realized x(
        "<section id=\"s\"><title>Közép-Európa</title><p>See <ref to=\"s\"/> and <ref "
        "to=\"f\"/>.</p>"
        "<figure id=\"f\" src=\"missing.png\" alt=\"A map\"/></section>",
        "<style match=\"a\" text-transform=\"uppercase\"/>");
    const realize::Reference* s = x.r.reference(x.nth(NodeKind::link, 0));
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->target, x.nth(NodeKind::section));
    EXPECT_EQ(s->title, "Közép-Európa");
    EXPECT_EQ(s->drawn_title, "KÖZÉP-EURÓPA");
    EXPECT_EQ(s->drawn_page, ", PAGE ");
    const realize::Reference* f = x.r.reference(x.nth(NodeKind::link, 1));
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->title, "A map");  // a figure without a caption: its alt text
    EXPECT_EQ(x.r.reference(x.nth(NodeKind::paragraph)), nullptr);
}

TEST(Images, AreDecodedOnceEachWithTheirSizes) {
    const std::string dir = std::filesystem::temp_directory_path() / "folio-realize-images";
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/a.png", std::ios::binary) << test::tiny_png(30, 20);
    std::ofstream(dir + "/bad.png", std::ios::binary) << "not a png";
    const Realized x("<figure src=\"a.png\" alt=\"a\"/><figure src=\"a.png\" alt=\"again\"/>", "",
                     dir);
    ASSERT_EQ(x.r.images.size(), 1u);
    EXPECT_EQ(x.r.inputs, std::vector<std::string>{dir + "/a.png"});
    ASSERT_TRUE(x.r.image_size(dir + "/a.png").has_value());
    EXPECT_EQ(x.r.image_size(dir + "/a.png")->width, 30);
    EXPECT_EQ(x.r.image_size(dir + "/a.png")->height, 20);
    EXPECT_EQ(x.r.image(dir + "/a.png")->pixels.size(), 600u);
    EXPECT_TRUE(x.diags.all().empty());

    const Realized bad("<p>x</p>\n<figure src=\"bad.png\" alt=\"b\"/>", "", dir);
    EXPECT_TRUE(bad.r.images.empty());
    EXPECT_FALSE(bad.r.image_size(dir + "/bad.png").has_value());
    ASSERT_EQ(bad.diags.all().size(), 1u);
    EXPECT_EQ(bad.diags.all()[0].severity, core::Severity::error);
    EXPECT_EQ(bad.diags.all()[0].location.line, 2u);  // at the figure that uses it
}

TEST(Languages, EveryNodeHasItsNearestLanguage) {
    const Realized x("<p>English <em xml:lang=\"hu\">magyar <strong>szó</strong></em></p>", "");
    EXPECT_EQ(x.r.language(x.text_node("English ")), "en");
    EXPECT_EQ(x.r.language(x.text_node("szó")), "hu");
    EXPECT_EQ(x.r.language(x.nth(NodeKind::paragraph)), "en");
    EXPECT_EQ(x.r.language(x.d.root()), "en");
}

}  // namespace
