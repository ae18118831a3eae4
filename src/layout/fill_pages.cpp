// Filling the pages (units.hpp), the fourth step of cutting the tree into units, once pagination
// has settled: each page's late items (lines moved out of the InlineCache, contents entries
// with their page numbers) go into the slots paginate left, a page at a time on every core
// (pages are independent); then what laying out the paragraphs reported is given out in
// document order.

#include <algorithm>

#include "core/jobs.hpp"
#include "core/utf8.hpp"
#include "layout/contents_entry.hpp"
#include "layout/units.hpp"

namespace folio::layout {

using doc::NodeId;
using style::ComputedStyle;
namespace {

/// Moves a laid-out line's items out of it onto `out`: the line's left end at `left` and its top
/// at `top` in its unit, the unit's corner at (x, y) on the page.
void line_items(Line& line, double left, double top, double x, double y, const doc::Document& d,
                std::vector<Item>& out) {
    const double base = top + line.ascent;
    for (auto& r : line.runs) {
        r.origin = {left + r.origin.x, base};
        r.origin.x += x;
        r.origin.y += y;
        out.emplace_back(std::move(r));
    }
    for (const auto& rule : line.rules) {
        FilledRect fr = rule;
        fr.rect.x += left;
        fr.rect.y += base;
        fr.rect.x += x;
        fr.rect.y += y;
        out.emplace_back(fr);
    }
    for (const auto& l : line.links) {
        LinkArea a = l;
        a.rect = {left + l.rect.x, top, l.rect.width, line.height};
        a.rect.x += x;
        a.rect.y += y;
        const auto& href = d.node(l.node).href;
        if (!href.empty() && href[0] == '#') {
            a.target = d.find_id(href.substr(1)).value_or(doc::no_node);
        } else {
            a.uri = href;
        }
        out.emplace_back(std::move(a));
    }
}

/// The items of line `late.index` of an entry of the contents (`late`, for `heading`): a line of
/// the title (wrapped, its turnover lines with a hanging indent: contents_entry.hpp), and on the
/// last line the dot leaders and the page number, all a link to the heading, with the unit's
/// corner at (x, y).
void contents_entry_items(const style::StyledDocument& styled, text::FontProvider& fonts, const PageMap& pages,
                          const LateItems& late, double x, double y, std::vector<Item>& out) {
    const auto& entry_style = styled.named_style("toc-entry");
    const NodeId h = late.ref, id = late.block;
    const double left = late.left, width = late.width;
    double indent = 0;
    const ContentsEntryLayout layout = contents_entry_for(styled, fonts, h, width, indent);
    const auto page = pages.find(h);
    const std::string number = page ? std::to_string(*page + 1) : "00";
    const double height = entry_style.font_size * entry_style.line_height;
    const std::size_t last = layout.lines.size() - 1, k = std::min<std::size_t>(late.index, last);
    const double base = baseline(entry_style, fonts);
    auto shifted = [x, y](GlyphRun r) {
        r.origin.x += x;
        r.origin.y += y;
        return r;
    };
    out.emplace_back(LinkArea{{left + x, y, width, height}, {}, h, id});
    if (k < last) {
        const double at = left + indent + (k > 0 ? layout.hang : 0);
        out.emplace_back(shifted(run_of(core::to_utf8(layout.lines[k]), entry_style, fonts, at, base, id)));
        return;
    }
    GlyphRun num = run_of(number, entry_style, fonts, 0, base, id);
    num.origin.x = left + width - num.width;
    GlyphRun label = run_of(core::to_utf8(layout.lines[last]), entry_style, fonts,
                            left + indent + (last > 0 ? layout.hang : 0), base, id);
    const double gap = layout.gap;
    GlyphRun dots = run_of(".", entry_style, fonts, 0, base, id);
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
    out.emplace_back(shifted(std::move(label)));
    if (count > 0) out.emplace_back(shifted(std::move(dots)));
    out.emplace_back(shifted(std::move(num)));
}

}  // namespace

void fill_pages(const style::StyledDocument& styled, text::FontProvider& fonts, UnitList& units,
                const std::vector<LateSlot>& slots, const PageMap& pages, InlineCache& cache, PagedDocument& doc,
                core::Diagnostics& diags, std::vector<std::pair<MissingGlyph, doc::NodeId>>& missing) {
    // The slots of each page: [from[i], from[i + 1]).
    std::vector<std::size_t> from;
    for (std::size_t k = 0; k < slots.size(); ++k) {
        if (k == 0 || slots[k].page != slots[k - 1].page) from.push_back(k);
    }
    from.push_back(slots.size());
    auto line_of = [&](const LateItems& late) -> Line& { return cache.laid[late.ref]->result.lines[late.index]; };
    auto fill = [&](std::size_t i) {
        Page& page = doc.pages[slots[from[i]].page];
        std::size_t incoming = 0;
        for (std::size_t k = from[i]; k < from[i + 1]; ++k) {
            const Unit& u = units.units[slots[k].unit];
            for (std::uint32_t l = u.first_late; l < u.first_late + u.late_count; ++l) {
                const LateItems& late = units.late[l];
                if (late.kind == LateItems::Kind::contents_entry) { incoming += 4; continue; }
                if (late.kind == LateItems::Kind::item) { incoming += 1; continue; }
                const Line& line = line_of(late);
                incoming += line.runs.size() + line.rules.size() + line.links.size();
            }
        }
        // Pages are the largest thing layout keeps: room for exactly what comes, and for the
        // page's header and footer (not four items more on every page: 70 MB at 100,000 pages).
        std::vector<Item> items;
        items.reserve(page.items.size() + incoming + running_items(styled, page.master));
        std::size_t next = 0;  // of the page's own items
        for (std::size_t k = from[i]; k < from[i + 1]; ++k) {
            const LateSlot& slot = slots[k];
            for (; next < slot.at; ++next) items.push_back(std::move(page.items[next]));
            const Unit& u = units.units[slot.unit];
            for (std::uint32_t l = u.first_late; l < u.first_late + u.late_count; ++l) {
                const LateItems& late = units.late[l];
                if (late.kind == LateItems::Kind::contents_entry) {
                    contents_entry_items(styled, fonts, pages, late, slot.x, slot.y, items);
                } else if (late.kind == LateItems::Kind::item) {  // (copied: a repeated table head's too)
                    items.push_back(shifted_item(units.late_items[late.ref], slot.x, slot.y));
                } else if (late.copy) {  // a repeated table header: placed on several pages
                    Line line = line_of(late);
                    line_items(line, late.left, late.top, slot.x, slot.y, styled.doc(), items);
                } else {
                    line_items(line_of(late), late.left, late.top, slot.x, slot.y, styled.doc(), items);
                }
            }
        }
        for (; next < page.items.size(); ++next) items.push_back(std::move(page.items[next]));
        page.items = std::move(items);
    };
    // Pages are independent: shared among the threads a page at a time. Then the threads' words,
    // done with, are freed the same way rather than one after the other with the cache.
    const std::size_t count = from.size() - 1;
    core::parallel_for(threads_for(cache.threads, fonts, count, 16), count + cache.words.size(), [&](std::size_t i) {
        if (i < count) fill(i);
        else cache.words[i - count]->forget_words();
    });
    // What laying out the paragraphs reported, in document order (after what planning found).
    diags.append(cache.notes);
    for (std::size_t k = 0; k < cache.laid.size(); ++k) {
        const CachedInline& laid = *cache.laid[k];
        diags.append(laid.diagnostics);
        for (const auto& m : laid.result.missing) missing.emplace_back(m, (*cache.plan)[k].block);
    }
}

}  // namespace folio::layout
