#pragma once
/// The column widths of a table: a pure function of the columns' declared widths, the cells'
/// content widths and the width available (CSS 2.1 §17.5.2.2, automatic table layout, with
/// XSL-FO's proportional column widths). Private to the layout stage.

#include <cstdint>
#include <vector>

#include "doc/table.hpp"

namespace folio::layout {

/// What one cell needs: its narrowest width (the longest word, with padding and borders: CSS
/// min-content) and its widest (everything on one line: max-content), over `span` columns from
/// `col`.
struct CellNeed {
    std::uint32_t col = 0;
    std::uint32_t span = 1;
    double min = 0;
    double max = 0;
    double floor = 0;  ///< its widest character, with padding and borders: narrower, ink leaves it
};

/// The widths found, and what could not be honoured.
struct ColumnWidths {
    std::vector<double> widths;
    std::vector<double> min;            ///< each column's min-content width
    bool fixed_too_wide = false;        ///< fixed and percentage widths exceeded the width: all scaled down
    std::vector<std::uint32_t> narrow;  ///< columns narrower than their longest word
    bool impossible = false;            ///< even one character per column does not fit: `floor` is the sum needed
    double floor = 0;
};

/// The widths of `specs.size()` columns within `available` points, never wider in all:
///   1. each column's min and max content width, from single-column cells, then raised evenly
///      by spanning cells that need more than their columns give;
///   2. fixed lengths as given, percentages of `available`;
///   3. automatic columns take their max-content width when it fits beside the minimum of the
///      proportional ones, else a share between min and max in proportion to (max - min) (CSS),
///      else their minimum; without proportional columns, space left over goes to the automatic
///      columns in proportion to their max-content widths, so the table fills the measure;
///   4. proportional columns (`2*`) share what is left by weight;
///   5. if the sum still exceeds `available` (fixed widths, or minimums too wide), every column
///      is scaled down to fit; columns then narrower than their min-content are `narrow`;
///   6. no column is left narrower than its widest character (its floor): the others give up
///      width in proportion to what they have above their own; when the floors alone exceed
///      `available`, the table cannot be set (`impossible`).
ColumnWidths column_widths(const std::vector<doc::ColumnWidth>& specs, const std::vector<CellNeed>& cells,
                           double available);

}  // namespace folio::layout
