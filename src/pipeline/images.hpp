#pragma once
/// The pipeline's image loader: SVG files through the SVG reader (src/xml), PNG and JPEG through
/// the image stage. Realize calls it once per image path.

#include <string>

#include "core/diagnostic.hpp"
#include "core/result.hpp"
#include "image/image.hpp"

namespace folio::pipeline {

/// Reads the image at `path`: an SVG (recognised by its first bytes, never by its name) becomes
/// a vector image (Format::svg) with its warnings in `warnings`; anything else goes to
/// image::load_image.
core::Result<image::Image> load_any_image(const std::string& path, core::Diagnostics& warnings);

}  // namespace folio::pipeline
