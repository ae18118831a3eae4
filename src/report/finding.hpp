#pragma once
/// The quality report's findings (issue 22): typographic, accessibility and content problems of a
/// laid-out document, each tied to a source position and the page it lands on.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace folio::report {

/// How serious a finding is, in SARIF's words.
enum class Level : unsigned char { note, warning, error };

/// "note", "warning" or "error".
const char* level_name(Level level);

/// One problem found in a document.
struct Finding {
    std::string rule;  ///< the rule's id, e.g. "typography.overfull-line" (see rules())
    Level level = Level::warning;
    std::string message;
    core::SourceLocation location;
    std::size_t page = 0;  ///< 1-based page it lands on; 0 when it is on no page
};

/// A rule the report checks: its id, the level of its findings and what it means.
struct Rule {
    const char* id;
    Level level;
    const char* summary;  ///< one sentence: what is wrong
};

/// Every rule, in the order the documentation lists them.
const std::vector<Rule>& rules();

/// The rule with this id, or nullptr.
const Rule* find_rule(std::string_view id);

/// A finding of rule `id` at its default level.
Finding make_finding(std::string_view id, std::string message, core::SourceLocation where, std::size_t page);

}  // namespace folio::report
