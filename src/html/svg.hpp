#pragma once
/// Inline SVG in the HTML, re-serialized from the vector model (image::Drawing): sanitized by
/// construction, since only paths, paints, strokes, gradients and clips exist in the model (no
/// script, no event attribute, no external reference can come through).

#include <string>
#include <string_view>
#include <unordered_map>

#include "image/vector.hpp"

namespace folio::html {

/// A figure's box that its drawing is fitted into (CSS object-fit, which does not apply to an
/// inline <svg>): the box's proportions and how the drawing fills it.
struct SvgFit {
    double width = 0;   ///< the box's width (any unit; only the ratio matters)
    double height = 0;  ///< the box's height
    enum class Mode : unsigned char { contain, cover, fill } mode = Mode::contain;
};

/// Appends `<svg ...>` for `drawing`: role="img" with a <title> of `alt` (aria-hidden when `alt`
/// is empty: decorative), its ids prefixed by `id_prefix` so several drawings share a page.
/// With `fit`, the <svg> takes the box's proportions at its container's width and the drawing
/// is placed in it by preserveAspectRatio: contain "xMidYMid meet" (the default), cover
/// "xMidYMid slice" (cropped by the <svg>'s own overflow: hidden), fill "none".
void append_inline_svg(std::string& out, const image::Drawing& drawing, std::string_view alt,
                       std::string_view id_prefix, const SvgFit* fit = nullptr);

/// append_inline_svg for drawings shown many times (the same <qr> on every page): the markup
/// after a drawing's <svg> tag, which does not depend on the id prefix when the drawing has no
/// gradients and no clips, is made once per drawing and copied after (issue 23: 70 QR codes
/// were 7 % of a whole build's instructions). The drawings must outlive the cache.
class InlineSvgCache {
public:
    /// The same bytes as append_inline_svg(out, drawing, alt, id_prefix).
    void append(std::string& out, const image::Drawing& drawing, std::string_view alt, std::string_view id_prefix,
                const SvgFit* fit = nullptr);

private:
    std::unordered_map<const image::Drawing*, std::string> m_bodies;
};

}  // namespace folio::html
