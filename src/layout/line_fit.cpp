// Keeping every line within its measure (issue 16).
//
// A word wider than its column is cut by last_resort_cuts between any two of its characters,
// after the places a URL breaks (text/url_breaks.cpp, applied by the inline collector to every
// URL-like word) and the hyphenation points have been tried: the breaker weighs the cuts like any
// other penalty, so it makes as few as it must where they give the best lines. With every box
// no wider than the column, the breaker's emergency pass always finds lines within the measure
// (linebreak.cpp), and word spaces are never set below their minimum (finalize_line clamps the
// ratio at -1). What is left is reported by report_line_fit: a justified line the breaker could
// only set very loose, and a line wider than its measure, which only a single character wider
// than the column can cause.

#include "layout/line_fit.hpp"

#include <algorithm>
#include <cstdio>

#include "core/utf8.hpp"

namespace folio::layout {
namespace {

/// Letters of the scripts folio ships fonts for: where a drawn hyphen reads as hyphenation.
bool is_letter(char32_t c) {
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return true;
    return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0xFB00 && c <= 0xFB04);
}

/// The first words of a line, for a message: at most 40 characters.
std::string opening_of(const Line& line) {
    std::u32string text;
    for (const auto& run : line.runs) {
        text += run.text;
        if (text.size() > 40) break;
    }
    if (text.size() > 40) text = text.substr(0, 40) + U"\u2026";
    return core::to_utf8(text);
}

std::string one_decimal(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

}  // namespace

std::vector<WordCut> last_resort_cuts(const std::u32string& text, const text::FontProvider& fonts, text::FontId font,
                                      double font_size, double letter_spacing, bool prose) {
    std::vector<WordCut> cuts;
    if (text.size() < 2) return cuts;
    cuts.reserve(text.size() - 1);
    const double unit = font_size / 1000.0;
    const double hyphen = fonts.advance(font, U'-') * unit + letter_spacing;
    for (std::size_t at = 1; at < text.size(); ++at) {
        WordCut cut;
        cut.at = at;
        cut.kern_after = fonts.kerning(font, text[at - 1], text[at]);
        cut.hyphen = prose && is_letter(text[at - 1]) && is_letter(text[at]);
        const double back = -cut.kern_after * unit;  // the box before holds the kern across the cut
        if (cut.hyphen) {
            cut.kern_hyphen = fonts.kerning(font, text[at - 1], U'-');
            cut.penalty = {ItemType::penalty, hyphen + cut.kern_hyphen * unit + back, 0, 0, last_resort_penalty, true};
        } else {
            cut.penalty = {ItemType::penalty, back, 0, 0, last_resort_penalty, false};
        }
        cut.penalty.long_word = true;
        cuts.push_back(cut);
    }
    return cuts;
}

double unbreakable_tail(const std::vector<BreakItem>& items) {
    double w = 0;
    for (std::size_t k = items.size(); k-- > 0;) {
        const BreakItem& it = items[k];
        if (it.type == ItemType::penalty && it.penalty < penalty_infinity) break;
        if (it.type == ItemType::glue && k > 0 && items[k - 1].type == ItemType::box) break;
        if (it.type != ItemType::penalty) w += it.width;
    }
    return w;
}

BreakItem chain_cut() { return {ItemType::penalty, 0, 0, 0, last_resort_penalty, false}; }

void fit_run(GlyphRun& run, double width, const style::ComputedStyle& st, const text::FontProvider& fonts) {
    if (run.width <= width) return;
    const char32_t ellipsis = fonts.has_glyph(run.font, 0x2026) ? 0x2026 : U'.';
    const std::u32string tail = ellipsis == U'.' ? U"..." : std::u32string(1, ellipsis);
    auto shortened = [&](std::size_t keep) {
        std::u32string t = run.text.substr(0, keep);
        while (!t.empty() && t.back() == U' ') t.pop_back();
        return t + tail;
    };
    // the most characters that fit, by bisection (the width grows with the count)
    std::size_t lo = 0, hi = run.text.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        if (measure_kerned(shortened(mid), st, run.font, fonts, nullptr) <= width) lo = mid;
        else hi = mid - 1;
    }
    run.text = lo == 0 && measure_kerned(tail, st, run.font, fonts, nullptr) > width ? U"" : shortened(lo);
    run.width = measure_kerned(run.text, st, run.font, fonts, &run.kern);
    if (std::all_of(run.kern.begin(), run.kern.end(), [](std::int16_t k) { return k == 0; })) run.kern.clear();
}

std::vector<std::u32string> split_to_width(const std::u32string& word, double width, const style::ComputedStyle& st,
                                           text::FontId font, const text::FontProvider& fonts) {
    std::vector<std::u32string> out(1);
    double w = 0;
    for (const char32_t c : word) {
        const double advance = fonts.advance(font, c) * st.font_size / 1000.0 + st.letter_spacing;
        if (!out.back().empty() && w + advance > width) {
            out.emplace_back();
            w = 0;
        }
        out.back().push_back(c);
        w += advance;
    }
    return out;
}

std::pair<double, double> fitted_margins(double left, double right, double width, double least) {
    const double margins = left + right;
    if (width - margins >= least || margins <= 0) return {left, right};
    const double scale = std::max(0.0, width - least) / margins;
    return {left * scale, right * scale};
}

void report_line_fit(const InlineResult& result, double width, const doc::Document& d, core::Diagnostics& diags,
                     NarrowLines narrow) {
    bool loose_reported = false, overfull_reported = false;
    for (std::size_t i = 0; i < result.lines.size(); ++i) {
        const Line& line = result.lines[i];
        if (line.runs.empty()) continue;
        const doc::NodeId node = line.runs.front().node;
        const core::SourceLocation where = node < d.nodes.size() ? d.node(node).location : core::SourceLocation{};
        if (!loose_reported && line.justified && line.ratio > very_loose_ratio) {
            loose_reported = true;
            diags.warning("layout.loose-line",
                          "a line could only be set very loose (adjustment ratio " + one_decimal(line.ratio) +
                              ", above 4): '" + opening_of(line) +
                              "'; a soft hyphen, a shorter word or a wider column would help",
                          where);
        }
        const bool beside = i < narrow.count;  // (a line beside a floating figure: float_flow.hpp)
        const double measure = beside ? std::min(width, narrow.width) : width;
        if (!overfull_reported && line.width > measure + line.hang + 0.01) {
            overfull_reported = true;
            diags.warning("layout.overfull-line",
                          beside ? "a line beside a floating figure is " + one_decimal(line.width - measure) +
                                       "pt wider than the " + one_decimal(measure) +
                                       "pt the figure leaves, as one character is wider than that, and runs into "
                                       "the figure: '" + opening_of(line) + "'; a narrower figure would help"
                                 : "a line is " + one_decimal(line.width - width) +
                                       "pt wider than its column, as one character is wider than the column: '" +
                                       opening_of(line) + "'",
                          where);
        }
    }
}

}  // namespace folio::layout
