#pragma once
/// Lengths, points and rectangles. All coordinates are PDF points (1/72 in) with the origin at the
/// top-left corner of the page and y growing downwards; only the PDF writer flips them.

#include <cstdint>
#include <string>

namespace folio::core {

/// A length, stored in points, built only through the named unit constructors.
class Length {
public:
    constexpr Length() = default;
    static constexpr Length pt(double v) { return Length(v); }
    static constexpr Length mm(double v) { return Length(v * 72.0 / 25.4); }
    static constexpr Length cm(double v) { return Length(v * 720.0 / 25.4); }
    static constexpr Length in(double v) { return Length(v * 72.0); }
    static constexpr Length px(double v) { return Length(v * 72.0 / 96.0); }
    static constexpr Length em(double v, double font_size_pt) { return Length(v * font_size_pt); }
    /// The length in points.
    [[nodiscard]] constexpr double points() const { return m_pt; }
    constexpr bool operator==(const Length&) const = default;

private:
    constexpr explicit Length(double v) : m_pt(v) {}
    double m_pt = 0;
};

/// A point in page coordinates (points, origin top-left).
struct Point {
    double x = 0;
    double y = 0;
    constexpr bool operator==(const Point&) const = default;
};

/// A width and a height in points.
struct Size {
    double width = 0;
    double height = 0;
    constexpr bool operator==(const Size&) const = default;
};

/// An axis-aligned rectangle in page coordinates.
struct Rect {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
    [[nodiscard]] constexpr double right() const { return x + width; }
    [[nodiscard]] constexpr double bottom() const { return y + height; }
    constexpr bool operator==(const Rect&) const = default;
};

/// An sRGB or CMYK colour; components are 0..1. A spot colour (a named ink) is CMYK, its
/// alternate, with the ink's id (SpotColour::id): whatever does not know inks draws the alternate.
struct Color {
    enum class Space : unsigned char { rgb, cmyk };
    Space space = Space::rgb;
    double c[4] = {0, 0, 0, 0};  ///< r,g,b or c,m,y,k
    static constexpr Color rgb(double r, double g, double b) { return Color{Space::rgb, {r, g, b, 0}}; }
    static constexpr Color cmyk(double c, double m, double y, double k) {
        return Color{Space::cmyk, {c, m, y, k}};
    }
    std::uint16_t spot = 0;  ///< 0, or the id of the spot colour (a CMYK colour) this is
    bool operator==(const Color& o) const {
        return space == o.space && c[0] == o.c[0] && c[1] == o.c[1] && c[2] == o.c[2] && c[3] == o.c[3] &&
               spot == o.spot;
    }
};

/// A named ink (a style sheet's spot("IOM Blue", cmyk(...))): the PDF paints it in a Separation
/// colour space with its CMYK alternate; colours of the ink carry its `id`.
struct SpotColour {
    std::uint16_t id = 0;  ///< 1..65535, from the name (style::spot_id)
    std::string name;
    Color alternate;       ///< CMYK
};

}  // namespace folio::core
