// Knuth-Plass against an oracle: a plain dynamic programme over every pair of breakpoints (no
// active list, no pruning), with the same demerits, fitness classes and limit on hyphenated lines
// in a row. break_lines prunes (nodes too loose for the pass, dominated nodes); its lines must
// still cost exactly the least total demerits there is, pass by pass.

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <optional>

#include "layout/linebreak.hpp"

using folio::layout::BreakItem;
using folio::layout::BreakPoint;
using folio::layout::ItemType;
using folio::layout::penalty_infinity;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();


bool is_break(const std::vector<BreakItem>& items, std::size_t i) {
    const auto& it = items[i];
    if (it.type == ItemType::penalty) return it.penalty < penalty_infinity;
    if (it.type == ItemType::glue) return i > 0 && items[i - 1].type == ItemType::box;
    return false;
}

int fitness_class(double r) { return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1.0 ? 2 : 3; }

/// The adjustment ratio of the line from breakpoint `from` (0: the paragraph start) to `to`, or
/// nullopt when a forced break lies between them.
std::optional<double> ratio(const std::vector<BreakItem>& items, std::size_t from, std::size_t to, double width) {
    std::size_t k = from;
    if (from > 0) {  // what a line start discards: glue and penalties up to the next box
        while (k < to && items[k].type != ItemType::box) {
            if (k > from && items[k].type == ItemType::penalty && items[k].penalty <= -penalty_infinity) return std::nullopt;
            ++k;
        }
    }
    double w = 0, y = 0, z = 0;
    for (; k < to; ++k) {
        const auto& x = items[k];
        if (x.type == ItemType::penalty && x.penalty <= -penalty_infinity) return std::nullopt;
        if (x.type == ItemType::penalty) continue;
        w += x.width;
        if (x.type == ItemType::glue) { y += x.stretch; z += x.shrink; }
    }
    if (items[to].type == ItemType::penalty) w += items[to].width;
    if (w < width) return y > 0 ? (width - w) / y : inf;
    if (w > width) return z > 0 ? (width - w) / z : -inf;
    return 0.0;
}

/// Demerits of the line ending at `to` with ratio r after a line of fitness `prev_fit` ending at `from`.
double line_demerits(const std::vector<BreakItem>& items, std::size_t from, std::size_t to, double r, int prev_fit) {
    const double ar = std::min(std::abs(r), 10.0);
    const double badness = 100 * ar * ar * ar;
    double d = (10 + badness) * (10 + badness);
    const auto& b = items[to];
    if (b.type == ItemType::penalty) {
        if (b.penalty >= 0) d += b.penalty * b.penalty;
        else if (b.penalty > -penalty_infinity) d -= b.penalty * b.penalty;
    }
    if (from > 0 && b.type == ItemType::penalty && b.flagged && items[from].type == ItemType::penalty &&
        items[from].flagged) {
        d += 3000;
    }
    if (std::abs(fitness_class(r) - prev_fit) > 1) d += 3000;
    return d;
}

/// The least total demerits of a paragraph at `tolerance`, infinity when no breaks fit.
double least_demerits(const std::vector<BreakItem>& items, const std::vector<double>& widths, double tolerance) {
    std::vector<std::size_t> points{0};
    for (std::size_t i = 1; i < items.size(); ++i) if (is_break(items, i)) points.push_back(i);
    // best[p][fitness][hyphenated lines in a row], for lines ending at points[p]
    std::vector<std::array<std::array<double, 3>, 4>> best(points.size());
    for (auto& b : best) for (auto& f : b) f.fill(inf);
    best[0][1][0] = 0;
    for (std::size_t q = 1; q < points.size(); ++q) {
        const std::size_t to = points[q];
        const bool flagged = items[to].type == ItemType::penalty && items[to].flagged;
        for (std::size_t p = 0; p < q; ++p) {
            const double width = widths[std::min<std::size_t>(p == 0 ? 0 : 1, widths.size() - 1)];
            const auto r = ratio(items, points[p], to, width);
            if (!r || *r < -1 || *r > tolerance) continue;
            for (int f = 0; f < 4; ++f) {
                for (int run = 0; run < 3; ++run) {
                    if (best[p][f][run] == inf) continue;
                    const int next = flagged ? run + 1 : 0;
                    if (next > 2) continue;
                    const double d = best[p][f][run] + line_demerits(items, points[p], to, *r, f);
                    double& slot = best[q][fitness_class(*r)][next];
                    slot = std::min(slot, d);
                }
            }
        }
    }
    double least = inf;
    for (const auto& f : best.back()) for (double d : f) least = std::min(least, d);
    return least;
}

/// Total demerits of the given breaks (their fitness classes chained from the start's, 1).
double demerits_of(const std::vector<BreakItem>& items, const std::vector<double>& widths,
                   const std::vector<BreakPoint>& breaks) {
    double total = 0;
    int fit = 1;
    std::size_t from = 0;
    for (std::size_t l = 0; l < breaks.size(); ++l) {
        const auto r = ratio(items, from, breaks[l].position, widths[std::min<std::size_t>(l == 0 ? 0 : 1, widths.size() - 1)]);
        if (!r) return inf;
        total += line_demerits(items, from, breaks[l].position, *r, fit);
        fit = fitness_class(*r);
        from = breaks[l].position;
    }
    return total;
}

/// A justified paragraph of pseudo-random words, some with hyphenation points, some explicit
/// zero-penalty breaks, ending with TeX's finishing glue and a forced break. Widths have odd
/// fractions, so no line lands exactly on a limit (a ratio of exactly -1 or 1.26), where the
/// breaker's running sums and the oracle's direct ones may round to different sides.
std::vector<BreakItem> paragraph(std::uint32_t& seed, std::size_t words) {
    auto next = [&seed] { return (seed = seed * 1103515245u + 12345u) >> 8; };
    std::vector<BreakItem> items;
    for (std::size_t w = 0; w < words; ++w) {
        const int pieces = next() % 4 == 0 ? 2 + static_cast<int>(next() % 2) : 1;
        for (int p = 0; p < pieces; ++p) {
            if (p > 0) {
                if (next() % 5 == 0) items.push_back({ItemType::penalty, 0, 0, 0, 0, false});  // "A/|B"
                else items.push_back({ItemType::penalty, 4.5, 0, 0, 50, true});               // a hyphen
            }
            items.push_back({ItemType::box, 8.0 + next() % 40 + (next() % 1000) / 997.0, 0, 0, 0, false});
        }
        if (w + 1 < words) items.push_back({ItemType::glue, 5.51, 3.03, 1.83, 0, false});
    }
    items.push_back({ItemType::glue, 0, 1e5, 0, 0, false});
    items.push_back({ItemType::penalty, 0, 0, 0, -penalty_infinity, false});
    return items;
}

}  // namespace

TEST(KnuthPlass, PrunedSearchFindsTheLeastDemeritsOfAPlainOne) {
    std::uint32_t seed = 7;
    int passes[3] = {0, 0, 0};
    for (int t = 0; t < 400; ++t) {
        const std::size_t words = 15 + seed % 120;
        const auto items = paragraph(seed, words);
        const double width = 120 + (seed >> 4) % 260;
        const std::vector<double> widths{width - (t % 3 == 0 ? 12.0 : 0.0), width};
        const auto breaks = folio::layout::break_lines(items, widths);
        ASSERT_FALSE(breaks.empty());
        // the passes: TeX's tolerance 200, then 800, then 6400 (ratios 1.26, 2 and 4)
        double least = inf;
        int pass = 0;
        for (const double tolerance : {1.26, 2.0, 4.0}) {
            least = least_demerits(items, widths, tolerance);
            if (least < inf) break;
            ++pass;
        }
        if (least == inf) continue;  // only the last, anything-goes pass fits: not compared
        ++passes[pass];
        const double got = demerits_of(items, widths, breaks);
        EXPECT_NEAR(got, least, 1e-9 * least) << "paragraph " << t << " of " << words << " words at " << width;
    }
    // every pass was exercised
    EXPECT_GT(passes[0], 50);
    EXPECT_GT(passes[1], 20);
    EXPECT_GT(passes[2], 10);
}
