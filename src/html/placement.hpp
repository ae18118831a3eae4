#pragma once
/// Internal to the HTML writer: the print rules of positioned blocks (style/placement.hpp).

#include <string>

#include "style/computed.hpp"

namespace folio::html {

/// Appends, for print only, a rule per selector of a positioned block: `position-page: every`
/// becomes position: fixed (a browser prints it on every page), `cover` position: absolute on
/// the first page, at the style's offsets less the page margins; on screen, and in print for
/// the other pages, the block stays where it is in reading order.
void append_placement_rules(std::string& out, const style::StyledDocument& styled);

}  // namespace folio::html
