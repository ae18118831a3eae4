#pragma once
/// Computed styles: the value of every property for every node, after the cascade and
/// inheritance, in points and parsed colours.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/geometry.hpp"
#include "doc/document.hpp"
#include "style/stylesheet.hpp"

namespace folio::style {

/// Horizontal alignment of lines in a block.
enum class TextAlign : std::uint8_t { left, right, center, justify };
/// Letter case transformation applied when drawing.
enum class TextTransform : std::uint8_t { none, uppercase };

/// Every property folio understands, with CSS's initial values.
struct ComputedStyle {
    // inherited
    std::string font_family = "serif";
    int font_weight = 400;  ///< 100..900
    bool italic = false;
    double font_size = 10;     ///< points
    double line_height = 1.3;  ///< multiple of font_size
    core::Color color = core::Color::rgb(0, 0, 0);
    TextAlign text_align = TextAlign::left;
    double text_indent = 0;     ///< points, first line
    double letter_spacing = 0;  ///< points
    TextTransform text_transform = TextTransform::none;
    bool hyphenate = false;
    int widows = 2;
    int orphans = 2;
    bool underline = false;
    // not inherited
    double margin_top = 0;  ///< space before, points
    double margin_bottom = 0;
    double margin_left = 0;
    double margin_right = 0;
    double padding = 0;
    double border_width = 0;       ///< all sides
    double border_left_width = 0;  ///< an accent bar on the start side, drawn in border_color
    core::Color border_color = core::Color::rgb(0, 0, 0);
    std::optional<core::Color> background;
    bool keep_with_next = false;
    bool page_break_before = false;
    bool page_break_after = false;
};

/// The page master: paper size and the area text flows into.
struct PageStyle {
    core::Size size{595.276, 841.89};  ///< A4 portrait
    double margin_top = 56.69;          ///< 20 mm
    double margin_bottom = 56.69;
    double margin_left = 56.69;
    double margin_right = 56.69;
    std::optional<core::Color> background;
    double bleed = 0;    ///< points beyond the trim edge that backgrounds extend into
    bool marks = false;  ///< print crop and registration marks
    /// The rectangle body text flows into.
    [[nodiscard]] core::Rect content_box() const {
        return {margin_left, margin_top, size.width - margin_left - margin_right,
                size.height - margin_top - margin_bottom};
    }
};

/// A running header or footer: a template with fields ({title}, {section}, {page}, {pages})
/// and the style to draw it in.
struct RunningContent {
    std::string content;
    ComputedStyle style;
    bool rule = false;  ///< draw a hairline between it and the body
};

/// A document with a computed style for every node, plus the page master. Holds the document by
/// reference: the Document must outlive it.
struct StyledDocument {
    const doc::Document* document = nullptr;
    std::vector<ComputedStyle> styles;  ///< indexed by NodeId
    PageStyle page;
    std::optional<RunningContent> header;
    std::optional<RunningContent> footer;

    [[nodiscard]] const doc::Document& doc() const { return *document; }
    [[nodiscard]] const ComputedStyle& style(doc::NodeId id) const { return styles[id]; }
};

/// Runs the cascade: element rules, then class rules, then element.class rules, later rules
/// winning over earlier ones of equal weight; inheritable properties flow from parent to child.
/// Unknown properties and bad values are reported as errors at their declaration.
StyledDocument apply_styles(const doc::Document& d, const Stylesheet& sheet, core::Diagnostics& diags);

}  // namespace folio::style
