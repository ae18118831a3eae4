// read_content on hostile input (issue 16): characters no document may hold, nesting deeper than
// the reader goes, text above the stated limits, links outside the allowed schemes, images that
// leave the source's folder through a symlink; and SourceFile's columns on a very long line.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "diagnostic_list.hpp"
#include "read_content_helpers.hpp"
#include "xml/reader.hpp"

namespace {

using folio::core::Diagnostics;
using folio::core::SourceFile;
using folio::doc::Document;
using folio::doc::NodeKind;
using folio::test::where;
using V = std::vector<std::string>;

using folio::test::only_message;
using folio::test::Read;
using folio::test::read;
using folio::test::wrap;

TEST(ReadContentCharacters, NonCharactersAreRefusedRawOrByReference) {
    const Read raw = read(wrap("<p>a \xEF\xBF\xBF b</p>"));
    EXPECT_EQ(where(raw.diags), (V{"3:6 source.forbidden-character"}));
    EXPECT_EQ(only_message(raw),
              "the non-character U+FFFF is not allowed in text; non-characters are for a program's "
              "internal use, not for interchange");
    const Read ref = read(wrap("<p>a &#xFFFE; &#xFDD0; &#x1FFFF; b</p>"));
    EXPECT_EQ(where(ref.diags),
              (V{"3:6 source.forbidden-character", "3:15 source.forbidden-character",
                 "3:24 source.forbidden-character", "3:4 source.non-bmp"}));
    EXPECT_NE(ref.diags.all()[1].message.find("U+FDD0"), std::string::npos);
}

TEST(ReadContentCharacters, ControlCharactersAndNulNameThemselves) {
    // A NUL stops the XML parser; the message says NUL, not "tag mismatch".
    const Read nul = read(wrap(std::string("<p>a \0 b</p>", 12)));
    EXPECT_FALSE(nul.doc);
    EXPECT_EQ(where(nul.diags), (V{"3:6 source.forbidden-character"}));
    EXPECT_EQ(only_message(nul).substr(0, 44), "the NUL character U+0000 is not allowed in t");
    const Read c0 = read(wrap("<p>a \x01 b\tc\x7F &#x9F; &#0; &#9;</p>"));
    EXPECT_EQ(where(c0.diags),
              (V{"3:6 source.forbidden-character", "3:11 source.forbidden-character",
                 "3:13 source.forbidden-character", "3:20 source.forbidden-character"}));
    EXPECT_EQ(c0.diags.all()[0].message,
              "the control character U+0001 is not allowed in text; of the control characters only "
              "tab, line feed and carriage return are");
}

TEST(ReadContentCharacters, UnpairedSurrogatesAndValuesBeyondUnicodeByReference) {
    const Read r = read(wrap("<p>&#xD800;&#xDFFF; &#1114112; &#x1234567890ABCDEF;</p>"));
    EXPECT_EQ(where(r.diags),
              (V{"3:4 source.forbidden-character", "3:12 source.forbidden-character",
                 "3:21 source.forbidden-character", "3:32 source.forbidden-character"}));
    EXPECT_EQ(r.diags.all()[0].message,
              "the unpaired surrogate U+D800 is not allowed in text; a reference must name a whole "
              "character, not half of a UTF-16 pair");
    EXPECT_EQ(r.diags.all()[2].message.substr(0, 24), "the code point U+110000 ");
}

TEST(ReadContentCharacters, AttributesAndStyleSheetsToo) {
    const Read alt = read(wrap("<figure src='a.png' alt='x&#xFFFF;'/>"));
    EXPECT_EQ(where(alt.diags), (V{"3:27 source.forbidden-character"}));
    Diagnostics d;
    const auto sheet = folio::xml::read_stylesheet(
        SourceFile("s.xml",
                   std::string("<stylesheet version='1' name='x'>\n<footer text='a\0'/>", 53)),
        d);
    EXPECT_FALSE(sheet);
    EXPECT_EQ(where(d), (V{"2:16 style.forbidden-character"}));
}

TEST(ReadContentCharacters, EverythingElseIsAllowed) {
    for (char32_t cp : {U'\t', U'\n', U'\r', U' ', char32_t{0xA0}, char32_t{0xD7FF},
                        char32_t{0xE000}, char32_t{0xFDCF}, char32_t{0xFDF0}, char32_t{0xFFFD},
                        char32_t{0x10000}, char32_t{0x10FFFD}}) {
        EXPECT_TRUE(folio::core::forbidden_character(cp).empty())
            << folio::core::code_point_name(cp);
    }
    for (char32_t cp : {char32_t{0}, char32_t{0x1F}, char32_t{0x7F}, char32_t{0x80}, char32_t{0x9F},
                        char32_t{0xD800}, char32_t{0xFDD0}, char32_t{0xFDEF}, char32_t{0xFFFE},
                        char32_t{0x10FFFF}, char32_t{0x110000}}) {
        EXPECT_FALSE(folio::core::forbidden_character(cp).empty())
            << folio::core::code_point_name(cp);
    }
}

TEST(SourceFileColumns, AgreeWithCountingFromTheLineStart) {
    // Random lines of 1- to 4-byte characters, some longer than the index's chunks.
    std::string text;
    unsigned seed = 12345;
    const auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
    const char* pieces[] = {"a", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80", " ", "\n"};
    for (int i = 0; i < 20000; ++i) text += pieces[next() % (next() % 50 == 0 ? 6 : 5)];
    const SourceFile f("r.xml", text);
    ASSERT_GT(f.location(text.size()).line, 20u);
    ASSERT_LT(f.location(text.size()).line, 400u);  // lines of some hundred characters
    std::uint32_t line = 1, column = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            const auto at = f.location(i);
            ASSERT_EQ(at.line, line) << "offset " << i;
            ASSERT_EQ(at.column, column) << "offset " << i;
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
    }
}

TEST(SourceFileColumns, CountCharactersOnAVeryLongLine) {
    // 300,000 characters on one line, two bytes each for the second half: the index must agree
    // with counting from the line's start, and cost the same for every query.
    std::string text(150000, 'a');
    for (int i = 0; i < 150000; ++i) text += "\xC3\xA9";
    text += "\nx";
    const SourceFile f("long.xml", text);
    EXPECT_EQ(f.location(0).column, 1u);
    EXPECT_EQ(f.location(255).column, 256u);
    EXPECT_EQ(f.location(256).column, 257u);
    EXPECT_EQ(f.location(150000).column, 150001u);
    EXPECT_EQ(f.location(150000 + 2 * 1000).column, 151001u);
    EXPECT_EQ(f.location(150000 + 2 * 1000 + 1).column, 151002u);  // inside a character: the next
    EXPECT_EQ(f.location(text.size() - 1).line, 2u);
    EXPECT_EQ(f.location(text.size() - 1).column, 1u);
    EXPECT_EQ(f.location(text.size() + 5).column, 2u);  // past the end: clamped
}

}  // namespace

namespace {

/// `count` nested copies of `open` ... `close` around `inner`.
std::string nest(const std::string& open, const std::string& inner, const std::string& close,
                 int count) {
    std::string s;
    for (int i = 0; i < count; ++i) s += open;
    s += inner;
    for (int i = 0; i < count; ++i) s += close;
    return s;
}

TEST(ReadContentDepth, ReadsTwoHundredFiftySixLevels) {
    // document > p > 254 em: 256 levels, the most the reader takes.
    const Read r = read(wrap("<p>" + nest("<em>", "x", "</em>", 254) + "</p>"));
    EXPECT_TRUE(where(r.diags).empty()) << ::testing::PrintToString(where(r.diags));
    ASSERT_TRUE(r.doc);
    EXPECT_EQ(r.doc->nodes.back().text, "x");
}

TEST(ReadContentDepth, RefusesDeeperNestingBeforeRecursing) {
    // 20,000 levels overflowed the stack in the recursion over blocks and inline elements.
    for (const auto& [open, close] :
         {std::pair{"<em>", "</em>"}, std::pair{"<ul><li>", "</li></ul>"},
          std::pair{"<section><title>t</title>", "</section>"}}) {
        const Read r = read(wrap("<p>" + nest(open, "x", close, 20000) + "</p>"));
        ASSERT_EQ(r.diags.all().size(), 1u) << open;
        EXPECT_EQ(r.diags.all()[0].code, "source.too-deep");
        EXPECT_NE(
            r.diags.all()[0].message.find("is nested 257 elements deep; folio reads at most 256"),
            std::string::npos);
        EXPECT_EQ(r.diags.all()[0].location.line, 3u);
    }
    const Read em = read(wrap("<p>" + nest("<em>", "x", "</em>", 255) + "</p>"));
    EXPECT_EQ(where(em.diags),
              (V{"3:1020 source.too-deep"}));  // the 255th <em>: column 4 + 4 * 254
}

}  // namespace

namespace {

TEST(ReadContentLimits, TextUpToTheLimitsIsRead) {
    std::string words;
    for (int i = 0; i < 100000; ++i) words += "a ";  // 199,999 characters after trimming
    const Read r = read(wrap("<p>" + words + "</p><p>x" + std::string(9999, 'y') + "</p>"));
    EXPECT_TRUE(r.diags.all().empty()) << ::testing::PrintToString(where(r.diags));
}

TEST(ReadContentLimits, ABlockLongerThanTheLimitIsRefusedAtItsElement) {
    std::string words;
    for (int i = 0; i < 100000; ++i) words += "a ";
    const Read r = read(wrap("<p>x</p> <li-not/>\n  <p>" + words + "<em>bc</em></p>"));
    EXPECT_EQ(where(r.diags), (V{"3:10 source.unknown-element", "4:3 source.text-too-long"}));
    EXPECT_EQ(
        r.diags.all()[1].message,
        "<p> holds 200,002 characters of text; folio sets at most 200,000 in one block: split "
        "it into several");
    // Nothing of the refused block was built beyond its element.
    ASSERT_TRUE(r.doc);
    EXPECT_EQ(r.doc->nodes.back().kind, NodeKind::paragraph);
}

TEST(ReadContentLimits, AWordLongerThanTheLimitIsRefusedAtItsStart) {
    // The word starts in one text and ends in another; references count as one character.
    const Read r = read(wrap("<p>one  two\n   &amp;x" + std::string(5000, 'y') + "<strong>" +
                             std::string(5000, 'z') + "</strong> end</p>"));
    EXPECT_EQ(where(r.diags), (V{"4:4 source.word-too-long"}));
    EXPECT_EQ(
        r.diags.all()[0].message,
        "a word of more than 10,000 characters (\"&xyyyyyyyyyyyyyyyyyy...\"); folio sets words "
        "of at most 10,000 characters");
    // A <br/> ends a word.
    const Read br =
        read(wrap("<p>" + std::string(6000, 'a') + "<br/>" + std::string(6000, 'b') + "</p>"));
    EXPECT_TRUE(br.diags.all().empty());
}

TEST(ReadContentLimits, AWordCountsCharactersNotBytes) {
    // 10,000 two-byte characters (20,000 bytes) are a word within the limit; one more is not.
    std::string word;
    for (int i = 0; i < 10000; ++i) word += "é";
    EXPECT_TRUE(read(wrap("<p>a " + word + " b</p>")).diags.all().empty());
    const Read r = read(wrap("<p>a " + word + "<em>é</em> b</p>"));
    EXPECT_EQ(where(r.diags), (V{"3:6 source.word-too-long"}));
}

TEST(ReadContentLimits, MetaFieldsHaveTheSameLimits) {
    const Read r =
        read("<document version=\"1\" xml:lang=\"en\">\n<meta><title>T</title>\n  <author>" +
             std::string(10001, 'a') + "</author></meta></document>");
    EXPECT_EQ(where(r.diags), (V{"3:3 source.word-too-long"}));
}

}  // namespace

namespace {

namespace fs = std::filesystem;

/// A folder with a source folder `src` (an image `ok.png`, a link to it, and links leading out
/// of it) beside a folder `outside` holding `secret.png`.
struct LinkFarm {
    fs::path root = fs::path(::testing::TempDir()) / "folio-link-farm";
    LinkFarm() {
        fs::remove_all(root);
        fs::create_directories(root / "src" / "images");
        fs::create_directories(root / "outside");
        std::ofstream(root / "outside" / "secret.png") << "x";
        std::ofstream(root / "src" / "images" / "ok.png") << "x";
        fs::create_symlink("../../outside/secret.png", root / "src" / "images" / "link.png");
        fs::create_symlink("../outside", root / "src" / "dirlink");
        fs::create_symlink("ok.png", root / "src" / "images" / "inner.png");
    }
    ~LinkFarm() { fs::remove_all(root); }
    /// Reads a source in `src` whose figure has `src`.
    Read figure(const std::string& src, bool allow_outside = false) const {
        return read(wrap("<figure src=\"" + src + "\" alt=\"x\"/>"), true,
                    (root / "src" / "doc.xml").string(), allow_outside);
    }
};

TEST(ReadContentImages, ASymlinkOutOfTheSourceFolderIsRefused) {
    const LinkFarm farm;
    const Read file_link = farm.figure("images/link.png");
    EXPECT_EQ(where(file_link.diags), (V{"3:9 source.image-outside"}));
    EXPECT_NE(file_link.diags.all()[0].message.find("through a symbolic link, to "),
              std::string::npos);
    EXPECT_EQ(where(farm.figure("dirlink/secret.png").diags), (V{"3:9 source.image-outside"}));
    EXPECT_TRUE(farm.figure("dirlink/secret.png", true).diags.all().empty());
    // Links that stay inside are fine.
    EXPECT_TRUE(farm.figure("images/inner.png").diags.all().empty());
    EXPECT_TRUE(farm.figure("images/ok.png").diags.all().empty());
}

TEST(ReadContentImages, ASourcePathThroughDotDotKeepsItsImagesInside) {
    const LinkFarm farm;
    // "outside/../src/doc.xml" names the same source folder: its images are inside it.
    const std::string through = (farm.root / "outside" / ".." / "src" / "doc.xml").string();
    const auto figure = [&](const std::string& src) {
        return read(wrap("<figure src=\"" + src + "\" alt=\"x\"/>"), true, through, false);
    };
    EXPECT_TRUE(figure("images/ok.png").diags.all().empty());
    EXPECT_EQ(where(figure("../outside/secret.png").diags), (V{"3:9 source.image-outside"}));
}

}  // namespace

namespace {

TEST(ReadContentLinks, SchemesOutsideTheListLoseTheLinkNotTheText) {
    const Read r =
        read(wrap("<p><a href=\"javascript:alert(1)\">one</a> <a href=\" DATA:text/html,x\">"
                  "<em>two</em></a>\n<a href=\"java&#x9;script:x\">three</a></p>"));
    EXPECT_EQ(where(r.diags),
              (V{"3:7 source.unsafe-link", "3:45 source.unsafe-link", "4:4 source.unsafe-link"}));
    EXPECT_EQ(r.diags.all()[0].severity, folio::core::Severity::warning);
    EXPECT_EQ(
        r.diags.all()[0].message,
        "a link to a javascript: URI is not allowed; folio links only to http, https, mailto and "
        "tel URIs, relative paths and #ids, so the text is kept without the link");
    EXPECT_EQ(r.diags.all()[1].message.substr(0, 17), "a link to a data:");
    ASSERT_TRUE(r.doc);
    std::string text;
    for (const auto& n : r.doc->nodes) {
        EXPECT_NE(n.kind, NodeKind::link);
        if (n.kind == NodeKind::text) text += n.text;
    }
    EXPECT_EQ(text, "Tone two three");
}

TEST(ReadContentLinks, AllowedSchemesRelativePathsAndIdsStayLinks) {
    const Read r = read(
        wrap("<p id=\"x\"><a href=\"https://a.example/\">1</a><a href=\"HTTP://b/\">2</a>"
             "<a href=\"mailto:a@b\">3</a><a href=\"tel:+361\">4</a><a href=\"doc/x.html\">5</a>"
             "<a href=\"#x\">6</a><a href=\"a:b/c\">7</a></p>"));
    EXPECT_EQ(where(r.diags), (V{"3:167 source.unsafe-link"}));  // "a:" is a scheme
    std::size_t links = 0;
    for (const auto& n : r.doc->nodes) links += n.kind == NodeKind::link ? 1 : 0;
    EXPECT_EQ(links, 6u);
}

}  // namespace

namespace {

TEST(ReadContentLimits, AttributesHoldAtMostTenThousandCharacters) {
    EXPECT_TRUE(read(wrap("<figure src='a.png' alt='" + std::string(10000, 'a') + "'/>"))
                    .diags.all()
                    .empty());
    const Read r =
        read(wrap("<p>x</p><figure src='a.png'\n alt='" + std::string(10001, 'a') + "'/>"));
    EXPECT_EQ(where(r.diags), (V{"4:2 source.attribute-too-long"}));
    EXPECT_EQ(
        r.diags.all()[0].message,
        "attribute \"alt\" on <figure> holds 10,001 characters; folio takes at most 10,000 in an "
        "attribute");
    Diagnostics d;
    folio::xml::read_stylesheet(
        SourceFile("s.xml", "<stylesheet version='1' name='x'>\n<footer content='" +
                                std::string(20000, 'x') + "'/></stylesheet>"),
        d);
    EXPECT_EQ(where(d), (V{"2:9 style.attribute-too-long"}));
}

}  // namespace

namespace {

TEST(ReadContentLimits, AnElementHasAtMost256Attributes) {
    std::string attrs;
    for (int i = 0; i < 257; ++i) attrs += " a" + std::to_string(i) + "=''";
    const Read r = read(wrap("<p>x</p>\n <p" + attrs + ">x</p>"));
    EXPECT_EQ(where(r.diags), (V{"4:2 source.too-many-attributes"}));
    EXPECT_EQ(r.diags.all()[0].message,
              "<p> has 257 attributes; folio reads at most 256 on one element");
    Diagnostics d;
    folio::xml::read_stylesheet(
        SourceFile("s.xml", "<stylesheet version='1' name='x'>\n<style match='p'" + attrs +
                                "/>\n<stylesheet" + attrs + "/></stylesheet>"),
        d);
    EXPECT_EQ(where(d), (V{"2:1 style.too-many-attributes", "3:1 style.unknown-element"}));
}

}  // namespace

namespace {

TEST(SourceFileRead, RefusesFilesAndStreamsAbove64MiB) {
    const auto stream = SourceFile::read("/dev/zero");  // never ends
    ASSERT_FALSE(stream);
    EXPECT_EQ(stream.error().code, "io.too-large");
    EXPECT_EQ(stream.error().location.file, "/dev/zero");
    const fs::path big = fs::path(::testing::TempDir()) / "folio-big.xml";
    {
        std::ofstream out(big, std::ios::binary);
        out.seekp(static_cast<std::streamoff>(SourceFile::max_bytes));
        out.put('x');  // one byte over, sparse
    }
    EXPECT_EQ(SourceFile::read(big.string()).error().message.substr(0, 33),
              "the file is larger than 64 MiB; f");
    fs::resize_file(big, SourceFile::max_bytes);
    EXPECT_TRUE(SourceFile::read(big.string()));
    fs::remove(big);
}

}  // namespace

namespace {

TEST(ReadContentLimits, TheBackCoverToo) {
    std::string lines;
    for (int i = 0; i < 25000; ++i) lines += "line " + std::to_string(i) + "\n";
    const Read r =
        read("<document version=\"1\" xml:lang=\"en\">\n<meta><title>T</title>\n<back-cover>" +
             lines + "</back-cover></meta></document>");
    EXPECT_EQ(where(r.diags), (V{"3:1 source.text-too-long"}));
}

}  // namespace

namespace {

TEST(ReadContentCharacters, EveryTextThatReachesTheOutputIsChecked) {
    const Read r = read(
        "<document version=\"1\" xml:lang=\"en\">\n<meta><title>T</title>\n"
        "<back-cover>a &#xFFFF;</back-cover><cover image='c.png' alt='&#xFFFE;'/></meta>\n"
        "<contents title='&#xFDD0;'/></document>");
    EXPECT_EQ(where(r.diags),
              (V{"3:15 source.forbidden-character", "3:62 source.forbidden-character",
                 "4:18 source.forbidden-character"}));
}

// A large source's bytes are checked beside the parse (issue 23): the same diagnostics, in the
// same order, as checked before it; a NUL's own error still says why the parse failed.
TEST(ReadContentCharacters, CheckedBesideTheParseAsBefore) {
    std::string body;
    while (body.size() < 300 * 1024) body += "<p>Some words of a paragraph, long enough to count.</p>\n";
    const std::string bad = wrap(body + "<p>a \xEF\xBF\xBF b \xC3 c \x01 d</p>\n" + body);
    const std::string nul = wrap(body + std::string("<p>a \0 b</p>\n", 13) + body);
    for (const std::string& text : {bad, nul}) {
        Diagnostics here;
        Diagnostics beside;
        const auto a = folio::xml::read_content(SourceFile("doc.xml", text), here, false, false, false);
        const auto b = folio::xml::read_content(SourceFile("doc.xml", text), beside, false, false, true);
        ASSERT_FALSE(where(here).empty());
        EXPECT_EQ(where(here), where(beside));
        EXPECT_EQ(a.has_value(), b.has_value());
        if (!a && !b) {
            EXPECT_EQ(a.error().message, b.error().message);
        }
    }
    Diagnostics nul_diags;
    const auto r = folio::xml::read_content(SourceFile("doc.xml", nul), nul_diags, false, false, true);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "source.forbidden-character");
}

}  // namespace
