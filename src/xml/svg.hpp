#pragma once
/// The SVG reader: a static SVG (the SVG Tiny 1.2 drawing subset, docs/graphics.md) read with
/// pugixml into the plain vector model of image/vector.hpp. Nothing external is ever followed:
/// no entity is expanded, no file or URL is fetched, no script is run.

#include "core/diagnostic.hpp"
#include "core/result.hpp"
#include "core/source_file.hpp"
#include "image/vector.hpp"

namespace folio::xml {

/// The limits of one SVG drawing (docs/limits.md).
struct SvgLimits {
    std::size_t max_points = 200'000;   ///< path points of the whole drawing, <use> copies included
    std::size_t max_shapes = 20'000;    ///< painted shapes, <use> copies included
    int max_depth = 64;                 ///< element nesting
    int max_use_depth = 8;              ///< <use> inside <use>
    double max_coordinate = 1e6;        ///< largest |number| in user units
    std::size_t max_groups = 256;       ///< translucent groups composited as one (PDF forms)
    std::size_t max_masks = 256;        ///< fill gradients whose stops differ in opacity (soft masks)
    std::size_t max_gradients = 1000;   ///< gradient paints (PDF shadings); past it, the first stop
};

/// Reads an SVG file held in `file`. Unsupported elements and attributes (filters, scripts,
/// external references, animation, text) are skipped with a warning naming the element and its
/// line; a malformed file, an entity declaration or a drawing above the limits is an error.
core::Result<image::Drawing> read_svg(const core::SourceFile& file, core::Diagnostics& diags,
                                      const SvgLimits& limits = {});

/// True when `bytes` look like an SVG file (an XML prolog, comment or `<svg` first).
bool looks_like_svg(std::string_view bytes);

}  // namespace folio::xml
