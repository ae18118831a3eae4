// The column widths of tables (layout/table_widths.hpp): fixed, percentage, proportional and
// automatic columns, spanning cells, and columns too narrow for their content.

#include <gtest/gtest.h>

#include <numeric>

#include "layout/table_widths.hpp"

using namespace folio;
using layout::CellNeed;
using layout::column_widths;
using Kind = doc::ColumnWidth::Kind;

namespace {

doc::ColumnWidth fixed(double pt) { return {Kind::fixed, pt}; }
doc::ColumnWidth percent(double p) { return {Kind::percent, p}; }
doc::ColumnWidth share(double w) { return {Kind::share, w}; }
doc::ColumnWidth automatic() { return {}; }
double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST(TableWidths, ParsesTheWidthsASourceMayGive) {
    EXPECT_EQ(doc::parse_column_width("")->kind, Kind::automatic);
    EXPECT_EQ(doc::parse_column_width(" auto ")->kind, Kind::automatic);
    EXPECT_NEAR(doc::parse_column_width("25.4mm")->value, 72.0, 1e-9);
    EXPECT_NEAR(doc::parse_column_width("1in")->value, 72.0, 1e-9);
    EXPECT_EQ(doc::parse_column_width("30%")->kind, Kind::percent);
    EXPECT_EQ(doc::parse_column_width("2*")->value, 2);
    EXPECT_EQ(doc::parse_column_width("*")->value, 1);
    for (const char* bad : {"wide", "30", "-3mm", "0%", "120%", "3 mm", "2**", "0*", "1e9pt"}) {
        EXPECT_FALSE(doc::parse_column_width(bad)) << bad;
    }
}

TEST(TableWidths, FixedAndPercentageColumnsTakeWhatTheySayAndAutomaticOnesTheRest) {
    const auto w = column_widths({fixed(50), percent(25), automatic()}, {{2, 1, 10, 30}}, 400);
    ASSERT_EQ(w.widths.size(), 3u);
    EXPECT_DOUBLE_EQ(w.widths[0], 50);
    EXPECT_DOUBLE_EQ(w.widths[1], 100);
    EXPECT_DOUBLE_EQ(w.widths[2], 250);  // the automatic column fills the measure
    EXPECT_FALSE(w.fixed_too_wide);
    EXPECT_TRUE(w.narrow.empty());
}

TEST(TableWidths, ProportionalColumnsShareWhatIsLeftByWeight) {
    const auto w = column_widths({fixed(100), share(1), share(2)}, {}, 400);
    EXPECT_DOUBLE_EQ(w.widths[0], 100);
    EXPECT_DOUBLE_EQ(w.widths[1], 100);
    EXPECT_DOUBLE_EQ(w.widths[2], 200);
}

TEST(TableWidths, AutomaticColumnsTakeTheirMaxContentBesideProportionalOnes) {
    const auto w = column_widths({automatic(), share(1)}, {{0, 1, 20, 60}, {1, 1, 10, 500}}, 300);
    EXPECT_DOUBLE_EQ(w.widths[0], 60);
    EXPECT_DOUBLE_EQ(w.widths[1], 240);
}

TEST(TableWidths, AutomaticColumnsFitBetweenMinAndMaxInProportion) {
    // max 100 + 300 = 400 > 200 available; min 20 + 60 = 80: each gets min + (200-80)/(400-80) of its range
    const auto w = column_widths({automatic(), automatic()}, {{0, 1, 20, 100}, {1, 1, 60, 300}}, 200);
    EXPECT_NEAR(w.widths[0], 20 + 80 * 120.0 / 320, 1e-9);
    EXPECT_NEAR(w.widths[1], 60 + 240 * 120.0 / 320, 1e-9);
    EXPECT_NEAR(sum(w.widths), 200, 1e-9);
    EXPECT_TRUE(w.narrow.empty());
}

TEST(TableWidths, AShortTableStillFillsTheMeasureInProportionToItsContent) {
    const auto w = column_widths({automatic(), automatic()}, {{0, 1, 10, 30}, {1, 1, 10, 90}}, 240);
    EXPECT_DOUBLE_EQ(w.widths[0], 60);
    EXPECT_DOUBLE_EQ(w.widths[1], 180);
}

TEST(TableWidths, ASpanningCellWidensTheColumnsItSpansEvenly) {
    const auto w = column_widths({automatic(), automatic(), automatic()},
                                 {{0, 1, 10, 10}, {1, 1, 10, 10}, {2, 1, 10, 10}, {0, 2, 60, 60}}, 1000);
    EXPECT_DOUBLE_EQ(w.min[0], 30);  // 10 + (60 - 20) / 2
    EXPECT_DOUBLE_EQ(w.min[1], 30);
    EXPECT_DOUBLE_EQ(w.min[2], 10);
}

TEST(TableWidths, FixedWidthsWiderThanTheMeasureAreScaledDownAndReported) {
    const auto w = column_widths({fixed(300), fixed(300)}, {}, 400);
    EXPECT_TRUE(w.fixed_too_wide);
    EXPECT_DOUBLE_EQ(w.widths[0], 200);
    EXPECT_DOUBLE_EQ(w.widths[1], 200);
}

TEST(TableWidths, AColumnNarrowerThanItsLongestWordIsNamedAndTheTableStaysWithinTheMeasure) {
    const auto w = column_widths({fixed(30), automatic()}, {{0, 1, 80, 200}, {1, 1, 20, 40}}, 200);
    EXPECT_DOUBLE_EQ(w.widths[0], 30);
    ASSERT_EQ(w.narrow.size(), 1u);
    EXPECT_EQ(w.narrow[0], 0u);
    EXPECT_LE(sum(w.widths), 200 + 1e-9);
    // automatic columns whose minimums exceed the measure are squeezed to it, and named
    const auto squeezed = column_widths({automatic(), automatic()}, {{0, 1, 150, 150}, {1, 1, 150, 150}}, 200);
    EXPECT_NEAR(sum(squeezed.widths), 200, 1e-9);
    EXPECT_EQ(squeezed.narrow.size(), 2u);
}

TEST(TableWidths, NoColumnIsNarrowerThanItsFloorAndFloorsThatCannotFitAreReported) {
    // column 0 would get 20 of 100, its floor is 30: it takes 10 from the other, which has room
    auto w = column_widths({percent(20), automatic()}, {{0, 1, 30, 30, 30}, {1, 1, 10, 10, 10}}, 100);
    EXPECT_NEAR(w.widths[0], 30, 1e-9);
    EXPECT_NEAR(w.widths[1], 70, 1e-9);
    EXPECT_FALSE(w.impossible);
    // three floors of 40 in 100 points: no layout keeps every word piece inside its cell
    w = column_widths({automatic(), automatic(), automatic()}, {{0, 1, 40, 40, 40}, {1, 1, 40, 40, 40}, {2, 1, 40, 40, 40}}, 100);
    EXPECT_TRUE(w.impossible);
    EXPECT_NEAR(w.floor, 120, 1e-9);
}
