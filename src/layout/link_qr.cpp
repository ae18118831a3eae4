// QR codes beside links (placement.hpp, realize/link_qr.hpp): once the pages are filled, the
// first area of each link styled print-qr gets its QR code in the margin beside its column,
// level with the link's line: the left margin for a column in the page's left half, else the
// right; the other margin when that one is too narrow; nothing, with a warning, when neither
// holds the code 3 mm from the trim edge. Codes on one side of a page never overlap. The code
// is an artifact (it repeats the link, which stays the tagged content).

#include <algorithm>
#include <set>

#include "layout/placement.hpp"
#include "realize/link_qr.hpp"

namespace folio::layout {
namespace {

constexpr double gap = 5;        ///< between the column and the code, points
constexpr double safe = 8.5;     ///< 3 mm: no code nearer the trim edge

/// The column of `page` that holds x, else the master's text area.
std::pair<double, double> column_at(const Page& page, const style::PageStyle& master, double x, bool left_page) {
    for (const Column& c : page.columns) {
        if (x >= c.area.x - 0.5 && x <= c.area.right() + 0.5) return {c.area.x, c.area.right()};
    }
    const core::Rect box = master.content_box(left_page);
    return {box.x, box.right()};
}

}  // namespace

void place_link_qrs(const realize::RealizedDocument& realized, PagedDocument& doc, core::Diagnostics& diags) {
    const style::StyledDocument& styled = realized.styled();
    std::set<doc::NodeId> done;
    for (std::size_t p = 0; p < doc.pages.size(); ++p) {
        Page& page = doc.pages[p];
        const style::PageStyle& master = master_of(styled, page.master);
        double free_below[2] = {safe, safe};  // per side: where the next code may start
        std::vector<Item> codes;
        for (const Item& item : page.items) {
            const auto* link = std::get_if<LinkArea>(&item);
            if (link == nullptr || link->node == doc::no_node || !done.insert(link->node).second) continue;
            const std::string key = realize::link_qr_key(styled, link->node);
            if (key.empty() || realized.image(key) == nullptr) continue;
            const double side = styled.style(link->node).placement.print_qr;
            const auto [from, to] = column_at(page, master, link->rect.x, (p + 1) % 2 == 0);
            const double left_x = from - gap - side;
            const double right_x = to + gap;
            const bool left_fits = left_x >= safe;
            const bool right_fits = right_x + side <= page.size.width - safe;
            const bool prefer_left = (from + to) / 2 < page.size.width / 2;
            if (!left_fits && !right_fits) {
                diags.warning("layout.qr-no-room", "no margin beside this link holds its " +
                              std::to_string(static_cast<int>(side * 25.4 / 72 + 0.5)) +
                              "mm QR code; it is left out (make the code or the margins fit)",
                              styled.doc().node(link->node).location);
                continue;
            }
            const bool left = prefer_left ? left_fits : !right_fits;
            double y = link->rect.y + link->rect.height / 2 - side / 2;
            y = std::max(y, free_below[left ? 0 : 1]);
            y = std::min(y, page.size.height - safe - side);
            free_below[left ? 0 : 1] = y + side + gap;
            codes.emplace_back(VectorBox{{left ? left_x : right_x, y, side, side}, key});
        }
        page.items.insert(page.items.end(), codes.begin(), codes.end());
    }
}

}  // namespace folio::layout
