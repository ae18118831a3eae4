#pragma once
/// Contents entries that fit their line whatever the title's length (issue 16): a title wraps,
/// its turnover lines with a hanging indent, every line clear of the page-number column, and the
/// dot leader and the page number on the last line.

#include <string>
#include <vector>

#include "style/computed.hpp"
#include "text/font_metrics.hpp"

namespace folio::layout {

/// How a contents entry's title is set.
struct ContentsEntryLayout {
    std::vector<std::u32string> lines;  ///< the title's lines, first to last (at least one)
    double hang = 0;                     ///< the indent of the lines after the first
    double gap = 0;                      ///< between the title and the leader, the leader and the number
};

/// The lines of an entry's `title` set `width` wide (from its level's indent to the right edge of
/// the contents) in `st`: words fill each line greedily up to the width less the page-number
/// column (a gap, four digits, a gap), the turnover lines indented by 1.5 em; a word longer than
/// a line is cut. A title that fits is one line, placed as before.
ContentsEntryLayout contents_entry_layout(const std::u32string& title, double width, const style::ComputedStyle& st,
                                          text::FontId font, const text::FontProvider& fonts);

/// The layout of the contents entry of heading `h` in an entry column `width` wide, in the
/// `toc-entry` style; `indent` receives its level's indent (1.5 em a level below 2).
ContentsEntryLayout contents_entry_for(const style::StyledDocument& styled, text::FontProvider& fonts, doc::NodeId h,
                                       double width, double& indent);

/// How many lines the contents entry of heading `h` takes (contents_entry_for).
std::size_t contents_entry_lines(const style::StyledDocument& styled, text::FontProvider& fonts, doc::NodeId h,
                                 double width);

/// Short display text (the contents' title) broken greedily into lines of `width`; a word
/// longer than a line is cut. At least one line.
std::vector<std::u32string> wrap_display_text(const std::u32string& text, double width, const style::ComputedStyle& st,
                                              text::FontId font, const text::FontProvider& fonts);

}  // namespace folio::layout
