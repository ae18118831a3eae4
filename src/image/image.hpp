#pragma once
/// The image stage: decodes PNG and JPEG files with libpng and libjpeg-turbo (never libharu's own
/// loaders, which abort the process on corrupt files), normalised to 8-bit samples.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "image/vector.hpp"

namespace folio::image {

/// The file format an image came in.
enum class Format : std::uint8_t { png, jpeg, svg };

/// A decoded image: 8-bit samples, row-major, no padding.
struct Image {
    std::string path;
    Format format = Format::png;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int components = 3;                ///< 1 gray, 3 RGB, 4 CMYK (JPEG only)
    std::vector<std::uint8_t> pixels;  ///< width * height * components
    std::vector<std::uint8_t> alpha;   ///< width * height, empty when the image is opaque
    std::string file_bytes;            ///< the original file (JPEG pass-through, HTML data URIs, hashes)
    bool adobe_inverted_cmyk = false;  ///< JPEG CMYK stored inverted (Adobe APP14)
    Drawing vector;                    ///< Format::svg: the drawing (width/height: its size in px)
};

/// Reads and fully decodes an image; a corrupt, truncated or unsupported file is an error that
/// names the file. Never crashes, whatever the bytes.
core::Result<Image> load_image(const std::string& path);

}  // namespace folio::image
