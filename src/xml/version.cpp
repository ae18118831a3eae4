#include "xml/version.hpp"

#include <pugixml.hpp>

namespace folio::xml {

std::string pugixml_version() {
    constexpr int v = PUGIXML_VERSION;  // 1130 for 1.13 (1.x: major * 1000 + minor * 10)
    return std::to_string(v / 1000) + '.' + std::to_string(v % 1000 / 10);
}

}  // namespace folio::xml
