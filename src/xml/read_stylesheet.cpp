/// read_stylesheet: style sheet file (docs/style-sheets.md) -> style::Stylesheet.
///
/// Control flow: check the bytes are UTF-8 -> parse with pugixml (malformed XML is the only fatal
/// error) -> root <stylesheet version="1" name="..."> -> each child element becomes a Rule:
/// <page>, <header> and <footer> give "@page", "@header" and "@footer" (once each), <style> gives
/// its `match` selector. Every other attribute of the element is a Declaration, in document order,
/// with its own position; property names and values are the style stage's business.

#include "xml/reader.hpp"

#include <map>
#include <string>
#include <string_view>

#include "xml/xml_util.hpp"

namespace folio::xml {

namespace {

using detail::attribute_location;
using detail::element_location;

/// True for a selector name or class: [A-Za-z][A-Za-z0-9_-]*.
bool is_ident(std::string_view s) {
    const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (s.empty() || !letter(s.front())) return false;
    for (char c : s) {
        if (!letter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_') return false;
    }
    return true;
}

/// True for the selectors a <style> may match: `name`, `.class` or `name.class`.
bool valid_selector(std::string_view s) {
    const std::size_t dot = s.find('.');
    if (dot == std::string_view::npos) return is_ident(s);
    const std::string_view name = s.substr(0, dot);
    return (name.empty() || is_ident(name)) && is_ident(s.substr(dot + 1));
}

/// Reads one style sheet; holds the file and the diagnostics sink.
class StyleReader {
public:
    StyleReader(const core::SourceFile& file, core::Diagnostics& diags)
        : m_file(file), m_diags(diags) {}

    /// Builds the style sheet from the root element.
    style::Stylesheet read(pugi::xml_node root) {
        style::Stylesheet sheet;
        sheet.path = m_file.path();
        if (std::string_view(root.name()) != "stylesheet") {
            m_diags.error(
                "style.wrong-root",
                "root element is <" + std::string(root.name()) + ">; expected <stylesheet>",
                element_location(m_file, root));
            return sheet;
        }
        read_root_attributes(root, sheet);
        std::map<std::string, std::uint32_t> at_rule_lines;  // "page" -> line of its first use
        for (pugi::xml_node c : root.children()) {
            if (detail::is_text(c)) {
                check_stray_text(c, root);
                continue;
            }
            if (c.type() != pugi::node_element) continue;
            const std::string name = c.name();
            if (name == "page" || name == "header" || name == "footer") {
                const core::SourceLocation loc = element_location(m_file, c);
                // A named page master (<page name="cover">) or running content for one master
                // (<footer page="left">) gets the selector "@page:cover", "@footer:left".
                const char* qualifier = name == "page" ? "name" : "page";
                const std::string master(detail::trim(c.attribute(qualifier).value()));
                const std::string key = master.empty() ? name : name + ":" + master;
                const auto [it, inserted] = at_rule_lines.emplace(key, loc.line);
                if (!inserted) {
                    std::string message = "duplicate <";
                    message += name;
                    if (!master.empty()) {
                        message += ' ';
                        message += qualifier;
                        message += "=\"";
                        message += master;
                        message += '"';
                    }
                    message += ">; the first is on line ";
                    message += std::to_string(it->second);
                    m_diags.error("style.duplicate-element", message, loc);
                    continue;
                }
                sheet.rules.push_back(read_rule(c, "@" + key));
            } else if (name == "style") {
                read_style(c, sheet);
            } else {
                m_diags.error("style.unknown-element",
                              "unknown element <" + name +
                                  "> in <stylesheet>; expected style, page, header or footer",
                              element_location(m_file, c));
            }
        }
        return sheet;
    }

private:
    void read_root_attributes(pugi::xml_node root, style::Stylesheet& sheet) {
        const bool too_many = detail::too_many_attributes(m_file, m_diags, root, "style");
        for (pugi::xml_attribute a = too_many ? pugi::xml_attribute() : root.first_attribute(); a;
             a = a.next_attribute()) {
            const std::string_view name = a.name();
            if (name != "version" && name != "name") {
                m_diags.error("style.unknown-attribute",
                              "unknown attribute \"" + std::string(name) +
                                  "\" on <stylesheet>; expected version or name",
                              attribute_location(m_file, root, name));
            }
        }
        const pugi::xml_attribute version = root.attribute("version");
        if (!version) {
            m_diags.error("style.missing-version",
                          "missing version on <stylesheet>; expected version=\"1\"",
                          element_location(m_file, root));
        } else if (std::string_view(version.value()) != "1") {
            m_diags.error("style.unsupported-version",
                          "unsupported version \"" + std::string(version.value()) +
                              "\"; this folio reads version 1",
                          attribute_location(m_file, root, "version"));
        }
        sheet.name = detail::trim(root.attribute("name").value());
    }

    /// A <style>: its match is the selector; a rule without a valid one is reported and dropped.
    void read_style(pugi::xml_node el, style::Stylesheet& sheet) {
        const pugi::xml_attribute match = el.attribute("match");
        if (!match) {
            m_diags.error("style.missing-match",
                          "<style> without match; give a selector, e.g. match=\"p.lead\"",
                          element_location(m_file, el));
            return;
        }
        const std::string_view selector = detail::trim(match.value());
        if (!valid_selector(selector)) {
            m_diags.error("style.invalid-selector",
                          "invalid selector \"" + std::string(match.value()) +
                              "\"; expected name, .class or name.class (a letter, then letters, "
                              "digits, '-' or '_')",
                          attribute_location(m_file, el, "match"));
            return;
        }
        sheet.rules.push_back(read_rule(el, std::string(selector)));
    }

    /// A rule from every attribute of `el` but `match`, in document order.
    style::Rule read_rule(pugi::xml_node el, std::string selector) {
        style::Rule rule;
        rule.selector = std::move(selector);
        rule.location = element_location(m_file, el);
        if (detail::too_many_attributes(m_file, m_diags, el, "style")) return rule;
        std::map<std::string_view, std::size_t> seen;
        for (pugi::xml_attribute a : el.attributes()) {
            const std::string_view name = a.name();
            const std::size_t occurrence = seen[name]++;
            const auto span =
                detail::find_attribute(m_file.text(), detail::element_offset(el), name, occurrence);
            const core::SourceLocation loc =
                m_file.location(span ? span->name : detail::element_offset(el));
            if (occurrence > 0) {
                m_diags.error(
                    "style.duplicate-attribute",
                    "duplicate attribute \"" + std::string(name) + "\" on <" + el.name() + ">",
                    loc);
                continue;
            }
            if (name == "match" && rule.selector.front() != '@') continue;
            // the master qualifier is part of the selector, not a declaration
            if (rule.selector.find(':') != std::string::npos &&
                ((name == "name" && rule.selector.starts_with("@page")) ||
                 (name == "page" && !rule.selector.starts_with("@page")))) {
                continue;
            }
            if (detail::attribute_too_long(m_file, m_diags, el, a, "style", occurrence)) continue;
            std::string value(detail::trim(a.value()));
            detail::check_attribute_text(m_file, m_diags, el, name, value, "style", occurrence);
            rule.declarations.push_back({std::string(name), std::move(value), loc});
        }
        for (pugi::xml_node c : el.children()) {
            if (detail::is_text(c)) check_stray_text(c, el);
            if (c.type() != pugi::node_element) continue;
            m_diags.error("style.unknown-element",
                          "unknown element <" + std::string(c.name()) + "> in <" + el.name() +
                              ">; expected nothing (properties are attributes)",
                          element_location(m_file, c));
        }
        return rule;
    }

    /// Reports non-whitespace text: style sheets hold elements and attributes only.
    void check_stray_text(pugi::xml_node text, pugi::xml_node parent) {
        if (detail::is_blank(text.value())) return;
        std::size_t at = detail::text_offset(text);
        while (at < m_file.text().size() && detail::is_space(m_file.text()[at])) ++at;
        m_diags.error(
            "style.text-not-allowed",
            "text is not allowed in <" + std::string(parent.name()) +
                ">; properties are attributes, e.g. <style match=\"p\" font-size=\"10pt\"/>",
            m_file.location(at));
    }

    const core::SourceFile& m_file;
    core::Diagnostics& m_diags;
};

}  // namespace

core::Result<style::Stylesheet> read_stylesheet(const core::SourceFile& file,
                                                core::Diagnostics& diags) {
    // 1. The bytes must be UTF-8: pugixml passes invalid sequences through untouched.
    detail::check_utf8(file, diags, "style.invalid-utf8");
    //    And no NUL, control character or non-character (docs/source-format.md, "Characters").
    const auto forbidden = detail::check_characters(file, diags, "style.forbidden-character");
    // 2. Parse. Malformed XML is the one error after which nothing can be read.
    pugi::xml_document xml;
    const pugi::xml_parse_result parsed = xml.load_buffer(
        file.text().data(), file.text().size(), detail::parse_options, pugi::encoding_utf8);
    if (!parsed) {
        // A NUL stops pugixml ("tag mismatch"): the character's own error says why.
        if (forbidden) return core::unexpected(*forbidden);
        core::Diagnostic d = detail::malformed_xml(file, parsed, "style.malformed-xml");
        diags.add(d);
        return core::unexpected(std::move(d));
    }
    // 3. The rules.
    return StyleReader(file, diags).read(xml.document_element());
}

}  // namespace folio::xml
