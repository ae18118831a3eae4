#pragma once
/// The font-metrics interface layout measures text through. Widths are integer thousandths of an
/// em, truncated exactly as the PDF's /W array stores them, so that what layout measures is what a
/// viewer draws.

#include <cstdint>
#include <optional>
#include <string>

namespace folio::text {

/// Index of a face in a FontProvider.
using FontId = std::uint16_t;

/// Vertical metrics in 1/1000 em.
struct VerticalMetrics {
    int ascent = 800;
    int descent = -200;  ///< negative, below the baseline
    int cap_height = 700;
    int x_height = 500;
};

/// Measures text and maps style requests to faces; layout knows fonts only through this.
class FontProvider {
public:
    virtual ~FontProvider() = default;
    /// The face for a family at a weight (100..900) and slant, or nullopt if the family is unknown.
    virtual std::optional<FontId> find(const std::string& family, int weight, bool italic) = 0;
    /// Advance width of `cp` in 1/1000 em (0 when the face lacks it).
    [[nodiscard]] virtual int advance(FontId font, char32_t cp) const = 0;
    /// True when the face has a glyph for `cp`.
    [[nodiscard]] virtual bool has_glyph(FontId font, char32_t cp) const = 0;
    /// Pair kerning between `left` and `right` in 1/1000 em (negative = closer), from the face's
    /// own tables; 0 when the face has none. Applies only between two characters of one run.
    [[nodiscard]] virtual int kerning(FontId /*font*/, char32_t /*left*/, char32_t /*right*/) const { return 0; }
    /// Ascent, descent, cap and x height of the face.
    [[nodiscard]] virtual VerticalMetrics vertical(FontId font) const = 0;
    /// True when every member may be called from several threads at once; layout then sets
    /// paragraphs on all cores.
    [[nodiscard]] virtual bool thread_safe() const { return false; }
};

}  // namespace folio::text
