// The report over one render: the page of each node and source position, the render's
// diagnostics as findings, and the checks' findings joined in source order.

#include <algorithm>
#include <tuple>

#include "report/report.hpp"

namespace folio::report {

PageIndex::PageIndex(const doc::Document& d, const layout::PageMap& pages)
    : m_source(d.source_path), m_page(d.nodes.size(), 0) {
    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        if (auto p = pages.find(id)) {
            m_page[id] = *p + 1;
        } else if (const doc::NodeId up = d.nodes[id].parent; up != doc::no_node && up < id) {
            m_page[id] = m_page[up];  // (a parent comes before its children in the arena)
        }
        const auto& at = d.nodes[id].location;
        if (at.line != 0 && at.file == m_source) m_starts.push_back({at.line, at.column, m_page[id]});
    }
    std::stable_sort(m_starts.begin(), m_starts.end(), [](const Start& a, const Start& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
}

std::size_t PageIndex::of_node(doc::NodeId node) const { return node < m_page.size() ? m_page[node] : 0; }

std::size_t PageIndex::of_location(const core::SourceLocation& where) const {
    if (where.file != m_source || where.line == 0) return 0;
    const auto after = std::upper_bound(m_starts.begin(), m_starts.end(), where, [](const auto& w, const Start& s) {
        return std::tie(w.line, w.column) < std::tie(s.line, s.column);
    });
    return after == m_starts.begin() ? 0 : std::prev(after)->page;
}

Finding from_diagnostic(const core::Diagnostic& d, const PageIndex& pages) {
    static const std::pair<const char*, const char*> by_code[] = {
        {"layout.overfull-line", "typography.overfull-line"},
        {"layout.loose-line", "typography.loose-line"},
        {"layout.word-too-wide", "typography.broken-word"},
        {"style.contrast", "accessibility.low-contrast"},
        {"style.contrast-undrawn", "accessibility.low-contrast"},
        {"source.missing-alt", "accessibility.missing-alt"},
        {"source.unknown-link-target", "content.missing-id"},
    };
    const char* rule = "folio.diagnostic";
    for (const auto& [code, id] : by_code) {
        if (d.code == code) rule = id;
    }
    Finding f = make_finding(rule, d.message, d.location, pages.of_location(d.location));
    if (f.rule == "folio.diagnostic") {
        f.level = d.severity == core::Severity::error ? Level::error : Level::warning;
        f.message = d.code + ": " + f.message;
    }
    return f;
}

void Collector::inspect(const realize::RealizedDocument& realized, const layout::LayoutResult& laid,
                        const text::FontProvider& fonts) {
    m_pages = PageIndex(realized.doc(), laid.pages);
    m_findings = check_pages(realized, laid, m_pages);
    for (Finding& f : check_loose_lines(realized, laid, fonts)) m_findings.push_back(std::move(f));
    for (Finding& f : check_accessibility(realized, m_pages)) m_findings.push_back(std::move(f));
    for (Finding& f : check_content(realized.doc(), m_pages)) m_findings.push_back(std::move(f));
    m_inspected = true;
}

Report Collector::finish(const core::Diagnostics& diagnostics, std::string source, std::string style,
                         std::size_t pages) const {
    Report r{std::move(source), std::move(style), pages, m_inspected, m_findings};
    for (const core::Diagnostic& d : diagnostics.all()) {
        // Layout's own loose lines (above 4) are the loose-line check's, which knows each
        // element's loose-line-tolerance (`none` included): listed once, by the check.
        if (m_inspected && d.code == "layout.loose-line") continue;
        r.findings.push_back(from_diagnostic(d, m_pages));
    }
    std::stable_sort(r.findings.begin(), r.findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.location.file, a.location.line, a.location.column) <
               std::tie(b.location.file, b.location.line, b.location.column);
    });
    return r;
}

std::size_t count_at_least(const Report& report, Level level) {
    return static_cast<std::size_t>(std::count_if(report.findings.begin(), report.findings.end(),
                                                   [&](const Finding& f) { return f.level >= level; }));
}

}  // namespace folio::report
