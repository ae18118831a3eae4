// pipeline::library_versions: each stage reports the version of the library it wraps.

#include "pipeline/pipeline.hpp"

#include "pdf/version.hpp"
#include "text/versions.hpp"
#include "xml/version.hpp"

namespace folio::pipeline {

std::vector<std::pair<std::string, std::string>> library_versions() {
    return {{"libharu", pdf::libharu_version()},
            {"HarfBuzz", text::harfbuzz_version()},
            {"FreeType", text::freetype_version()},
            {"pugixml", xml::pugixml_version()}};
}

}  // namespace folio::pipeline
