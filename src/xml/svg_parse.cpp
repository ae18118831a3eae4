// The SVG micro-syntaxes. Path data follows SVG 1.1 §8.3 (the grammar in §8.3.9): commands
// M L H V C S Q T A Z, absolute and relative, with implicit repeats; quadratic segments are
// raised to cubics exactly, and elliptical arcs are converted with the endpoint-to-centre method
// of SVG 1.1 Appendix F.6.5 and then split into at most 90-degree cubic pieces.

#include "xml/svg_parse.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <numbers>

namespace folio::xml::svg {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

void skip_separators(std::string_view& s) {
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    if (!s.empty() && s.front() == ',') s.remove_prefix(1);
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
}

bool lower_equals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == y;
           });
}

/// The raw bytes of a number at the front of `s` (no separators), or 0 if none.
std::size_t number_extent(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
    }
    if (digits == 0) return 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        const std::size_t start = j;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        if (j > start) i = j;
    }
    return i;
}

/// Arc flags are single characters '0' or '1' and need no separator ("a1 1 0 00 1 1").
std::optional<bool> take_flag(std::string_view& s) {
    std::string_view t = s;
    skip_separators(t);
    if (t.empty() || (t.front() != '0' && t.front() != '1')) return std::nullopt;
    const bool v = t.front() == '1';
    t.remove_prefix(1);
    s = t;
    return v;
}

/// Appends the cubics of an elliptical arc from `p0` to `p1` (SVG 1.1 F.6.5 and F.6.6).
void arc(image::Path& path, core::Point p0, double rx, double ry, double angle, bool large,
         bool sweep, core::Point p1) {
    rx = std::fabs(rx);
    ry = std::fabs(ry);
    if ((p0.x == p1.x && p0.y == p1.y)) return;
    if (rx == 0 || ry == 0) {
        path.ops.push_back(image::Op::line);
        path.points.push_back(p1);
        return;
    }
    const double phi = angle * std::numbers::pi / 180;
    const double cs = std::cos(phi), sn = std::sin(phi);
    const double dx = (p0.x - p1.x) / 2, dy = (p0.y - p1.y) / 2;
    const double x1 = cs * dx + sn * dy, y1 = -sn * dx + cs * dy;
    const double lambda = x1 * x1 / (rx * rx) + y1 * y1 / (ry * ry);
    if (lambda > 1) {
        rx *= std::sqrt(lambda);
        ry *= std::sqrt(lambda);
    }
    const double num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
    const double den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
    double coef = den > 0 ? std::sqrt(std::max(0.0, num / den)) : 0;
    if (large == sweep) coef = -coef;
    const double cxp = coef * rx * y1 / ry, cyp = -coef * ry * x1 / rx;
    const double cx = cs * cxp - sn * cyp + (p0.x + p1.x) / 2;
    const double cy = sn * cxp + cs * cyp + (p0.y + p1.y) / 2;
    const auto ang = [](double ux, double uy, double vx, double vy) {
        return std::atan2(ux * vy - uy * vx, ux * vx + uy * vy);
    };
    const double t1 = ang(1, 0, (x1 - cxp) / rx, (y1 - cyp) / ry);
    double dt = ang((x1 - cxp) / rx, (y1 - cyp) / ry, (-x1 - cxp) / rx, (-y1 - cyp) / ry);
    if (!sweep && dt > 0) dt -= 2 * std::numbers::pi;
    if (sweep && dt < 0) dt += 2 * std::numbers::pi;
    const int pieces = std::max(1, static_cast<int>(std::ceil(std::fabs(dt) / (std::numbers::pi / 2) - 1e-9)));
    const double step = dt / pieces;
    const double k = 4.0 / 3.0 * std::tan(step / 4);
    const auto point = [&](double t, double ex, double ey) {  // ellipse point (+ scaled tangent)
        const double x = rx * std::cos(t) + ex, y = ry * std::sin(t) + ey;
        return core::Point{cs * x - sn * y + cx, sn * x + cs * y + cy};
    };
    for (int i = 0; i < pieces; ++i) {
        const double a = t1 + step * i, b = a + step;
        path.ops.push_back(image::Op::cubic);
        path.points.push_back(point(a, -k * rx * std::sin(a), k * ry * std::cos(a)));
        path.points.push_back(point(b, k * rx * std::sin(b), -k * ry * std::cos(b)));
        path.points.push_back(i + 1 == pieces ? p1 : point(b, 0, 0));
    }
}

/// The state of a path being read: the current point, the subpath start and the last control.
struct PathState {
    image::Path path;
    core::Point current, start, control;
    char previous = 0;
};

void add(PathState& st, image::Op op, std::initializer_list<core::Point> pts) {
    st.path.ops.push_back(op);
    st.path.points.insert(st.path.points.end(), pts);
}

/// Applies one command with its numbers (already read, relative not yet resolved).
void command(PathState& st, char cmd, const double* v) {
    const bool rel = std::islower(static_cast<unsigned char>(cmd)) != 0;
    const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(cmd)));
    const core::Point o = rel ? st.current : core::Point{0, 0};
    const auto at = [&](int i) { return core::Point{o.x + v[i], o.y + v[i + 1]}; };
    const bool smooth_cubic = st.previous == 'C' || st.previous == 'S';
    const bool smooth_quad = st.previous == 'Q' || st.previous == 'T';
    const core::Point reflected{2 * st.current.x - st.control.x, 2 * st.current.y - st.control.y};
    core::Point end = st.current;
    core::Point control = st.current;
    switch (up) {
        case 'M': end = at(0); add(st, image::Op::move, {end}); st.start = end; break;
        case 'L': end = at(0); add(st, image::Op::line, {end}); break;
        case 'H': end = {o.x + v[0], st.current.y}; add(st, image::Op::line, {end}); break;
        case 'V': end = {st.current.x, (rel ? st.current.y : 0) + v[0]}; add(st, image::Op::line, {end}); break;
        case 'C': control = at(2); end = at(4); add(st, image::Op::cubic, {at(0), control, end}); break;
        case 'S':
            control = at(0);
            end = at(2);
            add(st, image::Op::cubic, {smooth_cubic ? reflected : st.current, control, end});
            break;
        case 'Q':
        case 'T': {
            const core::Point q = up == 'Q' ? at(0) : (smooth_quad ? reflected : st.current);
            end = up == 'Q' ? at(2) : at(0);
            const core::Point c0 = st.current;
            add(st, image::Op::cubic,
                {{c0.x + 2.0 / 3 * (q.x - c0.x), c0.y + 2.0 / 3 * (q.y - c0.y)},
                 {end.x + 2.0 / 3 * (q.x - end.x), end.y + 2.0 / 3 * (q.y - end.y)},
                 end});
            control = q;
            break;
        }
        case 'A':
            end = at(5);
            arc(st.path, st.current, v[0], v[1], v[2], v[3] != 0, v[4] != 0, end);
            break;
        default: break;
    }
    st.current = end;
    st.control = (up == 'C' || up == 'S' || up == 'Q' || up == 'T') ? control : end;
    st.previous = up;
    if (up == 'M') st.previous = 'L';  // implicit repeats of M are line-tos
}

int operand_count(char up) {
    switch (up) {
        case 'M': case 'L': case 'T': return 2;
        case 'H': case 'V': return 1;
        case 'C': return 6;
        case 'S': case 'Q': return 4;
        case 'A': return 7;
        default: return 0;
    }
}

}  // namespace

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

std::optional<double> take_number(std::string_view& s) {
    std::string_view t = s;
    skip_separators(t);
    const std::size_t n = number_extent(t);
    if (n == 0) return std::nullopt;
    double v = 0;
    const char* first = t.data() + (t.front() == '+' ? 1 : 0);
    const auto [ptr, ec] = std::from_chars(first, t.data() + n, v);
    if (ec != std::errc() || !std::isfinite(v)) return std::nullopt;
    (void)ptr;
    t.remove_prefix(n);
    s = t;
    return v;
}

std::optional<std::vector<double>> number_list(std::string_view s) {
    std::vector<double> out;
    while (true) {
        auto v = take_number(s);
        if (!v) break;
        out.push_back(*v);
    }
    if (!trimmed(s).empty()) return std::nullopt;
    return out;
}

std::optional<double> length(std::string_view s, double percent_of) {
    s = trimmed(s);
    auto v = take_number(s);
    if (!v) return std::nullopt;
    static constexpr std::array<std::pair<std::string_view, double>, 9> units{{
        {"", 1}, {"px", 1}, {"pt", 96.0 / 72}, {"pc", 16}, {"mm", 96 / 25.4},
        {"cm", 96 / 2.54}, {"in", 96}, {"em", 16}, {"ex", 8}}};
    if (s == "%") return *v * percent_of / 100;
    for (const auto& [unit, scale] : units) {
        if (lower_equals(s, unit)) return *v * scale;
    }
    return std::nullopt;
}

image::Path path_data(std::string_view d, std::string& error) {
    PathState st;
    char cmd = 0;
    while (true) {
        while (!d.empty() && space(d.front())) d.remove_prefix(1);
        if (d.empty()) break;
        const char c = d.front();
        if (std::isalpha(static_cast<unsigned char>(c))) {
            d.remove_prefix(1);
            const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (up == 'Z') {
                if (!st.path.ops.empty()) st.path.ops.push_back(image::Op::close);
                st.current = st.start;
                st.previous = 'Z';
                cmd = 0;
                continue;
            }
            if (operand_count(up) == 0) { error = std::string("unknown path command '") + c + "'"; break; }
            if (st.path.ops.empty() && up != 'M') { error = "path data must begin with a moveto"; break; }
            cmd = c;
        } else if (cmd == 0) {
            error = "a number without a command in the path data";
            break;
        }
        const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(cmd)));
        double v[7] = {};
        bool ok = true;
        for (int i = 0; i < operand_count(up) && ok; ++i) {
            if (up == 'A' && (i == 3 || i == 4)) {
                const auto f = take_flag(d);
                ok = f.has_value();
                v[i] = f && *f ? 1 : 0;
            } else {
                const auto n = take_number(d);
                ok = n.has_value();
                v[i] = n.value_or(0);
            }
        }
        if (!ok) { error = "path data ends early or has a bad number"; break; }
        command(st, cmd, v);
        if (up == 'M') cmd = std::islower(static_cast<unsigned char>(cmd)) ? 'l' : 'L';
        skip_separators(d);
    }
    return std::move(st.path);
}

std::optional<image::Matrix> transform_list(std::string_view s) {
    image::Matrix m;
    while (true) {
        s = trimmed(s);
        if (!s.empty() && s.front() == ',') s = trimmed(s.substr(1));
        if (s.empty()) return m;
        const std::size_t open = s.find('(');
        const std::size_t close = s.find(')');
        if (open == std::string_view::npos || close == std::string_view::npos || close < open)
            return std::nullopt;
        const std::string_view name = trimmed(s.substr(0, open));
        const auto args = number_list(s.substr(open + 1, close - open - 1));
        s.remove_prefix(close + 1);
        if (!args) return std::nullopt;
        const std::vector<double>& a = *args;
        const std::size_t n = a.size();
        image::Matrix t;
        const double rad = n > 0 ? a[0] * std::numbers::pi / 180 : 0;
        if (name == "matrix" && n == 6) {
            t = {a[0], a[1], a[2], a[3], a[4], a[5]};
        } else if (name == "translate" && (n == 1 || n == 2)) {
            t.e = a[0];
            t.f = n == 2 ? a[1] : 0;
        } else if (name == "scale" && (n == 1 || n == 2)) {
            t.a = a[0];
            t.d = n == 2 ? a[1] : a[0];
        } else if (name == "rotate" && (n == 1 || n == 3)) {
            const double cx = n == 3 ? a[1] : 0, cy = n == 3 ? a[2] : 0;
            const image::Matrix r{std::cos(rad), std::sin(rad), -std::sin(rad), std::cos(rad), 0, 0};
            t = image::Matrix{1, 0, 0, 1, cx, cy}.times(r).times(image::Matrix{1, 0, 0, 1, -cx, -cy});
        } else if (name == "skewX" && n == 1) {
            t.c = std::tan(rad);
        } else if (name == "skewY" && n == 1) {
            t.b = std::tan(rad);
        } else {
            return std::nullopt;
        }
        m = m.times(t);
    }
}

std::optional<core::Color> colour(std::string_view s) {
    s = trimmed(s);
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    if (!s.empty() && s.front() == '#') {
        int d[6];
        const std::size_t n = s.size() - 1;
        if (n != 3 && n != 6) return std::nullopt;
        for (std::size_t i = 0; i < n; ++i) {
            d[i] = hex(s[i + 1]);
            if (d[i] < 0) return std::nullopt;
        }
        if (n == 3) return core::Color::rgb(d[0] * 17 / 255.0, d[1] * 17 / 255.0, d[2] * 17 / 255.0);
        return core::Color::rgb((d[0] * 16 + d[1]) / 255.0, (d[2] * 16 + d[3]) / 255.0,
                                (d[4] * 16 + d[5]) / 255.0);
    }
    if (s.size() > 5 && lower_equals(s.substr(0, 4), "rgb(") && s.back() == ')') {
        std::string_view in = s.substr(4, s.size() - 5);
        double c[3];
        for (double& v : c) {
            auto n = take_number(in);
            if (!n) return std::nullopt;
            in = trimmed(in);
            const bool percent = !in.empty() && in.front() == '%';
            if (percent) in.remove_prefix(1);
            v = std::clamp(percent ? *n / 100 : *n / 255, 0.0, 1.0);
        }
        if (!trimmed(in).empty()) return std::nullopt;
        return core::Color::rgb(c[0], c[1], c[2]);
    }
    static constexpr std::array<std::pair<std::string_view, std::uint32_t>, 24> named{{
        {"black", 0x000000}, {"white", 0xffffff}, {"red", 0xff0000}, {"green", 0x008000},
        {"blue", 0x0000ff}, {"yellow", 0xffff00}, {"cyan", 0x00ffff}, {"aqua", 0x00ffff},
        {"magenta", 0xff00ff}, {"fuchsia", 0xff00ff}, {"gray", 0x808080}, {"grey", 0x808080},
        {"silver", 0xc0c0c0}, {"maroon", 0x800000}, {"olive", 0x808000}, {"lime", 0x00ff00},
        {"teal", 0x008080}, {"navy", 0x000080}, {"purple", 0x800080}, {"orange", 0xffa500},
        {"darkgray", 0xa9a9a9}, {"lightgray", 0xd3d3d3}, {"darkblue", 0x00008b}, {"gold", 0xffd700}}};
    for (const auto& [name, v] : named) {
        if (lower_equals(s, name)) {
            return core::Color::rgb((v >> 16 & 255) / 255.0, (v >> 8 & 255) / 255.0, (v & 255) / 255.0);
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> style_property(std::string_view style, std::string_view name) {
    std::optional<std::string_view> found;  // the last declaration wins
    while (!style.empty()) {
        const std::size_t end = std::min(style.find(';'), style.size());
        const std::string_view decl = style.substr(0, end);
        style.remove_prefix(std::min(end + 1, style.size()));
        const std::size_t colon = decl.find(':');
        if (colon == std::string_view::npos) continue;
        if (trimmed(decl.substr(0, colon)) == name) found = trimmed(decl.substr(colon + 1));
    }
    return found;
}

}  // namespace folio::xml::svg
