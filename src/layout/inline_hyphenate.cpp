// Inline layout, phase 2: where a word may break. A word is looked up in the WordCache under
// everything its items depend on; the first time, make_shape merges its soft hyphens or the
// Hyphenator's points (hyphens: auto) with its UAX #14 opportunities into flagged and
// zero-width penalties between pieces. A word continued in the next inline node, and the
// paragraph's last word, are not auto-hyphenated; a box wider than the column is split.

#include "layout/inline_items.hpp"
#include "layout/line_fit.hpp"
#include "text/url_breaks.hpp"

namespace folio::layout::inline_detail {

void Collector::push_word(const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link,
               const std::string& lang, std::uint16_t lang_index) {
    WordCache::Impl& cache = *m_words.impl;
    ShapeKey& key = cache.scratch;
    char32_t first = 0;  // the first character that is not a soft hyphen
    bool soft = false;   // a soft hyphen after it
    for (char32_t c : key.word) {
        if (c != 0xAD) { if (first == 0) first = c & ~after_bit; }
        else if (first != 0) soft = true;
    }
    // A word continued from the previous inline node ("hy<em>phen</em>"): neither piece is
    // auto-hyphenated on its own.
    const bool joins = first != 0 && is_word_char(first) && !m_out.items.empty() &&
                       (m_out.items.back().type == ItemType::box || m_out.items.back().flagged);
    if (joins) drop_auto_hyphens();
    m_auto_hyphens.clear();
    const bool automatic = !soft && !joins && st.hyphenate && m_hyphenator != nullptr;
    key.size = st.font_size;
    key.letter_spacing = st.letter_spacing;
    key.font = font;
    key.lang = automatic ? lang_index : 0;
    key.flags = static_cast<std::uint8_t>((automatic ? 1 : 0) | (m_justify ? 2 : 0) |
                                          (st.hanging_punctuation ? 4 : 0));
    place(cache.shapes.find_or_make(key, [&] { return make_shape(key.word, st, font, automatic, lang); }), st,
          font, id, link);
}

Shape Collector::make_shape(const std::u32string& raw, const ComputedStyle& st, text::FontId font, bool automatic,
                 const std::string& lang) {
    Shape s;
    s.automatic = automatic;
    std::u32string w;
    std::vector<std::size_t> breaks;  // indices into w
    std::vector<std::size_t> uax;     // indices into w
    for (const char32_t marked : raw) {
        const char32_t c = marked & ~after_bit;
        if (c != 0xAD) {
            w.push_back(c);
            if (marked & after_bit) uax.push_back(w.size());
        } else if (breaks.empty() || breaks.back() != w.size()) {
            breaks.push_back(w.size());
        }
    }
    if (!breaks.empty() && breaks.front() == 0) breaks.erase(breaks.begin());  // nothing to hyphenate before
    if (automatic) breaks = m_hyphenator->points(w, lang);
    s.url = text::is_url_like(w);
    if (s.url) text::add_url_break_points(w, uax);  // (the Hyphenator leaves URLs alone)
    // Merge both kinds; a UAX #14 opportunity wins where both fall.
    std::vector<WordBreak> points;
    std::size_t u = 0;
    for (std::size_t at : breaks) {
        while (u < uax.size() && uax[u] < at) points.push_back({uax[u++], false});
        if (u < uax.size() && uax[u] == at) continue;
        points.push_back({at, true});
    }
    while (u < uax.size()) points.push_back({uax[u++], false});
    if (points.empty()) {  // the common case: one box
        add_piece(s, ligated(w, st, font), st, font, 0, 0);
        return s;
    }
    // The pieces between the points, each with its ligatures.
    std::vector<std::u32string> pieces;
    std::size_t from = 0;
    for (const auto& p : points) {
        pieces.push_back(ligated(w.substr(from, p.at - from), st, font));
        from = p.at;
    }
    pieces.push_back(ligated(w.substr(from), st, font));
    const double hyphen = measure(U"-", st, font, m_fonts);
    const double unit = st.font_size / 1000.0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::u32string& piece = pieces[i];
        const std::u32string& next = pieces[i + 1];
        int kern_after = 0, kern_hyphen = 0;
        if (!piece.empty() && !next.empty()) kern_after = m_fonts.kerning(font, piece.back(), next.front());
        if (!piece.empty() && points[i].hyphen) kern_hyphen = m_fonts.kerning(font, piece.back(), U'-');
        if (!piece.empty()) add_piece(s, piece, st, font, kern_after, kern_hyphen);
        // The box before holds kern_after; breaking here takes it back.
        const double back = piece.empty() ? 0 : -kern_after * unit;
        if (points[i].hyphen) {
            s.items.push_back({ItemType::penalty, hyphen + kern_hyphen * unit + back, 0, 0, hyphen_penalty, true});
            if (st.hanging_punctuation && m_justify) s.items.back().hang = hyphen;  // the hyphen hangs
        } else {
            const bool flagged = is_hyphen(w[points[i].at - 1]);
            s.items.push_back({ItemType::penalty, back, 0, 0, flagged ? explicit_hyphen_penalty : 0, flagged});
        }
        s.code.push_back(points[i].hyphen ? -1 : explicit_break);
    }
    if (!pieces.back().empty()) add_piece(s, pieces.back(), st, font, 0, 0);
    return s;
}

void Collector::drop_auto_hyphens() {
    if (last_word_width() > m_width) m_auto_hyphens.clear();  // the points are all that breaks it
    for (auto it = m_auto_hyphens.rbegin(); it != m_auto_hyphens.rend(); ++it) {
        m_out.items.erase(m_out.items.begin() + static_cast<std::ptrdiff_t>(*it));
        m_out.fragment_of.erase(m_out.fragment_of.begin() + static_cast<std::ptrdiff_t>(*it));
    }
    m_auto_hyphens.clear();
}

double Collector::last_word_width() const {
    double w = 0;
    for (std::size_t k = m_out.items.size(); k-- > 0 && m_out.items[k].type != ItemType::glue;) {
        if (m_out.items[k].type == ItemType::box) w += m_out.items[k].width;
    }
    return w;
}

void Collector::unhyphenate_last_word() {
    if (last_word_width() > m_width) return;  // it must break somewhere: keep its points
    for (std::size_t k = m_out.items.size(); k-- > 0;) {
        if (m_out.items[k].type == ItemType::glue) break;
        if (m_out.items[k].type == ItemType::penalty && m_out.items[k].flagged &&
            m_out.fragment_of[k] != explicit_break) {  // a break after a real hyphen stays
            m_out.items.erase(m_out.items.begin() + static_cast<std::ptrdiff_t>(k));
            m_out.fragment_of.erase(m_out.fragment_of.begin() + static_cast<std::ptrdiff_t>(k));
        }
    }
    m_auto_hyphens.clear();
}

void Collector::split_box(const Piece& p, const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link,
                          bool prose) {
    const std::u32string quoted = p.text.size() > 60 ? p.text.substr(0, 60) + U"\u2026" : p.text;  // (up to 10,000)
    m_diags.warning("layout.word-too-wide", "a word is wider than the column and is broken: '" +
                    core::to_utf8(quoted) + "'", m_styled.doc().node(id).location);
    std::size_t from = 0;
    for (const WordCut& cut : last_resort_cuts(p.text, m_fonts, font, st.font_size, st.letter_spacing, prose)) {
        push_box(p.text.substr(from, cut.at - from), st, font, id, link, cut.kern_after, cut.kern_hyphen);
        m_out.items.push_back(cut.penalty);
        m_out.fragment_of.push_back(cut.hyphen ? -1 : explicit_break);
        from = cut.at;
    }
    push_box(p.text.substr(from), st, font, id, link, p.kern_after, p.kern_hyphen);
}

}  // namespace folio::layout::inline_detail
