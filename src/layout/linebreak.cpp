// Knuth-Plass line breaking: D. E. Knuth and M. F. Plass, "Breaking Paragraphs into Lines",
// Software: Practice and Experience 11 (1981), 1119-1184.
//
// Control flow: walk the items once; at every legal breakpoint (a penalty below infinity, or glue
// that follows a box) try a line from each active node, computing its adjustment ratio from running
// sums of width, stretch and shrink. Lines with ratio < -1 deactivate their start node; feasible lines
// (ratio <= tolerance) get demerits (line penalty + badness)^2 plus penalty and adjacency terms, and
// the best one per fitness class becomes a new active node. At the end the active node with the
// fewest demerits is traced back. Passes with a growing tolerance run until one succeeds; the last
// (the emergency pass) accepts any ratio, giving a line without glue the stretch of a sixteenth
// of its width (like TeX's \emergencystretch) so that such lines are graded, and takes a line
// wider than its measure only at demerits above any paragraph of fitting lines; so a result
// always exists, and it overflows only where a box is wider than the line (layout cuts such
// boxes beforehand: line_fit.cpp). Each node also counts the hyphenated (flagged) lines that end
// in a row at it, and the best node is kept per fitness class and per count: a third hyphenated
// line in a row is infeasible (on the last pass only very costly). Two prunings keep the result: past an active node too loose for the pass,
// the later ones are looser still and are not tried; a new node whose demerits exceed another
// new node's by more than any fitness mismatch can add (with no more hyphenated lines in a row)
// is not made. tests/unit/test_knuth_plass.cpp checks the result against a plain search.

#include "layout/linebreak.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace folio::layout {
namespace {

constexpr double line_penalty = 10;
constexpr double flagged_demerits = 3000;
constexpr double fitness_demerits = 3000;
constexpr int max_flagged_in_a_row = 2;
/// The emergency pass's stretch of a line without glue (a URL's or a long word's pieces, set
/// flush left), as a share of the line's width: such a line gets a finite ratio there, so the
/// breaker weighs how short it is (up to the badness cap, at 10 times this, like any line)
/// instead of finding every such line equally bad.
constexpr double emergency_stretch = 1.0 / 16;
/// Demerits of a line wider than its measure on the emergency pass, plus `overfull_per_point`
/// for each point it is too wide: above any paragraph of lines that fit (each line's own
/// demerits are at most about 1e10), so such a line is only taken when no other way on exists.
constexpr double overfull_demerits = 1e14;
/// Demerits of a third hyphenated line in a row, on the emergency pass only: above any line's
/// own demerits (at most about 1e10), so a very loose line is preferred to it.
constexpr double too_many_hyphens_demerits = 1e11;
constexpr double overfull_per_point = 1e12;

struct Node {
    std::size_t position;
    std::size_t line;
    int fitness;
    double width, stretch, shrink;  // sums up to after the break
    double demerits;
    int previous;  // index into `nodes`, -1 for the start
    bool active;
    int flagged_run;  // consecutive lines ending at a flagged penalty, this one included
};

int fitness_class(double r) {
    if (r < -0.5) return 0;
    if (r <= 0.5) return 1;
    if (r <= 1.0) return 2;
    return 3;
}

bool is_break(const std::vector<BreakItem>& items, std::size_t i) {
    const auto& it = items[i];
    if (it.type == ItemType::penalty) return it.penalty < penalty_infinity;
    if (it.type == ItemType::glue) return i > 0 && items[i - 1].type == ItemType::box;
    return false;
}

/// One pass at `tolerance`. `monotone`: no box or glue has a negative width or stretch (see below).
std::vector<BreakPoint> run_pass(const std::vector<BreakItem>& items, const std::vector<double>& widths,
                                 double tolerance, bool last_pass, bool monotone) {
    std::vector<Node> nodes;
    nodes.reserve(16 + items.size() / 4);
    nodes.push_back({0, 0, 1, 0, 0, 0, 0, -1, true, 0});
    std::vector<std::size_t> active;  // indices of the active nodes, so dead ones cost nothing
    active.reserve(32);
    active.push_back(0);
    double sum_w = 0, sum_y = 0, sum_z = 0;
    auto line_width = [&](std::size_t line) { return widths[std::min(line, widths.size() - 1)]; };
    // When monotone, a node that came later has smaller sums of width and stretch to here, so its
    // line is shorter and at least as loose: once one active node (past the first line, whose
    // width may differ) is too loose for this pass, so are all after it.

    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        if (is_break(items, i)) {
            struct Candidate { double demerits; int from; };
            // The best line per fitness class and per count of hyphenated lines in a row.
            // (a slot holds a candidate only where its bit in `used` is set)
            Candidate best[4][max_flagged_in_a_row + 1];
            unsigned used = 0;
            bool any_candidate = false;
            bool any_deactivated = false;
            const bool flagged = item.type == ItemType::penalty && item.flagged;
            bool any_active = false;
            for (const std::size_t a : active) {
                Node& n = nodes[a];
                double w = sum_w - n.width;
                if (item.type == ItemType::penalty) w += item.width;
                const double target = line_width(n.line) + item.hang;  // hanging punctuation
                double r;
                if (w < target) {
                    double y = sum_y - n.stretch;
                    if (last_pass && y <= 0) y = emergency_stretch * target;  // a line without glue
                    r = y > 0 ? (target - w) / y : (last_pass ? 1e3 : std::numeric_limits<double>::infinity());
                } else if (w > target) {
                    const double z = sum_z - n.shrink;
                    r = z > 0 ? (target - w) / z : -std::numeric_limits<double>::infinity();
                } else {
                    r = 0;
                }
                const bool forced = item.type == ItemType::penalty && item.penalty <= -penalty_infinity;
                if (monotone && !last_pass && !forced && r > tolerance && w < target && n.line > 0) {
                    any_active = true;  // this node and those after it stay active, unused here
                    break;
                }
                if (r < -1 || forced) {
                    n.active = false;
                    any_deactivated = true;
                }
                // On the last pass an overfull line is kept when it is the only way on.
                const bool overfull_rescue = last_pass && r < -1 && w - (sum_z - n.shrink) > target;
                const int run = flagged && !item.long_word ? n.flagged_run + 1 : 0;
                const bool too_many_hyphens = run > max_flagged_in_a_row;
                if (too_many_hyphens && !last_pass) {
                    any_active = any_active || n.active;
                    continue;
                }
                if ((r >= -1 && r <= tolerance) || (last_pass && r > tolerance) || overfull_rescue) {
                    const double ar = std::min(std::abs(r), 10.0);
                    const double badness = 100 * ar * ar * ar;
                    double d = (line_penalty + badness) * (line_penalty + badness);
                    if (item.type == ItemType::penalty) {
                        if (item.penalty >= 0) d += item.penalty * item.penalty;
                        else if (item.penalty > -penalty_infinity) d -= item.penalty * item.penalty;
                    }
                    if (item.type == ItemType::penalty && item.flagged && n.position < items.size() &&
                        items[n.position].type == ItemType::penalty && items[n.position].flagged) {
                        d += flagged_demerits;
                    }
                    const int fc = fitness_class(r);
                    if (std::abs(fc - n.fitness) > 1) d += fitness_demerits;
                    if (overfull_rescue) {
                        d += overfull_demerits + overfull_per_point * (w - (sum_z - n.shrink) - target);
                    }
                    if (too_many_hyphens) d += too_many_hyphens_demerits;
                    d += n.demerits;
                    const int slot_index = fc * (max_flagged_in_a_row + 1) + std::min(run, max_flagged_in_a_row);
                    Candidate& slot = best[fc][std::min(run, max_flagged_in_a_row)];
                    if (!(used & (1u << slot_index)) || d < slot.demerits) {
                        slot = {d, static_cast<int>(a)};
                        used |= 1u << slot_index;
                    }
                    any_candidate = true;
                }
                any_active = any_active || n.active;
            }
            if (any_deactivated) {
                active.erase(std::remove_if(active.begin(), active.end(), [&](std::size_t a) { return !nodes[a].active; }),
                             active.end());
            }
            if (!any_candidate) {  // the common case: no line can end here
                if (!any_active) return {};
                if (item.type == ItemType::glue) { sum_w += item.width; sum_y += item.stretch; sum_z += item.shrink; }
                continue;
            }
            // Sums after the break skip the glue and penalties that a line start discards.
            double bw = sum_w, by = sum_y, bz = sum_z;
            for (std::size_t k = i; k < items.size(); ++k) {
                const auto& x = items[k];
                if (x.type == ItemType::box) break;
                if (x.type == ItemType::glue) { bw += x.width; by += x.stretch; bz += x.shrink; }
                else if (x.penalty <= -penalty_infinity && k > i) break;
            }
            // A new node is dominated when another one here has fewer demerits by more than any
            // fitness mismatch can add, no more hyphenated lines in a row, and the same widths
            // ahead: every way on from it costs more than the same way on from the other, so it
            // can never be on the best path and is not made (except on the last pass, which
            // also weighs overfull lines and hyphen runs by demerits).
            auto same_widths_ahead = [&](std::size_t a, std::size_t b) {
                return a == b || (a + 1 >= widths.size() && b + 1 >= widths.size());
            };
            auto dominated = [&](int fc, int run) {
                if (last_pass) return false;
                const Candidate& x = best[fc][run];
                for (int f = 0; f < 4; ++f) {
                    for (int r = 0; r <= run; ++r) {
                        if ((f == fc && r == run) || !(used & (1u << (f * (max_flagged_in_a_row + 1) + r)))) continue;
                        const Candidate& y = best[f][r];
                        if (y.demerits + fitness_demerits < x.demerits &&
                            same_widths_ahead(nodes[y.from].line + 1, nodes[x.from].line + 1)) {
                            return true;
                        }
                    }
                }
                return false;
            };
            for (int fc = 0; fc < 4; ++fc) {
                for (int run = 0; run <= max_flagged_in_a_row; ++run) {
                    if (!(used & (1u << (fc * (max_flagged_in_a_row + 1) + run)))) continue;
                    if (dominated(fc, run)) continue;
                    const Candidate& b = best[fc][run];
                    nodes.push_back({i, nodes[b.from].line + 1, fc, bw, by, bz, b.demerits, b.from, true, run});
                    active.push_back(nodes.size() - 1);
                    any_active = true;
                }
            }
            if (!any_active) return {};
        }
        if (item.type == ItemType::box) sum_w += item.width;
        else if (item.type == ItemType::glue) { sum_w += item.width; sum_y += item.stretch; sum_z += item.shrink; }
    }
    // The forced break at the end deactivated everything; pick the best node that ends there.
    int best = -1;
    for (std::size_t a = 0; a < nodes.size(); ++a) {
        if (nodes[a].position == items.size() - 1 && (best < 0 || nodes[a].demerits < nodes[best].demerits)) {
            best = static_cast<int>(a);
        }
    }
    if (best <= 0) return {};
    std::vector<BreakPoint> out;
    for (int n = best; n > 0; n = nodes[n].previous) out.push_back({nodes[n].position, 0});
    std::reverse(out.begin(), out.end());
    return out;
}

/// Recomputes each line's ratio from its items (the passes only keep positions).
void fill_ratios(const std::vector<BreakItem>& items, const std::vector<double>& widths, std::vector<BreakPoint>& breaks) {
    std::size_t start = 0;
    for (std::size_t line = 0; line < breaks.size(); ++line) {
        while (start < breaks[line].position && items[start].type != ItemType::box) ++start;  // discard at line start
        double w = 0, y = 0, z = 0;
        for (std::size_t k = start; k < breaks[line].position; ++k) {
            const auto& x = items[k];
            if (x.type == ItemType::box) w += x.width;
            else if (x.type == ItemType::glue) { w += x.width; y += x.stretch; z += x.shrink; }
        }
        const auto& b = items[breaks[line].position];
        if (b.type == ItemType::penalty) w += b.width;
        const double target = widths[std::min(line, widths.size() - 1)] + b.hang;
        breaks[line].ratio = w < target ? (y > 0 ? (target - w) / y : 0) : (z > 0 ? (target - w) / z : 0);
        start = breaks[line].position + 1;
    }
}

}  // namespace

std::vector<BreakPoint> break_lines(const std::vector<BreakItem>& items, const std::vector<double>& widths,
                                    double tolerance) {
    if (items.empty() || widths.empty()) return {};
    const bool monotone = std::all_of(items.begin(), items.end(), [](const BreakItem& x) {
        return x.type == ItemType::penalty || (x.width >= 0 && x.stretch >= 0);
    });  // (once for every pass)
    // A paragraph that cannot be set within `tolerance` is tried at ratio 2 (badness 800) before
    // ratio 4 (6400): the least tolerance that works keeps very loose lines out, and the looser a
    // pass, the more lines it must weigh.
    const double loose = std::max(tolerance, 2.0);
    double tried = -1;
    for (double t : {tolerance, loose, loose * 2}) {
        if (t == tried) continue;  // (a tolerance of 2 or more is not tried twice)
        tried = t;
        auto out = run_pass(items, widths, t, false, monotone);
        if (!out.empty()) {
            fill_ratios(items, widths, out);
            return out;
        }
    }
    auto out = run_pass(items, widths, 1e9, true, monotone);
    fill_ratios(items, widths, out);
    return out;
}

std::vector<BreakPoint> break_lines_greedy(const std::vector<BreakItem>& items, const std::vector<double>& widths) {
    std::vector<BreakPoint> out;
    if (items.empty() || widths.empty()) return out;
    std::size_t start = 0;
    while (start < items.size()) {
        const double target = widths[std::min(out.size(), widths.size() - 1)];
        double w = 0;
        std::size_t best = items.size();
        for (std::size_t i = start; i < items.size(); ++i) {
            const auto& it = items[i];
            if (i > start && is_break(items, i)) {
                const double line = w + (it.type == ItemType::penalty ? it.width : 0);
                if (line > target && best < items.size()) break;
                best = i;  // fits, or the first breakpoint of an overfull line
                if (it.type == ItemType::penalty && it.penalty <= -penalty_infinity) break;
            }
            if (it.type != ItemType::penalty) w += it.width;
        }
        if (best == items.size()) break;
        out.push_back({best, 0});
        start = best + 1;
        while (start < items.size() && items[start].type == ItemType::glue) ++start;  // discarded
    }
    fill_ratios(items, widths, out);
    return out;
}

}  // namespace folio::layout
