#pragma once
/// The vector model: a drawing as plain data, made by the SVG reader (src/xml/svg*.cpp) and the
/// QR encoder (src/qr), drawn by the PDF writer (src/pdf/vector.cpp) and re-serialized as inline
/// SVG by the HTML writer. Everything is flattened: groups, <use> and style inheritance are gone;
/// each shape carries its own transform, paint, stroke and clip. Coordinates are in the drawing's
/// space: x right, y down, (0,0) at the top left, `size` wide and high (CSS px for SVG).
/// The one structure kept is the translucent group (SVG `opacity` on an element), which must be
/// composited as one: each shape names its innermost group, and a group its parent.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/geometry.hpp"

namespace folio::image {

/// An affine transform [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f.
struct Matrix {
    double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
    /// This transform after `inner` (inner applied first): this * inner.
    [[nodiscard]] Matrix times(const Matrix& inner) const {
        return {a * inner.a + c * inner.b, b * inner.a + d * inner.b,
                a * inner.c + c * inner.d, b * inner.c + d * inner.d,
                a * inner.e + c * inner.f + e, b * inner.e + d * inner.f + f};
    }
    [[nodiscard]] core::Point apply(core::Point p) const {
        return {a * p.x + c * p.y + e, b * p.x + d * p.y + f};
    }
    [[nodiscard]] bool is_identity() const {
        return a == 1 && b == 0 && c == 0 && d == 1 && e == 0 && f == 0;
    }
};

/// One path segment kind; `cubic` takes three points (two controls and the end).
enum class Op : std::uint8_t { move, line, cubic, close };

/// A path: its operators and their points in order (move and line 1, cubic 3, close 0).
struct Path {
    std::vector<Op> ops;
    std::vector<core::Point> points;
};

/// The bounding box of a path's points (controls included), or an empty rect for no points.
core::Rect bounds(const Path& path);

/// Appends `v` with at most `decimals` decimals, no trailing zeros and no "-0" (0 for NaN):
/// the number format of the PDF and SVG writers of drawings.
void append_decimal(std::string& out, double v, int decimals);

/// One colour stop of a gradient.
struct Stop {
    double offset = 0;  ///< 0..1, non-decreasing
    core::Color color;
    double opacity = 1;
};

/// A linear (x1,y1 -> x2,y2) or radial (centre cx,cy radius r, focus fx,fy) gradient in the
/// user space of the shapes that use it, mapped by `transform`; pad spread only.
struct Gradient {
    bool radial = false;
    double x1 = 0, y1 = 0, x2 = 1, y2 = 0;  ///< linear: from, to; radial: focus (x1,y1), centre (x2,y2)
    double r = 0.5;                         ///< radial radius
    Matrix transform;
    std::vector<Stop> stops;
};

/// How an area or an outline is painted.
struct Paint {
    enum class Kind : std::uint8_t { none, colour, gradient };
    Kind kind = Kind::none;
    core::Color colour;
    std::uint32_t gradient = 0;  ///< index into Drawing::gradients for Kind::gradient
};

/// Line caps and joins, as PDF numbers them (0 butt/miter, 1 round, 2 square/bevel).
struct Stroke {
    double width = 1;
    std::uint8_t cap = 0;
    std::uint8_t join = 0;
    double miter_limit = 4;
    std::vector<double> dashes;  ///< empty for a solid line
    double dash_offset = 0;
};

/// A clip region: paths in drawing space, all intersected (nested clips flattened).
struct Clip {
    std::vector<Path> paths;
    std::vector<bool> even_odd;  ///< one per path
};

/// One painted shape.
struct Shape {
    Path path;            ///< in user space
    Matrix transform;     ///< user space -> drawing space
    Paint fill;
    Paint stroke;
    Stroke line;
    double fill_opacity = 1;
    double stroke_opacity = 1;
    bool even_odd = false;  ///< fill-rule
    std::int32_t clip = -1;  ///< index into Drawing::clips, or -1
    std::int32_t group = -1;  ///< index into Drawing::groups of the innermost group, or -1
};

/// A translucent group: its shapes (and inner groups) are painted together, then composited
/// with `opacity` as one (SVG 1.1 §14.5, a transparency group in PDF). Its shapes are
/// consecutive in Drawing::shapes; a parent's index is below its children's.
struct Group {
    double opacity = 1;
    std::int32_t parent = -1;  ///< the enclosing group, or -1
};

/// A whole drawing.
struct Drawing {
    core::Size size;  ///< the viewport (CSS px for SVG; modules for a QR code)
    std::vector<Shape> shapes;
    std::vector<Gradient> gradients;
    std::vector<Clip> clips;
    std::vector<Group> groups;
    std::string title;  ///< the SVG's <title>, if any (HTML falls back to the figure's alt)
};

/// Folds into their shapes the groups whose opacity can be multiplied into the shapes' own
/// without changing the picture: groups whose shapes each paint only a fill or only a stroke
/// and do not overlap (conservative bounds, stroke and joins included), innermost first; then
/// drops the groups no shape is in. So a translucent group of one filled shape (or of separate
/// strokes) stays a plain shape with its opacity, and only real overlaps cost a group.
void fold_groups(Drawing& drawing);

/// Folds the groups from index `keep` on into their shapes by multiplying their opacities in,
/// whether or not they overlap (an approximation, for drawings past a limit); keeps the rest.
void flatten_groups(Drawing& drawing, std::size_t keep);

/// The first and one-past-last index of the shapes in each group (inner groups' included), as
/// [first, last); {0, 0} for a group without shapes.
std::vector<std::pair<std::size_t, std::size_t>> group_ranges(const Drawing& drawing);

/// The group directly inside `outer` (-1: the drawing) that holds `group`, or -1 when `group`
/// is `outer` itself; `group` must be inside `outer`.
std::int32_t child_of(const Drawing& drawing, std::int32_t group, std::int32_t outer);

}  // namespace folio::image
