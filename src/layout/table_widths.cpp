// Column widths of a table (table_widths.hpp): CSS 2.1 §17.5.2.2 automatic table layout, with
// fixed, percentage and proportional (XSL-FO `2*`) column widths.
//
// Control flow: content needs per column (single cells, then spanning cells spread evenly over
// their columns); declared widths; automatic columns between their min and max; proportional
// columns share the rest; a final scale keeps the table within the measure.

#include "layout/table_widths.hpp"

#include <algorithm>
#include <numeric>

namespace folio::layout {

namespace {

using Kind = doc::ColumnWidth::Kind;
constexpr double epsilon = 0.01;

/// Step 1: each column's min and max content width.
void content_needs(const std::vector<CellNeed>& cells, std::vector<double>& min, std::vector<double>& max) {
    const std::size_t n = min.size();
    for (const CellNeed& c : cells) {
        if (c.span != 1 || c.col >= n) continue;
        min[c.col] = std::max(min[c.col], c.min);
        max[c.col] = std::max(max[c.col], c.max);
    }
    for (const CellNeed& c : cells) {
        if (c.span < 2 || c.col >= n) continue;
        const std::size_t end = std::min<std::size_t>(n, c.col + c.span);
        const auto cols = static_cast<double>(end - c.col);
        double have_min = 0, have_max = 0;
        for (std::size_t k = c.col; k < end; ++k) {
            have_min += min[k];
            have_max += max[k];
        }
        for (std::size_t k = c.col; k < end; ++k) {
            if (c.min > have_min) min[k] += (c.min - have_min) / cols;
            if (c.max > have_max) max[k] += (c.max - have_max) / cols;
        }
    }
    for (std::size_t k = 0; k < n; ++k) max[k] = std::max(max[k], min[k]);
}

/// Step 3: the automatic columns within `room` (leaving `reserve` for proportional ones),
/// filling the room when `fill`.
void automatic(const std::vector<doc::ColumnWidth>& specs, const std::vector<double>& min,
               const std::vector<double>& max, double room, bool fill, std::vector<double>& w) {
    double sum_min = 0, sum_max = 0;
    std::size_t count = 0;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        if (specs[k].kind != Kind::automatic) continue;
        sum_min += min[k];
        sum_max += max[k];
        ++count;
    }
    if (count == 0) return;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        if (specs[k].kind != Kind::automatic) continue;
        if (sum_max <= room) {
            const double extra = fill ? room - sum_max : 0;
            w[k] = max[k] + (sum_max > 0 ? extra * max[k] / sum_max : extra / static_cast<double>(count));
        } else if (sum_min <= room) {
            const double t = sum_max > sum_min ? (room - sum_min) / (sum_max - sum_min) : 0;
            w[k] = min[k] + t * (max[k] - min[k]);
        } else {
            w[k] = min[k];  // too wide: scaled with the rest in step 5
        }
    }
}

/// Step 6: every column at least its floor (its widest character), taken from the others' width
/// above their floors.
void raise_to_floors(const std::vector<CellNeed>& cells, double available, ColumnWidths& out) {
    const std::size_t n = out.widths.size();
    std::vector<double> floor(n, 0);
    for (const CellNeed& c : cells) {
        if (c.col >= n) continue;
        const std::size_t end = std::min<std::size_t>(n, c.col + c.span);
        for (std::size_t k = c.col; k < end; ++k) floor[k] = std::max(floor[k], c.floor / static_cast<double>(end - c.col));
    }
    out.floor = std::accumulate(floor.begin(), floor.end(), 0.0);
    if (out.floor > available + epsilon) {
        out.impossible = true;
        return;
    }
    double deficit = 0, slack = 0;
    for (std::size_t k = 0; k < n; ++k) {
        deficit += std::max(0.0, floor[k] - out.widths[k]);
        slack += std::max(0.0, out.widths[k] - floor[k]);
    }
    if (deficit <= epsilon || slack <= 0) return;
    for (std::size_t k = 0; k < n; ++k) {
        if (out.widths[k] < floor[k]) out.widths[k] = floor[k];
        else out.widths[k] -= (out.widths[k] - floor[k]) * deficit / slack;
    }
}

}  // namespace

ColumnWidths column_widths(const std::vector<doc::ColumnWidth>& specs, const std::vector<CellNeed>& cells,
                           double available) {
    const std::size_t n = specs.size();
    ColumnWidths out;
    out.widths.assign(n, 0);
    out.min.assign(n, 0);
    std::vector<double> max(n, 0);
    content_needs(cells, out.min, max);
    // 2. Declared widths.
    double declared = 0, weights = 0, share_min = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (specs[k].kind == Kind::fixed) out.widths[k] = specs[k].value;
        if (specs[k].kind == Kind::percent) out.widths[k] = specs[k].value / 100 * available;
        declared += out.widths[k];
        if (specs[k].kind == Kind::share) {
            weights += specs[k].value;
            share_min += out.min[k];
        }
    }
    out.fixed_too_wide = declared > available + epsilon;
    // 3. Automatic columns, then 4. the proportional ones.
    const double room = std::max(0.0, available - declared);
    automatic(specs, out.min, max, room - share_min, weights == 0, out.widths);
    double used = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (specs[k].kind == Kind::automatic) used += out.widths[k];
    }
    const double rest = std::max(0.0, room - used);
    for (std::size_t k = 0; k < n; ++k) {
        if (specs[k].kind == Kind::share) out.widths[k] = weights > 0 ? rest * specs[k].value / weights : 0;
    }
    // 5. Never wider than the measure.
    const double total = std::accumulate(out.widths.begin(), out.widths.end(), 0.0);
    if (total > available + epsilon && total > 0) {
        for (double& w : out.widths) w *= available / total;
    }
    for (std::size_t k = 0; k < n; ++k) {
        if (out.widths[k] + epsilon < out.min[k]) out.narrow.push_back(static_cast<std::uint32_t>(k));
    }
    raise_to_floors(cells, available, out);
    return out;
}

}  // namespace folio::layout
