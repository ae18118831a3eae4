#pragma once
/// Inline layout: the content of one block (text, emphasis, links, line breaks) becomes a list of
/// boxes, glue and penalties, is broken into lines by Knuth-Plass, and each line becomes glyph
/// runs and link areas positioned relative to the line's left end and baseline.

#include <algorithm>
#include <memory>
#include <memory_resource>
#include <optional>
#include <vector>

#include "core/diagnostic.hpp"
#include "layout/page_map.hpp"
#include "layout/paged_document.hpp"
#include "realize/realize.hpp"
#include "style/computed.hpp"
#include "text/font_metrics.hpp"
#include "text/hyphenate.hpp"

namespace folio::layout {

/// One laid-out line, in line coordinates (x from the line's left end, y = 0 on the baseline).
/// Its vectors may live in a WordCache's memory (see layout_inline).
struct Line {
    Line() = default;
    explicit Line(std::pmr::memory_resource* memory) : runs(memory), links(memory), rules(memory) {}
    std::pmr::vector<GlyphRun> runs;
    std::pmr::vector<LinkArea> links;
    std::pmr::vector<FilledRect> rules;  ///< underlines
    double height = 0;  ///< distance from this line's top to the next line's top
    double ascent = 0;  ///< baseline offset from the line's top
    double width = 0;   ///< natural width of the content after justification
    double ratio = 0;   ///< the breaker's adjustment ratio (>0 stretched, <0 shrunk, < -1 overfull)
    bool justified = false;   ///< the glue was set to `ratio` (justified text, not a last line)
    bool hyphenated = false;  ///< ends at a flagged break: a hyphenation point or an explicit hyphen
    double hang = 0;          ///< punctuation allowed to stand in the right margin (hanging-punctuation)
};

/// A character that no face of its style has, and the text node it is in.
struct MissingGlyph {
    char32_t character = 0;
    doc::NodeId node = doc::no_node;
};

/// The broken lines of one block.
struct InlineResult {
    std::pmr::vector<Line> lines;
    std::vector<MissingGlyph> missing;  ///< reported by the caller when it passed a PageMap
};

/// How lines are broken: Knuth-Plass total fit (always, in documents) or first fit (the
/// benchmark's baseline).
enum class Breaker : unsigned char { total_fit, first_fit };

/// Words already turned into boxes and penalties, by their text, face, size, spacing, language
/// and hyphenation settings: prose repeats its words, so each distinct word is measured, kerned,
/// ligated and hyphenated once. Keep one per thread (it is not thread-safe) for as long as the
/// fonts and the hyphenator live; it never changes a result, only how fast it comes. It also
/// holds the memory of the lines laid out with it (a monotonic arena: they are never freed one by
/// one), so it must outlive those results.
class WordCache {
public:
    WordCache();
    ~WordCache();
    WordCache(const WordCache&) = delete;
    WordCache& operator=(const WordCache&) = delete;
    /// Distinct words held.
    [[nodiscard]] std::size_t size() const;
    /// Frees the words (not the lines laid out with the cache, which stay valid).
    void forget_words();

    struct Impl;
    std::unique_ptr<Impl> impl;
};

/// Lines shorter than the block's width at its start: the first `count` lines are `width` wide
/// (the lines beside a floating figure, #18).
struct NarrowLines {
    std::uint32_t count = 0;
    double width = 0;
};

/// Lays out the inline children of `block` (or the single inline node `block` itself when
/// `only_children` is false) into lines of `width` points. `first_indent` shifts the first line.
/// Soft hyphens always allow a break; `hyphenator` (may be null) adds the points of `hyphens: auto`.
/// `words` (may be null: a fresh one per call) is reused across calls on the same thread; when
/// given, the result's lines live in its memory. `narrow` makes the first lines shorter.
InlineResult layout_inline(const realize::RealizedDocument& realized, doc::NodeId block,
                           const std::vector<doc::NodeId>& inline_nodes, double width, double first_indent,
                           text::FontProvider& fonts, core::Diagnostics& diags,
                           const text::Hyphenator* hyphenator = nullptr, const PageMap* pages = nullptr,
                           Breaker breaker = Breaker::total_fit, WordCache* words = nullptr,
                           NarrowLines narrow = {});
/// The same over a styled document, realized for this call (for tests).
InlineResult layout_inline(const style::StyledDocument& styled, doc::NodeId block,
                           const std::vector<doc::NodeId>& inline_nodes, double width, double first_indent,
                           text::FontProvider& fonts, core::Diagnostics& diags,
                           const text::Hyphenator* hyphenator = nullptr, const PageMap* pages = nullptr,
                           Breaker breaker = Breaker::total_fit, WordCache* words = nullptr);

/// The text a cross-reference shows as drawn: the target's title, then ", page N" when the page
/// is known (from a previous layout pass), else ", page 00" as a stand-in of similar width.
std::string reference_text(const realize::Reference& reference, const PageMap* pages);

/// Resolves the face of a style, falling back to the first loaded face.
text::FontId font_of(const style::ComputedStyle& s, text::FontProvider& fonts);

/// Width in points of `s` with letter spacing and the face's kerning between its characters;
/// `kerns` (optional) receives the kern after each character in 1/1000 em (the last one 0).
double measure_kerned(const std::u32string& s, const style::ComputedStyle& st, text::FontId font,
                      const text::FontProvider& fonts, std::vector<std::int16_t>* kerns);

/// Measures a string in a style, letter spacing included, in points (no kerning).
double measure(const std::u32string& s, const style::ComputedStyle& st, text::FontId font,
               const text::FontProvider& fonts);

}  // namespace folio::layout
