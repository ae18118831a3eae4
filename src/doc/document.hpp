#pragma once
/// The document tree: folio's own model of a content source. Nodes live in one arena and refer to
/// each other by NodeId, so the tree is a plain value with no pointers and no shared ownership.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.hpp"

namespace folio::doc {

/// Index of a node in Document::nodes.
using NodeId = std::uint32_t;
/// Marks "no node".
inline constexpr NodeId no_node = UINT32_MAX;

/// The closed set of node kinds; every stage switches over it exhaustively.
enum class NodeKind : std::uint8_t {
    document,    ///< the root; its children are the body blocks
    section,     ///< a titled section; first child is its heading
    heading,     ///< a title: level 1 is the document title (first child of the root), 2 a top section
    paragraph,
    list,        ///< ordered or unordered list; children are list items
    list_item,
    figure,      ///< an image with alt text and a caption child
    caption,
    block_quote,
    aside,       ///< a call-out box
    text,        ///< a run of characters (leaf)
    emphasis,
    strong,
    link,        ///< an external (href) or internal (#id) link
    line_break,  ///< a forced line break (leaf)
    contents,    ///< where the table of contents goes (leaf block)
    explicit_break,  ///< a forced column or page break (leaf block; text is "column" or "page")
    // tables (doc/table.hpp): a table's children are an optional caption, its columns, then row
    // groups (head, bodies, foot) of rows of cells
    table,
    table_column,  ///< <col>: text holds its width as written ("30mm", "25%", "2*", "" for auto)
    table_head,    ///< <thead>
    table_body,    ///< <tbody> (rows written directly in <table> get one of their own)
    table_foot,    ///< <tfoot>
    table_row,     ///< <tr>
    header_cell,   ///< <th>
    data_cell,     ///< <td>
    figure_row,    ///< <figures>: two to four figures side by side, each with its caption (#18)
};

/// What a header cell heads (the scope attribute of <th>).
enum class CellScope : std::uint8_t { none, row, col, rowgroup, colgroup };

/// The source element name of a kind ("p", "em", "title"; "ul" for any list).
const char* kind_name(NodeKind k);
struct Node;
/// The name style sheets match a node by: "h1".."h6" for headings, "ol"/"ul" for lists, else kind_name.
std::string style_name(const Node& n);
/// True for kinds that hold inline content (text, emphasis, strong, link, line_break).
bool is_inline(NodeKind k);

/// One node of the tree. Which fields are meaningful depends on `kind`.
struct Node {
    NodeKind kind = NodeKind::text;
    NodeId parent = no_node;
    std::vector<NodeId> children;
    std::string text;         ///< text: the characters (UTF-8, whitespace as in the source)
    std::string id;           ///< optional unique id (sections, figures, anything addressable)
    std::string classes;      ///< space-separated class names from the source
    std::string lang;         ///< xml:lang given on this element, empty if inherited
    std::string href;         ///< link target
    std::string src;          ///< figure: image path, resolved against the source's folder
    std::string alt;          ///< figure: alternative text
    std::string label;        ///< aside: accessible name (its `title` attribute)
    bool ordered = false;     ///< list: numbered (true) or bulleted (false)
    bool reference = false;   ///< link: a cross-reference whose text is the target's title and page
    std::uint8_t level = 0;   ///< heading: 1 for the document title, 2 for top sections, ...
    CellScope scope = CellScope::none;  ///< header cell: what it heads
    std::uint16_t colspan = 1;          ///< cell: columns it spans (1..1000)
    std::uint16_t rowspan = 1;          ///< cell: rows it spans (1..65534)
    core::SourceLocation location;
};

/// The cover page, from <cover> in <meta>: the title, subtitle and organisation come from the
/// metadata; the cover adds an optional image and a tagline.
struct Cover {
    bool present = false;
    std::string image;    ///< resolved path, or empty
    std::string alt;      ///< alternative text of the image
    std::string tagline;
    core::SourceLocation location;
};

/// The back cover, from <back-cover> in <meta>: an address block, one entry per line.
struct BackCover {
    bool present = false;
    std::vector<std::string> lines;
    core::SourceLocation location;
};

/// Document metadata from the source's <meta> element.
struct Metadata {
    std::string title;
    std::string subtitle;
    std::string organisation;
    std::string author;
    std::string language;  ///< BCP 47 tag from xml:lang on the root
    std::string date;      ///< ISO 8601 date (YYYY-MM-DD) or empty
    std::vector<std::string> keywords;
    std::string description;
    Cover cover;
    BackCover back_cover;
};

/// A whole content source: metadata plus the node arena. nodes[0] is the document root.
struct Document {
    Metadata meta;
    std::vector<Node> nodes;
    std::string source_path;  ///< the file it was read from, for diagnostics and relative paths

    [[nodiscard]] const Node& node(NodeId id) const { return nodes[id]; }
    [[nodiscard]] NodeId root() const { return 0; }
    /// Appends a node under `parent` (or as the root when parent is no_node) and returns its id.
    NodeId add(Node&& n, NodeId parent);
    /// add() of a copy of `n`.
    NodeId add(const Node& n, NodeId parent) { return add(Node(n), parent); }
    /// The node whose id attribute is `id`, if any.
    [[nodiscard]] std::optional<NodeId> find_id(const std::string& id) const;

private:
    std::unordered_map<std::string, NodeId> m_ids;  ///< id attribute -> first node with it

public:
    /// The effective language of a node (nearest xml:lang up the tree, else the document's).
    [[nodiscard]] const std::string& language_of(NodeId id) const;
    /// All text under `id`, concatenated (for headings, link labels, alt fallbacks).
    [[nodiscard]] std::string plain_text(NodeId id) const;
};

/// Writes a terse one-line description of a node (for test failure messages).
std::ostream& operator<<(std::ostream& os, const Node& n);

}  // namespace folio::doc
