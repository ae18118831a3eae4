#pragma once
/// Floating figures (issue 18): a figure with `float: left | right` stands at that side of its
/// column and the paragraphs after it flow beside it in shortened lines until they pass its
/// foot (float_flow.cpp has the rules). Private to the layout stage.

#include <cstddef>
#include <cstdint>
#include <deque>

#include "layout/figure_layout.hpp"

namespace folio::layout {

/// The float the walk is beside, if any.
struct FloatArea {
    bool active = false;
    style::FloatSide side = style::FloatSide::none;
    double indent = 0;     ///< how much narrower the lines beside it are: its width and the gap
    double remaining = 0;  ///< its height below the text placed so far
    std::size_t first_unit = 0;  ///< its own unit: the region from there is kept in one column
    bool span = false;  ///< it spans the columns (column-span: all, or in a block that does): so does the text beside it
};

/// Whether a paragraph after a margin of `margin` stands beside the walk's float and the float
/// spans the columns: the paragraph is then set across them too.
bool spans_beside_float(const FloatArea& area, double margin);

/// What the walk keeps for floats: the float it is beside, and how the next paragraph is set.
struct FloatState {
    FloatArea area;
    NarrowLines narrow;          ///< for the next inline_lines call
    bool now = false;            ///< the next inline_lines call of the planning walk lays out at once
    std::uint32_t narrowed = 0;  ///< the narrow lines of the paragraph inline_lines gave last
    std::deque<InlineResult> laid_now;             ///< what the planning walk laid out at once
    const text::Hyphenator* hyphenator = nullptr;  ///< (those the later walks lay paragraphs out with)
    const PageMap* pages = nullptr;
};

/// What floating needs of the walk besides what figures need.
class FloatHost : public FigureHost {
public:
    /// The float the walk is beside.
    virtual FloatArea& float_area() = 0;
    /// Opens (`open`) or closes a region whose units are kept in one column: the pager waits
    /// for its end before it paginates them.
    virtual void keep_open(bool open) = 0;
    /// The planning walk records whether figure `id` floats (`floats`) and returns it; the
    /// later walks return what it recorded, so every walk cuts the same units and paragraphs.
    virtual bool float_decision(doc::NodeId id, bool floats) = 0;
    /// The next inline_lines call: its first lines `narrow`, and in the planning walk laid out at
    /// once (what follows a float depends on how many lines it has).
    virtual void next_lines(NarrowLines narrow) = 0;
    /// Unit `index` (pushed earlier).
    virtual Unit& unit(std::size_t index) = 0;
    /// Appends a spacer that leaves the collapsed margin waiting for the next unit.
    virtual void push_spacer(Unit u) = 0;
};

/// The least width the text beside a float keeps: narrower would set a word or two a line.
double least_text_beside(double column, double font_size);

/// Starts figure `id` as a float in a column `width` wide at `left` when its style floats it
/// (and it is not in a row): pushes its unit and makes it the walk's float. False when the
/// figure does not float, or is laid out as a block instead (too wide beside text, or too tall
/// with its caption: a warning, from the planning walk).
bool start_float(FloatHost& host, doc::NodeId id, double left, double width);

/// How many lines of `pitch` after a margin of `margin` stand beside the walk's float.
std::uint32_t lines_beside(const FloatArea& area, double margin, double pitch);

/// Accounts for unit `unit` (just pushed, beside the float): its space and height pass the
/// float by; at its foot the region ends.
void pass_float(FloatHost& host, const Unit& unit);

/// Ends the walk's float before a block that does not flow beside it (anything but a
/// paragraph), or a line set at the full width: a spacer takes the rest of its height.
void clear_float(FloatHost& host);

}  // namespace folio::layout
