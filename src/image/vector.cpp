// The vector model's helpers.

#include "image/vector.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace folio::image {

namespace {

/// The fast path of append_decimal: |v| * 10^decimals rounded as an integer and printed by hand.
/// It agrees with std::to_chars (which rounds the exact binary value) when the scaled value is
/// below 1e9, so the product's rounding error is under 1e-7, and not within 1e-6 of a tie;
/// otherwise it declines (false). to_chars with a precision was the top cost of drawings in
/// the PDF and the HTML (issue 23).
bool append_decimal_fast(std::string& out, double v, int decimals) {
    static constexpr double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    static constexpr std::uint32_t iscale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (decimals < 0 || decimals > 6) return false;
    const double scaled = std::fabs(v) * scale[decimals];
    if (!(scaled < 1e9)) return false;
    const double whole = std::floor(scaled);
    if (std::fabs(scaled - whole - 0.5) < 1e-6) return false;
    const auto n = static_cast<std::uint32_t>(scaled - whole > 0.5 ? whole + 1 : whole);
    if (n == 0) {
        out += '0';
        return true;
    }
    if (v < 0) out += '-';
    const std::uint32_t div = iscale[decimals];
    char buf[16];
    auto res = std::to_chars(buf, buf + sizeof buf, n / div);
    out.append(buf, res.ptr);
    std::uint32_t frac = n % div;
    if (frac == 0) return true;
    int digits = decimals;
    while (frac % 10 == 0) {
        frac /= 10;
        --digits;
    }
    out += '.';
    char* end = buf + digits;
    for (char* p = end; p != buf;) {
        *--p = static_cast<char>('0' + frac % 10);
        frac /= 10;
    }
    out.append(buf, end);
    return true;
}

}  // namespace

void append_decimal(std::string& out, double v, int decimals) {
    if (!std::isfinite(v)) v = 0;
    if (append_decimal_fast(out, v, decimals)) return;
    char buf[400];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    std::string_view s(buf, res.ec == std::errc() ? static_cast<std::size_t>(res.ptr - buf) : 0);
    while (s.find('.') != std::string_view::npos && (s.back() == '0' || s.back() == '.')) {
        const bool dot = s.back() == '.';
        s.remove_suffix(1);
        if (dot) break;
    }
    if (s == "-0" || s.empty()) s = "0";
    out += s;
}

core::Rect bounds(const Path& path) {
    if (path.points.empty()) return {};
    double x0 = path.points.front().x, y0 = path.points.front().y, x1 = x0, y1 = y0;
    for (const core::Point p : path.points) {
        x0 = std::min(x0, p.x);
        y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x);
        y1 = std::max(y1, p.y);
    }
    return {x0, y0, x1 - x0, y1 - y0};
}

}  // namespace folio::image
