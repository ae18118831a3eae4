#pragma once
// A fake FontProvider with fixed advances, so layout tests can state exact positions:
// every character is 500/1000 em wide, the space 250/1000 em; ascent 800, descent -200.
// Face 0 lacks U+4E2D; the family "fallback" is face 1, which has every character.
// No ligature code points (U+FB00..U+FB04) unless `ligatures` is set, and no kerning unless a
// test adds pairs to `kerns`.

#include <map>
#include <utility>

#include "text/font_metrics.hpp"

namespace folio::test {

class FakeFont final : public text::FontProvider {
public:
    std::optional<text::FontId> find(const std::string& family, int, bool) override {
        if (family == "missing") return std::nullopt;
        return family == "fallback" ? 1 : 0;
    }
    [[nodiscard]] int advance(text::FontId, char32_t cp) const override { return cp == U' ' ? 250 : 500; }
    [[nodiscard]] bool has_glyph(text::FontId font, char32_t cp) const override {
        if (cp >= 0xFB00 && cp <= 0xFB04) return ligatures;
        return font == 1 || cp != U'\u4E2D';
    }
    [[nodiscard]] int kerning(text::FontId, char32_t left, char32_t right) const override {
        const auto it = kerns.find({left, right});
        return it == kerns.end() ? 0 : it->second;
    }
    [[nodiscard]] text::VerticalMetrics vertical(text::FontId) const override { return {800, -200, 700, 500}; }

    bool ligatures = false;                             ///< pretend to have U+FB00..U+FB04
    std::map<std::pair<char32_t, char32_t>, int> kerns;  ///< pair -> 1/1000 em
};

}  // namespace folio::test
