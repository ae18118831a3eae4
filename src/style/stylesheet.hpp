#pragma once
/// A style sheet as written: rules of CSS-named declarations, each with its source position.
/// The style stage turns it into computed values; the XML reader builds it.

#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace folio::style {

/// One `property="value"` pair.
struct Declaration {
    std::string property;
    std::string value;
    core::SourceLocation location;
};

/// A selector and its declarations. Selectors are an element name ("p", "h2", "document"),
/// a class (".lead"), or both ("p.lead"); the at-rules "@page", "@header" and "@footer" hold the
/// page master and the running header and footer.
struct Rule {
    std::string selector;
    std::vector<Declaration> declarations;
    core::SourceLocation location;
};

/// A whole style sheet file.
struct Stylesheet {
    std::string path;
    std::string name;
    std::vector<Rule> rules;
};

}  // namespace folio::style
