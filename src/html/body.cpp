/// The body writer: a pre-order walk of the document tree that writes each node as the element
/// element_name() gives it. Blocks end with a newline; inline content is written as it is, since
/// its whitespace is the source's. A block that starts a print page is preceded by a page marker
/// (inside the <li> for list items, where an <hr> may not stand between items).

#include "html/svg.hpp"
#include "html/body.hpp"
#include "html/soft_hyphens.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <optional>
#include <variant>

#include "core/uri.hpp"
#include "doc/table.hpp"
#include "html/assets.hpp"
#include "html/markup.hpp"

namespace folio::html {

using doc::NodeId;
using doc::NodeKind;

namespace {

/// True for http and https URLs, which open a page of another site.
bool is_external(std::string_view href) {
    const auto starts = [&](std::string_view prefix) {
        if (href.size() < prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i) {
            if (std::tolower(static_cast<unsigned char>(href[i])) != prefix[i]) return false;
        }
        return true;
    };
    return starts("http://") || starts("https://");
}

}  // namespace

PageMarkers page_markers(const doc::Document& d, const layout::PagedDocument& pages) {
    PageMarkers markers;
    for (std::size_t i = 1; i < pages.pages.size(); ++i) {
        NodeId id = pages.pages[i].first_node;
        assert(id == doc::no_node || id < d.nodes.size());
        if (id >= d.nodes.size()) continue;
        while (doc::is_inline(d.node(id).kind) && d.node(id).parent != doc::no_node) {
            id = d.node(id).parent;
        }
        if (const NodeId table = doc::table_of(d, id); table != doc::no_node) id = table;  // no <hr> in a table
        // A page that starts with a section's heading (or a list's first item) starts with the
        // section (the list): the marker goes before it, between blocks.
        for (NodeId p = d.node(id).parent; p != doc::no_node && p != d.root() &&
                                           d.node(p).kind != NodeKind::list_item &&
                                           d.node(p).children.front() == id;
             p = d.node(id).parent) {
            id = p;
        }
        markers[id].push_back(i + 1);
    }
    return markers;
}

layout::PageMap node_pages(const doc::Document& d, const layout::PagedDocument& pages) {
    layout::PageMap out;
    const auto mark = [&](NodeId id, std::size_t page) {
        for (NodeId n = id; n < d.nodes.size(); n = d.node(n).parent) {
            if (out.find(n)) break;  // its ancestors are marked already
            out.emplace(n, page);
        }
    };
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        if (pages.pages[i].first_node != doc::no_node) mark(pages.pages[i].first_node, i);
        for (const layout::Item& item : pages.pages[i].items) {
            mark(std::visit([](const auto& it) { return it.node; }, item), i);
        }
    }
    return out;
}

void append_page_marker(std::string& out, std::size_t number) {
    const std::string n = std::to_string(number);
    out += "<hr role=\"doc-pagebreak\"";
    append_attr(out, "aria-label", "Page " + n);
    append_attr(out, "id", "page-" + n);
    out += ">\n";
}

AsideNames aside_names(const doc::Document& d) {
    AsideNames out;
    std::set<std::string> used;
    for (NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.nodes[id];
        if (n.kind != NodeKind::aside) continue;
        const std::string base = n.label.empty() ? "Note" : n.label;
        std::string name = base;
        for (int k = 2; !used.insert(name).second; ++k) name = base + " " + std::to_string(k);
        out.emplace(id, std::move(name));
    }
    return out;
}

BodyWriter::BodyWriter(const doc::Document& d, const BodyContext& context, std::string& out)
    : m_doc(d), m_ids(context.ids), m_markers(context.markers), m_context(context), m_out(out) {
    // Once, not per cross-reference: scanning the markers for every reference was quadratic.
    m_marked_pages.insert(1);
    for (const auto& [node, numbers] : m_markers) m_marked_pages.insert(numbers.begin(), numbers.end());
}

void BodyWriter::node(NodeId id) {
    if (doc::is_inline(m_doc.node(id).kind)) {
        inline_node(id);
    } else {
        block(id);
    }
}

void BodyWriter::children(NodeId id) {
    for (NodeId c : m_doc.node(id).children) node(c);
}

void BodyWriter::markers(NodeId id) {
    const auto it = m_markers.find(id);
    if (it == m_markers.end()) return;
    for (std::size_t page : it->second) append_page_marker(m_out, page);
}

void BodyWriter::common_attrs(NodeId id) {
    const doc::Node& n = m_doc.node(id);
    if (!m_ids.of(id).empty()) append_attr(m_out, "id", m_ids.of(id));
    std::string classes;
    for (const std::string& c : split_classes(n.classes))
        classes += (classes.empty() ? "" : " ") + c;
    if (!classes.empty()) append_attr(m_out, "class", classes);
    if (!n.lang.empty()) append_attr(m_out, "lang", n.lang);
}

void BodyWriter::open(const std::string& element, NodeId id) {
    m_out += '<' + element;
    common_attrs(id);
    m_out += '>';
}

void BodyWriter::close(const std::string& element, bool newline) {
    m_out += "</" + element + '>';
    if (newline) m_out += '\n';
}

void BodyWriter::block(NodeId id) {
    const doc::Node& n = m_doc.node(id);
    const std::string element = element_name(m_doc, id);
    if (n.kind != NodeKind::list_item) markers(id);
    switch (n.kind) {
        case NodeKind::document: children(id); return;
        case NodeKind::section: {
            m_out += "<section";
            common_attrs(id);
            if (!n.children.empty() && m_doc.node(n.children.front()).kind == NodeKind::heading) {
                append_attr(m_out, "aria-labelledby", m_ids.of(n.children.front()));
            }
            m_out += ">\n";
            children(id);
            close(element, true);
            return;
        }
        case NodeKind::contents:        // the contents are the <nav> in the header
        case NodeKind::explicit_break:  // print-only
            return;
        case NodeKind::aside: {
            // Each complementary landmark needs a name of its own: "Note", "Note 2", ...
            m_out += "<aside";
            common_attrs(id);
            append_attr(m_out, "aria-label", m_context.asides.at(id));
            m_out += ">\n";
            children(id);
            close(element, true);
            return;
        }
        case NodeKind::figure: figure(id); return;
        case NodeKind::figure_row: figure_row(id); return;
        case NodeKind::table: table(id); return;  // html/table.cpp, with all its parts
        case NodeKind::table_column: case NodeKind::table_head: case NodeKind::table_body: case NodeKind::table_foot:
        case NodeKind::table_row: case NodeKind::header_cell: case NodeKind::data_cell:
            return;
        case NodeKind::list:
        case NodeKind::block_quote:
            open(element, id);
            m_out += '\n';
            children(id);
            close(element, true);
            return;
        case NodeKind::list_item:
            open(element, id);
            markers(id);
            children(id);
            close(element, true);
            return;
        case NodeKind::heading:
        case NodeKind::paragraph:
        case NodeKind::caption:
            open(element, id);
            children(id);
            close(element, true);
            return;
        case NodeKind::text:
        case NodeKind::emphasis:
        case NodeKind::strong:
        case NodeKind::link:
        case NodeKind::line_break: inline_node(id); return;
    }
}

void BodyWriter::figure(NodeId id) {
    const doc::Node& n = m_doc.node(id);
    const auto& kids = n.children;
    const auto caption =
        std::find_if(kids.begin(), kids.end(), [&](NodeId c) { return is_figcaption(m_doc, c); });
    open_figure(id);  // (with its size and float: html/figure.cpp)
    // Without alt text the caption describes the image; with neither, it is decorative.
    const std::string alt = !n.alt.empty() || caption == kids.end() ? n.alt : m_doc.plain_text(*caption);
    if (const image::Image* img = m_context.realized.image(n.src); img && img->format == image::Format::svg) {
        m_out += "\n";  // a vector drawing inline, re-serialized (html/svg.hpp)
        const std::optional<SvgFit> fit = svg_fit(id);  // (html/figure.cpp)
        m_svgs.append(m_out, img->vector, alt, "d" + std::to_string(id), fit ? &*fit : nullptr);
        m_out += "\n";
    } else {
        m_out += "\n<img";
        append_attr(m_out, "src", image_src(m_doc, m_context.images, n.src));
        append_attr(m_out, "alt", alt);
        image_fit(id);
        m_out += ">\n";
    }
    for (NodeId c : kids) {
        if (caption == kids.end() || c != *caption) node(c);
    }
    if (caption != kids.end()) node(*caption);  // a figcaption must come last after the image
    close("figure", true);
}

void BodyWriter::inline_node(NodeId id) {
    const doc::Node& n = m_doc.node(id);
    switch (n.kind) {
        case NodeKind::text: {
            // The realized text: quotes="smart" gives the HTML the same quotes as the PDF.
            const std::string hyphenated = soft_hyphenated(m_context, id);  // #20: or empty
            const std::string_view shown = hyphenated.empty() ? m_context.realized.text(id) : hyphenated;
            if (n.lang.empty()) {
                append_text(m_out, shown);
            } else {
                open("span", id);
                append_text(m_out, shown);
                close("span", false);
            }
            return;
        }
        case NodeKind::emphasis:
        case NodeKind::strong: {
            const std::string element = element_name(m_doc, id);
            open(element, id);
            children(id);
            close(element, false);
            return;
        }
        case NodeKind::link: link(id); return;
        case NodeKind::line_break:
            m_out += "<br";
            common_attrs(id);
            m_out += '>';
            return;
        case NodeKind::document:
        case NodeKind::section:
        case NodeKind::heading:
        case NodeKind::paragraph:
        case NodeKind::list:
        case NodeKind::list_item:
        case NodeKind::figure:
        case NodeKind::caption:
        case NodeKind::block_quote:
        case NodeKind::aside:
        case NodeKind::contents:
        case NodeKind::table: case NodeKind::table_column: case NodeKind::table_head: case NodeKind::table_body:
        case NodeKind::table_foot: case NodeKind::table_row: case NodeKind::header_cell: case NodeKind::data_cell:
        case NodeKind::figure_row:
        case NodeKind::explicit_break: block(id); return;
    }
}

void BodyWriter::link(NodeId id) {
    const doc::Node& n = m_doc.node(id);
    if (n.reference) {
        reference(id);
        return;
    }
    const bool external = is_external(n.href);
    m_out += "<a";
    common_attrs(id);
    if (core::is_allowed_link(n.href)) append_attr(m_out, "href", n.href);  // the reader's allow-list
    if (external) append_attr(m_out, "rel", "noopener");
    m_out += '>';
    if (n.children.empty()) {
        append_text(m_out, n.href);  // a link needs a name; the address is the best there is
    } else {
        children(id);
    }
    // Leaving the site is said in words to screen readers and shown by an arrow, not by colour.
    if (external) {
        m_out += "<span class=\"visually-hidden\"> (external link)</span>"
                 "<span class=\"external-mark\" aria-hidden=\"true\">\u2197</span>";
    }
    m_out += "</a>";
}

void BodyWriter::reference(NodeId id) {
    // <ref to="x"/>: the target's title (realized), and where the PDF has it.
    const doc::Node& n = m_doc.node(id);
    const std::string to = n.href.size() > 1 && n.href.front() == '#' ? n.href.substr(1) : "";
    const realize::Reference* ref = m_context.realized.reference(id);
    const NodeId target = ref != nullptr ? ref->target : doc::no_node;
    const std::string& title = ref != nullptr ? ref->title : to;
    m_out += "<a";
    common_attrs(id);
    std::string href = "#";  // (+= : g++ 12 warns wrongly about "#" + a string)
    href += target != doc::no_node ? m_ids.of(target) : std::string_view(to);
    append_attr(m_out, "href", href);
    m_out += '>';
    append_text(m_out, title);
    m_out += "</a>";
    std::size_t page = 0;  // 1-based; 0: not drawn
    if (target != doc::no_node && m_context.pages != nullptr) {
        if (const auto at = m_context.pages->find(target)) page = *at + 1;
    }
    const auto marked = [&](std::size_t number) {  // only pages with a marker can be linked to
        return m_marked_pages.count(number) != 0;
    };
    if (page != 0 && marked(page)) {
        const std::string number = std::to_string(page);
        m_out += ", <a";  // as the PDF writes it: "Title, page 4"
        append_attr(m_out, "href", "#page-" + number);
        m_out += ">page " + number + "</a>";
    }
}

}  // namespace folio::html
