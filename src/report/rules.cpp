// The catalogue of the quality report's rules; docs/authoring.md explains each with an example.

#include "report/finding.hpp"

#include <algorithm>

namespace folio::report {

const char* level_name(Level level) {
    switch (level) {
        case Level::note: return "note";
        case Level::warning: return "warning";
        case Level::error: return "error";
    }
    return "warning";
}

const std::vector<Rule>& rules() {
    static const std::vector<Rule> all = {
        {"typography.overfull-line", Level::warning, "A line is wider than its column."},
        {"typography.loose-line", Level::warning,
         "A justified line is looser than the style's loose-line-tolerance."},
        {"typography.hyphen-ladder", Level::warning, "More than two lines in a row end with a hyphen."},
        {"typography.widow", Level::warning,
         "The last line of a paragraph stands alone at the top of a column."},
        {"typography.orphan", Level::warning,
         "The first line of a paragraph stands alone at the foot of a column."},
        {"typography.broken-word", Level::warning,
         "A word wider than its column was broken where it has no hyphenation point."},
        {"typography.clipped-text", Level::error, "Text reaches beyond the box it is set in."},
        {"typography.heading-at-column-foot", Level::warning,
         "A heading is the last line of a column, apart from the text it introduces."},
        {"accessibility.missing-alt", Level::error, "An image has no text alternative."},
        {"accessibility.alt-is-file-name", Level::warning,
         "An image's text alternative repeats its file name."},
        {"accessibility.vague-link-text", Level::warning,
         "A link's text does not say where it leads (\"here\", \"click here\", a bare URL)."},
        {"accessibility.skipped-heading-level", Level::warning,
         "A heading is more than one level below the heading before it."},
        {"accessibility.low-contrast", Level::warning,
         "Text or a link is below WCAG 2.2 AA contrast against its background."},
        {"accessibility.unmarked-language", Level::warning,
         "Text in another language than its element's is not marked with xml:lang."},
        {"content.missing-id", Level::error, "A link or cross-reference names an id no element has."},
        {"content.unused-id", Level::note, "No link or cross-reference in the document names this id."},
        {"content.empty-section", Level::warning, "A section has a title and nothing else."},
        {"folio.diagnostic", Level::warning, "Another problem folio reported while reading or laying out."},
    };
    return all;
}

const Rule* find_rule(std::string_view id) {
    const auto& all = rules();
    const auto it = std::find_if(all.begin(), all.end(), [&](const Rule& r) { return id == r.id; });
    return it == all.end() ? nullptr : &*it;
}

Finding make_finding(std::string_view id, std::string message, core::SourceLocation where, std::size_t page) {
    const Rule* rule = find_rule(id);
    return Finding{std::string(id), rule != nullptr ? rule->level : Level::warning, std::move(message),
                   std::move(where), page};
}

}  // namespace folio::report
