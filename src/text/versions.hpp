#pragma once
/// The versions of the font libraries this stage runs on (for `folio --version`, #21).

#include <string>

namespace folio::text {

/// HarfBuzz's version as it reports it at run time ("6.0.0").
std::string harfbuzz_version();

/// FreeType's version as it reports it at run time ("2.12.1"); empty if it cannot start.
std::string freetype_version();

}  // namespace folio::text
