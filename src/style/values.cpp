#include "style/values.hpp"

#include "style/placement.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

namespace folio::style {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

/// Splits "a, b, c" at commas.
std::vector<std::string_view> split_args(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == ',') {
            out.push_back(trim(s.substr(start, i - start)));
            start = i + 1;
        }
    }
    return out;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// A component "50%" (of `scale`) or a plain number divided by `scale`, clamped to 0..1.
std::optional<double> component(std::string_view s, double scale) {
    bool percent = !s.empty() && s.back() == '%';
    if (percent) s.remove_suffix(1);
    auto n = parse_number(s);
    if (!n || *n < 0) return std::nullopt;
    const double v = percent ? *n / 100.0 : *n / scale;
    if (v > 1.0) return std::nullopt;
    return v;
}

}  // namespace

std::optional<double> parse_number(std::string_view v) {
    v = trim(v);
    if (v.empty()) return std::nullopt;
    double out = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || ptr != v.data() + v.size()) return std::nullopt;
    return out;
}

std::optional<double> parse_length(std::string_view v, double font_size) {
    v = trim(v);
    if (v == "0") return 0.0;
    struct Unit { std::string_view suffix; double factor; };
    static constexpr Unit units[] = {{"pt", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 720.0 / 25.4},
                                     {"in", 72.0}, {"px", 0.75}, {"em", 0.0}};
    for (const auto& u : units) {
        if (v.size() > u.suffix.size() && v.substr(v.size() - u.suffix.size()) == u.suffix) {
            auto n = parse_number(v.substr(0, v.size() - u.suffix.size()));
            if (!n) return std::nullopt;
            return *n * (u.factor == 0.0 ? font_size : u.factor);
        }
    }
    return std::nullopt;
}

std::optional<core::Color> parse_color(std::string_view v) {
    v = trim(v);
    if (v.starts_with("spot")) return parse_spot(v);  // a named ink (placement.cpp)
    if (!v.empty() && v[0] == '#') {
        auto hex = v.substr(1);
        if (hex.size() != 3 && hex.size() != 6) return std::nullopt;
        if (std::any_of(hex.begin(), hex.end(), [](char c) { return hex_digit(c) < 0; })) return std::nullopt;
        double rgb[3];
        for (int i = 0; i < 3; ++i) {
            const int value = hex.size() == 3 ? hex_digit(hex[i]) * 17 : hex_digit(hex[2 * i]) * 16 + hex_digit(hex[2 * i + 1]);
            rgb[i] = value / 255.0;
        }
        return core::Color::rgb(rgb[0], rgb[1], rgb[2]);
    }
    auto func = [&](std::string_view name) -> std::optional<std::vector<std::string_view>> {
        if (v.size() < name.size() + 2 || v.substr(0, name.size()) != name) return std::nullopt;
        auto rest = trim(v.substr(name.size()));
        if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') return std::nullopt;
        return split_args(rest.substr(1, rest.size() - 2));
    };
    if (auto args = func("rgb"); args && args->size() == 3) {
        double c[3];
        for (int i = 0; i < 3; ++i) {
            auto x = component((*args)[i], 255.0);
            if (!x) return std::nullopt;
            c[i] = *x;
        }
        return core::Color::rgb(c[0], c[1], c[2]);
    }
    if (auto args = func("cmyk"); args && args->size() == 4) {
        double c[4];
        for (int i = 0; i < 4; ++i) {
            auto x = component((*args)[i], 1.0);
            if (!x) return std::nullopt;
            c[i] = *x;
        }
        return core::Color::cmyk(c[0], c[1], c[2], c[3]);
    }
    return std::nullopt;
}

std::optional<core::Size> parse_page_size(std::string_view v) {
    v = trim(v);
    std::string name(v);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    struct Named { std::string_view name; double w_mm, h_mm; };
    static constexpr Named named[] = {{"a3", 297, 420}, {"a4", 210, 297}, {"a5", 148, 210},
                                      {"dl", 99, 210}, {"letter", 215.9, 279.4}};
    for (const auto& n : named) {
        if (name == n.name) return core::Size{n.w_mm * 72.0 / 25.4, n.h_mm * 72.0 / 25.4};
    }
    const auto space = v.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    auto w = parse_length(v.substr(0, space), 0);
    auto h = parse_length(trim(v.substr(space + 1)), 0);
    if (!w || !h || *w < 3 || *h < 3 || *w > 14400 || *h > 14400) return std::nullopt;
    return core::Size{*w, *h};
}

}  // namespace folio::style
