#pragma once
/// Internal to the HTML writer: which HTML element each document node becomes, the rank of each
/// heading, and the id of every addressable node (given in the source, or generated).

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.hpp"

namespace folio::html {

/// The document title: the level-1 heading that is the root's first child, or no_node.
doc::NodeId title_node(const doc::Document& d);

/// The subtitle: a paragraph of class "subtitle" right after the title, or no_node.
doc::NodeId subtitle_node(const doc::Document& d);

/// The HTML heading rank (1..6): 1 for the document title, otherwise one more than the number of
/// enclosing sections (at least 2, at most 6), so that no level is ever skipped.
int heading_rank(const doc::Document& d, doc::NodeId id);

/// The HTML element a node is written as ("body" for the root, "h2", "figcaption", ...); empty for
/// text nodes, which are written without an element.
std::string element_name(const doc::Document& d, doc::NodeId id);

/// True for the caption that a figure writes as its <figcaption> (the figure's first caption).
bool is_figcaption(const doc::Document& d, doc::NodeId id);

/// The HTML id of every node: the source id where there is one; sections without one get
/// "section-K" (K = 1-based position among all sections), and section headings without one get
/// "<section id>-title", made unique against every other id.
class IdMap {
public:
    /// Assigns the ids of every node of `d`.
    explicit IdMap(const doc::Document& d);
    /// The id of a node, empty if it has none (valid while the map and the document live).
    [[nodiscard]] std::string_view of(doc::NodeId id) const { return m_ids[id]; }

private:
    std::vector<std::string_view> m_ids;  ///< the source's ids, or one of m_made
    std::deque<std::string> m_made;       ///< ids made for sections and their headings
};

}  // namespace folio::html
