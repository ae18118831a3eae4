#pragma once
/// Inline SVG in the HTML, re-serialized from the vector model (image::Drawing): sanitized by
/// construction, since only paths, paints, strokes, gradients and clips exist in the model (no
/// script, no event attribute, no external reference can come through).

#include <string>
#include <string_view>

#include "image/vector.hpp"

namespace folio::html {

/// Appends `<svg ...>` for `drawing`: role="img" with a <title> of `alt` (aria-hidden when `alt`
/// is empty: decorative), its ids prefixed by `id_prefix` so several drawings share a page.
void append_inline_svg(std::string& out, const image::Drawing& drawing, std::string_view alt,
                       std::string_view id_prefix);

}  // namespace folio::html
