// Print rules for positioned blocks (placement.hpp). On screen a positioned block stays where it
// is in reading order. In print the browser has pages, but no page masters, and Chromium (156)
// places nothing in the page margins (an offset into the margin moves the block onto another
// page), so each block is put as near to where the PDF puts it as CSS paged media allows:
//   every        a paragraph or title of text alone whose offset puts it in the top or bottom
//                margin: the text in an @page margin box (@bottom-right, ...), at its offset from
//                the trim edge, on every page, with the block's size, weight and colour, as
//                running heads are printed; any other block: position: fixed, which Chromium
//                repeats on each printed page (over the text, at the page area's edge);
//   back-cover   position: absolute on a page of its own after the text: the body ends with an
//                empty page (body::after, a page break before it, a page area tall, on the named
//                page folio-back-cover that page_art.cpp paints as the cover) and the block is
//                placed from the body's foot;
//   here, cover, in the flow where it falls, at its horizontal offsets (its margins): laid over
//   first, left, the text at a vertical offset it would cover it, as the PDF's page does not (the
//   right        HTML has no cover page of its own: its first page holds the header and the
//                start of the text, and a masthead at the cover's top would cover the title).
//                CSS cannot put an element on every left or right page (`@page :left` styles the
//                page box only), so left and right print once, where they fall.
// Offsets are from the trim edge in the style sheet and from the page area in CSS: the @page
// margins come off them, and an offset inside the margin becomes 0 (the margin's inner edge).

#include "html/placement.hpp"

#include <algorithm>
#include <set>

#include "html/elements.hpp"
#include "html/markup.hpp"

namespace folio::html {
namespace {

using style::PlacementPages;

std::string offset(double v) { return format_number(std::max(0.0, v)) + "pt"; }

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

/// The horizontal offsets of `p` in the page area (at the left margin when it has none).
std::string across(const style::Placement& p, const style::PageStyle& page) {
    std::string rule;
    if (p.left) rule += ";left:" + offset(*p.left - page.margin_left);
    if (p.right) rule += ";right:" + offset(*p.right - page.margin_right);
    if (!p.left && !p.right) rule += ";left:0";
    return rule;
}

/// A margin box's content string: `text` with its spaces collapsed, quotes and backslashes
/// escaped, and `<` as \3c, so that no text of the source can close the <style> element.
std::string css_string(std::string_view text) {
    std::string out = "\"";
    bool space = false;
    for (char ch : text) {
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') { space = out.size() > 1; continue; }
        if (space) out += ' ';
        space = false;
        if (ch == '<') { out += "\\3c "; continue; }
        if (ch == '"' || ch == '\\') out += '\\';
        out += ch;
    }
    return out + "\"";
}

/// For a block on every page that is text alone (a paragraph or title without an element inside)
/// placed in the top or bottom margin: its @page margin box and the rule that hides the block in
/// print; "" for any other.
std::string margin_box(const style::StyledDocument& styled, doc::NodeId id, const std::string& sel) {
    const doc::Document& d = styled.doc();
    const doc::Node& n = d.node(id);
    const style::Placement& p = styled.style(id).placement;
    const style::PageStyle& page = styled.page;
    if (n.kind != doc::NodeKind::paragraph && n.kind != doc::NodeKind::heading) return "";
    for (doc::NodeId c : n.children) {
        if (d.node(c).kind != doc::NodeKind::text) return "";
    }
    const bool top = p.top && *p.top < page.margin_top;
    const bool bottom = !p.top && p.bottom && *p.bottom < page.margin_bottom;
    if (!top && !bottom) return "";
    const char* side = p.left.has_value() == p.right.has_value() ? "center" : p.left ? "left" : "right";
    const style::ComputedStyle& st = styled.style(id);
    std::string box = std::string("@page{@") + (top ? "top-" : "bottom-") + side + "{content:" +
                      css_string(d.plain_text(id)) + ";white-space:nowrap;font-family:" +
                      css_string(st.font_family) + ";font-size:" + format_number(st.font_size) + "pt;font-weight:" +
                      std::to_string(st.font_weight) + (st.italic ? ";font-style:italic" : "") +
                      ";color:" + hex_color(st.color) + ";text-align:" + side;
    box += top ? ";vertical-align:top;padding-top:" + offset(*p.top) : ";vertical-align:bottom;padding-bottom:" + offset(*p.bottom);
    if (p.left && !p.right) box += ";padding-left:" + offset(*p.left - page.margin_left);
    if (p.right && !p.left) box += ";padding-right:" + offset(*p.right - page.margin_right);
    // (not on the back cover, which is no body page)
    return box + "}}\n@page folio-back-cover{@" + (top ? "top-" : "bottom-") + side + "{content:none}}\n@media print{" +
           sel + "{display:none}}\n";
}

/// The margins that set a block of the flow at the horizontal offsets of `p`: between them, or at
/// its natural width against the one given.
std::string in_flow(const style::Placement& p, const style::PageStyle& page) {
    std::string rule = "margin-left:" + (p.left ? offset(*p.left - page.margin_left) : p.right ? "auto" : "0pt");
    rule += ";margin-right:" + (p.right ? offset(*p.right - page.margin_right) : "0pt");
    if (p.left.has_value() != p.right.has_value()) rule += ";width:fit-content";
    return rule;
}

/// The print rule of a block placed as `p` (its selector `sel`).
std::string print_rule(const std::string& sel, const style::Placement& p, const style::PageStyle& page) {
    const double area = page.size.height - page.margin_top - page.margin_bottom;
    std::string rule = sel + "{position:";
    switch (p.pages) {
        case PlacementPages::every:
            rule += "fixed";
            if (p.top) rule += ";top:" + offset(*p.top - page.margin_top);
            else if (p.bottom) rule += ";bottom:" + offset(*p.bottom - page.margin_bottom);
            else rule += ";top:0";
            break;
        case PlacementPages::back_cover:
            rule += "absolute";
            if (p.top) rule += ";top:calc(100% - " + offset(area) + " + " + offset(*p.top - page.margin_top) + ")";
            else if (p.bottom) rule += ";bottom:" + offset(*p.bottom - page.margin_bottom);
            else rule += ";top:calc(100% - " + offset(area) + ")";
            break;
        case PlacementPages::here:
        case PlacementPages::cover:
        case PlacementPages::first:
        case PlacementPages::left:
        case PlacementPages::right: return sel + "{" + in_flow(p, page) + "}";
    }
    return rule + across(p, page) + ";margin:0}";
}

}  // namespace

void append_placement_rules(std::string& out, const style::StyledDocument& styled) {
    const doc::Document& d = styled.doc();
    const style::PageStyle& page = styled.page;
    std::set<std::string> done;
    bool back = false;
    for (doc::NodeId id = 1; id < d.nodes.size(); ++id) {
        const style::Placement& p = styled.style(id).placement;
        if (!p.page) continue;
        const std::string sel = plain_selector(d, id);
        if (sel.empty() || !done.insert(sel).second) continue;
        const std::string box = p.pages == PlacementPages::every ? margin_box(styled, id, sel) : "";
        out += box.empty() ? "@media print{" + print_rule(sel, p, page) + "}\n" : box;
        back = back || p.pages == PlacementPages::back_cover;
    }
    if (back) {  // the back cover's page: the body's last, a page area tall (less a point, so that it fits)
        const double area = page.size.height - page.margin_top - page.margin_bottom;
        out += "@media print{body{position:relative}body::after{content:\"\";display:block;break-before:page;height:" +
               offset(area - 1) + ";background:none;page:folio-back-cover}}\n";
    }
}

}  // namespace folio::html
