#include "text/versions.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

namespace folio::text {

std::string harfbuzz_version() { return hb_version_string(); }

std::string freetype_version() {
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0) return {};
    FT_Int major = 0, minor = 0, patch = 0;
    FT_Library_Version(library, &major, &minor, &patch);
    FT_Done_FreeType(library);
    return std::to_string(major) + '.' + std::to_string(minor) + '.' + std::to_string(patch);
}

}  // namespace folio::text
