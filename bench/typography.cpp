// bench/typography: the text quality of issue 4, measured (not timed).
//
// For the seed brochure and a large generated text (the seed's sentences shuffled into new
// paragraphs, deterministically), in each shipped style, every paragraph is broken with
// Knuth-Plass total fit and, as the baseline, with first fit, at its column width; the report
// gives the mean absolute adjustment ratio of justified lines, loose lines (ratio > 1), overfull
// lines, runs of more than 2 hyphenated lines, and the widows and orphans of the paginated
// document (layout_document, total fit only). Column widths follow flow's rule: the page's column,
// less the margins, paddings and accent borders of the paragraph and its ancestors.
//
// usage: folio_typography_bench SOURCE_DIR [--seed-only] [--repeat N] [--results FILE]
// Exit status 1 when total fit leaves an overfull line or more than 2 hyphenated lines in a row.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/source_file.hpp"
#include "layout/inline.hpp"
#include "layout/layout.hpp"
#include "style/computed.hpp"
#include "text/font_set.hpp"
#include "text/hyphenate.hpp"
#include "xml/reader.hpp"

using namespace folio;

namespace {

struct Figures {
    std::size_t lines = 0, justified = 0, loose = 0, very_loose = 0, overfull = 0, hyphen_runs = 0, hyphenated = 0;
    double sum_abs_ratio = 0;
    std::size_t widows = 0, orphans = 0;
    std::vector<std::string> lonely;  ///< "widow p.3" etc.
};

double column_width(const style::StyledDocument& s, doc::NodeId id) {
    const auto& page = s.page;
    const double content = page.content_box().width;
    const auto& st = s.style(id);
    double w = st.column_span_all || page.columns <= 1
                   ? content
                   : (content - (page.columns - 1) * page.column_gap) / page.columns;
    for (doc::NodeId n = id; n != doc::no_node; n = s.doc().node(n).parent) {
        const auto& a = s.style(n);
        w -= a.margin_left + a.margin_right + 2 * a.padding + a.border_left_width + 2 * a.border_width;
    }
    return w;
}

void line_figures(const style::StyledDocument& styled, text::FontSet& fonts, const text::Hyphenator& hyph,
                  layout::Breaker breaker, Figures& f) {
    core::Diagnostics diags;
    const realize::RealizedDocument realized = realize::realize(styled, diags);
    for (doc::NodeId id = 0; id < styled.doc().nodes.size(); ++id) {
        const auto& n = styled.doc().node(id);
        if (n.kind != doc::NodeKind::paragraph) continue;
        const double width = column_width(styled, id);
        const auto res = layout::layout_inline(realized, id, n.children, width, styled.style(id).text_indent, fonts,
                                               diags, &hyph, nullptr, breaker);
        int run = 0;
        for (const auto& line : res.lines) {
            ++f.lines;
            // hanging punctuation may stand in the margin by design; anything beyond it is overfull
            if (line.ratio < -1 - 1e-9 || line.width > width + line.hang + 1e-6) ++f.overfull;
            if (line.justified) {
                ++f.justified;
                f.sum_abs_ratio += std::abs(line.ratio);
                if (line.ratio > 1) ++f.loose;
                if (line.ratio > 2) ++f.very_loose;
            }
            if (line.hyphenated) ++f.hyphenated;
            run = line.hyphenated ? run + 1 : 0;
            if (run == 3) ++f.hyphen_runs;  // counts each run of more than 2 once
        }
    }
}

/// Widows and orphans of the paginated document: lines of each paragraph per (page, column).
void pagination_figures(const style::StyledDocument& styled, text::FontSet& fonts, const text::Hyphenator& hyph,
                        Figures& f) {
    core::Diagnostics diags;
    auto pages = layout::layout_document(styled, fonts, diags, &hyph);
    if (!pages) return;
    const auto& doc = styled.doc();
    // paragraph -> ordered (page, column) -> set of baselines
    std::map<doc::NodeId, std::map<std::pair<std::size_t, int>, std::set<long>>> frags;
    const double mid = styled.page.content_box().x + styled.page.content_box().width / 2;
    for (std::size_t p = 0; p < pages->pages.size(); ++p) {
        for (const auto& item : pages->pages[p].items) {
            const auto* run = std::get_if<layout::GlyphRun>(&item);
            if (!run || run->node == doc::no_node || run->node >= doc.nodes.size()) continue;
            doc::NodeId b = run->node;
            while (b != doc::no_node && doc.node(b).kind != doc::NodeKind::paragraph) b = doc.node(b).parent;
            if (b == doc::no_node) continue;
            const int column = styled.page.columns > 1 && run->origin.x > mid ? 1 : 0;
            frags[b][{p, column}].insert(std::lround(run->origin.y * 10));
        }
    }
    for (const auto& [id, parts] : frags) {
        if (parts.size() < 2) continue;
        const auto& st = styled.style(id);
        const auto first = parts.begin()->second.size();
        const auto last = parts.rbegin()->second.size();
        if (static_cast<int>(first) < st.orphans) {
            ++f.orphans;
            f.lonely.push_back("orphan: paragraph " + std::to_string(id) + " on page " +
                               std::to_string(parts.begin()->first.first + 1));
        }
        if (static_cast<int>(last) < st.widows) {
            ++f.widows;
            f.lonely.push_back("widow: paragraph " + std::to_string(id) + " on page " +
                               std::to_string(parts.rbegin()->first.first + 1));
        }
    }
}

/// The seed's paragraphs' sentences shuffled into `repeat` times as many new paragraphs.
void grow(doc::Document& d, int repeat) {
    std::vector<std::string> sentences;
    std::vector<doc::NodeId> paras;
    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        const auto& n = d.node(id);
        if (n.kind != doc::NodeKind::paragraph || n.children.size() != 1) continue;
        if (d.node(n.children[0]).kind != doc::NodeKind::text) continue;
        paras.push_back(id);
        std::string text = d.node(n.children[0]).text, cur;
        for (std::size_t i = 0; i < text.size(); ++i) {
            cur += text[i];
            if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && (i + 1 == text.size() || text[i + 1] == ' ')) {
                while (!cur.empty() && cur.front() == ' ') cur.erase(0, 1);
                sentences.push_back(cur);
                cur.clear();
            }
        }
    }
    if (sentences.empty() || paras.empty()) return;
    unsigned seed = 20240517;
    auto next = [&] { seed = seed * 1103515245u + 12345u; return (seed >> 16) & 0x7FFF; };
    const std::size_t count = paras.size() * static_cast<std::size_t>(repeat);
    const doc::NodeId parent = d.node(paras.back()).parent;
    for (std::size_t k = 0; k < count; ++k) {
        doc::Node p;
        p.kind = doc::NodeKind::paragraph;
        const auto pid = d.add(p, parent);
        std::string text;
        const unsigned n = 2 + next() % 5;
        for (unsigned s = 0; s < n; ++s) {
            if (!text.empty()) text += ' ';
            text += sentences[next() % sentences.size()];
        }
        doc::Node t;
        t.kind = doc::NodeKind::text;
        t.text = text;
        d.add(t, pid);
    }
}

std::string fmt(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: folio_typography_bench SOURCE_DIR [--seed-only] [--repeat N] [--results FILE]\n";
        return 2;
    }
    const std::string root = argv[1];
    bool seed_only = false;
    int repeat = 50;
    std::string results;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seed-only") seed_only = true;
        else if (a == "--repeat" && i + 1 < argc) repeat = std::stoi(argv[++i]);
        else if (a == "--results" && i + 1 < argc) results = argv[++i];
    }
    const text::Hyphenator hyph;
    std::ostringstream table;
    table << "| text | style | breaker | lines | justified | mean abs ratio | loose (>1) | very loose (>2) | "
             "overfull | hyphenated | runs > 2 hyphens | widows | orphans |\n"
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    std::vector<std::string> lonely;
    bool ok = true;
    for (const std::string text_kind : {"seed", "generated"}) {
        if (seed_only && text_kind != "seed") continue;
        for (const std::string style_name : {"brochure", "a5-booklet"}) {
            core::Diagnostics diags;
            auto src = core::SourceFile::read(root + "/source/iom-budapest.xml");
            auto css = core::SourceFile::read(root + "/styles/" + style_name + ".xml");
            if (!src || !css) { std::cerr << "cannot read the seed or the style\n"; return 2; }
            auto d = xml::read_content(*src, diags);
            auto sheet = xml::read_stylesheet(*css, diags);
            if (!d || !sheet) { std::cerr << "cannot parse the seed or the style\n"; return 2; }
            if (text_kind == "generated") grow(*d, repeat);
            const auto styled = style::apply_styles(*d, *sheet, diags);
            text::FontSet fonts;
            for (auto breaker : {layout::Breaker::total_fit, layout::Breaker::first_fit}) {
                Figures f;
                line_figures(styled, fonts, hyph, breaker, f);
                const bool kp = breaker == layout::Breaker::total_fit;
                if (kp) pagination_figures(styled, fonts, hyph, f);
                if (kp && (f.overfull != 0 || f.hyphen_runs != 0)) ok = false;
                for (const auto& l : f.lonely) lonely.push_back(text_kind + "/" + style_name + ": " + l);
                table << "| " << text_kind << " | " << style_name << " | " << (kp ? "Knuth-Plass" : "first fit (baseline)")
                      << " | " << f.lines << " | " << f.justified << " | "
                      << fmt(f.justified ? f.sum_abs_ratio / static_cast<double>(f.justified) : 0) << " | " << f.loose
                      << " | " << f.very_loose << " | " << f.overfull << " | " << f.hyphenated << " | " << f.hyphen_runs << " | "
                      << (kp ? std::to_string(f.widows) : std::string("–")) << " | "
                      << (kp ? std::to_string(f.orphans) : std::string("–")) << " |\n";
            }
        }
    }
    std::string report = table.str();
    if (!lonely.empty()) {
        report += "\nWidows and orphans left (pagination found no better break):\n\n";
        for (const auto& l : lonely) report += "- " + l + "\n";
    }
    std::cout << report;
    if (!results.empty()) {
        const std::string begin = "<!-- typography:begin -->", end = "<!-- typography:end -->";
        std::string old;
        if (std::ifstream in(results); in) { std::ostringstream s; s << in.rdbuf(); old = s.str(); }
        std::string section = begin;
        section += "\n## Typography\n\nMeasured by `folio_typography_bench` (bench/typography.cpp), ";
        section += "generated text = the seed's sentences shuffled into " + std::to_string(repeat);
        section += " times as many paragraphs. Ratios are Knuth-Plass adjustment ratios (0 = natural spacing).\n\n";
        section += report + end;
        const auto b = old.find(begin), e = old.find(end);
        if (b != std::string::npos && e != std::string::npos && e > b) old.replace(b, e + end.size() - b, section);
        else old += (old.empty() || old.back() == '\n' ? "" : "\n") + std::string(old.empty() ? "" : "\n") + section + "\n";
        std::ofstream(results) << old;
    }
    return ok ? 0 : 1;
}
