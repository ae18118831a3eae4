// Soft hyphens in the HTML (issue 20): folio's hyphenation points as U+00AD, and nothing else of
// the text changed.

#include <gtest/gtest.h>

#include "html/soft_hyphens.hpp"

using folio::html::with_soft_hyphens;

namespace {
std::string shown(std::string s) {  // U+00AD as '|', to read the expectations
    for (std::size_t at; (at = s.find("\u00AD")) != std::string::npos;) s.replace(at, 2, "|");
    return s;
}
}  // namespace

TEST(SoftHyphens, AtTheHyphenatorsPointsInEachWord) {
    const folio::text::Hyphenator hyphenator;
    ASSERT_TRUE(hyphenator.has_patterns("en")) << "hyphen-en-us is not installed";
    const std::string in = "The international organisation,  in\u00A0Budapest.";
    const std::string out = with_soft_hyphens(in, "en", hyphenator);
    // every point the Hyphenator gives (three letters after the last: not "tion|al"), and only them
    EXPECT_EQ(shown(out), "The in|ter|na|tional or|gan|i|sa|tion,  in\u00A0Bu|da|pest.");
    std::string stripped = out;
    for (std::size_t at; (at = stripped.find("\u00AD")) != std::string::npos;) stripped.erase(at, 2);
    EXPECT_EQ(stripped, in);
}

TEST(SoftHyphens, AuthorsSoftHyphensUrlsAndNumbersAreLeftAlone) {
    const folio::text::Hyphenator hyphenator;
    for (const char* same : {"inter\u00ADnational", "https://www.international.org/organisation", "1234567890",
                             "x@international.org", "", "   "}) {
        EXPECT_EQ(with_soft_hyphens(same, "en", hyphenator), same);
    }
    EXPECT_EQ(with_soft_hyphens("international", "xx", hyphenator), "international");  // no patterns
    EXPECT_EQ(with_soft_hyphens(std::string("inter\xff national"), "en", hyphenator), "inter\xff national");
}
