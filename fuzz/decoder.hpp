#pragma once
/// What the png and jpeg targets share: run one of the image stage's decoders on the input and
/// check what it decoded.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common.hpp"
#include "image/decode.hpp"

namespace folio::fuzz {

/// A decoder of image/decode.hpp: fills the image or returns why it could not.
using Decoder = std::string (*)(std::string_view bytes, image::Image& out);

/// Decodes the input with `decode`; an image it accepts must hold exactly width x height x
/// components samples (and width x height alpha values, if any), or the target aborts.
inline int decode_and_check(Decoder decode, image::Format format, const std::uint8_t* data, std::size_t size) {
    image::Image img;
    img.format = format;
    const std::string bytes = bytes_of(data, size);
    if (!decode(bytes, img).empty()) return 0;
    const std::size_t pixels = std::size_t{img.width} * img.height;
    if (img.pixels.size() != pixels * static_cast<std::size_t>(img.components)) std::abort();
    if (!img.alpha.empty() && img.alpha.size() != pixels) std::abort();
    return 0;
}

}  // namespace folio::fuzz
