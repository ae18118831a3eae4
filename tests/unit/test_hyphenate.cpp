#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "core/utf8.hpp"
#include "text/hyphenate.hpp"

using namespace folio;

namespace {

/// A Hyphenator whose compiled dictionaries persist between test runs (in the temporary folder;
/// each image is checked against its pattern file, so sharing it is safe).
text::Hyphenator cached() {
    return text::Hyphenator("/usr/share/hyphen", (std::filesystem::temp_directory_path() / "folio-test-hyphen").string());
}

/// The word with '-' at each hyphenation point, for readable expectations.
std::string hyphenated(const text::Hyphenator& h, const std::string& word, const std::string& lang,
                       std::size_t left_min = 2, std::size_t right_min = 3) {
    const std::u32string w = core::decode_utf8(word).text;
    std::u32string out;
    std::size_t prev = 0;
    for (std::size_t p : h.points(w, lang, left_min, right_min)) {
        EXPECT_GT(p, prev) << word;
        out.append(w, prev, p - prev);
        out.push_back(U'-');
        prev = p;
    }
    out.append(w, prev, std::u32string::npos);
    return core::to_utf8(out);
}

}  // namespace

TEST(Hyphenator, EnglishWordsFollowTheUsPatterns) {
    const text::Hyphenator h = cached();
    EXPECT_EQ(hyphenated(h, "hyphenation", "en"), "hy-phen-ation");
    EXPECT_EQ(hyphenated(h, "organization", "en-US"), "or-ga-ni-za-tion");
    EXPECT_EQ(hyphenated(h, "international", "en-GB"), "in-ter-na-tional");  // (the British patterns)
    EXPECT_EQ(hyphenated(h, "migration", "EN"), "mi-gra-tion");
}

TEST(Hyphenator, CapitalsHyphenateLikeLowerCase) {
    const text::Hyphenator h = cached();
    EXPECT_EQ(hyphenated(h, "Hyphenation", "en"), "Hy-phen-ation");
    EXPECT_EQ(hyphenated(h, "HYPHENATION", "en"), "HY-PHEN-ATION");
    EXPECT_EQ(hyphenated(h, "TÜKÖRFÚRÓGÉP", "hu"), "TÜ-KÖR-FÚ-RÓ-GÉP");
}

TEST(Hyphenator, HungarianPositionsCountCharactersNotBytes) {
    const text::Hyphenator h = cached();
    EXPECT_EQ(hyphenated(h, "tükörfúrógép", "hu"), "tü-kör-fú-ró-gép");
    EXPECT_EQ(hyphenated(h, "szervezet", "hu-HU"), "szer-ve-zet");
    EXPECT_EQ(hyphenated(h, "migrációs", "hu"), "mig-rá-ciós");  // "ós" is below the right minimum
    EXPECT_EQ(hyphenated(h, "együttműködés", "hu"), "együtt-mű-kö-dés");
    EXPECT_EQ(hyphenated(h, "Magyarországon", "hu"), "Ma-gyar-or-szá-gon");
}

TEST(Hyphenator, NonStandardHungarianBreaksAreLeftOut) {
    // "asszonnyal" hyphenates as "asz-szony-nyal", which changes the letters; folio only breaks
    // where the word stays as written.
    const text::Hyphenator h = cached();
    EXPECT_EQ(hyphenated(h, "asszonnyal", "hu"), "asszonnyal");
}

TEST(Hyphenator, MinimumFragmentsAreHonoured) {
    const text::Hyphenator h = cached();
    for (std::size_t p : h.points(U"hyphenation", "en")) {
        EXPECT_GE(p, 2u);
        EXPECT_GE(11 - p, 3u);
    }
    EXPECT_EQ(hyphenated(h, "hyphenation", "en", 3, 3), "hyphen-ation");
    EXPECT_EQ(hyphenated(h, "hyphenation", "en", 2, 5), "hy-phen-ation");  // "ation" is 5
    EXPECT_EQ(hyphenated(h, "hyphenation", "en", 2, 6), "hy-phenation");
    EXPECT_EQ(hyphenated(h, "table", "en"), "ta-ble");
    EXPECT_EQ(hyphenated(h, "table", "en", 2, 4), "table");
    EXPECT_TRUE(h.points(U"cat", "en").empty());
}

TEST(Hyphenator, PunctuationAroundAWordIsIgnoredAndPositionsMapBack) {
    const text::Hyphenator h = cached();
    EXPECT_EQ(hyphenated(h, "(hyphenation),", "en"), "(hy-phen-ation),");
    EXPECT_EQ(hyphenated(h, "“organization.”", "en"), "“or-ga-ni-za-tion.”");
    EXPECT_EQ(hyphenated(h, "„szervezet”", "hu"), "„szer-ve-zet”");
    // A hyphenated compound hyphenates each part; the explicit hyphen is not a point.
    EXPECT_EQ(hyphenated(h, "counter-trafficking", "en"), "counter-traf-fick-ing");
}

TEST(Hyphenator, WordsWithDigitsAddressesAndUrlsAreNotHyphenated) {
    const text::Hyphenator h = cached();
    EXPECT_TRUE(h.points(U"organization2023", "en").empty());
    EXPECT_TRUE(h.points(U"2023", "en").empty());
    EXPECT_TRUE(h.points(U"information@iom.int", "en").empty());
    EXPECT_TRUE(h.points(U"https://publications.iom.int", "en").empty());
    EXPECT_TRUE(h.points(U"publications/international", "en").empty());
}

TEST(Hyphenator, AnUnknownLanguageGivesNothing) {
    const text::Hyphenator h = cached();
    EXPECT_TRUE(h.points(U"hyphenation", "tlh").empty());  // Klingon: no patterns
    EXPECT_TRUE(h.points(U"hyphenation", "").empty());
    EXPECT_TRUE(h.points(U"hyphenation", "x-private").empty());
    EXPECT_FALSE(h.has_patterns("tlh"));
    EXPECT_EQ(h.dictionary_for("en"), "hyph_en.dic");
    EXPECT_EQ(h.dictionary_for("en-GB"), "hyph_en_GB.dic");
    EXPECT_EQ(h.dictionary_for("hu_HU"), "hyph_hu_HU.dic");
    EXPECT_EQ(h.dictionary_for("tlh"), "");
}

TEST(Hyphenator, EveryDebianLanguageIsFoundByItsTagWithFallbacks) {
    const text::Hyphenator h = cached();
    EXPECT_EQ(h.dictionary_for("de"), "hyph_de.dic");
    EXPECT_EQ(h.dictionary_for("de-AT"), "hyph_de_AT.dic");
    EXPECT_EQ(h.dictionary_for("de-CH-1996"), "hyph_de_CH.dic");
    EXPECT_EQ(h.dictionary_for("de-IT"), "hyph_de.dic");  // no such region: the language
    EXPECT_EQ(h.dictionary_for("fr-CA"), "hyph_fr_CA.dic");
    EXPECT_EQ(h.dictionary_for("pt-BR"), "hyph_pt_BR.dic");
    EXPECT_EQ(h.dictionary_for("pt"), "hyph_pt.dic");
    EXPECT_EQ(h.dictionary_for("no"), "hyph_nb_NO.dic");
    EXPECT_EQ(h.dictionary_for("nb"), "hyph_nb_NO.dic");
    EXPECT_EQ(h.dictionary_for("nn-NO"), "hyph_nn_NO.dic");
    EXPECT_EQ(h.dictionary_for("sr"), "hyph_sr_RS.dic");
    EXPECT_EQ(h.dictionary_for("sr-Latn"), "hyph_sr-Latn_RS.dic");
    EXPECT_EQ(h.dictionary_for("sr-latn-rs"), "hyph_sr-Latn_RS.dic");
    EXPECT_EQ(h.dictionary_for("sh"), "hyph_sr-Latn_RS.dic");
    EXPECT_EQ(h.dictionary_for("pl"), "hyph_pl_PL.dic");
    EXPECT_EQ(h.dictionary_for("sv"), "hyph_sv_SE.dic");
    EXPECT_EQ(h.dictionary_for("ru"), "hyph_ru_RU.dic");
    EXPECT_EQ(h.dictionary_for("el"), "hyph_el.dic");
    EXPECT_EQ(h.dictionary_for("CS_cz"), "hyph_cs_CZ.dic");
    for (const char* lang : {"de", "fr", "it", "es", "pt", "nl", "pl", "cs", "sk", "ro", "hr", "sl", "sv", "da", "nb",
                             "el", "ru", "uk", "bg", "ca", "et", "lt", "lv", "is", "id", "af", "gl", "be", "th"}) {
        EXPECT_FALSE(h.dictionary_for(lang).empty()) << lang;
    }
    for (const char* lang : {"it", "es", "sk", "ro", "bg"}) EXPECT_TRUE(h.has_patterns(lang)) << lang;
}

TEST(Hyphenator, EightBitAndNonLatinDictionariesHyphenate) {
    const text::Hyphenator h = cached();
    EXPECT_EQ(hyphenated(h, "Silbentrennung", "de"), "Sil-ben-tren-nung");
    EXPECT_EQ(hyphenated(h, "Übersetzungsprogramm", "de-AT"), "Über-set-zungs-pro-gramm");
    EXPECT_EQ(hyphenated(h, "déménagement", "fr"), "dé-mé-na-ge-ment");
    EXPECT_EQ(hyphenated(h, "příležitost", "cs"), "pří-leži-tost");
    EXPECT_EQ(hyphenated(h, "переносы", "ru"), "пе-ре-носы");  // "сы" is below the right minimum
    EXPECT_EQ(hyphenated(h, "ΠΡΟΓΡΑΜΜΑ", "el"), "ΠΡΟ-ΓΡΑΜΜΑ");
    EXPECT_EQ(hyphenated(h, "informacja", "pl"), "in-for-ma-cja");
}

TEST(Hyphenator, AMissingDictionaryDirectoryGivesNothing) {
    const text::Hyphenator h("/nonexistent/folio-hyphen");
    EXPECT_TRUE(h.points(U"hyphenation", "en").empty());
    EXPECT_TRUE(h.points(U"hyphenation", "en").empty());  // the failed load is remembered
}

TEST(Hyphenator, BothLanguagesLoadSideBySideAndMove) {
    text::Hyphenator h = cached();
    EXPECT_FALSE(h.points(U"hyphenation", "en").empty());
    EXPECT_FALSE(h.points(U"szervezet", "hu").empty());
    text::Hyphenator moved(std::move(h));
    EXPECT_EQ(hyphenated(moved, "hyphenation", "en"), "hy-phen-ation");
}

TEST(Hyphenator, PatternsLoadedOnAnotherThreadServeEveryThread) {
    // A render preloads the patterns beside its reading, and layout asks from several threads.
    const text::Hyphenator h = cached();
    std::thread preloading([&h] {
        h.preload("hu");
        h.preload("en");
        h.preload("xx");  // no dictionary: nothing happens
    });
    std::vector<std::string> got(4);
    std::vector<std::thread> askers;
    for (std::size_t t = 0; t < got.size(); ++t) {
        askers.emplace_back([&, t] { got[t] = hyphenated(h, t % 2 ? "organization" : "hyphenation", "en"); });
    }
    for (auto& a : askers) a.join();
    preloading.join();
    for (std::size_t t = 0; t < got.size(); ++t) EXPECT_EQ(got[t], t % 2 ? "or-ga-ni-za-tion" : "hy-phen-ation");
    EXPECT_EQ(hyphenated(h, "kecskeméti", "hu"), hyphenated(text::Hyphenator(), "kecskeméti", "hu"));
}
