#include "pdf/version.hpp"

#include <hpdf.h>

namespace folio::pdf {

std::string libharu_version() { return HPDF_GetVersion(); }

}  // namespace folio::pdf
