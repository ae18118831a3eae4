// The program of a CFF-flavoured OpenType face (.otf), for a CIDFontType0 with /FontFile3
// /Subtype /CIDFontType0C (see font_programs.hpp).
//
// Recipe:
//   1. HarfBuzz opens the face and finds the glyph of each drawn code point (libharu cannot read
//      the file: it has no glyf table)
//   2. hb-subset keeps .notdef and those glyphs (and the glyphs their seac accents use),
//      numbered anew in order; its CFF table, subroutines subset, is the program
//   3. the CIDs are the new glyph ids: a name-keyed CFF in a CIDFontType0 is indexed by CID
//      directly. The page content writes code points, as for TrueType faces, and the embedded
//      /Encoding CMap maps each to its CID; the ToUnicode map (code -> Unicode) stays the identity
//   4. the /W widths of the subset's glyphs from its hmtx, truncated to 1/1000 em as the layout
//      measured them, and the descriptor's values (bbox from 'head', italic angle from 'post',
//      ascent, descent and cap height as HarfBuzz reads them from OS/2 and hhea)

#include "pdf/font_programs.hpp"

#include "text/hb_handles.hpp"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <cstdio>
#include <fstream>
#include <memory>

namespace folio::pdf {
namespace {

core::Diagnostic cff_error(const std::string& path, const std::string& message) {
    return core::Diagnostic{core::Severity::error, "pdf.write", message, {path, 0, 0}};
}

using text::hb::Blob;
using text::hb::Face;
using text::hb::Input;
using text::hb::Plan;
using Font = text::hb::Font;

/// A big-endian integer of `size` bytes at `at` in table `tag` of `face` (0 when short).
long table_int(hb_face_t* face, hb_tag_t tag, unsigned at, unsigned size, bool is_signed) {
    const Blob table(hb_face_reference_table(face, tag));
    unsigned length = 0;
    const char* data = hb_blob_get_data(table.get(), &length);
    if (data == nullptr || at + size > length) return 0;
    unsigned long v = 0;
    for (unsigned i = 0; i < size; ++i) v = (v << 8) | static_cast<unsigned char>(data[at + i]);
    if (is_signed && (v >> (size * 8 - 1)) != 0) return static_cast<long>(v) - (1L << (size * 8));
    return static_cast<long>(v);
}

/// The PostScript name, as a PDF name may hold it (letters, digits, '-', '_').
std::string postscript_name(hb_face_t* face) {
    char buffer[128] = {};
    unsigned size = sizeof buffer;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, buffer);
    std::string out;
    for (const char* c = buffer; *c != '\0'; ++c) {
        const auto ch = static_cast<unsigned char>(*c);
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')
            out += *c;
    }
    return out.empty() ? std::string("Font") : out;
}

/// Six capital letters that depend only on the face and the drawn glyphs (the subset tag PDF
/// asks for), so that two documents drawing the same text name their subsets alike.
std::string subset_tag(const std::string& name, const std::vector<std::pair<char32_t, std::uint16_t>>& cids) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    const auto mix = [&](std::uint64_t v) {
        h ^= v;
        h *= 1099511628211ULL;
    };
    for (char c : name) mix(static_cast<unsigned char>(c));
    for (const auto& [cp, cid] : cids) mix((static_cast<std::uint64_t>(cp) << 16) | cid);
    std::string tag;
    for (int i = 0; i < 6; ++i, h /= 26) tag += static_cast<char>('A' + h % 26);
    return tag;
}

std::string hex4(unsigned v) {
    char s[8];
    std::snprintf(s, sizeof s, "<%04X>", v & 0xFFFFu);
    return s;
}

}  // namespace

bool is_cff_font_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    return in.read(magic, 4) && std::string_view(magic, 4) == "OTTO";
}

std::string cid_encoding_cmap(const std::string& name, const std::vector<std::pair<char32_t, std::uint16_t>>& cids) {
    std::string s =
        "%!PS-Adobe-3.0 Resource-CMap\n"
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n"
        "/CMapName /" + name + " def\n"
        "/CMapType 1 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (std::size_t block = 0; block < cids.size(); block += 100) {
        const std::size_t n = std::min<std::size_t>(100, cids.size() - block);
        s += std::to_string(n) + " begincidchar\n";
        for (std::size_t i = block; i < block + n; ++i) {
            s += hex4(cids[i].first) + ' ' + std::to_string(cids[i].second) + '\n';
        }
        s += "endcidchar\n";
    }
    s += "endcmap\n"
         "CMapName currentdict /CMap defineresource pop\n"
         "end\n"
         "end\n";
    return s;
}

core::Result<FontProgram> make_cff_program(const FontProgramRequest& request) {
    const std::string& path = request.path;
    // 1. The face and its glyphs.
    const Blob file(hb_blob_create_from_file_or_fail(path.c_str()));
    if (!file) return core::unexpected(cff_error(path, "cannot read the font file to embed it"));
    const Face face(hb_face_create(file.get(), 0));
    const Font font(hb_font_create(face.get()));
    const unsigned upem = hb_face_get_upem(face.get());
    if (hb_face_get_glyph_count(face.get()) == 0 || upem < 16) {
        return core::unexpected(cff_error(path, "the font to embed has no glyphs"));
    }
    std::vector<std::pair<char32_t, hb_codepoint_t>> drawn;  // (code point, old glyph), 0 = none
    const Input input(hb_subset_input_create_or_fail());
    if (!input) return core::unexpected(cff_error(path, "cannot subset the font (out of memory)"));
    hb_set_t* glyphs = hb_subset_input_glyph_set(input.get());
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    hb_set_add(glyphs, 0);
    for (const auto& [cp, unused] : request.glyphs) {
        hb_codepoint_t gid = 0;
        if (!hb_font_get_nominal_glyph(font.get(), cp, &gid)) gid = 0;
        drawn.emplace_back(cp, gid);
        if (gid != 0) {
            hb_set_add(glyphs, gid);
            hb_set_add(unicodes, cp);
        }
    }
    // 2. The subset; only its CFF table is embedded, the other tables are for the widths.
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    for (hb_tag_t t : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                       HB_TAG('k', 'e', 'r', 'n'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('D', 'S', 'I', 'G')}) {
        hb_set_add(hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG), t);
    }
    const Plan plan(hb_subset_plan_create_or_fail(face.get(), input.get()));
    if (!plan) return core::unexpected(cff_error(path, "HarfBuzz could not plan the subset of the font"));
    const Face subset(hb_subset_plan_execute_or_fail(plan.get()));
    if (!subset) return core::unexpected(cff_error(path, "HarfBuzz could not subset the font to embed it"));
    const Blob cff_table(hb_face_reference_table(subset.get(), HB_TAG('C', 'F', 'F', ' ')));
    unsigned length = 0;
    const char* data = hb_blob_get_data(cff_table.get(), &length);
    if (data == nullptr || length == 0) {
        return core::unexpected(cff_error(path, "HarfBuzz gave no CFF table in the subset of the font"));
    }
    // 3. Code point -> CID (the new glyph id).
    const hb_map_t* new_glyphs = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
    std::vector<std::pair<char32_t, std::uint16_t>> cids;
    for (const auto& [cp, old_gid] : drawn) {
        const hb_codepoint_t gid = old_gid == 0 ? HB_MAP_VALUE_INVALID : hb_map_get(new_glyphs, old_gid);
        if (gid != HB_MAP_VALUE_INVALID && gid != 0) cids.emplace_back(cp, static_cast<std::uint16_t>(gid));
    }
    // 4. Widths and descriptor values.
    CffFont cff;
    const std::string name = postscript_name(face.get());
    cff.cmap_name = "Folio-" + name + "-" + subset_tag(name, cids);
    cff.base_font = subset_tag(name, cids) + "+" + name;
    const Font subset_font(hb_font_create(subset.get()));
    const unsigned count = hb_face_get_glyph_count(subset.get());
    const auto per_mille = [&](long v) { return static_cast<int>(v * 1000L / static_cast<long>(upem)); };
    for (hb_codepoint_t g = 0; g < count; ++g) {
        cff.widths.push_back(per_mille(hb_font_get_glyph_h_advance(subset_font.get(), g)));
    }
    const hb_tag_t head = HB_TAG('h', 'e', 'a', 'd');
    cff.bbox = {per_mille(table_int(face.get(), head, 36, 2, true)), per_mille(table_int(face.get(), head, 38, 2, true)),
                per_mille(table_int(face.get(), head, 40, 2, true)), per_mille(table_int(face.get(), head, 42, 2, true))};
    cff.italic_angle = static_cast<double>(table_int(face.get(), HB_TAG('p', 'o', 's', 't'), 4, 4, true)) / 65536.0;
    cff.fixed_pitch = table_int(face.get(), HB_TAG('p', 'o', 's', 't'), 12, 4, false) != 0;
    cff.italic = (table_int(face.get(), head, 44, 2, false) & 2) != 0 || cff.italic_angle != 0;
    hb_position_t v = 0;
    if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)) cff.ascent = per_mille(v);
    if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)) cff.descent = per_mille(v);
    if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_CAP_HEIGHT, &v)) cff.cap_height = per_mille(v);
    if (cff.cap_height <= 0) cff.cap_height = cff.ascent;

    auto program = deflate_font_data({data, length});
    auto encoding = deflate_font_data(cid_encoding_cmap(cff.cmap_name, cids));
    if (!program || !encoding) return core::unexpected(cff_error(path, "zlib could not compress the embedded font"));
    cff.encoding = std::move(*encoding);
    FontProgram out;
    out.font_file = std::move(*program);
    out.font_length = length;
    out.cff = std::move(cff);
    return out;
}

}  // namespace folio::pdf
