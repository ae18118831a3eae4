// Unit tests of the HTML's font files (issue 20): web subsets (text/font_subset.hpp) and the
// WOFF2 container (html/woff2.hpp), read back with libwoff2's reference decoder.

#include <gtest/gtest.h>
#include <woff2/decode.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "html/woff2.hpp"
#include "text/font_subset.hpp"

namespace {

/// The table tags and bytes of an sfnt file, by tag.
std::vector<std::pair<std::string, std::string>> tables(const std::string& sfnt) {
    const auto u32 = [&](std::size_t at) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(sfnt[at])) << 24 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(sfnt[at + 1])) << 16 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(sfnt[at + 2])) << 8 |
               static_cast<unsigned char>(sfnt[at + 3]);
    };
    std::vector<std::pair<std::string, std::string>> out;
    const std::size_t n = static_cast<unsigned char>(sfnt[4]) << 8 | static_cast<unsigned char>(sfnt[5]);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t at = 12 + 16 * i;
        out.emplace_back(sfnt.substr(at, 4), sfnt.substr(u32(at + 8), u32(at + 12)));
        // The decoder computes head's checkSumAdjustment for the file it makes.
        if (out.back().first == "head" && out.back().second.size() >= 12) out.back().second.replace(8, 4, 4, '\0');
    }
    std::sort(out.begin(), out.end());
    return out;
}

void expect_round_trip(const std::string& path) {
    const std::vector<char32_t> chars{U'A', U'a', U'ő', U'Ő', U' ', U'1', U'\u201C'};
    auto sfnt = folio::text::web_font_subset(path, chars);
    ASSERT_TRUE(sfnt) << sfnt.error().message;
    auto woff2 = folio::html::sfnt_to_woff2(*sfnt);
    ASSERT_TRUE(woff2);
    EXPECT_EQ(woff2->substr(0, 4), "wOF2");
    EXPECT_EQ(woff2->size() % 4, 0u);
    EXPECT_LT(woff2->size(), sfnt->size());
    const auto* data = reinterpret_cast<const std::uint8_t*>(woff2->data());
    std::string decoded(woff2::ComputeWOFF2FinalSize(data, woff2->size()), '\0');
    woff2::WOFF2StringOut out(&decoded);
    ASSERT_TRUE(woff2::ConvertWOFF2ToTTF(data, woff2->size(), &out)) << path;
    decoded.resize(out.Size());
    // Every table comes back byte for byte (null transforms), glyf and loca included; only
    // head's whole-file checksum is the decoder's own.
    EXPECT_EQ(tables(decoded), tables(*sfnt));
}

TEST(HtmlFonts, WebSubsetsAreSmallAndRoundTripThroughWoff2) {
    expect_round_trip("/usr/share/fonts/truetype/lato/Lato-Regular.ttf");
    expect_round_trip("/usr/share/fonts/opentype/urw-base35/P052-Roman.otf");
    auto lato = folio::text::web_font_subset("/usr/share/fonts/truetype/lato/Lato-Regular.ttf", {U'A'});
    ASSERT_TRUE(lato);
    EXPECT_LT(lato->size(), 10000u) << "not a subset";
}

TEST(HtmlFonts, RefusesWhatIsNotAnSfnt) {
    EXPECT_FALSE(folio::html::sfnt_to_woff2("short"));
    EXPECT_FALSE(folio::html::sfnt_to_woff2(std::string(12, '\0')));  // no tables
    std::string bad(28, '\0');
    bad[5] = 1;   // one table ...
    bad[22] = 1;  // ... whose offset lies beyond the file
    EXPECT_FALSE(folio::html::sfnt_to_woff2(bad));
    EXPECT_FALSE(folio::text::web_font_subset("/nonexistent.ttf", {U'A'}));
}

}  // namespace
