// Unit tests of the CFF font programs (pdf/font_programs_cff.cpp): P052's subset, its CIDs,
// widths and encoding CMap (issue 20).

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <string>
#include <vector>

#include "pdf/font_programs.hpp"
#include "text/font_set.hpp"

namespace {

using folio::pdf::FontProgramRequest;

const std::string p052 = "/usr/share/fonts/opentype/urw-base35/P052-Roman.otf";

std::string inflated(const std::string& z) {
    std::string out(z.size() * 16 + 4096, '\0');
    uLongf length = out.size();
    if (uncompress(reinterpret_cast<Bytef*>(out.data()), &length, reinterpret_cast<const Bytef*>(z.data()),
                   z.size()) != Z_OK)
        return "";
    out.resize(length);
    return out;
}

TEST(CffProgram, RecognisesCffFilesByTheirTag) {
    EXPECT_TRUE(folio::pdf::is_cff_font_file(p052));
    EXPECT_FALSE(folio::pdf::is_cff_font_file("/usr/share/fonts/truetype/lato/Lato-Regular.ttf"));
    EXPECT_FALSE(folio::pdf::is_cff_font_file("/nonexistent.otf"));
}

TEST(CffProgram, SubsetsToTheDrawnGlyphsNumberedAsCids) {
    // H, o, o-double-acute, a character P052 lacks (CJK).
    FontProgramRequest request{p052, {{U'H', 0}, {U'o', 0}, {U'ő', 0}, {U'\u4E2D', 0}}, true};
    auto program = folio::pdf::make_font_program(request);
    ASSERT_TRUE(program) << program.error().message;
    ASSERT_TRUE(program->cff);
    const auto& cff = *program->cff;
    // A bare CFF table: version 1.0, header size 4.
    const std::string bytes = inflated(program->font_file);
    ASSERT_EQ(bytes.size(), program->font_length);
    ASSERT_GE(bytes.size(), 4u);
    EXPECT_EQ(bytes[0], 1);
    EXPECT_EQ(bytes[2], 4);
    EXPECT_LT(bytes.size(), 20000u) << "not a subset";
    // .notdef, H, o, ő (and any accent glyphs it is built from): a handful of CIDs with widths.
    ASSERT_GE(cff.widths.size(), 4u);
    EXPECT_LE(cff.widths.size(), 8u);
    // The encoding maps each drawn code point the face has to a CID, and nothing else.
    const std::string cmap = inflated(cff.encoding);
    EXPECT_NE(cmap.find("3 begincidchar\n<0048> "), std::string::npos) << cmap;
    EXPECT_NE(cmap.find("<006F> "), std::string::npos);
    EXPECT_NE(cmap.find("<0151> "), std::string::npos);
    EXPECT_EQ(cmap.find("<4E2D>"), std::string::npos);
    // Each CID's width is the one layout measured for its code point.
    const auto face = folio::text::load_face(p052);
    ASSERT_TRUE(face);
    for (char32_t cp : {U'H', U'o', U'ő'}) {
        char code[8];
        std::snprintf(code, sizeof code, "<%04X> ", static_cast<unsigned>(cp));
        const auto at = cmap.find(code);
        ASSERT_NE(at, std::string::npos);
        const auto cid = static_cast<std::size_t>(std::stoul(cmap.substr(at + 7)));
        ASSERT_LT(cid, cff.widths.size());
        EXPECT_EQ(cff.widths[cid], face->advances[cp]) << code;
    }
    EXPECT_NE(cmap.find("/CMapName /" + cff.cmap_name + " def"), std::string::npos);
    EXPECT_EQ(cff.base_font.size(), 6 + 1 + std::string("P052-Roman").size());
    EXPECT_EQ(cff.base_font.substr(6), "+P052-Roman");
    EXPECT_GT(cff.ascent, 0);
    EXPECT_LT(cff.descent, 0);
    EXPECT_GT(cff.cap_height, 600);
    EXPECT_LT(cff.bbox[0], cff.bbox[2]);
    EXPECT_FALSE(cff.italic);
    // The same request gives the same bytes and tag; other text another tag.
    auto again = folio::pdf::make_font_program(request);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->font_file, program->font_file);
    EXPECT_EQ(again->cff->base_font, cff.base_font);
    FontProgramRequest other{p052, {{U'H', 0}}, true};
    auto small = folio::pdf::make_font_program(other);
    ASSERT_TRUE(small);
    EXPECT_NE(small->cff->base_font, cff.base_font);
}

TEST(CffProgram, ItalicFacesSayTheyAre) {
    auto program = folio::pdf::make_font_program(
        {"/usr/share/fonts/opentype/urw-base35/P052-Italic.otf", {{U'a', 0}}, true});
    ASSERT_TRUE(program);
    EXPECT_TRUE(program->cff->italic);
    EXPECT_LT(program->cff->italic_angle, 0);
}

TEST(CffProgram, ABrokenFileIsAnErrorNamingIt) {
    auto program = folio::pdf::make_font_program({"/nonexistent.otf", {{U'a', 0}}, true});
    ASSERT_FALSE(program);
    EXPECT_EQ(program.error().location.file, "/nonexistent.otf");
}

}  // namespace
