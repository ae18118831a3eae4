// Cutting the styled tree into units (units.hpp).
// Control flow, in three steps (the fourth, after pagination, is fill_pages.cpp):
//   1. plan (once per document): a walk that only records each paragraph and its width;
//   2. lay_out_blocks: the paragraphs the InlineCache lacks for these page numbers are laid out
//      (inline_*.cpp) on every core, each thread with its own WordCache, gathered in plan order;
//   3. the walk proper, depth-first, keeping the collapsed margin, the stack of boxed containers,
//      a pending list marker and a pending forced break; each line of a text block becomes a unit
//      (referring to its line in the cache: a late item) whose `break_after` encodes the
//      pagination rules:
//   - orphans and widows: a break after line i of n is allowed only if i+1 >= orphans and
//     n-(i+1) >= widows;
//   - keep-with-next (headings always) and keep-together: no break inside or after the block;
// figures, rows of them and floats: figure_layout.cpp, float_flow.cpp; the contents are one unit per entry;
// boxed containers add spacer units for their padding, and the paginator paints their boxes.

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdio>
#include <thread>
#include <tuple>

#include "core/jobs.hpp"
#include "core/utf8.hpp"
#include "layout/contents_entry.hpp"
#include "layout/inline.hpp"
#include "layout/line_fit.hpp"
#include "layout/paginate.hpp"
#include "layout/float_flow.hpp"
#include "layout/placement.hpp"
#include "layout/table_layout.hpp"
#include "layout/units.hpp"

namespace folio::layout {

using doc::NodeId;
using doc::NodeKind;
using style::ComputedStyle;

namespace {

/// Lays out the paragraphs of the plan at indices `todo` into `cache.laid`, in chunks taken in
/// plan order from core::Jobs: on worker threads (one per core but the calling thread's, at most
/// `cache.threads` in all, when the fonts are thread-safe) and on the calling thread whenever it
/// helps. Each thread has its own WordCache; each paragraph its own diagnostics, given out in
/// document order once the pages are filled, so the outcome is the same whatever the number of
/// threads.
class ParagraphPool {
public:
    ParagraphPool(const realize::RealizedDocument& realized, text::FontProvider& fonts,
                  const text::Hyphenator* hyphenator, const PageMap& pages, std::vector<std::size_t> todo,
                  InlineCache& cache)
        : m_realized(realized), m_fonts(fonts), m_hyphenator(hyphenator), m_pages(pages), m_todo(std::move(todo)),
          m_cache(cache), m_ready(cache.plan->size()),
          m_jobs(helpers(cache, fonts, m_todo.size()), (m_todo.size() + chunk - 1) / chunk,
                 [this](std::size_t index, unsigned worker) { lay_out_chunk(index, worker); }) {}
    ParagraphPool(const ParagraphPool&) = delete;
    ParagraphPool& operator=(const ParagraphPool&) = delete;

    /// True when paragraph `job` (a plan index) is laid out.
    [[nodiscard]] bool ready(std::size_t job) const { return m_ready[job].load(std::memory_order_acquire); }

    /// Lays out the next chunk on the calling thread; false when none was left.
    bool help() { return m_jobs.help(); }

    /// Lays out every chunk nobody has taken, then waits for the workers.
    void finish() { m_jobs.finish(); }

private:
    static constexpr std::size_t chunk = 16;  ///< paragraphs taken at a time: few atomics, even shares

    /// The threads beside the caller for `count` paragraphs, each with a WordCache of its own.
    static std::size_t helpers(InlineCache& cache, const text::FontProvider& fonts, std::size_t count) {
        const unsigned threads = threads_for(cache.threads, fonts, count, 64);
        while (cache.words.size() < threads) cache.words.push_back(std::make_unique<WordCache>());
        return threads - 1;
    }

    /// Lays out chunk `index` of the paragraphs with the WordCache of `worker`.
    void lay_out_chunk(std::size_t index, unsigned worker) {
        const std::size_t from = index * chunk;
        const std::vector<InlineJob>& plan = *m_cache.plan;
        for (std::size_t i = from; i < std::min(from + chunk, m_todo.size()); ++i) {
            const std::size_t k = m_todo[i];
            const InlineJob& j = plan[k];
            core::Diagnostics diags;
            InlineResult laid = layout_inline(m_realized, j.block, j.inlines, j.width, j.indent, m_fonts, diags,
                                              m_hyphenator, &m_pages, Breaker::total_fit,
                                              m_cache.words[worker].get(), j.narrow);
            // (constructed in place: its lines keep the WordCache's memory)
            m_cache.laid[k].emplace(CachedInline{std::move(laid), std::move(diags)});
            m_ready[k].store(true, std::memory_order_release);
        }
    }

    const realize::RealizedDocument& m_realized;
    text::FontProvider& m_fonts;
    const text::Hyphenator* m_hyphenator;
    const PageMap& m_pages;
    std::vector<std::size_t> m_todo;
    InlineCache& m_cache;
    std::vector<std::atomic<bool>> m_ready;  ///< by plan index
    core::Jobs m_jobs;                       ///< last: its threads use the members above
};


class Builder final : public FloatHost {
public:
    /// A walk that cuts units into `out`. In the planning walk (`plan` given) it only records the
    /// paragraphs; with a `pool`, the paragraphs are still being laid out and the walk waits for
    /// each, helping the pool meanwhile and giving the `pager` the units that are final.
    Builder(const realize::RealizedDocument& realized, text::FontProvider& fonts,
            double column_width, double full_width, InlineCache& cache, UnitList& out,
            std::vector<InlineJob>* plan, ParagraphPool* pool = nullptr, Pager* pager = nullptr)
        : m_realized(realized), m_styled(realized.styled()), m_doc(realized.doc()), m_fonts(fonts),
          m_column_width(column_width), m_full_width(full_width), m_cache(cache), m_out(out),
          m_plan(plan), m_pool(pool), m_pager(pager) {}

    void run(std::size_t expected_units = 0) {
        m_out.units.reserve(expected_units);
        m_out.late.reserve(expected_units);
        const auto& kids = m_doc.node(m_doc.root()).children;
        for (std::size_t i = 0; i < kids.size(); ++i) {
            // With a cover, the title and subtitle are on it and not repeated in the body.
            if (m_doc.meta.cover.present && is_title_part(kids[i])) continue;
            block(kids[i], 0, m_column_width);
        }
        clear_float(*this);
    }

    /// The planning walk lays the paragraphs beside a float out at once, as the later walks will.
    void lay_out_now_with(const text::Hyphenator* h, const PageMap* pages) { m_floats.hyphenator = h; m_floats.pages = pages; }

private:
    bool is_title_part(NodeId id) const {
        const auto& n = m_doc.node(id);
        if (n.kind == NodeKind::heading && n.level == 1) return true;
        return n.kind == NodeKind::paragraph && (" " + n.classes + " ").find(" subtitle ") != std::string::npos &&
               n.parent == m_doc.root();
    }

    // ---- units --------------------------------------------------------------------------------
    Unit& push(Unit u) override {
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

    void add_margin(double m) override { m_margin = std::max(m_margin, m); }
    // ---- floats (float_flow.hpp) ----
    FloatArea& float_area() override { return m_floats.area; }
    void keep_open(bool open) override {
        if (open) m_open_keeps.push_back(m_out.units.size() - 1); else m_open_keeps.pop_back();
    }
    bool float_decision(NodeId id, bool floats) override {
        if (m_plan == nullptr) return std::find(m_cache.floats.begin(), m_cache.floats.end(), id) != m_cache.floats.end();
        if (floats) m_cache.floats.push_back(id);
        return floats;
    }
    void next_lines(NarrowLines narrow) override { m_floats.narrow = narrow; m_floats.now = true; }
    Unit& unit(std::size_t index) override { return m_out.units[index]; }
    void push_spacer(Unit u) override {
        u.span = m_floats.area.span;  // (the rest of a spanning float's height spans too)
        const double margin = std::exchange(m_margin, 0);
        push(std::move(u));
        m_margin = margin;
    }
    [[nodiscard]] double max_figure_height() const override { return m_max_figure_height; }

    /// Gives `u` a late item (a unit's late items are added together, before it is pushed).
    void add_late(Unit& u, const LateItems& late) override {
        if (u.late_count == 0) u.first_late = static_cast<std::uint32_t>(m_out.late.size());
        m_out.late.push_back(late);
        ++u.late_count;
    }

    void add_late_item(Unit& u, Item item) override {
        add_late(u, {LateItems::Kind::item, doc::no_node, static_cast<std::uint32_t>(m_out.late_items.size()), 0, 0, 0, 0});
        m_out.late_items.push_back(std::move(item));
    }

    /// Line `index` of the paragraph inline_lines gave last, as a late item of `u`, its top at `top`.
    void add_line(Unit& u, NodeId block, std::size_t index, double left, double top) {
        add_late(u, {LateItems::Kind::line, block, static_cast<std::uint32_t>(m_job), static_cast<std::uint32_t>(index),
                     left, top, 0});
    }

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
        if (st.placement.page && !m_placing) return placed(id);
        if (m_floats.area.active && n.kind != NodeKind::paragraph) clear_float(*this);  // (float_flow.hpp)
        const bool was_span = m_span;
        if ((st.column_span_all || spans_beside_float(m_floats.area, std::max(m_margin, st.margin_top))) && !m_span) {
            m_span = true;
            left = 0;
            width = m_full_width;
        }
        if (n.kind == NodeKind::figure && start_float(*this, id, left, width)) {
            m_floats.area.span = m_span;  // (the text beside a spanning float spans with it)
            m_span = was_span;
            return;
        }
        if (st.break_before != style::Break::none) m_break = std::max(m_break, st.break_before);
        if (!st.page.empty()) m_master = st.page;
        add_margin(st.margin_top);
        // (deep nesting stops indenting rather than run out of the column: line_fit.hpp)
        const auto [margin_left, margin_right] =
            fitted_margins(st.margin_left, st.margin_right, width, std::min(width, m_column_width / 3));
        const double inner_left = left + margin_left;
        const double inner_width = width - margin_left - margin_right;
        switch (n.kind) {
            case NodeKind::heading: text_block(id, n.children, inner_left, inner_width); break;
            case NodeKind::paragraph:
            case NodeKind::caption: text_block(id, n.children, inner_left, inner_width); break;
            case NodeKind::figure: lay_out_figure(*this, id, inner_left, inner_width); break;
            case NodeKind::figure_row: lay_out_figure_row(*this, id, inner_left, inner_width); break;
            case NodeKind::list: list(id, inner_left, inner_width); break;
            case NodeKind::contents: contents(id, inner_left, inner_width); break;
            case NodeKind::table: lay_out_table(*this, id, inner_left, inner_width); break;
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
            case NodeKind::line_break:  // inline kinds never reach here, nor a table's parts
            case NodeKind::table_column: case NodeKind::table_head: case NodeKind::table_body:
            case NodeKind::table_foot: case NodeKind::table_row: case NodeKind::header_cell:
            case NodeKind::data_cell: break;
        }
        add_margin(st.margin_bottom);
        if (st.break_after != style::Break::none) m_break = std::max(m_break, st.break_after);
        m_span = was_span;
    }

    /// A block at a fixed spot of a page (placement.hpp): cut alone at its width into one unit;
    /// the flow's margin, boxes and columns go on around it.
    void placed(NodeId id) {
        const auto saved = std::make_tuple(m_margin, m_boxes, m_span);
        const std::size_t first = m_out.units.size(), late = m_out.late.size();
        std::tie(m_margin, m_span, m_placing) = std::make_tuple(0.0, false, true);
        m_boxes.clear();
        m_open_keeps.push_back(first);  // (the pager waits for the merged unit)
        block(id, 0, placement_width(m_styled, id));
        m_open_keeps.pop_back();
        merge_placed(m_styled, id, first, late, m_out, [this](const LateItems& l) { return line_width(l.ref, l.index); });
        std::tie(m_margin, m_boxes, m_span) = saved;
        m_placing = false;
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
        if (st.keep_together) m_open_keeps.push_back(m_out.units.size());  // its units change at its end
        Unit top;
        top.height = inset;
        top.break_after = false;
        top.block = id;
        top.starts_block = true;
        push(std::move(top));
        const std::size_t first = m_out.units.size();
        children(id, left + inset + st.border_left_width, width - 2 * inset - st.border_left_width);
        clear_float(*this);
        Unit bottom;
        bottom.height = m_margin + inset;  // the last child's bottom margin stays inside the box
        m_margin = 0;
        bottom.block = id;
        push(std::move(bottom));
        if (st.keep_together) {
            for (std::size_t i = first - 1; i + 1 < m_out.units.size(); ++i) m_out.units[i].break_after = false;
            m_open_keeps.pop_back();
        }
        m_boxes.pop_back();
    }

    void list(NodeId id, double left, double width) {
        const ComputedStyle& st = m_styled.style(id);
        // The markers stand in the list's margin and indent, which grow to hold the widest.
        const double indent = fitted_margins(std::max(st.margin_left > 0 ? 0 : 1.5 * st.font_size,
                                                      widest_marker(id) - st.margin_left),
                                             0, width, std::min(width, m_column_width / 3)).first;
        for (NodeId item : m_doc.node(id).children) {
            m_marker = core::decode_utf8(m_realized.marker(item)).text;
            m_marker_node = item;
            block(item, left + indent, width - indent);
        }
        m_marker.clear();
    }

    void contents(NodeId id, double left, double width) {
        const auto& title_style = m_styled.named_style("toc-title");
        const auto& entry_style = m_styled.named_style("toc-entry");
        // the title, a unit per line (a title longer than the line wraps: contents_entry.hpp)
        const auto title_lines = wrap_display_text(core::decode_utf8(m_doc.node(id).label).text, width, title_style,
                                                   font_of(title_style, m_fonts), m_fonts);
        for (std::size_t k = 0; k < title_lines.size(); ++k) {
            Unit title;
            title.block = id;
            title.starts_block = k == 0;
            title.break_after = title_lines.size() > 3 && k + 1 < title_lines.size();
            if (k == 0) title.items.emplace_back(Anchor{{left, 0}, id});
            title.height = title_style.font_size * title_style.line_height;
            title.items.emplace_back(
                run_of(core::to_utf8(title_lines[k]), title_style, m_fonts, left, baseline(title_style, m_fonts), id));
            push(std::move(title));
        }
        add_margin(title_style.margin_bottom);
        // one entry per section title of level 2 and 3, made when the pages are known
        const double height = entry_style.font_size * entry_style.line_height;
        for (NodeId h = 0; h < m_doc.nodes.size(); ++h) {
            const auto& n = m_doc.node(h);
            if (n.kind != NodeKind::heading || n.level < 2 || n.level > 3) continue;
            // A unit per line of the entry (a long title wraps); a short entry stays together.
            const std::size_t lines = contents_entry_lines(m_styled, m_fonts, h, width);
            for (std::size_t k = 0; k < lines; ++k) {
                Unit u;
                u.block = id;
                u.height = height;
                u.break_after = k + 1 == lines || lines > 3;
                add_late(u, {LateItems::Kind::contents_entry, id, h, static_cast<std::uint32_t>(k), left, 0, width});
                push(std::move(u));
            }
        }
    }

    void text_block(NodeId id, const std::vector<NodeId>& inlines, double left, double width) {
        const ComputedStyle& st = m_styled.style(id);
        const bool heading = m_doc.node(id).kind == NodeKind::heading;
        // Beside a float, the first lines are shorter (float_flow.hpp).
        const double pitch = st.font_size * st.line_height;
        if (m_floats.area.active && lines_beside(m_floats.area, m_margin, pitch) == 0) clear_float(*this);
        const bool beside = m_floats.area.active;
        const double shift = beside && m_floats.area.side == style::FloatSide::left ? m_floats.area.indent : 0;
        if (beside) next_lines({lines_beside(m_floats.area, m_margin, pitch), width - m_floats.area.indent});
        const auto& lines = inline_lines(id, inlines, width, st.text_indent);
        if (lines.empty()) return;
        const int n = static_cast<int>(lines.size());
        const bool keep_all = heading || st.keep_with_next;
        for (int i = 0; i < n; ++i) {
            const auto& line = lines[static_cast<std::size_t>(i)];
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
            if (m_floats.area.active && static_cast<std::uint32_t>(i) >= m_floats.narrowed) clear_float(*this);
            add_line(u, id, static_cast<std::size_t>(i),
                     static_cast<std::uint32_t>(i) < m_floats.narrowed ? left + shift : left, 0);
            pass_float(*this, push(std::move(u)));
        }
    }

    /// The lines of a block's inline content, laid out by a ParagraphPool before or during this walk:
    /// the walk meets the paragraphs in the plan's order. In the planning walk: records the
    /// request.
    const std::pmr::vector<Line>& inline_lines(NodeId block, const std::vector<NodeId>& inlines, double width,
                                               double indent) override {
        const NarrowLines narrow = std::exchange(m_floats.narrow, {});
        const bool now = std::exchange(m_floats.now, false);
        m_floats.narrowed = 0;
        if (inlines.empty()) return m_none;
        if (m_plan != nullptr) {
            m_plan->push_back({block, inlines, width, indent, narrow});
            m_floats.narrowed = narrow.count;
            if (!now) return m_none;
            core::Diagnostics ignored;  // (given out by the later walks)
            return m_floats.laid_now.emplace_back(layout_inline(m_realized, block, inlines, width, indent, m_fonts, ignored,
                                                                m_floats.hyphenator, m_floats.pages, Breaker::total_fit,
                                                                nullptr, narrow)).lines;
        }
        m_job = m_next_job++;
        assert(m_job < m_cache.plan->size() && (*m_cache.plan)[m_job].inlines == inlines);
        if (m_pool != nullptr) {
            // Paragraphs are laid out in plan order on other threads: while this one is not,
            // paginate what is final, else lay out paragraphs here.
            while (!m_pool->ready(m_job)) {
                if (m_pager != nullptr && m_pager->advance(final_units())) continue;
                if (!m_pool->help()) std::this_thread::yield();
            }
        }
        m_floats.narrowed = (*m_cache.plan)[m_job].narrow.count;
        return m_cache.laid[m_job]->result.lines;
    }

    // ---- the table layout's host (table_layout.hpp) -------------------------------------------------
    [[nodiscard]] std::uint32_t last_job() const override { return static_cast<std::uint32_t>(m_job); }
    [[nodiscard]] double line_width(std::uint32_t job, std::uint32_t i) const override { return m_plan ? 0 : m_cache.laid[job]->result.lines[i].width; }
    [[nodiscard]] const realize::RealizedDocument& realized() const override { return m_realized; }
    text::FontProvider& fonts() override { return m_fonts; }
    [[nodiscard]] std::size_t unit_count() const override { return m_out.units.size(); }
    Unit& last_unit() override { return m_out.units.back(); }
    core::Diagnostics* notes() override { return m_plan != nullptr ? &m_cache.notes : nullptr; }
    void box(NodeId id, double left, double width, bool open) override {
        if (open) m_out.boxes[id] = {left, width, 0};
        if (open) m_boxes.push_back(id); else m_boxes.pop_back();
    }

    /// How many units will not change any more: all but those of a keep-together box still open
    /// (whose units lose their breaks when it closes).
    [[nodiscard]] std::size_t final_units() const {
        return m_open_keeps.empty() ? m_out.units.size() : m_open_keeps.front();
    }

    /// Anchors for a block's first unit: the block itself, and its section if it is the title.
    void anchors(Unit& u, NodeId id, double left) {
        u.items.emplace_back(Anchor{{left, 0}, id});
        const auto& n = m_doc.node(id);
        if (n.kind == NodeKind::heading && n.parent != doc::no_node && m_doc.node(n.parent).kind == NodeKind::section) {
            u.items.emplace_back(Anchor{{left, 0}, n.parent});
        }
    }

    /// The width of the widest marker of list `id` with the gap after it.
    double widest_marker(NodeId id) {
        double widest = 0;
        for (NodeId item : m_doc.node(id).children) {
            const ComputedStyle& st = m_styled.style(item);
            const GlyphRun run = run_of(m_realized.marker(item), st, m_fonts, 0, 0, item);
            widest = std::max(widest, run.width + 0.5 * st.font_size);
        }
        return widest;
    }

    void place_marker(Unit& u, const Line& line, double left) {
        const ComputedStyle& st = m_styled.style(m_marker_node);
        GlyphRun run = run_of(core::to_utf8(m_marker), st, m_fonts, 0, line.ascent, m_marker_node);
        run.origin.x = left - run.width - 0.5 * st.font_size;
        u.items.emplace_back(std::move(run));
        m_marker.clear();
    }

    const realize::RealizedDocument& m_realized;
    const style::StyledDocument& m_styled;
    const doc::Document& m_doc;
    text::FontProvider& m_fonts;
    double m_column_width;
    double m_full_width;
    InlineCache& m_cache;
    UnitList& m_out;
    std::vector<InlineJob>* m_plan;  ///< non-null in the planning walk
    FloatState m_floats;             ///< the float the walk is beside, and its paragraphs (float_flow.hpp)
    std::size_t m_next_job = 0;      ///< the plan index of the next paragraph the walk meets
    std::size_t m_job = 0;           ///< that of the last one it met
    std::pmr::vector<Line> m_none;  ///< the lines of an empty block, and of every block while planning
    double m_max_figure_height = m_styled.page.content_box().height * 0.8;
    ParagraphPool* m_pool;
    Pager* m_pager;
    std::vector<std::size_t> m_open_keeps;  ///< first unit of each open keep-together box
    double m_margin = 0;
    std::vector<NodeId> m_boxes;
    std::u32string m_marker;
    NodeId m_marker_node = doc::no_node;
    style::Break m_break = style::Break::none;
    std::string m_master;
    bool m_span = false;
    bool m_placing = false;  ///< inside a positioned block
};

/// 1. Which paragraphs, at which widths: a walk that only records them, once (the widths depend
/// on the tree and the styles, never on pages).
void plan_paragraphs(const realize::RealizedDocument& realized, text::FontProvider& fonts, const text::Hyphenator* hyphenator,
                     double column_width, double full_width, const PageMap& pages, InlineCache& cache) {
    if (cache.plan) return;
    UnitList scratch;
    Builder planner(realized, fonts, column_width, full_width, cache, scratch, &cache.plan.emplace());
    planner.lay_out_now_with(hyphenator, &pages);
    planner.run();
}

/// The same number of lines of the same heights: what pagination sees of a block.
bool same_geometry(const InlineResult& a, const InlineResult& b) {
    return std::equal(a.lines.begin(), a.lines.end(), b.lines.begin(), b.lines.end(),
                      [](const Line& x, const Line& y) { return x.height == y.height; });
}

}  // namespace

bool lay_out_blocks(const realize::RealizedDocument& realized, text::FontProvider& fonts,
                    const text::Hyphenator* hyphenator, double column_width, double full_width,
                    const PageMap& pages, InlineCache& cache) {
    plan_paragraphs(realized, fonts, hyphenator, column_width, full_width, pages, cache);
    // 2. Lay out the ones not kept from an earlier call, on every core. Blocks that change with
    //    page numbers are kept only while the page numbers they were set with stay the same.
    if (cache.laid_pages.has_value() && *cache.laid_pages == pages) return true;
    const std::vector<InlineJob>& plan = *cache.plan;
    cache.laid.resize(plan.size());
    std::vector<std::size_t> todo;
    for (std::size_t k = 0; k < plan.size(); ++k) {
        if (!cache.laid[k] || cache.changes_with_pages(plan[k].block)) todo.push_back(k);
    }
    const bool first = !cache.laid_pages.has_value();
    std::vector<std::optional<CachedInline>> before;
    if (!first) {
        before.reserve(todo.size());
        for (std::size_t k : todo) before.push_back(std::move(cache.laid[k]));
    }
    cache.laid_pages = pages;
    ParagraphPool(realized, fonts, hyphenator, pages, todo, cache).finish();
    if (first) return false;
    for (std::size_t i = 0; i < todo.size(); ++i) {
        if (!before[i] || !same_geometry(before[i]->result, cache.laid[todo[i]]->result)) return false;
    }
    return true;
}

void build_units(const realize::RealizedDocument& realized, text::FontProvider& fonts, const text::Hyphenator* hyphenator,
                 double column_width, double full_width, const PageMap& pages, InlineCache& cache, UnitList& out,
                 Pager* pager) {
    plan_paragraphs(realized, fonts, hyphenator, column_width, full_width, pages, cache);
    if (cache.laid_pages.has_value()) {
        // 2. Lay out what the cache lacks for these page numbers, then 3. walk.
        lay_out_blocks(realized, fonts, hyphenator, column_width, full_width, pages, cache);
        if (cache.units_hint == 0) {
            for (const auto& laid : cache.laid) cache.units_hint += laid ? laid->result.lines.size() : 0;
            cache.units_hint += cache.units_hint / 8;
        }
        Builder(realized, fonts, column_width, full_width, cache, out, nullptr, nullptr, pager)
            .run(cache.units_hint);
    } else {
        // The first time, 2. and 3. overlap: the walk follows the paragraphs as they are laid out,
        // and the pager the walk, so cutting and paginating use the time a core would wait.
        const std::size_t count = cache.plan->size();
        std::vector<std::size_t> all(count);
        for (std::size_t k = 0; k < count; ++k) all[k] = k;
        cache.laid.resize(count);
        cache.laid_pages = pages;
        ParagraphPool pool(realized, fonts, hyphenator, pages, std::move(all), cache);
        Builder(realized, fonts, column_width, full_width, cache, out, nullptr, &pool, pager)
            .run(count * 3);
        pool.finish();
    }
    cache.units_hint = out.units.size();
}

}  // namespace folio::layout
