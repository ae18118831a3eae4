// Language-specific typography (issue 20): quotation marks by language (CLDR's), French spaces
// inside guillemets, and one-letter words kept with the next word in Czech, Polish and Slovak.

#include <gtest/gtest.h>

#include "core/utf8.hpp"
#include "realize/single_letters.hpp"
#include "realized_fixture.hpp"
#include "text/quotes.hpp"
#include "text/typography.hpp"

namespace {

std::string quoted(const std::string& s, const std::string& lang) {
    std::u32string t = core::decode_utf8(s).text;
    text::smart_quotes(t, 0, t.size(), lang);
    return core::to_utf8(text::space_guillemets(t, text::quote_marks(lang)));
}

constexpr const char* smart = "<style match=\"document\" quotes=\"smart\"/>";

}  // namespace

TEST(LanguageQuotes, EachLanguageGetsItsOwnMarks) {
    EXPECT_EQ(quoted("\"a 'b' c\"", "en"), "“a ‘b’ c”");
    EXPECT_EQ(quoted("\"a 'b' c\"", "hu"), "„a »b« c”");
    EXPECT_EQ(quoted("\"a 'b' c\"", "de"), "„a ‚b‘ c“");
    EXPECT_EQ(quoted("\"a 'b' c\"", "de-AT"), "„a ‚b‘ c“");
    EXPECT_EQ(quoted("\"a 'b' c\"", "de-CH"), "«a ‹b› c»");
    EXPECT_EQ(quoted("\"a 'b' c\"", "cs"), "„a ‚b‘ c“");
    EXPECT_EQ(quoted("\"a 'b' c\"", "pl"), "„a «b» c”");
    EXPECT_EQ(quoted("\"a 'b' c\"", "ru"), "«a „b“ c»");
    EXPECT_EQ(quoted("\"a 'b' c\"", "it"), "«a “b” c»");
    EXPECT_EQ(quoted("\"a 'b' c\"", "sv"), "”a ’b’ c”");
    EXPECT_EQ(quoted("\"a\"", "tlh"), "“a”");  // no entry: English
    EXPECT_EQ(quoted("l'homme", "fr"), "l’homme");  // the apostrophe is the same everywhere
}

TEST(LanguageQuotes, FrenchGuillemetsHoldNarrowNoBreakSpaces) {
    EXPECT_EQ(quoted("Il dit \"oui\".", "fr"), "Il dit «\u202Foui\u202F».");
    EXPECT_EQ(quoted("Il dit « oui ».", "fr-FR"), "Il dit «\u202Foui\u202F».");  // typed spaces become narrow
    EXPECT_EQ(quoted("Il dit \"oui\".", "fr-CH"), "Il dit «oui».");  // Swiss usage: none
    EXPECT_EQ(quoted("«oui»", "de-CH"), "«oui»");
}

TEST(LanguageQuotes, RealizeQuotesEachParagraphInItsLanguage) {
    const Realized x("<p xml:lang=\"de\">Er sagte \"ja\".</p><p xml:lang=\"fr\">Il dit \"oui\".</p>"
                     "<p>She said \"yes\".</p>",
                     smart);
    EXPECT_EQ(x.r.text(x.text_node("Er sagte \"ja\".")), "Er sagte „ja“.");
    EXPECT_EQ(x.r.text(x.text_node("Il dit \"oui\".")), "Il dit «\u202Foui\u202F».");
    EXPECT_EQ(x.r.text(x.text_node("She said \"yes\".")), "She said “yes”.");
    EXPECT_TRUE(x.diags.all().empty());
}

TEST(SingleLetters, OneLetterWordsAreBoundToTheNextWord) {
    EXPECT_EQ(realize::bind_single_letters(U"Jdu v lese a k řece."), U"Jdu v\u00A0lese a\u00A0k\u00A0řece.");
    EXPECT_EQ(realize::bind_single_letters(U"V Praze i z Brna"), U"V\u00A0Praze i\u00A0z\u00A0Brna");
    EXPECT_EQ(realize::bind_single_letters(U"(a b) „o c“"), U"(a\u00A0b) „o\u00A0c“");
    EXPECT_EQ(realize::bind_single_letters(U"bod 5 a x. y"), U"bod 5 a\u00A0x. y");  // digits, "x." are no words
    EXPECT_EQ(realize::bind_single_letters(U"ends in a"), U"ends in a");
    EXPECT_TRUE(realize::binds_single_letters(2, "cs-CZ"));
    EXPECT_TRUE(realize::binds_single_letters(2, "pl"));
    EXPECT_TRUE(realize::binds_single_letters(2, "sk"));
    EXPECT_FALSE(realize::binds_single_letters(2, "en"));
    EXPECT_TRUE(realize::binds_single_letters(1, "en"));
    EXPECT_FALSE(realize::binds_single_letters(0, "cs"));
}

TEST(SingleLetters, TheStylePropertyAsksForIt) {
    const std::string body = "<p xml:lang=\"cs\">Byl v Praze a v Brně.</p><p xml:lang=\"en\">I saw a cat.</p>";
    const Realized none(body, "");
    EXPECT_EQ(none.r.text(none.text_node("Byl v Praze a v Brně.")), "Byl v Praze a v Brně.");
    const Realized automatic(body, "<style match=\"document\" single-letter-words=\"auto\"/>");
    EXPECT_EQ(automatic.r.text(automatic.text_node("Byl v Praze a v Brně.")), "Byl v\u00A0Praze a\u00A0v\u00A0Brně.");
    EXPECT_EQ(automatic.r.text(automatic.text_node("I saw a cat.")), "I saw a cat.");  // English: untouched
    const Realized always(body, "<style match=\"p\" single-letter-words=\"keep-with-next\"/>");
    EXPECT_EQ(always.r.text(always.text_node("I saw a cat.")), "I\u00A0saw a\u00A0cat.");
    EXPECT_TRUE(always.diags.all().empty());
}
