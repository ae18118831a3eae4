// The vector model's helpers.

#include "image/vector.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace folio::image {

void append_decimal(std::string& out, double v, int decimals) {
    if (!std::isfinite(v)) v = 0;
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
