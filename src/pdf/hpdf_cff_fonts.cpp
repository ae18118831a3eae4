// The libharu adapter's CFF fonts: a Type0 font over a CIDFontType0 whose program is a bare CFF
// table (/FontFile3 /Subtype /CIDFontType0C), built object by object through libharu's
// dictionary API, because 2.3.0 reads only TrueType files (see hpdf_adapter.hpp).
//
//   Type0 /BaseFont TAG+Name /Encoding <embedded CMap: code point -> CID> /ToUnicode <identity>
//     /DescendantFonts [ CIDFontType0 /CIDSystemInfo Adobe-Identity-0 /W [0 [widths]]
//                         /FontDescriptor << ... /FontFile3 <CFF, /Subtype /CIDFontType0C> >> ]
#include "pdf/hpdf_adapter.hpp"

#include <algorithm>
#include <string>

#include "pdf/hpdf_internals.hpp"

namespace folio::pdf::hpdf {
namespace {

using Status = core::Result<core::Ok>;

const std::string* given_bytes(void* text, std::size_t) { return static_cast<const std::string*>(text); }

DeferredContent as_given(const std::string& bytes) {
    return DeferredContent{&given_bytes, const_cast<std::string*>(&bytes), 0};
}

/// A new dictionary, indirect (in the cross-reference table) when `indirect`; nullptr when out
/// of memory (libharu frees an object it could not add).
HPDF_Dict new_dict(HPDF_Doc pdf, bool indirect) {
    HPDF_Dict dict = HPDF_Dict_New(pdf->mmgr);
    if (dict != nullptr && indirect && HPDF_Xref_Add(pdf->xref, dict) != HPDF_OK) return nullptr;
    return dict;
}

/// /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>, a new direct
/// object each time (libharu adds a direct object once).
HPDF_STATUS add_system_info(HPDF_Doc pdf, HPDF_Dict to) {
    HPDF_Dict info = new_dict(pdf, false);
    if (info == nullptr) return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS s = HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", nullptr));
    if (s == HPDF_OK) s = HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", nullptr));
    if (s == HPDF_OK) s = HPDF_Dict_AddNumber(info, "Supplement", 0);
    return s == HPDF_OK ? HPDF_Dict_Add(to, "CIDSystemInfo", info) : s;
}

/// /W [0 [w0 w1 ...] 8000 [...]]: every CID's width, in runs that keep each array well under
/// libharu's 32,767 items.
HPDF_STATUS add_widths(HPDF_Doc pdf, HPDF_Dict cid_font, const std::vector<int>& widths) {
    HPDF_Array w = HPDF_Array_New(pdf->mmgr);
    if (w == nullptr) return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS s = HPDF_OK;
    constexpr std::size_t run = 8000;
    for (std::size_t start = 0; s == HPDF_OK && start < widths.size(); start += run) {
        HPDF_Array part = HPDF_Array_New(pdf->mmgr);
        if (part == nullptr) return HPDF_FAILD_TO_ALLOC_MEM;
        for (std::size_t i = start; s == HPDF_OK && i < std::min(widths.size(), start + run); ++i)
            s = HPDF_Array_AddNumber(part, widths[i]);
        if (s == HPDF_OK) s = HPDF_Array_AddNumber(w, static_cast<HPDF_INT32>(start));
        if (s == HPDF_OK) s = HPDF_Array_Add(w, part);
    }
    return s == HPDF_OK ? HPDF_Dict_Add(cid_font, "W", w) : s;
}

/// The FontDescriptor, with its /FontFile3 stream (content from `program`, set by the caller).
HPDF_STATUS add_descriptor(HPDF_Doc pdf, HPDF_Dict cid_font, const CffFont& cff, HPDF_Dict program) {
    HPDF_Dict d = new_dict(pdf, true);
    if (d == nullptr) return HPDF_FAILD_TO_ALLOC_MEM;
    // Flags: Symbolic (its glyphs are named by CID, not the standard Latin set), Italic, FixedPitch.
    const int flags = 4 | (cff.italic ? 64 : 0) | (cff.fixed_pitch ? 1 : 0);
    const HPDF_Box box{static_cast<HPDF_REAL>(cff.bbox[0]), static_cast<HPDF_REAL>(cff.bbox[1]),
                       static_cast<HPDF_REAL>(cff.bbox[2]), static_cast<HPDF_REAL>(cff.bbox[3])};
    HPDF_STATUS s = HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    if (s == HPDF_OK) s = HPDF_Dict_AddName(d, "FontName", cff.base_font.c_str());
    if (s == HPDF_OK) s = HPDF_Dict_AddNumber(d, "Flags", flags);
    if (s == HPDF_OK) s = HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, box));
    if (s == HPDF_OK) s = HPDF_Dict_AddReal(d, "ItalicAngle", static_cast<HPDF_REAL>(cff.italic_angle));
    if (s == HPDF_OK) s = HPDF_Dict_AddNumber(d, "Ascent", cff.ascent);
    if (s == HPDF_OK) s = HPDF_Dict_AddNumber(d, "Descent", cff.descent);
    if (s == HPDF_OK) s = HPDF_Dict_AddNumber(d, "CapHeight", cff.cap_height);
    if (s == HPDF_OK) s = HPDF_Dict_AddNumber(d, "StemV", 80);  // unknown to the CFF: a common value
    if (s == HPDF_OK) s = HPDF_Dict_Add(d, "FontFile3", program);
    return s == HPDF_OK ? HPDF_Dict_Add(cid_font, "FontDescriptor", d) : s;
}

}  // namespace

core::Result<HPDF_Font> new_cff_font(Document& doc) {
    HPDF_Doc pdf = doc.get();
    HPDF_Dict font = new_dict(pdf, true);
    if (font == nullptr) return core::unexpected(doc.check(HPDF_FAILD_TO_ALLOC_MEM, "making a CFF font").error());
    HPDF_STATUS s = HPDF_Dict_AddName(font, "Type", "Font");
    if (s == HPDF_OK) s = HPDF_Dict_AddName(font, "Subtype", "Type0");
    if (auto r = doc.check(s, "making a CFF font"); !r) return core::unexpected(r.error());
    return font;
}

core::Result<core::Ok> embed_cff_font(Document& doc, HPDF_Font font, const FontProgram& program,
                                      const std::string& to_unicode) {
    const std::string what = "embedding a CFF font program";
    if (!program.cff) return doc.check(HPDF_INVALID_OBJECT, what);
    const CffFont& cff = *program.cff;
    HPDF_Doc pdf = doc.get();
    HPDF_Dict encoding = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    HPDF_Dict unicode = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    HPDF_Dict file = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    HPDF_Dict cid_font = new_dict(pdf, true);
    HPDF_Array descendants = HPDF_Array_New(pdf->mmgr);
    if (encoding == nullptr || unicode == nullptr || file == nullptr || cid_font == nullptr || descendants == nullptr)
        return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what);
    // The Type0 font.
    HPDF_STATUS s = HPDF_Dict_AddName(font, "BaseFont", cff.base_font.c_str());
    if (s == HPDF_OK) s = HPDF_Dict_Add(font, "Encoding", encoding);
    if (s == HPDF_OK) s = HPDF_Array_Add(descendants, cid_font);
    if (s == HPDF_OK) s = HPDF_Dict_Add(font, "DescendantFonts", descendants);
    if (s == HPDF_OK) s = HPDF_Dict_Add(font, "ToUnicode", unicode);
    // Its encoding CMap.
    if (s == HPDF_OK) s = HPDF_Dict_AddName(encoding, "Type", "CMap");
    if (s == HPDF_OK) s = HPDF_Dict_AddName(encoding, "CMapName", cff.cmap_name.c_str());
    if (s == HPDF_OK) s = add_system_info(pdf, encoding);
    if (s == HPDF_OK) s = HPDF_Dict_AddNumber(encoding, "WMode", 0);
    // The CIDFont.
    if (s == HPDF_OK) s = HPDF_Dict_AddName(cid_font, "Type", "Font");
    if (s == HPDF_OK) s = HPDF_Dict_AddName(cid_font, "Subtype", "CIDFontType0");
    if (s == HPDF_OK) s = HPDF_Dict_AddName(cid_font, "BaseFont", cff.base_font.c_str());
    if (s == HPDF_OK) s = add_system_info(pdf, cid_font);
    if (s == HPDF_OK) s = add_descriptor(pdf, cid_font, cff, file);
    if (s == HPDF_OK) s = add_widths(pdf, cid_font, cff.widths);
    if (s == HPDF_OK) s = HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C");
    if (auto r = doc.check(s, what); !r) return r;
    if (auto r = set_deflated_stream(doc, file, as_given(program.font_file)); !r) return r;
    if (auto r = set_deflated_stream(doc, encoding, as_given(cff.encoding)); !r) return r;
    return set_deflated_stream(doc, unicode, as_given(to_unicode));
}

}  // namespace folio::pdf::hpdf
