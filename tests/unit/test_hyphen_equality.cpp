// The compiled, mapped dictionaries hyphenate exactly as libhyphen does: every word of a large
// list (the patterns' own fragments, alone and glued into compounds, and the words of the shipped
// sources) gets the same break values and the same non-standard marks from hyph::hyphenate as
// from hnj_hyphen_hyphenate3 on the dictionary libhyphen loads from the same file.

#include <gtest/gtest.h>
#include <hyphen.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "text/hyph_image.hpp"

using namespace folio::text;

namespace {

const std::string dir = "/usr/share/hyphen/";

/// The letter strings of a pattern file's patterns (digits, dots and replacements removed).
std::vector<std::string> fragments(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> out;
    std::string line;
    std::getline(in, line);  // the charset
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '%' || (line[0] >= 'A' && line[0] <= 'Z')) continue;
        std::string f;
        for (char c : line) {
            if (c == '/' || c == ' ' || c == '\r' || c == '\t') break;
            if ((c >= '0' && c <= '9') || c == '.') continue;
            f.push_back(c);
        }
        if (!f.empty()) out.push_back(f);
    }
    return out;
}

/// Lower-case words of a UTF-8 text file (ASCII letters and everything non-ASCII).
void words_of_file(const std::string& path, std::vector<std::string>& out) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string w;
    for (char c : ss.str() + " ") {
        const auto u = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || u >= 0x80) w.push_back(c);
        else if (c >= 'A' && c <= 'Z') w.push_back(static_cast<char>(c + 32));
        else {
            if (w.size() >= 3 && (static_cast<unsigned char>(w[0]) >> 6) != 2) out.push_back(w);
            w.clear();
        }
    }
}

/// The test list: fragments, pairs and triples of fragments (deterministic), and `extra`.
std::vector<std::string> word_list(const std::string& path, std::size_t compounds, std::vector<std::string> extra) {
    const std::vector<std::string> f = fragments(path);
    std::vector<std::string> out;
    const std::size_t stride = f.size() / 12000 + 1;  // at most ~12,000 fragments a language
    for (std::size_t i = 0; i < f.size(); i += stride) {
        if (f[i].size() >= 3) out.push_back(f[i]);
    }
    std::uint64_t seed = 20;
    const auto next = [&seed, &f] {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        return f[(seed >> 33) % f.size()];
    };
    for (std::size_t i = 0; i < compounds; ++i) {
        std::string w = next() + next();
        if (i % 3 == 0) w += next();
        out.push_back(w);
    }
    for (auto& w : extra) out.push_back(std::move(w));
    return out;
}

struct DictFree {
    void operator()(HyphenDict* d) const { hnj_hyphen_free(d); }
};

/// libhyphen's verdict on one word: per character, "o" (odd, standard), "n" (non-standard) or ".".
std::string libhyphen_marks(HyphenDict* d, const std::string& w, int lh, int rh, std::size_t chars) {
    std::vector<char> hyphens(w.size() + 5, '0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    hnj_hyphen_hyphenate3(d, w.c_str(), static_cast<int>(w.size()), hyphens.data(), nullptr, &rep, &pos, &cut, lh, rh,
                          lh, rh);
    std::string out;
    for (std::size_t i = 0; i < chars; ++i) {
        const bool ns = rep != nullptr && rep[i] != nullptr;
        out.push_back(ns ? 'n' : (hyphens[i] - '0') % 2 != 0 ? 'o' : '.');
    }
    if (rep != nullptr) {
        for (std::size_t i = 0; i < w.size(); ++i) std::free(rep[i]);
        std::free(rep);
    }
    std::free(pos);
    std::free(cut);
    return out;
}

/// The same from the compiled image.
std::string image_marks(const hyph::Dictionary& d, const std::string& w, int lh, int rh, std::size_t chars) {
    std::vector<char> hyphens;
    std::vector<bool> ns;
    EXPECT_TRUE(hyph::hyphenate(d, w.c_str(), static_cast<int>(w.size()), hyphens, ns, lh, rh, lh, rh));
    std::string out;
    for (std::size_t i = 0; i < chars; ++i) out.push_back(ns[i] ? 'n' : (hyphens[i] - '0') % 2 != 0 ? 'o' : '.');
    return out;
}

/// Compares every word of `words` under a few minimum settings; returns how many breaks agreed.
std::size_t compare(const std::string& file, const std::vector<std::string>& words) {
    const std::string path = dir + file;
    const auto key = hyph::key_of(path);
    EXPECT_TRUE(key.has_value()) << path;
    if (!key) return 0;
    const std::unique_ptr<HyphenDict, DictFree> lib(hnj_hyphen_load(path.c_str()));
    const std::optional<std::string> bytes = hyph::compile(path, *key);
    EXPECT_TRUE(lib && bytes) << path;
    if (!lib || !bytes) return 0;
    const std::unique_ptr<std::uint64_t[]> aligned(new std::uint64_t[(bytes->size() + 7) / 8]);
    std::memcpy(aligned.get(), bytes->data(), bytes->size());
    const auto d = hyph::open(std::string_view(reinterpret_cast<const char*>(aligned.get()), bytes->size()), *key);
    EXPECT_TRUE(d.has_value()) << path;
    if (!d) return 0;
    std::size_t breaks = 0, differ = 0;
    for (const std::string& w : words) {
        if (w.size() > 100) continue;
        std::size_t chars = 0;
        for (char c : w) chars += !lib->utf8 || (static_cast<unsigned char>(c) >> 6) != 2;
        for (const auto& [lh, rh] : {std::pair{2, 3}, std::pair{2, 2}, std::pair{1, 1}, std::pair{3, 4}}) {
            const std::string want = libhyphen_marks(lib.get(), w, lh, rh, chars);
            const std::string got = image_marks(*d, w, lh, rh, chars);
            if (want != got && ++differ <= 10) ADD_FAILURE() << file << " '" << w << "' " << lh << "/" << rh << ": libhyphen " << want << ", image " << got;
            for (char c : want) breaks += c != '.';
        }
    }
    EXPECT_EQ(differ, 0u) << file;
    return breaks;
}

}  // namespace

TEST(HyphenEquality, EnglishMatchesLibhyphenOnThousandsOfWords) {
    std::vector<std::string> extra;
    words_of_file(FOLIO_SOURCE_DIR "/source/iom-budapest.xml", extra);
    words_of_file(FOLIO_SOURCE_DIR "/source/feature-sampler.xml", extra);
    const auto words = word_list(dir + "hyph_en_US.dic", 4000, extra);
    EXPECT_GT(words.size(), 10000u);
    EXPECT_GT(compare("hyph_en_US.dic", words), 10000u);  // the list really breaks
}

TEST(HyphenEquality, HungarianMatchesLibhyphenWithCompoundsAndNonStandardBreaks) {
    std::vector<std::string> extra = {"asszonnyal", "tükörfúrógép", "együttműködés", "kecskeméti", "vasúttársaság",
                                      "hosszúra", "meggyes", "összeggyel", "árvíztűrő", "Magyarországon"};
    words_of_file(FOLIO_SOURCE_DIR "/source/feature-sampler.xml", extra);
    const auto words = word_list(dir + "hyph_hu_HU.dic", 6000, extra);
    EXPECT_GT(words.size(), 15000u);
    EXPECT_GT(compare("hyph_hu_HU.dic", words), 20000u);
}

TEST(HyphenEquality, EightBitAndOtherScriptsMatchLibhyphen) {
    // Croatian and Slovenian (ISO 8859-2, two levels of their own), Catalan and French (UTF-8, two
    // levels, non-standard l·l), Czech, Polish, Russian (KOI8-R), Greek (8859-7), Dutch (8859-1)
    // and Ukrainian: fewer words each, the same exactness. (German has the same format as Dutch
    // but libhyphen takes seconds to parse it, too slow for a unit test.)
    for (const char* file : {"hyph_hr_HR.dic", "hyph_sl_SI.dic", "hyph_ca_ES.dic", "hyph_fr.dic", "hyph_cs_CZ.dic",
                             "hyph_pl_PL.dic", "hyph_ru_RU.dic", "hyph_el_GR.dic", "hyph_nl_NL.dic",
                             "hyph_uk_UA.dic"}) {
        const auto words = word_list(dir + file, 800, {});
        EXPECT_GT(compare(file, words), 100u) << file;
    }
}
