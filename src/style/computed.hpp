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
#include "style/placement.hpp"
#include "style/stylesheet.hpp"

namespace folio::style {

/// Horizontal alignment of lines in a block.
enum class TextAlign : std::uint8_t { left, right, center, justify };
/// Letter case transformation applied when drawing.
enum class TextTransform : std::uint8_t { none, uppercase };
/// List item markers (CSS list-style-type).
enum class ListStyle : std::uint8_t { disc, circle, square, dash, decimal, lower_alpha, upper_alpha, lower_roman, upper_roman, none };
/// Where a table cell's content sits in its row (CSS vertical-align for table cells).
enum class VerticalAlign : std::uint8_t { top, middle, bottom };
/// A forced break before or after a block (CSS break-before / break-after).
enum class Break : std::uint8_t { none, column, page };

/// Every property folio understands, with CSS's initial values.
struct ComputedStyle {
    // inherited
    std::string font_family = "serif";
    std::vector<std::string> font_fallbacks;  ///< further families for characters the first lacks
    int font_weight = 400;  ///< 100..900
    bool italic = false;
    double font_size = 10;     ///< points
    double line_height = 1.3;  ///< multiple of font_size
    core::Color color = core::Color::rgb(0, 0, 0);
    TextAlign text_align = TextAlign::left;
    std::string align_on;       ///< table cells: the character their lines align on (text-align: "."), else empty
    double text_indent = 0;     ///< points, first line
    double letter_spacing = 0;  ///< points
    TextTransform text_transform = TextTransform::none;
    bool hyphenate = false;
    bool smart_quotes = false;  ///< quotes="smart": straight " and ' become typographic quotes
    bool hanging_punctuation = false;  ///< justified lines let end punctuation hang into the margin
    bool small_caps = false;  ///< font-variant: small-caps (capitals at 0.78 of the size for lower case)
    /// single-letter-words (#20): whether a one-letter word may end a line: normal (yes),
    /// keep-with-next (never), auto (never in Czech, Polish and Slovak text)
    std::uint8_t single_letters = 0;
    int widows = 2;
    int orphans = 2;
    /// loose-line-tolerance (#22): the adjustment ratio above which the quality report calls a
    /// justified line loose (its word spaces stretched by more than this times their stretch);
    /// 0 = none is reported
    double loose_line_tolerance = 2;
    bool underline = false;
    ListStyle list_style = ListStyle::disc;
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
    bool keep_together = false;  ///< never split this block across columns or pages
    bool page_break_before = false;
    bool page_break_after = false;
    Break break_before = Break::none;  ///< column or page; page_break_before implies Break::page
    Break break_after = Break::none;
    bool column_span_all = false;  ///< spans every column of a multi-column page (CSS column-span)
    std::string page;              ///< starts on a page of this named master (CSS page)
    // tables (not inherited)
    VerticalAlign vertical_align = VerticalAlign::top;  ///< of a cell's content in its row
    std::optional<core::Color> alternate_background;    ///< a row: the background of every second body row (zebra)
    bool caption_bottom = false;   ///< a table: its caption below it (CSS caption-side: bottom)
    bool footer_repeat = false;    ///< a table: its foot rows repeated at each break (table-footer: repeat)
    std::string table_label;       ///< a table: numbered as "<label> N" before its caption and in references
    Placement placement;           ///< position: page and its offsets (style/placement.hpp)
};

/// A page master: paper size, margins, columns and the area text flows into.
struct PageStyle {
    std::string name;  ///< "" for the default master, else cover, first, left or right
    core::Size size{595.276, 841.89};  ///< A4 portrait
    double margin_top = 56.69;          ///< 20 mm
    double margin_bottom = 56.69;
    double margin_left = 56.69;
    double margin_right = 56.69;
    std::optional<core::Color> background;
    double bleed = 0;    ///< points beyond the trim edge that backgrounds extend into
    bool marks = false;  ///< print crop and registration marks
    int columns = 1;
    double column_gap = 18;
    /// Facing pages: inside/outside margins replace left/right, mirrored on left (even) pages.
    std::optional<double> margin_inside;
    std::optional<double> margin_outside;
    bool two_page_spread = false;  ///< viewers show facing pages side by side
    PageArt art;  ///< background image and bands (style/placement.hpp)
    /// The rectangle body text flows into (on a left-hand page when `left_page`).
    [[nodiscard]] core::Rect content_box(bool left_page = false) const {
        double left = margin_left;
        double right = margin_right;
        if (margin_inside || margin_outside) {
            const double inside = margin_inside.value_or(margin_left);
            const double outside = margin_outside.value_or(margin_right);
            left = left_page ? outside : inside;
            right = left_page ? inside : outside;
        }
        return {left, margin_top, size.width - left - right, size.height - margin_top - margin_bottom};
    }
    /// Width of one column.
    [[nodiscard]] double column_width() const {
        return (content_box().width - column_gap * (columns - 1)) / columns;
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
    /// Every distinct computed style once, shared by the nodes that have it: a style is a function
    /// of the parent's style and the node's kind, name and classes, so a long document has a few
    /// hundred, however many nodes (a style per node was 352 bytes each, read from all over
    /// memory by layout and the HTML).
    std::vector<ComputedStyle> distinct_styles;
    std::vector<std::uint32_t> style_ids;  ///< [NodeId] index into distinct_styles
    PageStyle page;
    std::optional<RunningContent> header;
    std::optional<RunningContent> footer;
    /// Named masters (cover, first, left, right), each complete (the default with overrides).
    std::vector<PageStyle> masters;
    /// Running content for one master only ("first", "left", "right"); an empty content hides it.
    std::vector<std::pair<std::string, RunningContent>> master_headers;
    std::vector<std::pair<std::string, RunningContent>> master_footers;
    /// Styles of parts that are not nodes: cover-title, cover-subtitle, cover-organisation,
    /// cover-tagline, back-cover, toc, toc-entry, toc-title; each inherits from the document root.
    std::vector<std::pair<std::string, ComputedStyle>> named;
    /// The spot colours (named inks) the sheet uses, for the PDF's Separation colour spaces.
    std::vector<core::SpotColour> spots;

    [[nodiscard]] const doc::Document& doc() const { return *document; }
    /// The named master, or nullptr.
    [[nodiscard]] const PageStyle* master(const std::string& name) const {
        for (const auto& m : masters) if (m.name == name) return &m;
        return nullptr;
    }
    /// The style of a named part (see `named`), or the root's style.
    [[nodiscard]] const ComputedStyle& named_style(const std::string& name) const {
        for (const auto& [n, s] : named) if (n == name) return s;
        return style(0);
    }
    [[nodiscard]] const ComputedStyle& style(doc::NodeId id) const { return distinct_styles[style_ids[id]]; }
    /// Which of distinct_styles node `id` has: nodes with the same id have equal styles.
    [[nodiscard]] std::uint32_t style_id(doc::NodeId id) const { return style_ids[id]; }
    /// Gives `nodes` nodes one default style (for documents styled by hand, as in tests).
    void reset_styles(std::size_t nodes) {
        distinct_styles.assign(1, ComputedStyle{});
        style_ids.assign(nodes, 0);
    }
    /// Gives node `id` a style of its own, a copy of its current one, and returns it to be changed.
    ComputedStyle& own_style(doc::NodeId id) {
        distinct_styles.push_back(distinct_styles[style_ids[id]]);
        style_ids[id] = static_cast<std::uint32_t>(distinct_styles.size() - 1);
        return distinct_styles.back();
    }
    /// Gives node `id` the style `s` (a new entry of distinct_styles).
    void set_style(doc::NodeId id, ComputedStyle s) {
        distinct_styles.push_back(std::move(s));
        style_ids[id] = static_cast<std::uint32_t>(distinct_styles.size() - 1);
    }
};

/// Runs the cascade: element rules, then class rules, then element.class rules, later rules
/// winning over earlier ones of equal weight; inheritable properties flow from parent to child.
/// Unknown properties and bad values are reported as errors at their declaration.
StyledDocument apply_styles(const doc::Document& d, const Stylesheet& sheet, core::Diagnostics& diags);

}  // namespace folio::style
