#pragma once
// Shorthand for building document nodes in tests.

#include <string>

#include "doc/document.hpp"

namespace folio::test {

/// A node of `kind`, with `text` for text nodes.
inline doc::Node mk(doc::NodeKind kind, std::string text = {}) {
    doc::Node n;
    n.kind = kind;
    n.text = std::move(text);
    return n;
}

}  // namespace folio::test
