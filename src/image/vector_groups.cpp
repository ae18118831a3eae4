// Translucent groups of the vector model: folding the ones that need no compositing of their
// own, and walking the rest.
//
// fold_groups, innermost group first (a child's index is above its parent's):
//   a group whose child groups are all folded, and whose shapes each paint one thing (a fill or
//   a stroke) and pairwise do not overlap, is drawn exactly by multiplying its opacity into each
//   shape's: then its shapes move to its parent.
// Then the groups left without a shape are dropped and the indices renumbered.
// Overlap is tested on conservative drawing-space bounds: the path's points (controls included,
// so the hull of every curve) through the shape's transform, widened by half the stroke width
// (times the miter limit where a miter join can occur, times sqrt 2 for square caps) scaled by
// the transform's Frobenius norm (at least its largest stretch). Groups of more than 64 shapes
// are kept as groups without testing (the test is quadratic).

#include <algorithm>
#include <cmath>

#include "image/vector.hpp"

namespace folio::image {
namespace {

constexpr std::size_t max_tested = 64;

/// True when filling `p` can paint anything: some subpath has two segments or a curve (a lone
/// straight segment, such as an open <path d="M0 0 L9 9"> with the default black fill, has no
/// area).
bool encloses_area(const Path& p) {
    int segments = 0;
    for (const Op op : p.ops) {
        if (op == Op::move) segments = 0;
        else if (op == Op::cubic || (op == Op::line && ++segments > 1)) return true;
    }
    return false;
}

bool paints_one_thing(const Shape& s) {
    return s.fill.kind == Paint::Kind::none || s.stroke.kind == Paint::Kind::none || !encloses_area(s.path);
}

/// True when some subpath of `p` has a corner (two segments meeting, or a close).
bool has_joins(const Path& p) {
    int segments = 0;
    for (const Op op : p.ops) {
        if (op == Op::move) segments = 0;
        else if (op == Op::close || ++segments > 1) return true;
    }
    return false;
}

core::Rect ink_bounds(const Shape& s) {
    const core::Rect b = bounds(s.path);
    const Matrix& m = s.transform;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool first = true;
    for (const core::Point p : {core::Point{b.x, b.y}, core::Point{b.right(), b.y}, core::Point{b.x, b.bottom()},
                                core::Point{b.right(), b.bottom()}}) {
        const core::Point q = m.apply(p);
        x0 = first ? q.x : std::min(x0, q.x);
        y0 = first ? q.y : std::min(y0, q.y);
        x1 = first ? q.x : std::max(x1, q.x);
        y1 = first ? q.y : std::max(y1, q.y);
        first = false;
    }
    double widen = 0;
    if (s.stroke.kind != Paint::Kind::none) {
        double factor = s.line.cap == 2 ? std::sqrt(2.0) : 1.0;
        if (s.line.join == 0 && has_joins(s.path)) factor = std::max(factor, s.line.miter_limit);
        const double norm = std::sqrt(m.a * m.a + m.b * m.b + m.c * m.c + m.d * m.d);
        widen = s.line.width / 2 * factor * norm;
    }
    return {x0 - widen, y0 - widen, x1 - x0 + 2 * widen, y1 - y0 + 2 * widen};
}

bool overlap(const core::Rect& a, const core::Rect& b) {
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

/// True when the shapes [first, last) can take the opacity of their group themselves.
bool foldable(const Drawing& d, std::size_t first, std::size_t last) {
    if (last - first > max_tested) return false;
    std::vector<core::Rect> boxes;
    for (std::size_t i = first; i < last; ++i) {
        const Shape& s = d.shapes[i];
        if (!paints_one_thing(s)) return false;
        const core::Rect box = ink_bounds(s);
        if (!std::isfinite(box.x) || !std::isfinite(box.y) || !std::isfinite(box.width) || !std::isfinite(box.height))
            return false;
        for (const core::Rect& other : boxes) {
            if (overlap(box, other)) return false;
        }
        boxes.push_back(box);
    }
    return true;
}

/// Drops the groups no shape is in (directly or through an inner group) and renumbers.
void drop_empty(Drawing& d) {
    std::vector<bool> used(d.groups.size(), false);
    for (const Shape& s : d.shapes) {
        for (std::int32_t g = s.group; g >= 0 && !used[static_cast<std::size_t>(g)]; g = d.groups[static_cast<std::size_t>(g)].parent)
            used[static_cast<std::size_t>(g)] = true;
    }
    std::vector<std::int32_t> renumber(d.groups.size(), -1);
    std::vector<Group> kept;
    for (std::size_t g = 0; g < d.groups.size(); ++g) {
        if (!used[g]) continue;
        renumber[g] = static_cast<std::int32_t>(kept.size());
        Group next = d.groups[g];
        if (next.parent >= 0) next.parent = renumber[static_cast<std::size_t>(next.parent)];
        kept.push_back(next);
    }
    for (Shape& s : d.shapes) {
        if (s.group >= 0) s.group = renumber[static_cast<std::size_t>(s.group)];
    }
    d.groups = std::move(kept);
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> group_ranges(const Drawing& d) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges(d.groups.size(), {0, 0});
    std::vector<bool> seen(d.groups.size(), false);
    for (std::size_t i = 0; i < d.shapes.size(); ++i) {
        for (std::int32_t g = d.shapes[i].group; g >= 0; g = d.groups[static_cast<std::size_t>(g)].parent) {
            auto& r = ranges[static_cast<std::size_t>(g)];
            if (!seen[static_cast<std::size_t>(g)]) r.first = i;
            seen[static_cast<std::size_t>(g)] = true;
            r.second = i + 1;
        }
    }
    return ranges;
}

void flatten_groups(Drawing& d, std::size_t keep) {
    for (std::size_t k = d.groups.size(); k-- > keep;) {  // innermost first: opacities gather upwards
        for (Shape& s : d.shapes) {
            if (s.group != static_cast<std::int32_t>(k)) continue;
            s.fill_opacity *= d.groups[k].opacity;
            s.stroke_opacity *= d.groups[k].opacity;
            s.group = d.groups[k].parent;
        }
    }
    if (d.groups.size() > keep) d.groups.resize(keep);
}

std::int32_t child_of(const Drawing& d, std::int32_t group, std::int32_t outer) {
    if (group == outer) return -1;
    while (group >= 0 && d.groups[static_cast<std::size_t>(group)].parent != outer)
        group = d.groups[static_cast<std::size_t>(group)].parent;
    return group;
}

void fold_groups(Drawing& d) {
    if (d.groups.empty()) return;
    drop_empty(d);
    std::vector<bool> has_child(d.groups.size(), false);  // an inner group kept
    const auto ranges = group_ranges(d);
    for (std::size_t k = d.groups.size(); k-- > 0;) {
        const Group g = d.groups[k];
        // A child left unfolded keeps this group too (its shapes would composite apart).
        if (has_child[k] || !foldable(d, ranges[k].first, ranges[k].second)) {
            if (g.parent >= 0) has_child[static_cast<std::size_t>(g.parent)] = true;
            continue;
        }
        for (std::size_t i = ranges[k].first; i < ranges[k].second; ++i) {
            Shape& s = d.shapes[i];
            if (s.group != static_cast<std::int32_t>(k)) continue;
            s.fill_opacity *= g.opacity;
            s.stroke_opacity *= g.opacity;
            s.group = g.parent;
        }
    }
    drop_empty(d);
}

}  // namespace folio::image
