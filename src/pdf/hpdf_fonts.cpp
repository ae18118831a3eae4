// The libharu adapter's fonts: loading a TrueType face with a narrowed cmap, its glyph ids, the
// ToUnicode CMap that replaces libharu's invalid one, and embedding folio's own font program.
#include "pdf/hpdf_adapter.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pdf/hpdf_internals.hpp"

namespace folio::pdf::hpdf {

/// One bfrange per high byte (a bfrange must not cross a change of the high byte), 248 of
/// them because the surrogate block D800..DFFF is left out, at most 100 per block. The
/// f-ligatures U+FB00..U+FB04 that layout substitutes map back to their letters through a bfchar
/// block ("fi" for <FB01>), so the FB high byte's range starts at FB05.
const std::string& identity_to_unicode_cmap() {
    static const std::string cmap = [] {
        std::vector<unsigned> highs;
        for (unsigned hi = 0; hi <= 0xFF; ++hi) {
            if (hi < 0xD8 || hi > 0xDF) highs.push_back(hi);
        }
        const auto hex2 = [](unsigned v) {
            static constexpr char digits[] = "0123456789ABCDEF";
            return std::string{digits[(v >> 4) & 0xF], digits[v & 0xF]};
        };
        std::string s =
            "/CIDInit /ProcSet findresource begin\n"
            "12 dict begin\n"
            "begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n"
            "/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
        for (std::size_t block = 0; block < highs.size(); block += 100) {
            const std::size_t n = std::min<std::size_t>(100, highs.size() - block);
            s += std::to_string(n) + " beginbfrange\n";
            for (std::size_t i = block; i < block + n; ++i) {
                const std::string h = hex2(highs[i]);
                const std::string low = highs[i] == 0xFB ? "05" : "00";  // FB00..FB04: bfchar below
                s.append("<").append(h).append(low).append("> <").append(h).append("FF> <").append(h).append(
                    low).append(">\n");
            }
            s += "endbfrange\n";
        }
        s += "5 beginbfchar\n"
             "<FB00> <00660066>\n"
             "<FB01> <00660069>\n"
             "<FB02> <0066006C>\n"
             "<FB03> <006600660069>\n"
             "<FB04> <00660066006C>\n"
             "endbfchar\n";
        s += "endcmap\n"
             "CMapName currentdict /CMap defineresource pop\n"
             "end\n"
             "end\n";
        return s;
    }();
    return cmap;
}

namespace {

/// While it lives, the cmap libharu parsed from a TrueType font maps only the given code points,
/// each to its own glyph. For a UTF-8 font CIDFontType2_New looks every BMP code point up (a
/// linear search through the cmap's segments, 65,536 times per font) and writes a /W width for
/// each one that has a glyph. The narrowed cmap has two segments, the drawn range through a
/// glyph array and the closing 0xFFFF segment, so each lookup is short and /W lists only what the
/// document draws. (The CIDToGIDMap libharu builds here is replaced by embed_font_program's.)
class NarrowedCmap {
public:
    NarrowedCmap(HPDF_FontDef fontdef, const std::vector<char32_t>& code_points) {
        auto* attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);
        if (fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE || attr == nullptr ||
            attr->cmap.format != 4 || attr->cmap.seg_count_x2 == 0) {
            return;  // leave anything unexpected to libharu as it is
        }
        std::vector<std::pair<HPDF_UINT16, HPDF_UINT16>> glyphs;  // (code point, glyph)
        for (char32_t cp : code_points) {
            if (cp >= 0xFFFF) return;  // it would need the closing segment: keep the whole cmap
            if (cp == 0) continue;
            const auto code = static_cast<HPDF_UINT16>(cp);
            const HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(fontdef, code);
            if (gid != 0) glyphs.emplace_back(code, gid);
        }
        if (glyphs.empty()) return;  // nothing drawn: keep the whole cmap
        const HPDF_UINT16 low = glyphs.front().first;
        const HPDF_UINT16 high = glyphs.back().first;  // code_points are ascending
        m_glyphs.assign(high - low + 1u, 0);
        for (auto [code, gid] : glyphs) m_glyphs[code - low] = gid;
        // Segment 0 reads m_glyphs: libharu's index is offset / 2 + i - segments + (c - start).
        // Segment 1 maps 0xFFFF to glyph 0 (0xFFFF + 1).
        m_starts = {low, 0xFFFF};
        m_ends = {high, 0xFFFF};
        m_deltas = {0, 1};
        m_offsets = {4, 0};
        m_cmap = &attr->cmap;
        m_saved = *m_cmap;
        m_cmap->seg_count_x2 = 4;
        m_cmap->end_count = m_ends.data();
        m_cmap->start_count = m_starts.data();
        m_cmap->id_delta = m_deltas.data();
        m_cmap->id_range_offset = m_offsets.data();
        m_cmap->glyph_id_array = m_glyphs.data();
        m_cmap->glyph_id_array_count = static_cast<HPDF_UINT>(m_glyphs.size());
        // Every drawn code point must still find its glyph, or libharu keeps its own cmap.
        for (auto [code, gid] : glyphs) {
            if (HPDF_TTFontDef_GetGlyphid(fontdef, code) != gid) {
                restore();
                return;
            }
        }
    }
    NarrowedCmap(const NarrowedCmap&) = delete;
    NarrowedCmap& operator=(const NarrowedCmap&) = delete;
    ~NarrowedCmap() { restore(); }

private:
    void restore() {
        if (m_cmap != nullptr) *m_cmap = m_saved;
        m_cmap = nullptr;
    }

    HPDF_TTF_CmapRange* m_cmap = nullptr;
    HPDF_TTF_CmapRange m_saved{};
    std::array<HPDF_UINT16, 2> m_starts{};
    std::array<HPDF_UINT16, 2> m_ends{};
    std::array<HPDF_INT16, 2> m_deltas{};
    std::array<HPDF_UINT16, 2> m_offsets{};
    std::vector<HPDF_UINT16> m_glyphs;
};

}  // namespace

core::Result<const char*> load_font_file(Document& doc, const std::string& path) {
    return doc.check_handle(HPDF_LoadTTFontFromFile(doc.get(), path.c_str(), HPDF_TRUE),
                            "loading font \"" + path + "\"");
}

core::Result<HPDF_Font> load_font(Document& doc, const std::string& path,
                                  const std::vector<char32_t>& code_points) {
    auto name = load_font_file(doc, path);
    if (!name) return core::unexpected(name.error());
    return load_font(doc, path, *name, code_points);
}

core::Result<HPDF_Font> load_font(Document& doc, const std::string& path, const char* name,
                                  const std::vector<char32_t>& code_points) {
    const std::string what = "creating a UTF-8 font from \"" + path + "\"";
    auto fontdef = doc.check_handle(HPDF_GetFontDef(doc.get(), name), what);
    if (!fontdef) return core::unexpected(fontdef.error());
    core::Result<HPDF_Font> font = [&] {
        const NarrowedCmap narrowed(*fontdef, code_points);
        return doc.check_handle(HPDF_GetFont(doc.get(), name, "UTF-8"), what);
    }();
    if (!font) return font;
    if (auto r = fix_to_unicode(doc, *font); !r) return core::unexpected(r.error());
    return font;
}

core::Result<std::vector<std::pair<char32_t, std::uint16_t>>> glyph_ids(Document& doc, const char* name,
                                                                         const std::vector<char32_t>& code_points) {
    auto fontdef = doc.check_handle(HPDF_GetFontDef(doc.get(), name), "finding the glyphs of a font");
    if (!fontdef) return core::unexpected(fontdef.error());
    std::vector<std::pair<char32_t, std::uint16_t>> out;
    if ((*fontdef)->type != HPDF_FONTDEF_TYPE_TRUETYPE) return out;
    out.reserve(code_points.size());
    for (char32_t cp : code_points) {
        if (cp > 0xFFFF) continue;  // beyond Identity-H's two bytes
        out.emplace_back(cp, HPDF_TTFontDef_GetGlyphid(*fontdef, static_cast<HPDF_UINT16>(cp)));
    }
    return out;
}

core::Result<core::Ok> fix_to_unicode(Document& doc, HPDF_Font font) {
    const std::string_view what = "replacing the ToUnicode CMap of a font";
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    // For a UTF-8 TrueType font, 2.3.0 encodes with Identity-H and hangs its own CMap stream
    // under /ToUnicode. Refuse anything else rather than overwrite an /Encoding.
    if (attr == nullptr || attr->type != HPDF_FONT_TYPE0_TT || attr->cmap_stream == nullptr ||
        HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT) != attr->cmap_stream) {
        return core::unexpected(core::Diagnostic{
            core::Severity::error,
            "pdf.write",
            "unexpected libharu font structure (no /ToUnicode CMap stream) while " +
                std::string(what),
            {}});
    }
    HPDF_Dict cmap = attr->cmap_stream;
    // Keep the object (it is referenced), drop its content and the keys of an encoding CMap.
    HPDF_MemStream_FreeData(cmap->stream);
    for (const char* key : {"CMapName", "CIDSystemInfo", "WMode", "Type"}) {
        if (auto r = doc.check(HPDF_Dict_RemoveElement(cmap, key), what); !r) return r;
    }
    const std::string& text = identity_to_unicode_cmap();
    return doc.check(
        HPDF_Stream_Write(cmap->stream, reinterpret_cast<const HPDF_BYTE*>(text.data()),
                          static_cast<HPDF_UINT>(text.size())),
        what);
}

namespace {

const std::string* given_string(void* text, std::size_t) { return static_cast<const std::string*>(text); }

}  // namespace

core::Result<core::Ok> embed_font_program(Document& doc, HPDF_Font font, const std::string& font_file,
                                          std::size_t font_length, const std::string& gid_map,
                                          const std::string& to_unicode) {
    const std::string what = "embedding a font program";
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    auto* tt = attr != nullptr && attr->fontdef != nullptr &&
                       attr->fontdef->type == HPDF_FONTDEF_TYPE_TRUETYPE
                   ? static_cast<HPDF_TTFontDefAttr>(attr->fontdef->attr)
                   : nullptr;
    if (tt == nullptr || attr->type != HPDF_FONT_TYPE0_TT || attr->map_stream == nullptr ||
        attr->cmap_stream == nullptr || font->before_write_fn == nullptr ||
        attr->fontdef->descriptor != nullptr) {
        return core::unexpected(core::Diagnostic{
            core::Severity::error, "pdf.write",
            "unexpected libharu font structure (not a UTF-8 TrueType font yet to be written) while " + what,
            {}});
    }
    // libharu's hook makes the FontDescriptor (and, when embedding, its own subset: skipped),
    // and sets the filters of the CIDToGIDMap and ToUnicode streams. It has done its work.
    tt->embedding = HPDF_FALSE;
    const HPDF_STATUS made = font->before_write_fn(font);
    tt->embedding = HPDF_TRUE;
    font->before_write_fn = nullptr;
    if (auto r = doc.check(made, what); !r) return r;
    HPDF_Dict descriptor = attr->fontdef->descriptor;
    if (descriptor == nullptr) return doc.check(HPDF_INVALID_OBJECT, what);
    HPDF_Dict program = HPDF_DictStream_New(font->mmgr, attr->xref);
    if (program == nullptr) return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what);
    if (auto r = doc.check(HPDF_Dict_Add(descriptor, "FontFile2", program), what); !r) return r;
    if (auto r = doc.check(HPDF_Dict_AddNumber(program, "Length1", static_cast<HPDF_INT32>(font_length)), what); !r)
        return r;
    const auto as_given = [](const std::string& bytes) {
        return DeferredContent{&given_string, const_cast<std::string*>(&bytes), 0};
    };
    if (auto r = set_deflated_stream(doc, program, as_given(font_file)); !r) return r;
    if (auto r = set_deflated_stream(doc, attr->map_stream, as_given(gid_map)); !r) return r;
    return set_deflated_stream(doc, attr->cmap_stream, as_given(to_unicode));
}

}  // namespace folio::pdf::hpdf
