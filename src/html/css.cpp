/// CSS derivation: computed styles -> one rule per selector.
///
/// Every node that becomes an element gets a selector, its element name plus its classes
/// ("p.lead"). Nodes sharing a selector are grouped, and each property of the table below is
/// decided once per group:
///   - inherited properties (font, colour, alignment, ...): when every node of the group has its
///     parent's value, CSS inheritance already gives it, so the rule leaves it out, or says
///     `inherit` when a less specific rule of the same element would otherwise set it; otherwise
///     the rule takes the group's first node's value;
///   - other properties (margins, padding, borders, background): the first node's value, left out
///     when it is the initial value and no less specific rule sets it.
/// Groups are decided in order of their number of classes, so "p" is known before "p.lead".
/// Sizes are relative: font sizes in rem with the root's size as 1rem (the reader's chosen text
/// size), lengths in em of the element's own size, borders in px.

#include "html/css.hpp"
#include "html/write_html.hpp"

#include <algorithm>
#include <bitset>
#include <cassert>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "html/elements.hpp"
#include "html/markup.hpp"
#include "html/placement.hpp"

namespace folio::html {

using doc::NodeId;
using style::ComputedStyle;

namespace {

// The print rule names nav.page-list as well as nav: the page list's own display:flex rule is
// more specific than a plain `nav` and would show it on paper (tests/e2e/html_print.sh).
const char* const base_rules = R"(*,*::before,*::after{box-sizing:border-box}
body{margin:0;overflow-wrap:anywhere}
header,nav,main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}
header{padding-top:2rem}
footer{padding-top:2rem;padding-bottom:2rem;font-size:0.875rem}
header p.tagline,nav p,footer p{text-indent:0;text-align:left}
footer p{margin:0 0 0.25em 0}
h1,h2,h3,h4,h5,h6{font-size:inherit;font-weight:inherit;margin:0}
p,ul,ol,figure,blockquote{margin:0}
ul,ol{padding-left:1.5em}
img{display:block;max-width:100%;height:auto}
img.cover{margin:1.5em 0}
a{text-decoration:underline;text-underline-offset:0.15em}
.external-mark{margin-left:0.15em;text-decoration:none;display:inline-block;text-indent:0}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
:focus-visible{outline:3px solid currentColor;outline-offset:2px}
.skip-link{position:absolute;left:1rem;top:-10em;padding:0.5em 1em;background:#ffffff;color:#1a5fb4}
.skip-link:focus{top:1rem}
nav ol{list-style:none;margin:1.5em 0;padding:0;display:flex;flex-wrap:wrap;gap:0.25em 1.5em}
nav.page-list{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 0.75em;font-size:0.875rem}
nav.page-list p,nav.page-list ol{margin:0 0 1.5em 0}
nav.page-list ol{gap:0.25em 0.5em}
nav.page-list a{display:inline-block;min-width:1.75rem;min-height:1.75rem;line-height:1.75rem;text-align:center}
hr[role="doc-pagebreak"]{height:0;margin:1.5em 0;border:0;border-top:1px dashed;overflow:visible;text-align:right;font-size:0.75rem;line-height:1}
hr[role="doc-pagebreak"]::after{content:attr(aria-label);position:relative;top:-0.5em;padding-left:0.5em}
hr#page-1{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);border:0}
@media print{nav,nav.page-list,.skip-link,hr[role="doc-pagebreak"]{display:none}
header,main,footer{max-width:none;padding:0}}
)";

/// The fallback generic family, guessed from the family name.
std::string_view generic_family(std::string lower) {
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.find("mono") != std::string::npos) return "monospace";
    for (const char* sans : {"sans", "lato", "helvetica", "arial", "roboto", "inter", "verdana"}) {
        if (lower.find(sans) != std::string::npos) return "sans-serif";
    }
    return "serif";
}

/// `font-family` value: a generic family as is, a named one quoted with a generic fallback.
std::string font_family(const std::string& family) {
    for (const char* generic :
         {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}) {
        if (family == generic) return family;
    }
    std::string out = "\"";
    for (char ch : family) {
        if (ch == '"' || ch == '\\') out += '\\';
        if (ch == '<') {
            out += "\\3c ";  // keeps "</style" out of the style element
        } else if (static_cast<unsigned char>(ch) >= 0x20) {
            out += ch;
        }
    }
    return out + "\", " + std::string(generic_family(family));
}

/// `v` points as em of a font of `size` points ("0" for zero).
std::string em(double v, double size) {
    const std::string n = format_number(size > 0 ? v / size : 0);
    return n == "0" ? n : n + "em";
}

/// A px border from a width in points, or "" when there is none.
std::string border(double width, const core::Color& c) {
    if (width <= 0) return "";
    return format_number(width * 96.0 / 72.0) + "px solid " + hex_color(c);
}

const char* text_align(style::TextAlign a) {
    switch (a) {
        case style::TextAlign::left: return "left";
        case style::TextAlign::right: return "right";
        case style::TextAlign::center: return "center";
        case style::TextAlign::justify: return "justify";
    }
    return "left";
}

/// One CSS property: how to compute it from a style, whether it inherits, and its initial value
/// (for non-inherited ones; an empty value means "do not write").
struct Property {
    const char* name;
    bool inherited;
    const char* initial;
    std::string (*value)(const ComputedStyle& s, double root_font_size);
};

constexpr Property properties[] = {
    {"font-family", true, "",
     [](const ComputedStyle& s, double) { return font_family(s.font_family); }},
    {"font-size", true, "",
     [](const ComputedStyle& s, double root_size) {
         return format_number(root_size > 0 ? s.font_size / root_size : 1) + "rem";
     }},
    {"font-weight", true, "",
     [](const ComputedStyle& s, double) { return std::to_string(s.font_weight); }},
    {"font-style", true, "",
     [](const ComputedStyle& s, double) { return std::string(s.italic ? "italic" : "normal"); }},
    {"line-height", true, "",
     [](const ComputedStyle& s, double) { return format_number(s.line_height); }},
    {"color", true, "", [](const ComputedStyle& s, double) { return hex_color(s.color); }},
    {"text-align", true, "",
     [](const ComputedStyle& s, double) { return std::string(text_align(s.text_align)); }},
    {"hyphens", true, "",
     [](const ComputedStyle& s, double) {
         return std::string(s.hyphenate || s.text_align == style::TextAlign::justify ? "auto"
                                                                                     : "manual");
     }},
    {"text-indent", true, "",
     [](const ComputedStyle& s, double) { return em(s.text_indent, s.font_size); }},
    {"letter-spacing", true, "",
     [](const ComputedStyle& s, double) {
         return s.letter_spacing == 0 ? std::string("normal") : em(s.letter_spacing, s.font_size);
     }},
    {"font-variant", true, "",
     [](const ComputedStyle& s, double) { return std::string(s.small_caps ? "small-caps" : "normal"); }},
    {"text-transform", true, "",
     [](const ComputedStyle& s, double) {
         return std::string(s.text_transform == style::TextTransform::uppercase ? "uppercase"
                                                                                : "none");
     }},
    {"text-decoration", false, "",
     [](const ComputedStyle& s, double) { return std::string(s.underline ? "underline" : ""); }},
    {"margin", false, "0",
     [](const ComputedStyle& s, double) {
         const double f = s.font_size;
         if (s.margin_top == 0 && s.margin_right == 0 && s.margin_bottom == 0 &&
             s.margin_left == 0) {
             return std::string("0");
         }
         return em(s.margin_top, f) + " " + em(s.margin_right, f) + " " + em(s.margin_bottom, f) +
                " " + em(s.margin_left, f);
     }},
    {"padding", false, "0",
     [](const ComputedStyle& s, double) { return em(s.padding, s.font_size); }},
    {"border", false, "0",
     [](const ComputedStyle& s, double) {
         const std::string b = border(s.border_width, s.border_color);
         return b.empty() ? std::string("0") : b;
     }},
    {"border-left", false, "",
     [](const ComputedStyle& s, double) { return border(s.border_left_width, s.border_color); }},
    {"vertical-align", false, "top",
     [](const ComputedStyle& s, double) {
         return std::string(s.vertical_align == style::VerticalAlign::middle   ? "middle"
                            : s.vertical_align == style::VerticalAlign::bottom ? "bottom"
                                                                               : "top");
     }},
    {"background", false, "transparent",
     [](const ComputedStyle& s, double) {
         return s.background ? hex_color(*s.background) : std::string("transparent");
     }},
};
constexpr std::size_t property_count = std::size(properties);
constexpr std::size_t background_index = property_count - 1;
static_assert(std::string_view(properties[background_index].name) == "background");
constexpr std::size_t text_align_index = 6;
static_assert(std::string_view(properties[text_align_index].name) == "text-align");

/// The nodes written with one selector, and what the rule decided for each property.
struct Group {
    std::string element;
    std::vector<std::string> classes;  ///< sorted
    std::vector<NodeId> nodes;
    std::vector<std::optional<std::string>> decided;  ///< per property; nullopt = not written
    /// Per property: inherited, and every node of the group has its parent's value.
    std::vector<char> inherits;
};

/// The selector of a group: element then classes, with CSS escapes for unusual characters.
std::string selector(const Group& g) {
    std::string out = g.element;
    for (const std::string& c : g.classes) {
        out += '.';
        for (std::size_t i = 0; i < c.size(); ++i) {
            const auto ch = static_cast<unsigned char>(c[i]);
            const bool plain = ch >= 0x80 || std::isalpha(ch) || ch == '_' || ch == '-' ||
                               (std::isdigit(ch) && i > 0);
            if (plain) {
                out += static_cast<char>(ch);
            } else {
                static constexpr char digits[] = "0123456789abcdef";
                out += '\\';
                if (ch >= 16) out += digits[ch / 16];
                out += digits[ch % 16];
                out += ' ';
            }
        }
    }
    return out;
}

/// The groups in order of first appearance; the root is not grouped (it is the body rule).
std::vector<Group> group_nodes(const doc::Document& d) {
    std::vector<Group> groups;
    std::map<std::string, std::size_t> index;
    for (NodeId id = 1; id < d.nodes.size(); ++id) {
        std::string element = element_name(d, id);
        if (element.empty() || element == "br") continue;
        std::vector<std::string> classes = split_classes(d.node(id).classes);
        std::sort(classes.begin(), classes.end());
        std::string key = element;
        for (const std::string& c : classes) key += "." + c;
        auto [it, inserted] = index.try_emplace(key, groups.size());
        if (inserted) groups.push_back({std::move(element), std::move(classes), {}, {}, {}});
        groups[it->second].nodes.push_back(id);
    }
    return groups;
}

/// True when `narrow`'s selector matches a superset of `wide`'s nodes and is less specific.
bool less_specific(const Group& narrow, const Group& wide) {
    return narrow.element == wide.element && narrow.classes.size() < wide.classes.size() &&
           std::includes(wide.classes.begin(), wide.classes.end(), narrow.classes.begin(),
                         narrow.classes.end());
}

/// Finds, for every group, which inherited properties all its nodes take from their parents. One
/// sweep over the nodes in document order.
void find_inheritance(std::vector<Group>& groups, const style::StyledDocument& styled) {
    const doc::Document& d = styled.doc();
    const double root_size = styled.style(d.root()).font_size;
    std::vector<std::uint32_t> group_of(d.nodes.size(), UINT32_MAX);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        for (NodeId id : groups[g].nodes) group_of[id] = static_cast<std::uint32_t>(g);
        groups[g].inherits.assign(property_count, 0);
        for (std::size_t p = 0; p < property_count; ++p) groups[g].inherits[p] = properties[p].inherited ? 1 : 0;
    }
    std::vector<std::size_t> open(groups.size(), 0);  // per group: properties still inheriting
    for (std::size_t g = 0; g < groups.size(); ++g) {
        open[g] = static_cast<std::size_t>(std::count(groups[g].inherits.begin(), groups[g].inherits.end(), 1));
    }
    // Nodes share their styles, so the properties that differ between a node's style and its
    // parent's are worked out once per pair of styles.
    std::unordered_map<std::uint64_t, std::bitset<property_count>> differing;
    for (NodeId id = 1; id < d.nodes.size(); ++id) {
        const std::uint32_t g = group_of[id];
        if (g == UINT32_MAX || open[g] == 0) continue;
        const std::uint32_t own_id = styled.style_id(id);
        const std::uint32_t parent_id = styled.style_id(d.node(id).parent);
        auto [pair, added] = differing.try_emplace(std::uint64_t{own_id} << 32 | parent_id);
        if (added) {
            const ComputedStyle& own = styled.distinct_styles[own_id];
            const ComputedStyle& parent = styled.distinct_styles[parent_id];
            for (std::size_t p = 0; p < property_count; ++p) {
                if (properties[p].inherited && properties[p].value(own, root_size) != properties[p].value(parent, root_size))
                    pair->second.set(p);
            }
        }
        std::vector<char>& inherits = groups[g].inherits;
        for (std::size_t p = 0; p < property_count; ++p) {
            if (inherits[p] && pair->second.test(p)) {
                inherits[p] = 0;
                --open[g];
            }
        }
    }
}

/// Decides every property of one group (see the file comment), from its inheritance
/// (find_inheritance); `overridden[p]` says a less specific rule writes property p.
std::vector<std::optional<std::string>> decide(const Group& g, const style::StyledDocument& styled,
                                               const std::vector<bool>& overridden) {
    const doc::Document& d = styled.doc();
    const double root_size = styled.style(d.root()).font_size;
    const std::vector<char>& inherits = g.inherits;
    std::vector<std::optional<std::string>> out(property_count);
    const ComputedStyle& first_style = styled.style(g.nodes.front());
    for (std::size_t p = 0; p < property_count; ++p) {
        const Property& prop = properties[p];
        std::string first = prop.value(first_style, root_size);
        if (prop.inherited) {
            if (!inherits[p]) out[p] = std::move(first);
            else if (overridden[p]) out[p] = "inherit";
        } else if (!first.empty() && (first != prop.initial || overridden[p])) {
            out[p] = std::move(first);
        }
    }
    return out;
}

/// One `selector{name:value;...}` line, or nothing when no property is written.
void append_rule(std::string& out, const std::string& sel,
                 const std::vector<std::optional<std::string>>& decided) {
    std::string body;
    for (std::size_t i = 0; i < property_count; ++i) {
        if (!decided[i]) continue;
        if (!body.empty()) body += ';';
        body += std::string(properties[i].name) + ":" + *decided[i];
    }
    if (!body.empty()) out += sel + "{" + body + "}\n";
}

/// The body rule: every inherited property of the root, and the background of the root or page.
void append_body_rule(std::string& out, const style::StyledDocument& styled) {
    const ComputedStyle& root = styled.style(styled.doc().root());
    std::vector<std::optional<std::string>> decided(property_count);
    for (std::size_t i = 0; i < property_count; ++i) {
        if (properties[i].inherited) decided[i] = properties[i].value(root, root.font_size);
    }
    const auto background = root.background ? root.background : styled.page.background;
    if (background) decided[background_index] = hex_color(*background);
    append_rule(out, "body", decided);
}

/// Colours of the page markers: the label in the text colour (its contrast is checked), the rule
/// a third of the way from the background to the text, and the label's backdrop the background.
void append_marker_rule(std::string& out, const style::StyledDocument& styled) {
    const ComputedStyle& root = styled.style(styled.doc().root());
    const core::Color bg = root.background   ? *root.background
                           : styled.page.background ? *styled.page.background
                                                    : core::Color::rgb(1, 1, 1);
    const std::string text = hex_color(root.color);
    const std::string back = hex_color(bg);
    core::Color rule = core::Color::rgb(0, 0, 0);
    for (int i = 0; i < 3; ++i) {
        const auto channel = [&](const core::Color& c) {
            return std::stoi(hex_color(c).substr(1 + 2 * i, 2), nullptr, 16) / 255.0;
        };
        rule.c[i] = channel(bg) + (channel(root.color) - channel(bg)) / 3.0;
    }
    out += "hr[role=\"doc-pagebreak\"]{color:" + text + ";border-top-color:" + hex_color(rule) +
           "}\nhr[role=\"doc-pagebreak\"]::after{background:" + back + "}\n";
}

/// Justified text on a narrow screen leaves wide gaps between words: below 30em the selectors
/// that justify align left instead.
void append_narrow_rule(std::string& out, const std::vector<std::string>& justified) {
    if (justified.empty()) return;
    std::string list;
    for (const std::string& sel : justified) list += (list.empty() ? "" : ",") + sel;
    out += "@media (max-width:30em){" + list + "{text-align:left}}\n";
}

/// The @page rule: paper size and margins in points.
void append_page_rule(std::string& out, const style::PageStyle& page) {
    out += "@page{size:" + format_number(page.size.width) + "pt " +
           format_number(page.size.height) + "pt;margin:" + format_number(page.margin_top) + "pt " +
           format_number(page.margin_right) + "pt " + format_number(page.margin_bottom) + "pt " +
           format_number(page.margin_left) + "pt}\n";
}

/// The rules of tables, only in documents that have one, as a browser's own sheet would give them
/// (the elements' rules come after and override them): the region that scrolls a wide table
/// sideways (the page never does), collapsed borders, and the zebra of the first row style that
/// asks for one (alternate-background-color), on data cells: header cells keep their own.
void append_table_rules(std::string& out, const style::StyledDocument& styled) {
    const doc::Document& d = styled.doc();
    const auto table = std::find_if(d.nodes.begin(), d.nodes.end(),
                                    [](const doc::Node& n) { return n.kind == doc::NodeKind::table; });
    if (table == d.nodes.end()) return;
    out += ".table-region{max-width:100%;overflow-x:auto;margin:1em 0}\n"
           "table{border-collapse:collapse;width:100%}\n"
           "caption{text-align:left}\n"
           "th,td{text-align:left;vertical-align:top}\n";
    for (NodeId id = 0; id < d.nodes.size(); ++id) {
        const auto& zebra = styled.style(id).alternate_background;
        if (d.node(id).kind != doc::NodeKind::table_row || !zebra) continue;
        out += "tbody>tr:nth-child(even)>td{background:" + hex_color(*zebra) + "}\n";
        return;
    }
}

}  // namespace

std::string style_sheet(const style::StyledDocument& styled) {
    const doc::Document& d = styled.doc();
    assert(styled.style_ids.size() == d.nodes.size());
    std::string out = base_rules;
    if (d.nodes.empty()) return out;
    append_body_rule(out, styled);
    append_table_rules(out, styled);  // before the elements' rules, which override it

    // Decide the groups with fewer classes first, so each knows what less specific rules write.
    std::vector<Group> groups = group_nodes(d);
    find_inheritance(groups, styled);
    std::vector<std::size_t> order(groups.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return groups[a].classes.size() < groups[b].classes.size();
    });
    for (std::size_t gi : order) {
        Group& g = groups[gi];
        std::vector<bool> overridden(property_count, false);
        for (std::size_t p = 0; p < property_count; ++p) {
            overridden[p] = std::any_of(groups.begin(), groups.end(), [&](const Group& o) {
                return less_specific(o, g) && o.decided.size() == property_count && o.decided[p];
            });
        }
        g.decided = decide(g, styled, overridden);
    }
    std::vector<std::string> justified;
    if (styled.style(d.root()).text_align == style::TextAlign::justify) justified.push_back("body");
    for (const Group& g : groups) {
        append_rule(out, selector(g), g.decided);
        if (g.decided[text_align_index] == std::optional<std::string>("justify")) {
            justified.push_back(selector(g));
        }
    }
    append_marker_rule(out, styled);
    append_narrow_rule(out, justified);
    append_page_rule(out, styled.page);
    append_placement_rules(out, styled);  // positioned blocks in print (placement.hpp)
    return out;
}

std::string font_faces(const std::vector<LocalFont>& fonts) {
    std::string out;
    for (const LocalFont& f : fonts) {
        if (f.names.empty()) continue;
        out += "@font-face { font-family: \"";
        out += f.family;
        out += "\"; font-weight: ";
        out += std::to_string(f.weight);
        out += "; font-style: ";
        out += f.italic ? "italic" : "normal";
        out += "; src: ";
        if (!f.url.empty()) out += "url(\"" + f.url + "\") format(\"woff2\"), ";  // embed_fonts
        for (std::size_t i = 0; i < f.names.size(); ++i) {
            if (i > 0) out += ", ";
            out += "local(\"";
            out += f.names[i];
            out += "\")";
        }
        out += "; }\n";
    }
    return out;
}

}  // namespace folio::html
