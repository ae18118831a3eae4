// Positioned blocks (placement.hpp): `position: page`, placed by offsets from the trim edges.
//
// Control flow:
//   1. build_units meets a positioned block, cuts it alone at placement_width into units, and
//      merge_placed stacks them into one unit (items shifted, late items' tops moved, the boxes
//      of its containers painted beneath), moved to one edge when only one offset is set;
//   2. the paginator, on meeting that unit, emits it at placement_origin on the current page: it
//      takes no room in the columns, and its late lines get a slot like any unit's;
//   3. finish_placed, once the pages are filled: each block's items are found on that page by
//      their nodes (the block's subtree), moved or copied to the pages `position-page` names
//      (a copy after the first has no node and no link: an artifact, as running heads are), and
//      any item that would leave the trim box is dropped, with a warning at the block.

#include "layout/placement.hpp"

#include <algorithm>
#include <cmath>

namespace folio::layout {
namespace {

using style::PlacementPages;

constexpr double min_width = 36;  ///< half an inch: narrower, no text can be set

/// The master a block placed on `pages` is laid out for.
const style::PageStyle& target_master(const style::StyledDocument& styled, PlacementPages pages) {
    const char* name = nullptr;
    switch (pages) {
        case PlacementPages::cover:
        case PlacementPages::back_cover: name = "cover"; break;
        case PlacementPages::first: name = "first"; break;
        case PlacementPages::left: name = "left"; break;
        case PlacementPages::right: name = "right"; break;
        case PlacementPages::here:
        case PlacementPages::every: break;
    }
    const style::PageStyle* m = name != nullptr ? styled.master(name) : nullptr;
    return m != nullptr ? *m : styled.page;
}

/// The horizontal extent [from, to] of an item relative to its unit (nullopt: takes no room).
std::optional<std::pair<double, double>> extent(const Item& item) {
    if (const auto* r = std::get_if<GlyphRun>(&item)) return std::make_pair(r->origin.x, r->origin.x + r->width);
    if (const auto* r = std::get_if<FilledRect>(&item)) return std::make_pair(r->rect.x, r->rect.right());
    if (const auto* r = std::get_if<ImageBox>(&item)) return std::make_pair(r->rect.x, r->rect.right());
    if (const auto* r = std::get_if<VectorBox>(&item)) return std::make_pair(r->rect.x, r->rect.right());
    return std::nullopt;
}

void shift(Item& item, double dx, double dy) {
    std::visit([&](auto& it) {
        using T = std::decay_t<decltype(it)>;
        if constexpr (std::is_same_v<T, GlyphRun>) { it.origin.x += dx; it.origin.y += dy; }
        else if constexpr (std::is_same_v<T, Anchor>) { it.at.x += dx; it.at.y += dy; }
        else { it.rect.x += dx; it.rect.y += dy; }
    }, item);
}

/// The box an item inks, in page coordinates (a run: its advance from ascender to descender).
core::Rect ink_box(const Item& item) {
    if (const auto* r = std::get_if<GlyphRun>(&item)) {
        return {r->origin.x, r->origin.y - r->size, r->width, r->size * 1.3};
    }
    if (const auto* a = std::get_if<Anchor>(&item)) return {a->at.x, a->at.y, 0, 0};
    core::Rect r;
    std::visit([&](const auto& it) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(it)>, GlyphRun> &&
                      !std::is_same_v<std::decay_t<decltype(it)>, Anchor>) r = it.rect;
    }, item);
    return r;
}

bool inside(const core::Rect& r, core::Size page) {
    constexpr double slack = 0.01;
    return r.x >= -slack && r.y >= -slack && r.right() <= page.width + slack && r.bottom() <= page.height + slack;
}

doc::NodeId node_of(const Item& item) {
    doc::NodeId n = doc::no_node;
    std::visit([&](const auto& it) { n = it.node; }, item);
    return n;
}

bool within(const doc::Document& d, doc::NodeId node, doc::NodeId block) {
    for (doc::NodeId n = node; n != doc::no_node && n < d.nodes.size(); n = d.node(n).parent) {
        if (n == block) return true;
    }
    return false;
}

/// The pages a block placed on `pages` goes to, besides the page it fell on (`host`).
std::vector<std::size_t> targets(const PagedDocument& doc, PlacementPages pages, std::size_t host) {
    std::vector<std::size_t> out;
    const std::string_view name = style::placement_pages_name(pages);
    for (std::size_t i = 0; i < doc.pages.size(); ++i) {
        const std::string& m = doc.pages[i].master;
        const bool body = m != "cover" && m != "back-cover";
        if (pages == PlacementPages::here ? i == host : pages == PlacementPages::every ? body : m == name) {
            out.push_back(i);
        }
    }
    return out;
}

std::string points(double v) { return std::to_string(static_cast<long>(std::lround(v * 25.4 / 72))) + "mm"; }

}  // namespace

void box_items(const style::ComputedStyle& st, const core::Rect& r, doc::NodeId id, std::vector<Item>& out) {
    if (st.background) out.emplace_back(FilledRect{r, *st.background, id});
    if (st.border_width > 0) {
        const double b = st.border_width;
        out.emplace_back(FilledRect{{r.x, r.y, r.width, b}, st.border_color, id});
        out.emplace_back(FilledRect{{r.x, r.bottom() - b, r.width, b}, st.border_color, id});
        out.emplace_back(FilledRect{{r.x, r.y, b, r.height}, st.border_color, id});
        out.emplace_back(FilledRect{{r.right() - b, r.y, b, r.height}, st.border_color, id});
    }
    if (st.border_left_width > 0) {
        out.emplace_back(FilledRect{{r.x, r.y, st.border_left_width, r.height}, st.border_color, id});
    }
}

const style::PageStyle& master_of(const style::StyledDocument& styled, const std::string& name) {
    const style::PageStyle* m = styled.master(name == "back-cover" ? "cover" : name);
    return m != nullptr ? *m : styled.page;
}

double placement_width(const style::StyledDocument& styled, doc::NodeId block) {
    const style::Placement& p = styled.style(block).placement;
    const style::PageStyle& m = target_master(styled, p.pages);
    const double page = m.size.width;
    double w = m.content_box().width;
    if (p.left && p.right) w = page - *p.left - *p.right;
    else if (p.left || p.right) w = std::min(w, page - p.left.value_or(0) - p.right.value_or(0));
    // offsets that leave no room: set at the text width, and moved onto the page (finish_placed warns)
    return w < min_width ? m.content_box().width : w;
}

void merge_placed(const style::StyledDocument& styled, doc::NodeId block, std::size_t first, std::size_t late,
                  UnitList& out, const std::function<double(const LateItems&)>& line_width) {
    if (first >= out.units.size()) return;
    Unit merged;
    merged.placed = block;
    merged.forced_before = out.units[first].forced_before;
    merged.master = out.units[first].master;
    merged.block = block;
    merged.first_late = static_cast<std::uint32_t>(late);
    merged.late_count = static_cast<std::uint32_t>(out.late.size() - late);
    std::vector<std::pair<doc::NodeId, std::pair<double, double>>> boxed;  // box -> [top, bottom]
    std::vector<Item> items;
    double y = 0;
    for (std::size_t k = first; k < out.units.size(); ++k) {
        Unit& u = out.units[k];
        if (k > first) y += u.space_before;
        for (Item& item : u.items) {
            shift(item, 0, y);
            items.push_back(std::move(item));
        }
        for (std::uint32_t l = u.first_late; l < u.first_late + u.late_count; ++l) out.late[l].top += y;
        for (doc::NodeId b : u.boxes) {
            auto it = std::find_if(boxed.begin(), boxed.end(), [&](const auto& e) { return e.first == b; });
            if (it == boxed.end()) boxed.push_back({b, {y, y + u.height}});
            else it->second.second = y + u.height;
        }
        y += u.height;
    }
    merged.height = y;
    for (const auto& [id, span] : boxed) {
        const BoxGeometry& g = out.boxes.at(id);
        box_items(styled.style(id), {g.x, span.first, g.width, span.second - span.first}, id, merged.items);
    }
    for (Item& item : items) merged.items.push_back(std::move(item));
    if (std::none_of(merged.items.begin(), merged.items.end(), [&](const Item& i) {
            const auto* a = std::get_if<Anchor>(&i);
            return a != nullptr && a->node == block;
        })) {
        merged.items.emplace_back(Anchor{{0, 0}, block});  // (the page it falls on, for finish_placed)
    }
    // One offset only: the content moves to that edge (a centred logo to its corner).
    const style::Placement& p = styled.style(block).placement;
    if (p.left.has_value() != p.right.has_value()) {
        double from = 1e9;
        double to = -1e9;
        for (const Item& item : merged.items) {
            if (const auto e = extent(item)) { from = std::min(from, e->first); to = std::max(to, e->second); }
        }
        for (std::uint32_t l = merged.first_late; l < merged.first_late + merged.late_count; ++l) {
            from = std::min(from, out.late[l].left);
            to = std::max(to, out.late[l].left + line_width(out.late[l]));
        }
        const double dx = from > to ? 0 : p.left ? -from : placement_width(styled, block) - to;
        if (dx != 0) {
            for (Item& item : merged.items) {
                if (!std::holds_alternative<Anchor>(item)) shift(item, dx, 0);  // (anchors stay at its edge)
            }
            for (std::uint32_t l = merged.first_late; l < merged.first_late + merged.late_count; ++l) out.late[l].left += dx;
        }
    }
    out.units.resize(first);
    out.units.push_back(std::move(merged));
}

core::Point placement_origin(const style::StyledDocument& styled, const Unit& u, const style::PageStyle& master,
                             core::Size page) {
    const style::Placement& p = styled.style(u.placed).placement;
    const double w = placement_width(styled, u.placed);
    double x = p.left ? *p.left : p.right ? page.width - *p.right - w : master.content_box().x;
    double y = p.top ? *p.top : p.bottom ? page.height - *p.bottom - u.height : master.margin_top;
    x = std::clamp(x, 0.0, std::max(0.0, page.width - w));
    y = std::clamp(y, 0.0, std::max(0.0, page.height - u.height));
    return {x, y};
}

void finish_placed(const style::StyledDocument& styled, const UnitList& units, PagedDocument& doc,
                   const PageMap& pages, core::Diagnostics& diags) {
    const doc::Document& d = styled.doc();
    for (const Unit& u : units.units) {
        if (u.placed == doc::no_node) continue;
        const auto host = pages.find(u.placed);
        if (!host || *host >= doc.pages.size()) continue;
        const style::Placement& p = styled.style(u.placed).placement;
        const core::SourceLocation& at = d.node(u.placed).location;
        Page& from = doc.pages[*host];
        std::vector<std::size_t> to = targets(doc, p.pages, *host);
        if (to.empty()) {
            diags.warning("layout.placement-no-page", "this block is placed on the " +
                          std::string(style::placement_pages_name(p.pages)) +
                          " page, which the document does not have; it stays on the page where it falls", at);
            to.push_back(*host);
        }
        // The requested box, before placement_origin kept it on the page.
        const double w = placement_width(styled, u.placed);
        const core::Size size = from.size;
        const double x = p.left ? *p.left : p.right ? size.width - *p.right - w : 0;
        const double y = p.top ? *p.top : p.bottom ? size.height - *p.bottom - u.height : 0;
        if (u.height > size.height || w > size.width) {
            diags.warning("layout.placement-too-big", "this positioned block (" + points(w) + " x " +
                          points(u.height) + ") is larger than the page; what does not fit is left out", at);
        } else if (x < 0 || y < 0 || x + w > size.width + 0.01 || y + u.height > size.height + 0.01) {
            diags.warning("layout.placement-outside", "this positioned block would leave the page at these "
                          "offsets; it is moved onto the page", at);
        }
        // Its items: taken from the page it fell on, put on each target page.
        std::vector<Item> mine;
        auto& items = from.items;
        const auto split = std::stable_partition(items.begin(), items.end(),
                                                 [&](const Item& i) { return !within(d, node_of(i), u.placed); });
        mine.assign(std::make_move_iterator(split), std::make_move_iterator(items.end()));
        items.erase(split, items.end());
        const core::Point origin = placement_origin(styled, u, master_of(styled, from.master), from.size);
        bool first = true;
        bool cut = false;
        for (std::size_t t : to) {
            Page& page = doc.pages[t];
            const core::Point o = placement_origin(styled, u, master_of(styled, page.master), page.size);
            for (const Item& item : mine) {
                if (!first && (std::holds_alternative<Anchor>(item) || std::holds_alternative<LinkArea>(item))) continue;
                Item copy = item;
                shift(copy, o.x - origin.x, o.y - origin.y);
                if (auto* a = std::get_if<Anchor>(&copy)) {  // (no ink: kept on the page)
                    a->at = {std::clamp(a->at.x, 0.0, page.size.width), std::clamp(a->at.y, 0.0, page.size.height)};
                } else if (!inside(ink_box(copy), page.size)) {
                    cut = true;
                    continue;
                }
                if (!first) std::visit([](auto& it) { it.node = doc::no_node; }, copy);
                page.items.push_back(std::move(copy));
            }
            first = false;
        }
        if (cut && u.height <= size.height && w <= size.width) {
            diags.warning("layout.placement-cut", "part of this positioned block would fall outside the page "
                          "and is left out", at);
        }
    }
}

void paint_page_art(const realize::RealizedDocument& realized, PagedDocument& doc) {
    const style::StyledDocument& styled = realized.styled();
    for (Page& page : doc.pages) {
        const style::PageStyle& m = master_of(styled, page.master);
        if (m.art.image.empty() && m.art.bands.empty()) continue;
        const double b = m.art.bleed ? page.bleed : 0;
        const double w = page.size.width;
        const double h = page.size.height;
        std::vector<Item> art;
        if (const auto px = realized.image_size(m.art.image); px && px->width > 0 && px->height > 0) {
            const core::Rect area{-b, -b, w + 2 * b, h + 2 * b};
            const double cover = std::max(area.width / px->width, area.height / px->height);
            const double contain = std::min(area.width / px->width, area.height / px->height);
            const double s = m.art.bleed ? cover : contain;  // (what leaves the bleed box is clipped)
            const core::Rect r{area.x + (area.width - px->width * s) / 2, area.y + (area.height - px->height * s) / 2,
                               px->width * s, px->height * s};
            // Covering: drawn at r, clipped to the bleed box (fit), so no ink leaves it however large.
            const bool clipped = r.width > area.width + 0.01 || r.height > area.height + 0.01;
            const core::Rect box = clipped ? area : r;
            const core::Rect fit = clipped ? core::Rect{r.x - area.x, r.y - area.y, r.width, r.height} : core::Rect{};
            const image::Image* img = realized.image(m.art.image);
            if (img != nullptr && img->format == image::Format::svg) art.emplace_back(VectorBox{box, m.art.image, doc::no_node, fit});
            else art.emplace_back(ImageBox{box, m.art.image, doc::no_node, fit});
        }
        for (const style::Band& band : m.art.bands) {
            // (a band deeper than the page covers it, and stops at the bleed box)
            const bool across = band.edge == style::Band::Edge::top || band.edge == style::Band::Edge::bottom;
            const double depth = std::min(band.size, across ? h : w);
            const double s = depth + b;
            core::Rect r{-b, -b, w + 2 * b, s};
            if (band.edge == style::Band::Edge::bottom) r.y = h - depth;
            if (band.edge == style::Band::Edge::left) r = {-b, -b, s, h + 2 * b};
            if (band.edge == style::Band::Edge::right) r = {w - depth, -b, s, h + 2 * b};
            art.emplace_back(FilledRect{r, band.color});
        }
        // beneath everything but the master's background colour
        const bool coloured = m.background && !page.items.empty() && std::holds_alternative<FilledRect>(page.items[0]) &&
                              node_of(page.items[0]) == doc::no_node;
        page.items.insert(page.items.begin() + (coloured ? 1 : 0), art.begin(), art.end());
    }
}

}  // namespace folio::layout
