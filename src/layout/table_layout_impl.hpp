#pragma once
/// The table layout's class (table_layout.hpp), shared by its files: table_layout.cpp (columns,
/// cells' lines, the recipe), table_rows.cpp (rows placed top-down, breaks inside cells) and
/// table_units.cpp (the units). Private to the layout stage.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "doc/table.hpp"
#include "layout/table_layout.hpp"
#include "layout/table_widths.hpp"

namespace folio::layout::tables {

using doc::NodeId;
using doc::NodeKind;
using style::ComputedStyle;

inline constexpr double epsilon = 0.01;

/// A line of a cell: the paragraph's line in the cache, and where it stands.
struct CellLine {
    NodeId block = doc::no_node;
    std::uint32_t job = 0;
    std::uint32_t index = 0;
    double height = 0;
    double gap = 0;  ///< space above it (between the cell's paragraphs)
    double top = 0;  ///< placed, from the table's top
    double left = 0; ///< from the cell's text: a list item's indent, a figure's centring
};

/// A line of a cell without text (a figure's image): its job.
inline constexpr std::uint32_t no_job = UINT32_MAX;

/// A cell with its geometry.
struct Cell {
    doc::GridCell grid;
    double x = 0;      ///< from the table's left
    double width = 0;
    double inset = 0;  ///< padding and border: the text stands this far inside
    double top = 0;
    double bottom = 0;
    std::vector<CellLine> lines;
    bool moved = false;  ///< a line moved below a cut: the cell is not aligned vertically
    double shift = 0;    ///< leftwards, to align its line on a character with the column's others
    /// Items that go with a line (its index): list markers, figures' images and anchors, from
    /// the line's left end (less its `left`) and top.
    std::vector<std::pair<std::uint32_t, Item>> extras;
};

class TableLayout {
public:
    TableLayout(TableHost& host, NodeId table, double left, double width)
        : m_host(host), m_realized(host.realized()), m_styled(m_realized.styled()), m_doc(m_realized.doc()),
          m_fonts(host.fonts()), m_table(table), m_left(left), m_width(width),
          m_grid(doc::table_grid(m_doc, table)),
          m_column(m_styled.page.content_box().height) {}

    void run();
    /// With table-footer: repeat, the foot rows (not too tall) become m_foot, and rows are placed again.
    void repeat_foot();

private:
    // ---- 1. and 2. columns -----------------------------------------------------------------------
    [[nodiscard]] double inset_of(NodeId cell) const;

    /// What a cell's text needs, as the words under a node add up.
    struct Measure {
        double min = 0;    ///< the widest word
        double max = 0;    ///< the widest line
        double line = 0;   ///< the current line
        double glyph = 0;  ///< two of the widest character and a hyphen: the shortest piece of a word the
                           ///< hyphenator leaves at a line end (its patterns' minimum is two letters)
        double indent = 0; ///< of the list items the walk is in
    };

    /// Adds the widths of the words (and figures) under `id` to `m` (table_cells.cpp).
    void measure(NodeId id, Measure& m);

    void columns();

    void report(core::Diagnostics& notes, const ColumnWidths& widths, const std::vector<CellNeed>& needs) const;

    // ---- 3. the cells' lines (table_cells.cpp) ------------------------------------------------------
    /// Where the walk through a cell's blocks is: the space the next line gets above it, and the
    /// list item whose marker goes with the next line.
    struct CellFlow {
        Cell& cell;
        double gap = 0;
        bool first = true;
        NodeId marker = doc::no_node;
        double least = 0;  ///< the narrowest nested content may be: lists stop indenting there
    };

    void lay_out_cell(Cell& c);
    /// The content of `id` (a cell, a list item): its runs of inline content and its blocks.
    void cell_blocks(CellFlow& f, NodeId id, double left, double width);
    /// The lines of a paragraph (or a run of inline content) of a cell at `left`, `width` wide.
    void cell_text(CellFlow& f, NodeId block, const std::vector<NodeId>& inlines, double left, double width,
                   double indent);
    void cell_list(CellFlow& f, NodeId list, double left, double width);
    void cell_figure(CellFlow& f, NodeId figure, double left, double width);
    /// The marker of list `list`'s widest item, with the gap after it.
    [[nodiscard]] double widest_marker(NodeId list) const;
    /// Adds a line to the cell (the flow's space above it, its pending marker beside it).
    CellLine& add_line(CellFlow& f, CellLine line, double ascent);

    /// The text of a cell's one line after the character it aligns on ("." in "215.9"), measured
    /// with that character; 0 when the text has none (an integer: its end stands at the point).
    [[nodiscard]] double after_point(const Cell& c, const std::string& point) const;

    /// Cells with text-align: "." in a column: their one-line numbers right-aligned, then moved left
    /// so that their points stand one above the other (where the widest part after a point allows).
    void align_on_characters();

    struct CaptionLines {
        NodeId node = doc::no_node;
        std::vector<CellLine> lines;
    };

    CaptionLines caption_lines();

    // ---- 4. rows ---------------------------------------------------------------------------------
    /// The tallest a row may be and stay one unit: a column, less the header repeated above it.
    [[nodiscard]] double slice_limit() const;

    /// The first cut below `y` that a cell spanning rows [s, e] must not let a line straddle: the
    /// top of a row after s, or a band of a row taller than a column.
    [[nodiscard]] double next_cut(double y, std::uint32_t s, std::uint32_t e, bool rows = true) const;

    /// Stacks the lines of cell `c` (whose last row is the row being placed); returns its bottom.
    /// A cell spanning rows that fit in a column keeps its rows together and its lines where they
    /// fall; only a taller one moves its lines below the tops of its rows, to break between them.
    double stack(Cell& c);

    double stack(Cell& c, bool rows);

    /// The bottom of row `r`: the lowest of the cells that end in it, stacked.
    double stack_row(std::uint32_t r);

    /// Which cells each row has (those spanning into it too), which end in it, and each body
    /// row's place in its group (for the zebra): so that nothing below walks every cell per row.
    void index_rows();

    /// The rows top-down. A row taller than a column is cut into bands at the line tops of its
    /// cell with the most lines, so it can break after any of them, and it is stacked again: the
    /// other cells' lines that would straddle a band move below it, aligned with that cell's.
    void place_rows();

    /// Vertical alignment of the cells no cut moved lines in (and that none would then cross).
    void align();

    /// Whether a break at `y` (the top of row `r` or a band inside it) leaves each paragraph of each
    /// cell it crosses its orphans above and its widows below (as the paragraph's style asks).
    [[nodiscard]] bool keeps_lines(std::uint32_t r, double y) const;

    // ---- 5. units --------------------------------------------------------------------------------
    /// The background of a cell: its own, else its (first) row's, else the zebra's of its row.
    [[nodiscard]] std::optional<core::Color> background(const Cell& c) const;

    /// The cells of rows [r1, r2], each once, in row order.
    [[nodiscard]] std::vector<std::uint32_t> cells_of(std::uint32_t r1, std::uint32_t r2) const;

    /// The items and late items of the slice [a, b) of the table, in rows [r1, r2], into `u`.
    void slice(Unit& u, double a, double b, std::uint32_t r1, std::uint32_t r2, bool copy);

    /// Units of the caption's lines, kept with the table: above it (`above`, the table's anchor on
    /// the first) or below. Its margin-top is the space between it and the rows, as a figure's.
    void caption_units(const CaptionLines& caption, bool above);

    /// Where the units begin, with their rows: the head rows together, then every row's top (but
    /// those a cell spanning from above keeps with it) and the bands of rows taller than a column.
    [[nodiscard]] std::vector<std::pair<double, std::uint32_t>> cuts() const;

    void emit(const CaptionLines& caption);

    [[nodiscard]] double caption_height(const CaptionLines& caption) const;

    TableHost& m_host;
    const realize::RealizedDocument& m_realized;
    const style::StyledDocument& m_styled;
    const doc::Document& m_doc;
    text::FontProvider& m_fonts;
    NodeId m_table;
    double m_left;
    double m_width;
    doc::TableGrid m_grid;
    double m_column;  ///< the height of a column
    double m_limit = 0;  ///< the tallest a row may be and stay whole (slice_limit)
    std::uint32_t m_head = 0;  ///< the head rows, repeated at each column top (none if too tall)
    std::uint32_t m_foot = 0;  ///< the foot rows, repeated at each break (table-footer: repeat)
    double m_foot_height = 0;  ///< their height
    std::vector<std::vector<double>> m_bands;  ///< per row: where a row taller than a column is cut
    std::vector<char> m_keep_after;  ///< per row: a cell spanning it and the next keeps them together
    std::vector<std::vector<std::uint32_t>> m_row_cells;  ///< per row: the cells in it (index_rows)
    std::vector<std::vector<std::uint32_t>> m_ending;     ///< per row: the cells that end in it
    std::vector<std::uint32_t> m_in_group;                ///< per row: its index in its group
    std::vector<Cell> m_cells;
    std::vector<double> m_row_top;  ///< each row's top from the table's, and the table's bottom
};

}  // namespace folio::layout::tables
