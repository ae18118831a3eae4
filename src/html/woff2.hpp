#pragma once
/// WOFF2 files for the HTML's embedded fonts (issue 20).

#include <optional>
#include <string>
#include <string_view>

namespace folio::html {

/// The sfnt file `sfnt` (TrueType or CFF) as a WOFF2 file with null transforms and Brotli at
/// quality 5; nothing when it is not a well-formed sfnt or Brotli fails. Pure.
std::optional<std::string> sfnt_to_woff2(std::string_view sfnt);

}  // namespace folio::html
