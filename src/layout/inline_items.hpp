#pragma once
// Inline layout, in three phases:
//   collect  - walk the inline nodes into spans of one paragraph text (the WordCache's buffer),
//              its quotes and text-transform already realized; over the whole text find the
//              UAX #14 break opportunities (libunibreak); then turn words into boxes (one per style fragment)
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
//
/// Private to inline layout (inline_*.cpp): the items a paragraph becomes, the WordCache's
/// shapes, and the Collector that walks a paragraph's inline nodes into boxes, glue and penalties.
/// Its phases live in inline_collect.cpp (the walk, spaces and breaks), inline_hyphenate.cpp
/// (where words may break), inline_shape.cpp (boxes: kerning, ligatures, small capitals, the
/// WordCache) and inline_place.cpp (lines into glyph runs; the public entry points).

#include <algorithm>
#include <bit>
#include <deque>
#include <forward_list>
#include <memory>
#include <optional>
#include <string_view>

#include "core/utf8.hpp"
#include "layout/inline.hpp"
#include "layout/linebreak.hpp"
#include "realize/realize.hpp"
#include "text/hyphenate.hpp"
#include "text/typography.hpp"

namespace folio::layout::inline_detail {


using style::ComputedStyle;

/// True for characters that continue a word (not spaces or punctuation).
inline bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
    if (c >= 0x2000 && c <= 0x206F) return false;  // general punctuation: dashes, quotes
    return c != 0xA0 && c != 0xAB && c != 0xBB;
}

constexpr double hyphen_penalty = 50;
constexpr double explicit_hyphen_penalty = 50;  ///< TeX's \exhyphenpenalty

/// fragment_of of a UAX #14 penalty: a break that draws no hyphen even when flagged.
constexpr int explicit_break = -2;

/// A hyphen that is drawn: a line broken after it is flagged like a hyphenated one.
inline bool is_hyphen(char32_t c) { return c == U'-' || c == 0x2010; }

inline bool is_collapsible_space(char32_t c) { return c == U' ' || c == U'\n' || c == U'\t' || c == U'\r'; }


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
inline const Piece space_piece{U" ", {}, 0, 0, 0, 0};

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
inline std::uint64_t hash_of(const ShapeKey& k) {
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

}  // namespace folio::layout::inline_detail

namespace folio::layout {

struct WordCache::Impl {
    /// The lines laid out with this cache: allocated in blocks, released all at once with it.
    std::pmr::monotonic_buffer_resource lines{std::size_t{256} << 10};
    inline_detail::ShapeTable shapes;
    std::vector<std::string> languages{""};
    inline_detail::ShapeKey scratch;  ///< the key being looked up, reused to spare allocations
    /// Buffers of one paragraph's layout, reused by the next paragraph on this thread.
    std::u32string text;
    std::vector<text::BreakAfter> breaks;
    std::u32string break_scratch;
    std::vector<BreakItem> items;
    std::vector<int> fragment_of;
    std::vector<inline_detail::Fragment> fragments;

    std::uint16_t language(const std::string& lang) {
        for (std::size_t i = 0; i < languages.size(); ++i) {
            if (languages[i] == lang) return static_cast<std::uint16_t>(i);
        }
        languages.push_back(lang);
        return static_cast<std::uint16_t>(languages.size() - 1);
    }
};

}  // namespace folio::layout

namespace folio::layout::inline_detail {

/// A paragraph's items, and the fragment (text in one format) of each box and glue.
struct Collected {
    std::vector<BreakItem> items;
    std::vector<int> fragment_of;  ///< per item: index into fragments (boxes and glue), -1 otherwise
    std::vector<Fragment> fragments;
};

/// Walks a paragraph's inline nodes into items (a Collector per paragraph).
class Collector {
public:
    Collector(const realize::RealizedDocument& realized, text::FontProvider& fonts, double width,
              const text::Hyphenator* hyphenator, core::Diagnostics& diags, WordCache& words)
        : m_realized(realized), m_styled(realized.styled()), m_fonts(fonts), m_width(width), m_hyphenator(hyphenator), m_diags(diags),
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

    void node(doc::NodeId id, doc::NodeId link);

    /// Turns the collected spans into items; `lang` is the paragraph's language (UAX #14
    /// tailoring). The spans share one text, the paragraph's: break opportunities depend on
    /// neighbours that may be in another inline node ("counter-<b>x</b>").
    Collected finish(bool justify, const std::string& lang);

    void set_justify(bool j) { m_justify = j; }
    /// Leaves the warnings about missing characters to the caller (who knows their pages).
    void defer_missing(bool defer) { m_defer_missing = defer; }
    /// Every character no face has, in order (taken out of the collector).
    std::vector<MissingGlyph> take_missing() { return std::move(m_missing_glyphs); }

private:
    /// True when UAX #14 allows a break after the paragraph's character `at`.
    bool may_break_after(std::size_t at) const;

    /// Appends a node's text (UTF-8) to the paragraph's as a span.
    void add_span(doc::NodeId id, doc::NodeId link, std::string_view utf8);

    /// Adds span `sp` as words and spaces in its style.
    void words(const Span& sp);

    /// font_of, remembered for the last style asked about (a paragraph's spans share a few).
    text::FontId font_for(const ComputedStyle& st);

    std::optional<text::FontId> fallback_for(const ComputedStyle& st, char32_t c);

    void warn_missing(char32_t c, doc::NodeId id);

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
                   const std::string& lang, std::uint16_t lang_index);

    /// Itemises a word for push_word, without a node or position: what the cache keeps. `raw`
    /// is as in the key: soft hyphens included, after_bit on UAX #14 opportunities.
    Shape make_shape(const std::u32string& raw, const ComputedStyle& st, text::FontId font, bool automatic,
                     const std::string& lang);

    /// Measures a box of a word (with its kerns) and appends it to `s`.
    void add_piece(Shape& s, std::u32string text, const ComputedStyle& st, text::FontId font, int kern_after,
                   int kern_hyphen);

    Piece make_piece(std::u32string text, const ComputedStyle& st, text::FontId font, int kern_after,
                     int kern_hyphen) const;

    /// Appends a cached word's items for node `id`; a box wider than the column is split.
    void place(const Shape& s, const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link);

    void push_fragment(const Piece& p, const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link);
    /// `piece` with the face's standard ligatures, unless the style spaces its letters.
    std::u32string ligated(std::u32string piece, const ComputedStyle& st, text::FontId font) const;

    /// Removes the automatic hyphenation points of the word just added.
    void drop_auto_hyphens();

    /// The natural width of the boxes after the last glue (the word being ended).
    double last_word_width() const;

    /// The last word of a paragraph is never hyphenated: drops the flagged penalties after the
    /// last space, unless the word is wider than the column.
    void unhyphenate_last_word();

    /// A box wider than the column, with a warning: it may break between any two of its
    /// characters (line_fit.cpp), with a drawn hyphen between letters of `prose`.
    void split_box(const Piece& p, const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link,
                   bool prose);
    /// A word in small capitals. folio's PDF can only draw glyphs that have a code point (libharu
    /// 2.3.0 uses CID = Unicode), so a font's own small-caps glyphs are out of reach; lower-case
    /// letters are drawn as capitals at 0.78 of the size, slightly spaced, as typesetters
    /// synthesise them. The word is not hyphenated.
    void push_small_caps(const std::u32string& raw, const ComputedStyle& st, text::FontId font, doc::NodeId id,
                         doc::NodeId link);

    /// The style of synthesised small capitals for `st`, made once per style.
    const ComputedStyle& small_caps_style(const ComputedStyle& st);

    /// A box the cache does not hold (a fallback face's character, small capitals, part of a
    /// split word), kept by this collector.
    void push_box(const std::u32string& w, const ComputedStyle& st, text::FontId font, doc::NodeId id,
                  doc::NodeId link, int kern_after = 0, int kern_hyphen = 0);

    /// Adds an interword space; `breakable` false (UAX #14 forbids a break there, as before ')')
    /// puts an infinite penalty before it, which keeps the glue from being a breakpoint.
    /// How far the box before a space may hang into the margin if the line ends there: all of a
    /// full stop, comma, hyphen, dash or closing quote, half of a colon or semicolon (as in
    /// optical margin alignment), nothing for letters.
    double end_hang() const;

    void add_space(const ComputedStyle& st, text::FontId font, doc::NodeId id, doc::NodeId link, bool breakable);

    void trim_trailing_space();

    void forced_break();

    const realize::RealizedDocument& m_realized;
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
    std::vector<MissingGlyph> m_missing_glyphs;  ///< every character no face has, in order
    bool m_defer_missing = false;                ///< true: leave the warnings to the caller
};

}  // namespace folio::layout::inline_detail
