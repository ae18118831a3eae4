#pragma once
// Building document trees for the HTML writer's tests.

#include <cstdint>
#include <string>

#include "doc/document.hpp"

namespace folio::test {

/// Adds a node of `kind` under `parent`, with `text` for text nodes and a made-up source line,
/// so diagnostics about it (contrast) have a position.
inline doc::NodeId add(doc::Document& d, doc::NodeId parent, doc::NodeKind kind, std::string text = {}) {
    doc::Node n;
    n.kind = kind;
    n.text = std::move(text);
    n.location = {"doc.xml", static_cast<std::uint32_t>(d.nodes.size() + 1), 3};
    return d.add(std::move(n), parent);
}

/// Adds a node with inline text content (a paragraph, heading, emphasis, ...).
inline doc::NodeId add_with_text(doc::Document& d, doc::NodeId parent, doc::NodeKind kind, const std::string& text) {
    const doc::NodeId id = add(d, parent, kind);
    add(d, id, doc::NodeKind::text, text);
    return id;
}

}  // namespace folio::test
