#pragma once
/// The quality report (issue 22): what `folio check --report` and `folio build --report` find in a
/// laid-out document, and its JSON and SARIF 2.1.0 forms. The checks run inside a render, through
/// pipeline::Options::inspect; the render's own diagnostics join them after it.

#include <cstddef>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "layout/layout.hpp"
#include "realize/realize.hpp"
#include "text/font_metrics.hpp"
#include "report/finding.hpp"

namespace folio::report {

/// The page of a node (walking up to the nearest ancestor pagination recorded), 1-based; and the
/// page of a source position, by the last node that starts at or before it.
class PageIndex {
public:
    PageIndex() = default;
    PageIndex(const doc::Document& d, const layout::PageMap& pages);
    /// 1-based page of `node`, 0 when none is known.
    [[nodiscard]] std::size_t of_node(doc::NodeId node) const;
    /// 1-based page of the element at or before `where` in the source, 0 when none is known.
    [[nodiscard]] std::size_t of_location(const core::SourceLocation& where) const;

private:
    struct Start {
        std::uint32_t line, column;
        std::size_t page;
    };
    std::string m_source;
    std::vector<Start> m_starts;      ///< sorted by position
    std::vector<std::size_t> m_page;  ///< by NodeId
};

/// The nearest ancestor of `id` (or `id` itself) that is a block.
doc::NodeId block_of(const doc::Document& d, doc::NodeId id);

/// The stretch of a word space of `run` in a justified line, as layout gives it
/// (inline_collect.cpp): half the space (with letter spacing), at least a sixth of the size.
double space_stretch(const layout::GlyphRun& run, const text::FontProvider& fonts);

/// typography.loose-line: per paragraph-like block, its loosest justified line whose adjustment
/// ratio (word spacing over space_stretch) exceeds the block's loose-line-tolerance.
std::vector<Finding> check_loose_lines(const realize::RealizedDocument& realized, const layout::LayoutResult& laid,
                                       const text::FontProvider& fonts);

/// The checks of the typography rules on the pages (hyphen ladders, widows, orphans, clipped
/// text, headings at a column's foot).
std::vector<Finding> check_pages(const realize::RealizedDocument& realized, const layout::LayoutResult& laid,
                                 const PageIndex& pages);

/// The checks of the accessibility rules on the tree (alternative texts, link texts, heading
/// levels, unmarked languages).
std::vector<Finding> check_accessibility(const realize::RealizedDocument& realized, const PageIndex& pages);

/// accessibility.unmarked-language: text whose words are of another language than its element's
/// (report/languages.cpp: a spelling only one language has, or its function words).
void unmarked_languages(const realize::RealizedDocument& realized, const PageIndex& pages, std::vector<Finding>& out);

/// The checks of the content rules on the tree (unused ids, empty sections).
std::vector<Finding> check_content(const doc::Document& d, const PageIndex& pages);

/// The finding a render's diagnostic becomes: its rule by its code (layout.loose-line is
/// typography.loose-line, style.contrast accessibility.low-contrast, ...), else folio.diagnostic.
Finding from_diagnostic(const core::Diagnostic& d, const PageIndex& pages);

/// A whole report: what was checked and what was found, in source order.
struct Report {
    std::string source;
    std::string style;
    std::size_t pages = 0;
    bool laid_out = false;  ///< false when the render stopped before layout (only its diagnostics)
    std::vector<Finding> findings;
};

/// Collects a report over one render: give `inspector()` to pipeline::Options::inspect, run, then
/// `finish` with the outcome's diagnostics.
class Collector {
public:
    /// Runs every check on the laid-out document (measured with `fonts`) and keeps the findings
    /// and the page index.
    void inspect(const realize::RealizedDocument& realized, const layout::LayoutResult& laid,
                 const text::FontProvider& fonts);
    /// The report: the checks' findings and the diagnostics', sorted by file, line and column.
    Report finish(const core::Diagnostics& diagnostics, std::string source, std::string style,
                  std::size_t pages) const;

private:
    PageIndex m_pages;
    std::vector<Finding> m_findings;
    bool m_inspected = false;
};

/// The report as folio's JSON (version 1; docs/authoring.md).
std::string to_json(const Report& report, const std::string& tool_version);

/// The report as a SARIF 2.1.0 log, one result per finding, the rules in the driver.
std::string to_sarif(const Report& report, const std::string& tool_version);

/// The number of findings at `level` or above.
std::size_t count_at_least(const Report& report, Level level);

}  // namespace folio::report
