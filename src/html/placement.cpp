// Print rules for positioned blocks (placement.hpp). A browser has no page masters: a block on
// every page is position: fixed, which print engines repeat on each page (Chromium does), and
// a block on the cover is absolute on the first page; offsets are from the trim edge in the
// style sheet and from the page area in CSS, so the @page margins come off them.

#include "html/placement.hpp"

#include <set>

#include "html/elements.hpp"
#include "html/markup.hpp"

namespace folio::html {
namespace {

std::string offset(double v) { return format_number(v) + "pt"; }

/// `element.class...` when every class is a plain identifier, else "".
std::string plain_selector(const doc::Document& d, doc::NodeId id) {
    std::string out = element_name(d, id);
    for (const std::string& c : split_classes(d.node(id).classes)) {
        for (char ch : c) {
            const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                               ch == '-' || ch == '_';
            if (!plain) return "";
        }
        if (c.front() >= '0' && c.front() <= '9') return "";
        out += '.' + c;
    }
    return out;
}

}  // namespace

void append_placement_rules(std::string& out, const style::StyledDocument& styled) {
    const doc::Document& d = styled.doc();
    const style::PageStyle& page = styled.page;
    std::set<std::string> done;
    for (doc::NodeId id = 1; id < d.nodes.size(); ++id) {
        const style::Placement& p = styled.style(id).placement;
        if (!p.page || (p.pages != style::PlacementPages::every && p.pages != style::PlacementPages::cover)) continue;
        const std::string sel = plain_selector(d, id);
        if (sel.empty() || !done.insert(sel).second) continue;
        std::string rule = sel + "{position:";
        rule += p.pages == style::PlacementPages::every ? "fixed" : "absolute";
        if (p.top) rule += ";top:" + offset(*p.top - page.margin_top);
        if (p.bottom) rule += ";bottom:" + offset(*p.bottom - page.margin_bottom);
        if (p.left) rule += ";left:" + offset(*p.left - page.margin_left);
        if (p.right) rule += ";right:" + offset(*p.right - page.margin_right);
        if (!p.top && !p.bottom) rule += ";top:0";
        out += "@media print{" + rule + ";margin:0}}\n";
    }
}

}  // namespace folio::html
