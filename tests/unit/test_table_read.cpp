// Reading tables (xml/content_table.cpp) and forming their grid (doc/table.hpp): the tree the
// later stages read, and a positioned error for each kind of bad table.

#include <gtest/gtest.h>

#include "doc/table.hpp"
#include "read_content_helpers.hpp"

using namespace folio;
using doc::NodeKind;
using test::read;
using test::where;
using test::wrap;
using V = std::vector<std::string>;

namespace {

doc::NodeId first_of(const doc::Document& d, NodeKind kind) {
    for (doc::NodeId i = 0; i < d.nodes.size(); ++i) {
        if (d.node(i).kind == kind) return i;
    }
    return doc::no_node;
}

}  // namespace

TEST(TableRead, BuildsCaptionColumnsGroupsRowsAndCellsWithTheirSpansAndScopes) {
    const auto r = read(wrap(R"(<table id="t"><caption>Dates</caption><col width="20%"/><col/>
<thead><tr><th scope="col">Year</th><th scope="col">Event</th></tr></thead>
<tbody><tr><th scope="row" rowspan="2">1992</th><td>Office <em>opens</em></td></tr>
<tr><td><p>One</p><p>Two</p></td></tr></tbody>
<tfoot><tr><td colspan="2">Source: seed facts</td></tr></tfoot></table>)"));
    ASSERT_TRUE(r.doc);
    EXPECT_EQ(where(r.diags), V{});
    const doc::Document& d = *r.doc;
    const doc::NodeId table = first_of(d, NodeKind::table);
    ASSERT_NE(table, doc::no_node);
    EXPECT_EQ(d.node(table).id, "t");
    const doc::TableGrid g = doc::table_grid(d, table);
    EXPECT_EQ(g.columns, 2u);
    EXPECT_EQ(d.plain_text(g.caption), "Dates");
    ASSERT_EQ(g.widths.size(), 2u);
    EXPECT_EQ(g.widths[0].kind, doc::ColumnWidth::Kind::percent);
    EXPECT_EQ(g.rows.size(), 4u);
    EXPECT_EQ(g.head_rows(), 1u);
    EXPECT_EQ(g.rows[3].group, NodeKind::table_foot);
    ASSERT_EQ(g.cells.size(), 6u);
    EXPECT_EQ(d.node(g.cells[2].node).scope, doc::CellScope::row);
    EXPECT_EQ(g.cells[2].rowspan, 2u);
    // the cell of the second body row skips the slot the row span covers
    EXPECT_EQ(g.cells[4].row, 2u);
    EXPECT_EQ(g.cells[4].col, 1u);
    EXPECT_EQ(d.node(g.cells[4].node).children.size(), 2u);  // two paragraphs
    EXPECT_EQ(g.cells[5].colspan, 2u);
    EXPECT_TRUE(g.problems.empty());
}

TEST(TableRead, RowsWrittenInTheTableGetABodyOfTheirOwn) {
    const auto r = read(wrap("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"));
    ASSERT_TRUE(r.doc);
    EXPECT_EQ(where(r.diags), V{});
    const doc::NodeId table = first_of(*r.doc, NodeKind::table);
    ASSERT_EQ(r.doc->node(table).children.size(), 1u);
    EXPECT_EQ(r.doc->node(r.doc->node(table).children[0]).kind, NodeKind::table_body);
    EXPECT_EQ(doc::table_grid(*r.doc, table).cells.size(), 4u);
}

TEST(TableRead, TooManyCellsIsAnErrorAtTheCellThatDoesNotFit) {
    const auto r = read(wrap("<table><tr><td>a</td><td>b</td></tr>\n<tr><td>c</td><td>d</td><td>e</td></tr></table>"));
    EXPECT_EQ(where(r.diags), V{"4:25 source.bad-table"});
    EXPECT_NE(r.diags.all()[0].message.find("too many cells"), std::string::npos);
}

TEST(TableRead, DeclaredColumnsCountAndACellPastThemIsAnError) {
    const auto r = read(wrap("<table><col/><col/><tr><td colspan=\"3\">a</td></tr></table>"));
    EXPECT_EQ(where(r.diags), V{"3:24 source.bad-table"});
    EXPECT_NE(r.diags.all()[0].message.find("colspan=\"3\""), std::string::npos);
}

TEST(TableRead, ARowSpanPastTheEndOfItsGroupIsAnError) {
    const auto r = read(wrap("<table><tr><td rowspan=\"3\">a</td><td>b</td></tr>\n<tr><td>c</td></tr></table>"));
    EXPECT_EQ(where(r.diags), V{"3:12 source.bad-table"});
    EXPECT_NE(r.diags.all()[0].message.find("past the end"), std::string::npos);
}

TEST(TableRead, OverlappingSpansAreAnError) {
    const auto r = read(wrap(
        "<table><tr><td>a</td><td rowspan=\"2\">b</td><td>c</td></tr>\n<tr><td colspan=\"2\">d</td><td>e</td></tr></table>"));
    EXPECT_EQ(where(r.diags), V{"4:5 source.bad-table"});
    EXPECT_NE(r.diags.all()[0].message.find("overlaps"), std::string::npos);
}

TEST(TableRead, CellsAndRowsInTheWrongPlaceAreErrorsThatSayWhereTheyBelong) {
    const auto r = read(wrap("<p><td>x</td></p>\n<table><td>y</td><tr><td>z</td></tr></table>"));
    EXPECT_EQ(where(r.diags), (V{"3:4 source.misplaced-element", "4:8 source.misplaced-element"}));
    EXPECT_NE(r.diags.all()[0].message.find("it belongs in tr"), std::string::npos);
}

TEST(TableRead, BadWidthsSpansAndScopesAreErrorsAtTheirAttributes) {
    const auto r = read(wrap(
        "<table><col width=\"wide\"/><col/><col/><tr><th scope=\"up\">a</th><td rowspan=\"0\">b</td><td colspan=\"x\">c</td></tr></table>"));
    EXPECT_EQ(where(r.diags),
              (V{"3:13 source.bad-width", "3:47 source.bad-scope", "3:68 source.bad-span", "3:90 source.bad-span"}));
}

TEST(TableRead, OrderAndEmptinessAreChecked) {
    const auto r = read(wrap("<table><tr><td>a</td></tr><caption>late</caption><thead><tr><td>h</td></tr></thead></table>\n<table></table>"));
    EXPECT_EQ(where(r.diags), (V{"3:27 source.table-order", "3:50 source.table-order", "4:1 source.empty-table"}));
}

TEST(TableRead, CellsHoldListsAndFiguresButNoTables) {
    const auto r = read(wrap("<table><tr><td><p>a</p><ul><li>b<ol><li>c</li></ol></li></ul>"
                             "<figure src=\"x.png\" alt=\"X\"><caption>d</caption></figure></td></tr></table>"));
    ASSERT_TRUE(r.doc) << ::testing::PrintToString(where(r.diags));
    EXPECT_TRUE(r.diags.all().empty()) << ::testing::PrintToString(where(r.diags));
    const doc::Document& d = *r.doc;
    const doc::NodeId cell = first_of(d, NodeKind::data_cell);
    ASSERT_NE(cell, doc::no_node);
    std::vector<NodeKind> kids;
    for (doc::NodeId k : d.node(cell).children) kids.push_back(d.node(k).kind);
    EXPECT_EQ(kids, (std::vector<NodeKind>{NodeKind::paragraph, NodeKind::list, NodeKind::figure}));
    EXPECT_EQ(d.node(first_of(d, NodeKind::figure)).parent, cell);

    const auto bad = read(wrap("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>\n<p><figure src=\"x.png\" alt=\"X\"/></p>"));
    EXPECT_EQ(where(bad.diags), (V{"3:16 source.misplaced-element", "4:4 source.misplaced-element"}));
    ASSERT_EQ(bad.diags.all().size(), 2u);
    EXPECT_NE(bad.diags.all()[0].message.find("expected text, em, strong, a, ref, br, p, ul, ol or figure"), std::string::npos)
        << bad.diags.all()[0].message;
    EXPECT_NE(bad.diags.all()[1].message.find("it belongs in document, section, figures, th or td"), std::string::npos)
        << bad.diags.all()[1].message;
}
