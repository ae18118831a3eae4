// FontSet: family resolution through fontconfig, face vetting and metrics through FreeType.
//
// Control flow: resolve(family, weight, italic) -> find_file: the family's installed faces that
// folio can embed, CSS font matching among them (font_lookup.cpp) -> load_face(path) (FreeType:
// TrueType or CFF outlines in an sfnt file, (3,1) format-4 cmap,
// sane units per em and hmtx) -> table the advance of every BMP code point once, truncated to
// 1/1000 em exactly as libharu writes the PDF /W array.

#include "text/font_set.hpp"

#include "text/font_cache.hpp"
#include "text/font_lookup.hpp"
#include "text/shaping.hpp"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_FONT_FORMATS_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include <algorithm>
#include <cctype>
#include <memory>

namespace folio::text {
namespace {

/// Releases fontconfig's configuration and caches (FcFini) when the program ends, after main and
/// every render: nothing else frees them, and LeakSanitizer (tests/sanitize, the fuzz targets)
/// and valgrind would report them. FcFini does nothing when fontconfig was never initialised.
struct FontconfigRelease {
    FontconfigRelease() = default;
    FontconfigRelease(const FontconfigRelease&) = delete;
    FontconfigRelease& operator=(const FontconfigRelease&) = delete;
    ~FontconfigRelease() { FcFini(); }
};
const FontconfigRelease release_at_exit;

core::Unexpected font_error(const std::string& path, const std::string& message) {
    return core::unexpected({core::Severity::error, "font.invalid", message, {path, 0, 0}});
}

/// What to use instead of a font folio cannot embed.
constexpr const char* use_instead =
    "; use the family's OpenType (.otf) or TrueType (.ttf) version (for the URW base 35 fonts, "
    "the .otf files of fonts-urw-base35)";

struct FtLibrary {
    FT_Library lib = nullptr;
    FtLibrary() { FT_Init_FreeType(&lib); }
    ~FtLibrary() { FT_Done_FreeType(lib); }
};

struct FtFace {
    FT_Face face = nullptr;
    ~FtFace() { if (face) FT_Done_Face(face); }
};

bool has_table(FT_Face face, FT_ULong tag) {
    FT_ULong length = 0;
    return FT_Load_Sfnt_Table(face, tag, 0, nullptr, &length) == 0 && length > 0;
}

/// Why folio cannot embed `face` ("" when it can): it needs an sfnt file (OpenType or TrueType)
/// with TrueType (glyf) or CFF outlines.
std::string unusable_format(FT_Face face) {
    const std::string format = FT_Get_Font_Format(face) ? FT_Get_Font_Format(face) : "";
    if (!FT_IS_SFNT(face)) {
        if (format == "Type 1" || format == "CID Type 1") {
            return "is a PostScript Type 1 font (.pfb/.t1), which folio cannot embed" + std::string(use_instead);
        }
        if (!FT_IS_SCALABLE(face)) {
            return "is a bitmap font (" + format + "), which cannot be scaled or embedded" + std::string(use_instead);
        }
        return "is a " + format + " font, which folio cannot embed" + std::string(use_instead);
    }
    if (!FT_IS_SCALABLE(face) || (!has_table(face, TTAG_glyf) && !has_table(face, TTAG_CFF))) {
        if (has_table(face, TTAG_CFF2)) {
            return "has variable CFF2 outlines, which folio cannot embed; use a static instance "
                   "(.otf with CFF outlines, or .ttf)";
        }
        return "has no TrueType (glyf) or CFF outlines (a bitmap or colour-only font), which folio cannot embed" +
               std::string(use_instead);
    }
    if (has_table(face, TTAG_glyf) && !has_table(face, TTAG_loca)) return "is damaged: it has glyf outlines but no loca table";
    return {};
}

bool has_unicode_format4_cmap(FT_Face face) {
    for (int i = 0; i < face->num_charmaps; ++i) {
        FT_CharMap cm = face->charmaps[i];
        if (cm->platform_id == 3 && cm->encoding_id == 1 && FT_Get_CMap_Format(cm) == 4) {
            FT_Set_Charmap(face, cm);
            return true;
        }
    }
    return false;
}

}  // namespace

core::Result<Face> load_face(const std::string& path) {
    static thread_local FtLibrary ft;  // one FreeType instance per thread; FreeType is not thread-safe
    if (!ft.lib) return font_error(path, "cannot initialise FreeType");
    FtFace f;
    if (FT_New_Face(ft.lib, path.c_str(), 0, &f.face) != 0) {
        return font_error(path, "cannot be opened: it is missing, unreadable, damaged or not a font file; name an "
                                "installed family, or an OpenType (.otf) or TrueType (.ttf) file");
    }
    FT_Face face = f.face;
    if (auto why = unusable_format(face); !why.empty()) return font_error(path, why);
    const bool cff = !has_table(face, TTAG_glyf);
    if (face->units_per_EM < 16 || face->units_per_EM > 16384) {
        return font_error(path, "font has an invalid units-per-em value (" +
                                    std::to_string(face->units_per_EM) + ")");
    }
    const auto* hhea = static_cast<const TT_HoriHeader*>(FT_Get_Sfnt_Table(face, FT_SFNT_HHEA));
    if (!hhea || hhea->number_Of_HMetrics == 0 || hhea->number_Of_HMetrics > face->num_glyphs) {
        return font_error(path, "font has inconsistent horizontal metrics (hhea/hmtx)");
    }
    if (!has_unicode_format4_cmap(face)) {
        return font_error(path, "font has no Windows Unicode (3,1) cmap of format 4");
    }
    Face out;
    out.path = path;
    out.cff = cff;
    out.family = face->family_name ? face->family_name : "";
    out.full_name = out.family;
    if (face->style_name && std::string_view(face->style_name) != "Regular") {
        out.full_name += ' ';
        out.full_name += face->style_name;
    }
    if (const char* ps = FT_Get_Postscript_Name(face)) out.postscript_name = ps;
    out.italic = (face->style_flags & FT_STYLE_FLAG_ITALIC) != 0;
    const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
    out.weight = os2 ? os2->usWeightClass : ((face->style_flags & FT_STYLE_FLAG_BOLD) ? 700 : 400);
    const double upem = face->units_per_EM;
    auto per_mille = [&](long v) { return static_cast<int>(static_cast<double>(v) * 1000.0 / upem); };
    out.vertical.ascent = per_mille(hhea->Ascender);
    out.vertical.descent = per_mille(hhea->Descender);
    if (os2 && os2->version >= 2 && os2->sCapHeight > 0) {
        out.vertical.cap_height = per_mille(os2->sCapHeight);
        out.vertical.x_height = per_mille(os2->sxHeight);
    }
    out.advances.assign(0x10000, -1);
    FT_UInt gid = 0;
    for (FT_ULong cp = FT_Get_First_Char(face, &gid); gid != 0; cp = FT_Get_Next_Char(face, cp, &gid)) {
        if (cp >= 0x10000) continue;
        FT_Fixed adv = 0;
        if (FT_Get_Advance(face, gid, FT_LOAD_NO_SCALE, &adv) != 0) continue;
        // libharu: (advance_width * 1000 / units_per_em), integer division
        out.advances[cp] = static_cast<std::int16_t>(static_cast<unsigned long>(adv) * 1000UL / face->units_per_EM);
    }
    out.kerner = std::make_shared<Kerner>(path);
    return out;
}

void FontSet::prepare() { FcInit(); }

FontSet::FontSet(FontCache* cache) : m_shared(cache) {
    // (fontconfig is loaded on the first lookup the cache cannot answer: find_file)
    m_faces.reserve(max_faces);
}
FontSet::~FontSet() = default;

std::optional<FontId> FontSet::find(const std::string& family, int weight, bool italic) {
    auto r = resolve(family, weight, italic);
    if (!r) return std::nullopt;
    return *r;
}

/// The file for `family` at `weight` and `italic`: fontconfig's list of the family, the faces
/// folio can embed, CSS font matching among them. An unknown family names the closest installed
/// ones; a family installed only in formats folio cannot embed says so and what to use instead.
/// `note` says which face stands in when the family lacks the requested weight or style.
core::Result<std::string> FontSet::find_file(const std::string& family, int weight, bool italic, std::string& note) {
    if (m_shared != nullptr) {
        if (auto c = m_shared->choice(family, weight, italic)) {
            note = c->note;
            return c->path;
        }
    }
    FcInit();
    std::vector<InstalledFace> faces = family_faces(family);
    if (faces.empty()) {
        std::string hint;
        for (const auto& n : closest_families(family)) hint += (hint.empty() ? "" : ", ") + n;
        return core::unexpected({core::Severity::error, "font.unknown-family",
                                 "unknown font family '" + family + "'" +
                                     (hint.empty() ? std::string() : "; closest installed: " + hint),
                                 {}});
    }
    const auto unusable = std::stable_partition(faces.begin(), faces.end(),
                                                [](const InstalledFace& f) { return embeddable_format(f.format); });
    if (unusable == faces.begin()) {
        std::string formats;
        for (const auto& f : faces) {
            if (formats.find(f.format) == std::string::npos) formats += (formats.empty() ? "" : ", ") + f.format;
        }
        return core::unexpected({core::Severity::error, "font.unusable-family",
                                 "font family '" + family + "' is installed only as " + formats + " (" +
                                     faces.front().path + "), which folio cannot embed" + use_instead,
                                 {}});
    }
    faces.erase(unusable, faces.end());
    const InstalledFace& face = pick_face(faces, weight, italic);
    if (face.italic != italic || face.weight != weight) {
        note = "font family '" + family + "' has no " + (italic ? "italic" : "upright") + " face of weight " +
               std::to_string(weight) + "; using its '" + face.style + "' face (" +
               (face.italic ? "italic" : "upright") + ", weight " + std::to_string(face.weight) + ") instead";
    }
    if (m_shared != nullptr) m_shared->remember(family, weight, italic, {face.path, note});
    return face.path;
}

core::Result<FontId> FontSet::resolve(const std::string& family, int weight, bool italic, std::string* note) {
    const std::lock_guard<std::mutex> guard(m_lock);
    const Key key{family, weight, italic};
    for (const auto& entry : m_cache) {
        if (entry.key == key) {
            if (note != nullptr) *note = entry.note;
            return entry.id;
        }
    }
    std::string path;
    std::string substitution;
    if (family.find('/') != std::string::npos) {
        path = family;  // an explicit file path
    } else {
        auto found = find_file(family, weight, italic, substitution);
        if (!found) return core::unexpected(found.error());
        path = std::move(*found);
    }
    if (note != nullptr) *note = substitution;
    for (FontId i = 0; i < m_faces.size(); ++i) {
        if (m_faces[i].path == path) {
            m_cache.push_back({key, i, substitution});
            return i;
        }
    }
    if (m_faces.size() == max_faces) {
        return core::unexpected({core::Severity::error, "font.too-many",
                                 "more than " + std::to_string(max_faces) + " font faces in one document", {}});
    }
    auto face = m_shared != nullptr ? m_shared->face(path) : load_face(path);
    if (!face) {
        // The file goes into the message; the position is left to the caller, which knows the
        // style sheet declaration that asked for the family.
        core::Diagnostic d = face.error();
        d.message = "font file " + path + ": " + d.message;
        d.location = {};
        return core::unexpected(std::move(d));
    }
    m_faces.push_back(std::move(*face));
    const auto id = static_cast<FontId>(m_faces.size() - 1);
    m_cache.push_back({key, id, substitution});
    return id;
}

int FontSet::advance(FontId font, char32_t cp) const {
    if (cp >= 0x10000) return 0;
    const auto a = m_faces[font].advances[cp];
    return a < 0 ? 0 : a;
}

bool FontSet::has_glyph(FontId font, char32_t cp) const {
    return cp < 0x10000 && m_faces[font].advances[cp] >= 0;
}

int FontSet::kerning(FontId font, char32_t left, char32_t right) const {
    const Face& f = m_faces[font];
    if (!f.kerner || left == U' ' || right == U' ') return 0;
    return f.kerner->kerning(left, right);
}

VerticalMetrics FontSet::vertical(FontId font) const { return m_faces[font].vertical; }

}  // namespace folio::text
