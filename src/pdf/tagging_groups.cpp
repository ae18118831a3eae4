// Row groups longer than a PDF array may be (tagging.hpp): a table of 40,000 rows has a TBody of
// 40,000 TRs, and libharu 2.3.0 refuses an array of more than 32,767 items (HPDF_LIMIT_MAX_ARRAY),
// so the structure tree could not be written ("libharu error 0x1001"). Such a group is split into
// groups of the same type, one after the other in their table (a table may have several bodies,
// PDF 1.7 §14.8.4.3.4), its rows kept in order; the parent tree follows the marked content that
// moves.

#include <algorithm>

#include "pdf/tagging.hpp"

namespace folio::pdf {

void split_long_row_groups(StructurePlan& plan, std::size_t most) {
    const std::size_t count = plan.elements.size();
    for (std::size_t e = 0; e < count; ++e) {
        const std::string_view type = plan.elements[e].type;
        if ((type != "TBody" && type != "THead" && type != "TFoot") || plan.elements[e].kids.size() <= most) continue;
        std::vector<StructurePlan::Kid> kids = std::move(plan.elements[e].kids);
        plan.elements[e].kids.assign(kids.begin(), kids.begin() + static_cast<std::ptrdiff_t>(most));
        const std::uint32_t parent = plan.elements[e].parent;
        std::vector<StructurePlan::Kid> groups;  // the new groups, to follow e in its parent
        for (std::size_t from = most; from < kids.size(); from += most) {
            StructurePlan::Element group = plan.elements[e];
            group.kids.assign(kids.begin() + static_cast<std::ptrdiff_t>(from),
                              kids.begin() + static_cast<std::ptrdiff_t>(std::min(kids.size(), from + most)));
            const auto index = static_cast<std::uint32_t>(plan.elements.size());
            for (const StructurePlan::Kid& kid : group.kids) {
                if (kid.kind == StructurePlan::Kid::Kind::element) {
                    plan.elements[kid.value].parent = index;
                } else if (kid.kind == StructurePlan::Kid::Kind::mcid && kid.page < plan.pages.size() &&
                           kid.value < plan.pages[kid.page].parents.size()) {
                    plan.pages[kid.page].parents[kid.value] = index;
                }
            }
            const StructurePlan::Kid& first = group.kids.front();
            if (first.kind == StructurePlan::Kid::Kind::element) group.page = plan.elements[first.value].page;
            plan.elements.push_back(std::move(group));
            groups.push_back({StructurePlan::Kid::Kind::element, index, 0});
        }
        if (parent >= plan.elements.size()) continue;
        auto& siblings = plan.elements[parent].kids;
        const auto at = std::find_if(siblings.begin(), siblings.end(), [&](const StructurePlan::Kid& k) {
            return k.kind == StructurePlan::Kid::Kind::element && k.value == e;
        });
        if (at != siblings.end()) siblings.insert(at + 1, groups.begin(), groups.end());
    }
}

}  // namespace folio::pdf
