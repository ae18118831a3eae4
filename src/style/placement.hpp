#pragma once
/// Placement on the page (docs/style-sheets.md, "Placement, backgrounds and spot colours"): blocks
/// at a fixed spot of a page (`position: page` with `top`, `right`, `bottom`, `left`), what a
/// page master paints beneath everything (a background image, a colour band) and spot colours.
/// The values only; layout places the blocks, the PDF and the HTML draw them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/geometry.hpp"

namespace folio::style {

struct ComputedStyle;
struct PageStyle;
struct Declaration;
struct Stylesheet;
struct StyledDocument;

/// Which pages a positioned block is drawn on (`position-page`).
enum class PlacementPages : std::uint8_t {
    here,        ///< the page where its place in the flow falls (the default)
    cover,       ///< the cover page
    back_cover,  ///< the back cover
    every,       ///< every body page
    first,       ///< every page of the master of that name
    left,
    right,
};

/// A block's placement (not inherited): in the flow, or at a fixed spot of a page. Offsets are
/// points from the page's trim edges; an unset one is `auto`.
struct Placement {
    bool page = false;  ///< position: page
    std::optional<double> top;
    std::optional<double> right;
    std::optional<double> bottom;
    std::optional<double> left;
    PlacementPages pages = PlacementPages::here;
    /// print-qr on a link: the side of a QR code of its address printed in the margin beside
    /// it, in points (0 = none)
    double print_qr = 0;
    bool operator==(const Placement&) const = default;
};

/// The name of `pages` as the style sheet writes it ("back-cover").
std::string_view placement_pages_name(PlacementPages pages);

/// A band of colour across one edge of a page (`background-band="top 60mm #0b3d91"`).
struct Band {
    enum class Edge : std::uint8_t { top, bottom, left, right } edge = Edge::top;
    double size = 0;  ///< points from the trim edge inwards
    core::Color color;
    bool operator==(const Band&) const = default;
};

/// What a page master paints beneath its content, besides `background-color`.
struct PageArt {
    std::string image;                  ///< background-image: a path (resolved), "" = none
    core::SourceLocation image_at;      ///< where the style sheet names it
    std::vector<Band> bands;            ///< background-band, in order
    bool bleed = true;                  ///< background-bleed: run backgrounds into the bleed
};

/// A property of placement: its name, what it expects (for the message) and its setter.
struct PlacementProperty {
    std::string_view name;
    std::string_view expected;
    bool (*set)(ComputedStyle& s, std::string_view value, double em);
};

/// position, position-page, top, right, bottom, left, print-qr.
const std::vector<PlacementProperty>& placement_properties();

/// Applies a <page> declaration of placement (background-image, background-band,
/// background-bleed) to `page`; false when `d` is none of them. Bad values are errors at `d`.
bool apply_page_art(PageStyle& page, const Declaration& d, core::Diagnostics& diags);

/// The background images of the default page and the masters, each with where the sheet names
/// it, for realize to decode with the document's images.
std::vector<std::pair<std::string, core::SourceLocation>> art_images(const StyledDocument& styled);

/// The id of the spot colour named `name` (1..65535, a hash of the name).
std::uint16_t spot_id(std::string_view name);

/// Parses `spot("Name", cmyk(c, m, y, k))`: the CMYK alternate with the ink's id.
std::optional<core::Color> parse_spot(std::string_view v);

/// Every spot colour the sheet's declarations name, once each, in order of first use; two inks of
/// one name with different alternates, or two names with one id, are errors at the second.
std::vector<core::SpotColour> collect_spots(const Stylesheet& sheet, core::Diagnostics& diags);

}  // namespace folio::style
