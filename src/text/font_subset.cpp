// Web font subsets through HarfBuzz's subsetter (see font_subset.hpp).

#include "text/font_subset.hpp"

#include "text/hb_handles.hpp"

namespace folio::text {
namespace {

core::Unexpected subset_error(const std::string& path, const std::string& message) {
    return core::unexpected({core::Severity::error, "font.subset", message, {path, 0, 0}});
}

}  // namespace

core::Result<std::string> web_font_subset(const std::string& path, const std::vector<char32_t>& code_points) {
    const hb::Blob file(hb_blob_create_from_file_or_fail(path.c_str()));
    if (!file) return subset_error(path, "cannot read the font file to subset it");
    const hb::Face face(hb_face_create(file.get(), 0));
    if (hb_face_get_glyph_count(face.get()) == 0) return subset_error(path, "the font has no glyphs");
    const hb::Input input(hb_subset_input_create_or_fail());
    if (!input) return subset_error(path, "cannot subset the font (out of memory)");
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (char32_t cp : code_points) hb_set_add(unicodes, cp);
    hb_set_add(hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG), HB_TAG('D', 'S', 'I', 'G'));
    // Browsers draw without the hints at today's resolutions; they are a third of a TrueType
    // subset.
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
    const hb::Face subset(hb_subset_or_fail(face.get(), input.get()));
    if (!subset) return subset_error(path, "HarfBuzz could not subset the font");
    const hb::Blob bytes(hb_face_reference_blob(subset.get()));
    unsigned length = 0;
    const char* data = hb_blob_get_data(bytes.get(), &length);
    if (data == nullptr || length == 0) return subset_error(path, "HarfBuzz gave an empty subset of the font");
    return std::string(data, length);
}

}  // namespace folio::text
