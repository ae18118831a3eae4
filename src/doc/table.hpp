#pragma once
/// The grid of a table: which rows and columns each cell covers, worked out once from the tree by
/// HTML's table-forming algorithm (cells skip slots that row spans from above cover), with the
/// problems it finds. The reader reports the problems; layout, the HTML writer and the tagged PDF
/// read the grid.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.hpp"

namespace folio::doc {

/// A column's width as the source gives it on <col width="...">.
struct ColumnWidth {
    enum class Kind : std::uint8_t { automatic, fixed, percent, share };
    Kind kind = Kind::automatic;
    double value = 0;  ///< fixed: points; percent: 0..100; share: the weight of `2*`
};

/// Parses "auto" or "", a length (pt, mm, cm, in, px), a percentage ("25%") or a proportional
/// share ("2*", "*"); nullopt for anything else.
std::optional<ColumnWidth> parse_column_width(std::string_view text);

/// One cell placed in the grid.
struct GridCell {
    NodeId node = no_node;
    std::uint32_t row = 0;  ///< index into TableGrid::rows
    std::uint32_t col = 0;
    std::uint32_t rowspan = 1;  ///< clamped to the rows of its group
    std::uint32_t colspan = 1;  ///< clamped to the columns
};

/// One row of the grid, with the group it belongs to.
struct GridRow {
    NodeId node = no_node;
    NodeKind group = NodeKind::table_body;  ///< table_head, table_body or table_foot
    NodeId group_node = no_node;
};

/// A problem in a table's structure, at a node.
struct TableProblem {
    NodeId node = no_node;
    bool error = true;  ///< false: a warning
    std::string message;
};

/// A table's grid: its caption, columns, rows in source order, and cells in row order.
struct TableGrid {
    NodeId table = no_node;
    NodeId caption = no_node;
    std::vector<NodeId> column_nodes;   ///< the <col> elements
    std::vector<ColumnWidth> widths;    ///< one per column (automatic where no <col> says)
    std::uint32_t columns = 0;
    std::vector<GridRow> rows;
    std::vector<GridCell> cells;
    std::vector<TableProblem> problems;
    /// How many rows the head has (they come first).
    [[nodiscard]] std::uint32_t head_rows() const;
};

/// Builds the grid of table `table`. The columns are the <col> elements when there are any,
/// else those of the first row. Cells past the last column, row spans past the end of their
/// group and spans that overlap are problems (errors), clamped or dropped so the grid stays sound.
TableGrid table_grid(const Document& d, NodeId table);

/// The table `id` is in (itself if it is one), or no_node.
NodeId table_of(const Document& d, NodeId id);

}  // namespace folio::doc
