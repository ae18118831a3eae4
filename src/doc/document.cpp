#include "doc/document.hpp"

namespace folio::doc {

const char* kind_name(NodeKind k) {
    switch (k) {
        case NodeKind::document: return "document";
        case NodeKind::section: return "section";
        case NodeKind::heading: return "title";
        case NodeKind::paragraph: return "p";
        case NodeKind::list: return "ul";
        case NodeKind::list_item: return "li";
        case NodeKind::figure: return "figure";
        case NodeKind::caption: return "caption";
        case NodeKind::block_quote: return "blockquote";
        case NodeKind::aside: return "aside";
        case NodeKind::text: return "#text";
        case NodeKind::emphasis: return "em";
        case NodeKind::strong: return "strong";
        case NodeKind::link: return "a";
        case NodeKind::line_break: return "br";
        case NodeKind::contents: return "contents";
        case NodeKind::explicit_break: return "break";
        case NodeKind::table: return "table";
        case NodeKind::table_column: return "col";
        case NodeKind::table_head: return "thead";
        case NodeKind::table_body: return "tbody";
        case NodeKind::table_foot: return "tfoot";
        case NodeKind::table_row: return "tr";
        case NodeKind::header_cell: return "th";
        case NodeKind::data_cell: return "td";
        case NodeKind::figure_row: return "figures";
    }
    return "?";
}

std::string style_name(const Node& n) {
    if (n.kind == NodeKind::heading) {
        std::string name = "h";
        name += static_cast<char>('0' + n.level);  // levels are 1..6
        return name;
    }
    if (n.kind == NodeKind::list) return n.ordered ? "ol" : "ul";
    return kind_name(n.kind);
}

bool is_inline(NodeKind k) {
    switch (k) {
        case NodeKind::text:
        case NodeKind::emphasis:
        case NodeKind::strong:
        case NodeKind::link:
        case NodeKind::line_break: return true;
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
        case NodeKind::explicit_break:
        case NodeKind::table: case NodeKind::table_column: case NodeKind::table_head: case NodeKind::table_body:
        case NodeKind::table_foot: case NodeKind::table_row: case NodeKind::header_cell:
        case NodeKind::data_cell:
        case NodeKind::figure_row: return false;
    }
    return false;
}

NodeId Document::add(Node&& n, NodeId parent) {
    // (by reference: a Node is some 350 bytes whose every string a move copies; reading a large
    // source moved each node twice, issue 23)
    const auto id = static_cast<NodeId>(nodes.size());
    if (!n.id.empty()) m_ids.emplace(n.id, id);  // the first use of an id wins
    n.parent = parent;
    nodes.push_back(std::move(n));
    if (parent != no_node) nodes[parent].children.push_back(id);
    return id;
}

std::optional<NodeId> Document::find_id(const std::string& id) const {
    if (const auto it = m_ids.find(id); it != m_ids.end() && nodes[it->second].id == id) return it->second;
    // Nodes whose id was set after add() are not in the index: look them up the slow way.
    for (NodeId i = 0; i < nodes.size(); ++i) {
        if (!id.empty() && nodes[i].id == id) return i;
    }
    return std::nullopt;
}

const std::string& Document::language_of(NodeId id) const {
    for (NodeId cur = id; cur != no_node; cur = nodes[cur].parent) {
        if (!nodes[cur].lang.empty()) return nodes[cur].lang;
    }
    return meta.language;
}

std::string Document::plain_text(NodeId id) const {
    const Node& n = nodes[id];
    if (n.kind == NodeKind::text) return n.text;
    if (n.kind == NodeKind::line_break) return " ";
    std::string out;
    for (NodeId c : n.children) out += plain_text(c);
    return out;
}

std::ostream& operator<<(std::ostream& os, const Node& n) {
    os << kind_name(n.kind);
    if (!n.id.empty()) os << '#' << n.id;
    if (n.kind == NodeKind::text) os << " \"" << n.text << '"';
    if (n.kind == NodeKind::heading) os << " level=" << int(n.level);
    return os << " @" << n.location.line << ':' << n.location.column;
}

}  // namespace folio::doc
