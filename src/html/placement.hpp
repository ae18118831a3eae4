#pragma once
/// Internal to the HTML writer: the print rules of positioned blocks (style/placement.hpp).

#include <string>

#include "style/computed.hpp"

namespace folio::html {

/// Appends, for print only, a rule per selector of a positioned block that puts it as near to
/// where the PDF puts it as Chromium's paged media allows (placement.cpp): `every` in an @page
/// margin box (text in a margin) or fixed on each printed page, `back-cover` on an empty last
/// page, the others in the flow at their horizontal offsets; on screen the block stays where it
/// is in reading order.
void append_placement_rules(std::string& out, const style::StyledDocument& styled);

}  // namespace folio::html
