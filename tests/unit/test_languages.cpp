#include <gtest/gtest.h>

#include <set>
#include <string>

#include "xml/languages.hpp"

using folio::xml::languages_named;

TEST(LanguagesNamed, FindsEveryQuotedXmlLangValue) {
    const std::string text = R"(<document xml:lang="en"><p xml:lang = 'hu'>x</p><p xml:lang="de-AT"/></document>)";
    EXPECT_EQ(languages_named(text), (std::set<std::string>{"en", "hu", "de-AT"}));
}

TEST(LanguagesNamed, SkipsWhatIsNoAttributeValue) {
    EXPECT_TRUE(languages_named("xml:lang").empty());
    EXPECT_TRUE(languages_named("xml:lang=en").empty());            // unquoted
    EXPECT_TRUE(languages_named("xml:lang=\"en").empty());          // never closed
    EXPECT_TRUE(languages_named("xml:lang=\"" + std::string(36, 'a') + "\"").empty());  // too long
    EXPECT_EQ(languages_named("xml:lang=\"" + std::string(35, 'a') + "\"").size(), 1u);
}

TEST(LanguagesNamed, IsLinearOnAnUnclosedValueRepeated) {
    // Each unclosed value is looked at only as far as the longest tag: 100,000 of them in a
    // 5-megabyte line take milliseconds, not the quadratic scan to the end each time.
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "xml:lang=\"" + std::string(40, 'a');
    EXPECT_TRUE(languages_named(text).empty());
}
