// One warning per language without hyphenation patterns (see hyphen_languages.hpp): walk the text
// nodes in document order, and ask the Hyphenator once per language that a hyphenated text uses.

#include "realize/hyphen_languages.hpp"

#include <set>

#include "text/hyphenate.hpp"

namespace folio::realize {

void check_hyphenation_languages(const RealizedDocument& realized, const text::Hyphenator& hyphenator,
                                 core::Diagnostics& diags) {
    const doc::Document& d = realized.doc();
    std::set<std::string> asked;
    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.nodes[id];
        if (n.kind != doc::NodeKind::text || !realized.styled().style(id).hyphenate) continue;
        const std::string& lang = realized.language(id);
        // (no tag, "undetermined" and "no linguistic content" ask for nothing)
        if (lang.empty() || lang == "und" || lang == "zxx" || !asked.insert(lang).second) continue;
        if (hyphenator.has_patterns(lang)) continue;
        const doc::NodeId element = n.parent != doc::no_node ? n.parent : id;
        const doc::Node& e = d.nodes[element];
        diags.warning("text.no-hyphenation-patterns",
                      "no hyphenation patterns for language '" + lang + "' (in <" + doc::style_name(e) +
                          ">): its text is not hyphenated; install the hyphen-* package for it, or mark "
                          "the text with a language that has patterns",
                      e.location);
    }
}

}  // namespace folio::realize
