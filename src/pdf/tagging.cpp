// Planning the structure tree (see tagging.hpp).
//
//   1. the elements of the structure source become the plan's first elements, in source order,
//      with their standard types (headings H1-H6: the source's level when the cover shows the
//      title as H1, else one less, so that the first heading is H1 and none is skipped)
//   2. the pages are walked in order, each item in painting order: a glyph run, image or
//      rectangle gets its mark; an item of the same element as the previous painted item joins
//      its MCID; a LinkArea gives its annotation (by ordinal) to its Link element
//   3. the page's content without a node is the cover (title H1, then a P per line style), a
//      back cover (P), or running heads and feet (Pagination artifacts); a contents entry is a
//      TOCI with a Link, its leader dots artifacts
//   4. an element is placed in its parent's kids when its first content arrives, so an element
//      with nothing drawn is left out; block containers then put their children back into
//      source order (a figure deferred to a later column stays where the source has it)

#include "pdf/tagging.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "core/utf8.hpp"

namespace folio::pdf {

std::string sanitize(std::string_view utf8, std::size_t limit) {
    std::u32string text;
    while (!utf8.empty()) {
        core::Utf8Decoded d = core::decode_utf8(utf8);
        text += d.text;
        if (!d.invalid_at) break;
        text += U'\uFFFD';
        utf8.remove_prefix(*d.invalid_at + 1);
    }
    for (char32_t& cp : text) {
        if (cp > 0xFFFF) cp = U'\uFFFD';
    }
    if (text.size() > limit && limit > 0) {
        text.resize(limit - 1);
        text += U'\u2026';
    }
    return core::to_utf8(text);
}

void open_marked_content(std::string& out, std::uint32_t m, const char* type) {
    switch (m) {
        case mark::artifact: out += "/Artifact BMC\n"; return;
        case mark::header: out += "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n"; return;
        case mark::footer: out += "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"; return;
        case mark::layout: out += "/Artifact <</Type /Layout>> BDC\n"; return;
        case mark::background: out += "/Artifact <</Type /Background>> BDC\n"; return;
        default: break;
    }
    out += '/';
    out += type;
    out += " <</MCID ";
    out += std::to_string(m);
    out += ">> BDC\n";
}

namespace {

using Role = StructureSource::Role;
using Kid = StructurePlan::Kid;
constexpr std::uint32_t no_element = UINT32_MAX;

const char* const heading_types[] = {"H1", "H2", "H3", "H4", "H5", "H6"};

const char* type_of(Role role) {
    switch (role) {
        case Role::document: return "Document";
        case Role::sect: return "Sect";
        case Role::heading: return "H1";
        case Role::paragraph: return "P";
        case Role::list: return "L";
        case Role::list_item: return "LI";
        case Role::label: return "Lbl";
        case Role::list_body: return "LBody";
        case Role::figure: return "Figure";
        case Role::caption: return "Caption";
        case Role::block_quote: return "BlockQuote";
        case Role::aside: return "Aside";  // role-mapped to Sect (hpdf_structure.cpp)
        case Role::toc: return "TOC";
        case Role::link: return "Link";
        case Role::reference: return "Reference";
        case Role::span: return "Span";
        case Role::table: return "Table";
        case Role::table_head: return "THead";
        case Role::table_body: return "TBody";
        case Role::table_foot: return "TFoot";
        case Role::table_row: return "TR";
        case Role::header_cell: return "TH";
        case Role::data_cell: return "TD";
    }
    return "Span";
}

/// Containers whose children go back into source order once placed.
bool sorted_role(Role role) {
    return role == Role::document || role == Role::sect || role == Role::list ||
           role == Role::list_item || role == Role::block_quote || role == Role::aside ||
           role == Role::table || role == Role::table_head || role == Role::table_body ||
           role == Role::table_foot || role == Role::table_row;
}

/// True when the cover shows the title: a glyph run without a node on a cover page.
bool cover_title(const layout::PagedDocument& pages) {
    if (pages.pages.empty() || pages.pages.front().master != "cover") return false;
    return std::any_of(pages.pages.front().items.begin(), pages.pages.front().items.end(), [](const auto& item) {
        const auto* run = std::get_if<layout::GlyphRun>(&item);
        return run != nullptr && run->node == doc::no_node;
    });
}

/// How `run` ends a line (PageTags::endings) when `next` is the page's next run with content
/// (null: none).
std::uint32_t ending(const layout::GlyphRun& run, const layout::GlyphRun* next, const StructureSource& source) {
    if (run.text.empty() || run.text.back() == U' ') return 0;
    if (next != nullptr && next->origin.y == run.origin.y &&
        next->origin.x <= run.origin.x + run.width + run.size * 0.2) {
        return 0;  // the same line goes on
    }
    if (run.text.back() != U'-') return line_space;
    // A hyphen the text has there (as in "EU-related") is its own; else layout added it.
    const std::size_t space = run.text.rfind(U' ');
    const std::u32string word = run.text.substr(space == std::u32string::npos ? 0 : space + 1);
    return source.hyphenated.contains(word) ? 0 : hyphen_mcid;
}

bool all_dots(const std::u32string& text) {
    return text.size() >= 2 && std::all_of(text.begin(), text.end(), [](char32_t c) { return c == U'.'; });
}

class Planner {
public:
    Planner(const layout::PagedDocument& pages, const StructureSource& source,
            const std::vector<PageFrame>& frames, StructurePlan& plan)
        : m_pages(pages), m_source(source), m_frames(frames), m_plan(plan) {}

    void run();

private:
    void start_elements();
    void page(std::size_t i);
    /// The line ends of page `i` (PageTags::endings), whose marks are set.
    void line_ends(std::size_t i);
    std::uint32_t run_mark(const layout::GlyphRun& run, const layout::Page& page, std::size_t i);
    std::uint32_t rect_mark(const layout::FilledRect& r, const layout::Page& page) const;
    std::uint32_t image_mark(const core::Rect& rect, doc::NodeId node, const layout::Page& page, std::size_t i);
    void link(const layout::LinkArea& a, std::size_t i);
    std::uint32_t add(const char* type, std::uint32_t parent, std::uint64_t order);
    void place(std::uint32_t e);
    /// The MCID of element `e`'s content at the current item of page `i`.
    std::uint32_t content(std::uint32_t e, std::size_t i);
    [[nodiscard]] Role role(std::uint32_t e) const {
        return e < m_source.elements.size() ? m_source.elements[e].role : Role::paragraph;
    }

    const layout::PagedDocument& m_pages;
    const StructureSource& m_source;
    const std::vector<PageFrame>& m_frames;
    StructurePlan& m_plan;
    std::uint32_t m_last = mark::none;        ///< the page's last painted mark
    std::uint32_t m_cover = no_element;       ///< the cover element being filled
    std::pair<text::FontId, double> m_cover_style{0, 0};
    std::map<std::pair<std::uint32_t, doc::NodeId>, std::uint32_t> m_entries;  ///< (TOC, target) -> Link
    std::map<std::uint32_t, std::uint32_t> m_entry;    ///< TOC -> its current entry's Link
    std::map<std::uint32_t, std::uint32_t> m_caption;  ///< TOC -> its Caption
    std::uint32_t m_links = 0;                          ///< LinkAreas seen
};

std::uint32_t Planner::add(const char* type, std::uint32_t parent, std::uint64_t order) {
    StructurePlan::Element e;
    e.type = type;
    e.parent = parent;
    e.order = order;
    m_plan.elements.push_back(std::move(e));
    return static_cast<std::uint32_t>(m_plan.elements.size() - 1);
}

void Planner::start_elements() {
    const int shift = cover_title(m_pages) ? 0 : 1;
    m_plan.elements.reserve(m_source.elements.size() + 16);
    for (std::size_t k = 0; k < m_source.elements.size(); ++k) {
        const StructureSource::Element& s = m_source.elements[k];
        const char* type = type_of(s.role);
        if (s.role == Role::heading) {
            type = heading_types[std::clamp(static_cast<int>(s.level) - shift, 1, 6) - 1];
        }
        const std::uint32_t e = add(type, s.parent, k + 1);
        StructurePlan::Element& el = m_plan.elements[e];
        if (std::string lang = sanitize(s.lang); !lang.empty()) el.set_texts().lang = std::move(lang);
        if (s.role == Role::figure) el.set_texts().alt = sanitize(s.alt, description_limit);
        if (s.role == Role::aside) el.set_texts().title = sanitize(s.alt, description_limit);
        el.scope = s.scope;
        el.colspan = s.colspan;
        el.rowspan = s.rowspan;
    }
}

void Planner::place(std::uint32_t e) {
    while (e != no_element && !m_plan.elements[e].placed) {
        m_plan.elements[e].placed = true;
        const std::uint32_t parent = m_plan.elements[e].parent;
        if (parent != no_element) m_plan.elements[parent].kids.push_back({Kid::Kind::element, e, 0});
        e = parent;
    }
}

std::uint32_t Planner::content(std::uint32_t e, std::size_t i) {
    PageTags& tags = m_plan.pages[i];
    if (m_last < mark::first_artifact && tags.parents[m_last] == e) return m_last;
    const auto mcid = static_cast<std::uint32_t>(tags.parents.size());
    tags.parents.push_back(e);
    tags.types.push_back(m_plan.elements[e].type);
    StructurePlan::Element& el = m_plan.elements[e];
    if (el.page == no_element) el.page = static_cast<std::uint32_t>(i);
    el.kids.push_back({Kid::Kind::mcid, mcid, static_cast<std::uint32_t>(i)});
    place(e);
    return mcid;
}

std::uint32_t Planner::run_mark(const layout::GlyphRun& run, const layout::Page& page, std::size_t i) {
    if (run.node == doc::no_node) {
        const bool cover = page.master == "cover", back = page.master == "back-cover";
        if (!cover && !back) return run.origin.y < page.size.height / 2 ? mark::header : mark::footer;
        const std::pair<text::FontId, double> style{run.font, run.size};
        const bool continues = m_cover != no_element && m_last < mark::first_artifact &&
                               m_plan.pages[i].parents[m_last] == m_cover && style == m_cover_style;
        if (!continues) {
            const bool title = cover && i == 0 && m_cover == no_element;
            m_cover = add(title ? "H1" : "P", 0, back ? UINT64_MAX : 0);
            m_cover_style = style;
        }
        return content(m_cover, i);
    }
    if (run.node >= m_source.element_of.size()) return mark::artifact;
    const std::uint32_t e = m_source.element_of[run.node];
    if (e == StructureSource::artifact) return mark::artifact;
    if (role(e) != Role::toc) return content(e, i);
    if (all_dots(run.text)) return mark::artifact;  // leader dots
    if (const auto entry = m_entry.find(e); entry != m_entry.end()) return content(entry->second, i);
    auto [caption, made] = m_caption.try_emplace(e, no_element);
    if (made) caption->second = add("Caption", e, 0);
    return content(caption->second, i);
}

std::uint32_t Planner::rect_mark(const layout::FilledRect& r, const layout::Page& page) const {
    if (r.rect.width >= page.size.width && r.rect.height >= page.size.height) return mark::background;
    // a master's colour band (placement.hpp) runs across the whole page one way
    if (r.node == doc::no_node && (r.rect.width >= page.size.width || r.rect.height >= page.size.height)) return mark::background;
    if (r.node != doc::no_node) return mark::layout;
    if (page.master == "cover" || page.master == "back-cover") return mark::layout;
    return r.rect.y < page.size.height / 2 ? mark::header : mark::footer;
}

std::uint32_t Planner::image_mark(const core::Rect& rect, doc::NodeId node, const layout::Page& page,
                                  std::size_t i) {
    const struct { core::Rect rect; doc::NodeId node; } b{rect, node};  // an ImageBox or a VectorBox
    std::uint32_t e = no_element;
    if (b.node == doc::no_node && b.rect.width >= page.size.width && b.rect.height >= page.size.height) {
        return mark::background;  // a master's background image (placement.hpp)
    }
    if (b.node < m_source.element_of.size() && m_source.element_of[b.node] != StructureSource::artifact &&
        role(m_source.element_of[b.node]) == Role::figure) {
        e = m_source.element_of[b.node];
    } else if (b.node == doc::no_node && page.master == "cover" && !m_source.cover_alt.empty()) {
        e = add("Figure", 0, 0);
        m_plan.elements[e].set_texts().alt = sanitize(m_source.cover_alt, description_limit);
    }
    if (e == no_element) return mark::layout;
    StructurePlan::Element& el = m_plan.elements[e];
    if (!el.has_bbox) {
        const PageFrame& f = m_frames[i];
        el.has_bbox = true;
        el.bbox[0] = f.x(b.rect.x);
        el.bbox[1] = f.y(b.rect.bottom());
        el.bbox[2] = f.x(b.rect.right());
        el.bbox[3] = f.y(b.rect.y);
    }
    return content(e, i);
}

void Planner::link(const layout::LinkArea& a, std::size_t i) {
    const std::uint32_t ordinal = m_links++;
    m_plan.link_parents.push_back(no_element);
    m_plan.link_contents.emplace_back();
    if (a.node >= m_source.element_of.size()) return;
    std::uint32_t e = m_source.element_of[a.node];
    if (e == StructureSource::artifact) return;
    std::string contents;
    if (role(e) == Role::toc) {  // a contents entry: TOCI > Link, described by its heading
        auto [entry, made] = m_entries.try_emplace({e, a.target}, no_element);
        if (made) entry->second = add("Link", add("TOCI", e, 0), 0);
        m_entry[e] = entry->second;
        e = entry->second;
        const auto title = m_source.titles.find(a.target);
        if (title != m_source.titles.end()) contents = title->second;
    } else if (role(e) == Role::link) {
        contents = m_source.elements[e].alt;
    } else {
        return;
    }
    m_plan.link_parents[ordinal] = e;
    m_plan.link_contents[ordinal] = sanitize(contents, description_limit);
    m_plan.elements[e].kids.push_back({Kid::Kind::annotation, ordinal, static_cast<std::uint32_t>(i)});
    place(e);
}

void Planner::page(std::size_t i) {
    const layout::Page& page = m_pages.pages[i];
    PageTags& tags = m_plan.pages[i];
    tags.marks.assign(page.items.size(), mark::none);
    m_last = mark::none;
    m_entry.clear();  // a contents title on a later page is not an entry's
    for (std::size_t j = 0; j < page.items.size(); ++j) {
        const layout::Item& item = page.items[j];
        std::uint32_t m = mark::none;
        if (const auto* run = std::get_if<layout::GlyphRun>(&item)) {
            m = run_mark(*run, page, i);
        } else if (const auto* rect = std::get_if<layout::FilledRect>(&item)) {
            m = rect_mark(*rect, page);
        } else if (const auto* image = std::get_if<layout::ImageBox>(&item)) {
            m = image_mark(image->rect, image->node, page, i);
        } else if (const auto* drawing = std::get_if<layout::VectorBox>(&item)) {
            m = image_mark(drawing->rect, drawing->node, page, i);  // (graphics, #18: a Figure too)
        } else if (const auto* area = std::get_if<layout::LinkArea>(&item)) {
            link(*area, i);
        }
        tags.marks[j] = m;
        if (m != mark::none) m_last = m;
    }
    line_ends(i);
}

void Planner::line_ends(std::size_t i) {
    const layout::Page& page = m_pages.pages[i];
    PageTags& tags = m_plan.pages[i];
    // From each content run to the next.
    tags.endings.assign(page.items.size(), 0);
    const layout::GlyphRun* previous = nullptr;
    std::size_t at = 0;
    for (std::size_t j = 0; j < page.items.size(); ++j) {
        const auto* run = std::get_if<layout::GlyphRun>(&page.items[j]);
        if (run == nullptr || tags.marks[j] >= mark::first_artifact) continue;
        if (previous != nullptr) tags.endings[at] = ending(*previous, run, m_source);
        previous = run;
        at = j;
    }
    if (previous != nullptr) tags.endings[at] = ending(*previous, nullptr, m_source);
    // An added hyphen is an MCID of its own, after which the run's element goes on in another.
    for (std::size_t j = 0; j < page.items.size(); ++j) {
        if (tags.endings[j] != hyphen_mcid) continue;
        const std::uint32_t m = tags.marks[j], e = tags.parents[m];
        std::vector<Kid> added;
        const auto next_mcid = [&] {
            const auto id = static_cast<std::uint32_t>(tags.parents.size());
            tags.parents.push_back(e);
            tags.types.push_back(m_plan.elements[e].type);
            added.push_back({Kid::Kind::mcid, id, static_cast<std::uint32_t>(i)});
            return id;
        };
        tags.endings[j] = hyphen_mcid + next_mcid();
        std::uint32_t rest = mark::none;
        for (std::size_t k = j + 1; k < page.items.size(); ++k) {
            if (tags.marks[k] != m) continue;
            if (rest == mark::none) rest = next_mcid();
            tags.marks[k] = rest;
        }
        std::vector<Kid>& kids = m_plan.elements[e].kids;
        const auto at = std::find_if(kids.begin(), kids.end(), [&](const Kid& k) {
            return k.kind == Kid::Kind::mcid && k.value == m && k.page == i;
        });
        kids.insert(at == kids.end() ? at : at + 1, added.begin(), added.end());
    }
}

void Planner::run() {
    m_plan.lang = sanitize(m_source.lang);
    start_elements();
    m_plan.pages.resize(m_pages.pages.size());
    for (std::size_t i = 0; i < m_pages.pages.size(); ++i) page(i);
    // Block containers: children back into source order (cover content first, a back cover's last).
    for (std::size_t e = 0; e < m_source.elements.size(); ++e) {
        std::vector<Kid>& kids = m_plan.elements[e].kids;
        if (!sorted_role(m_source.elements[e].role)) continue;
        if (std::any_of(kids.begin(), kids.end(), [](const Kid& k) { return k.kind != Kid::Kind::element; })) continue;
        std::stable_sort(kids.begin(), kids.end(), [&](const Kid& a, const Kid& b) {
            return m_plan.elements[a.value].order < m_plan.elements[b.value].order;
        });
    }
}

}  // namespace

StructurePlan plan_structure(const layout::PagedDocument& pages, const StructureSource& source,
                             const std::vector<PageFrame>& frames) {
    StructurePlan plan;
    Planner(pages, source, frames, plan).run();
    split_long_row_groups(plan);
    return plan;
}

}  // namespace folio::pdf
