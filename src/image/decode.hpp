#pragma once
/// The decoders behind load_image, one per format. Each takes the whole file in memory and
/// fills `out` (width, height, components, pixels, alpha) or returns the reason it could not.
/// Internal to the image stage.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "image/image.hpp"

namespace folio::image::detail {

/// The largest image folio decodes, in pixels (a 100-megapixel guard against decompression bombs).
inline constexpr std::uint64_t max_pixels = 100'000'000;

/// The largest image file folio reads, in bytes (a 100-megapixel image compresses to less).
inline constexpr std::uint64_t max_file_bytes = std::uint64_t{256} << 20;

/// The widest and tallest PNG folio decodes, in pixels (libpng's default user limit, stated).
inline constexpr std::uint64_t max_side = 65'535;

/// The reason for refusing an image of `width` x `height` pixels, above max_pixels or max_side,
/// stating both limits.
inline std::string too_large(std::uint64_t width, std::uint64_t height) {
    return "the image is " + std::to_string(width) + " x " + std::to_string(height) + " pixels (" +
           std::to_string(width * height / 1'000'000) + " megapixels); folio decodes at most " +
           std::to_string(max_pixels / 1'000'000) + " megapixels, at most " + std::to_string(max_side) +
           " pixels a side for PNG";
}

/// Decodes a PNG with libpng; returns "" on success or the reason for failure.
std::string decode_png(std::string_view bytes, Image& out);

/// Decodes a JPEG with libjpeg-turbo; returns "" on success or the reason for failure.
std::string decode_jpeg(std::string_view bytes, Image& out);

}  // namespace folio::image::detail
