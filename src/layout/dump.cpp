// The layout dump. Format: a line per page, then a line per column and per item of that page,
// indented, then the outline:
//   page N/TOTAL WxH bleed B master "M" first #ID KIND end REASON
//     column x,y WxH end REASON
//     text #ID KIND x,y w W "FONT" SIZE [ws S] [ls S] rgb(..) "TEXT"
//     rect #ID KIND x,y WxH rgb(..)
//     image #ID KIND x,y WxH "PATH"
//     link #ID KIND x,y WxH -> "URI"   (or -> #ID KIND, an internal link)
//     anchor #ID KIND x,y
//   outline
//     LEVEL "TITLE" page N y Y #ID KIND
// (#- is an item of no node: page backgrounds, running heads.)
// Numbers are fixed to two decimals (0.01 pt) through std::to_chars, so the text does not depend
// on the stream's locale or precision, and -0.00 is written 0.00.

#include "layout/dump.hpp"

#include <charconv>
#include <cmath>

#include "core/utf8.hpp"

namespace folio::layout {
namespace {

/// A number to 0.01.
std::string num(double v) {
    if (std::abs(v) < 0.005) v = 0;
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    return {buf, r.ptr};
}

/// Text in double quotes, with quotes, backslashes and control characters escaped.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[(c >> 4) & 0xf];
            out += hex[c & 0xf];
        } else {
            out += c;
        }
    }
    return out + '"';
}

std::string color(const core::Color& c) {
    if (c.space == core::Color::Space::cmyk) {
        return "cmyk(" + num(c.c[0]) + ',' + num(c.c[1]) + ',' + num(c.c[2]) + ',' + num(c.c[3]) + ')';
    }
    return "rgb(" + num(c.c[0]) + ',' + num(c.c[1]) + ',' + num(c.c[2]) + ')';
}

std::string rect(const core::Rect& r) {
    return num(r.x) + ',' + num(r.y) + ' ' + num(r.width) + 'x' + num(r.height);
}

/// Writes the items of one page, each on its own line.
struct ItemWriter {
    std::ostream& os;
    const DumpLabels& labels;

    [[nodiscard]] std::string node(doc::NodeId id) const {
        if (id == doc::no_node) return "#-";
        std::string s = "#" + std::to_string(id);
        if (labels.document && id < labels.document->nodes.size()) {
            s += ' ';
            s += doc::kind_name(labels.document->nodes[id].kind);
        }
        return s;
    }
    [[nodiscard]] std::string font(text::FontId id) const {
        if (id < labels.fonts.size()) return quoted(labels.fonts[id]);
        return "font" + std::to_string(id);
    }

    void operator()(const GlyphRun& r) const {
        os << "  text " << node(r.node) << ' ' << num(r.origin.x) << ',' << num(r.origin.y) << " w "
           << num(r.width) << ' ' << font(r.font) << ' ' << num(r.size);
        if (r.word_spacing != 0) os << " ws " << num(r.word_spacing);
        if (r.letter_spacing != 0) os << " ls " << num(r.letter_spacing);
        os << ' ' << color(r.color) << ' ' << quoted(core::to_utf8(r.text)) << '\n';
    }
    void operator()(const FilledRect& r) const {
        os << "  rect " << node(r.node) << ' ' << rect(r.rect) << ' ' << color(r.color) << '\n';
    }
    void operator()(const ImageBox& b) const {
        os << "  image " << node(b.node) << ' ' << rect(b.rect) << ' ' << quoted(b.path);
        if (b.fit.width > 0) os << " fit " << rect(b.fit);
        os << '\n';
    }
    void operator()(const VectorBox& b) const {
        os << "  vector " << node(b.node) << ' ' << rect(b.rect) << ' ' << quoted(b.path);
        if (b.fit.width > 0) os << " fit " << rect(b.fit);
        os << '\n';
    }
    void operator()(const LinkArea& l) const {
        os << "  link " << node(l.node) << ' ' << rect(l.rect) << " -> "
           << (l.uri.empty() ? node(l.target) : quoted(l.uri)) << '\n';
    }
    void operator()(const Anchor& a) const {
        os << "  anchor " << node(a.node) << ' ' << num(a.at.x) << ',' << num(a.at.y) << '\n';
    }
};

}  // namespace

void dump(const PagedDocument& pages, std::ostream& os, const DumpLabels& labels) {
    const ItemWriter items{os, labels};
    const std::size_t total = pages.pages.size();
    for (std::size_t i = 0; i < total; ++i) {
        const Page& p = pages.pages[i];
        os << "page " << i + 1 << '/' << total << ' ' << num(p.size.width) << 'x' << num(p.size.height)
           << " bleed " << num(p.bleed) << " master " << quoted(p.master) << " first "
           << items.node(p.first_node) << " end " << break_reason_name(p.end) << '\n';
        for (const Column& c : p.columns) {
            os << "  column " << rect(c.area) << " end " << break_reason_name(c.end) << '\n';
        }
        for (const Item& item : p.items) std::visit(items, item);
    }
    os << "outline\n";
    for (const OutlineEntry& e : pages.outline) {
        os << "  " << e.level << ' ' << quoted(e.title) << " page " << e.page + 1 << " y " << num(e.y) << ' '
           << items.node(e.node) << '\n';
    }
}

}  // namespace folio::layout
