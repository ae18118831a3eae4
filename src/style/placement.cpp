// Placement properties (placement.hpp): positioned blocks, page-master art, spot colours.
//
// Offsets are lengths from the page's trim edges, from 0 to 2 m (a larger one is a typing
// mistake, and a block placed off the page is layout's warning); a band is at most 2 m deep.
// A spot colour's id is a 16-bit hash of its name, so a colour carries its ink in two bytes and
// parse_color needs no table; collect_spots makes the table the PDF names the inks from.

#include "style/placement.hpp"

#include <algorithm>
#include <map>

#include "style/computed.hpp"
#include "style/stylesheet.hpp"
#include "style/values.hpp"

namespace folio::style {
namespace {

constexpr double max_offset = 2000 * 72 / 25.4;  ///< 2 m

std::string_view trim(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

bool set_offset(std::optional<double>& field, std::string_view v, double em) {
    if (v == "auto") { field.reset(); return true; }
    const auto l = parse_length(v, em);
    if (!l || *l < 0 || *l > max_offset) return false;
    field = *l;
    return true;
}

constexpr std::pair<std::string_view, PlacementPages> pages_names[] = {
    {"here", PlacementPages::here},   {"cover", PlacementPages::cover}, {"back-cover", PlacementPages::back_cover},
    {"every", PlacementPages::every}, {"first", PlacementPages::first}, {"left", PlacementPages::left},
    {"right", PlacementPages::right}};

/// background-band: "EDGE SIZE COLOUR" (the colour may hold spaces: rgb(1, 2, 3)).
std::optional<Band> parse_band(std::string_view v) {
    v = trim(v);
    const auto first = v.find(' ');
    if (first == std::string_view::npos) return std::nullopt;
    const std::string_view edge = v.substr(0, first);
    std::string_view rest = trim(v.substr(first + 1));
    const auto second = rest.find(' ');
    if (second == std::string_view::npos) return std::nullopt;
    Band band;
    if (edge == "top") band.edge = Band::Edge::top;
    else if (edge == "bottom") band.edge = Band::Edge::bottom;
    else if (edge == "left") band.edge = Band::Edge::left;
    else if (edge == "right") band.edge = Band::Edge::right;
    else return std::nullopt;
    const auto size = parse_length(rest.substr(0, second), 12);
    const auto color = parse_color(trim(rest.substr(second + 1)));
    if (!size || *size <= 0 || *size > max_offset || !color) return std::nullopt;
    band.size = *size;
    band.color = *color;
    return band;
}

/// `path` relative to the folder of the file `base` (a style sheet), unless absolute.
std::string beside(const std::string& base, std::string_view path) {
    if (path.starts_with('/')) return std::string(path);
    const auto slash = base.rfind('/');
    return slash == std::string::npos ? std::string(path) : base.substr(0, slash + 1) + std::string(path);
}

}  // namespace

std::string_view placement_pages_name(PlacementPages pages) {
    for (const auto& [name, value] : pages_names) {
        if (value == pages) return name;
    }
    return "here";
}

const std::vector<PlacementProperty>& placement_properties() {
    static const std::vector<PlacementProperty> table = {
        {"position", "static or page",
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "page") s.placement.page = true;
             else if (v == "static") s.placement.page = false;
             else return false;
             return true;
         }},
        {"position-page", "here, cover, back-cover, every, first, left or right",
         [](ComputedStyle& s, std::string_view v, double) {
             for (const auto& [name, value] : pages_names) {
                 if (v == name) { s.placement.pages = value; return true; }
             }
             return false;
         }},
        {"top", "a length from 0 to 2m, or auto",
         [](ComputedStyle& s, std::string_view v, double em) { return set_offset(s.placement.top, v, em); }},
        {"right", "a length from 0 to 2m, or auto",
         [](ComputedStyle& s, std::string_view v, double em) { return set_offset(s.placement.right, v, em); }},
        {"bottom", "a length from 0 to 2m, or auto",
         [](ComputedStyle& s, std::string_view v, double em) { return set_offset(s.placement.bottom, v, em); }},
        {"left", "a length from 0 to 2m, or auto",
         [](ComputedStyle& s, std::string_view v, double em) { return set_offset(s.placement.left, v, em); }},
        {"print-qr", "none, beside (a 15mm code) or the code's side, from 10mm to 50mm",
         [](ComputedStyle& s, std::string_view v, double em) {
             if (v == "none") { s.placement.print_qr = 0; return true; }
             if (v == "beside") { s.placement.print_qr = 15 * 72 / 25.4; return true; }
             const auto l = parse_length(v, em);
             if (!l || *l < 10 * 72 / 25.4 - 0.01 || *l > 50 * 72 / 25.4 + 0.01) return false;
             s.placement.print_qr = *l;
             return true;
         }},
    };
    return table;
}

bool apply_page_art(PageStyle& page, const Declaration& d, core::Diagnostics& diags) {
    auto bad = [&](std::string_view expected) {
        diags.error("style.invalid-value",
                    "invalid value '" + d.value + "' for " + d.property + ": expected " + std::string(expected),
                    d.location);
    };
    if (d.property == "background-image") {
        if (d.value == "none") {
            page.art.image.clear();
        } else if (d.value.empty() || d.value.find('\\') != std::string::npos || d.value.find(':') != std::string::npos) {
            bad("a PNG, JPEG or SVG file relative to the style sheet, or none");
        } else {
            page.art.image = beside(d.location.file, d.value);
            page.art.image_at = d.location;
        }
    } else if (d.property == "background-band") {
        if (d.value == "none") page.art.bands.clear();
        else if (auto band = parse_band(d.value)) page.art.bands.push_back(*band);
        else bad("an edge (top, bottom, left, right), a length and a colour, e.g. \"top 60mm #0b3d91\", or none");
    } else if (d.property == "background-bleed") {
        if (d.value == "yes" || d.value == "bleed") page.art.bleed = true;
        else if (d.value == "no" || d.value == "trim") page.art.bleed = false;
        else bad("yes (into the bleed) or no (to the trim edge)");
    } else {
        return false;
    }
    return true;
}

std::vector<std::pair<std::string, core::SourceLocation>> art_images(const StyledDocument& styled) {
    std::vector<std::pair<std::string, core::SourceLocation>> out;
    if (!styled.page.art.image.empty()) out.emplace_back(styled.page.art.image, styled.page.art.image_at);
    for (const PageStyle& m : styled.masters) {
        if (!m.art.image.empty()) out.emplace_back(m.art.image, m.art.image_at);
    }
    return out;
}

std::uint16_t spot_id(std::string_view name) {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (unsigned char c : name) h = (h ^ c) * 16777619u;
    return static_cast<std::uint16_t>(1 + h % 65535u);
}

std::optional<core::Color> parse_spot(std::string_view v) {
    v = trim(v);
    if (!v.starts_with("spot")) return std::nullopt;
    v = trim(v.substr(4));
    if (v.size() < 2 || v.front() != '(' || v.back() != ')') return std::nullopt;
    v = trim(v.substr(1, v.size() - 2));
    if (v.empty() || (v.front() != '"' && v.front() != '\'')) return std::nullopt;
    const auto close = v.find(v.front(), 1);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view name = trim(v.substr(1, close - 1));
    std::string_view rest = trim(v.substr(close + 1));
    if (name.empty() || name.size() > 127 || !rest.starts_with(',')) return std::nullopt;
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f) return std::nullopt;
    }
    auto alternate = parse_color(trim(rest.substr(1)));
    if (!alternate || alternate->space != core::Color::Space::cmyk || alternate->spot != 0) return std::nullopt;
    alternate->spot = spot_id(name);
    return alternate;
}

std::vector<core::SpotColour> collect_spots(const Stylesheet& sheet, core::Diagnostics& diags) {
    std::vector<core::SpotColour> out;
    std::map<std::uint16_t, std::size_t> by_id;
    for (const Rule& r : sheet.rules) {
        for (const Declaration& d : r.declarations) {
            const auto at = d.value.find("spot");
            if (at == std::string::npos) continue;
            // (a band's colour follows its edge and size; everywhere else the value is the colour)
            const auto c = parse_spot(std::string_view(d.value).substr(at));
            if (!c) continue;  // the property's own check reports it
            const auto q = d.value.find_first_of("\"'", at);
            const auto q2 = d.value.find(d.value[q], q + 1);
            std::string name(trim(std::string_view(d.value).substr(q + 1, q2 - q - 1)));
            core::Color alternate = *c;
            alternate.spot = 0;
            const auto [it, added] = by_id.try_emplace(c->spot, out.size());
            if (added) {
                out.push_back({c->spot, std::move(name), alternate});
            } else if (out[it->second].name != name) {
                diags.error("style.spot-clash", "spot colours '" + out[it->second].name + "' and '" + name +
                            "' cannot both be used (their names hash alike); rename one", d.location);
            } else if (!(out[it->second].alternate == alternate)) {
                diags.error("style.spot-mismatch", "spot colour '" + name +
                            "' is given another CMYK alternate here than where first used; use one", d.location);
            }
        }
    }
    return out;
}

}  // namespace folio::style
