// The cascade: computes a ComputedStyle for every node of a document.
//
// Control flow, per node in tree order (parents precede children in the arena):
//   1. start from the parent's style with the non-inherited properties reset (CSS inheritance);
//   2. collect the rules whose selector matches, sorted by specificity (element < class <
//      element.class), source order breaking ties;
//   3. apply font-size first (em units elsewhere are relative to the element's own size), then
//      every other declaration.
// The at-rules @page, @header and @footer fill the page master and the running content.

#include <algorithm>
#include <functional>
#include <sstream>
#include <string_view>

#include "style/computed.hpp"
#include "style/values.hpp"

namespace folio::style {
namespace {

using Setter = std::function<bool(ComputedStyle&, std::string_view, double em)>;

bool set_length(double& field, std::string_view v, double em) {
    auto l = parse_length(v, em);
    if (!l) return false;
    field = *l;
    return true;
}

bool set_color(core::Color& field, std::string_view v) {
    auto c = parse_color(v);
    if (!c) return false;
    field = *c;
    return true;
}

bool set_bool_keyword(bool& field, std::string_view v, std::string_view yes, std::string_view no) {
    if (v == yes) { field = true; return true; }
    if (v == no) { field = false; return true; }
    return false;
}

struct Property {
    std::string_view name;
    std::string_view expected;  ///< for the error message
    Setter set;
};

const std::vector<Property>& properties() {
    static const std::vector<Property> table = {
        {"font-family", "a family name or a .ttf path",
         [](ComputedStyle& s, std::string_view v, double) {
             std::string f(v);
             f.erase(std::remove(f.begin(), f.end(), '"'), f.end());
             f.erase(std::remove(f.begin(), f.end(), '\''), f.end());
             if (f.empty()) return false;
             s.font_family = f;
             return true;
         }},
        {"font-size", "a length (pt, mm, cm, in, px or em)",
         [](ComputedStyle& s, std::string_view v, double em) {
             return set_length(s.font_size, v, em) && s.font_size > 0 && s.font_size < 1000;
         }},
        {"font-weight", "normal, bold or a number from 100 to 900",
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "normal") { s.font_weight = 400; return true; }
             if (v == "bold") { s.font_weight = 700; return true; }
             auto n = parse_number(v);
             if (!n || *n < 100 || *n > 900 || static_cast<int>(*n) % 100 != 0) return false;
             s.font_weight = static_cast<int>(*n);
             return true;
         }},
        {"font-style", "normal or italic",
         [](ComputedStyle& s, std::string_view v, double) { return set_bool_keyword(s.italic, v, "italic", "normal"); }},
        {"line-height", "a number (times the font size) or a length",
         [](ComputedStyle& s, std::string_view v, double em) {
             if (auto n = parse_number(v); n && *n > 0) { s.line_height = *n; return true; }
             if (auto l = parse_length(v, em); l && *l > 0) { s.line_height = *l / s.font_size; return true; }
             return false;
         }},
        {"color", "a colour (#rrggbb, rgb(), cmyk())",
         [](ComputedStyle& s, std::string_view v, double) { return set_color(s.color, v); }},
        {"background-color", "a colour (#rrggbb, rgb(), cmyk()) or none",
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "none" || v == "transparent") { s.background.reset(); return true; }
             core::Color c;
             if (!set_color(c, v)) return false;
             s.background = c;
             return true;
         }},
        {"text-align", "left, right, center or justify",
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "left" || v == "start") s.text_align = TextAlign::left;
             else if (v == "right" || v == "end") s.text_align = TextAlign::right;
             else if (v == "center" || v == "centre") s.text_align = TextAlign::center;
             else if (v == "justify") s.text_align = TextAlign::justify;
             else return false;
             return true;
         }},
        {"text-indent", "a length", [](ComputedStyle& s, std::string_view v, double em) { return set_length(s.text_indent, v, em); }},
        {"letter-spacing", "a length or normal",
         [](ComputedStyle& s, std::string_view v, double em) {
             if (v == "normal") { s.letter_spacing = 0; return true; }
             return set_length(s.letter_spacing, v, em);
         }},
        {"text-transform", "none or uppercase",
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "none") s.text_transform = TextTransform::none;
             else if (v == "uppercase") s.text_transform = TextTransform::uppercase;
             else return false;
             return true;
         }},
        {"text-decoration", "none or underline",
         [](ComputedStyle& s, std::string_view v, double) { return set_bool_keyword(s.underline, v, "underline", "none"); }},
        {"hyphens", "auto, manual or none",
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "auto") { s.hyphenate = true; return true; }
             if (v == "manual" || v == "none") { s.hyphenate = false; return true; }
             return false;
         }},
        {"widows", "a whole number from 1 to 9",
         [](ComputedStyle& s, std::string_view v, double) {
             auto n = parse_number(v);
             if (!n || *n < 1 || *n > 9) return false;
             s.widows = static_cast<int>(*n);
             return true;
         }},
        {"orphans", "a whole number from 1 to 9",
         [](ComputedStyle& s, std::string_view v, double) {
             auto n = parse_number(v);
             if (!n || *n < 1 || *n > 9) return false;
             s.orphans = static_cast<int>(*n);
             return true;
         }},
        {"margin-top", "a length", [](ComputedStyle& s, std::string_view v, double em) { return set_length(s.margin_top, v, em); }},
        {"margin-bottom", "a length", [](ComputedStyle& s, std::string_view v, double em) { return set_length(s.margin_bottom, v, em); }},
        {"margin-left", "a length", [](ComputedStyle& s, std::string_view v, double em) { return set_length(s.margin_left, v, em); }},
        {"margin-right", "a length", [](ComputedStyle& s, std::string_view v, double em) { return set_length(s.margin_right, v, em); }},
        {"padding", "a length", [](ComputedStyle& s, std::string_view v, double em) { return set_length(s.padding, v, em); }},
        {"border-width", "a length", [](ComputedStyle& s, std::string_view v, double em) { return set_length(s.border_width, v, em); }},
        {"border-left-width", "a length", [](ComputedStyle& s, std::string_view v, double em) { return set_length(s.border_left_width, v, em); }},
        {"border-color", "a colour", [](ComputedStyle& s, std::string_view v, double) { return set_color(s.border_color, v); }},
        {"keep-with-next", "always or auto",
         [](ComputedStyle& s, std::string_view v, double) { return set_bool_keyword(s.keep_with_next, v, "always", "auto"); }},
        {"page-break-before", "always or auto",
         [](ComputedStyle& s, std::string_view v, double) { return set_bool_keyword(s.page_break_before, v, "always", "auto"); }},
        {"page-break-after", "always or auto",
         [](ComputedStyle& s, std::string_view v, double) { return set_bool_keyword(s.page_break_after, v, "always", "auto"); }},
    };
    return table;
}

const Property* find_property(std::string_view name) {
    for (const auto& p : properties()) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

/// Resets the properties CSS does not inherit.
ComputedStyle inherit(const ComputedStyle& parent) {
    ComputedStyle s = parent;
    const ComputedStyle initial;
    s.margin_top = initial.margin_top;
    s.margin_bottom = initial.margin_bottom;
    s.margin_left = initial.margin_left;
    s.margin_right = initial.margin_right;
    s.padding = initial.padding;
    s.border_width = initial.border_width;
    s.border_left_width = initial.border_left_width;
    s.border_color = initial.border_color;
    s.background = initial.background;
    s.keep_with_next = initial.keep_with_next;
    s.page_break_before = initial.page_break_before;
    s.page_break_after = initial.page_break_after;
    return s;
}

/// 0 = no match; otherwise 1 element, 10 class, 11 element.class.
int specificity(const std::string& selector, const std::string& name, const std::string& classes) {
    const auto dot = selector.find('.');
    const std::string element = selector.substr(0, dot);
    if (!element.empty() && element != name) return 0;
    if (dot == std::string::npos) return 1;
    const std::string cls = selector.substr(dot + 1);
    std::istringstream in(classes);
    for (std::string c; in >> c;) {
        if (c == cls) return element.empty() ? 10 : 11;
    }
    return 0;
}

void apply_declarations(ComputedStyle& s, const std::vector<const Declaration*>& decls, double parent_size,
                        core::Diagnostics& diags, bool report) {
    auto apply = [&](const Declaration& d, double em) {
        const Property* p = find_property(d.property);
        if (!p) return;  // reported once per sheet by apply_styles
        if (!p->set(s, d.value, em) && report) {
            diags.error("style.invalid-value",
                        "invalid value '" + d.value + "' for " + d.property + ": expected " + std::string(p->expected),
                        d.location);
        }
    };
    for (const auto* d : decls) {
        if (d->property == "font-size") apply(*d, parent_size);
    }
    for (const auto* d : decls) {
        if (d->property != "font-size") apply(*d, s.font_size);
    }
}

bool is_page_property(std::string_view p) {
    return p == "size" || p == "orientation" || p == "margin" || p == "bleed" || p == "marks" || p == "margin-top" || p == "margin-bottom" ||
           p == "margin-left" || p == "margin-right" || p == "background-color";
}

void apply_page(PageStyle& page, const Rule& rule, core::Diagnostics& diags) {
    bool landscape = false;
    for (const auto& d : rule.declarations) {
        auto bad = [&](std::string_view expected) {
            diags.error("style.invalid-value",
                        "invalid value '" + d.value + "' for " + d.property + ": expected " + std::string(expected),
                        d.location);
        };
        if (!is_page_property(d.property)) {
            diags.error("style.unknown-property", "unknown page property '" + d.property +
                        "'; expected size, orientation, margin, margin-top, margin-bottom, margin-left, margin-right, bleed, marks or background-color",
                        d.location);
        } else if (d.property == "size") {
            if (auto sz = parse_page_size(d.value)) page.size = *sz; else bad("A3, A4, A5, Letter, DL or 'width height'");
        } else if (d.property == "orientation") {
            if (d.value == "landscape") landscape = true; else if (d.value != "portrait") bad("portrait or landscape");
        } else if (d.property == "marks") {
            if (d.value == "crop" || d.value == "yes") page.marks = true;
            else if (d.value == "none" || d.value == "no") page.marks = false;
            else bad("crop or none");
        } else if (d.property == "bleed") {
            auto l = parse_length(d.value, 12);
            if (!l || *l < 0 || *l > 36) bad("a length up to 12.7mm"); else page.bleed = *l;
        } else if (d.property == "background-color") {
            if (auto c = parse_color(d.value)) page.background = *c; else bad("a colour");
        } else {
            auto l = parse_length(d.value, 12);
            if (!l || *l < 0) { bad("a length"); continue; }
            if (d.property == "margin") page.margin_top = page.margin_bottom = page.margin_left = page.margin_right = *l;
            else if (d.property == "margin-top") page.margin_top = *l;
            else if (d.property == "margin-bottom") page.margin_bottom = *l;
            else if (d.property == "margin-left") page.margin_left = *l;
            else page.margin_right = *l;
        }
    }
    if (landscape && page.size.width < page.size.height) std::swap(page.size.width, page.size.height);
    const auto box = page.content_box();
    if (box.width < 72 || box.height < 72) {
        diags.error("style.page-too-small", "the page margins leave less than 1 inch for the text", rule.location);
    }
}

RunningContent running(const Rule& rule, const ComputedStyle& base, core::Diagnostics& diags) {
    RunningContent rc;
    rc.style = inherit(base);
    std::vector<const Declaration*> decls;
    for (const auto& d : rule.declarations) {
        if (d.property == "content") rc.content = d.value;
        else if (d.property == "rule") rc.rule = d.value == "true" || d.value == "yes";
        else if (!find_property(d.property)) diags.error("style.unknown-property", "unknown property '" + d.property + "' in " + rule.selector.substr(1), d.location);
        else decls.push_back(&d);
    }
    apply_declarations(rc.style, decls, base.font_size, diags, true);
    return rc;
}

}  // namespace

StyledDocument apply_styles(const doc::Document& d, const Stylesheet& sheet, core::Diagnostics& diags) {
    StyledDocument out;
    out.document = &d;
    out.styles.resize(d.nodes.size());

    // Unknown properties and the at-rules, once per sheet.
    std::vector<const Rule*> rules;
    const Rule* header = nullptr;
    const Rule* footer = nullptr;
    for (const auto& r : sheet.rules) {
        if (r.selector == "@page") { apply_page(out.page, r, diags); continue; }
        if (r.selector == "@header") { header = &r; continue; }
        if (r.selector == "@footer") { footer = &r; continue; }
        rules.push_back(&r);
        for (const auto& decl : r.declarations) {
            if (!find_property(decl.property)) {
                diags.error("style.unknown-property", "unknown property '" + decl.property + "'", decl.location);
            } else {
                ComputedStyle scratch;  // values are checked once here, then applied silently per node
                apply_declarations(scratch, {&decl}, scratch.font_size, diags, true);
            }
        }
    }

    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.nodes[id];
        const ComputedStyle parent = n.parent == doc::no_node ? ComputedStyle{} : out.styles[n.parent];
        ComputedStyle s = inherit(parent);
        if (n.kind != doc::NodeKind::text) {
            const std::string name = doc::style_name(n);
            std::vector<std::pair<int, const Rule*>> matched;
            for (const auto* r : rules) {
                if (int spec = specificity(r->selector, name, n.classes)) matched.emplace_back(spec, r);
            }
            std::stable_sort(matched.begin(), matched.end(), [](auto& a, auto& b) { return a.first < b.first; });
            std::vector<const Declaration*> decls;
            for (const auto& [spec, r] : matched) {
                for (const auto& decl : r->declarations) decls.push_back(&decl);
            }
            apply_declarations(s, decls, parent.font_size, diags, false);
        }
        out.styles[id] = std::move(s);
    }
    const ComputedStyle& root = out.styles.empty() ? ComputedStyle{} : out.styles[0];
    if (header) out.header = running(*header, root, diags);
    if (footer) out.footer = running(*footer, root, diags);
    return out;
}

}  // namespace folio::style
