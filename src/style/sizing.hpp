#pragma once
/// The size and placement of figures (issue 18): width, height, max-width, object-fit and float,
/// as style sheets write them (docs/style-sheets.md, "Figures"). Not inherited.

#include <cstdint>
#include <string_view>
#include <vector>

namespace folio::style {

/// A length in points, a percentage of a reference (the column's width; for `height` the text
/// area's height), or auto (none, for max-width).
struct SizeValue {
    enum class Unit : std::uint8_t { none, points, percent };
    Unit unit = Unit::none;
    double value = 0;  ///< points, or percent (0 < value <= 100)

    /// True for auto (none): the property was not set.
    [[nodiscard]] bool is_auto() const { return unit == Unit::none; }
    /// The value in points against `reference` points (a percentage's 100 %).
    [[nodiscard]] double resolve(double reference) const {
        return unit == Unit::percent ? value * reference / 100.0 : value;
    }
    friend bool operator==(const SizeValue&, const SizeValue&) = default;
};

/// How an image fills a box whose width and height are both given (CSS object-fit).
enum class ObjectFit : std::uint8_t { contain, cover, fill };
/// Which side of the column a figure floats to, with the text flowing beside it (CSS float).
enum class FloatSide : std::uint8_t { none, left, right };

/// A figure's sizing properties.
struct Sizing {
    SizeValue width;      ///< of the image (the figure's box), auto = the image's natural size
    SizeValue height;     ///< of the image, auto = from the width and the aspect ratio
    SizeValue max_width;  ///< none, or the widest the image may be
    ObjectFit fit = ObjectFit::contain;
    FloatSide float_side = FloatSide::none;
    friend bool operator==(const Sizing&, const Sizing&) = default;
};

/// Lengths above this (200 inches, far beyond any page) are refused as invalid values.
inline constexpr double largest_size = 14400;

/// One sizing property of a style sheet: its name, what the error message expects, and its
/// parser into a Sizing (false for an invalid value; `em` is the element's font size).
struct SizingProperty {
    std::string_view name;
    std::string_view expected;
    bool (*set)(Sizing& s, std::string_view value, double em);
};

/// width, height, max-width, object-fit and float, in that order.
const std::vector<SizingProperty>& sizing_properties();

}  // namespace folio::style
