// Inline layout, phase 4: place. Knuth-Plass (linebreak.cpp) breaks the collected items into
// lines; each line becomes glyph runs (consecutive fragments of one format merged, spaces kept
// inside the run with the justification as word spacing), link areas and underlines, aligned
// left, right, centred or justified; a line broken at a flagged penalty ends with a drawn '-'.
// Runs carry the kerns for the TJ array. Also the entry points of inline layout.

#include "layout/inline_items.hpp"
#include "layout/line_fit.hpp"

namespace folio::layout {
namespace {

using namespace inline_detail;

bool same_format(const GlyphRun& run, const Fragment& f) {
    return run.font == f.font && run.size == f.style->font_size && run.color == f.style->color &&
           run.letter_spacing == f.style->letter_spacing && run.node == f.node;
}

/// The characters of the fragments of items [begin, end), and one for a hyphen: the room a run
/// reserves once.
std::size_t characters_of(const Collected& c, std::size_t begin, std::size_t end) {
    std::size_t count = 1;
    for (std::size_t k = begin; k < end; ++k) {
        if (c.items[k].type != ItemType::penalty && c.fragment_of[k] >= 0) {
            count += c.fragments[static_cast<std::size_t>(c.fragment_of[k])].piece->text.size();
        }
    }
    return count;
}

/// Ends a line whose content reaches `x`: drops kerns that are all zero, sets its width and
/// aligns it right or centred in `width`.
void align_line(Line& line, double x, style::TextAlign align, double width) {
    for (auto& r : line.runs) {
        if (std::all_of(r.kern.begin(), r.kern.end(), [](std::int16_t k) { return k == 0; })) r.kern = {};
    }
    // Trailing spaces carry no width at a line end.
    line.width = x;
    double shift = 0;
    if (align == style::TextAlign::right) shift = width - x;
    else if (align == style::TextAlign::center) shift = (width - x) / 2;
    if (shift > 0) {
        for (auto& r : line.runs) r.origin.x += shift;
        for (auto& l : line.links) l.rect.x += shift;
    }
}

/// Builds one line from items [begin, end) plus the break item into `line` (emptied first).
void finalize_line(const Collected& c, std::size_t begin, std::size_t end, const BreakPoint& bp, bool justify,
                   bool last, style::TextAlign align, double width, double indent, Line& line) {
    line.runs.clear();
    line.links.clear();
    line.rules.clear();
    // (never below -1: word spaces do not shrink below their minimum, even on an overfull line)
    const double ratio = std::max((justify && !last) ? bp.ratio : std::min(bp.ratio, 0.0), -1.0);
    double x = indent;
    doc::NodeId link = doc::no_node;
    double link_start = 0;
    auto close_link = [&](double at) {
        if (link != doc::no_node) line.links.push_back({{link_start, 0, at - link_start, 0}, {}, doc::no_node, link});
        link = doc::no_node;
    };
    const ComputedStyle* run_style = nullptr;  // of the fragment that started the last run
    // Characters still to come on the line (a hyphen included): a new run reserves them once.
    std::size_t to_come = characters_of(c, begin, end);
    for (std::size_t k = begin; k < end; ++k) {
        const auto& item = c.items[k];
        const int fi = c.fragment_of[k];
        if (item.type == ItemType::penalty || fi < 0) {
            if (item.type == ItemType::glue) x += item.width;
            continue;
        }
        const Fragment& f = c.fragments[fi];
        const Piece& p = *f.piece;
        double advance = item.width;
        double extra = 0;
        if (item.type == ItemType::glue) {
            extra = ratio >= 0 ? ratio * item.stretch : ratio * item.shrink;
            if (!justify) extra = 0;
            advance += extra;
        }
        if (f.link != link) {
            close_link(x);
            if (f.link != doc::no_node && item.type == ItemType::box) { link = f.link; link_start = x; }
        }
        // (a fragment in the style the run was started in is in its format: most of a line)
        if (line.runs.empty() || ((f.style != run_style || f.font != line.runs.back().font ||
                                   f.node != line.runs.back().node) &&
                                  !same_format(line.runs.back(), f))) {
            if (item.type == ItemType::glue && !line.runs.empty()) {
                // a space at a format boundary belongs to the text before it
                auto& run = line.runs.back();
                run.text += U' ';
                run.kern.push_back(0);
                run.width += advance;
                if (extra != 0) run.word_spacing = extra;
                x += advance;
                continue;
            }
            GlyphRun run;
            run.font = f.font;
            run.size = f.style->font_size;
            run.color = f.style->color;
            run.letter_spacing = f.style->letter_spacing;
            run.origin = {x, 0};
            run.node = f.node;
            run.text.reserve(to_come);
            run.kern.reserve(to_come);
            line.runs.push_back(std::move(run));
            run_style = f.style;
        }
        auto& run = line.runs.back();
        to_come -= p.text.size();
        run.text += p.text;
        // kerns parallel to the text: the fragment's own, then the one across a break point,
        // which applies when the line goes on and becomes the kern to the '-' when it ends here
        if (p.kern.empty()) run.kern.resize(run.text.size(), 0);
        else run.kern.insert(run.kern.end(), p.kern.begin(), p.kern.end());
        if (item.type == ItemType::box && !p.text.empty()) {
            const BreakItem& brk = c.items[end];
            const bool ends_here = k + 1 == end;
            run.kern.back() = static_cast<std::int16_t>(
                ends_here ? (brk.type == ItemType::penalty && brk.flagged ? p.kern_hyphen : 0) : p.kern_after);
        }
        run.width += advance;
        if (extra != 0) run.word_spacing = extra;
        x += advance;
    }
    // A line broken inside a word shows the hyphen, in the format of the text before it; the
    // penalty's width also takes back the kern across the break held by the box before it.
    if (const BreakItem& brk = c.items[end];
        brk.type == ItemType::penalty && brk.penalty > -penalty_infinity && !line.runs.empty()) {
        if (brk.flagged && c.fragment_of[end] != explicit_break) {  // an explicit hyphen is drawn already
            line.runs.back().text += U'-';
            line.runs.back().kern.push_back(0);
        }
        line.runs.back().width += brk.width;
        x += brk.width;
    }
    close_link(x);
    align_line(line, x, align, width);
}

/// A line as finalize_line builds it, on the heap and kept between lines (one per thread): its
/// runs, links and rules grow one at a time, and growing them in the cache's monotonic memory
/// left every outgrown array there (about twice the runs' own size, issue 23).
Line& line_being_built() {
    thread_local Line line(std::pmr::new_delete_resource());
    return line;
}

/// `built`'s content moved into a line in `memory`, each array exactly as large as it is.
Line settled_line(Line& built, std::pmr::memory_resource* memory) {
    Line line(memory);
    line.runs.assign(std::make_move_iterator(built.runs.begin()), std::make_move_iterator(built.runs.end()));
    line.links.assign(std::make_move_iterator(built.links.begin()), std::make_move_iterator(built.links.end()));
    line.rules.assign(built.rules.begin(), built.rules.end());
    line.width = built.width;
    return line;
}

}  // namespace


/// Width in points of `s` with letter spacing and the face's kerning between its characters;
/// `kerns` (optional) receives the kern after each character in 1/1000 em (the last one 0).
double measure_kerned(const std::u32string& s, const ComputedStyle& st, text::FontId font,
                      const text::FontProvider& fonts, std::vector<std::int16_t>* kerns) {
    long units = 0;
    if (kerns) kerns->assign(s.size(), 0);
    for (std::size_t i = 0; i < s.size(); ++i) {
        units += fonts.advance(font, s[i]);
        if (i + 1 < s.size()) {
            const int k = fonts.kerning(font, s[i], s[i + 1]);
            units += k;
            if (kerns) (*kerns)[i] = static_cast<std::int16_t>(k);
        }
    }
    return static_cast<double>(units) * st.font_size / 1000.0 + st.letter_spacing * static_cast<double>(s.size());
}

text::FontId font_of(const ComputedStyle& s, text::FontProvider& fonts) {
    if (auto f = fonts.find(s.font_family, s.font_weight, s.italic)) return *f;
    return 0;
}

double measure(const std::u32string& s, const ComputedStyle& st, text::FontId font, const text::FontProvider& fonts) {
    long units = 0;
    for (char32_t c : s) units += fonts.advance(font, c);
    return static_cast<double>(units) * st.font_size / 1000.0 + st.letter_spacing * static_cast<double>(s.size());
}

std::string reference_text(const realize::Reference& reference, const PageMap* pages) {
    std::string page = "00";
    if (pages) {
        if (const auto at = pages->find(reference.target)) page = std::to_string(*at + 1);
    }
    return reference.drawn_title + reference.drawn_page + page;
}

namespace {

/// Breaks the items into lines and finalises them into `out`.
void set_lines(const Collected& c, const ComputedStyle& st, double width, double first_indent, bool justify,
               text::FontProvider& fonts, Breaker breaker, InlineResult& out, NarrowLines narrow) {
    std::vector<double> widths{width - first_indent, width};
    if (narrow.count > 0) {  // (lines beside a floating figure: #18)
        widths.assign(narrow.count, narrow.width);
        widths.front() -= first_indent;
        widths.push_back(width);
    }
    const auto measure_of = [&](std::size_t i) { return i < narrow.count ? narrow.width : width; };
    const auto breaks = breaker == Breaker::total_fit ? break_lines(c.items, widths) : break_lines_greedy(c.items, widths);

    // Line pitch from the block's own font; larger inline text would need more (later issue).
    const text::FontId font = font_of(st, fonts);
    const auto vm = fonts.vertical(font);
    const double pitch = st.font_size * st.line_height;
    const double content = (vm.ascent - vm.descent) * st.font_size / 1000.0;
    const double ascent = (pitch - content) / 2 + vm.ascent * st.font_size / 1000.0;

    std::size_t begin = 0;
    out.lines.reserve(out.lines.size() + breaks.size());  // (growing in monotonic memory wastes what it outgrows)
    for (std::size_t i = 0; i < breaks.size(); ++i) {
        while (begin < breaks[i].position && c.items[begin].type != ItemType::box) ++begin;
        const bool last = i + 1 == breaks.size() ||
                          (c.items[breaks[i].position].type == ItemType::penalty &&
                           c.items[breaks[i].position].penalty <= -penalty_infinity);
        const double indent = i == 0 ? first_indent : 0;
        Line& built = line_being_built();
        finalize_line(c, begin, breaks[i].position, breaks[i], justify, last, st.text_align, measure_of(i) - indent,
                      indent, built);
        Line line = settled_line(built, out.lines.get_allocator().resource());
        line.height = pitch;
        line.ascent = ascent;
        line.ratio = breaks[i].ratio;
        line.justified = justify && !last;
        const BreakItem& brk = c.items[breaks[i].position];
        line.hyphenated = brk.type == ItemType::penalty && brk.flagged;
        line.hang = line.justified ? brk.hang : 0;
        out.lines.push_back(std::move(line));
        begin = breaks[i].position + 1;
    }
}

}  // namespace

InlineResult layout_inline(const style::StyledDocument& styled, doc::NodeId block,
                           const std::vector<doc::NodeId>& inline_nodes, double width, double first_indent,
                           text::FontProvider& fonts, core::Diagnostics& diags,
                           const text::Hyphenator* hyphenator, const PageMap* pages, Breaker breaker,
                           WordCache* words) {
    const realize::RealizedDocument realized = realize::realize(styled, diags);
    return layout_inline(realized, block, inline_nodes, width, first_indent, fonts, diags, hyphenator, pages,
                         breaker, words);
}

InlineResult layout_inline(const realize::RealizedDocument& realized, doc::NodeId block,
                           const std::vector<doc::NodeId>& inline_nodes, double width, double first_indent,
                           text::FontProvider& fonts, core::Diagnostics& diags,
                           const text::Hyphenator* hyphenator, const PageMap* pages, Breaker breaker,
                           WordCache* words, NarrowLines narrow) {
    const ComputedStyle& st = realized.styled().style(block);
    const bool justify = st.text_align == style::TextAlign::justify;
    std::optional<WordCache> own_words;
    // The lines go into the caller's WordCache's memory, or the heap when it gave none.
    std::pmr::memory_resource* memory = words != nullptr ? &words->impl->lines : std::pmr::get_default_resource();
    if (words == nullptr) words = &own_words.emplace();
    Collector collector(realized, fonts, (narrow.count > 0 ? std::min(width, narrow.width) : width) - first_indent,
                        hyphenator, diags, *words);
    collector.set_pages(pages);
    collector.defer_missing(pages != nullptr);
    collector.set_justify(justify);
    for (auto id : inline_nodes) collector.node(id, doc::no_node);
    Collected c = collector.finish(justify, realized.language(block));
    InlineResult out{std::pmr::vector<Line>(memory), collector.take_missing()};
    if (!c.fragments.empty()) set_lines(c, st, width, first_indent, justify, fonts, breaker, out, narrow);
    report_line_fit(out, width, realized.styled().doc(), diags, narrow);
    // The item buffers serve the next paragraph on this thread.
    words->impl->items = std::move(c.items);
    words->impl->fragment_of = std::move(c.fragment_of);
    words->impl->fragments = std::move(c.fragments);
    return out;
}

}  // namespace folio::layout
