#pragma once
/// Parsers for style sheet values: lengths, colours, numbers, page sizes.

#include <optional>
#include <string_view>

#include "core/geometry.hpp"

namespace folio::style {

/// Parses "12pt", "4.2mm", "1cm", "0.5in", "16px", "1.5em" (em relative to `font_size` points).
/// A bare "0" is accepted. Returns points.
std::optional<double> parse_length(std::string_view v, double font_size);

/// Parses "#rgb", "#rrggbb", "rgb(r, g, b)" (0..255 or %), "cmyk(c, m, y, k)" (0..1 or %).
std::optional<core::Color> parse_color(std::string_view v);

/// Parses a plain decimal number.
std::optional<double> parse_number(std::string_view v);

/// Parses a named page size (A3, A4, A5, Letter, DL) or "W H" lengths; portrait orientation.
std::optional<core::Size> parse_page_size(std::string_view v);

}  // namespace folio::style
