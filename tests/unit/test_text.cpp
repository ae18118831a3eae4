#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "text/font_set.hpp"

using namespace folio;

TEST(FontSet, ResolvesFamiliesWeightsAndStylesThroughFontconfig) {
    text::FontSet fonts;
    auto regular = fonts.resolve("Lato", 400, false);
    auto black = fonts.resolve("Lato", 900, false);
    auto italic = fonts.resolve("Lato", 400, true);
    ASSERT_TRUE(regular) << regular.error().message;
    ASSERT_TRUE(black);
    ASSERT_TRUE(italic);
    EXPECT_NE(*regular, *black);
    EXPECT_NE(*regular, *italic);
    EXPECT_NE(fonts.faces()[*black].path.find("Lato-Black.ttf"), std::string::npos);
    EXPECT_TRUE(fonts.faces()[*italic].italic);
    // Asking again gives the same face, not a second copy.
    EXPECT_EQ(*fonts.resolve("Lato", 400, false), *regular);
    EXPECT_EQ(fonts.faces().size(), 3u);
}

TEST(FontSet, UnknownFamilyNamesTheClosestInstalledOnes) {
    text::FontSet fonts;
    auto r = fonts.resolve("Latoo", 400, false);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("unknown font family 'Latoo'"), std::string::npos);
    EXPECT_NE(r.error().message.find("Lato"), std::string::npos);
}

TEST(FontSet, WidthsAreTruncatedThousandthsAsInThePdf) {
    text::FontSet fonts;
    auto id = fonts.resolve("Lato", 400, false);
    ASSERT_TRUE(id);
    // Lato has 2000 units per em; widths are whole thousandths, so they match the PDF /W array.
    EXPECT_GT(fonts.advance(*id, U'm'), fonts.advance(*id, U'i'));
    EXPECT_TRUE(fonts.has_glyph(*id, U'ő'));
    EXPECT_TRUE(fonts.has_glyph(*id, U'“'));
    EXPECT_FALSE(fonts.has_glyph(*id, U'\u4E2D'));  // CJK is not in Lato
    EXPECT_EQ(fonts.advance(*id, U'\u4E2D'), 0);
    const auto vm = fonts.vertical(*id);
    EXPECT_GT(vm.ascent, 0);
    EXPECT_LT(vm.descent, 0);
}

TEST(LoadFace, RefusesFilesThatAreNotTrueTypeFontsAndNamesThem) {
    const auto dir = std::filesystem::temp_directory_path() / "folio-test-text";
    std::filesystem::create_directories(dir);
    const auto junk = (dir / "junk.ttf").string();
    std::ofstream(junk) << "this is not a font";
    auto r = text::load_face(junk);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().location.file, junk);
    // Through a FontSet the file is in the message and the position is left to the caller, who
    // gives that of the style sheet declaration (issue 16).
    text::FontSet fonts;
    auto resolved = fonts.resolve(junk, 400, false);
    ASSERT_FALSE(resolved);
    EXPECT_EQ(resolved.error().message,
              "font file " + junk + ": cannot be opened: it is missing, unreadable, damaged or not a font file; "
              "name an installed family, or an OpenType (.otf) or TrueType (.ttf) file");
    EXPECT_TRUE(resolved.error().location.file.empty());

    // A real font cut in half must not reach libharu.
    const auto cut = (dir / "cut.ttf").string();
    {
        std::ifstream in("/usr/share/fonts/truetype/lato/Lato-Regular.ttf", std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(cut, std::ios::binary) << bytes.substr(0, 2000);
    }
    EXPECT_FALSE(text::load_face(cut));
    EXPECT_FALSE(text::load_face((dir / "absent.ttf").string()));
}
