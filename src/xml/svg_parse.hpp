#pragma once
/// The SVG reader's micro-syntaxes (internal to src/xml): numbers, lengths, path data,
/// transform lists and colours. Pure functions over strings; no pugixml.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geometry.hpp"
#include "image/vector.hpp"

namespace folio::xml::svg {

/// Reads a number (SVG/CSS syntax: sign, digits, fraction, exponent) at the front of `s` after
/// whitespace and at most one comma, and removes it; nullopt (and `s` unchanged) if none.
std::optional<double> take_number(std::string_view& s);

/// A list of numbers separated by whitespace and/or commas; nullopt if anything else is in it.
std::optional<std::vector<double>> number_list(std::string_view s);

/// A length in user units (px): px, pt, pc, mm, cm, in, em (16 px), ex (8 px), or `%` of
/// `percent_of`; nullopt for anything else.
std::optional<double> length(std::string_view s, double percent_of);

/// Path data (SVG 1.1 §8.3): every command; quadratic curves and arcs become cubics. On a syntax
/// error the path so far is kept (as SVG renders it) and `error` says where it stopped.
image::Path path_data(std::string_view d, std::string& error);

/// A transform list (matrix, translate, scale, rotate, skewX, skewY); nullopt when malformed.
std::optional<image::Matrix> transform_list(std::string_view s);

/// A colour: #rgb, #rrggbb, rgb(r,g,b) with numbers or percentages, or one of the CSS named
/// colours folio knows; nullopt otherwise (`none` and `currentColor` are the caller's).
std::optional<core::Color> colour(std::string_view s);

/// The value of `name` in a `style` attribute ("fill:red; stroke-width:2"), or nullopt.
std::optional<std::string_view> style_property(std::string_view style, std::string_view name);

/// `s` without leading and trailing whitespace.
std::string_view trimmed(std::string_view s);

}  // namespace folio::xml::svg
