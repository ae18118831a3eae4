// The typography rules that need the pages: lines are rebuilt from the glyph runs (one line per
// baseline of a column), then
//   1. hyphen ladders: more than two lines in a row of a column ending with a hyphen;
//   2. widows and orphans: a paragraph split over columns with one line alone on either side;
//   3. headings at a column's foot: a heading's line is the last of a column that more text follows;
//   4. clipped text: a run that reaches beyond the page's trim box.
// Layout already avoids 2 and 3 where the keep rules allow it; what is left could not be avoided.

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "core/utf8.hpp"
#include "report/report.hpp"

namespace folio::report {
namespace {

/// One line of text as the pages show it.
struct Line {
    std::size_t page = 0;    ///< 1-based
    std::size_t column = 0;  ///< the column's number in the whole document, in reading order
    double y = 0;
    doc::NodeId node = doc::no_node;   ///< the first text run's node
    doc::NodeId block = doc::no_node;  ///< its nearest block ancestor
    std::u32string text;
    double left = 0;
};

/// The column of `page` whose area holds `at`, or -1.
int column_at(const layout::Page& page, const core::Point& at) {
    for (std::size_t i = 0; i < page.columns.size(); ++i) {
        const core::Rect& a = page.columns[i].area;
        if (at.x >= a.x - 0.5 && at.x <= a.right() && at.y >= a.y - 0.5 && at.y <= a.bottom() + 0.5) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

/// The text lines of every column of every page, in reading order; runs outside columns (covers,
/// running heads, spanning titles) are not lines of a column and are left out.
std::vector<Line> column_lines(const doc::Document& d, const layout::PagedDocument& pages) {
    std::vector<Line> out;
    std::size_t column_base = 0;
    for (std::size_t p = 0; p < pages.pages.size(); ++p) {
        const layout::Page& page = pages.pages[p];
        std::map<std::pair<int, long>, Line> lines;  // by column and baseline (1/100 pt)
        for (const layout::Item& item : page.items) {
            const auto* run = std::get_if<layout::GlyphRun>(&item);
            if (run == nullptr || run->node >= d.nodes.size() || run->text.empty()) continue;
            const int column = column_at(page, run->origin);
            if (column < 0) continue;
            Line& line = lines[{column, std::lround(run->origin.y * 100)}];
            const bool first = line.text.empty() || run->origin.x < line.left;
            const bool is_text = d.nodes[run->node].kind == doc::NodeKind::text;
            if (line.node == doc::no_node || (is_text && d.nodes[line.node].kind != doc::NodeKind::text)) {
                line.node = run->node;
                line.block = block_of(d, run->node);
            }
            line.text = first ? run->text + line.text : line.text + run->text;
            if (first) line.left = run->origin.x;
            line.page = p + 1;
            line.column = column_base + static_cast<std::size_t>(column);
            line.y = run->origin.y;
        }
        for (auto& [key, line] : lines) out.push_back(std::move(line));
        column_base += page.columns.size();
    }
    return out;
}

bool ends_with_hyphen(const std::u32string& text) {
    return !text.empty() && (text.back() == U'-' || text.back() == U'\u2010' || text.back() == U'\u00AD');
}

/// The opening words of a line, for messages.
std::string opening(const std::u32string& text) {
    const std::u32string cut = text.size() > 40 ? text.substr(0, 40) + U"\u2026" : text;
    return core::to_utf8(cut);
}

core::SourceLocation where(const doc::Document& d, doc::NodeId node, doc::NodeId block) {
    if (node < d.nodes.size() && d.nodes[node].location.line != 0) return d.nodes[node].location;
    return block < d.nodes.size() ? d.nodes[block].location : core::SourceLocation{d.source_path, 0, 0};
}

void hyphen_ladders(const doc::Document& d, const std::vector<Line>& lines, std::vector<Finding>& out) {
    int run = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const bool same_column = i > 0 && lines[i].column == lines[i - 1].column;
        run = ends_with_hyphen(lines[i].text) ? (same_column ? run + 1 : 1) : 0;
        if (run == 3) {
            out.push_back(make_finding("typography.hyphen-ladder",
                                       "three lines in a row end with a hyphen, the third: '" +
                                           opening(lines[i].text) + "'",
                                       where(d, lines[i].node, lines[i].block), lines[i].page));
        }
    }
}

bool is_paragraph_like(doc::NodeKind k) {
    return k == doc::NodeKind::paragraph || k == doc::NodeKind::list_item || k == doc::NodeKind::caption ||
           k == doc::NodeKind::block_quote || k == doc::NodeKind::aside;
}

/// Widows and orphans: each block's lines in reading order, cut where the column changes.
void widows_and_orphans(const doc::Document& d, const std::vector<Line>& lines, std::vector<Finding>& out) {
    std::map<doc::NodeId, std::vector<const Line*>> by_block;
    for (const Line& l : lines) {
        if (l.block < d.nodes.size() && is_paragraph_like(d.nodes[l.block].kind)) by_block[l.block].push_back(&l);
    }
    for (const auto& [block, ls] : by_block) {
        if (ls.size() < 2 || ls.front()->column == ls.back()->column) continue;
        std::size_t first_part = 0, last_part = 0;
        for (const Line* l : ls) first_part += l->column == ls.front()->column ? 1 : 0;
        for (const Line* l : ls) last_part += l->column == ls.back()->column ? 1 : 0;
        const core::SourceLocation at = d.nodes[block].location;
        if (first_part == 1) {
            out.push_back(make_finding("typography.orphan",
                                       "the first line of a paragraph is alone at the foot of a column: '" +
                                           opening(ls.front()->text) + "'",
                                       at, ls.front()->page));
        }
        if (last_part == 1) {
            out.push_back(make_finding("typography.widow",
                                       "the last line of a paragraph is alone at the top of a column: '" +
                                           opening(ls.back()->text) + "'",
                                       at, ls.back()->page));
        }
    }
}

void headings_at_foot(const doc::Document& d, const std::vector<Line>& lines, std::vector<Finding>& out) {
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        const Line& l = lines[i];
        if (lines[i + 1].column == l.column || l.block >= d.nodes.size()) continue;
        if (d.nodes[l.block].kind != doc::NodeKind::heading) continue;
        out.push_back(make_finding("typography.heading-at-column-foot",
                                   "the heading '" + opening(l.text) +
                                       "' is the last line of its column; its text starts in the next",
                                   d.nodes[l.block].location, l.page));
    }
}

void clipped_runs(const doc::Document& d, const layout::PagedDocument& pages, std::vector<Finding>& out) {
    for (std::size_t p = 0; p < pages.pages.size(); ++p) {
        const layout::Page& page = pages.pages[p];
        for (const layout::Item& item : page.items) {
            const auto* run = std::get_if<layout::GlyphRun>(&item);
            if (run == nullptr || run->text.empty()) continue;
            const double right = run->origin.x + run->width;
            if (run->origin.x >= -0.01 && right <= page.size.width + 0.01) continue;
            const doc::NodeId block = run->node < d.nodes.size() ? block_of(d, run->node) : doc::no_node;
            out.push_back(make_finding("typography.clipped-text",
                                       "text reaches beyond the edge of the page and is cut off: '" +
                                           opening(run->text) + "'",
                                       where(d, run->node, block), p + 1));
        }
    }
}

}  // namespace

doc::NodeId block_of(const doc::Document& d, doc::NodeId id) {
    while (id != doc::no_node && id < d.nodes.size() &&
           (d.nodes[id].kind == doc::NodeKind::text || doc::is_inline(d.nodes[id].kind))) {
        id = d.nodes[id].parent;
    }
    return id;
}

std::vector<Finding> check_pages(const realize::RealizedDocument& realized, const layout::LayoutResult& laid,
                                 const PageIndex& /*pages*/) {
    const doc::Document& d = realized.doc();
    const std::vector<Line> lines = column_lines(d, laid.document);
    std::vector<Finding> out;
    hyphen_ladders(d, lines, out);
    widows_and_orphans(d, lines, out);
    headings_at_foot(d, lines, out);
    clipped_runs(d, laid.document, out);
    return out;
}

}  // namespace folio::report
