// Block flow and pagination.
//
// Control flow: walk the block tree depth-first. Each block adds its top margin (collapsed with the
// previous bottom margin, and dropped at the top of a page), then either lays out its inline content
// (inline.cpp) and places the lines one by one, starting a new page when a line does not fit, or
// recurses into its child blocks. Pagination rules decided here:
//   - orphans/widows: a paragraph starts on a new page rather than leave fewer than `orphans` lines
//     at the foot, and a split never leaves fewer than `widows` lines at the head of the next page;
//   - keep-with-next (headings always): a heading moves to the next page unless it and the first
//     lines of the block after it fit;
//   - page-break-before/after.
// Backgrounds and borders of containers are inserted under their content once its extent is known.
// After the flow, running headers and footers are added with their fields filled in.

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "layout/inline.hpp"
#include "core/utf8.hpp"
#include "layout/layout.hpp"

namespace folio::layout {
namespace {

using doc::NodeId;
using doc::NodeKind;
using style::ComputedStyle;

/// Reads the pixel size of a PNG or JPEG from its header; nullopt when it is neither.
std::optional<core::Size> image_size(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(64 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    auto u8 = [&](std::size_t i) { return static_cast<unsigned char>(head[i]); };
    if (head.size() >= 24 && head.compare(1, 3, "PNG") == 0) {
        const double w = (u8(16) << 24) | (u8(17) << 16) | (u8(18) << 8) | u8(19);
        const double h = (u8(20) << 24) | (u8(21) << 16) | (u8(22) << 8) | u8(23);
        if (w > 0 && h > 0) return core::Size{w, h};
    }
    if (head.size() > 4 && u8(0) == 0xFF && u8(1) == 0xD8) {
        for (std::size_t i = 2; i + 9 < head.size();) {
            if (u8(i) != 0xFF) return std::nullopt;
            const int marker = u8(i + 1);
            const std::size_t len = (u8(i + 2) << 8) | u8(i + 3);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return core::Size{double((u8(i + 7) << 8) | u8(i + 8)), double((u8(i + 5) << 8) | u8(i + 6))};
            }
            i += 2 + len;
        }
    }
    return std::nullopt;
}

class Flow {
public:
    Flow(const style::StyledDocument& styled, text::FontProvider& fonts, core::Diagnostics& diags)
        : m_styled(styled), m_doc(styled.doc()), m_fonts(fonts), m_diags(diags), m_area(styled.page.content_box()) {}

    PagedDocument run() {
        new_page();
        const NodeId root = m_doc.root();
        children(root, m_area.x, m_area.width);
        if (m_out.pages.back().first_node == doc::no_node) m_out.pages.back().first_node = root;
        running_content();
        return std::move(m_out);
    }

private:
    // ---- pages and vertical space -------------------------------------------------------
    void new_page() {
        Page p;
        p.size = m_styled.page.size;
        p.bleed = m_styled.page.bleed;
        if (m_styled.page.background) {  // a page background runs into the bleed
            const double b = p.bleed;
            p.items.emplace_back(FilledRect{{-b, -b, p.size.width + 2 * b, p.size.height + 2 * b},
                                            *m_styled.page.background, doc::no_node});
        }
        m_out.pages.push_back(std::move(p));
        m_y = m_area.y;
        m_margin = 0;
    }

    Page& page() { return m_out.pages.back(); }
    [[nodiscard]] bool at_page_top() const { return m_y <= m_area.y + 0.01; }
    [[nodiscard]] double room() const { return m_area.bottom() - m_y; }

    /// Adds a collapsed margin before content that is about to be placed (not at a page top).
    void settle_margin() {
        if (!at_page_top()) m_y += m_margin;
        m_margin = 0;
    }
    void add_margin(double m) { m_margin = std::max(m_margin, m); }

    void mark_start(NodeId id) {
        if (page().first_node == doc::no_node) page().first_node = id;
    }

    // ---- blocks -------------------------------------------------------------------------
    void children(NodeId id, double left, double width) {
        const auto& kids = m_doc.node(id).children;
        std::vector<NodeId> inlines;
        for (std::size_t i = 0; i < kids.size(); ++i) {
            const NodeId c = kids[i];
            if (doc::is_inline(m_doc.node(c).kind)) {
                inlines.push_back(c);
                continue;
            }
            if (!inlines.empty()) { text_block(id, inlines, left, width); inlines.clear(); }
            block(c, left, width, i + 1 < kids.size() ? kids[i + 1] : doc::no_node);
        }
        if (!inlines.empty()) text_block(id, inlines, left, width);
    }

    void block(NodeId id, double left, double width, NodeId next) {
        const auto& n = m_doc.node(id);
        const ComputedStyle& st = m_styled.style(id);
        if (st.page_break_before && !at_page_top()) new_page();
        add_margin(st.margin_top);
        const double inner_left = left + st.margin_left;
        const double inner_width = width - st.margin_left - st.margin_right;
        switch (n.kind) {
            case NodeKind::heading: heading(id, inner_left, inner_width, next); break;
            case NodeKind::paragraph:
            case NodeKind::caption: text_block(id, n.children, inner_left, inner_width); break;
            case NodeKind::figure: figure(id, inner_left, inner_width); break;
            case NodeKind::list: list(id, inner_left, inner_width); break;
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
            case NodeKind::contents:
            case NodeKind::explicit_break: break;
        }
        add_margin(st.margin_bottom);
        if (st.page_break_after) new_page();
    }

    void container(NodeId id, double left, double width) {
        const ComputedStyle& st = m_styled.style(id);
        const double inset = st.padding + st.border_width;
        const bool boxed = st.background || st.border_width > 0 || st.border_left_width > 0;
        if (!boxed) {
            children(id, left, width);
            return;
        }
        settle_margin();
        if (room() < st.font_size * st.line_height * 2 + 2 * inset) new_page();
        const std::size_t start_page = m_out.pages.size() - 1;
        const std::size_t start_item = page().items.size();
        const double start_y = m_y;
        m_y += inset;
        children(id, left + inset + st.border_left_width, width - 2 * inset - st.border_left_width);
        m_y += m_margin + inset;  // the last child's bottom margin stays inside the box
        m_margin = 0;
        // Paint the box under its content, on every page it touches.
        for (std::size_t p = start_page; p < m_out.pages.size(); ++p) {
            const double top = p == start_page ? start_y : m_area.y;
            const double bottom = p + 1 == m_out.pages.size() ? m_y : m_area.bottom();
            std::vector<Item> under;
            if (st.background) under.emplace_back(FilledRect{{left, top, width, bottom - top}, *st.background, id});
            if (st.border_width > 0) {
                const double b = st.border_width;
                under.emplace_back(FilledRect{{left, top, width, b}, st.border_color, id});
                under.emplace_back(FilledRect{{left, bottom - b, width, b}, st.border_color, id});
                under.emplace_back(FilledRect{{left, top, b, bottom - top}, st.border_color, id});
                under.emplace_back(FilledRect{{left + width - b, top, b, bottom - top}, st.border_color, id});
            }
            if (st.border_left_width > 0) {
                under.emplace_back(FilledRect{{left, top, st.border_left_width, bottom - top}, st.border_color, id});
            }
            auto& items = m_out.pages[p].items;
            const auto at = items.begin() + static_cast<std::ptrdiff_t>(p == start_page ? start_item : 0);
            items.insert(at, under.begin(), under.end());
        }
    }

    void list(NodeId id, double left, double width) {
        const ComputedStyle& st = m_styled.style(id);
        const double indent = st.margin_left > 0 ? 0 : 1.5 * st.font_size;
        int number = 1;
        for (NodeId item : m_doc.node(id).children) {
            const std::string marker = m_doc.node(id).ordered ? std::to_string(number++) + "." : "\u2022";
            m_marker = core::decode_utf8(marker).text;
            block(item, left + indent, width - indent, doc::no_node);
        }
        m_marker.clear();
    }

    void figure(NodeId id, double left, double width) {
        const auto& n = m_doc.node(id);
        auto px = image_size(n.src);
        const core::Size intrinsic = px ? *px : core::Size{4, 3};
        // 96 dpi natural size, never wider than the column.
        double w = std::min(width, intrinsic.width * 0.75);
        double h = w * intrinsic.height / intrinsic.width;
        const double max_h = m_area.height * 0.8;
        if (h > max_h) { h = max_h; w = h * intrinsic.width / intrinsic.height; }
        settle_margin();
        if (h > room()) new_page();
        mark_start(id);
        page().items.emplace_back(Anchor{{left, m_y}, id});
        page().items.emplace_back(ImageBox{{left + (width - w) / 2, m_y, w, h}, n.src, id});
        m_y += h;
        for (NodeId c : n.children) block(c, left, width, doc::no_node);
    }

    void heading(NodeId id, double left, double width, NodeId next) {
        const ComputedStyle& st = m_styled.style(id);
        auto lines = layout_inline(m_styled, id, m_doc.node(id).children, width, 0, m_fonts, m_diags).lines;
        double h = 0;
        for (const auto& l : lines) h += l.height;
        // Keep with next: the heading, its bottom margin and the next block's first lines.
        double need = h + (at_page_top() ? 0 : m_margin) + st.margin_bottom;
        if (next != doc::no_node) {
            NodeId first = next;
            while (!m_doc.node(first).children.empty() && !doc::is_inline(m_doc.node(m_doc.node(first).children[0]).kind) &&
                   m_doc.node(first).kind != NodeKind::figure) {
                first = m_doc.node(first).children[0];
            }
            const ComputedStyle& ns = m_styled.style(first);
            need += ns.margin_top + ns.font_size * ns.line_height * std::max(ns.orphans, 1);
        }
        if (need > room() && !at_page_top()) new_page();
        settle_margin();
        mark_start(id);
        page().items.emplace_back(Anchor{{left, m_y}, id});
        if (const NodeId sec = m_doc.node(id).parent; sec != doc::no_node && !m_doc.node(sec).id.empty()) {
            page().items.emplace_back(Anchor{{left, m_y}, sec});
        }
        const auto& n = m_doc.node(id);
        if (n.level >= 2) {
            m_out.outline.push_back({m_doc.plain_text(id), n.level - 1, m_out.pages.size() - 1, m_y, id});
            m_section_by_page.resize(m_out.pages.size());
            if (n.level == 2 && m_section_by_page.back().empty()) m_section_by_page.back() = m_out.outline.back().title;
            if (n.level == 2) m_last_section = m_out.outline.back().title;
        }
        for (auto& l : lines) place_line(l, left, id);
    }

    void text_block(NodeId id, const std::vector<NodeId>& inlines, double left, double width) {
        const ComputedStyle& st = m_styled.style(id);
        auto lines = layout_inline(m_styled, id, inlines, width, st.text_indent, m_fonts, m_diags).lines;
        if (lines.empty()) return;
        settle_margin();
        const int n = static_cast<int>(lines.size());
        const int orphans = std::min(st.orphans, n);
        // Orphans: too few lines fit at the foot of this page.
        double first_h = 0;
        for (int i = 0; i < orphans; ++i) first_h += lines[static_cast<std::size_t>(i)].height;
        if (first_h > room() && !at_page_top()) new_page();
        mark_start(id);
        std::u32string marker = std::move(m_marker);
        m_marker.clear();
        for (int i = 0; i < n; ++i) {
            const auto& line = lines[static_cast<std::size_t>(i)];
            if (line.height > room() + 0.01 && !at_page_top()) {
                // Widows: move enough lines so the next page gets at least `widows`.
                const int rest = n - i;
                const int widows = std::min(st.widows, n);
                int back = rest < widows ? widows - rest : 0;
                if (i - back < orphans) back = 0;  // cannot satisfy both; keep the orphans rule
                for (int k = 0; k < back; ++k) unplace_line();
                i -= back;
                new_page();
                if (page().first_node == doc::no_node) page().first_node = id;
            }
            const auto& l = lines[static_cast<std::size_t>(i)];
            if (i == 0 && !marker.empty()) place_marker(marker, l, left, id);
            place_line(l, left, id);
        }
    }

    // ---- lines --------------------------------------------------------------------------
    struct Placed { std::size_t page, items, outline; double y; };

    void place_line(const Line& line, double left, NodeId block) {
        m_placed.push_back({m_out.pages.size() - 1, page().items.size(), m_out.outline.size(), m_y});
        const double baseline = m_y + line.ascent;
        for (const auto& r : line.runs) {
            GlyphRun run = r;
            run.origin = {left + r.origin.x, baseline};
            page().items.emplace_back(std::move(run));
        }
        for (const auto& l : line.links) {
            LinkArea a = l;
            a.rect = {left + l.rect.x, m_y, l.rect.width, line.height};
            const auto& href = m_doc.node(l.node).href;
            if (!href.empty() && href[0] == '#') {
                a.target = m_doc.find_id(href.substr(1)).value_or(doc::no_node);
            } else {
                a.uri = href;
            }
            page().items.emplace_back(std::move(a));
        }
        (void)block;
        m_y += line.height;
    }

    /// Takes back the last placed line (for the widows rule).
    void unplace_line() {
        const Placed p = m_placed.back();
        m_placed.pop_back();
        if (p.page != m_out.pages.size() - 1) return;
        page().items.resize(p.items);
        m_y = p.y;
    }

    void place_marker(const std::u32string& marker, const Line& line, double left, NodeId id) {
        const ComputedStyle& st = m_styled.style(id);
        const text::FontId font = font_of(st, m_fonts);
        GlyphRun run;
        run.font = font;
        run.size = st.font_size;
        run.color = st.color;
        run.text = marker;
        run.width = measure(marker, st, font, m_fonts);
        run.origin = {left - run.width - 0.5 * st.font_size, m_y + line.ascent};
        run.node = id;
        page().items.emplace_back(std::move(run));
    }

    // ---- running header and footer ------------------------------------------------------
    void running_content() {
        const std::size_t total = m_out.pages.size();
        m_section_by_page.resize(total);
        std::string current;
        for (std::size_t i = 0; i < total; ++i) {
            if (!m_section_by_page[i].empty()) current = m_section_by_page[i];
            const auto& page_style = m_styled.page;
            if (m_styled.footer) {
                const double baseline = page_style.size.height - page_style.margin_bottom / 2;
                running(*m_styled.footer, i, total, current, baseline, false);
            }
            if (m_styled.header && i > 0) {
                running(*m_styled.header, i, total, current, page_style.margin_top / 2, true);
            }
        }
    }

    void running(const style::RunningContent& rc, std::size_t index, std::size_t total, const std::string& section,
                 double baseline, bool is_header) {
        std::string text = rc.content;
        auto replace = [&](const std::string& field, const std::string& value) {
            for (std::size_t at; (at = text.find(field)) != std::string::npos;) text.replace(at, field.size(), value);
        };
        replace("{page}", std::to_string(index + 1));
        replace("{pages}", std::to_string(total));
        replace("{title}", m_doc.meta.title);
        replace("{section}", section);
        if (text.empty()) return;
        const ComputedStyle& st = rc.style;
        const text::FontId font = font_of(st, m_fonts);
        GlyphRun run;
        run.font = font;
        run.size = st.font_size;
        run.color = st.color;
        run.letter_spacing = st.letter_spacing;
        run.text = core::decode_utf8(text).text;
        if (st.text_transform == style::TextTransform::uppercase) {
            for (auto& c : run.text) if (c < 0x80) c = static_cast<char32_t>(std::toupper(static_cast<int>(c)));
        }
        run.width = measure(run.text, st, font, m_fonts);
        double x = m_area.x;
        if (st.text_align == style::TextAlign::right) x = m_area.right() - run.width;
        else if (st.text_align == style::TextAlign::center) x = m_area.x + (m_area.width - run.width) / 2;
        run.origin = {x, baseline};
        auto& items = m_out.pages[index].items;
        if (rc.rule) {
            const double y = is_header ? baseline + st.font_size * 0.6 : baseline - st.font_size * 1.3;
            items.emplace_back(FilledRect{{m_area.x, y, m_area.width, 0.5}, st.color, doc::no_node});
        }
        items.emplace_back(std::move(run));
    }

    const style::StyledDocument& m_styled;
    const doc::Document& m_doc;
    text::FontProvider& m_fonts;
    core::Diagnostics& m_diags;
    core::Rect m_area;
    PagedDocument m_out;
    double m_y = 0;
    double m_margin = 0;
    std::u32string m_marker;
    std::vector<Placed> m_placed;
    std::vector<std::string> m_section_by_page;
    std::string m_last_section;
};

}  // namespace

core::Result<PagedDocument> layout_document(const style::StyledDocument& styled, text::FontProvider& fonts,
                                            core::Diagnostics& diags) {
    if (styled.document == nullptr || styled.doc().nodes.empty()) {
        return core::unexpected({core::Severity::error, "layout.empty", "the document is empty", {}});
    }
    return Flow(styled, fonts, diags).run();
}

}  // namespace folio::layout
