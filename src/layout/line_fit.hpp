#pragma once
/// Keeping every line within its measure: the last-resort cuts of a word wider than its column,
/// and the report of the lines that could only be set very loose or not within the measure.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "doc/document.hpp"
#include "layout/inline.hpp"
#include "layout/linebreak.hpp"
#include "text/font_metrics.hpp"

namespace folio::layout {

/// The penalty of a last-resort cut inside a word: high, so that a word wider than its column
/// is cut as few times as it must be, but finite, so that a cut is always preferred to a line
/// that runs past its measure.
inline constexpr double last_resort_penalty = 5000;

/// A justified line whose adjustment ratio exceeds this was set looser than the breaker's last
/// regular pass allows (its spaces more than about four times their natural width): reported.
inline constexpr double very_loose_ratio = 4;

/// A cut inside a word wider than its column, between text[at - 1] and text[at].
struct WordCut {
    std::size_t at = 0;
    int kern_after = 0;    ///< kern across the cut, 1/1000 em, held by the box before it
    int kern_hyphen = 0;   ///< kern between text[at - 1] and the drawn '-', when `hyphen`
    bool hyphen = false;   ///< a line broken here ends with a drawn '-'
    BreakItem penalty;     ///< what goes between the two boxes
};

/// The cuts of `text` (one box of a word, ligatures applied) in a face at `font_size` with
/// `letter_spacing`: between every two characters, with a drawn hyphen only when `prose` (not a
/// URL, path or number) and both neighbours are letters. Each penalty is last_resort_penalty,
/// flagged when a hyphen is drawn; its width adds the hyphen and takes back the kern the box
/// before holds, as the pieces of make_shape do.
std::vector<WordCut> last_resort_cuts(const std::u32string& text, const text::FontProvider& fonts, text::FontId font,
                                      double font_size, double letter_spacing, bool prose);

/// The width at the end of `items` that no legal break interrupts: the boxes (and glue a break
/// is forbidden at) since the last glue after a box or penalty below infinity.
double unbreakable_tail(const std::vector<BreakItem>& items);

/// A last-resort break between two boxes with no break between them (the parts of a word in two
/// formats, a character from a fallback face) when together they would not fit a line: an
/// unflagged penalty of last_resort_penalty, no hyphen drawn.
BreakItem chain_cut();

/// Shortens `run`, one line of text that cannot wrap (a running head or footer), to at most
/// `width`: as many of its characters as fit, then an ellipsis; kerns and width remeasured in
/// `st`, the style it was made in. A run that fits is left alone.
void fit_run(GlyphRun& run, double width, const style::ComputedStyle& st, const text::FontProvider& fonts);

/// `word` cut into pieces of at most `width` each (at least one character each), greedily, with
/// no hyphen: for display text set line by line (the cover), where a word can be wider than the
/// page.
std::vector<std::u32string> split_to_width(const std::u32string& word, double width, const style::ComputedStyle& st,
                                           text::FontId font, const text::FontProvider& fonts);

/// The left and right margins of a block `width` wide, reduced in proportion when they would
/// leave its content narrower than `least`: deep nesting (a list 50 levels deep) stops indenting
/// rather than run its text out of the column.
std::pair<double, double> fitted_margins(double left, double right, double width, double least);

/// Reports, once per paragraph, a justified line looser than very_loose_ratio
/// (`layout.loose-line`) and a line wider than its measure (`layout.overfull-line`: a single
/// character wider than the column), at the source position of the line's first text, with the
/// line's first words. `width` is the measure layout_inline was given; the first `narrow.count`
/// lines stand beside a floating figure, in `narrow.width`, and are measured against it.
void report_line_fit(const InlineResult& result, double width, const doc::Document& d, core::Diagnostics& diags,
                     NarrowLines narrow = {});

}  // namespace folio::layout
