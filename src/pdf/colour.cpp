// Colour conversions for --cmyk and PDF/A (see colour.hpp for the formulas and their limits).

#include "pdf/colour.hpp"

#include <algorithm>
#include <cmath>

namespace folio::pdf {
namespace {

double unit(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0; }

std::uint8_t byte(double v) { return static_cast<std::uint8_t>(std::lround(unit(v) * 255.0)); }

}  // namespace

core::Color rgb_to_cmyk(const core::Color& rgb) {
    const double r = unit(rgb.c[0]);
    const double g = unit(rgb.c[1]);
    const double b = unit(rgb.c[2]);
    const double k = 1.0 - std::max({r, g, b});
    if (k >= 1.0) return core::Color::cmyk(0, 0, 0, 1);
    return core::Color::cmyk((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k);
}

core::Color cmyk_to_rgb(const core::Color& cmyk) {
    const double k = unit(cmyk.c[3]);
    return core::Color::rgb((1 - unit(cmyk.c[0])) * (1 - k), (1 - unit(cmyk.c[1])) * (1 - k),
                            (1 - unit(cmyk.c[2])) * (1 - k));
}

core::Color apply(ColourPolicy policy, const core::Color& c) {
    using Space = core::Color::Space;
    if (policy == ColourPolicy::cmyk && c.space == Space::rgb) return rgb_to_cmyk(c);
    if (policy == ColourPolicy::rgb && c.space == Space::cmyk) return cmyk_to_rgb(c);
    return c;
}

std::vector<std::uint8_t> rgb_to_cmyk_samples(const std::vector<std::uint8_t>& rgb) {
    std::vector<std::uint8_t> out;
    out.reserve(rgb.size() / 3 * 4);
    for (std::size_t i = 0; i + 2 < rgb.size(); i += 3) {
        const core::Color c =
            rgb_to_cmyk(core::Color::rgb(rgb[i] / 255.0, rgb[i + 1] / 255.0, rgb[i + 2] / 255.0));
        for (double v : c.c) out.push_back(byte(v));
    }
    return out;
}

std::vector<std::uint8_t> cmyk_to_rgb_samples(const std::vector<std::uint8_t>& cmyk) {
    std::vector<std::uint8_t> out;
    out.reserve(cmyk.size() / 4 * 3);
    for (std::size_t i = 0; i + 3 < cmyk.size(); i += 4) {
        const core::Color c = cmyk_to_rgb(core::Color::cmyk(cmyk[i] / 255.0, cmyk[i + 1] / 255.0,
                                                            cmyk[i + 2] / 255.0, cmyk[i + 3] / 255.0));
        for (int k = 0; k < 3; ++k) out.push_back(byte(c.c[k]));
    }
    return out;
}

}  // namespace folio::pdf
