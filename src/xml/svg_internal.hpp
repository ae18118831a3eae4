#pragma once
/// The SVG reader's parts over pugixml (internal to src/xml): the geometry of the basic shapes
/// and the gradients a paint server element describes.

#include <pugixml.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/geometry.hpp"
#include "image/vector.hpp"

namespace folio::xml::svg {

/// The element's name without a namespace prefix ("svg:rect" -> "rect").
std::string_view local_name(pugi::xml_node el);

/// A presentation property of `el`: its `style` attribute's declaration wins over the attribute.
std::optional<std::string_view> property(pugi::xml_node el, std::string_view name);

/// The fragment id of an `href` or `xlink:href` ("#logo" -> "logo"); "" when there is none, and
/// `external` set when the reference points outside the file (never followed).
std::string fragment(pugi::xml_node el, bool& external);

/// The outline of a basic shape or path element in its user space (`viewport` resolves
/// percentages). Empty when the element draws nothing (a zero-sized rect); `error` says why a
/// path stopped early.
image::Path shape_path(pugi::xml_node el, core::Size viewport, std::string& error);

/// The gradient that `el` (linearGradient or radialGradient, following its href chain for
/// stops and attributes) gives a shape whose user-space bounds are `box`. nullopt when it paints
/// nothing (no stops, or a bounding box of zero size); `warning` names what was approximated.
std::optional<image::Gradient> gradient(pugi::xml_node el, const core::Rect& box, core::Size viewport,
                                        const std::unordered_map<std::string, pugi::xml_node>& ids,
                                        std::string& warning);

}  // namespace folio::xml::svg
