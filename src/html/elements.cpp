#include "html/elements.hpp"

#include <string_view>
#include <unordered_set>

#include <algorithm>

#include "doc/table.hpp"
#include "html/markup.hpp"

namespace folio::html {

using doc::NodeId;
using doc::NodeKind;

NodeId title_node(const doc::Document& d) {
    if (d.nodes.empty() || d.node(d.root()).children.empty()) return doc::no_node;
    const NodeId first = d.node(d.root()).children.front();
    const doc::Node& n = d.node(first);
    return n.kind == NodeKind::heading && n.level == 1 ? first : doc::no_node;
}

NodeId subtitle_node(const doc::Document& d) {
    if (d.nodes.empty()) return doc::no_node;
    const auto& top = d.node(d.root()).children;
    const std::size_t at = title_node(d) == doc::no_node ? 0 : 1;
    if (top.size() <= at) return doc::no_node;
    const doc::Node& n = d.node(top[at]);
    const auto classes = split_classes(n.classes);
    const bool subtitle = std::find(classes.begin(), classes.end(), "subtitle") != classes.end();
    return n.kind == NodeKind::paragraph && subtitle ? top[at] : doc::no_node;
}

int heading_rank(const doc::Document& d, NodeId id) {
    if (id == title_node(d)) return 1;
    int sections = 0;
    for (NodeId p = d.node(id).parent; p != doc::no_node; p = d.node(p).parent) {
        if (d.node(p).kind == NodeKind::section) ++sections;
    }
    return std::clamp(sections + 1, 2, 6);
}

bool is_figcaption(const doc::Document& d, NodeId id) {
    const doc::Node& n = d.node(id);
    if (n.kind != NodeKind::caption || n.parent == doc::no_node) return false;
    const doc::Node& figure = d.node(n.parent);
    if (figure.kind != NodeKind::figure) return false;
    const auto first = std::find_if(figure.children.begin(), figure.children.end(),
                                    [&](NodeId c) { return d.node(c).kind == NodeKind::caption; });
    return first != figure.children.end() && *first == id;
}

std::string element_name(const doc::Document& d, NodeId id) {
    const doc::Node& n = d.node(id);
    switch (n.kind) {
        case NodeKind::document: return "body";
        case NodeKind::section: return "section";
        case NodeKind::heading: {
            std::string name = "h";  // built by appending: g++ 12 -O3 warns falsely on "h" + string
            name += std::to_string(heading_rank(d, id));
            return name;
        }
        case NodeKind::paragraph: return "p";
        case NodeKind::list: return n.ordered ? "ol" : "ul";
        case NodeKind::list_item: return "li";
        case NodeKind::figure: return "figure";
        case NodeKind::caption:
            if (n.parent != doc::no_node && d.node(n.parent).kind == NodeKind::table) return "caption";
            return is_figcaption(d, id) ? "figcaption" : "p";
        case NodeKind::block_quote: return "blockquote";
        case NodeKind::aside: return "aside";
        case NodeKind::text: return n.lang.empty() ? "" : "span";
        case NodeKind::emphasis: return "em";
        case NodeKind::strong: return "strong";
        case NodeKind::link: return "a";
        case NodeKind::line_break: return "br";
        case NodeKind::contents: return "";
        case NodeKind::explicit_break: return "";
        case NodeKind::figure_row: return "";  // a <div class="figure-row"> of its own (figure_row.cpp)
        case NodeKind::table: case NodeKind::table_column: case NodeKind::table_head: case NodeKind::table_body:
        case NodeKind::table_foot: case NodeKind::table_row: case NodeKind::header_cell:
        case NodeKind::data_cell: return doc::kind_name(n.kind);
    }
    return "";
}

namespace {

/// The ids in use, viewed in the strings of an IdMap (which never move once assigned).
using UsedIds = std::unordered_set<std::string_view>;

/// `base`, or `base-2`, `base-3`, ... whichever is not yet in `used`, kept in `made` and recorded.
std::string_view unique_id(const std::string& base, UsedIds& used, std::deque<std::string>& made) {
    std::string id = base;
    for (int k = 2; used.count(id) != 0; ++k) id = base + "-" + std::to_string(k);
    const std::string_view kept = made.emplace_back(std::move(id));
    used.insert(kept);
    return kept;
}

}  // namespace

IdMap::IdMap(const doc::Document& d) : m_ids(d.nodes.size()) {
    // 1. Source ids are kept as they are and reserved.
    UsedIds used;
    used.reserve(d.nodes.size() / 4);
    for (NodeId i = 0; i < d.nodes.size(); ++i) {
        if (d.node(i).id.empty()) continue;
        m_ids[i] = d.node(i).id;  // (a view of the document's string)
        used.insert(m_ids[i]);
    }
    // 2. Sections without an id are numbered in document order.
    int ordinal = 0;
    for (NodeId i = 0; i < d.nodes.size(); ++i) {
        if (d.node(i).kind != NodeKind::section) continue;
        ++ordinal;
        if (m_ids[i].empty()) m_ids[i] = unique_id("section-" + std::to_string(ordinal), used, m_made);
    }
    // 3. A section's heading labels it (aria-labelledby), so it needs an id too.
    for (NodeId i = 0; i < d.nodes.size(); ++i) {
        const doc::Node& n = d.node(i);
        if (n.kind != NodeKind::section || n.children.empty()) continue;
        const NodeId heading = n.children.front();
        if (d.node(heading).kind == NodeKind::heading && m_ids[heading].empty()) {
            m_ids[heading] = unique_id(std::string(m_ids[i]) + "-title", used, m_made);
        }
    }
    // 4. Tables: a caption labels its table's scrolling region, and header cells are named
    //    in the headers= of data cells (html/table.cpp).
    int tables = 0;
    for (NodeId i = 0; i < d.nodes.size(); ++i) {
        if (d.node(i).kind == NodeKind::table && m_ids[i].empty()) {
            m_ids[i] = unique_id("table-" + std::to_string(++tables), used, m_made);
        }
        const doc::NodeId t = doc::table_of(d, i);
        const bool named = d.node(i).kind == NodeKind::header_cell ||
                           (d.node(i).kind == NodeKind::caption && d.node(i).parent == t);
        if (t != doc::no_node && named && m_ids[i].empty()) {
            m_ids[i] = unique_id(std::string(m_ids[t]) + (d.node(i).kind == NodeKind::caption ? "-caption" : "-th"),
                                 used, m_made);
        }
    }
}

}  // namespace folio::html
