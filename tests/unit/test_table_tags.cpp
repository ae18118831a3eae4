// The tagged PDF's long row groups (pdf/tagging_groups.cpp): a TBody with more rows than a PDF
// array may hold is split into several, in order, its rows and marked content re-parented.

#include <gtest/gtest.h>

#include "pdf/tagging.hpp"

using namespace folio::pdf;
using Kid = StructurePlan::Kid;

namespace {

StructurePlan::Element element(const char* type, std::uint32_t parent) {
    StructurePlan::Element e;
    e.type = type;
    e.parent = parent;
    e.page = 0;
    return e;
}

}  // namespace

TEST(TableTags, ARowGroupLongerThanAnArrayIsSplitInOrder) {
    StructurePlan plan;
    plan.elements.resize(3);
    plan.elements[0].type = "Document";
    plan.elements[1] = element("Table", 0);
    plan.elements[2] = element("TBody", 1);
    plan.elements[0].kids = {{Kid::Kind::element, 1, 0}};
    plan.elements[1].kids = {{Kid::Kind::element, 2, 0}};
    plan.pages.resize(1);
    plan.pages[0].parents = {2};  // MCID 0 belongs to the body itself
    for (std::uint32_t r = 0; r < 9; ++r) {
        plan.elements.push_back(element("TR", 2));
        plan.elements[2].kids.push_back({Kid::Kind::element, 3 + r, 0});
    }
    plan.elements[2].kids.push_back({Kid::Kind::mcid, 0, 0});
    split_long_row_groups(plan, 4);
    // 10 kids: bodies of 4, 4 and 2, one after the other in the table
    const auto& table = plan.elements[1].kids;
    ASSERT_EQ(table.size(), 3u);
    std::vector<std::uint32_t> rows;
    for (const Kid& body : table) {
        ASSERT_EQ(body.kind, Kid::Kind::element);
        EXPECT_STREQ(plan.elements[body.value].type, "TBody");
        EXPECT_EQ(plan.elements[body.value].parent, 1u);
        EXPECT_LE(plan.elements[body.value].kids.size(), 4u);
        for (const Kid& k : plan.elements[body.value].kids) {
            if (k.kind == Kid::Kind::mcid) {
                EXPECT_EQ(plan.pages[0].parents[k.value], body.value);  // the parent tree follows
                continue;
            }
            EXPECT_EQ(plan.elements[k.value].parent, body.value);
            rows.push_back(k.value);
        }
    }
    EXPECT_EQ(rows, (std::vector<std::uint32_t>{3, 4, 5, 6, 7, 8, 9, 10, 11}));
    EXPECT_EQ(table[0].value, 2u);
    // a group within the limit is left alone
    const std::size_t elements = plan.elements.size();
    split_long_row_groups(plan, 4);
    EXPECT_EQ(plan.elements.size(), elements);
}
