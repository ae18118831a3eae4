// Loose lines (typography.loose-line) against the style's `loose-line-tolerance`.
//
// Knuth and Plass's adjustment ratio of a justified line is the extra width of its word spaces
// divided by their stretch. Layout does not keep the ratio on the pages, but each glyph run
// keeps the extra width of its spaces (word_spacing = ratio x stretch), and the stretch of a word
// space is layout's (inline_collect.cpp): max(space / 2, font size / 6), the space being the
// face's U+0020 advance plus the letter spacing. So, per run of a column with word spacing:
//   1. ratio = word_spacing / stretch (the same for every run of a line);
//   2. the lines of each paragraph-like block, by page, column and baseline;
//   3. the loosest line of a block above its style's tolerance is reported, once per block.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <tuple>

#include "core/utf8.hpp"
#include "report/report.hpp"

namespace folio::report {
namespace {

/// One line's text and ratio, as its runs show it.
struct LooseLine {
    double ratio = 0;
    doc::NodeId node = doc::no_node;  ///< its leftmost run's node
    double left = 0;
    std::u32string text;
    std::size_t page = 0;  ///< 1-based
};

}  // namespace

double space_stretch(const layout::GlyphRun& run, const text::FontProvider& fonts) {
    const double space = fonts.advance(run.font, U' ') * run.size / 1000.0 + run.letter_spacing;
    return std::max(space / 2, run.size / 6);
}

std::vector<Finding> check_loose_lines(const realize::RealizedDocument& realized, const layout::LayoutResult& laid,
                                       const text::FontProvider& fonts) {
    const doc::Document& d = realized.doc();
    // block -> (page, baseline in 1/100 pt, x of the line's column) -> line
    std::map<doc::NodeId, std::map<std::tuple<std::size_t, long, long>, LooseLine>> lines;
    const auto& pages = laid.document.pages;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        for (const layout::Item& item : pages[p].items) {
            const auto* run = std::get_if<layout::GlyphRun>(&item);
            if (run == nullptr || run->node >= d.nodes.size() || run->text.empty()) continue;
            const doc::NodeId block = block_of(d, run->node);
            if (block >= d.nodes.size()) continue;
            const auto column = std::find_if(pages[p].columns.begin(), pages[p].columns.end(), [&](const auto& c) {
                return run->origin.x >= c.area.x - 0.5 && run->origin.x <= c.area.right();
            });
            const long x = column == pages[p].columns.end() ? -1 : std::lround(column->area.x);
            LooseLine& line = lines[block][{p, std::lround(run->origin.y * 100), x}];
            const bool first = line.text.empty() || run->origin.x < line.left;
            line.text = first ? run->text + line.text : line.text + run->text;
            if (first) { line.left = run->origin.x; line.node = run->node; }
            line.page = p + 1;
            if (run->word_spacing > 0 && run->text.find(U' ') != std::u32string::npos) {
                line.ratio = std::max(line.ratio, run->word_spacing / space_stretch(*run, fonts));
            }
        }
    }
    std::vector<Finding> out;
    for (const auto& [block, by_line] : lines) {
        const double tolerance = realized.styled().style(block).loose_line_tolerance;
        if (tolerance <= 0) continue;
        const LooseLine* worst = nullptr;
        for (const auto& [key, line] : by_line) {
            if (line.ratio > tolerance + 0.005 && (worst == nullptr || line.ratio > worst->ratio)) worst = &line;
        }
        if (worst == nullptr) continue;
        const core::SourceLocation at =
            d.nodes[worst->node].location.line != 0 ? d.nodes[worst->node].location : d.nodes[block].location;
        char ratio[24], limit[24];
        *std::to_chars(ratio, ratio + sizeof ratio - 1, worst->ratio, std::chars_format::fixed, 1).ptr = 0;
        *std::to_chars(limit, limit + sizeof limit - 1, tolerance).ptr = 0;
        const std::u32string opening = worst->text.size() > 40 ? worst->text.substr(0, 40) + U"\u2026" : worst->text;
        out.push_back(make_finding("typography.loose-line",
                                   std::string("a justified line is set loose (adjustment ratio ") + ratio +
                                       ", above the style's loose-line-tolerance " + limit + "): '" +
                                       core::to_utf8(opening) +
                                       "'; a soft hyphen, a shorter word or a wider column would help",
                                   at, worst->page));
    }
    return out;
}

}  // namespace folio::report
