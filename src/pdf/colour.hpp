#pragma once
/// Colour policy of a PDF: which colour spaces the file may use, and the conversions that keep
/// it to them. Pure functions, no libharu.

#include <cstdint>
#include <vector>

#include "core/geometry.hpp"

namespace folio::pdf {

/// What happens to a colour on its way into the PDF.
enum class ColourPolicy : std::uint8_t {
    as_given,  ///< RGB stays DeviceRGB, CMYK stays DeviceCMYK
    cmyk,      ///< everything becomes DeviceCMYK (--cmyk)
    rgb,       ///< everything becomes DeviceRGB (PDF/A with the sRGB output intent)
};

/// Device CMYK from RGB, the naive "undercolour removal" formula: k = 1 - max(r, g, b), then
/// c = (1 - r - k) / (1 - k) and so on. Neutral greys become pure K (no rich black), which is
/// what a printer wants for text. No ICC profile, no ink limit.
core::Color rgb_to_cmyk(const core::Color& rgb);

/// Device RGB from CMYK, the inverse: r = (1 - c)(1 - k) and so on.
core::Color cmyk_to_rgb(const core::Color& cmyk);

/// `c` converted as `policy` asks.
core::Color apply(ColourPolicy policy, const core::Color& c);

/// 8-bit interleaved samples converted between 3 (RGB) and 4 (CMYK, 0 = no ink) components with
/// the formulas above. 1-component (gray) samples are never converted.
std::vector<std::uint8_t> rgb_to_cmyk_samples(const std::vector<std::uint8_t>& rgb);
std::vector<std::uint8_t> cmyk_to_rgb_samples(const std::vector<std::uint8_t>& cmyk);

}  // namespace folio::pdf
