// Inline layout, phase 3: boxes. Each piece of a word gets the face's f-ligatures (without
// letter-spacing) and its kerning, the kern across a break point held in the box before it;
// small capitals are synthesised; the pieces are placed as fragments of the paragraph. Also the
// WordCache itself.

#include "layout/inline_items.hpp"
#include "layout/line_fit.hpp"

namespace folio::layout {

WordCache::WordCache() : impl(std::make_unique<Impl>()) {}
WordCache::~WordCache() = default;
std::size_t WordCache::size() const { return impl->shapes.size(); }
void WordCache::forget_words() { impl->shapes = {}; }

}  // namespace folio::layout

namespace folio::layout::inline_detail {

void Collector::add_piece(Shape& s, std::u32string text, const ComputedStyle& st, text::FontId font, int kern_after,
               int kern_hyphen) {
    Piece p = make_piece(std::move(text), st, font, kern_after, kern_hyphen);
    s.items.push_back({ItemType::box, p.width, 0, 0, 0, false});
    s.code.push_back(static_cast<int>(s.pieces.size()));
    s.pieces.push_back(std::move(p));
}

Piece Collector::make_piece(std::u32string text, const ComputedStyle& st, text::FontId font, int kern_after,
                 int kern_hyphen) const {
    Piece p;
    p.text = std::move(text);
    p.natural = measure_kerned(p.text, st, font, m_fonts, &p.kern);
    p.width = p.natural + kern_after * st.font_size / 1000.0;
    if (std::all_of(p.kern.begin(), p.kern.end(), [](std::int16_t k) { return k == 0; })) p.kern.clear();
    p.kern_after = kern_after;
    p.kern_hyphen = kern_hyphen;
    return p;
}

void Collector::place(const Shape& s, const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link) {
    // (a word wider than the column hyphenates on every line it fills: not a run to avoid)
    bool long_word = false;
    if (s.pieces.size() > 1) {
        double width = 0;
        for (const Piece& p : s.pieces) width += p.natural;
        long_word = width > m_width;
    }
    for (std::size_t i = 0; i < s.items.size(); ++i) {
        const int code = s.code[i];
        if (s.items[i].type == ItemType::box) {
            const Piece& p = s.pieces[static_cast<std::size_t>(code)];
            if (p.natural > m_width) split_box(p, st, font, id, link, !s.url);
            else push_fragment(p, st, font, id, link);
            continue;
        }
        if (code == -1 && s.automatic) m_auto_hyphens.push_back(m_out.items.size());
        m_out.items.push_back(s.items[i]);
        m_out.items.back().long_word = long_word;
        m_out.fragment_of.push_back(code);
    }
}

void Collector::push_fragment(const Piece& p, const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link) {
    if (p.natural <= m_width && unbreakable_tail(m_out.items) + p.natural > m_width) {
        m_out.items.push_back(chain_cut());  // boxes with no break between would not fit a line
        m_out.fragment_of.push_back(explicit_break);
    }
    m_out.items.push_back({ItemType::box, p.width, 0, 0, 0, false});
    m_out.fragment_of.push_back(static_cast<int>(m_out.fragments.size()));
    m_out.fragments.push_back({&p, font, &st, id, link});
}

std::u32string Collector::ligated(std::u32string piece, const ComputedStyle& st, text::FontId font) const {
    if (st.letter_spacing == 0) text::ligate(piece, m_fonts, font);
    return piece;
}

void Collector::push_small_caps(const std::u32string& raw, const ComputedStyle& st, text::FontId font, doc::NodeId id,
                     doc::NodeId link) {
    const ComputedStyle& small = small_caps_style(st);
    std::u32string run;
    bool lower_run = false;
    auto emit = [&] {
        if (!run.empty()) push_box(run, lower_run ? small : st, font, id, link);
        run.clear();
    };
    for (const char32_t marked : raw) {
        const char32_t c = marked & ~after_bit;  // (raw is marked like a WordCache key)
        if (c == 0xAD) continue;
        const char32_t upper = realize::upper_char(c);
        const bool lower = upper != c;
        if (lower != lower_run) {
            emit();
            lower_run = lower;
        }
        run.push_back(upper);
    }
    emit();
}

const ComputedStyle& Collector::small_caps_style(const ComputedStyle& st) {
    for (const auto& [base, derived] : m_small_caps) {
        if (base == &st) return *derived;
    }
    auto derived = std::make_unique<ComputedStyle>(st);
    derived->font_size = st.font_size * 0.78;
    derived->letter_spacing = st.letter_spacing + st.font_size * 0.02;
    m_small_caps.emplace_back(&st, std::move(derived));
    return *m_small_caps.back().second;
}

void Collector::push_box(const std::u32string& w, const ComputedStyle& st, text::FontId font, doc::NodeId id,
              doc::NodeId link, int kern_after, int kern_hyphen) {
    push_fragment(m_own.emplace_front(make_piece(w, st, font, kern_after, kern_hyphen)), st, font, id, link);
}

}  // namespace folio::layout::inline_detail
