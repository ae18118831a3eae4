// Unit tests of the embedded font programs (pdf/font_programs.hpp): HarfBuzz's subsets of the
// Lato and Caladea faces, inflated again and read back with HarfBuzz.

#include <gtest/gtest.h>
#include <hb.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "pdf/font_programs.hpp"

namespace {

namespace fs = std::filesystem;
using folio::pdf::FontProgram;
using folio::pdf::FontProgramBuilder;
using folio::pdf::FontProgramRequest;
using folio::pdf::make_font_program;

const std::string lato_regular = "/usr/share/fonts/truetype/lato/Lato-Regular.ttf";
const std::string caladea = "/usr/share/fonts/truetype/crosextra/Caladea-Regular.ttf";

/// The bytes of a zlib stream, or "" when it is not one.
std::string inflated(const std::string& z) {
    std::string out(z.size() * 8 + 1024, '\0');
    while (true) {
        uLongf length = out.size();
        const int r = uncompress(reinterpret_cast<Bytef*>(out.data()), &length,
                                 reinterpret_cast<const Bytef*>(z.data()), z.size());
        if (r == Z_BUF_ERROR) { out.resize(out.size() * 2); continue; }
        if (r != Z_OK) return "";
        out.resize(length);
        return out;
    }
}

/// A HarfBuzz face and font over bytes in memory (or a file), released together.
struct Font {
    explicit Font(const std::string& bytes)
        : blob(hb_blob_create(bytes.data(), bytes.size(), HB_MEMORY_MODE_DUPLICATE, nullptr, nullptr)),
          face(hb_face_create(blob, 0)), font(hb_font_create(face)) {}
    static Font file(const std::string& path) {
        hb_blob_t* b = hb_blob_create_from_file(path.c_str());
        unsigned n = 0;
        const char* d = hb_blob_get_data(b, &n);
        Font f(std::string(d, n));
        hb_blob_destroy(b);
        return f;
    }
    Font(const Font&) = delete;
    Font(Font&& o) noexcept : blob(o.blob), face(o.face), font(o.font) { o.blob = nullptr; o.face = nullptr; o.font = nullptr; }
    ~Font() { hb_font_destroy(font); hb_face_destroy(face); hb_blob_destroy(blob); }

    std::uint16_t glyph(char32_t cp) const {
        hb_codepoint_t g = 0;
        hb_font_get_nominal_glyph(font, cp, &g);
        return static_cast<std::uint16_t>(g);
    }
    std::vector<std::string> tables() const {
        std::vector<std::string> out;
        hb_tag_t tags[64];
        unsigned count = 64;
        hb_face_get_table_tags(face, 0, &count, tags);
        for (unsigned i = 0; i < count; ++i) {
            char s[5] = {};
            hb_tag_to_string(tags[i], s);
            out.emplace_back(s);
        }
        return out;
    }
    /// Whether glyph `g` has an outline.
    bool inked(std::uint16_t g) const {
        hb_glyph_extents_t e{};
        return hb_font_get_glyph_extents(font, g, &e) && e.width != 0 && e.height != 0;
    }

    hb_blob_t* blob;
    hb_face_t* face;
    hb_font_t* font;
};

FontProgramRequest request(const std::string& path, const std::u32string& text) {
    const Font f = Font::file(path);
    std::vector<char32_t> cps(text.begin(), text.end());
    std::sort(cps.begin(), cps.end());
    cps.erase(std::unique(cps.begin(), cps.end()), cps.end());
    FontProgramRequest r{path, {}};
    for (char32_t cp : cps) r.glyphs.emplace_back(cp, f.glyph(cp));
    return r;
}

bool have(const std::string& path) { return fs::exists(path); }

/// The CIDToGIDMap's entry for `cp`: the big-endian glyph id at 2 * cp.
unsigned map_entry(const std::string& map, char32_t cp) {
    if (2 * cp + 1 >= map.size()) return 0xFFFFFFFFu;
    return static_cast<unsigned>(static_cast<unsigned char>(map[2 * cp]) << 8 |
                                 static_cast<unsigned char>(map[2 * cp + 1]));
}

bool same_extents(const Font& a, std::uint16_t ga, const Font& b, std::uint16_t gb) {
    hb_glyph_extents_t ea{};
    hb_glyph_extents_t eb{};
    return hb_font_get_glyph_extents(a.font, ga, &ea) && hb_font_get_glyph_extents(b.font, gb, &eb) &&
           ea.x_bearing == eb.x_bearing && ea.y_bearing == eb.y_bearing && ea.width == eb.width &&
           ea.height == eb.height;
}

TEST(FontPrograms, KeepTheDrawnGlyphsInTheTablesACidFontNeeds) {
    if (!have(lato_regular)) GTEST_SKIP() << "fonts-lato is not installed";
    const FontProgramRequest req = request(lato_regular, U"Hallo, ő és ű!");
    auto program = make_font_program(req);
    ASSERT_TRUE(program.has_value()) << program.error().message;
    const std::string bytes = inflated(program->font_file);
    ASSERT_FALSE(bytes.empty()) << "the font program is not a zlib stream";
    EXPECT_EQ(bytes.size(), program->font_length);
    EXPECT_LT(bytes.size(), fs::file_size(lato_regular) / 20) << "hardly a subset";

    const Font original = Font::file(lato_regular);
    const Font subset(bytes);
    const std::vector<std::string> kept{"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                        "hmtx", "loca", "maxp", "name", "post", "prep"};
    const std::vector<std::string> tables = subset.tables();
    for (const std::string& t : tables) {
        EXPECT_NE(std::find(kept.begin(), kept.end(), t), kept.end()) << "table " << t << " kept";
    }
    for (const char* needed : {"glyf", "loca", "head", "hhea", "hmtx", "maxp"}) {
        EXPECT_NE(std::find(tables.begin(), tables.end(), needed), tables.end()) << needed << " missing";
    }
    const std::vector<std::string> all = original.tables();
    EXPECT_NE(std::find(all.begin(), all.end(), "GPOS"), all.end()) << "the face was expected to have GPOS";

    // The CIDToGIDMap: a big-endian glyph id per code point up to the last drawn (ű, U+0171),
    // pointing at the glyph drawn, numbered anew, with its outline and advance.
    const std::string map = inflated(program->gid_map);
    ASSERT_EQ(map.size(), 2u * (0x171 + 1));
    std::vector<unsigned> seen;
    for (const auto& [cp, old_gid] : req.glyphs) {
        const unsigned gid = map_entry(map, cp);
        EXPECT_NE(gid, 0u) << "U+" << std::hex << static_cast<unsigned>(cp) << " has no glyph";
        EXPECT_EQ(subset.glyph(cp), gid) << "the program's own cmap disagrees";
        EXPECT_EQ(hb_font_get_glyph_h_advance(subset.font, gid), hb_font_get_glyph_h_advance(original.font, old_gid));
        if (cp != U' ') {
            EXPECT_TRUE(same_extents(subset, static_cast<std::uint16_t>(gid), original, old_gid))
                << "U+" << std::hex << static_cast<unsigned>(cp);
        }
        seen.push_back(gid);
    }
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end()) << "two code points share a glyph";
    EXPECT_EQ(map_entry(map, U'Z'), 0u) << "an undrawn code point has a glyph";
    // What is kept: the drawn glyphs, their composite parts and .notdef, with its box.
    EXPECT_LT(hb_face_get_glyph_count(subset.face), 2 * req.glyphs.size() + 1);
    EXPECT_TRUE(subset.inked(0)) << ".notdef lost its box";
}

/// Caladea's "ő" is an "o" plus an accent that is itself a composite: every level is kept.
TEST(FontPrograms, KeepThePartsOfCompositeGlyphsAtAnyDepth) {
    if (!have(caladea)) GTEST_SKIP() << "fonts-crosextra-caladea is not installed";
    const FontProgramRequest req = request(caladea, U"ő");
    auto program = make_font_program(req);
    ASSERT_TRUE(program.has_value()) << program.error().message;
    const Font subset(inflated(program->font_file));
    const Font original = Font::file(caladea);
    const unsigned gid = map_entry(inflated(program->gid_map), U'ő');
    ASSERT_NE(gid, 0u);
    // With both levels of its accent the glyph has the ink it has in the face itself.
    EXPECT_TRUE(same_extents(subset, static_cast<std::uint16_t>(gid), original, original.glyph(U'ő')));
    EXPECT_GT(hb_face_get_glyph_count(subset.face), 2u) << "the composite's parts were left out";
}

TEST(FontPrograms, AFileThatCannotBeReadIsAnErrorThatNamesIt) {
    auto program = make_font_program({"/nonexistent/NoSuchFont.ttf", {{U'a', 3}}});
    ASSERT_FALSE(program.has_value());
    EXPECT_EQ(program.error().code, "pdf.write");
    EXPECT_EQ(program.error().location.file, "/nonexistent/NoSuchFont.ttf");
    auto not_a_font = make_font_program({std::string(FOLIO_SOURCE_DIR) + "/CMakeLists.txt", {{U'a', 3}}});
    EXPECT_FALSE(not_a_font.has_value());
}

TEST(FontPrograms, TheBuilderGivesTheSameProgramsOnAnyNumberOfThreads) {
    if (!have(lato_regular) || !have(caladea)) GTEST_SKIP() << "fonts missing";
    const std::vector<FontProgramRequest> requests{request(lato_regular, U"Budapest"),
                                                   request(caladea, U"árvíztűrő"),
                                                   request(lato_regular, U"IOM 2024")};
    auto one = FontProgramBuilder(requests, 1).finish();
    auto four = FontProgramBuilder(requests, 4).finish();
    ASSERT_TRUE(one.has_value() && four.has_value());
    ASSERT_EQ(one->size(), 3u);
    ASSERT_EQ(four->size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        auto alone = make_font_program(requests[i]);
        ASSERT_TRUE(alone.has_value());
        EXPECT_EQ((*one)[i].font_file, alone->font_file) << i;
        EXPECT_EQ((*four)[i].font_file, alone->font_file) << i;
        EXPECT_EQ((*four)[i].gid_map, alone->gid_map) << i;
    }
    EXPECT_NE((*four)[0].font_file, (*four)[2].font_file) << "each request its own glyphs";
    // A failure comes out of finish() whichever thread met it.
    auto failed = FontProgramBuilder({requests[0], {"/nonexistent.ttf", {}}}, 2).finish();
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().location.file, "/nonexistent.ttf");
}

}  // namespace
