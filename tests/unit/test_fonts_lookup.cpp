// Unit tests of font lookup (text/font_lookup.hpp, text::FontSet): the faces folio can embed,
// CSS font matching among a family's faces, and the messages for fonts it cannot use (issue 20).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "text/font_lookup.hpp"
#include "text/font_set.hpp"

namespace {

namespace text = folio::text;
using text::InstalledFace;

const std::string p052_otf = "/usr/share/fonts/opentype/urw-base35/P052-Roman.otf";
const std::string p052_t1 = "/usr/share/fonts/type1/urw-base35/P052-Roman.t1";

std::vector<InstalledFace> family(std::vector<std::pair<int, bool>> faces, const std::string& format = "TrueType") {
    std::vector<InstalledFace> out;
    for (const auto& [weight, italic] : faces) {
        out.push_back({"/f/" + std::to_string(weight) + (italic ? "i" : "") + ".ttf", format, "", weight, italic, 100});
    }
    return out;
}

TEST(PickFace, FollowsCssWeightOrderAndStyleFirst) {
    const auto faces = family({{300, false}, {400, false}, {700, false}, {900, false}, {400, true}});
    EXPECT_EQ(text::pick_face(faces, 400, false).weight, 400);
    // Below 400: lighter first, then heavier.
    EXPECT_EQ(text::pick_face(faces, 200, false).weight, 300);
    EXPECT_EQ(text::pick_face(faces, 350, false).weight, 300);
    // Above 500: heavier first, then lighter.
    EXPECT_EQ(text::pick_face(faces, 600, false).weight, 700);
    EXPECT_EQ(text::pick_face(faces, 800, false).weight, 900);
    // 500: up to 500, then lighter, then heavier.
    EXPECT_EQ(text::pick_face(faces, 500, false).weight, 400);
    // Italic wins over weight: a bold italic request takes the only italic.
    const auto& bi = text::pick_face(faces, 700, true);
    EXPECT_TRUE(bi.italic);
    EXPECT_EQ(bi.weight, 400);
}

TEST(PickFace, PrefersNormalWidthAndTrueTypeOnTies) {
    auto faces = family({{400, false}}, "CFF");
    auto ttf = family({{400, false}});
    ttf[0].path = "/z/last.ttf";
    faces.push_back(ttf[0]);
    EXPECT_EQ(text::pick_face(faces, 400, false).format, "TrueType");
    faces = family({{400, false}, {400, false}});
    faces[0].width = 75;  // condensed
    faces[0].path = "/a.ttf";
    EXPECT_EQ(text::pick_face(faces, 400, false).width, 100);
}

TEST(FamilyFaces, ListsEveryFormatAndKeepsTheEmbeddable) {
    const auto faces = text::family_faces("p052");  // case-insensitive
    ASSERT_FALSE(faces.empty());
    bool cff = false, type1 = false;
    for (const auto& f : faces) {
        cff = cff || f.format == "CFF";
        type1 = type1 || f.format == "Type 1";
    }
    EXPECT_TRUE(cff);
    EXPECT_TRUE(type1);
    EXPECT_TRUE(text::embeddable_format("CFF"));
    EXPECT_TRUE(text::embeddable_format("TrueType"));
    EXPECT_FALSE(text::embeddable_format("Type 1"));
    EXPECT_FALSE(text::embeddable_format("PCF"));
    EXPECT_TRUE(text::family_faces("No Such Family 1234").empty());
}

TEST(FontSet, ResolvesACffFamilyToItsOpenTypeFile) {
    text::FontSet fonts;
    std::string note = "stale";
    auto id = fonts.resolve("P052", 400, false, &note);
    ASSERT_TRUE(id) << id.error().message;
    const text::Face& face = fonts.faces()[*id];
    EXPECT_EQ(face.path, p052_otf);
    EXPECT_TRUE(face.cff);
    EXPECT_TRUE(note.empty()) << note;
    EXPECT_EQ(fonts.advance(*id, U'H'), 832);  // P052's hmtx, 1000 units per em
    EXPECT_TRUE(fonts.has_glyph(*id, U'ő'));
    // Lato stays TrueType.
    auto lato = fonts.resolve("Lato", 400, false);
    ASSERT_TRUE(lato);
    EXPECT_FALSE(fonts.faces()[*lato].cff);
}

TEST(FontSet, NamesTheStandInWhenTheFamilyLacksTheWeight) {
    text::FontSet fonts;
    std::string note;
    auto id = fonts.resolve("Cantarell", 900, false, &note);
    ASSERT_TRUE(id);
    EXPECT_EQ(note, "font family 'Cantarell' has no upright face of weight 900; using its 'Extra Bold' face "
                    "(upright, weight 800) instead");
    EXPECT_EQ(fonts.faces()[*id].family, "Cantarell");
    // Asked again (cached), the note comes again; an exact face gives none.
    note.clear();
    ASSERT_TRUE(fonts.resolve("Cantarell", 900, false, &note));
    EXPECT_FALSE(note.empty());
    ASSERT_TRUE(fonts.resolve("Cantarell", 700, false, &note));
    EXPECT_TRUE(note.empty());
    // Lato at 300 is Lato Light, never another family.
    auto light = fonts.resolve("Lato", 300, false, &note);
    ASSERT_TRUE(light);
    EXPECT_EQ(fonts.faces()[*light].family.rfind("Lato", 0), 0u) << fonts.faces()[*light].family;
}

TEST(FontSet, AnUnknownFamilyNeverSuggestsItself) {
    text::FontSet fonts;
    auto r = fonts.resolve("P05", 400, false);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "font.unknown-family");
    EXPECT_NE(r.error().message.find("unknown font family 'P05'; closest installed: P052"), std::string::npos)
        << r.error().message;
    EXPECT_TRUE(fonts.resolve("P052", 400, false));  // the family it suggests does resolve
}

TEST(LoadFace, ExplainsTypeOneAndBrokenFilesAndWhatToUseInstead) {
    auto t1 = text::load_face(p052_t1);
    ASSERT_FALSE(t1);
    EXPECT_NE(t1.error().message.find("is a PostScript Type 1 font (.pfb/.t1), which folio cannot embed; use the "
                                      "family's OpenType (.otf) or TrueType (.ttf) version"),
              std::string::npos)
        << t1.error().message;
    const auto dir = std::filesystem::temp_directory_path() / "folio-test-fonts";
    std::filesystem::create_directories(dir);
    const auto cut = (dir / "cut.otf").string();
    {
        std::ifstream in(p052_otf, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(cut, std::ios::binary) << bytes.substr(0, 3000);
    }
    auto broken = text::load_face(cut);
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().location.file, cut);
}

}  // namespace
