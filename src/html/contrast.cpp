/// Text contrast after WCAG 2.2 (success criterion 1.4.3 and its definitions of "relative
/// luminance", "contrast ratio" and "large scale" text).
///
/// For every text node: its colour, the background it is drawn on (its own or the nearest
/// ancestor's background, else the page's, else white), and whether it is large; pairs are counted
/// by (foreground, background, large), and each pair below the minimum becomes one warning at the
/// first element that uses it. The running header and footer are checked against the page.

#include "html/contrast.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <variant>
#include <tuple>

#include "html/markup.hpp"

namespace folio::html {

using doc::NodeId;

namespace {

/// The 8-bit channel values the HTML writes for a colour.
std::array<int, 3> rgb8(const core::Color& c) {
    const std::string hex = hex_color(c);  // "#rrggbb"
    std::array<int, 3> out{};
    for (std::size_t i = 0; i < 3; ++i) {
        std::from_chars(hex.data() + 1 + 2 * i, hex.data() + 3 + 2 * i, out[i], 16);
    }
    return out;
}

/// The ratio with two decimals, rounded, but never rounded up to the minimum it falls short of.
std::string format_ratio(double ratio, double minimum) {
    double shown = std::round(ratio * 100.0) / 100.0;
    if (shown >= minimum) shown = std::floor(ratio * 100.0) / 100.0;
    std::array<char, 32> buf{};
    auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), shown, std::chars_format::fixed, 2);
    return ec == std::errc{} ? std::string(buf.data(), end) : "?";
}

/// One colour pair and where it is used.
struct Use {
    NodeId first = doc::no_node;
    std::size_t count = 0;
    double ratio = 0;
    double minimum = 0;
};

/// The background behind node `id`: its own, the nearest ancestor's, the page's, or white.
core::Color background_of(const style::StyledDocument& styled, NodeId id) {
    const doc::Document& d = styled.doc();
    for (NodeId n = id; n != doc::no_node; n = d.node(n).parent) {
        if (styled.style(n).background) return *styled.style(n).background;
    }
    return styled.page.background.value_or(core::Color::rgb(1, 1, 1));
}

/// "text colour #777777 on #ffffff has a contrast ratio of 4.47:1; WCAG 2.2 AA needs 4.5:1".
std::string message(const std::string& what, const core::Color& fg, const core::Color& bg,
                    double ratio, double minimum, bool large) {
    return what + " colour " + hex_color(fg) + " on background " + hex_color(bg) +
           " has a contrast ratio of " + format_ratio(ratio, minimum) + ":1; WCAG 2.2 AA needs " +
           format_number(minimum) + ":1 for " + (large ? "large" : "normal-size") +
           " text; darken the text or lighten the background";
}

}  // namespace

double relative_luminance(const core::Color& c) {
    double sum = 0;
    const double weights[3] = {0.2126, 0.7152, 0.0722};
    const std::array<int, 3> v = rgb8(c);
    for (std::size_t i = 0; i < 3; ++i) {
        const double s = v[i] / 255.0;
        const double linear = s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
        sum += weights[i] * linear;
    }
    return sum;
}

double contrast_ratio(const core::Color& a, const core::Color& b) {
    const double la = relative_luminance(a);
    const double lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool is_large_text(double font_size_pt, int font_weight) {
    return font_size_pt >= 18.0 || (font_size_pt >= 14.0 && font_weight >= 700);
}

double minimum_ratio(double font_size_pt, int font_weight) {
    return is_large_text(font_size_pt, font_weight) ? 3.0 : 4.5;
}

std::vector<core::Diagnostic> check_contrast(const style::StyledDocument& styled,
                                             const std::string& style_path) {
    const doc::Document& d = styled.doc();
    std::vector<core::Diagnostic> out;

    // 1. Count each (text colour, background, large) pair over the text of the document.
    using Key = std::tuple<std::string, std::string, bool>;
    std::map<Key, Use> uses;
    std::vector<Key> order;
    for (NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.node(id);
        if (n.kind != doc::NodeKind::text) continue;
        if (std::all_of(n.text.begin(), n.text.end(), [](char c) {
                return c == ' ' || c == '\t' || c == '\n' || c == '\r';
            })) {
            continue;  // whitespace between elements is not read
        }
        const style::ComputedStyle& s = styled.style(id);
        const core::Color bg = background_of(styled, id);
        const bool large = is_large_text(s.font_size, s.font_weight);
        const Key key{hex_color(s.color), hex_color(bg), large};
        auto [it, inserted] = uses.try_emplace(key);
        if (inserted) {
            it->second.first = n.parent != doc::no_node ? n.parent : id;
            it->second.ratio = contrast_ratio(s.color, bg);
            it->second.minimum = minimum_ratio(s.font_size, s.font_weight);
            order.push_back(key);
        }
        ++it->second.count;
    }

    // 2. One warning per pair that falls short, in document order.
    for (const Key& key : order) {
        const Use& u = uses[key];
        if (u.ratio >= u.minimum) continue;
        const NodeId at = u.first;
        const style::ComputedStyle& s = styled.style(at);
        std::string text = message("text", s.color, background_of(styled, at), u.ratio, u.minimum,
                                   std::get<2>(key));
        if (u.count > 1) text += " (" + std::to_string(u.count - 1) + " more text runs use it)";
        out.push_back({core::Severity::warning, "style.contrast", std::move(text),
                       d.node(at).location});
    }

    // 3. The running header and footer, drawn on the page.
    const core::Color page = styled.page.background.value_or(core::Color::rgb(1, 1, 1));
    const std::pair<const char*, const std::optional<style::RunningContent>*> running[] = {
        {"running header", &styled.header}, {"running footer", &styled.footer}};
    for (const auto& [what, content] : running) {
        if (!*content || (*content)->content.empty()) continue;
        const style::ComputedStyle& s = (*content)->style;
        const double ratio = contrast_ratio(s.color, page);
        const double minimum = minimum_ratio(s.font_size, s.font_weight);
        if (ratio >= minimum) continue;
        out.push_back({core::Severity::warning, "style.contrast",
                       message(what, s.color, page, ratio, minimum,
                               is_large_text(s.font_size, s.font_weight)),
                       {style_path, 0, 0}});
    }
    return out;
}

namespace {

/// The colour drawn beneath point (x, y) by the filled rectangles of a page (`rects`, by item
/// index) before item `before`: the last one that covers it, else nullopt (the paper).
std::optional<core::Color> drawn_under(const std::vector<std::pair<std::size_t, const layout::FilledRect*>>& rects,
                                       std::size_t before, double x, double y) {
    for (auto it = rects.rbegin(); it != rects.rend(); ++it) {
        const core::Rect& r = it->second->rect;
        if (it->first < before && x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom()) return it->second->color;
    }
    return std::nullopt;
}

}  // namespace

std::vector<core::Diagnostic> check_drawn_backgrounds(const style::StyledDocument& styled,
                                                      const layout::PagedDocument& pages) {
    const doc::Document& d = styled.doc();
    const core::Color paper = core::Color::rgb(1, 1, 1);
    // The elements inside a block with a background of its own (parents come before children).
    std::vector<char> boxed(d.nodes.size(), 0);
    for (NodeId id = 0; id < d.nodes.size(); ++id) {
        const NodeId parent = d.node(id).parent;
        boxed[id] = styled.style(id).background.has_value() || (parent != doc::no_node && parent < id && boxed[parent]);
    }
    std::vector<core::Diagnostic> out;
    std::vector<char> reported(d.nodes.size(), 0);
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        const layout::Page& page = pages.pages[i];
        std::vector<std::pair<std::size_t, const layout::FilledRect*>> rects;  // (made when first needed)
        bool rects_made = false;
        for (std::size_t k = 0; k < page.items.size(); ++k) {
            const auto* run = std::get_if<layout::GlyphRun>(&page.items[k]);
            if (!run || run->node >= d.nodes.size() || !boxed[run->node] || reported[run->node]) continue;
            const style::ComputedStyle& s = styled.style(run->node);
            const double minimum = minimum_ratio(s.font_size, s.font_weight);
            const core::Color meant = background_of(styled, run->node);
            if (contrast_ratio(run->color, meant) < minimum) continue;  // check_contrast reports it
            if (!rects_made) {
                rects_made = true;
                for (std::size_t j = 0; j < page.items.size(); ++j) {
                    if (const auto* r = std::get_if<layout::FilledRect>(&page.items[j])) rects.emplace_back(j, r);
                }
            }
            const core::Color drawn =
                drawn_under(rects, k, run->origin.x + 0.01, run->origin.y - run->size / 3).value_or(paper);
            const double ratio = contrast_ratio(run->color, drawn);
            if (ratio >= minimum) continue;
            reported[run->node] = 1;
            out.push_back({core::Severity::warning, "style.contrast-undrawn",
                           "text colour " + hex_color(run->color) + " is set on background " + hex_color(meant) +
                               ", but page " + std::to_string(i + 1) + " draws " + hex_color(drawn) +
                               " beneath it (contrast " + format_ratio(ratio, minimum) +
                               ":1): the background is missing from the PDF",
                           d.node(run->node).location});
        }
    }
    return out;
}

}  // namespace folio::html
