#pragma once
/// The embedded font programs of a PDF, made by folio rather than by libharu.
///
/// libharu 2.3.0 subsets only the glyf table: every other table (cmap, post with its glyph
/// names, name, kern, GSUB, GPOS ...) goes into the file whole, and it deflates each font and a
/// 64K-entry CIDToGIDMap at save time, one after the other (about 2 ms per face). Here HarfBuzz's
/// subsetter keeps the glyphs the document draws (and the parts of its composite glyphs, at any
/// depth), numbered anew, in the tables a CIDFontType2 program needs, and each face's
/// program and CIDToGIDMap are made and compressed on worker threads while libharu carries on.
/// Nothing here touches libharu: hpdf::embed_font_program puts the results in the document.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/jobs.hpp"
#include "core/result.hpp"

namespace folio::pdf {

/// One face to embed: its TrueType file and what the document draws with it, as (code point,
/// glyph id) pairs in ascending code point order (CID = code point, the Identity-H encoding).
struct FontProgramRequest {
    std::string path;
    std::vector<std::pair<char32_t, std::uint16_t>> glyphs;
    bool cff = false;  ///< CFF outlines (.otf): the glyph ids are looked up here, libharu has no part
};

/// What the CIDFontType0 of a CFF face needs besides its program (font_programs_cff.cpp). Its
/// CIDs are the glyph ids of the subset; the page content still writes code points, which the
/// embedded /Encoding CMap maps to them, so the identity ToUnicode map stays right.
struct CffFont {
    std::string base_font;        ///< subset tag + PostScript name, e.g. "QXKBRA+P052-Roman"
    std::string encoding;         ///< the /Encoding CMap (code point -> CID), deflated
    std::string cmap_name;        ///< its /CMapName
    std::vector<int> widths;      ///< /W: the advance of each CID from 0, 1/1000 em, truncated
    std::array<int, 4> bbox{};    ///< /FontBBox, 1/1000 em
    int ascent = 0;               ///< 1/1000 em
    int descent = 0;              ///< 1/1000 em, negative
    int cap_height = 0;           ///< 1/1000 em
    double italic_angle = 0;      ///< degrees, from 'post'
    bool italic = false;
    bool fixed_pitch = false;
};

/// A face's embedded program and CIDToGIDMap, each a zlib stream.
struct FontProgram {
    std::string font_file;        ///< the subset TrueType file, deflated (/FontFile2); for a CFF
                                  ///< face its bare 'CFF ' table (/FontFile3 /CIDFontType0C)
    std::size_t font_length = 0;  ///< its size before compression (/Length1)
    std::string gid_map;          ///< CIDToGIDMap: the big-endian glyph id in font_file of each CID
                                  ///< from 0 to the last drawn, deflated (TrueType only)
    std::optional<CffFont> cff;   ///< set for a CFF face
};

/// True when the file at `path` is an OpenType font with CFF outlines (it begins "OTTO"), which
/// libharu 2.3.0 cannot read: such faces are embedded by folio alone.
bool is_cff_font_file(const std::string& path);

/// The /Encoding CMap text of a CFF face: each drawn code point (2-byte code) to its CID, named
/// `name`, with the Adobe-Identity-0 system info of its CIDFont. `cids` ascending by code point.
std::string cid_encoding_cmap(const std::string& name, const std::vector<std::pair<char32_t, std::uint16_t>>& cids);

/// The subset of the face at request.path with .notdef and the glyphs of request.glyphs (and
/// their composite parts): the tables libharu copies (OS/2, cmap, cvt, fpgm, glyf, head, hhea,
/// hmtx, loca, maxp, name, post, prep), cut to those glyphs and numbered anew in their order;
/// and the CIDToGIDMap from each code point of request.glyphs to its glyph's new id. An error names the file. Pure; safe on any thread.
core::Result<FontProgram> make_font_program(const FontProgramRequest& request);

/// make_font_program for a CFF face (request.cff): HarfBuzz finds each code point's glyph and
/// subsets the face; the program is the subset's bare 'CFF ' table, and `cff` carries the CID
/// font's encoding, widths and descriptor values. Pure; safe on any thread.
core::Result<FontProgram> make_cff_program(const FontProgramRequest& request);

/// `raw` as a zlib stream at zlib's default level (libharu's for fonts), or nothing when zlib
/// fails. Thread-safe.
std::optional<std::string> deflate_font_data(std::string_view raw);

/// make_font_program for several faces on worker threads, started by the constructor. The
/// results do not depend on the number of threads.
class FontProgramBuilder {
public:
    /// Starts up to `threads` - 1 workers (0 = one per hardware thread, less the caller's);
    /// `cache_dir`: folio's cache folder, where TrueType programs are kept (#23), or empty.
    FontProgramBuilder(std::vector<FontProgramRequest> requests, unsigned threads, const std::string& cache_dir = {});
    FontProgramBuilder(const FontProgramBuilder&) = delete;
    FontProgramBuilder& operator=(const FontProgramBuilder&) = delete;
    ~FontProgramBuilder() = default;

    /// Makes the programs no worker has taken yet on the calling thread, waits for the workers
    /// and gives every program in request order (or the first error). Call once.
    core::Result<std::vector<FontProgram>> finish();

private:
    std::vector<FontProgramRequest> m_requests;
    std::vector<std::optional<core::Result<FontProgram>>> m_results;  ///< [request], set once
    core::Jobs m_jobs;  ///< last: its threads stop before the rest goes
};

}  // namespace folio::pdf
