// Cutting the styled tree into units (units.hpp).
//
// Control flow, in three steps:
//   1. plan (once per document): a walk that only records each paragraph and its width;
//   2. lay_out_blocks: the paragraphs the InlineCache lacks for these page numbers are laid out
//      (inline.cpp) on every core, each thread with its own WordCache, gathered in plan order;
//   3. the walk proper, depth-first, keeping the collapsed margin, the stack of boxed containers,
//      a pending list marker and a pending forced break; each line of a text block becomes a unit
//      (with its glyph runs, unless only geometry is asked for) whose `break_after` encodes the
//      pagination rules:
//   - orphans and widows: a break after line i of n is allowed only if i+1 >= orphans and
//     n-(i+1) >= widows;
//   - keep-with-next (headings always) and keep-together: no break inside or after the block;
// figures (image plus caption) are single deferrable units; the contents are one unit per entry;
// boxed containers add spacer units for their padding, and the paginator paints their boxes.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include "core/utf8.hpp"
#include "layout/inline.hpp"
#include "layout/units.hpp"

namespace folio::layout {

using doc::NodeId;
using doc::NodeKind;
using style::ComputedStyle;

/// Reads the pixel size of a PNG or JPEG from its header; nullopt when it is neither.
std::optional<core::Size> image_size(const std::string& path) {
    // The whole file, up to 32 MB: a JPEG's frame header can follow a large ICC profile.
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    const auto size = static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg()));
    in.seekg(0);
    std::string head(std::min<std::size_t>(size, 32u << 20), '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    auto u8 = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(head[i])); };
    if (head.size() >= 24 && head.compare(1, 3, "PNG") == 0) {
        const double w = (u8(16) << 24) | (u8(17) << 16) | (u8(18) << 8) | u8(19);
        const double h = (u8(20) << 24) | (u8(21) << 16) | (u8(22) << 8) | u8(23);
        if (w > 0 && h > 0) return core::Size{w, h};
    }
    if (head.size() > 4 && u8(0) == 0xFF && u8(1) == 0xD8) {
        for (std::size_t i = 2; i + 9 < head.size();) {
            if (u8(i) != 0xFF) return std::nullopt;
            const unsigned marker = u8(i + 1);
            const std::size_t len = (u8(i + 2) << 8) | u8(i + 3);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return core::Size{double((u8(i + 7) << 8) | u8(i + 8)), double((u8(i + 5) << 8) | u8(i + 6))};
            }
            i += 2 + len;
        }
    }
    return std::nullopt;
}

namespace {

std::string roman(int n, bool upper) {
    static constexpr std::pair<int, const char*> table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                            {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                            {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    std::string out;
    for (const auto& [value, digits] : table) {
        for (; n >= value; n -= value) out += digits;
    }
    if (upper) std::transform(out.begin(), out.end(), out.begin(), [](char c) { return static_cast<char>(c - 32); });
    return out;
}

std::string alpha(int n, bool upper) {
    std::string out;
    for (; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>((upper ? 'A' : 'a') + (n - 1) % 26));
    return out;
}

}  // namespace

/// The marker of list item `n` (1-based) in a list style.
std::string list_marker(style::ListStyle s, int n) {
    switch (s) {
        case style::ListStyle::disc: return "\u2022";
        case style::ListStyle::circle: return "\u25E6";
        case style::ListStyle::square: return "\u25AA";
        case style::ListStyle::dash: return "\u2013";
        case style::ListStyle::decimal: return std::to_string(n) + ".";
        case style::ListStyle::lower_alpha: return alpha(n, false) + ".";
        case style::ListStyle::upper_alpha: return alpha(n, true) + ".";
        case style::ListStyle::lower_roman: return roman(n, false) + ".";
        case style::ListStyle::upper_roman: return roman(n, true) + ".";
        case style::ListStyle::none: return "";
    }
    return "";
}

namespace {

/// Lays out `jobs` into the cache: on one thread per core (at most `cache.threads` when set) if
/// the fonts are thread-safe, else on this one. Each thread has its own WordCache; each job its
/// own diagnostics, given out when its units are made, so the outcome is the same whatever the
/// number of threads.
void lay_out_paragraphs(const style::StyledDocument& styled, text::FontProvider& fonts,
                        const text::Hyphenator* hyphenator, const PageMap& pages, const std::vector<InlineJob>& jobs,
                        InlineCache& cache) {
    unsigned threads = cache.threads != 0 ? cache.threads : std::max(1u, std::thread::hardware_concurrency());
    if (!fonts.thread_safe()) threads = 1;
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, jobs.size() / 64)));
    while (cache.words.size() < threads) cache.words.push_back(std::make_unique<WordCache>());
    std::vector<CachedInline> results(jobs.size());
    std::atomic<std::size_t> next{0};
    auto work = [&](unsigned t) {
        constexpr std::size_t chunk = 16;  // paragraphs taken at a time: few atomics, even shares
        for (std::size_t from; (from = next.fetch_add(chunk)) < jobs.size();) {
            for (std::size_t i = from; i < std::min(from + chunk, jobs.size()); ++i) {
                const InlineJob& j = jobs[i];
                results[i].result = layout_inline(styled, j.block, j.inlines, j.width, j.indent, fonts,
                                                  results[i].diagnostics, hyphenator, &pages, Breaker::total_fit,
                                                  cache.words[t].get());
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        cache.results_for(jobs[i].block).insert_or_assign(jobs[i].inlines.front(), std::move(results[i]));
    }
}

class Builder {
public:
    Builder(const style::StyledDocument& styled, text::FontProvider& fonts, core::Diagnostics& diags,
            const text::Hyphenator* hyphenator, double column_width, double full_width, const PageMap& pages,
            InlineCache& cache, std::vector<InlineJob>* plan, UnitContent content)
        : m_styled(styled), m_doc(styled.doc()), m_fonts(fonts), m_diags(diags), m_hyphenator(hyphenator),
          m_column_width(column_width), m_full_width(full_width), m_pages(pages), m_cache(cache), m_plan(plan),
          m_content(content) {}

    UnitList run(std::size_t expected_units = 0) {
        m_out.units.reserve(expected_units);
        const auto& kids = m_doc.node(m_doc.root()).children;
        for (std::size_t i = 0; i < kids.size(); ++i) {
            // With a cover, the title and subtitle are on it and not repeated in the body.
            if (m_doc.meta.cover.present && is_title_part(kids[i])) continue;
            block(kids[i], 0, m_column_width);
        }
        return std::move(m_out);
    }

private:
    bool is_title_part(NodeId id) const {
        const auto& n = m_doc.node(id);
        if (n.kind == NodeKind::heading && n.level == 1) return true;
        return n.kind == NodeKind::paragraph && (" " + n.classes + " ").find(" subtitle ") != std::string::npos &&
               n.parent == m_doc.root();
    }

    // ---- units --------------------------------------------------------------------------------
    Unit& push(Unit u) {
        u.space_before = m_margin;
        m_margin = 0;
        u.boxes = m_boxes;
        u.span = u.span || m_span;
        if (m_break != style::Break::none) {
            u.forced_before = m_break;
            m_break = style::Break::none;
        }
        if (!m_master.empty()) {
            u.master = m_master;
            m_master.clear();
        }
        m_out.units.push_back(std::move(u));
        return m_out.units.back();
    }

    void add_margin(double m) { m_margin = std::max(m_margin, m); }

    // ---- blocks -------------------------------------------------------------------------------
    void children(NodeId id, double left, double width) {
        const auto& kids = m_doc.node(id).children;
        std::vector<NodeId> inlines;
        for (NodeId c : kids) {
            if (doc::is_inline(m_doc.node(c).kind)) {
                inlines.push_back(c);
                continue;
            }
            if (!inlines.empty()) { text_block(id, inlines, left, width); inlines.clear(); }
            block(c, left, width);
        }
        if (!inlines.empty()) text_block(id, inlines, left, width);
    }

    void block(NodeId id, double left, double width) {
        const auto& n = m_doc.node(id);
        const ComputedStyle& st = m_styled.style(id);
        if (st.break_before != style::Break::none) m_break = std::max(m_break, st.break_before);
        if (!st.page.empty()) m_master = st.page;
        const bool was_span = m_span;
        if (st.column_span_all && !m_span) {
            m_span = true;
            left = 0;
            width = m_full_width;
        }
        add_margin(st.margin_top);
        const double inner_left = left + st.margin_left;
        const double inner_width = width - st.margin_left - st.margin_right;
        switch (n.kind) {
            case NodeKind::heading: text_block(id, n.children, inner_left, inner_width); break;
            case NodeKind::paragraph:
            case NodeKind::caption: text_block(id, n.children, inner_left, inner_width); break;
            case NodeKind::figure: figure(id, inner_left, inner_width); break;
            case NodeKind::list: list(id, inner_left, inner_width); break;
            case NodeKind::contents: contents(id, inner_left, inner_width); break;
            case NodeKind::explicit_break:
                m_break = std::max(m_break, n.text == "column" ? style::Break::column : style::Break::page);
                break;
            case NodeKind::list_item:
            case NodeKind::section:
            case NodeKind::block_quote:
            case NodeKind::aside:
            case NodeKind::document: container(id, inner_left, inner_width); break;
            case NodeKind::text:
            case NodeKind::emphasis:
            case NodeKind::strong:
            case NodeKind::link:
            case NodeKind::line_break: break;  // inline kinds never reach here
        }
        add_margin(st.margin_bottom);
        if (st.break_after != style::Break::none) m_break = std::max(m_break, st.break_after);
        m_span = was_span;
    }

    void container(NodeId id, double left, double width) {
        const ComputedStyle& st = m_styled.style(id);
        const bool boxed = st.background || st.border_width > 0 || st.border_left_width > 0;
        if (!boxed) {
            children(id, left, width);
            return;
        }
        const double inset = st.padding + st.border_width;
        m_out.boxes[id] = {left, width, inset};
        m_boxes.push_back(id);
        Unit top;
        top.height = inset;
        top.break_after = false;
        top.block = id;
        top.starts_block = true;
        push(std::move(top));
        const std::size_t first = m_out.units.size();
        children(id, left + inset + st.border_left_width, width - 2 * inset - st.border_left_width);
        Unit bottom;
        bottom.height = m_margin + inset;  // the last child's bottom margin stays inside the box
        m_margin = 0;
        bottom.block = id;
        push(std::move(bottom));
        if (st.keep_together) {
            for (std::size_t i = first - 1; i + 1 < m_out.units.size(); ++i) m_out.units[i].break_after = false;
        }
        m_boxes.pop_back();
    }

    void list(NodeId id, double left, double width) {
        const ComputedStyle& st = m_styled.style(id);
        const double indent = st.margin_left > 0 ? 0 : 1.5 * st.font_size;
        int number = 1;
        for (NodeId item : m_doc.node(id).children) {
            m_marker = core::decode_utf8(list_marker(m_styled.style(item).list_style, number++)).text;
            m_marker_node = item;
            block(item, left + indent, width - indent);
        }
        m_marker.clear();
    }

    void figure(NodeId id, double left, double width) {
        const auto& n = m_doc.node(id);
        auto px = image_size(n.src);
        const core::Size intrinsic = px ? *px : core::Size{4, 3};
        double w = std::min(width, intrinsic.width * 0.75);  // 96 dpi natural size, at most the column
        double h = w * intrinsic.height / intrinsic.width;
        const double max_h = m_max_figure_height;
        if (h > max_h) { h = max_h; w = h * intrinsic.width / intrinsic.height; }
        Unit u;
        u.deferrable = true;
        u.break_after = true;
        u.block = id;
        u.starts_block = true;
        u.items.emplace_back(Anchor{{left, 0}, id});
        u.items.emplace_back(ImageBox{{left + (width - w) / 2, 0, w, h}, n.src, id});
        double y = h;
        for (NodeId c : n.children) {
            if (m_doc.node(c).kind != NodeKind::caption) continue;
            const ComputedStyle& cs = m_styled.style(c);
            y += cs.margin_top;
            auto& lines = inline_lines(c, m_doc.node(c).children, width, 0);
            for (auto& line : lines) {
                append_line(u, line, left, y, c);
                y += line.height;
            }
        }
        u.height = y;
        push(std::move(u));
    }

    void contents(NodeId id, double left, double width) {
        const auto& title_style = m_styled.named_style("toc-title");
        const auto& entry_style = m_styled.named_style("toc-entry");
        // title
        Unit title;
        title.block = id;
        title.starts_block = true;
        title.break_after = false;
        title.height = title_style.font_size * title_style.line_height;
        title.items.emplace_back(Anchor{{left, 0}, id});
        title.items.emplace_back(run_of(m_doc.node(id).label, title_style, left, baseline(title_style), id));
        push(std::move(title));
        add_margin(title_style.margin_bottom);
        // one entry per section title of level 2 and 3
        for (NodeId h = 0; h < m_doc.nodes.size(); ++h) {
            const auto& n = m_doc.node(h);
            if (n.kind != NodeKind::heading || n.level < 2 || n.level > 3) continue;
            const double indent = (n.level - 2) * entry_style.font_size * 1.5;
            const auto page = m_pages.find(h);
            const std::string number = page == m_pages.end() ? "00" : std::to_string(page->second + 1);
            Unit u;
            u.block = id;
            u.height = entry_style.font_size * entry_style.line_height;
            const double base = baseline(entry_style);
            GlyphRun num = run_of(number, entry_style, 0, base, id);
            num.origin.x = left + width - num.width;
            GlyphRun label = run_of(m_doc.plain_text(h), entry_style, left + indent, base, id);
            const double gap = entry_style.font_size * 0.6;
            GlyphRun dots = run_of(".", entry_style, 0, base, id);
            const double dot_w = dots.width + entry_style.font_size * 0.35;
            const double from = label.origin.x + label.width + gap;
            const double to = num.origin.x - gap;
            const int count = dot_w > 0 ? static_cast<int>((to - from) / dot_w) : 0;
            if (count > 0) {
                dots.kern.clear();  // evenly spaced leaders: letter spacing only
                dots.text.assign(static_cast<std::size_t>(count), U'.');
                dots.letter_spacing = entry_style.font_size * 0.35;
                dots.width = count * dot_w;
                dots.origin.x = to - dots.width;
            }
            u.items.emplace_back(LinkArea{{left, 0, width, u.height}, {}, h, id});
            u.items.emplace_back(std::move(label));
            if (count > 0) u.items.emplace_back(std::move(dots));
            u.items.emplace_back(std::move(num));
            push(std::move(u));
        }
    }

    void text_block(NodeId id, const std::vector<NodeId>& inlines, double left, double width) {
        const ComputedStyle& st = m_styled.style(id);
        const bool heading = m_doc.node(id).kind == NodeKind::heading;
        auto& lines = inline_lines(id, inlines, width, st.text_indent);
        if (lines.empty()) return;
        const int n = static_cast<int>(lines.size());
        const bool keep_all = heading || st.keep_with_next;
        for (int i = 0; i < n; ++i) {
            auto& line = lines[static_cast<std::size_t>(i)];
            Unit u;
            u.height = line.height;
            u.block = id;
            if (keep_all) {
                u.break_after = false;
            } else if (st.keep_together) {
                u.break_after = i == n - 1;
            } else {
                u.break_after = i == n - 1 || (i + 1 >= std::min(st.orphans, n) && n - (i + 1) >= std::min(st.widows, n));
            }
            if (i == 0) {
                u.starts_block = true;
                if (heading) u.heading = id;
                anchors(u, id, left);
                if (!m_marker.empty()) place_marker(u, line, left);
            }
            append_line(u, line, left, 0, id);
            push(std::move(u));
        }
    }

    /// The lines of a block's inline content, laid out before this walk (lay_out_paragraphs);
    /// missing characters are kept for reporting. In the planning walk: records the request.
    std::vector<Line>& inline_lines(NodeId block, const std::vector<NodeId>& inlines, double width, double indent) {
        if (inlines.empty()) return m_none;
        if (m_plan != nullptr) {
            m_plan->push_back({block, inlines, width, indent});
            return m_none;
        }
        auto& results = m_cache.results_for(block);
        auto hit = results.find(inlines.front());
        if (hit == results.end()) {  // not planned (cannot happen): lay it out here
            if (m_cache.words.empty()) m_cache.words.push_back(std::make_unique<WordCache>());
            hit = results.try_emplace(inlines.front()).first;
            hit->second.result = layout_inline(m_styled, block, inlines, width, indent, m_fonts,
                                               hit->second.diagnostics, m_hyphenator, &m_pages, Breaker::total_fit,
                                               m_cache.words.front().get());
        }
        if (m_content == UnitContent::full) m_diags.append(hit->second.diagnostics);
        for (const auto& m : hit->second.result.missing) m_out.missing.emplace_back(m, block);
        return hit->second.result.lines;
    }

    /// Anchors for a block's first unit: the block itself, and its section if it is the title.
    void anchors(Unit& u, NodeId id, double left) {
        u.items.emplace_back(Anchor{{left, 0}, id});
        const auto& n = m_doc.node(id);
        if (n.kind == NodeKind::heading && n.parent != doc::no_node && m_doc.node(n.parent).kind == NodeKind::section) {
            u.items.emplace_back(Anchor{{left, 0}, n.parent});
        }
    }

    /// The items of a line, at (left, top) of the unit: nothing in a geometry walk; in the final
    /// walk they are moved out of the cache, which is not used again.
    void append_line(Unit& u, Line& line, double left, double top, NodeId) {
        if (m_content == UnitContent::geometry) return;
        const double base = top + line.ascent;
        for (auto& r : line.runs) {
            u.items.emplace_back(std::move(r));
            auto& run = std::get<GlyphRun>(u.items.back());
            run.origin = {left + run.origin.x, base};
        }
        for (const auto& rule : line.rules) {
            FilledRect fr = rule;
            fr.rect.x += left;
            fr.rect.y += base;
            u.items.emplace_back(fr);
        }
        for (const auto& l : line.links) {
            LinkArea a = l;
            a.rect = {left + l.rect.x, top, l.rect.width, line.height};
            const auto& href = m_doc.node(l.node).href;
            if (!href.empty() && href[0] == '#') {
                a.target = m_doc.find_id(href.substr(1)).value_or(doc::no_node);
            } else {
                a.uri = href;
            }
            u.items.emplace_back(std::move(a));
        }
    }

    void place_marker(Unit& u, const Line& line, double left) {
        if (m_content == UnitContent::geometry) { m_marker.clear(); return; }
        const ComputedStyle& st = m_styled.style(m_marker_node);
        GlyphRun run = run_of(core::to_utf8(m_marker), st, 0, line.ascent, m_marker_node);
        run.origin.x = left - run.width - 0.5 * st.font_size;
        u.items.emplace_back(std::move(run));
        m_marker.clear();
    }

    [[nodiscard]] double baseline(const ComputedStyle& st) const {
        const text::FontId font = font_of(st, m_fonts);
        const auto vm = m_fonts.vertical(font);
        const double pitch = st.font_size * st.line_height;
        const double content = (vm.ascent - vm.descent) * st.font_size / 1000.0;
        return (pitch - content) / 2 + vm.ascent * st.font_size / 1000.0;
    }

    GlyphRun run_of(const std::string& text, const ComputedStyle& st, double x, double y, NodeId node) const {
        GlyphRun run;
        run.font = font_of(st, m_fonts);
        run.size = st.font_size;
        run.color = st.color;
        run.letter_spacing = st.letter_spacing;
        run.text = core::decode_utf8(text).text;
        run.width = measure_kerned(run.text, st, run.font, m_fonts, &run.kern);  // kerned like body text
        if (std::all_of(run.kern.begin(), run.kern.end(), [](std::int16_t k) { return k == 0; })) run.kern.clear();
        run.origin = {x, y};
        run.node = node;
        return run;
    }

    const style::StyledDocument& m_styled;
    const doc::Document& m_doc;
    text::FontProvider& m_fonts;
    core::Diagnostics& m_diags;
    const text::Hyphenator* m_hyphenator;
    double m_column_width;
    double m_full_width;
    const PageMap& m_pages;
    InlineCache& m_cache;
    std::vector<InlineJob>* m_plan;  ///< non-null in the planning walk
    UnitContent m_content;
    std::vector<Line> m_none;  ///< the lines of an empty block, and of every block while planning
    double m_max_figure_height = m_styled.page.content_box().height * 0.8;
    UnitList m_out;
    double m_margin = 0;
    std::vector<NodeId> m_boxes;
    std::u32string m_marker;
    NodeId m_marker_node = doc::no_node;
    style::Break m_break = style::Break::none;
    std::string m_master;
    bool m_span = false;
};

}  // namespace

namespace {

/// The same number of lines of the same heights: what pagination sees of a block.
bool same_geometry(const InlineResult& a, const InlineResult& b) {
    return std::equal(a.lines.begin(), a.lines.end(), b.lines.begin(), b.lines.end(),
                      [](const Line& x, const Line& y) { return x.height == y.height; });
}

}  // namespace

bool lay_out_blocks(const style::StyledDocument& styled, text::FontProvider& fonts,
                    const text::Hyphenator* hyphenator, double column_width, double full_width,
                    const PageMap& pages, InlineCache& cache) {
    // 1. Which paragraphs, at which widths: a walk that only records them, once (the widths
    //    depend on the tree and the styles, never on pages).
    if (!cache.plan) {
        core::Diagnostics none;
        Builder(styled, fonts, none, hyphenator, column_width, full_width, pages, cache, &cache.plan.emplace(),
                UnitContent::geometry)
            .run();
    }
    // 2. Lay out the ones not kept from an earlier call, on every core. Blocks that change with
    //    page numbers are kept only while the page numbers they were set with stay the same.
    if (cache.pass_pages.has_value() && *cache.pass_pages == pages) return true;
    std::vector<InlineJob> todo;
    for (const InlineJob& job : *cache.plan) {
        if (cache.changes_with_pages(job.block) || !cache.results.contains(job.inlines.front())) todo.push_back(job);
    }
    const bool first = !cache.pass_pages.has_value();
    auto before = std::move(cache.pass);
    cache.pass.clear();
    cache.pass_pages = pages;
    lay_out_paragraphs(styled, fonts, hyphenator, pages, todo, cache);
    if (first) return false;
    return std::all_of(todo.begin(), todo.end(), [&](const InlineJob& job) {
        const NodeId key = job.inlines.front();
        const auto old = before.find(key);
        return old != before.end() && same_geometry(old->second.result, cache.pass.at(key).result);
    });
}

UnitList build_units(const style::StyledDocument& styled, text::FontProvider& fonts, core::Diagnostics& diags,
                     const text::Hyphenator* hyphenator, double column_width, double full_width,
                     const PageMap& pages, InlineCache* cache, UnitContent content) {
    InlineCache own;
    if (cache == nullptr) cache = &own;
    lay_out_blocks(styled, fonts, hyphenator, column_width, full_width, pages, *cache);
    // 3. The real walk, with every paragraph's lines at hand (a unit per line, and a few more).
    if (cache->units_hint == 0) {
        for (const auto& [first, laid] : cache->results) cache->units_hint += laid.result.lines.size();
        for (const auto& [first, laid] : cache->pass) cache->units_hint += laid.result.lines.size();
        cache->units_hint += cache->units_hint / 8;
    }
    UnitList out = Builder(styled, fonts, diags, hyphenator, column_width, full_width, pages, *cache, nullptr, content)
                       .run(cache->units_hint);
    cache->units_hint = out.units.size();
    return out;
}

}  // namespace folio::layout
