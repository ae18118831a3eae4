#pragma once
/// The version of libharu this stage runs on (for `folio --version`, #21).

#include <string>

namespace folio::pdf {

/// libharu's version as it reports it at run time ("2.3.0").
std::string libharu_version();

}  // namespace folio::pdf
