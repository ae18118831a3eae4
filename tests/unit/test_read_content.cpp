// read_content: the tree built from content format v1, the whitespace rules, and every error
// with its exact line and column.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "xml/reader.hpp"
#include "diagnostic_list.hpp"
#include "read_content_helpers.hpp"

namespace {

using folio::core::Diagnostics;
using folio::core::SourceFile;
using folio::doc::Document;
using folio::doc::NodeId;
using folio::doc::NodeKind;

using folio::test::where;

using folio::test::only_message;
using folio::test::Read;
using folio::test::read;
using folio::test::wrap;

/// The children of `id` as "kind" or "kind:text" strings.
std::vector<std::string> shape(const Document& doc, NodeId id) {
    std::vector<std::string> out;
    for (NodeId c : doc.node(id).children) {
        const auto& n = doc.node(c);
        out.push_back(n.kind == NodeKind::text ? "\"" + n.text + "\"" : style_name(n));
    }
    return out;
}

using V = std::vector<std::string>;

// --- tree shape ---

TEST(ReadContent, BuildsTitleSubtitleSectionsAndBlocks) {
    const Read r = read(R"(<document version="1" xml:lang="en">
  <meta>
    <title> The  title </title>
    <subtitle>Sub</subtitle>
    <organisation>Org</organisation>
    <author>Ann</author>
    <date>2024-02-29</date>
    <keywords> a, b c ,, d </keywords>
    <description>Desc</description>
  </meta>
  <section id="s1" class="wide  intro">
    <title>One</title>
    <p>Para</p>
    <section><title>Nested</title><ul><li>x</li></ul><ol><li>y</li></ol></section>
  </section>
  <figure src="img/a.png" alt=" An  image "><caption>Cap</caption></figure>
  <blockquote>Quoted <p>para</p></blockquote>
  <aside title="Note"><p>Aside</p></aside>
</document>)",
                        false, "dir/test.xml");
    ASSERT_TRUE(r.doc);
    EXPECT_EQ(where(r.diags), V{});
    const Document& d = *r.doc;
    EXPECT_EQ(d.meta.title, "The title");
    EXPECT_EQ(d.meta.subtitle, "Sub");
    EXPECT_EQ(d.meta.organisation, "Org");
    EXPECT_EQ(d.meta.author, "Ann");
    EXPECT_EQ(d.meta.date, "2024-02-29");
    EXPECT_EQ(d.meta.keywords, (V{"a", "b c", "d"}));
    EXPECT_EQ(d.meta.description, "Desc");
    EXPECT_EQ(d.meta.language, "en");
    EXPECT_EQ(d.source_path, "dir/test.xml");
    EXPECT_EQ(shape(d, 0), (V{"h1", "p", "section", "figure", "blockquote", "aside"}));
    const auto& root = d.node(0);
    EXPECT_EQ(root.location.line, 1u);
    const auto& h1 = d.node(root.children[0]);
    EXPECT_EQ(h1.level, 1);
    EXPECT_EQ((std::pair{h1.location.line, h1.location.column}), (std::pair{3u, 5u}));
    EXPECT_EQ(shape(d, root.children[0]), V{"\"The title\""});
    const auto& title_text = d.node(h1.children[0]);
    EXPECT_EQ((std::pair{title_text.location.line, title_text.location.column}),
              (std::pair{3u, 13u}));
    EXPECT_EQ(d.node(root.children[1]).classes, "subtitle");
    EXPECT_EQ(shape(d, root.children[1]), V{"\"Sub\""});

    const NodeId s1 = root.children[2];
    EXPECT_EQ(d.node(s1).id, "s1");
    EXPECT_EQ(d.node(s1).classes, "wide intro");
    EXPECT_EQ(shape(d, s1), (V{"h2", "p", "section"}));
    EXPECT_EQ(d.node(d.node(s1).children[0]).level, 2);
    const NodeId s2 = d.node(s1).children[2];
    EXPECT_EQ(shape(d, s2), (V{"h3", "ul", "ol"}));
    EXPECT_EQ(d.node(d.node(s2).children[0]).level, 3);
    EXPECT_FALSE(d.node(d.node(s2).children[1]).ordered);
    EXPECT_TRUE(d.node(d.node(s2).children[2]).ordered);
    EXPECT_EQ(shape(d, d.node(s2).children[1]), V{"li"});

    const auto& fig = d.node(root.children[3]);
    EXPECT_EQ(fig.src, "dir/img/a.png");
    EXPECT_EQ(fig.alt, "An image");
    EXPECT_EQ(shape(d, root.children[3]), V{"caption"});
    EXPECT_EQ(shape(d, root.children[4]), (V{"\"Quoted\"", "p"}));
    EXPECT_EQ(d.node(root.children[5]).label, "Note");
    EXPECT_EQ(d.find_id("s1"), s1);
}

TEST(ReadContent, KeepsTheSpaceBetweenInlineElements) {
    const Read r = read(wrap("<p>\n  Hello,\n   <em>a</em> <strong>b</strong>  \n</p>"));
    ASSERT_TRUE(r.doc);
    EXPECT_EQ(where(r.diags), V{});
    const NodeId p = r.doc->node(0).children[1];
    EXPECT_EQ(shape(*r.doc, p), (V{"\"Hello, \"", "em", "\" \"", "strong"}));
    EXPECT_EQ(r.doc->plain_text(p), "Hello, a b");
    const auto& hello = r.doc->node(r.doc->node(p).children[0]);
    EXPECT_EQ((std::pair{hello.location.line, hello.location.column}), (std::pair{4u, 3u}));
    const auto& em = r.doc->node(r.doc->node(p).children[1]);
    EXPECT_EQ((std::pair{em.location.line, em.location.column}), (std::pair{5u, 4u}));
}

TEST(ReadContent, CollapsesSpaceAcrossElementsAndAroundBreaks) {
    const Read r = read(wrap("<p><em>a </em> b <br/> c<a href=\"x\"> d </a> </p>"));
    ASSERT_TRUE(r.doc);
    const NodeId p = r.doc->node(0).children[1];
    EXPECT_EQ(shape(*r.doc, p), (V{"em", "\"b\"", "br", "\"c\"", "a"}));
    EXPECT_EQ(shape(*r.doc, r.doc->node(p).children[0]), V{"\"a \""});
    EXPECT_EQ(shape(*r.doc, r.doc->node(p).children[4]), V{"\" d\""});
    EXPECT_EQ(r.doc->node(r.doc->node(p).children[4]).href, "x");
}

TEST(ReadContent, DropsWhitespaceBetweenBlocksOfMixedContent) {
    const Read r = read(wrap("<ul>\n <li> Item\n  <ul><li>x</li></ul>\n </li>\n</ul>"));
    ASSERT_TRUE(r.doc);
    EXPECT_EQ(where(r.diags), V{});
    const NodeId li = r.doc->node(r.doc->node(0).children[1]).children[0];
    EXPECT_EQ(shape(*r.doc, li), (V{"\"Item\"", "ul"}));
}

TEST(ReadContent, IgnoresCommentsAndDecodesEntities) {
    const Read r = read(wrap("<p xml:lang=\"hu\">a<!-- note -->b &amp; &#x151;</p>"));
    ASSERT_TRUE(r.doc);
    EXPECT_EQ(where(r.diags), V{});
    const NodeId p = r.doc->node(0).children[1];
    EXPECT_EQ(r.doc->plain_text(p), "ab & \xC5\x91");
    EXPECT_EQ(r.doc->language_of(r.doc->node(p).children[0]), "hu");
}

TEST(ReadContent, ReadsTheRealSourceWithoutDiagnostics) {
    auto file = SourceFile::read(FOLIO_SOURCE_DIR "/source/iom-budapest.xml");
    ASSERT_TRUE(file);
    Diagnostics diags;
    const auto doc = folio::xml::read_content(*file, diags);
    ASSERT_TRUE(doc);
    EXPECT_EQ(where(diags), V{});
    EXPECT_EQ(doc->meta.title, "About IOM Budapest");
    V titles;
    bool link = false;
    for (const auto& n : doc->nodes) {
        if (n.kind == NodeKind::section) titles.push_back(doc->plain_text(n.children[0]));
        link = link || (n.kind == NodeKind::link && n.href == "https://publications.iom.int/");
    }
    EXPECT_EQ(titles,
              (V{"IOM Budapest", "Regional Office for the EEA, EU and NATO", "Regional Strategy"}));
    EXPECT_TRUE(link);
    EXPECT_EQ(doc->node(0).children.size(), 4u);  // the title heading, then three sections
}

TEST(ReadContent, ChecksImagesRelativeToTheSourceFolder) {
    const auto dir = std::filesystem::temp_directory_path() / "folio-test-read-content";
    std::filesystem::create_directories(dir / "img");
    std::ofstream(dir / "img" / "a.png") << "png";
    const std::string path = (dir / "doc.xml").string();
    const Read ok = read(wrap(R"(<figure src="img/a.png" alt="A"/>)"), true, path);
    EXPECT_EQ(where(ok.diags), V{});
    EXPECT_EQ(ok.doc->node(ok.doc->node(0).children[1]).src, (dir / "img" / "a.png").string());
    const Read missing = read(wrap(R"(<figure alt="A" src="img/b.png"/>)"), true, path);
    EXPECT_EQ(where(missing.diags), V{"3:17 source.missing-image"});
    EXPECT_EQ(only_message(missing), "image file not found: " + (dir / "img" / "b.png").string());
    const Read unchecked = read(wrap(R"(<figure alt="A" src="img/b.png"/>)"), false, path);
    EXPECT_EQ(where(unchecked.diags), V{});
    std::filesystem::remove_all(dir);
}

// --- errors ---

TEST(ReadContentErrors, MalformedXmlIsFatal) {
    const Read r = read(wrap("<p>x"));
    EXPECT_FALSE(r.doc);
    EXPECT_EQ(where(r.diags), V{"4:3 source.malformed-xml"});
    EXPECT_EQ(only_message(r), "malformed XML: start-end tags mismatch");
}

TEST(ReadContentErrors, RootVersionAndLanguage) {
    EXPECT_EQ(where(read("<html/>").diags), V{"1:1 source.wrong-root"});
    EXPECT_EQ(only_message(read("<html/>")), "root element is <html>; expected <document>");
    const Read bad =
        read("<document  xml:lang='en' version='2'><meta><title>T</title></meta></document>");
    EXPECT_EQ(where(bad.diags), V{"1:26 source.unsupported-version"});
    const Read none = read("<document><meta><title>T</title></meta></document>");
    EXPECT_EQ(where(none.diags), (V{"1:1 source.missing-version", "1:1 source.missing-lang"}));
    const Read lang = read(
        "<document version='1' xml:lang='en_GB'><meta><title>T</title></meta>\n"
        "<p xml:lang=''>a</p><p xml:lang='zh-Hant-TW'>b</p></document>");
    EXPECT_EQ(where(lang.diags), (V{"1:23 source.invalid-lang", "2:4 source.invalid-lang"}));
    EXPECT_EQ(lang.diags.all()[0].message,
              "invalid xml:lang \"en_GB\"; expected a BCP 47 language tag such as en or en-GB");
    const Read two = read(wrap("") + "<document/>");
    EXPECT_EQ(where(two.diags), V{"5:1 source.malformed-xml"});
}

TEST(ReadContentErrors, Meta) {
    EXPECT_EQ(where(read("<document version='1' xml:lang='en'>\n  <p>x</p>\n</document>").diags),
              V{"1:1 source.missing-meta"});
    EXPECT_EQ(
        where(read("<document version='1' xml:lang='en'>\n<p>x</p><meta><title>T</title></meta>"
                   "</document>")
                  .diags),
        V{"2:9 source.meta-not-first"});
    EXPECT_EQ(where(read("<document version='1' xml:lang='en'>\n  <meta><author>A</author></meta>"
                         "</document>")
                        .diags),
              V{"2:3 source.missing-title"});
    EXPECT_EQ(where(read("<document version='1' xml:lang='en'><meta>\n<title> </title></meta>"
                         "</document>")
                        .diags),
              V{"2:1 source.missing-title"});
    const Read dup = read(
        "<document version='1' xml:lang='en'><meta><title>T</title>\n"
        "<title>U</title> <foo/> x <date>2023-02-29</date></meta></document>");
    EXPECT_EQ(where(dup.diags), (V{"2:1 source.duplicate-element", "2:18 source.unknown-element",
                                   "2:25 source.text-not-allowed", "2:27 source.malformed-date"}));
    EXPECT_EQ(dup.diags.all()[0].message, "duplicate <title> in <meta>; the first is on line 1");
    EXPECT_EQ(dup.diags.all()[3].message,
              "malformed date \"2023-02-29\"; expected YYYY-MM-DD, e.g. 2024-03-31");
    const Read markup = read(
        "<document version='1' xml:lang='en'><meta><title>A <em>B</em></title>"
        "<author id='x'>A</author></meta></document>");
    EXPECT_EQ(where(markup.diags),
              (V{"1:52 source.misplaced-element", "1:78 source.unknown-attribute"}));
    EXPECT_EQ(markup.diags.all()[1].message,
              "unknown attribute \"id\" on <author>; expected class or xml:lang");
}

TEST(ReadContentErrors, UnknownAndMisplacedElements) {
    const Read r = read(wrap("<section><title>S</title>\n  <foo/>\n  <li>x</li></section>"));
    EXPECT_EQ(where(r.diags), (V{"4:3 source.unknown-element", "5:3 source.misplaced-element"}));
    EXPECT_EQ(
        r.diags.all()[0].message,
        "unknown element <foo> in <section>; expected p, ul, ol, figure, figures, qr, blockquote, aside, table, "
        "contents, break or section");
    EXPECT_EQ(
        r.diags.all()[1].message,
        "element <li> is not allowed in <section>; expected p, ul, ol, figure, figures, qr, blockquote, aside, table, "
        "contents, break or section (it belongs in ul or ol)");
    const Read in_p = read(wrap("<p>a <em>b <p>c</p></em> <span>d</span></p>"));
    EXPECT_EQ(where(in_p.diags),
              (V{"3:12 source.misplaced-element", "3:26 source.unknown-element"}));
    EXPECT_EQ(in_p.diags.all()[1].message,
              "unknown element <span> in <p>; expected text, em, strong, a, ref or br");
    EXPECT_EQ(
        where(read(wrap("<figure src='a' alt='b'><p>x</p><caption/>\n<caption/></figure>")).diags),
        (V{"3:25 source.misplaced-element", "4:1 source.duplicate-element"}));
}

TEST(ReadContentErrors, UnknownAndRepeatedAttributes) {
    const Read r = read(wrap("<p\n   class='a' style=\"x\">x</p><a href='#x'/><p id='x' id='y'/>"));
    EXPECT_EQ(where(r.diags), (V{"4:14 source.unknown-attribute", "4:29 source.misplaced-element",
                                 "4:53 source.duplicate-attribute"}));
    EXPECT_EQ(r.diags.all()[0].message,
              "unknown attribute \"style\" on <p>; expected id, class or xml:lang");
    EXPECT_EQ(r.diags.all()[2].message, "duplicate attribute \"id\" on <p>");
}

TEST(ReadContentErrors, TextWhereOnlyBlocksAreAllowed) {
    const Read r = read(wrap("<section><title>S</title>\n  stray</section>\n<ul> <li/> x</ul> y"));
    EXPECT_EQ(where(r.diags), (V{"4:3 source.text-not-allowed", "5:12 source.text-not-allowed",
                                 "5:19 source.text-not-allowed"}));
    EXPECT_EQ(r.diags.all()[0].message,
              "text is not allowed directly in <section>; wrap it in <p>");
    EXPECT_EQ(r.diags.all()[1].message, "text is not allowed directly in <ul>; wrap it in <li>");
    EXPECT_EQ(r.diags.all()[2].message,
              "text is not allowed directly in <document>; wrap it in <p>");
}

TEST(ReadContentErrors, Figures) {
    const Read r =
        read(wrap("<figure src='a.png'/>\n<figure src='a.png' alt='  '/>\n<figure alt='x'/>"));
    EXPECT_EQ(where(r.diags),
              (V{"3:1 source.missing-alt", "4:21 source.missing-alt", "5:1 source.missing-src"}));
    EXPECT_EQ(r.diags.all()[0].message,
              "no alt on <figure>; describe the image for readers who cannot see it");
    EXPECT_EQ(r.diags.all()[2].message,
              "<figure> without src; give the image file, e.g. src=\"images/map.png\"");
}

TEST(ReadContentErrors, Ids) {
    const Read r =
        read(wrap("<p id='a'>x</p>\n<section id='a'><title id='1b'>S</title></section>"));
    EXPECT_EQ(where(r.diags), (V{"4:10 source.duplicate-id", "4:24 source.invalid-id"}));
    EXPECT_EQ(r.diags.all()[0].message, "duplicate id \"a\"; it is first used on line 3");
    EXPECT_EQ(r.doc->find_id("a"), r.doc->node(0).children[1]);
}

TEST(ReadContentErrors, Links) {
    const Read r =
        read(wrap("<p><a href='#later'>ok</a> <a  href='#nowhere'>bad</a> <a>no</a></p>\n"
                  "<p id='later'>x</p>"));
    EXPECT_EQ(where(r.diags), (V{"3:56 source.missing-href", "3:32 source.unknown-link-target"}));
    EXPECT_EQ(r.diags.all()[1].message, "link to \"#nowhere\", but no element has id=\"nowhere\"");
}

TEST(ReadContentErrors, Sections) {
    std::string deep = "<section><title>2</title>";
    for (int level = 3; level <= 7; ++level)
        deep += "\n<section><title>" + std::to_string(level) + "</title>";
    deep += "</section></section></section></section></section></section>";
    const Read r = read(wrap(deep));
    EXPECT_EQ(where(r.diags), V{"8:1 source.section-too-deep"});
    EXPECT_EQ(where(read(wrap("<section>\n <p>x</p><title>S</title></section>")).diags),
              (V{"3:1 source.missing-section-title", "4:10 source.misplaced-element"}));
}

TEST(ReadContentErrors, Encoding) {
    const Read bad = read(wrap("<p>ab\xC3(</p>\n<p>\xFF</p>"));
    EXPECT_EQ(where(bad.diags), (V{"3:6 source.invalid-utf8", "4:4 source.invalid-utf8"}));
    EXPECT_EQ(bad.diags.all()[1].message,
              "invalid UTF-8 (byte 0xFF); the file must be encoded in UTF-8");
    const Read astral = read(
        wrap("<p>smile \xF0\x9F\x98\x80 &#x1F600;</p>\n<figure src='a' alt='\xF0\x90\x80\x80'/>"));
    EXPECT_EQ(where(astral.diags),
              (V{"3:10 source.non-bmp", "3:4 source.non-bmp", "4:22 source.non-bmp"}));
    EXPECT_EQ(
        astral.diags.all()[0].message,
        "character U+1F600 is outside the Basic Multilingual Plane; the PDF fonts cannot show it");
    EXPECT_EQ(astral.diags.all()[2].message.substr(0, 17), "character U+10000");
}

TEST(ReadContentErrors, ReferencesPugixmlLetThrough) {
    const Read r = read(wrap("<p>a &nbsp; b &#xZZ; c & d &amp; &#233;</p>\n"
                             "<p><a href=\"?a=1&b=2\">x</a><![CDATA[&x]]></p>"));
    EXPECT_EQ(where(r.diags), (V{"3:6 source.malformed-xml", "3:15 source.malformed-xml",
                                 "3:24 source.malformed-xml", "4:17 source.malformed-xml"}));
    EXPECT_EQ(r.diags.all()[0].message,
              "malformed XML: undefined entity &nbsp;; XML defines only &amp; &lt; &gt; &quot; and "
              "&apos;, so write the character itself or a character reference");
    EXPECT_EQ(r.diags.all()[1].message,
              "malformed XML: bad character reference \"&#xZZ;\"; write &#NNNN; or &#xHHHH;");
    EXPECT_EQ(r.diags.all()[2].message, "malformed XML: a bare \"&\"; write it as &amp;");
}

TEST(ReadContentErrors, ReportsManyErrorsInOneRun) {
    const Read r = read(
        "<document version='1'>\n<meta><title>T</title><date>x</date></meta>\n"
        "<p bad='1'>x</p><figure src='a'/><foo/></document>");
    EXPECT_TRUE(r.doc);
    EXPECT_EQ(r.diags.error_count(), 5u) << ::testing::PrintToString(where(r.diags));
}

}  // namespace

namespace {

TEST(ReadContentBrochure, CoverContentsBreakAndReferences) {
    const auto r = read(
        "<document version=\"1\" xml:lang=\"en\">\n"
        "<meta><title>T</title><cover>The tagline</cover></meta>\n"
        "<contents/>\n"
        "<section id=\"s\"><title>S</title><p>See <ref to=\"s\"/>.</p></section>\n"
        "<break type=\"column\"/>\n"
        "</document>\n");
    ASSERT_TRUE(r.doc);
    EXPECT_TRUE(r.diags.all().empty()) << ::testing::PrintToString(where(r.diags));
    const Document& d = *r.doc;
    EXPECT_TRUE(d.meta.cover.present);
    EXPECT_EQ(d.meta.cover.tagline, "The tagline");
    EXPECT_EQ(d.meta.cover.location.line, 2u);
    const auto& kids = d.node(d.root()).children;
    ASSERT_EQ(kids.size(), 4u);  // title heading, contents, section, break
    EXPECT_EQ(d.node(kids[1]).kind, NodeKind::contents);
    EXPECT_EQ(d.node(kids[1]).label, "Contents");
    EXPECT_EQ(d.node(kids[3]).kind, NodeKind::explicit_break);
    EXPECT_EQ(d.node(kids[3]).text, "column");
    bool found = false;
    for (const auto& n : d.nodes) {
        if (n.kind == NodeKind::link && n.reference) {
            found = true;
            EXPECT_EQ(n.href, "#s");
            EXPECT_TRUE(n.children.empty());
        }
    }
    EXPECT_TRUE(found);
}

TEST(ReadContentBrochure, BadBreakTypeAndUnknownReferenceTarget) {
    const auto r = read(wrap("<break type=\"spread\"/>\n<p><ref to=\"nowhere\"/></p>"));
    EXPECT_EQ(where(r.diags), (std::vector<std::string>{"3:8 source.bad-break", "4:9 source.unknown-link-target"}));
}

TEST(ReadContentBrochure, ImagesOutsideTheSourceFolderNeedPermission) {
    const std::string text = wrap("<figure src=\"../x.png\" alt=\"x\"/>");
    Diagnostics diags;
    folio::xml::read_content(SourceFile("dir/test.xml", text), diags, false);
    EXPECT_EQ(where(diags), (std::vector<std::string>{"3:9 source.image-outside"}));
    Diagnostics allowed;
    folio::xml::read_content(SourceFile("dir/test.xml", text), allowed, false, true);
    EXPECT_TRUE(allowed.all().empty());
}

}  // namespace

namespace {

TEST(ReadContentBrochure, SpacesAroundAReferenceAreKept) {
    const auto r = read(wrap("<section id=\"s\"><title>S</title><p>see <ref to=\"s\"/> here</p></section>"));
    ASSERT_TRUE(r.doc);
    std::vector<std::string> texts;
    for (const auto& n : r.doc->nodes)
        if (n.kind == NodeKind::text) texts.push_back(n.text);
    EXPECT_EQ(texts, (std::vector<std::string>{"T", "S", "see ", " here"}));
}

}  // namespace

namespace {

TEST(ReadContentBrochure, ABackCoverIsAnAddressBlockOfLines) {
    const auto r = read("<document version=\"1\" xml:lang=\"en\">\n<meta><title>T</title>\n<back-cover>\n  Street 1\n  1000   City\n</back-cover></meta>\n</document>\n");
    ASSERT_TRUE(r.doc);
    EXPECT_TRUE(r.diags.all().empty());
    EXPECT_TRUE(r.doc->meta.back_cover.present);
    EXPECT_EQ(r.doc->meta.back_cover.lines, (std::vector<std::string>{"Street 1", "1000 City"}));
}

}  // namespace
