#pragma once
/// The version of pugixml this stage was built with (for `folio --version`, #21).

#include <string>

namespace folio::xml {

/// pugixml's version ("1.13"): the header's, as pugixml reports none at run time.
std::string pugixml_version();

}  // namespace folio::xml
