#pragma once
/// Text for XML: one escape shared by the writers of XML (the PDF's XMP metadata, the JUnit
/// report).

#include <string>
#include <string_view>

namespace folio::core {

/// `text` as XML character data or an attribute value: &, <, >, " and ' escaped, and the control
/// characters XML 1.0 forbids (all below U+0020 but tab, line feed and carriage return) dropped.
std::string xml_escape(std::string_view text);

}  // namespace folio::core
