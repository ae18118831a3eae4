#pragma once
/// Laying out a table into units (table_layout.cpp): the Builder of build_units.cpp hosts it.
/// Private to the layout stage.

#include <cstdint>
#include <memory_resource>
#include <vector>

#include "layout/units.hpp"

namespace folio::layout {

/// What the table layout needs of the walk that cuts the document into units.
class TableHost {
public:
    virtual ~TableHost() = default;
    /// The lines of `inlines` of `block` at `width` (the paragraph the plan holds next).
    virtual const std::pmr::vector<Line>& inline_lines(doc::NodeId block, const std::vector<doc::NodeId>& inlines,
                                                       double width, double indent) = 0;
    /// The natural width of line `index` of the paragraph of plan index `job` (0 while planning).
    [[nodiscard]] virtual double line_width(std::uint32_t job, std::uint32_t index) const = 0;
    /// The plan index of the paragraph inline_lines gave last.
    [[nodiscard]] virtual std::uint32_t last_job() const = 0;
    /// Appends a unit (its late items added before), with the walk's margin, boxes and breaks.
    virtual Unit& push(Unit u) = 0;
    /// Gives `u` a late item.
    virtual void add_late(Unit& u, const LateItems& late) = 0;
    /// Gives `u` an item placed with its late items, in their order (from its top-left corner).
    virtual void add_late_item(Unit& u, Item item) = 0;
    /// The realized document (tree, styles, texts).
    [[nodiscard]] virtual const realize::RealizedDocument& realized() const = 0;
    /// The fonts that measure the text.
    virtual text::FontProvider& fonts() = 0;
    /// How many units there are (the index the next one pushed gets).
    [[nodiscard]] virtual std::size_t unit_count() const = 0;
    /// The unit pushed last.
    virtual Unit& last_unit() = 0;
    /// Opens (`open`) or closes a boxed container `id` at `left`, `width` wide: the paginator
    /// paints its background and border around its units in each column.
    virtual void box(doc::NodeId id, double left, double width, bool open) = 0;
    /// Where the planning walk (once per document) reports; null in the other walks.
    virtual core::Diagnostics* notes() = 0;
};

/// Cuts table `table` into units at `left`, `width` wide: its caption's lines, its header rows as
/// one repeatable unit, and a unit per row (a row taller than a column: a unit per column's worth,
/// its cells' lines kept whole); a cell spanning rows has its lines in the units of its rows.
void lay_out_table(TableHost& host, doc::NodeId table, double left, double width);

}  // namespace folio::layout
