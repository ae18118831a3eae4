#pragma once
/// Vector drawings (image::Drawing: SVG images, QR codes) in a PDF: the content-stream bytes
/// that paint one into its box (pure, any thread), and the page resources it needs (ExtGStates
/// for opacity, shading dictionaries for gradients) made through the libharu adapter.

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
    std::vector<std::pair<std::string, const image::Drawing*>> drawings;   ///< path -> drawing
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

}  // namespace folio::pdf
