// Inline layout, phase 1: collect. The Collector walks a paragraph's inline nodes into spans of one
// text (the realized text, quotes and case already done), finds its UAX #14 break opportunities
// (libunibreak) and turns it into items: words (inline_hyphenate.cpp, inline_shape.cpp) and
// interword glue (justified: TeX's stretchable glue; ragged: Knuth and Plass's ragged-right
// triple), forced breaks and the finishing glue. See inline_items.hpp for the whole
// algorithm.

#include "layout/inline_items.hpp"

namespace folio::layout::inline_detail {

void Collector::node(doc::NodeId id, doc::NodeId link) {
    const doc::Node& n = m_styled.doc().node(id);
    switch (n.kind) {
        case doc::NodeKind::text: add_span(id, link, m_realized.drawn(id)); break;
        case doc::NodeKind::line_break:
            m_spans.push_back({id, link, m_text.size(), 1, true});
            m_text += U'\n';
            break;
        case doc::NodeKind::link:
            if (const realize::Reference* r = m_realized.reference(id); r && r->target != doc::no_node) {
                add_span(id, id, reference_text(*r, m_pages));
            }
            for (auto c : n.children) node(c, id);
            break;
        case doc::NodeKind::emphasis:
        case doc::NodeKind::strong:
            for (auto c : n.children) node(c, link);
            break;
        case doc::NodeKind::document:
        case doc::NodeKind::section:
        case doc::NodeKind::heading:
        case doc::NodeKind::paragraph:
        case doc::NodeKind::list:
        case doc::NodeKind::list_item:
        case doc::NodeKind::figure:
        case doc::NodeKind::caption:
        case doc::NodeKind::block_quote:
        case doc::NodeKind::aside:
        case doc::NodeKind::contents:
        case doc::NodeKind::explicit_break:
        case doc::NodeKind::table: case doc::NodeKind::table_column: case doc::NodeKind::table_head: case doc::NodeKind::table_body:
        case doc::NodeKind::table_foot: case doc::NodeKind::table_row: case doc::NodeKind::header_cell: case doc::NodeKind::data_cell:
        case doc::NodeKind::figure_row:
            for (auto c : n.children) node(c, link);  // blocks are handled by flow; tolerate
            break;
    }
}

Collected Collector::finish(bool justify, const std::string& lang) {
    text::line_break_opportunities(m_text, lang, m_breaks, m_words.impl->break_scratch);
    m_out.items.reserve(m_text.size() / 2);
    m_out.fragment_of.reserve(m_text.size() / 2);
    m_out.fragments.reserve(m_text.size() / 3);
    for (const Span& sp : m_spans) {
        if (sp.forced_break) forced_break();
        else words(sp);
    }
    trim_trailing_space();
    unhyphenate_last_word();
    // finishing glue and the forced final break
    m_out.items.push_back({ItemType::glue, 0, 1e5, 0, 0, false});
    m_out.fragment_of.push_back(-1);
    m_out.items.push_back({ItemType::penalty, 0, 0, 0, -penalty_infinity, false});
    m_out.fragment_of.push_back(-1);
    (void)justify;
    return std::move(m_out);
}

bool Collector::may_break_after(std::size_t at) const {
    return at < m_breaks.size() && m_breaks[at] != text::BreakAfter::never;
}

void Collector::add_span(doc::NodeId id, doc::NodeId link, std::string_view utf8) {
    const std::size_t start = m_text.size();
    (void)core::append_decoded_utf8(m_text, utf8);  // the readers have validated it
    m_spans.push_back({id, link, start, m_text.size() - start, false});
}

void Collector::words(const Span& sp) {
    const doc::NodeId id = sp.id, link = sp.link;
    const std::size_t offset = sp.start;
    const ComputedStyle& st = m_styled.style(id);
    const text::FontId font = font_for(st);
    const std::string& lang = m_realized.language(id);
    const std::uint16_t lang_index = st.hyphenate && m_hyphenator != nullptr ? m_words.impl->language(lang) : 0;
    const std::u32string& para = m_text;
    // The word is built straight into the WordCache's lookup key: soft hyphens kept as break
    // markers, after_bit on the characters UAX #14 allows a break after.
    std::u32string& word = m_words.impl->scratch.word;
    word.clear();
    auto flush = [&] {
        if (!word.empty()) {
            if (st.small_caps) push_small_caps(word, st, font, id, link);
            else push_word(st, font, id, link, lang, lang_index);
        }
        word.clear();
    };
    for (std::size_t j = 0; j < sp.size; ++j) {
        const std::size_t at = offset + j;
        const char32_t c = para[at];
        if (is_collapsible_space(c)) {
            flush();
            // The opportunity is after the last space of a run ("x )" has none).
            std::size_t end = at;
            while (end + 1 < para.size() && is_collapsible_space(para[end + 1])) ++end;
            add_space(st, font, id, link, may_break_after(end));
        } else if (c == 0xAD) {
            word.push_back(c);  // soft hyphen: a break opportunity, never drawn
        } else {
            const char32_t shown = c;  // (text-transform is in the realized text)
            if (!m_fonts.has_glyph(font, shown) && shown != 0xA0) {
                // The first fallback family that has the character draws it.
                if (const auto fallback = fallback_for(st, shown)) {
                    flush();
                    push_box(std::u32string(1, shown), st, *fallback, id, link);
                    continue;
                }
                warn_missing(shown, id);
            }
            // inside a word only: at a space the glue is the break
            const bool after = may_break_after(at) && at + 1 < para.size() &&
                               !is_collapsible_space(para[at + 1]) && para[at + 1] != 0xAD;
            word.push_back(shown | (after ? after_bit : 0));
        }
    }
    flush();
}

text::FontId Collector::font_for(const ComputedStyle& st) {
    if (&st != m_font_style) {
        m_font_style = &st;
        m_font = font_of(st, m_fonts);
    }
    return m_font;
}

std::optional<text::FontId> Collector::fallback_for(const ComputedStyle& st, char32_t c) {
    for (const auto& family : st.font_fallbacks) {
        const auto f = m_fonts.find(family, st.font_weight, st.italic);
        if (f && m_fonts.has_glyph(*f, c)) return f;
    }
    return std::nullopt;
}

void Collector::warn_missing(char32_t c, doc::NodeId id) {
    m_missing_glyphs.push_back({c, id});
    if (std::find(m_missing.begin(), m_missing.end(), c) != m_missing.end()) return;
    m_missing.push_back(c);
    if (m_defer_missing) return;  // the caller reports them, with their pages
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    m_diags.warning("text.missing-glyph", std::string("character ") + buf + " is not in font '" +
                    m_styled.style(id).font_family + "' and will not print", m_styled.doc().node(id).location);
}

double Collector::end_hang() const {
    if (m_out.items.empty() || m_out.items.back().type != ItemType::box) return 0;
    const int fi = m_out.fragment_of.back();
    if (fi < 0) return 0;
    const Fragment& f = m_out.fragments[static_cast<std::size_t>(fi)];
    if (f.piece->text.empty()) return 0;
    const char32_t c = f.piece->text.back();
    const double w = m_fonts.advance(f.font, c) * f.style->font_size / 1000.0;
    switch (c) {
        case U'.': case U',': case U'-': case 0x2010: case 0x2013: case 0x2019: case 0x201D: case U'\'': case U'"':
            return w;
        case U';': case U':':
            return w / 2;
        default:
            return 0;
    }
}

void Collector::add_space(const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link, bool breakable) {
    m_auto_hyphens.clear();
    if (!m_out.items.empty() && m_out.items.back().type == ItemType::penalty &&
        m_out.items.back().penalty < penalty_infinity && m_out.fragment_of.back() < 0 &&
        m_out.items.back().penalty > -penalty_infinity) {  // a soft hyphen or opportunity before a space
        m_out.items.pop_back();
        m_out.fragment_of.pop_back();
    }
    if (m_out.items.empty() || m_out.items.back().type != ItemType::box) return;  // collapse
    const double w = m_fonts.advance(font, U' ') * st.font_size / 1000.0 + st.letter_spacing;
    const int frag = static_cast<int>(m_out.fragments.size());
    m_out.fragments.push_back({&space_piece, font, &st, id, link});
    if (!breakable) {
        m_out.items.push_back({ItemType::penalty, 0, 0, 0, penalty_infinity, false});
        m_out.fragment_of.push_back(-1);
    }
    if (m_justify) {
        // TeX's interword glue is 1/3 em plus 1/6 em minus 1/9 em; our fonts' spaces are
        // narrower (Caladea's is 0.22 em), so the stretch is TeX's 1/6 em, the shrink a third of the space.
        const double hang = st.hanging_punctuation ? end_hang() : 0;  // before the glue is added
        m_out.items.push_back({ItemType::glue, w, std::max(w / 2, st.font_size / 6), w / 3, 0, false});
        m_out.items.back().hang = hang;
        m_out.fragment_of.push_back(frag);
    } else {
        // ragged right (Knuth & Plass, "Ragged right"): the stretch a line end may take, as
        // TeX's \raggedright (rightskip 0pt plus 2em); three spaces was too tight for wide measures
        const double s = 2 * st.font_size;
        m_out.items.push_back({ItemType::glue, 0, s, 0, 0, false});
        m_out.fragment_of.push_back(-1);
        m_out.items.push_back({ItemType::penalty, 0, 0, 0, breakable ? 0 : penalty_infinity, false});
        m_out.fragment_of.push_back(-1);
        m_out.items.push_back({ItemType::glue, w, -s, 0, 0, false});
        m_out.fragment_of.push_back(frag);
    }
}

void Collector::trim_trailing_space() {
    while (!m_out.items.empty() && m_out.items.back().type != ItemType::box) {
        m_out.items.pop_back();
        m_out.fragment_of.pop_back();
    }
}

void Collector::forced_break() {
    m_auto_hyphens.clear();
    trim_trailing_space();
    m_out.items.push_back({ItemType::glue, 0, 1e5, 0, 0, false});
    m_out.fragment_of.push_back(-1);
    m_out.items.push_back({ItemType::penalty, 0, 0, 0, -penalty_infinity, false});
    m_out.fragment_of.push_back(-1);
}

}  // namespace folio::layout::inline_detail
