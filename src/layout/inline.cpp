// Inline layout, in three phases:
//   collect  - walk the inline nodes into spans of one paragraph text (the WordCache's buffer);
//              over the whole text apply smart quotes (quotes="smart") and find the UAX #14 break
//              opportunities (libunibreak); then turn words into boxes (one per style fragment)
//              and spaces into glue (a space UAX #14 forbids breaking at, before ')' or ',', gets
//              an infinite penalty first): justified text gets TeX's stretchable interword glue,
//              ragged text gets Knuth and Plass's ragged-right triple (glue 0+S, penalty 0,
//              glue w-S). A word is split into boxes at its soft hyphens or, with
//              `hyphens: auto`, at the Hyphenator's points, with a flagged penalty (the width of
//              '-') between; a word continued in the next inline node is not auto-hyphenated, nor
//              is the paragraph's last word. A UAX #14 opportunity inside a word
//              ("counter-|trafficking", "A/|B") is a zero-width penalty, flagged after a hyphen
//              (TeX's \exhyphenpenalty). Each piece between such points gets the face's
//              f-ligatures (no letter-spacing) and its kerning, and the kern across a point is in
//              the box before it and taken back by the penalty's width, so the breaker measures
//              exactly what is drawn whether the line breaks there or not. A word's items are made
//              once per thread (make_shape) and kept in the WordCache under everything they depend
//              on (text and break opportunities, face, size, spacing, language, hyphenation,
//              justification, hanging punctuation); later occurrences are placed from it;
//   break    - Knuth-Plass over those items (linebreak.cpp);
//   finalize - each line becomes glyph runs (consecutive fragments of one format merged, spaces
//              kept inside the run with the justification as word spacing), link areas and
//              underlines, aligned left, right, centred or justified; a line broken at a flagged
//              penalty ends with a drawn '-'. Runs carry the kerns for the TJ array.

#include "layout/inline.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <forward_list>
#include <memory>
#include <optional>
#include <string_view>

#include "core/utf8.hpp"
#include "layout/line_fit.hpp"
#include "layout/linebreak.hpp"
#include "text/hyphenate.hpp"
#include "text/typography.hpp"
#include "text/url_breaks.hpp"

namespace folio::layout {
namespace {

using style::ComputedStyle;

/// Upper case for the scripts folio ships fonts for (Basic Latin, Latin-1, Latin Extended-A).
char32_t to_upper(char32_t c) {
    if (c >= U'a' && c <= U'z') return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c == 0xFF) return 0x178;
    if (c >= 0x100 && c <= 0x17F) {
        const bool odd_lower = (c < 0x138) || (c >= 0x14A && c < 0x178);
        if (odd_lower && (c & 1)) return c - 1;
        if (!odd_lower && c > 0x138 && c < 0x149 && !(c & 1)) return c - 1;
        if ((c == 0x17A || c == 0x17C || c == 0x17E)) return c - 1;
    }
    return c;
}

/// True for characters that continue a word (not spaces or punctuation).
bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
    if (c >= 0x2000 && c <= 0x206F) return false;  // general punctuation: dashes, quotes
    return c != 0xA0 && c != 0xAB && c != 0xBB;
}

constexpr double hyphen_penalty = 50;
constexpr double explicit_hyphen_penalty = 50;  ///< TeX's \exhyphenpenalty

/// fragment_of of a UAX #14 penalty: a break that draws no hyphen even when flagged.
constexpr int explicit_break = -2;

/// A hyphen that is drawn: a line broken after it is flagged like a hyphenated one.
bool is_hyphen(char32_t c) { return c == U'-' || c == 0x2010; }

bool is_collapsible_space(char32_t c) { return c == U' ' || c == U'\n' || c == U'\t' || c == U'\r'; }


/// A span of the paragraph's text in the style of one node, or a forced line break.
struct Span {
    doc::NodeId id = doc::no_node;
    doc::NodeId link = doc::no_node;
    std::size_t start = 0;  ///< offset in the paragraph's text
    std::size_t size = 0;
    bool forced_break = false;
};

/// A box of a word as the WordCache keeps it: its text (ligatures applied), kerns and width.
struct Piece {
    std::u32string text;
    std::vector<std::int16_t> kern;  ///< after each character, 1/1000 em (empty: none)
    double width = 0;    ///< kerned width, the kern to the next box of the word included
    double natural = 0;  ///< without that kern (what must fit the column)
    int kern_after = 0;   ///< kern to the next box of the same word, when the line goes on
    int kern_hyphen = 0;  ///< kern to the drawn '-', when the line breaks after this box
};

/// An interword space: its width is the glue's, its text one U+0020.
const Piece space_piece{U" ", {}, 0, 0, 0, 0};

/// A word itemised: its boxes and the penalties between them, independent of any node.
struct Shape {
    std::vector<Piece> pieces;
    std::vector<BreakItem> items;
    std::vector<int> code;   ///< per item: a box's piece, -1 for a hyphenation point, or explicit_break
    bool automatic = false;  ///< the hyphenation points came from the Hyphenator
    bool url = false;        ///< a URL, address or path: it breaks at url_break_points, never hyphenated
};

/// Marks a character of ShapeKey::word after which UAX #14 allows a break (above Unicode's range).
constexpr char32_t after_bit = 0x40000000;

/// Everything a word's shape depends on.
struct ShapeKey {
    std::u32string word;  ///< soft hyphens included, after_bit on break opportunities
    double size = 0;
    double letter_spacing = 0;
    text::FontId font = 0;
    std::uint16_t lang = 0;  ///< index into WordCache::Impl::languages when hyphenated automatically
    std::uint8_t flags = 0;  ///< 1 automatic hyphenation, 2 justified, 4 hanging punctuation
    bool operator==(const ShapeKey&) const = default;
};

/// FNV-1a over the key's characters and settings, a multiply per character: words are short.
std::uint64_t hash_of(const ShapeKey& k) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    auto mix = [&h](std::uint64_t v) { h = (h ^ v) * 0x100000001b3ULL; };
    for (char32_t c : k.word) mix(c);
    mix(std::bit_cast<std::uint64_t>(k.size));
    mix(std::bit_cast<std::uint64_t>(k.letter_spacing));
    mix((std::uint64_t{k.font} << 24) | (std::uint64_t{k.lang} << 8) | k.flags);
    return h ^ (h >> 29);
}

/// The shapes of a WordCache by key: open addressing with linear probing over a table of hashes
/// and indices (a lookup touches one slot and, on a hash match, one entry), at most half full.
/// Entries live in a deque: their pieces never move while fragments point at them.
class ShapeTable {
public:
    [[nodiscard]] std::size_t size() const { return m_entries.size(); }

    /// The shape of `key`, made by `make` the first time.
    template <class Make>
    const Shape& find_or_make(const ShapeKey& key, Make make) {
        if (2 * (m_entries.size() + 1) > m_slots.size()) grow();
        const std::uint64_t h = hash_of(key);
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.index == empty) {
                m_entries.emplace_back(key, make());
                slot = {h, static_cast<std::uint32_t>(m_entries.size() - 1)};
                return m_entries.back().second;
            }
            if (slot.hash == h && m_entries[slot.index].first == key) return m_entries[slot.index].second;
        }
    }

private:
    static constexpr std::uint32_t empty = 0xFFFFFFFF;
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t index = empty;
    };

    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
        const std::size_t mask = m_slots.size() - 1;
        for (const Slot& s : old) {
            if (s.index == empty) continue;
            std::size_t i = s.hash & mask;
            while (m_slots[i].index != empty) i = (i + 1) & mask;
            m_slots[i] = s;
        }
    }

    std::vector<Slot> m_slots;
    std::deque<std::pair<ShapeKey, Shape>> m_entries;
};

/// A fragment of a word in one format: a piece of a cached shape (or of the collector's own).
struct Fragment {
    const Piece* piece = nullptr;
    text::FontId font = 0;
    const ComputedStyle* style = nullptr;
    doc::NodeId node = doc::no_node;
    doc::NodeId link = doc::no_node;
};

}  // namespace

struct WordCache::Impl {
    /// The lines laid out with this cache: allocated in blocks, released all at once with it.
    std::pmr::monotonic_buffer_resource lines{std::size_t{256} << 10};
    ShapeTable shapes;
    std::vector<std::string> languages{""};
    ShapeKey scratch;  ///< the key being looked up, reused to spare allocations
    /// Buffers of one paragraph's layout, reused by the next paragraph on this thread.
    std::u32string text;
    std::vector<text::BreakAfter> breaks;
    std::u32string break_scratch;
    std::vector<BreakItem> items;
    std::vector<int> fragment_of;
    std::vector<Fragment> fragments;

    std::uint16_t language(const std::string& lang) {
        for (std::size_t i = 0; i < languages.size(); ++i) {
            if (languages[i] == lang) return static_cast<std::uint16_t>(i);
        }
        languages.push_back(lang);
        return static_cast<std::uint16_t>(languages.size() - 1);
    }
};

WordCache::WordCache() : impl(std::make_unique<Impl>()) {}
WordCache::~WordCache() = default;
std::size_t WordCache::size() const { return impl->shapes.size(); }
void WordCache::forget_words() { impl->shapes = {}; }

namespace {

struct Collected {
    std::vector<BreakItem> items;
    std::vector<int> fragment_of;  ///< per item: index into fragments (boxes and glue), -1 otherwise
    std::vector<Fragment> fragments;
};

class Collector {
public:
    Collector(const style::StyledDocument& styled, text::FontProvider& fonts, double width,
              const text::Hyphenator* hyphenator, core::Diagnostics& diags, WordCache& words)
        : m_styled(styled), m_fonts(fonts), m_width(width), m_hyphenator(hyphenator), m_diags(diags),
          m_words(words), m_text(words.impl->text), m_breaks(words.impl->breaks) {
        m_text.clear();
        WordCache::Impl& reuse = *words.impl;
        m_out.items = std::move(reuse.items);
        m_out.fragment_of = std::move(reuse.fragment_of);
        m_out.fragments = std::move(reuse.fragments);
        m_out.items.clear();
        m_out.fragment_of.clear();
        m_out.fragments.clear();
    }

    /// Page numbers from the previous layout pass, for cross-references.
    void set_pages(const PageMap* pages) { m_pages = pages; }

    void node(doc::NodeId id, doc::NodeId link) {
        const doc::Node& n = m_styled.doc().node(id);
        switch (n.kind) {
            case doc::NodeKind::text: add_span(id, link, n.text); break;
            case doc::NodeKind::line_break:
                m_spans.push_back({id, link, m_text.size(), 1, true});
                m_text += U'\n';
                break;
            case doc::NodeKind::link:
                if (n.reference) {
                    const auto target = m_styled.doc().find_id(n.href.substr(1));
                    if (target) add_span(id, id, reference_text(m_styled.doc(), *target, m_pages));
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
                for (auto c : n.children) node(c, link);  // blocks are handled by flow; tolerate
                break;
        }
    }

    /// Turns the collected spans into items; `lang` is the paragraph's language (UAX #14 tailoring
    /// and the smart quotes' style). The spans share one text, the paragraph's: quotes and break
    /// opportunities depend on neighbours that may be in another inline node ("<em>word</em>",
    /// "counter-<b>x</b>").
    Collected finish(bool justify, const std::string& lang) {
        for (const Span& sp : m_spans) {
            if (!sp.forced_break && m_styled.style(sp.id).smart_quotes) {
                text::smart_quotes(m_text, sp.start, sp.start + sp.size, lang);
            }
        }
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

    void set_justify(bool j) { m_justify = j; }

private:
    /// True when UAX #14 allows a break after the paragraph's character `at`.
    bool may_break_after(std::size_t at) const {
        return at < m_breaks.size() && m_breaks[at] != text::BreakAfter::never;
    }

    /// Appends a node's text (UTF-8) to the paragraph's as a span.
    void add_span(doc::NodeId id, doc::NodeId link, std::string_view utf8) {
        const std::size_t start = m_text.size();
        (void)core::append_decoded_utf8(m_text, utf8);  // the readers have validated it
        m_spans.push_back({id, link, start, m_text.size() - start, false});
    }

    /// Adds span `sp` as words and spaces in its style.
    void words(const Span& sp) {
        const doc::NodeId id = sp.id, link = sp.link;
        const std::size_t offset = sp.start;
        const ComputedStyle& st = m_styled.style(id);
        const text::FontId font = font_for(st);
        const std::string& lang = m_styled.doc().language_of(id);
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
                const char32_t shown = st.text_transform == style::TextTransform::uppercase ? to_upper(c) : c;
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

    /// font_of, remembered for the last style asked about (a paragraph's spans share a few).
    text::FontId font_for(const ComputedStyle& st) {
        if (&st != m_font_style) {
            m_font_style = &st;
            m_font = font_of(st, m_fonts);
        }
        return m_font;
    }

    std::optional<text::FontId> fallback_for(const ComputedStyle& st, char32_t c) {
        for (const auto& family : st.font_fallbacks) {
            const auto f = m_fonts.find(family, st.font_weight, st.italic);
            if (f && m_fonts.has_glyph(*f, c)) return f;
        }
        return std::nullopt;
    }

    void warn_missing(char32_t c, doc::NodeId id) {
        m_missing_glyphs.push_back({c, id});
        if (std::find(m_missing.begin(), m_missing.end(), c) != m_missing.end()) return;
        m_missing.push_back(c);
        if (m_defer_missing) return;  // the caller reports them, with their pages
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
        m_diags.warning("text.missing-glyph", std::string("character ") + buf + " is not in font '" +
                        m_styled.style(id).font_family + "' and will not print", m_styled.doc().node(id).location);
    }

    /// A place inside a word where a line may break.
    struct WordBreak {
        std::size_t at;  ///< index into the word: the break is before word[at]
        bool hyphen;     ///< a hyphenation point (draws '-'), else a UAX #14 opportunity
    };

    /// Adds a word (soft hyphens included) as boxes, with a flagged penalty at each soft hyphen or,
    /// when the word has none and the style asks for it, at each hyphenation point, and a
    /// zero-width penalty at each UAX #14 opportunity. The word is the WordCache's lookup key
    /// (scratch.word, built by words()); its shape comes from the cache, made by make_shape the
    /// first time it is seen. `lang_index` is the WordCache's index of `lang`.
    void push_word(const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link,
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

    /// Itemises a word for push_word, without a node or position: what the cache keeps. `raw`
    /// is as in the key: soft hyphens included, after_bit on UAX #14 opportunities.
    Shape make_shape(const std::u32string& raw, const ComputedStyle& st, text::FontId font, bool automatic,
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

    /// Measures a box of a word (with its kerns) and appends it to `s`.
    void add_piece(Shape& s, std::u32string text, const ComputedStyle& st, text::FontId font, int kern_after,
                   int kern_hyphen) {
        Piece p = make_piece(std::move(text), st, font, kern_after, kern_hyphen);
        s.items.push_back({ItemType::box, p.width, 0, 0, 0, false});
        s.code.push_back(static_cast<int>(s.pieces.size()));
        s.pieces.push_back(std::move(p));
    }

    Piece make_piece(std::u32string text, const ComputedStyle& st, text::FontId font, int kern_after,
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

    /// Appends a cached word's items for node `id`; a box wider than the column is split.
    void place(const Shape& s, const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link) {
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
            m_out.fragment_of.push_back(code);
        }
    }

    void push_fragment(const Piece& p, const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link) {
        if (p.natural <= m_width && unbreakable_tail(m_out.items) + p.natural > m_width) {
            m_out.items.push_back(chain_cut());  // boxes with no break between would not fit a line
            m_out.fragment_of.push_back(explicit_break);
        }
        m_out.items.push_back({ItemType::box, p.width, 0, 0, 0, false});
        m_out.fragment_of.push_back(static_cast<int>(m_out.fragments.size()));
        m_out.fragments.push_back({&p, font, &st, id, link});
    }
    /// `piece` with the face's standard ligatures, unless the style spaces its letters.
    std::u32string ligated(std::u32string piece, const ComputedStyle& st, text::FontId font) const {
        if (st.letter_spacing == 0) text::ligate(piece, m_fonts, font);
        return piece;
    }

    /// Removes the automatic hyphenation points of the word just added.
    void drop_auto_hyphens() {
        if (last_word_width() > m_width) m_auto_hyphens.clear();  // the points are all that breaks it
        for (auto it = m_auto_hyphens.rbegin(); it != m_auto_hyphens.rend(); ++it) {
            m_out.items.erase(m_out.items.begin() + static_cast<std::ptrdiff_t>(*it));
            m_out.fragment_of.erase(m_out.fragment_of.begin() + static_cast<std::ptrdiff_t>(*it));
        }
        m_auto_hyphens.clear();
    }

    /// The natural width of the boxes after the last glue (the word being ended).
    double last_word_width() const {
        double w = 0;
        for (std::size_t k = m_out.items.size(); k-- > 0 && m_out.items[k].type != ItemType::glue;) {
            if (m_out.items[k].type == ItemType::box) w += m_out.items[k].width;
        }
        return w;
    }

    /// The last word of a paragraph is never hyphenated: drops the flagged penalties after the
    /// last space,
    /// unless the word is wider than the column.
    void unhyphenate_last_word() {
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

    /// A box wider than the column, with a warning: it may break between any two of its
    /// characters (line_fit.cpp), with a drawn hyphen between letters of `prose`.
    void split_box(const Piece& p, const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link,
                   bool prose) {
        m_diags.warning("layout.word-too-wide", "a word is wider than the column and is broken: '" +
                        core::to_utf8(p.text) + "'", m_styled.doc().node(id).location);
        std::size_t from = 0;
        for (const WordCut& cut : last_resort_cuts(p.text, m_fonts, font, st.font_size, st.letter_spacing, prose)) {
            push_box(p.text.substr(from, cut.at - from), st, font, id, link, cut.kern_after, cut.kern_hyphen);
            m_out.items.push_back(cut.penalty);
            m_out.fragment_of.push_back(cut.hyphen ? -1 : explicit_break);
            from = cut.at;
        }
        push_box(p.text.substr(from), st, font, id, link, p.kern_after, p.kern_hyphen);
    }
    /// A word in small capitals. folio's PDF can only draw glyphs that have a code point (libharu
    /// 2.3.0 uses CID = Unicode), so a font's own small-caps glyphs are out of reach; lower-case
    /// letters are drawn as capitals at 0.78 of the size, slightly spaced, as typesetters
    /// synthesise them. The word is not hyphenated.
    void push_small_caps(const std::u32string& raw, const ComputedStyle& st, text::FontId font, doc::NodeId id,
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
            const char32_t upper = to_upper(c);
            const bool lower = upper != c;
            if (lower != lower_run) {
                emit();
                lower_run = lower;
            }
            run.push_back(upper);
        }
        emit();
    }

    /// The style of synthesised small capitals for `st`, made once per style.
    const ComputedStyle& small_caps_style(const ComputedStyle& st) {
        for (const auto& [base, derived] : m_small_caps) {
            if (base == &st) return *derived;
        }
        auto derived = std::make_unique<ComputedStyle>(st);
        derived->font_size = st.font_size * 0.78;
        derived->letter_spacing = st.letter_spacing + st.font_size * 0.02;
        m_small_caps.emplace_back(&st, std::move(derived));
        return *m_small_caps.back().second;
    }

    /// A box the cache does not hold (a fallback face's character, small capitals, part of a
    /// split word), kept by this collector.
    void push_box(const std::u32string& w, const ComputedStyle& st, text::FontId font, doc::NodeId id,
                  doc::NodeId link, int kern_after = 0, int kern_hyphen = 0) {
        push_fragment(m_own.emplace_front(make_piece(w, st, font, kern_after, kern_hyphen)), st, font, id, link);
    }

    /// Adds an interword space; `breakable` false (UAX #14 forbids a break there, as before ')')
    /// puts an infinite penalty before it, which keeps the glue from being a breakpoint.
    /// How far the box before a space may hang into the margin if the line ends there: all of a
    /// full stop, comma, hyphen, dash or closing quote, half of a colon or semicolon (as in
    /// optical margin alignment), nothing for letters.
    double end_hang() const {
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

    void add_space(const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link, bool breakable) {
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

    void trim_trailing_space() {
        while (!m_out.items.empty() && m_out.items.back().type != ItemType::box) {
            m_out.items.pop_back();
            m_out.fragment_of.pop_back();
        }
    }

    void forced_break() {
        m_auto_hyphens.clear();
        trim_trailing_space();
        m_out.items.push_back({ItemType::glue, 0, 1e5, 0, 0, false});
        m_out.fragment_of.push_back(-1);
        m_out.items.push_back({ItemType::penalty, 0, 0, 0, -penalty_infinity, false});
        m_out.fragment_of.push_back(-1);
    }

    const style::StyledDocument& m_styled;
    text::FontProvider& m_fonts;
    double m_width;
    const text::Hyphenator* m_hyphenator;
    const PageMap* m_pages = nullptr;
    std::vector<std::pair<const ComputedStyle*, std::unique_ptr<ComputedStyle>>> m_small_caps;
    const ComputedStyle* m_font_style = nullptr;  ///< font_for's last style...
    text::FontId m_font = 0;                      ///< ...and its face
    core::Diagnostics& m_diags;
    WordCache& m_words;
    std::forward_list<Piece> m_own;  ///< boxes the cache does not hold (a list: they never move, and
                                     ///< an empty one allocates nothing)
    bool m_justify = false;
    Collected m_out;
    std::vector<Span> m_spans;                 ///< the paragraph, collected before it is itemised
    std::u32string& m_text;                    ///< the paragraph's text (the WordCache's buffer)
    std::vector<text::BreakAfter>& m_breaks;   ///< UAX #14, per character of m_text
    std::vector<std::size_t> m_auto_hyphens;  ///< item indices of the last word's automatic hyphens
    std::vector<char32_t> m_missing;

public:
    std::vector<MissingGlyph> m_missing_glyphs;  ///< every character no face has, in order
    bool m_defer_missing = false;                ///< true: leave the warnings to the caller
};

bool same_format(const GlyphRun& run, const Fragment& f) {
    return run.font == f.font && run.size == f.style->font_size && run.color == f.style->color &&
           run.letter_spacing == f.style->letter_spacing && run.node == f.node;
}

/// Builds one line from items [begin, end) plus the break item.
Line finalize_line(const Collected& c, std::size_t begin, std::size_t end, const BreakPoint& bp, bool justify,
                   bool last, style::TextAlign align, double width, double indent, std::pmr::memory_resource* memory) {
    Line line(memory);
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
    std::size_t to_come = 1;
    for (std::size_t k = begin; k < end; ++k) {
        if (c.items[k].type != ItemType::penalty && c.fragment_of[k] >= 0) {
            to_come += c.fragments[static_cast<std::size_t>(c.fragment_of[k])].piece->text.size();
        }
    }
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
    for (auto& r : line.runs) {
        if (std::all_of(r.kern.begin(), r.kern.end(), [](std::int16_t k) { return k == 0; })) r.kern = {};
    }
    close_link(x);
    // Trailing spaces carry no width at a line end.
    line.width = x;
    double shift = 0;
    if (align == style::TextAlign::right) shift = width - x;
    else if (align == style::TextAlign::center) shift = (width - x) / 2;
    if (shift > 0) {
        for (auto& r : line.runs) r.origin.x += shift;
        for (auto& l : line.links) l.rect.x += shift;
    }
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

std::string reference_text(const doc::Document& d, doc::NodeId target, const PageMap* pages) {
    const doc::Node& n = d.node(target);
    std::string title;
    if (n.kind == doc::NodeKind::section && !n.children.empty()) {
        title = d.plain_text(n.children.front());
    } else if (n.kind == doc::NodeKind::figure) {
        title = n.alt;
        for (auto c : n.children) {
            if (d.node(c).kind == doc::NodeKind::caption) title = d.plain_text(c);
        }
    } else {
        title = d.plain_text(target);
    }
    std::string page = "00";
    if (pages) {
        if (const auto at = pages->find(target)) page = std::to_string(*at + 1);
    }
    return title + ", page " + page;
}

namespace {

/// Breaks the items into lines and finalises them into `out`.
void set_lines(const Collected& c, const ComputedStyle& st, double width, double first_indent, bool justify,
               text::FontProvider& fonts, Breaker breaker, InlineResult& out) {
    const std::vector<double> widths{width - first_indent, width};
    const auto breaks = breaker == Breaker::total_fit ? break_lines(c.items, widths) : break_lines_greedy(c.items, widths);

    // Line pitch from the block's own font; larger inline text would need more (later issue).
    const text::FontId font = font_of(st, fonts);
    const auto vm = fonts.vertical(font);
    const double pitch = st.font_size * st.line_height;
    const double content = (vm.ascent - vm.descent) * st.font_size / 1000.0;
    const double ascent = (pitch - content) / 2 + vm.ascent * st.font_size / 1000.0;

    std::size_t begin = 0;
    for (std::size_t i = 0; i < breaks.size(); ++i) {
        while (begin < breaks[i].position && c.items[begin].type != ItemType::box) ++begin;
        const bool last = i + 1 == breaks.size() ||
                          (c.items[breaks[i].position].type == ItemType::penalty &&
                           c.items[breaks[i].position].penalty <= -penalty_infinity);
        const double indent = i == 0 ? first_indent : 0;
        Line line = finalize_line(c, begin, breaks[i].position, breaks[i], justify, last, st.text_align,
                                  width - indent, indent, out.lines.get_allocator().resource());
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
    const ComputedStyle& st = styled.style(block);
    const bool justify = st.text_align == style::TextAlign::justify;
    std::optional<WordCache> own_words;
    // The lines go into the caller's WordCache's memory, or the heap when it gave none.
    std::pmr::memory_resource* memory = words != nullptr ? &words->impl->lines : std::pmr::get_default_resource();
    if (words == nullptr) words = &own_words.emplace();
    Collector collector(styled, fonts, width - first_indent, hyphenator, diags, *words);
    collector.set_pages(pages);
    collector.m_defer_missing = pages != nullptr;
    collector.set_justify(justify);
    for (auto id : inline_nodes) collector.node(id, doc::no_node);
    Collected c = collector.finish(justify, styled.doc().language_of(block));
    InlineResult out{std::pmr::vector<Line>(memory), std::move(collector.m_missing_glyphs)};
    if (!c.fragments.empty()) set_lines(c, st, width, first_indent, justify, fonts, breaker, out);
    report_line_fit(out, width, styled.doc(), diags);
    // The item buffers serve the next paragraph on this thread.
    words->impl->items = std::move(c.items);
    words->impl->fragment_of = std::move(c.fragment_of);
    words->impl->fragments = std::move(c.fragments);
    return out;
}

}  // namespace folio::layout
