#include "html/markup.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace folio::html {

void append_text(std::string& out, std::string_view s) {
    for (char ch : s) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += ch;
        }
    }
}

void append_attr(std::string& out, const char* name, std::string_view value) {
    out += ' ';
    out += name;
    out += "=\"";
    for (char ch : value) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += ch;
        }
    }
    out += '"';
}

std::vector<std::string> split_classes(std::string_view classes) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < classes.size()) {
        const auto is_space = [](char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        };
        while (i < classes.size() && is_space(classes[i])) ++i;
        std::size_t j = i;
        while (j < classes.size() && !is_space(classes[j])) ++j;
        if (j > i) {
            std::string name(classes.substr(i, j - i));
            if (std::find(out.begin(), out.end(), name) == out.end())
                out.push_back(std::move(name));
        }
        i = j;
    }
    return out;
}

std::string format_number(double v) {
    double rounded = std::round(v * 10000.0) / 10000.0;
    if (rounded == 0.0 || !std::isfinite(rounded)) return "0";  // also turns -0 into 0
    std::array<char, 64> buf{};
    auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), rounded, std::chars_format::fixed, 4);
    if (ec != std::errc{}) return "0";
    std::string s(buf.data(), end);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

std::string hex_color(const core::Color& c) {
    double rgb[3] = {c.c[0], c.c[1], c.c[2]};
    if (c.space == core::Color::Space::cmyk) {
        for (int i = 0; i < 3; ++i) rgb[i] = (1.0 - c.c[i]) * (1.0 - c.c[3]);
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string out = "#";
    for (double component : rgb) {
        const int v = static_cast<int>(std::lround(std::clamp(component, 0.0, 1.0) * 255.0));
        out += digits[v / 16];
        out += digits[v % 16];
    }
    return out;
}

}  // namespace folio::html
