// Font programs made by HarfBuzz's subsetter (see font_programs.hpp).

#include "pdf/font_programs.hpp"

#include "pdf/font_program_cache.hpp"
#include "text/hb_handles.hpp"

#include <hb-subset.h>
#include <hb.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <memory>

namespace folio::pdf {
namespace {

core::Diagnostic font_error(const std::string& path, const std::string& message) {
    return core::Diagnostic{core::Severity::error, "pdf.write", message, {path, 0, 0}};
}

/// The tables libharu 2.3.0 copies into an embedded TrueType program (its REQUIRED_TAGS and
/// OPTIONAL_TAGS): what a CIDFontType2 program needs to be drawn, hinted and identified.
/// Everything else (GSUB, GPOS, GDEF, kern, DSIG, ...) is for layout, which is done already.
constexpr std::array<hb_tag_t, 13> kept_tables{
    HB_TAG('O', 'S', '/', '2'), HB_TAG('c', 'm', 'a', 'p'), HB_TAG('c', 'v', 't', ' '),
    HB_TAG('f', 'p', 'g', 'm'), HB_TAG('g', 'l', 'y', 'f'), HB_TAG('h', 'e', 'a', 'd'),
    HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('l', 'o', 'c', 'a'),
    HB_TAG('m', 'a', 'x', 'p'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'),
    HB_TAG('p', 'r', 'e', 'p')};

using text::hb::Blob;
using text::hb::Face;
using text::hb::Input;
using text::hb::Plan;

}  // namespace

std::optional<std::string> deflate_font_data(std::string_view raw) {
    uLongf length = compressBound(static_cast<uLong>(raw.size()));
    std::string out(length, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &length, reinterpret_cast<const Bytef*>(raw.data()),
                  static_cast<uLong>(raw.size()), Z_DEFAULT_COMPRESSION) != Z_OK) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

core::Result<FontProgram> make_font_program(const FontProgramRequest& request) {
    if (request.cff) return make_cff_program(request);
    const std::string& path = request.path;
    const Blob file(hb_blob_create_from_file_or_fail(path.c_str()));
    if (!file) return core::unexpected(font_error(path, "cannot read the font file to embed it"));
    const Face face(hb_face_create(file.get(), 0));
    const unsigned glyph_count = hb_face_get_glyph_count(face.get());
    if (glyph_count == 0) return core::unexpected(font_error(path, "the font to embed has no glyphs"));

    const Input input(hb_subset_input_create_or_fail());
    if (!input) return core::unexpected(font_error(path, "cannot subset the font (out of memory)"));
    hb_set_t* glyphs = hb_subset_input_glyph_set(input.get());
    hb_set_add(glyphs, 0);
    for (const auto& [cp, gid] : request.glyphs) {
        if (gid < glyph_count) hb_set_add(glyphs, gid);
    }
    // The cmap keeps the drawn code points (the program stays consistent on its own; PDF viewers
    // go through the CIDToGIDMap).
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (const auto& [cp, gid] : request.glyphs) {
        if (gid != 0) hb_set_add(unicodes, cp);
    }
    hb_set_t* dropped = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    std::array<hb_tag_t, 64> tags{};
    for (unsigned start = 0;;) {
        unsigned count = tags.size();
        const unsigned total = hb_face_get_table_tags(face.get(), start, &count, tags.data());
        for (unsigned i = 0; i < count; ++i) {
            if (std::find(kept_tables.begin(), kept_tables.end(), tags[i]) == kept_tables.end())
                hb_set_add(dropped, tags[i]);
        }
        start += count;
        if (count == 0 || start >= total) break;
    }
    // The glyphs are numbered anew in their order, so that loca and hmtx hold only them (the
    // CIDToGIDMap below says where each code point's glyph went). .notdef keeps its outline: a
    // code point the face lacks shows as a box, not as nothing.
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    const Plan plan(hb_subset_plan_create_or_fail(face.get(), input.get()));
    if (!plan) return core::unexpected(font_error(path, "HarfBuzz could not plan the subset of the font"));
    const Face subset(hb_subset_plan_execute_or_fail(plan.get()));
    if (!subset) return core::unexpected(font_error(path, "HarfBuzz could not subset the font to embed it"));
    const hb_map_t* new_glyphs = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
    const Blob bytes(hb_face_reference_blob(subset.get()));
    unsigned length = 0;
    const char* data = hb_blob_get_data(bytes.get(), &length);
    if (data == nullptr || length == 0) {
        return core::unexpected(font_error(path, "HarfBuzz gave an empty subset of the font"));
    }

    FontProgram out;
    out.font_length = length;
    auto font_file = deflate_font_data({data, length});
    // One big-endian glyph id per CID from 0 to the last drawn: no CID beyond it is ever shown.
    const std::size_t cids = request.glyphs.empty() ? 1 : request.glyphs.back().first + 1u;
    std::string map(cids * 2, '\0');
    for (const auto& [cp, old_gid] : request.glyphs) {
        const hb_codepoint_t gid = hb_map_get(new_glyphs, old_gid);
        if (gid == HB_MAP_VALUE_INVALID) continue;  // not in the face: .notdef (0)
        map[cp * 2] = static_cast<char>(gid >> 8);
        map[cp * 2 + 1] = static_cast<char>(gid & 0xFF);
    }
    auto gid_map = deflate_font_data(map);
    if (!font_file || !gid_map) return core::unexpected(font_error(path, "zlib could not compress the embedded font"));
    out.font_file = std::move(*font_file);
    out.gid_map = std::move(*gid_map);
    return out;
}

FontProgramBuilder::FontProgramBuilder(std::vector<FontProgramRequest> requests, unsigned threads,
                                       const std::string& cache_dir)
    : m_requests(std::move(requests)), m_results(m_requests.size()),
      m_jobs(std::min<std::size_t>(core::thread_count(threads) - 1, m_requests.size()), m_requests.size(),
             [this, cache_dir](std::size_t i, unsigned) {
                 m_results[i].emplace(cached_or_made(m_requests[i], cache_dir));  // #23
             }) {}

core::Result<std::vector<FontProgram>> FontProgramBuilder::finish() {
    m_jobs.finish();
    std::vector<FontProgram> out;
    out.reserve(m_results.size());
    for (auto& result : m_results) {
        if (!result) return core::unexpected(font_error("", "a font program was never made"));
        if (!*result) return core::unexpected(result->error());
        out.push_back(std::move(**result));
    }
    return out;
}

}  // namespace folio::pdf
