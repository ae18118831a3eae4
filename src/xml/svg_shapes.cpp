// The geometry of SVG's basic shapes (SVG 1.1 §9: rect with rounded corners, circle, ellipse,
// line, polyline, polygon; path through svg_parse) and the gradients of paint servers (§13.2:
// linear and radial, objectBoundingBox or userSpaceOnUse, gradientTransform, stops, href
// inheritance of stops and attributes).

#include "xml/svg_internal.hpp"

#include <algorithm>
#include <cmath>

#include "xml/svg_parse.hpp"

namespace folio::xml::svg {
namespace {

/// Bezier handle length of a quarter circle of radius 1.
constexpr double kappa = 0.5522847498;

double number_attr(pugi::xml_node el, const char* name, double percent_of, double fallback = 0) {
    const pugi::xml_attribute a = el.attribute(name);
    if (!a) return fallback;
    return length(a.value(), percent_of).value_or(fallback);
}

double diagonal(core::Size v) { return std::sqrt((v.width * v.width + v.height * v.height) / 2); }

void ellipse(image::Path& p, double cx, double cy, double rx, double ry) {
    const double kx = rx * kappa, ky = ry * kappa;
    p.ops = {image::Op::move, image::Op::cubic, image::Op::cubic, image::Op::cubic, image::Op::cubic,
             image::Op::close};
    p.points = {{cx + rx, cy},
                {cx + rx, cy + ky}, {cx + kx, cy + ry}, {cx, cy + ry},
                {cx - kx, cy + ry}, {cx - rx, cy + ky}, {cx - rx, cy},
                {cx - rx, cy - ky}, {cx - kx, cy - ry}, {cx, cy - ry},
                {cx + kx, cy - ry}, {cx + rx, cy - ky}, {cx + rx, cy}};
}

void rect(image::Path& p, double x, double y, double w, double h, double rx, double ry) {
    using image::Op;
    if (rx <= 0 || ry <= 0) {
        p.ops = {Op::move, Op::line, Op::line, Op::line, Op::close};
        p.points = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}};
        return;
    }
    const double kx = rx * (1 - kappa), ky = ry * (1 - kappa);
    p.ops = {Op::move, Op::line, Op::cubic, Op::line, Op::cubic, Op::line, Op::cubic, Op::line, Op::cubic, Op::close};
    p.points = {{x + rx, y}, {x + w - rx, y},
                {x + w - kx, y}, {x + w, y + ky}, {x + w, y + ry},
                {x + w, y + h - ry},
                {x + w, y + h - ky}, {x + w - kx, y + h}, {x + w - rx, y + h},
                {x + rx, y + h},
                {x + kx, y + h}, {x, y + h - ky}, {x, y + h - ry},
                {x, y + ry},
                {x, y + ky}, {x + kx, y}, {x + rx, y}};
}

void poly(image::Path& p, std::string_view points, bool closed, std::string& error) {
    const auto v = number_list(points);
    if (!v) error = "the points list has something other than numbers";
    const std::vector<double> nums = v.value_or(std::vector<double>{});
    for (std::size_t i = 0; i + 1 < nums.size(); i += 2) {
        p.ops.push_back(i == 0 ? image::Op::move : image::Op::line);
        p.points.push_back({nums[i], nums[i + 1]});
    }
    if (nums.size() % 2 == 1 && error.empty()) error = "the points list has an odd count of numbers";
    if (closed && !p.ops.empty()) p.ops.push_back(image::Op::close);
}

/// The attribute `name` of the first element along the href chain of `el` that has it.
pugi::xml_attribute inherited(pugi::xml_node el, const char* name,
                              const std::unordered_map<std::string, pugi::xml_node>& ids) {
    for (int hop = 0; el && hop < 8; ++hop) {
        if (pugi::xml_attribute a = el.attribute(name)) return a;
        bool external = false;
        const auto it = ids.find(fragment(el, external));
        el = it != ids.end() ? it->second : pugi::xml_node();
    }
    return {};
}

/// A gradient coordinate: a fraction or percentage in bounding-box units, else a length.
double coordinate(pugi::xml_attribute a, bool bbox, double percent_of, double fallback) {
    if (!a) return fallback;
    if (!bbox) return length(a.value(), percent_of).value_or(fallback);
    std::string_view s = trimmed(a.value());
    const bool percent = !s.empty() && s.back() == '%';
    if (percent) s.remove_suffix(1);
    const auto v = take_number(s);
    if (!v || !trimmed(s).empty()) return fallback;
    return percent ? *v / 100 : *v;
}

void stops(pugi::xml_node el, image::Gradient& g, std::string& warning) {
    double last = 0;
    for (pugi::xml_node s : el.children()) {
        if (local_name(s) != "stop") continue;
        image::Stop stop;
        std::string_view off = trimmed(s.attribute("offset").value());
        const bool percent = !off.empty() && off.back() == '%';
        if (percent) off.remove_suffix(1);
        const double raw = take_number(off).value_or(0) / (percent ? 100 : 1);
        stop.offset = std::max(last, std::clamp(raw, 0.0, 1.0));
        last = stop.offset;
        const auto c = property(s, "stop-color");
        stop.color = c ? colour(*c).value_or(core::Color::rgb(0, 0, 0)) : core::Color::rgb(0, 0, 0);
        if (c && !colour(*c)) warning = "a stop-color it does not understand is drawn black";
        if (const auto o = property(s, "stop-opacity")) {
            std::string_view t = *o;
            stop.opacity = std::clamp(take_number(t).value_or(1), 0.0, 1.0);
        }
        g.stops.push_back(stop);
    }
}

}  // namespace

std::string_view local_name(pugi::xml_node el) {
    const std::string_view name = el.name();
    const std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::optional<std::string_view> property(pugi::xml_node el, std::string_view name) {
    if (const pugi::xml_attribute style = el.attribute("style")) {
        if (auto v = style_property(style.value(), name)) return v;
    }
    const std::string key(name);
    if (const pugi::xml_attribute a = el.attribute(key.c_str())) return trimmed(a.value());
    return std::nullopt;
}

std::string fragment(pugi::xml_node el, bool& external) {
    pugi::xml_attribute a = el.attribute("href");
    if (!a) a = el.attribute("xlink:href");
    if (!a) return {};
    const std::string_view v = trimmed(a.value());
    if (v.empty()) return {};
    if (v.front() != '#') {
        external = true;
        return {};
    }
    return std::string(v.substr(1));
}

image::Path shape_path(pugi::xml_node el, core::Size viewport, std::string& error) {
    image::Path p;
    const std::string_view name = local_name(el);
    const double vw = viewport.width, vh = viewport.height, vd = diagonal(viewport);
    if (name == "path") {
        p = path_data(el.attribute("d").value(), error);
    } else if (name == "rect") {
        const double w = number_attr(el, "width", vw), h = number_attr(el, "height", vh);
        if (w <= 0 || h <= 0) return p;
        double rx = number_attr(el, "rx", vw, -1), ry = number_attr(el, "ry", vh, -1);
        if (rx < 0) rx = ry;
        if (ry < 0) ry = rx;
        rect(p, number_attr(el, "x", vw), number_attr(el, "y", vh), w, h,
             std::min(std::max(rx, 0.0), w / 2), std::min(std::max(ry, 0.0), h / 2));
    } else if (name == "circle") {
        const double r = number_attr(el, "r", vd);
        if (r > 0) ellipse(p, number_attr(el, "cx", vw), number_attr(el, "cy", vh), r, r);
    } else if (name == "ellipse") {
        const double rx = number_attr(el, "rx", vw), ry = number_attr(el, "ry", vh);
        if (rx > 0 && ry > 0) ellipse(p, number_attr(el, "cx", vw), number_attr(el, "cy", vh), rx, ry);
    } else if (name == "line") {
        p.ops = {image::Op::move, image::Op::line};
        p.points = {{number_attr(el, "x1", vw), number_attr(el, "y1", vh)},
                    {number_attr(el, "x2", vw), number_attr(el, "y2", vh)}};
    } else if (name == "polyline" || name == "polygon") {
        poly(p, el.attribute("points").value(), name == "polygon", error);
    }
    return p;
}

std::optional<image::Gradient> gradient(pugi::xml_node el, const core::Rect& box, core::Size viewport,
                                        const std::unordered_map<std::string, pugi::xml_node>& ids,
                                        std::string& warning) {
    image::Gradient g;
    g.radial = local_name(el) == "radialGradient";
    const bool bbox = std::string_view(inherited(el, "gradientUnits", ids).as_string(
                          "objectBoundingBox")) != "userSpaceOnUse";
    const double vw = bbox ? 1 : viewport.width, vh = bbox ? 1 : viewport.height;
    const auto at = [&](const char* name, double percent_of, double fallback) {
        return coordinate(inherited(el, name, ids), bbox, percent_of, fallback);
    };
    if (g.radial) {
        g.x2 = at("cx", vw, bbox ? 0.5 : vw / 2);
        g.y2 = at("cy", vh, bbox ? 0.5 : vh / 2);
        g.r = at("r", bbox ? 1 : diagonal(viewport), bbox ? 0.5 : diagonal(viewport) / 2);
        g.x1 = at("fx", vw, g.x2);
        g.y1 = at("fy", vh, g.y2);
    } else {
        g.x1 = at("x1", vw, 0);
        g.y1 = at("y1", vh, 0);
        g.x2 = at("x2", vw, bbox ? 1 : vw);
        g.y2 = at("y2", vh, 0);
    }
    if (const pugi::xml_attribute t = inherited(el, "gradientTransform", ids)) {
        const auto m = transform_list(t.value());
        if (m) g.transform = *m;
        else warning = "its gradientTransform cannot be read and is ignored";
    }
    if (std::string_view(inherited(el, "spreadMethod", ids).as_string("pad")) != "pad")
        warning = "only spreadMethod=\"pad\" is drawn";
    // Stops: from the first element along the href chain that has any.
    for (int hop = 0; el && hop < 8 && g.stops.empty(); ++hop) {
        stops(el, g, warning);
        bool external = false;
        const auto it = ids.find(fragment(el, external));
        el = it != ids.end() ? it->second : pugi::xml_node();
    }
    if (g.stops.empty()) return std::nullopt;
    if (bbox) {
        if (box.width <= 0 || box.height <= 0) return std::nullopt;
        g.transform = image::Matrix{box.width, 0, 0, box.height, box.x, box.y}.times(g.transform);
    }
    return g;
}

}  // namespace folio::xml::svg
