#pragma once
/// Inline SVG in the HTML, re-serialized from the vector model (image::Drawing): sanitized by
/// construction, since only paths, paints, strokes, gradients and clips exist in the model (no
/// script, no event attribute, no external reference can come through).

#include <string>
#include <string_view>
#include <unordered_map>

#include "image/vector.hpp"

namespace folio::html {

/// Appends `<svg ...>` for `drawing`: role="img" with a <title> of `alt` (aria-hidden when `alt`
/// is empty: decorative), its ids prefixed by `id_prefix` so several drawings share a page.
void append_inline_svg(std::string& out, const image::Drawing& drawing, std::string_view alt,
                       std::string_view id_prefix);

/// append_inline_svg for drawings shown many times (the same <qr> on every page): the markup
/// after a drawing's <svg> tag, which does not depend on the id prefix when the drawing has no
/// gradients and no clips, is made once per drawing and copied after (issue 23: 70 QR codes
/// were 7 % of a whole build's instructions). The drawings must outlive the cache.
class InlineSvgCache {
public:
    /// The same bytes as append_inline_svg(out, drawing, alt, id_prefix).
    void append(std::string& out, const image::Drawing& drawing, std::string_view alt, std::string_view id_prefix);

private:
    std::unordered_map<const image::Drawing*, std::string> m_bodies;
};

}  // namespace folio::html
