// read_svg: a static SVG -> image::Drawing (docs/graphics.md).
//
// Control flow: refuse entity declarations -> parse with pugixml (no DOCTYPE processing, so no
// entity is ever expanded) -> root <svg>: size, viewBox and preserveAspectRatio make the root
// transform -> index every id -> walk the tree depth first with the inherited state (transform,
// paint, stroke, opacity, clip): groups and <use> push state, an element with `opacity` below 1
// opens a translucent group (image::Group), shapes become image::Shapes with their gradients
// resolved against their bounding box -> fold the groups that need no compositing of their own
// (image::fold_groups). Everything not drawn is warned about once per element name, at its first
// line. The limits (SvgLimits) stop the walk with an error.

#include "xml/svg.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "xml/svg_internal.hpp"
#include "xml/svg_parse.hpp"
#include "xml/xml_util.hpp"

namespace folio::xml {
namespace {

using svg::local_name;
using svg::property;

/// What descendants inherit (SVG's inherited properties) plus the transform and clip.
struct State {
    image::Matrix ctm;
    image::Paint fill{image::Paint::Kind::colour, core::Color::rgb(0, 0, 0), 0};
    image::Paint stroke;
    std::string fill_ref, stroke_ref;  ///< gradient ids when the paint is url(#id)
    image::Stroke line;
    core::Color current = core::Color::rgb(0, 0, 0);
    double fill_opacity = 1, stroke_opacity = 1;
    std::int32_t group = -1;  ///< the innermost translucent group (image::Group)
    bool even_odd = false;
    bool visible = true;
    std::int32_t clip = -1;
    int depth = 0;
    int use_depth = 0;
};

/// Elements that draw nothing themselves and are read only where referenced, silently.
const std::set<std::string_view> quiet = {"defs", "title", "desc", "metadata", "linearGradient",
                                          "radialGradient", "clipPath", "symbol", "stop"};
/// Elements that hold other elements and are drawn as a group.
const std::set<std::string_view> groups = {"g", "svg", "a", "switch"};
/// Shapes.
const std::set<std::string_view> shapes = {"path", "rect", "circle", "ellipse", "line", "polyline",
                                           "polygon"};

double number_or(std::optional<std::string_view> v, double fallback) {
    if (!v) return fallback;
    std::string_view s = *v;
    return svg::take_number(s).value_or(fallback);
}

class SvgReader {
public:
    SvgReader(const core::SourceFile& file, core::Diagnostics& diags, const SvgLimits& limits)
        : m_file(file), m_diags(diags), m_limits(limits) {}

    core::Result<image::Drawing> read(pugi::xml_node root) {
        State st;
        root_frame(root, st);
        index(root);
        for (pugi::xml_node c : root.children()) {
            if (local_name(c) == "title" && m_drawing.title.empty())
                m_drawing.title = detail::collapse_space(detail::trim(c.text().get()));
        }
        if (m_visible) children(root, st);
        if (m_failed) return core::unexpected(*m_failed);
        image::fold_groups(m_drawing);
        paint_limits(root);
        return std::move(m_drawing);
    }

private:
    core::SourceLocation where(pugi::xml_node el) const { return detail::element_location(m_file, el); }

    void warn_once(pugi::xml_node el, const std::string& key, const std::string& message) {
        if (!m_warned.insert(key).second) return;
        m_diags.warning("svg.unsupported", message, where(el));
    }

    void fail(pugi::xml_node el, const std::string& message) {
        if (!m_failed) m_failed = core::Diagnostic{core::Severity::error, "svg.limit", message, where(el)};
    }

    /// The drawing's size and the root transform from viewBox and preserveAspectRatio.
    void root_frame(pugi::xml_node root, State& st) {
        std::optional<std::vector<double>> box;
        if (const pugi::xml_attribute vb = root.attribute("viewBox")) {
            box = svg::number_list(vb.value());
            if (!box || box->size() != 4) {
                warn_once(root, "viewBox", "the viewBox of <svg> is not four numbers; it is ignored");
                box.reset();
            } else if ((*box)[2] <= 0 || (*box)[3] <= 0) {
                warn_once(root, "viewBox", "the viewBox of <svg> has no area: nothing is drawn");
                m_visible = false;
                box.reset();
            }
        }
        const double bw = box ? (*box)[2] : 300, bh = box ? (*box)[3] : 150;
        const auto len = [&](const char* name, double whole) -> std::optional<double> {
            const pugi::xml_attribute a = root.attribute(name);
            if (!a) return std::nullopt;
            return svg::length(a.value(), whole);
        };
        std::optional<double> w = len("width", bw), h = len("height", bh);
        if (w && !h) h = *w * bh / bw;
        if (h && !w) w = *h * bw / bh;
        double width = w.value_or(bw), height = h.value_or(bh);
        if (!(width > 0) || !(height > 0) || width > m_limits.max_coordinate || height > m_limits.max_coordinate) {
            warn_once(root, "size", "the width or height of <svg> is zero, negative or too large: nothing is drawn");
            m_visible = false;
            width = std::clamp(std::isfinite(width) ? width : 1, 1.0, 1e4);
            height = std::clamp(std::isfinite(height) ? height : 1, 1.0, 1e4);
        }
        m_drawing.size = {width, height};
        m_viewport = box ? core::Size{bw, bh} : core::Size{width, height};
        if (!box) return;
        double sx = width / bw, sy = height / bh;
        std::string_view par = svg::trimmed(root.attribute("preserveAspectRatio").as_string("xMidYMid meet"));
        double tx = 0, ty = 0;
        if (par.substr(0, 4) != "none") {
            const bool slice = par.find("slice") != std::string_view::npos;
            const double s = slice ? std::max(sx, sy) : std::min(sx, sy);
            const double fx = par.find("xMin") != std::string_view::npos ? 0 : par.find("xMax") != std::string_view::npos ? 1 : 0.5;
            const double fy = par.find("YMin") != std::string_view::npos ? 0 : par.find("YMax") != std::string_view::npos ? 1 : 0.5;
            tx = (width - bw * s) * fx;
            ty = (height - bh * s) * fy;
            sx = sy = s;
        }
        st.ctm = image::Matrix{sx, 0, 0, sy, tx - (*box)[0] * sx, ty - (*box)[1] * sy};
    }

    void index(pugi::xml_node root) {
        for (pugi::xml_node el = root; el;) {
            if (const pugi::xml_attribute id = el.attribute("id")) m_ids.emplace(id.value(), el);
            if (el.first_child()) { el = el.first_child(); continue; }
            while (el && !el.next_sibling() && el != root) el = el.parent();
            if (!el || el == root) break;
            el = el.next_sibling();
        }
    }

    void children(pugi::xml_node parent, const State& st) {
        for (pugi::xml_node c : parent.children()) {
            if (m_failed) return;
            if (c.type() == pugi::node_element) element(c, st);
        }
    }

    void element(pugi::xml_node el, const State& parent) {
        if (++m_visited > 1'000'000) return fail(el, "the drawing expands to more than 1000000 elements");
        const std::string_view name = local_name(el);
        if (quiet.count(name)) return;
        const bool is_group = groups.count(name) > 0, is_shape = shapes.count(name) > 0;
        if (!is_group && !is_shape && name != "use") return unsupported(el, name);
        if (parent.depth + 1 > m_limits.max_depth) {
            return fail(el, "elements nested deeper than " + std::to_string(m_limits.max_depth));
        }
        if (property(el, "display") == std::optional<std::string_view>("none")) return;
        State st = parent;
        st.depth = parent.depth + 1;
        if (!apply(el, st)) return;
        if (is_group) return children(el, st);
        if (name == "use") return use(el, st);
        shape(el, st);
    }

    void unsupported(pugi::xml_node el, std::string_view name) {
        std::string why = "is not drawn";
        if (name == "script") why = "is never run";
        else if (name == "text") why = "is not drawn (convert text to paths)";
        else if (name == "image" || name == "foreignObject") why = "is not drawn; external content is never loaded";
        else if (name.substr(0, 7) == "animate" || name == "set") why = "is not played; the drawing is static";
        else if (name == "style") why = "is not applied; use presentation attributes";
        warn_once(el, std::string(name), "SVG <" + std::string(name) + "> " + why);
    }

    /// Applies the element's transform, style properties and clip to `st`; false to skip it.
    bool apply(pugi::xml_node el, State& st) {
        if (const pugi::xml_attribute t = el.attribute("transform")) {
            const auto m = svg::transform_list(t.value());
            if (!m) warn_once(el, "transform", "a transform of <" + std::string(local_name(el)) + "> cannot be read and is ignored");
            else st.ctm = st.ctm.times(*m);
        }
        if (const auto c = property(el, "color")) {
            if (const auto parsed = svg::colour(*c)) st.current = *parsed;
        }
        paint(el, "fill", st.fill, st.fill_ref, st);
        paint(el, "stroke", st.stroke, st.stroke_ref, st);
        st.fill_opacity = std::clamp(number_or(property(el, "fill-opacity"), st.fill_opacity), 0.0, 1.0);
        st.stroke_opacity = std::clamp(number_or(property(el, "stroke-opacity"), st.stroke_opacity), 0.0, 1.0);
        if (const double o = std::clamp(number_or(property(el, "opacity"), 1), 0.0, 1.0); o <= 0) {
            return false;  // draws nothing
        } else if (o < 1) {  // composited as one (fold_groups undoes what needs no group)
            m_drawing.groups.push_back(image::Group{o, st.group});
            st.group = static_cast<std::int32_t>(m_drawing.groups.size() - 1);
        }
        if (const auto r = property(el, "fill-rule")) st.even_odd = *r == "evenodd";
        if (const auto v = property(el, "visibility")) {
            if (*v == "hidden" || *v == "collapse") st.visible = false;
            else if (*v == "visible") st.visible = true;
        }
        stroke_properties(el, st.line);
        for (const char* ignored : {"filter", "mask", "marker-start", "marker-mid", "marker-end"}) {
            if (property(el, ignored)) warn_once(el, ignored, std::string("the SVG property ") + ignored + " is not supported and is ignored");
        }
        if (const auto c = property(el, "clip-path"); c && *c != "none") clip(el, *c, st);
        return true;
    }

    void paint(pugi::xml_node el, const char* name, image::Paint& p, std::string& ref, const State& st) {
        const auto v = property(el, name);
        if (!v) return;
        ref.clear();
        if (*v == "none") { p.kind = image::Paint::Kind::none; return; }
        if (*v == "currentColor") { p = {image::Paint::Kind::colour, st.current, 0}; return; }
        if (v->substr(0, 5) == "url(#") {
            const std::size_t close = v->find(')');
            ref = std::string(v->substr(5, close == std::string_view::npos ? std::string_view::npos : close - 5));
            p.kind = image::Paint::Kind::gradient;
            return;
        }
        if (const auto c = svg::colour(*v)) { p = {image::Paint::Kind::colour, *c, 0}; return; }
        warn_once(el, std::string("paint ") + name, "the " + std::string(name) + " \"" + std::string(*v) + "\" is not a colour folio knows; it is drawn black");
        p = {image::Paint::Kind::colour, core::Color::rgb(0, 0, 0), 0};
    }

    void stroke_properties(pugi::xml_node el, image::Stroke& s) const {
        const double diag = std::sqrt((m_viewport.width * m_viewport.width + m_viewport.height * m_viewport.height) / 2);
        if (const auto w = property(el, "stroke-width")) s.width = std::max(0.0, svg::length(*w, diag).value_or(s.width));
        if (const auto c = property(el, "stroke-linecap")) s.cap = *c == "round" ? 1 : *c == "square" ? 2 : 0;
        if (const auto j = property(el, "stroke-linejoin")) s.join = *j == "round" ? 1 : *j == "bevel" ? 2 : 0;
        s.miter_limit = std::max(1.0, number_or(property(el, "stroke-miterlimit"), s.miter_limit));
        if (const auto d = property(el, "stroke-dasharray")) {
            s.dashes.clear();
            std::string_view rest = *d;
            while (auto n = svg::take_number(rest)) {
                rest = svg::trimmed(rest);
                if (!rest.empty() && rest.front() == '%') rest.remove_prefix(1);
                while (!rest.empty() && std::isalpha(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
                s.dashes.push_back(*n);
            }
            const bool bad = std::any_of(s.dashes.begin(), s.dashes.end(), [](double v) { return v < 0; });
            const bool zero = std::all_of(s.dashes.begin(), s.dashes.end(), [](double v) { return v == 0; });
            if (bad || zero || s.dashes.size() > 64) s.dashes.clear();
            if (s.dashes.size() % 2 == 1) s.dashes.insert(s.dashes.end(), s.dashes.begin(), s.dashes.end());
        }
        if (const auto o = property(el, "stroke-dashoffset")) s.dash_offset = svg::length(*o, diag).value_or(0);
    }

    void clip(pugi::xml_node el, std::string_view value, State& st) {
        const auto it = value.substr(0, 5) == "url(#" ? m_ids.find(std::string(value.substr(5, value.find(')') - 5)))
                                                      : m_ids.end();
        if (it == m_ids.end() || local_name(it->second) != "clipPath") {
            return warn_once(el, "clip-ref", "clip-path \"" + std::string(value) + "\" names no <clipPath>; it is ignored");
        }
        const pugi::xml_node cp = it->second;
        if (std::string_view(cp.attribute("clipPathUnits").value()) == "objectBoundingBox") {
            return warn_once(cp, "clip-units", "clipPathUnits=\"objectBoundingBox\" is not supported; the clip is ignored");
        }
        image::Matrix base = st.ctm;
        if (const auto m = svg::transform_list(cp.attribute("transform").value())) base = base.times(*m);
        image::Path joined;  // the union of the clip's shapes, as one nonzero path
        for (pugi::xml_node c : cp.children()) {
            if (!shapes.count(local_name(c))) continue;
            std::string error;
            const image::Path p = svg::shape_path(c, m_viewport, error);
            image::Matrix m = base;
            if (const auto t = svg::transform_list(c.attribute("transform").value())) m = m.times(*t);
            joined.ops.insert(joined.ops.end(), p.ops.begin(), p.ops.end());
            for (core::Point q : p.points) joined.points.push_back(m.apply(q));
        }
        if (!count_points(cp, joined.points.size())) return;
        image::Clip next = st.clip >= 0 ? m_drawing.clips[static_cast<std::size_t>(st.clip)] : image::Clip{};
        next.paths.push_back(std::move(joined));
        next.even_odd.push_back(std::string_view(cp.attribute("clip-rule").value()) == "evenodd");
        m_drawing.clips.push_back(std::move(next));
        st.clip = static_cast<std::int32_t>(m_drawing.clips.size() - 1);
    }

    /// Past SvgLimits::max_groups and max_masks, opacities are multiplied into each shape and a
    /// gradient takes its first stop's opacity throughout, with a warning (the PDF makes an
    /// object of each group and mask, and a page holds at most 4095 of a kind).
    void paint_limits(pugi::xml_node root) {
        if (m_drawing.groups.size() > m_limits.max_groups) {
            warn_once(root, "groups", "more than " + std::to_string(m_limits.max_groups) +
                                          " translucent groups: the opacity of the rest is given to each of their shapes");
            image::flatten_groups(m_drawing, m_limits.max_groups);
        }
        std::size_t masks = 0;
        for (const image::Shape& s : m_drawing.shapes) {
            if (s.fill.kind != image::Paint::Kind::gradient || s.fill.gradient >= m_drawing.gradients.size()) continue;
            std::vector<image::Stop>& stops = m_drawing.gradients[s.fill.gradient].stops;
            const bool varies = std::any_of(stops.begin(), stops.end(),
                                            [&](const image::Stop& t) { return t.opacity != stops.front().opacity; });
            if (!varies || ++masks <= m_limits.max_masks) continue;
            warn_once(root, "masks", "more than " + std::to_string(m_limits.max_masks) +
                                         " gradients fade in opacity: the rest take their first stop's opacity throughout");
            for (image::Stop& t : stops) t.opacity = stops.front().opacity;
        }
    }

    bool count_points(pugi::xml_node el, std::size_t n) {
        m_points += n;
        if (m_points <= m_limits.max_points) return true;
        fail(el, "the drawing has more than " + std::to_string(m_limits.max_points) + " path points");
        return false;
    }

    void use(pugi::xml_node el, State& st) {
        bool external = false;
        const std::string id = svg::fragment(el, external);
        if (external) return warn_once(el, "external", "<use> of an external file is never followed");
        const auto it = m_ids.find(id);
        if (it == m_ids.end()) return warn_once(el, "use-missing", "<use> names no element of this file (\"#" + id + "\")");
        if (st.use_depth + 1 > m_limits.max_use_depth) {
            return fail(el, "<use> nested deeper than " + std::to_string(m_limits.max_use_depth) + " (a reference loop?)");
        }
        st.use_depth += 1;
        const double x = svg::length(el.attribute("x").value(), m_viewport.width).value_or(0);
        const double y = svg::length(el.attribute("y").value(), m_viewport.height).value_or(0);
        st.ctm = st.ctm.times(image::Matrix{1, 0, 0, 1, x, y});
        const pugi::xml_node target = it->second;
        if (local_name(target) == "symbol") {
            State inner = st;
            if (!apply(target, inner)) return;
            return children(target, inner);
        }
        element(target, st);
    }

    void shape(pugi::xml_node el, const State& st);

    const core::SourceFile& m_file;
    core::Diagnostics& m_diags;
    const SvgLimits& m_limits;
    image::Drawing m_drawing;
    core::Size m_viewport{300, 150};
    std::unordered_map<std::string, pugi::xml_node> m_ids;
    std::set<std::string> m_warned;
    std::optional<core::Diagnostic> m_failed;
    std::size_t m_points = 0;
    std::size_t m_visited = 0;
    bool m_visible = true;
};

void SvgReader::shape(pugi::xml_node el, const State& st) {
    if (!st.visible) return;
    std::string error;
    image::Path path = svg::shape_path(el, m_viewport, error);
    if (!error.empty()) warn_once(el, "path " + error, "<" + std::string(local_name(el)) + ">: " + error + "; drawn up to there");
    if (path.ops.empty() || !count_points(el, path.points.size())) return;
    const double limit = m_limits.max_coordinate;
    const bool huge = std::any_of(path.points.begin(), path.points.end(), [&](core::Point p) {
        return !(std::fabs(p.x) <= limit && std::fabs(p.y) <= limit);
    });
    if (huge) return warn_once(el, "huge", "a coordinate of <" + std::string(local_name(el)) + "> is beyond +-" + std::to_string(static_cast<long>(limit)) + "; the shape is skipped");
    if (m_drawing.shapes.size() >= m_limits.max_shapes) {
        return fail(el, "the drawing has more than " + std::to_string(m_limits.max_shapes) + " shapes");
    }
    image::Shape s;
    s.transform = st.ctm;
    s.fill = st.fill;
    s.stroke = st.stroke;
    s.line = st.line;
    s.fill_opacity = st.fill_opacity;
    s.stroke_opacity = st.stroke_opacity;
    s.group = st.group;
    s.even_odd = st.even_odd;
    s.clip = st.clip;
    if (local_name(el) == "line" || local_name(el) == "polyline") s.fill.kind = image::Paint::Kind::none;
    const core::Rect box = image::bounds(path);
    const auto server = [&](image::Paint& p, const std::string& ref, double& opacity) {
        if (p.kind != image::Paint::Kind::gradient) return;
        const auto it = m_ids.find(ref);
        const std::string_view kind = it != m_ids.end() ? local_name(it->second) : std::string_view();
        if (kind != "linearGradient" && kind != "radialGradient") {
            warn_once(el, "paint-ref " + ref, "the paint url(#" + ref + ") names no gradient; the shape is not painted there");
            p.kind = image::Paint::Kind::none;
            return;
        }
        std::string warning;
        auto g = svg::gradient(it->second, box, m_viewport, m_ids, warning);
        if (!warning.empty()) warn_once(it->second, "gradient " + warning, "<" + std::string(kind) + ">: " + warning);
        if (!g) { p.kind = image::Paint::Kind::none; return; }
        if (g->stops.size() > 1 && m_drawing.gradients.size() >= m_limits.max_gradients) {
            warn_once(el, "gradients", "more than " + std::to_string(m_limits.max_gradients) +
                                           " gradient paints: the rest are painted in their first stop's colour");
            g->stops.resize(1);
        }
        if (g->stops.size() == 1) {
            opacity *= g->stops.front().opacity;
            p = {image::Paint::Kind::colour, g->stops.front().color, 0};
            return;
        }
        p.gradient = static_cast<std::uint32_t>(m_drawing.gradients.size());
        m_drawing.gradients.push_back(std::move(*g));
    };
    server(s.fill, st.fill_ref, s.fill_opacity);
    server(s.stroke, st.stroke_ref, s.stroke_opacity);
    if (s.stroke.kind != image::Paint::Kind::none && s.line.width <= 0) s.stroke.kind = image::Paint::Kind::none;
    if (s.fill.kind == image::Paint::Kind::none && s.stroke.kind == image::Paint::Kind::none) return;
    s.path = std::move(path);
    m_drawing.shapes.push_back(std::move(s));
}

}  // namespace

bool looks_like_svg(std::string_view bytes) {
    std::size_t i = 0;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < bytes.size() && detail::is_space(bytes[i])) ++i;
    const std::string_view rest = bytes.substr(i);
    if (rest.substr(0, 5) == "<?xml" || rest.substr(0, 4) == "<!--" || rest.substr(0, 9) == "<!DOCTYPE")
        return bytes.substr(0, 4096).find("<svg") != std::string_view::npos;
    return rest.substr(0, 4) == "<svg";
}

core::Result<image::Drawing> read_svg(const core::SourceFile& file, core::Diagnostics& diags,
                                      const SvgLimits& limits) {
    const std::string_view text = file.text();
    if (const std::size_t e = text.find("<!ENTITY"); e != std::string_view::npos) {
        return core::unexpected(core::Diagnostic{core::Severity::error, "svg.entity",
                                                 "SVG files with entity declarations are refused (they are never expanded)",
                                                 file.location(e)});
    }
    pugi::xml_document xml;
    const pugi::xml_parse_result parsed =
        xml.load_buffer(text.data(), text.size(), detail::parse_options, pugi::encoding_utf8);
    if (!parsed) return core::unexpected(detail::malformed_xml(file, parsed, "svg.malformed"));
    const pugi::xml_node root = xml.document_element();
    if (local_name(root) != "svg") {
        return core::unexpected(core::Diagnostic{core::Severity::error, "svg.root",
                                                 "the root element is <" + std::string(root.name()) + ">, not <svg>",
                                                 detail::element_location(file, root)});
    }
    return SvgReader(file, diags, limits).read(root);
}

}  // namespace folio::xml
