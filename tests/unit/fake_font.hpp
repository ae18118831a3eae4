#pragma once
// A fake FontProvider with fixed advances, so layout tests can state exact positions:
// every character is 500/1000 em wide, the space 250/1000 em; ascent 800, descent -200.

#include "text/font_metrics.hpp"

namespace folio::test {

class FakeFont final : public text::FontProvider {
public:
    std::optional<text::FontId> find(const std::string& family, int, bool) override {
        if (family == "missing") return std::nullopt;
        return 0;
    }
    [[nodiscard]] int advance(text::FontId, char32_t cp) const override { return cp == U' ' ? 250 : 500; }
    [[nodiscard]] bool has_glyph(text::FontId, char32_t cp) const override { return cp != U'\u4E2D'; }
    [[nodiscard]] text::VerticalMetrics vertical(text::FontId) const override { return {800, -200, 700, 500}; }
};

}  // namespace folio::test
