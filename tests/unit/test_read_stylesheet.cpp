// read_stylesheet: rules, selectors and declaration positions, every error with its line and
// column, and the attribute-position helper both readers use.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "xml/reader.hpp"
#include "diagnostic_list.hpp"
#include "xml/xml_util.hpp"

namespace {

using folio::core::Diagnostics;
using folio::core::SourceFile;
using folio::style::Stylesheet;
using V = std::vector<std::string>;

using folio::test::where;

struct Read {
    Diagnostics diags;
    std::optional<Stylesheet> sheet;
};

Read read(const std::string& text) {
    Read r;
    auto res = folio::xml::read_stylesheet(SourceFile("style.xml", text), r.diags);
    if (res) r.sheet = std::move(res).value();
    return r;
}

/// A valid style sheet around `body`, which starts on line 2, column 1.
std::string wrap(const std::string& body) {
    return "<stylesheet version=\"1\" name=\"t\">\n" + body + "\n</stylesheet>\n";
}

std::string at(const folio::core::SourceLocation& loc) {
    return std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

// --- rules ---

TEST(ReadStylesheet, ReadsRulesAndDeclarationsWithPositions) {
    const Read r = read(R"(<stylesheet version="1" name="brochure">
  <page size="A4" margin-top=" 22mm "/>
  <header content="{section}"
          font-size="8pt"/>
  <footer content="{page}"/>
  <!-- a comment -->
  <style match="p.lead" font-size="12pt" color="#333"/>
  <style match=".note" data-x="a match=b" font-style="italic"/>
  <style match="h2"/>
</stylesheet>)");
    ASSERT_TRUE(r.sheet);
    EXPECT_EQ(where(r.diags), V{});
    const Stylesheet& s = *r.sheet;
    EXPECT_EQ(s.path, "style.xml");
    EXPECT_EQ(s.name, "brochure");
    V selectors;
    for (const auto& rule : s.rules) selectors.push_back(rule.selector + "@" + at(rule.location));
    EXPECT_EQ(selectors,
              (V{"@page@2:3", "@header@3:3", "@footer@5:3", "p.lead@7:3", ".note@8:3", "h2@9:3"}));
    const auto decls = [&](std::size_t i) {
        V out;
        for (const auto& d : s.rules[i].declarations) {
            out.push_back(d.property + "=" + d.value + "@" + at(d.location));
        }
        return out;
    };
    EXPECT_EQ(decls(0), (V{"size=A4@2:9", "margin-top=22mm@2:19"}));
    EXPECT_EQ(decls(1), (V{"content={section}@3:11", "font-size=8pt@4:11"}));
    EXPECT_EQ(decls(3), (V{"font-size=12pt@7:25", "color=#333@7:42"}));
    EXPECT_EQ(decls(4), (V{"data-x=a match=b@8:24", "font-style=italic@8:43"}));
    EXPECT_EQ(decls(5), V{});
    EXPECT_EQ(s.rules[0].declarations[0].location.file, "style.xml");
}

TEST(ReadStylesheet, AcceptsNameClassAndNameDotClassSelectors) {
    for (const char* sel : {"p", ".lead", "p.lead", "h2", "my-class_1", "document", "A.b-C"}) {
        const Read r = read(wrap(std::string("<style match=\"") + sel + "\"/>"));
        EXPECT_EQ(where(r.diags), V{}) << sel;
        ASSERT_EQ(r.sheet->rules.size(), 1u);
        EXPECT_EQ(r.sheet->rules[0].selector, sel);
    }
}

TEST(ReadStylesheet, ReadsTheHouseStyleWithoutDiagnostics) {
    auto file = SourceFile::read(FOLIO_SOURCE_DIR "/styles/brochure.xml");
    if (!file) GTEST_SKIP() << "styles/brochure.xml does not exist yet";
    Diagnostics diags;
    const auto sheet = folio::xml::read_stylesheet(*file, diags);
    ASSERT_TRUE(sheet);
    EXPECT_EQ(where(diags), V{});
    EXPECT_EQ(sheet->name, "brochure");
    ASSERT_FALSE(sheet->rules.empty());
    EXPECT_EQ(sheet->rules[0].selector, "@page");
}

// --- errors ---

TEST(ReadStylesheetErrors, MalformedXmlIsFatal) {
    const Read r = read(wrap("<style match=\"p\">"));
    EXPECT_FALSE(r.sheet);
    EXPECT_EQ(where(r.diags), V{"3:3 style.malformed-xml"});
    EXPECT_EQ(r.diags.all()[0].message, "malformed XML: start-end tags mismatch");
}

TEST(ReadStylesheetErrors, RootAndItsAttributes) {
    const Read wrong = read("\n<styles/>");
    EXPECT_EQ(where(wrong.diags), V{"2:1 style.wrong-root"});
    EXPECT_EQ(wrong.diags.all()[0].message, "root element is <styles>; expected <stylesheet>");
    EXPECT_EQ(where(read("<stylesheet name='x'/>").diags), V{"1:1 style.missing-version"});
    const Read bad = read("<stylesheet name='x' lang='en' version='1.1'/>");
    EXPECT_EQ(where(bad.diags),
              (V{"1:22 style.unknown-attribute", "1:32 style.unsupported-version"}));
}

TEST(ReadStylesheetErrors, UnknownElementsAndText) {
    const Read r = read(wrap("<rule match='p'/>\n  text\n<style match='p' a='1'><b/></style>"));
    EXPECT_EQ(where(r.diags), (V{"2:1 style.unknown-element", "3:3 style.text-not-allowed",
                                 "4:24 style.unknown-element"}));
    EXPECT_EQ(r.diags.all()[0].message,
              "unknown element <rule> in <stylesheet>; expected style, page, header or footer");
    EXPECT_EQ(r.diags.all()[2].message,
              "unknown element <b> in <style>; expected nothing (properties are attributes)");
    ASSERT_EQ(r.sheet->rules.size(), 1u);  // the <style> is kept, its child is not
}

TEST(ReadStylesheetErrors, StyleWithoutMatch) {
    const Read r = read(wrap("<style font-size='9pt'/>"));
    EXPECT_EQ(where(r.diags), V{"2:1 style.missing-match"});
    EXPECT_EQ(r.diags.all()[0].message,
              "<style> without match; give a selector, e.g. match=\"p.lead\"");
    EXPECT_TRUE(r.sheet->rules.empty());
}

TEST(ReadStylesheetErrors, InvalidSelectors) {
    for (const char* sel :
         {"p .lead", "p.", ".", "1p", "p.a.b", "#id", "", "p:first", "-x", "p,li"}) {
        const Read r = read(wrap(std::string("<style font-size='9pt'\n  match=\"") + sel + "\"/>"));
        EXPECT_EQ(where(r.diags), V{"3:3 style.invalid-selector"}) << sel;
        EXPECT_TRUE(r.sheet->rules.empty()) << sel;
    }
    EXPECT_EQ(read(wrap("<style match='p .lead'/>")).diags.all()[0].message,
              "invalid selector \"p .lead\"; expected name, .class or name.class (a letter, then "
              "letters, digits, '-' or '_')");
}

TEST(ReadStylesheetErrors, DuplicatePageHeaderFooter) {
    const Read r =
        read(wrap("<page size='A4'/><header content='a'/><footer/>\n"
                  "<footer/>\n <page size='A5'/><header/>"));
    EXPECT_EQ(where(r.diags), (V{"3:1 style.duplicate-element", "4:2 style.duplicate-element",
                                 "4:19 style.duplicate-element"}));
    EXPECT_EQ(r.diags.all()[1].message, "duplicate <page>; the first is on line 2");
    EXPECT_EQ(r.sheet->rules.size(), 3u);
    EXPECT_EQ(r.sheet->rules[0].declarations[0].value, "A4");
}

TEST(ReadStylesheetErrors, RepeatedAttributeAndEncoding) {
    const Read r =
        read(wrap("<style match='p' color='red' color='blue'/>\n"
                  "<header content='\xF0\x9F\x98\x80' x='\xFF'/>"));
    EXPECT_EQ(where(r.diags), (V{"3:24 style.invalid-utf8", "2:30 style.duplicate-attribute",
                                 "3:18 style.non-bmp"}));
    ASSERT_EQ(r.sheet->rules.size(), 2u);
    EXPECT_EQ(r.sheet->rules[0].declarations.size(), 1u);
    EXPECT_EQ(r.sheet->rules[0].declarations[0].value, "red");
}

TEST(ReadStylesheetErrors, UndefinedEntityInAValue) {
    const Read r = read(wrap("<footer content=\"{page} &nbsp; of\"/>"));
    EXPECT_EQ(where(r.diags), V{"2:25 style.malformed-xml"});
}

// --- the attribute-position helper ---

TEST(FindAttribute, TokenizesTheStartTag) {
    using folio::xml::detail::find_attribute;
    const std::string text = R"(x <a title="x name=y" data-name='1' t="a>b" name = 'z' name="2"/>)";
    const auto name = find_attribute(text, 2, "name");
    ASSERT_TRUE(name);
    EXPECT_EQ(text.substr(name->name, 8), "name = '");
    EXPECT_EQ(text[name->value], 'z');
    const auto second = find_attribute(text, 2, "name", 1);
    ASSERT_TRUE(second);
    EXPECT_EQ(text.substr(second->name, 8), "name=\"2\"");
    EXPECT_EQ(text.substr(find_attribute(text, 2, "title")->value, 8), "x name=y");
    EXPECT_FALSE(find_attribute(text, 2, "name", 2));
    EXPECT_FALSE(find_attribute(text, 2, "a"));  // the element's own name is not an attribute
    EXPECT_FALSE(find_attribute(text, 2, "y"));
    EXPECT_FALSE(find_attribute(text, 0, "name"));  // not at a '<'
    EXPECT_FALSE(find_attribute("<a x='1'>", 0, "x2"));
    EXPECT_FALSE(find_attribute("<a x='1", 0, "y"));  // unterminated value
    EXPECT_TRUE(find_attribute("<a\n\tx\n=\n'1'/>", 0, "x"));
}

TEST(FindAttribute, GivesLineAndColumnInCharacters) {
    const SourceFile f("f.xml", "<doc>\n  <\xC3\xA9l\xC3\xA9ment attr=\"v\"/></doc>");
    const auto span = folio::xml::detail::find_attribute(f.text(), 8, "attr");
    ASSERT_TRUE(span);
    EXPECT_EQ(at(f.location(span->name)), "2:12");
}

// --- whitespace collapsing, eight bytes at a time (issue 23) ---

TEST(CollapseSpace, EqualsTheByteLoopOnEveryMixOfSpacesAndControls) {
    const auto reference = [](std::string_view s) {
        std::string out;
        bool in_space = false;
        for (const char c : s) {
            const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
            if (!(space && in_space)) out += space ? ' ' : c;
            in_space = space;
        }
        return out;
    };
    // Bytes around the fast path's tests: the four spaces, other controls, '!' (0x21, whose
    // test a space's borrow touches), UTF-8 lead and continuation bytes, DEL.
    const std::string alphabet{' ', '\t', '\n', '\r', '\x01', '\x1F', '!', 'a', '\xC3', '\xA9', '\x7F', '\x80'};
    std::uint32_t state = 12345;
    const auto next = [&] { return state = state * 1664525U + 1013904223U; };
    for (int round = 0; round < 20000; ++round) {
        std::string s(next() % 40, 'x');
        // mostly prose-like (letters and single spaces), sometimes anything
        const bool prose = next() % 2 == 0;
        for (char& c : s) c = prose && next() % 4 != 0 ? (next() % 5 == 0 ? ' ' : 'e') : alphabet[next() % alphabet.size()];
        ASSERT_EQ(folio::xml::detail::collapse_space(s), reference(s)) << "round " << round;
    }
    EXPECT_EQ(folio::xml::detail::collapse_space("abcdefg  hijklmno \n\t pqrstuvw x"), "abcdefg hijklmno pqrstuvw x");
    EXPECT_EQ(folio::xml::detail::collapse_space("1234567 \n234567 "), "1234567 234567 ");
}

}  // namespace
