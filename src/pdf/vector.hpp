#pragma once
/// Vector drawings (image::Drawing: SVG images, QR codes) in a PDF: the content-stream bytes
/// that paint one into its box (pure, any thread), and the page resources it needs (ExtGStates
/// for opacity, shading dictionaries for gradients, soft masks for gradients' stop opacities,
/// Form XObjects for translucent groups) made through the libharu adapter.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/geometry.hpp"
#include "core/result.hpp"
#include "image/vector.hpp"
#include "pdf/colour.hpp"
#include "pdf/hpdf_adapter.hpp"

namespace folio::pdf {

/// The names under which a page's /Resources hold what its drawings use.
struct VectorResources {
    std::map<std::pair<double, double>, std::string> alphas;  ///< (fill, stroke opacity) -> ExtGState
    std::map<std::pair<std::string, std::uint32_t>, std::string> shadings;  ///< (path, gradient) -> Shading
    /// (path, gradient) -> the ExtGState whose soft mask holds the gradient's stop opacities
    std::map<std::pair<std::string, std::uint32_t>, std::string> masks;
    std::map<std::pair<std::string, std::int32_t>, std::string> groups;  ///< (path, group) -> Form XObject
    /// (path, shape index) -> the ExtGState of a gradient stroke: its soft mask is the stroke
    /// painted white, so that the gradient's shading shows through the stroke only
    std::map<std::pair<std::string, std::size_t>, std::string> stroke_masks;
    std::vector<std::pair<std::string, const image::Drawing*>> drawings;   ///< path -> drawing
    /// Each name above -> its /Resources table ("ExtGState", "Shading", "XObject") and object,
    /// so that a Form XObject's own /Resources can name what its content uses.
    std::map<std::string, std::pair<const char*, void*>> objects;
    /// The drawing of `path`, or nullptr.
    [[nodiscard]] const image::Drawing* drawing(const std::string& path) const;
};

/// Registers on `page` what `drawing` (the image at `path`) needs that `names` lacks.
core::Result<core::Ok> register_vector(hpdf::Document& doc, HPDF_Page page, const std::string& path,
                                       const image::Drawing& drawing, ColourPolicy colours,
                                       VectorResources& names);

/// Appends the operators that paint `drawing` scaled into `box` (top-left page coordinates on
/// a page `page_height` high), clipped to the box, inside q ... Q.
void paint_vector(const image::Drawing& drawing, const std::string& path, const core::Rect& box,
                  double page_height, const VectorResources& names, ColourPolicy colours,
                  std::string& out);

/// Appends the operators, in the drawing's space, of the shapes directly in `group` (-1: the
/// whole drawing), each group inside it painted as its Form XObject under its opacity; `ranges`
/// are image::group_ranges(drawing). The content of paint_vector and of a group's form.
void paint_group(const image::Drawing& drawing, const std::string& path, std::int32_t group,
                 const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                 const VectorResources& names, ColourPolicy colours, std::string& out);

/// The fill and stroke opacity `shape` is painted with: its own, times the stop opacity of a
/// fill gradient whose stops share one (else its soft mask carries them, needs_mask) and the
/// first stop's of a stroke gradient (its stops share one, gradient_stroke; else it is drawn in
/// its first colour).
std::pair<double, double> shape_alpha(const image::Drawing& drawing, const image::Shape& shape);

/// True when the gradient's stops differ in opacity: a fill with it needs a soft mask.
bool needs_mask(const image::Gradient& gradient);

/// True when `shape`'s stroke is a gradient drawn as one (a shading seen through a soft mask of
/// the stroke); false when it takes the gradient's first colour (its stops differ in opacity,
/// which would need a second mask).
bool gradient_stroke(const image::Drawing& drawing, const image::Shape& shape);

/// The content of a gradient stroke's soft mask, in the shape's space: the stroke in white.
std::string stroke_mask_content(const image::Shape& shape);

}  // namespace folio::pdf
