#pragma once
/// A figure's size (issue 18): the box its image takes from the style's width, height and
/// max-width (lengths, or percentages of the column and of the text area's height) within the
/// column and the page, and where the image lies in the box (object-fit). Pure, so the unit tests
/// check it exactly. Private to the layout stage.

#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "style/sizing.hpp"

namespace folio::layout {

/// A figure's image box and the image in it.
struct FigureBox {
    double width = 0;   ///< of the box, points
    double height = 0;
    /// The whole image, relative to the box's top-left corner: the box itself (fill, or a size
    /// that keeps the aspect ratio), inside it (contain, centred) or around it (cover, centred,
    /// `clipped`).
    core::Rect image;
    bool clipped = false;  ///< the image is larger than the box and is drawn clipped to it
};

/// Why a size was reduced, for a positioned warning (layout.figure-too-wide or -too-tall).
struct FigureSizeNote {
    const char* code;
    std::string message;
};

/// The box of an image of `intrinsic` CSS pixels (96 to the inch; a non-positive size counts
/// as 4 x 3) styled with `s`: widths and max-width resolve against `column` points, heights
/// against `text_height`; the box is kept within `column` wide and `max_height` tall. A width or
/// height the style gave that had to be reduced adds a note to `notes` (may be null).
FigureBox size_figure(core::Size intrinsic, const style::Sizing& s, double column, double text_height,
                      double max_height, std::vector<FigureSizeNote>* notes);

}  // namespace folio::layout
