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
#include <unordered_map>

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

/// A colour, or none (transparent).
bool set_optional_color(std::optional<core::Color>& field, std::string_view v) {
    if (v == "none" || v == "transparent") { field.reset(); return true; }
    core::Color c;
    if (!set_color(c, v)) return false;
    field = c;
    return true;
}

bool set_bool_keyword(bool& field, std::string_view v, std::string_view yes, std::string_view no) {
    if (v == yes) { field = true; return true; }
    if (v == no) { field = false; return true; }
    return false;
}

bool set_break(Break& field, std::string_view v) {
    if (v == "page" || v == "always") field = Break::page;
    else if (v == "column") field = Break::column;
    else if (v == "auto" || v == "avoid") field = Break::none;
    else return false;
    return true;
}

struct Property {
    std::string_view name;
    std::string_view expected;  ///< for the error message
    Setter set;
};

/// font-family: a comma-separated list, the first family and its fallbacks.
bool set_font_family(ComputedStyle& s, std::string_view v, double) {
    std::vector<std::string> families;
    std::string f(v);
    f.erase(std::remove(f.begin(), f.end(), '"'), f.end());
    f.erase(std::remove(f.begin(), f.end(), '\''), f.end());
    std::size_t start = 0;
    while (start <= f.size()) {
        const std::size_t comma = std::min(f.find(',', start), f.size());
        std::string one = f.substr(start, comma - start);
        one.erase(0, one.find_first_not_of(' '));
        one.erase(one.find_last_not_of(' ') + 1);
        if (one.empty()) return false;
        families.push_back(one);
        start = comma + 1;
    }
    if (families.empty()) return false;
    s.font_family = families.front();
    s.font_fallbacks.assign(families.begin() + 1, families.end());
    return true;
}

/// The properties of type and text, in the order the table lists them.
std::vector<Property> text_properties() {
    return {
        {"font-family", "a family name or a .ttf path", set_font_family},
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
         [](ComputedStyle& s, std::string_view v, double) { return set_optional_color(s.background, v); }},
        {"text-align", "left, right, center, justify or a quoted character to align table cells on (\".\")",
         [](ComputedStyle& s, std::string_view v, double) {
             s.align_on.clear();
             if (v.size() == 3 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front() && v[1] != ' ') {
                 s.align_on = std::string(1, v[1]);  // CSS Text 4: right-aligned where it cannot apply
                 s.text_align = TextAlign::right;
                 return true;
             }
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
        {"font-variant", "normal or small-caps",
         [](ComputedStyle& s, std::string_view v, double) { return set_bool_keyword(s.small_caps, v, "small-caps", "normal"); }},
        {"hanging-punctuation", "none, allow-end, force-end or last",
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "none") { s.hanging_punctuation = false; return true; }
             if (v == "allow-end" || v == "force-end" || v == "last") { s.hanging_punctuation = true; return true; }
             return false;
         }},
        {"quotes", "smart or straight",
         [](ComputedStyle& s, std::string_view v, double) {
             return set_bool_keyword(s.smart_quotes, v, "smart", "straight");
         }},
        {"single-letter-words", "normal, keep-with-next or auto",  // #20: Czech, Polish, Slovak
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "normal") s.single_letters = 0;
             else if (v == "keep-with-next") s.single_letters = 1;
             else if (v == "auto") s.single_letters = 2;
             else return false;
             return true;
         }},
    };
}

/// The properties of boxes, breaks and lists.
std::vector<Property> box_properties() {
    return {
        {"widows", "a whole number from 1 to 9",
         [](ComputedStyle& s, std::string_view v, double) {
             auto n = parse_number(v);
             if (!n || *n < 1 || *n > 9) return false;
             s.widows = static_cast<int>(*n);
             return true;
         }},
        {"loose-line-tolerance", "a number from 1 to 100, or none",  // #22: the quality report's
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "none") { s.loose_line_tolerance = 0; return true; }
             auto n = parse_number(v);
             if (!n || *n < 1 || *n > 100) return false;
             s.loose_line_tolerance = *n;
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
        {"break-before", "page, column or auto",
         [](ComputedStyle& s, std::string_view v, double) { return set_break(s.break_before, v); }},
        {"break-after", "page, column or auto",
         [](ComputedStyle& s, std::string_view v, double) { return set_break(s.break_after, v); }},
        {"keep-together", "always or auto",
         [](ComputedStyle& s, std::string_view v, double) { return set_bool_keyword(s.keep_together, v, "always", "auto"); }},
        {"column-span", "all or none",
         [](ComputedStyle& s, std::string_view v, double) { return set_bool_keyword(s.column_span_all, v, "all", "none"); }},
        {"page", "the name of a page master (cover, first, left or right)",
         [](ComputedStyle& s, std::string_view v, double) {
             if (v != "cover" && v != "first" && v != "left" && v != "right" && v != "auto") return false;
             s.page = v == "auto" ? "" : std::string(v);
             return true;
         }},
        {"list-style-type", "disc, circle, square, dash, decimal, lower-alpha, upper-alpha, lower-roman, upper-roman or none",
         [](ComputedStyle& s, std::string_view v, double) {
             static constexpr std::pair<std::string_view, style::ListStyle> names[] = {
                 {"disc", ListStyle::disc}, {"circle", ListStyle::circle}, {"square", ListStyle::square},
                 {"dash", ListStyle::dash}, {"decimal", ListStyle::decimal}, {"lower-alpha", ListStyle::lower_alpha},
                 {"upper-alpha", ListStyle::upper_alpha}, {"lower-roman", ListStyle::lower_roman},
                 {"upper-roman", ListStyle::upper_roman}, {"none", ListStyle::none}};
             for (const auto& [name, value] : names) {
                 if (v == name) { s.list_style = value; return true; }
             }
             return false;
         }},
    };
}

/// The properties of tables (docs/style-sheets.md, "Tables").
std::vector<Property> table_properties() {
    return {
        {"vertical-align", "top, middle or bottom",
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "top") s.vertical_align = VerticalAlign::top;
             else if (v == "middle") s.vertical_align = VerticalAlign::middle;
             else if (v == "bottom") s.vertical_align = VerticalAlign::bottom;
             else return false;
             return true;
         }},
        {"alternate-background-color", "a colour (#rrggbb, rgb(), cmyk()) or none",
         [](ComputedStyle& s, std::string_view v, double) { return set_optional_color(s.alternate_background, v); }},
        {"table-label", "a word such as Table (quoted or not), or none",
         [](ComputedStyle& s, std::string_view v, double) {
             if (v == "none") { s.table_label.clear(); return true; }
             if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
                 v = v.substr(1, v.size() - 2);
             }
             s.table_label = std::string(v);
             return s.table_label.find_first_not_of(' ') != std::string::npos;
         }},
        {"caption-side", "top or bottom",
         [](ComputedStyle& s, std::string_view v, double) { return set_bool_keyword(s.caption_bottom, v, "bottom", "top"); }},
        {"table-footer", "repeat or end",
         [](ComputedStyle& s, std::string_view v, double) { return set_bool_keyword(s.footer_repeat, v, "repeat", "end"); }},
    };
}

const std::vector<Property>& properties() {
    static const std::vector<Property> table = [] {
        std::vector<Property> all = text_properties();
        std::vector<Property> boxes = box_properties();
        all.insert(all.end(), boxes.begin(), boxes.end());
        std::vector<Property> tables = table_properties();
        all.insert(all.end(), tables.begin(), tables.end());
        for (const auto& p : placement_properties()) all.push_back({p.name, p.expected, p.set});
        return all;
    }();
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
    s.keep_together = initial.keep_together;
    s.break_before = initial.break_before;
    s.break_after = initial.break_after;
    s.column_span_all = initial.column_span_all;
    s.page = initial.page;
    s.vertical_align = initial.vertical_align;
    s.alternate_background = initial.alternate_background;
    s.caption_bottom = initial.caption_bottom;
    s.footer_repeat = initial.footer_repeat;
    s.table_label = initial.table_label;
    s.placement = initial.placement;
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
    return p == "size" || p == "orientation" || p == "margin" || p == "bleed" || p == "marks" ||
           p == "column-count" || p == "columns" || p == "column-gap" || p == "margin-inside" ||
           p == "margin-outside" || p == "page-layout" || p == "margin-top" || p == "margin-bottom" ||
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
        if (apply_page_art(page, d, diags)) continue;  // background-image, -band, -bleed (placement.cpp)
        if (!is_page_property(d.property)) {
            diags.error("style.unknown-property", "unknown page property '" + d.property +
                        "'; expected size, orientation, margin, margin-top, margin-bottom, margin-left, margin-right, margin-inside, margin-outside, column-count, column-gap, bleed, marks, page-layout or background-color",
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
        } else if (d.property == "column-count" || d.property == "columns") {
            auto n = parse_number(d.value);
            if (!n || *n < 1 || *n > 6 || *n != static_cast<int>(*n)) bad("a whole number from 1 to 6");
            else page.columns = static_cast<int>(*n);
        } else if (d.property == "page-layout") {
            if (d.value == "spread") page.two_page_spread = true;
            else if (d.value == "single") page.two_page_spread = false;
            else bad("single or spread");
        } else {
            auto l = parse_length(d.value, 12);
            if (!l || *l < 0) { bad("a length"); continue; }
            if (d.property == "margin") page.margin_top = page.margin_bottom = page.margin_left = page.margin_right = *l;
            else if (d.property == "column-gap") page.column_gap = *l;
            else if (d.property == "margin-inside") page.margin_inside = *l;
            else if (d.property == "margin-outside") page.margin_outside = *l;
            else if (d.property == "margin-top") page.margin_top = *l;
            else if (d.property == "margin-bottom") page.margin_bottom = *l;
            else if (d.property == "margin-left") page.margin_left = *l;
            else page.margin_right = *l;
        }
    }
    if (landscape && page.size.width < page.size.height) std::swap(page.size.width, page.size.height);
    const auto box = page.content_box();
    const auto mirrored = page.content_box(true);
    if (box.width < 72 || box.height < 72 || mirrored.width < 72 || page.column_width() < 36) {
        diags.error("style.page-too-small", "the page margins and columns leave too little room for the text (under 1 inch, or columns under half an inch)", rule.location);
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

/// The style of an element called `name` with `classes`, under `parent`.
ComputedStyle cascade(const ComputedStyle& parent, const std::string& name, const std::string& classes,
                      const std::vector<const Rule*>& rules, core::Diagnostics& diags) {
    ComputedStyle s = inherit(parent);
    // As a browser's own style sheet does: each list starts with its kind's markers, so a
    // bulleted list inside a numbered one keeps its bullets unless a rule says otherwise.
    if (name == "ul") s.list_style = ListStyle::disc;
    if (name == "ol") s.list_style = ListStyle::decimal;
    std::vector<std::pair<int, const Rule*>> matched;
    for (const auto* r : rules) {
        if (int spec = specificity(r->selector, name, classes)) matched.emplace_back(spec, r);
    }
    std::stable_sort(matched.begin(), matched.end(), [](auto& a, auto& b) { return a.first < b.first; });
    std::vector<const Declaration*> decls;
    for (const auto& [spec, r] : matched) {
        for (const auto& decl : r->declarations) decls.push_back(&decl);
    }
    apply_declarations(s, decls, parent.font_size, diags, false);
    if (s.page_break_before) s.break_before = Break::page;
    if (s.page_break_after) s.break_after = Break::page;
    return s;
}

constexpr const char* master_names[] = {"cover", "first", "left", "right"};

bool is_master_name(std::string_view n) {
    return std::find(std::begin(master_names), std::end(master_names), n) != std::end(master_names);
}

/// The parts of a document that are not nodes but have styles of their own.
constexpr const char* named_parts[] = {"cover-title", "cover-subtitle", "cover-organisation", "cover-tagline",
                                       "back-cover", "toc", "toc-title", "toc-entry"};

}  // namespace

StyledDocument apply_styles(const doc::Document& d, const Stylesheet& sheet, core::Diagnostics& diags) {
    StyledDocument out;
    out.document = &d;
    out.style_ids.resize(d.nodes.size());
    out.spots = collect_spots(sheet, diags);

    // Unknown properties and the at-rules, once per sheet. The default @page comes first, since
    // named masters start from it.
    std::vector<const Rule*> rules;
    std::vector<const Rule*> masters;
    const Rule* header = nullptr;
    const Rule* footer = nullptr;
    std::vector<const Rule*> master_running;
    for (const auto& r : sheet.rules) {
        if (r.selector == "@page") { apply_page(out.page, r, diags); continue; }
        if (r.selector.starts_with("@page:")) { masters.push_back(&r); continue; }
        if (r.selector == "@header") { header = &r; continue; }
        if (r.selector == "@footer") { footer = &r; continue; }
        if (r.selector.starts_with("@header:") || r.selector.starts_with("@footer:")) {
            master_running.push_back(&r);
            continue;
        }
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
    for (const Rule* r : masters) {
        const std::string name = r->selector.substr(6);
        if (!is_master_name(name)) {
            diags.error("style.unknown-master", "unknown page master '" + name + "'; expected cover, first, left or right",
                        r->location);
            continue;
        }
        PageStyle m = out.page;
        m.name = name;
        apply_page(m, *r, diags);
        out.masters.push_back(std::move(m));
    }

    // A node's style depends only on its parent's and on its kind, name and classes (the cascade
    // reports nothing per node), so each distinct combination is computed once.
    std::unordered_map<std::string, std::uint32_t> computed;
    std::string key;
    const ComputedStyle no_parent;
    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.nodes[id];
        const bool text = n.kind == doc::NodeKind::text;
        const std::string name = text ? std::string() : doc::style_name(n);
        key.clear();
        key += n.parent == doc::no_node ? std::string("-") : std::to_string(out.style_ids[n.parent]);
        key += text ? '\x01' : '\x02';
        key += name;
        key += '\0';
        key += n.classes;
        auto [at, added] = computed.try_emplace(key, static_cast<std::uint32_t>(out.distinct_styles.size()));
        if (added) {
            const ComputedStyle& parent = n.parent == doc::no_node ? no_parent : out.style(n.parent);
            out.distinct_styles.push_back(text ? inherit(parent) : cascade(parent, name, n.classes, rules, diags));
        }
        out.style_ids[id] = at->second;
    }
    const ComputedStyle root = d.nodes.empty() ? ComputedStyle{} : out.style(0);
    for (const char* part : named_parts) out.named.emplace_back(part, cascade(root, part, "", rules, diags));

    // A `page` property must name a master the sheet defines.
    for (const auto* r : rules) {
        for (const auto& decl : r->declarations) {
            if (decl.property == "page" && decl.value != "auto" && is_master_name(decl.value) &&
                !out.master(decl.value)) {
                diags.error("style.undefined-master", "page master '" + decl.value +
                            "' is not defined; add <page name=\"" + decl.value + "\"> to the style sheet",
                            decl.location);
            }
        }
    }

    if (header) out.header = running(*header, root, diags);
    if (footer) out.footer = running(*footer, root, diags);
    for (const Rule* r : master_running) {
        const auto colon = r->selector.find(':');
        const std::string kind = r->selector.substr(1, colon - 1);
        const std::string name = r->selector.substr(colon + 1);
        if (!is_master_name(name) || name == "cover") {
            diags.error("style.unknown-master", "unknown page master '" + name + "' for <" + kind +
                        ">; expected first, left or right", r->location);
            continue;
        }
        auto& list = kind == "header" ? out.master_headers : out.master_footers;
        list.emplace_back(name, running(*r, root, diags));
    }
    return out;
}

}  // namespace folio::style
