#pragma once
/// Internal to the HTML writer: escaping for element content and attributes, class lists, and the
/// number and colour formats the generated CSS uses.

#include <string>
#include <string_view>
#include <vector>

#include "core/geometry.hpp"

namespace folio::html {

/// Appends `s` escaped for element content (& < >); other characters, UTF-8 included, as they are.
void append_text(std::string& out, std::string_view s);

/// Appends ` name="value"` with the value escaped for a quoted attribute (& < > " ').
void append_attr(std::string& out, const char* name, std::string_view value);

/// The class names of a space-separated class list, in source order, without duplicates.
std::vector<std::string> split_classes(std::string_view classes);

/// A number with at most four decimals and no trailing zeros ("1.25", "0", "-3").
std::string format_number(double v);

/// The colour as `#rrggbb`; CMYK is converted naively (r = (1-c)(1-k), ...).
std::string hex_color(const core::Color& c);

}  // namespace folio::html
