#pragma once
/// Painting one laid-out page: the bytes of its content stream (glyph runs as TJ arrays, filled
/// rectangles, images, the bleed clip and the printer's marks), built without libharu so that
/// pages can be painted on several threads at once. Links, anchors and outlines belong to
/// write_pdf's second pass; adding the page, its boxes and its resources to libharu to its first
/// (page_setup.hpp).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "layout/paged_document.hpp"
#include "pdf/colour.hpp"
#include "pdf/marks.hpp"
#include "pdf/vector.hpp"

namespace folio::pdf {

struct PageTags;  // tagging.hpp

/// True when a glyph run draws `cp`: not the soft hyphen (layout supplies a real '-' where a line
/// breaks), not a control character, and inside the BMP (libharu's CIDs are 16-bit).
bool is_drawn(char32_t cp);

/// Appends `v` as a PDF number: at most 3 decimals, no trailing zeros, no "-0", clamped to
/// libharu's real range of +-32767.
void append_number(std::string& out, double v);

/// The names under which one page's /Resources hold what its items use, as libharu registered
/// them ("F1", "X1", ...).
struct PageResources {
    std::vector<std::string> fonts;  ///< by text::FontId; "" = not used on this page
    std::vector<std::pair<std::string, std::string>> images;  ///< (ImageBox::path, name)
    VectorResources vectors;  ///< what the page's VectorBoxes use

    /// The name of the image at `path`; "" when the page does not use it.
    [[nodiscard]] const std::string& image(const std::string& path) const;
};

/// The code points glyph runs draw, per text::FontId: a bit set over the BMP for each font.
class GlyphUse {
public:
    /// Room for `fonts` FontIds, none used yet.
    explicit GlyphUse(std::size_t fonts = 0) : m_bits(fonts) {}

    /// Records that font `font` draws `cp` (a BMP code point).
    void add(std::size_t font, char32_t cp);
    /// Records the code points of `text` that font `font` draws (is_drawn).
    void add_drawn(std::size_t font, std::u32string_view text);
    /// Adds everything `other` records (same number of fonts).
    void merge(const GlyphUse& other);
    /// The code points font `font` draws, in ascending order.
    [[nodiscard]] std::vector<char32_t> code_points(std::size_t font) const;

private:
    std::vector<std::vector<std::uint64_t>> m_bits;  ///< [font][cp / 64], empty until used
};

/// How every page of a document is painted.
struct PaintSettings {
    ColourPolicy colours = ColourPolicy::as_given;
    bool marks = false;  ///< printer's marks in the slug (the frame has room for them)
    /// Tagged PDF: each page's marks (tagging.hpp), by page; null = untagged.
    const std::vector<PageTags>* tags = nullptr;
};

/// The code points the glyph runs of `pages` draw, for each of `fonts` FontIds (runs naming
/// another FontId are skipped; write_pdf reports them), on up to `threads` threads (0 = one per core).
GlyphUse glyph_use(const layout::PagedDocument& pages, std::size_t fonts, unsigned threads = 0);

/// Appends the content stream of `page` to `out`: the trim box placed on the media box (`frame`)
/// and clipped to the bleed, the items in order (y flipped to the bottom-left origin), then the
/// marks. The page's fonts and images must be in `names` (page_setup checks that before any page
/// is painted). With `tags` (tagged PDF) each run of items with one mark is a marked-content
/// sequence (BDC ... EMC, outside text objects) and the printer's marks an artifact. Pure; safe
/// on any thread.
void paint_page(const layout::Page& page, const PageFrame& frame, const PageResources& names,
                const PaintSettings& settings, std::string& out, const PageTags* tags = nullptr);

}  // namespace folio::pdf
