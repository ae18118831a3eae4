#pragma once
/// Knuth-Plass total-fit line breaking over boxes, glue and penalties.

#include <cstddef>
#include <vector>

namespace folio::layout {

/// The three kinds of item of Knuth and Plass's model.
enum class ItemType : unsigned char { box, glue, penalty };

/// One item. For penalties, `penalty` is the cost of breaking there (<= -10000 forces a break,
/// >= 10000 forbids it) and `width` is added only when the line breaks there (a hyphen).
struct BreakItem {
    ItemType type = ItemType::box;
    double width = 0;
    double stretch = 0;
    double shrink = 0;
    double penalty = 0;
    bool flagged = false;
    double hang = 0;  ///< width that may hang into the right margin when the line breaks here
    /// A break inside a word wider than the line: the hyphenated lines it must make anyway do not
    /// count toward the limit of hyphenated lines in a row.
    bool long_word = false;
};

/// Where a line ends and how much its glue is stretched (ratio > 0) or shrunk (ratio < 0).
struct BreakPoint {
    std::size_t position = 0;  ///< index of the item the line breaks at
    double ratio = 0;
};

inline constexpr double penalty_infinity = 10000;

/// The default tolerance, 1.26, is TeX's \tolerance=200 (badness 100 r^3 <= 200).
/// Finds the breaks that minimise total demerits for lines of `widths[i]` (the last width is
/// used for all further lines). Tries `tolerance` first, then ratio 2, then 4; the last item must be
/// a forced break. Returns one BreakPoint per line. Never fails: when no pass succeeds, an
/// emergency pass accepts any looseness (graded with extra stretch) and, only where no other way
/// on exists, a line wider than its measure (callers cut over-wide boxes beforehand).
std::vector<BreakPoint> break_lines(const std::vector<BreakItem>& items, const std::vector<double>& widths,
                                    double tolerance = 1.26);

/// First-fit (greedy) breaking, the baseline of bench/typography: each line takes as many items
/// as fit at their natural width, breaking at the last legal breakpoint that fits (hyphenation
/// points included). Same input and output as break_lines.
std::vector<BreakPoint> break_lines_greedy(const std::vector<BreakItem>& items, const std::vector<double>& widths);

}  // namespace folio::layout
