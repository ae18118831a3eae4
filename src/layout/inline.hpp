#pragma once
/// Inline layout: the content of one block (text, emphasis, links, line breaks) becomes a list of
/// boxes, glue and penalties, is broken into lines by Knuth-Plass, and each line becomes glyph
/// runs and link areas positioned relative to the line's left end and baseline.

#include <vector>

#include "core/diagnostic.hpp"
#include "layout/paged_document.hpp"
#include "style/computed.hpp"
#include "text/font_metrics.hpp"

namespace folio::layout {

/// One laid-out line, in line coordinates (x from the line's left end, y = 0 on the baseline).
struct Line {
    std::vector<GlyphRun> runs;
    std::vector<LinkArea> links;
    std::vector<FilledRect> rules;  ///< underlines
    double height = 0;  ///< distance from this line's top to the next line's top
    double ascent = 0;  ///< baseline offset from the line's top
    double width = 0;   ///< natural width of the content after justification
};

/// The broken lines of one block.
struct InlineResult {
    std::vector<Line> lines;
};

/// Lays out the inline children of `block` (or the single inline node `block` itself when
/// `only_children` is false) into lines of `width` points. `first_indent` shifts the first line.
InlineResult layout_inline(const style::StyledDocument& styled, doc::NodeId block,
                           const std::vector<doc::NodeId>& inline_nodes, double width, double first_indent,
                           text::FontProvider& fonts, core::Diagnostics& diags);

/// Resolves the face of a style, falling back to the first loaded face.
text::FontId font_of(const style::ComputedStyle& s, text::FontProvider& fonts);

/// Measures a string in a style, letter spacing included, in points.
double measure(const std::u32string& s, const style::ComputedStyle& st, text::FontId font,
               const text::FontProvider& fonts);

}  // namespace folio::layout
