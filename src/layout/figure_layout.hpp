#pragma once
/// Laying out figures into units (figure_layout.cpp): a figure with its caption, a row of
/// figures side by side (<figures>), and a floating figure's own unit (float_flow.hpp places the
/// text beside it). The Builder of build_units.cpp hosts them. Private to the layout stage.

#include "layout/figure_size.hpp"
#include "layout/table_layout.hpp"

namespace folio::layout {

/// What figure layout needs of the walk besides what tables need.
class FigureHost : public TableHost {
public:
    /// Collapses `margin` into the space before the next unit.
    virtual void add_margin(double margin) = 0;
    /// The tallest a figure's image may be (80 % of the text area's height).
    [[nodiscard]] virtual double max_figure_height() const = 0;
};

/// Where a figure's box stands across its width.
enum class FigureAlign : unsigned char { center, left, right };

/// The box of figure `id`'s image at `width` (its column): the style's sizing, reported once
/// (by the planning walk) when reduced.
FigureBox figure_box(FigureHost& host, doc::NodeId id, double width);

/// Cuts figure `id` into units at `left`, `width` wide: one deferrable unit of its image (sized
/// by figure_box, centred) and its caption's lines; a caption that would make it taller than a
/// page continues as line units of its own after the image.
void lay_out_figure(FigureHost& host, doc::NodeId id, double left, double width);

/// Cuts figure row `id` (a <figures> element) into one deferrable unit at `left`, `width` wide:
/// its figures in equal cells one em apart, images bottom-aligned, captions below them. A row
/// taller than a page keeps its images in one unit and its captions' lines in units of their own.
void lay_out_figure_row(FigureHost& host, doc::NodeId id, double left, double width);

/// The item that draws figure `id`'s image in box `b` with the box's top-left corner at (x, y):
/// the image's rectangle, or for a cropped image (cover) the box with the image's place in `fit`.
Item figure_image(const realize::RealizedDocument& realized, doc::NodeId id, const FigureBox& b, double x, double y);

/// The caption of figure `id` (its first caption child), or no_node.
doc::NodeId caption_of(const doc::Document& d, doc::NodeId id);

}  // namespace folio::layout
