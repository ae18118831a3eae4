#pragma once
/// `folio check` reports every problem it can find in one run (#21): when a source has errors,
/// the render stops before realize, which decodes the images; this decodes them anyway.

#include <string>

#include "core/diagnostic.hpp"
#include "doc/document.hpp"

namespace folio::pipeline {

/// Decodes every image `document` uses (cover, figures) once each and reports, at the element
/// that names it, each that cannot be decoded (the same errors realize would report). Images the
/// reader already refused (missing, or outside `source_folder` without `allow_outside`) are not
/// read.
void check_images(const doc::Document& document, const std::string& source_folder, bool allow_outside,
                  core::Diagnostics& diags);

}  // namespace folio::pipeline
