#pragma once
/// Web font subsets: a face cut to the characters a page uses, for the HTML's embedded fonts.

#include <string>
#include <vector>

#include "core/result.hpp"

namespace folio::text {

/// The face at `path` cut by HarfBuzz's subsetter to .notdef and the glyphs of `code_points`
/// (with what they need: composite parts, the glyphs its GSUB features reach), with the layout
/// tables a browser uses (cmap, GPOS kerning, GSUB) and without hinting: an sfnt file (TrueType
/// or CFF, as the face is). An error names the file. Pure; safe on any thread.
core::Result<std::string> web_font_subset(const std::string& path, const std::vector<char32_t>& code_points);

}  // namespace folio::text
