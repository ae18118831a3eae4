/// The body of a content source: blocks, inline content and the whitespace rules.
///
/// Blocks are read by a content model per element (content_reader.hpp): children the model does
/// not allow are reported (naming where they do belong) and skipped with their subtrees. Inline
/// content is gathered into runs (the inline children between two blocks, or all of a <p>); each
/// run is then processed in two passes, so that no node has to be removed afterwards:
///   1. whitespace, in the manner of CSS `white-space: normal`: collect the run's text leaves and
///      <br>s in document order through em/strong/a; collapse each whitespace run to one space;
///      drop a space that follows a space, the start of the run or a <br>; drop the space before
///      a <br> and at the end of the run;
///   2. check the run's length and its words' against the limits (content_checks.cpp);
///   3. emit the nodes, skipping text that became empty.

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <string>
#include <string_view>

#include "xml/content_reader.hpp"
#include "xml/xml_util.hpp"

namespace folio::xml::detail {

namespace {

/// Where a known element may appear, for "not allowed here" messages; empty for unknown names.
std::string_view where_allowed(std::string_view name) {
    struct Place {
        std::string_view names;
        std::string_view where;
    };
    static constexpr Place places[] = {
        {" document ", "it is the root element"},
        {" meta ", "it is the first element of document"},
        {" title ", "it belongs in meta or first in section"},
        {" subtitle organisation author date keywords description cover back-cover ", "it belongs in meta"},
        {" contents break ", "it belongs in document or section"},
        {" section ", "it belongs in document or section"},
        {" p ", "it belongs in document, section, li, blockquote, aside, th or td"},
        {" ul ol ", "it belongs in document, section, li, aside, th or td"},
        {" li ", "it belongs in ul or ol"},
        {" figure ", "it belongs in document, section, figures, th or td"},
        {" qr ", "it belongs in document, section or figures"},
        {" figures blockquote aside ", "it belongs in document or section"},
        {" caption ", "it belongs in figure, qr or table"},
        {" table ", "it belongs in document or section"},
        {" col thead tbody tfoot ", "it belongs in table"},
        {" tr ", "it belongs in table, thead, tbody or tfoot"},
        {" th td ", "it belongs in tr"},
        {" em strong a br ref ",
         "it belongs in p, title, caption, li, blockquote, aside, th, td, em, strong or a"},
    };
    const std::string padded = " " + std::string(name) + " ";
    for (const Place& p : places) {
        if (p.names.find(padded) != std::string_view::npos) return p.where;
    }
    return {};
}

/// Appends the text leaves and <br>s under inline node `n` in document order, entering only the
/// elements that emission enters (em, strong, a), so that both passes see the same leaves.
void collect_leaves(pugi::xml_node n, std::vector<pugi::xml_node>& out) {
    if (is_text(n)) {
        out.push_back(n);
        return;
    }
    const std::string_view name = n.name();
    if (name == "br" || name == "ref") {  // a <ref/> prints words, so spaces around it count
        out.push_back(n);
        return;
    }
    for (pugi::xml_node c : n.children()) {
        if (is_text(c) || (c.type() == pugi::node_element && is_inline_element(c.name()))) {
            collect_leaves(c, out);
        }
    }
}

/// Drops one trailing space from `s`, if any.
void drop_trailing_space(std::string* s) {
    if (s != nullptr && !s->empty() && s->back() == ' ') s->pop_back();
}

}  // namespace

void ContentReader::read_children(pugi::xml_node parent, doc::NodeId into,
                                  const ContentModel& model, int depth, pugi::xml_node skip) {
    std::vector<pugi::xml_node> run;  // inline content up to the next block
    for (pugi::xml_node c : parent.children()) {
        if (c == skip) continue;
        if (is_text(c)) {
            if (model.text) {
                run.push_back(c);
            } else if (!is_blank(c.value())) {
                bad_text(c, parent, model);
            }
        } else if (c.type() == pugi::node_element) {
            const std::string_view name = c.name();
            if (model.text && (!model.allows(name) || is_inline_element(name))) {
                run.push_back(c);  // emission reports a bad one, keeping source order
            } else if (!model.allows(name)) {
                bad_element(c, parent, model);
            } else {
                flush_inline(run, into, model);
                read_block(c, into, depth);
            }
        }
    }
    flush_inline(run, into, model);
}

void ContentReader::bad_element(pugi::xml_node el, pugi::xml_node parent,
                                const ContentModel& model) {
    const std::string name = el.name();
    const std::string where =
        " in <" + std::string(parent.name()) + ">; expected " + std::string(model.expected);
    const std::string_view belongs = where_allowed(name);
    if (belongs.empty()) {
        m_diags.error("source.unknown-element", "unknown element <" + name + ">" + where,
                      element_location(m_file, el));
    } else {
        m_diags.error(
            "source.misplaced-element",
            "element <" + name + "> is not allowed" + where + " (" + std::string(belongs) + ")",
            element_location(m_file, el));
    }
}

void ContentReader::bad_text(pugi::xml_node text, pugi::xml_node parent,
                             const ContentModel& model) {
    const std::string_view raw = m_file.text();
    std::size_t at = text_offset(text);
    while (at < raw.size() && is_space(raw[at])) ++at;
    m_diags.error("source.text-not-allowed",
                  "text is not allowed directly in <" + std::string(parent.name()) + ">; " +
                      std::string(model.text_hint),
                  m_file.location(at));
}

void ContentReader::read_block(pugi::xml_node el, doc::NodeId into, int depth) {
    using doc::NodeKind;
    const std::string_view name = el.name();
    const auto add_block = [&](NodeKind kind, const ContentModel& model) {
        const doc::NodeId id = m_doc.add(make_node(kind, el, {}), into);
        read_children(el, id, model, depth);
    };
    if (name == "section") {
        read_section(el, into, depth);
    } else if (name == "figure") {
        read_figure(el, into);
    } else if (name == "table") {
        read_table(el, into, depth);
    } else if (name == "qr") {
        read_qr(el, into);
    } else if (name == "figures") {
        read_figure_row(el, into, depth);
    } else if (name == "p") {
        add_block(NodeKind::paragraph, inline_model);
    } else if (name == "ul" || name == "ol") {
        doc::Node list = make_node(NodeKind::list, el, {});
        list.ordered = name == "ol";
        read_children(el, m_doc.add(std::move(list), into), list_model, depth);
    } else if (name == "li") {
        add_block(NodeKind::list_item, mixed_model);
    } else if (name == "blockquote") {
        add_block(NodeKind::block_quote, quote_model);
    } else if (name == "contents") {
        doc::Node contents = make_node(NodeKind::contents, el, {"title"});
        contents.label = trim(collapse_space(el.attribute("title").value()));
        if (contents.label.empty()) contents.label = "Contents";
        else check_attribute_text(m_file, m_diags, el, "title", contents.label, "source");
        read_children(el, m_doc.add(std::move(contents), into), empty_model, depth);
    } else if (name == "break") {
        doc::Node brk = make_node(NodeKind::explicit_break, el, {"type"});
        brk.text = trim(el.attribute("type").value());
        if (brk.text.empty()) brk.text = "page";
        if (brk.text != "page" && brk.text != "column") {
            m_diags.error("source.bad-break", "break type \"" + brk.text + "\"; expected page or column",
                          attribute_location(m_file, el, "type"));
        }
        read_children(el, m_doc.add(std::move(brk), into), empty_model, depth);
    } else if (name == "aside") {
        doc::Node aside = make_node(NodeKind::aside, el, {"title"});
        const pugi::xml_attribute title = el.attribute("title");
        aside.label = trim(collapse_space(title.value()));
        if (title) check_attribute_text(m_file, m_diags, el, "title", aside.label, "source");
        read_children(el, m_doc.add(std::move(aside), into), mixed_model, depth);
    } else {
        assert(false && "read_block called for an element no block model allows");
    }
}

void ContentReader::read_section(pugi::xml_node el, doc::NodeId into, int depth) {
    doc::Node section = make_node(doc::NodeKind::section, el, {});
    const int level = depth + 2;
    if (level > 6) {
        m_diags.error("source.section-too-deep",
                      "<section> nested " + std::to_string(depth + 1) +
                          " deep; sections nest at most 5 deep (heading levels 2 to 6)",
                      section.location);
    }
    const doc::NodeId id = m_doc.add(std::move(section), into);
    pugi::xml_node title;
    for (pugi::xml_node c : el.children()) {
        if (c.type() == pugi::node_element) {
            title = c;
            break;
        }
    }
    if (title && std::string_view(title.name()) == "title") {
        doc::Node heading = make_node(doc::NodeKind::heading, title, {});
        heading.level = static_cast<std::uint8_t>(std::min(level, 6));
        read_children(title, m_doc.add(std::move(heading), id), inline_model, depth + 1);
    } else {
        m_diags.error("source.missing-section-title",
                      "<section> without <title>; a section starts with its <title>",
                      element_location(m_file, el));
        title = {};
    }
    read_children(el, id, body_model, depth + 1, title);
}

void ContentReader::read_figure(pugi::xml_node el, doc::NodeId into) {
    doc::Node figure = make_node(doc::NodeKind::figure, el, {"src", "alt"});
    // alt: required and not blank.
    const pugi::xml_attribute alt = el.attribute("alt");
    figure.alt = trim(collapse_space(alt.value()));
    if (figure.alt.empty()) {
        m_diags.error("source.missing-alt",
                      std::string(alt ? "empty alt" : "no alt") +
                          " on <figure>; describe the image for readers who cannot see it",
                      alt ? attribute_location(m_file, el, "alt") : figure.location);
    } else {
        check_attribute_text(m_file, m_diags, el, "alt", figure.alt, "source");
    }
    // src: resolved against the source's folder, and the file must exist.
    const std::string_view src = trim(el.attribute("src").value());
    if (src.empty()) {
        m_diags.error("source.missing-src",
                      "<figure> without src; give the image file, e.g. src=\"images/map.png\"",
                      figure.location);
    } else {
        figure.src = resolve_image(el, "src", src);
    }
    // One optional <caption>.
    const doc::NodeId id = m_doc.add(std::move(figure), into);
    pugi::xml_node caption;
    for (pugi::xml_node c : el.children()) {
        if (is_text(c)) {
            if (!is_blank(c.value())) bad_text(c, el, figure_model);
        } else if (c.type() != pugi::node_element) {
            continue;
        } else if (!figure_model.allows(c.name())) {
            bad_element(c, el, figure_model);
        } else if (caption) {
            m_diags.error("source.duplicate-element",
                          "duplicate <caption> in <figure>; the first is on line " +
                              std::to_string(element_location(m_file, caption).line),
                          element_location(m_file, c));
        } else {
            caption = c;
            const doc::NodeId cid = m_doc.add(make_node(doc::NodeKind::caption, c, {}), id);
            read_children(c, cid, inline_model, 0);
        }
    }
}

void ContentReader::flush_inline(std::vector<pugi::xml_node>& run, doc::NodeId into,
                                 const ContentModel& model) {
    if (run.empty()) return;
    // 1. Whitespace over the run's leaves, written to m_inline_text.
    std::vector<pugi::xml_node> leaves;
    for (pugi::xml_node n : run) {
        if (is_text(n) || is_inline_element(n.name())) collect_leaves(n, leaves);
    }
    m_inline_text.clear();
    m_inline_text.reserve(leaves.size());  // (`last` points into it)
    bool after_space = true;      // the start of a run counts as a space
    std::string* last = nullptr;  // the last non-empty text since the start or the last <br>
    for (pugi::xml_node leaf : leaves) {
        if (!is_text(leaf) && std::string_view(leaf.name()) == "ref") {  // text, not a space
            last = nullptr;
            after_space = false;
            continue;
        }
        if (!is_text(leaf)) {  // <br>
            drop_trailing_space(last);
            last = nullptr;
            after_space = true;
            continue;
        }
        std::string& text = m_inline_text.emplace_back(leaf, collapse_space(leaf.value())).second;
        if (after_space && !text.empty() && text.front() == ' ') text.erase(0, 1);
        if (!text.empty()) {
            last = &text;
            after_space = text.back() == ' ';
        }
    }
    drop_trailing_space(last);
    // 2. The limits of docs/limits.md: a refused run builds no nodes.
    m_inline_next = 0;
    if (!within_text_limits(leaves, run.front().parent())) {
        run.clear();
        m_inline_text.clear();
        return;
    }
    // 3. The nodes.
    m_inline_next = 0;
    for (pugi::xml_node n : run) {
        if (is_text(n) || is_inline_element(n.name())) {
            emit_inline(n, into);
        } else {
            bad_element(n, n.parent(), model);
        }
    }
    run.clear();
    m_inline_text.clear();
}

void ContentReader::emit_inline(pugi::xml_node n, doc::NodeId into) {
    using doc::NodeKind;
    if (is_text(n)) {
        std::string* text = inline_text(n);
        if (text != nullptr && !text->empty()) {
            check_text(m_file, m_diags, *text, text_offset(n), '<', "source", n.type() == pugi::node_cdata);
            add_text(n, std::move(*text), into);
        }
        return;
    }
    const std::string_view name = n.name();
    if (name == "br") {
        m_doc.add(make_node(NodeKind::line_break, n, {}), into);
        for (pugi::xml_node c : n.children()) {
            if (c.type() == pugi::node_element) bad_element(c, n, empty_model);
            if (is_text(c) && !is_blank(c.value())) bad_text(c, n, empty_model);
        }
        return;
    }
    if (name == "ref") {
        doc::Node link = make_node(NodeKind::link, n, {"to"});
        const std::string to(trim(n.attribute("to").value()));
        link.reference = true;
        link.href = "#" + to;
        if (to.empty()) {
            m_diags.error("source.missing-to", "<ref> without to; name the id it refers to, e.g. to=\"strategy\"",
                          link.location);
        } else {
            m_links.push_back({to, attribute_location(m_file, n, "to")});
        }
        m_doc.add(std::move(link), into);
        for (pugi::xml_node c : n.children()) {
            if (c.type() == pugi::node_element) bad_element(c, n, empty_model);
            if (is_text(c) && !is_blank(c.value())) bad_text(c, n, empty_model);
        }
        return;
    }
    doc::NodeId id = doc::no_node;
    if (name == "a") {
        doc::Node link = make_node(NodeKind::link, n, {"href"});
        const pugi::xml_attribute href = n.attribute("href");
        link.href = trim(href.value());
        if (link.href.empty()) {
            m_diags.error("source.missing-href",
                          std::string(href ? "empty href" : "no href") +
                              " on <a>; give the link target, e.g. href=\"https://example.org/\"",
                          href ? attribute_location(m_file, n, "href") : link.location);
        } else {
            check_attribute_text(m_file, m_diags, n, "href", link.href, "source");
        }
        if (!link.href.empty() && link.href.front() == '#') {
            m_links.push_back({link.href.substr(1), attribute_location(m_file, n, "href")});
        }
        // A scheme outside the allowed ones loses its link, not its text (content_checks.cpp).
        id = allowed_link(n, link.href) ? m_doc.add(std::move(link), into) : into;
    } else {
        const NodeKind kind = name == "em" ? NodeKind::emphasis : NodeKind::strong;
        id = m_doc.add(make_node(kind, n, {}), into);
    }
    for (pugi::xml_node c : n.children()) {
        if (is_text(c) || (c.type() == pugi::node_element && is_inline_element(c.name()))) {
            emit_inline(c, id);
        } else if (c.type() == pugi::node_element) {
            bad_element(c, n, inline_model);
        }
    }
}

std::string* ContentReader::inline_text(pugi::xml_node n) {
    const auto found = [&](std::size_t k) {
        m_inline_next = k + 1;
        return &m_inline_text[k].second;
    };
    for (std::size_t k = m_inline_next; k < m_inline_text.size(); ++k) {
        if (m_inline_text[k].first == n) return found(k);
    }
    for (std::size_t k = 0; k < m_inline_next && k < m_inline_text.size(); ++k) {
        if (m_inline_text[k].first == n) return found(k);
    }
    return nullptr;
}

doc::NodeId ContentReader::add_text(pugi::xml_node n, std::string text, doc::NodeId into) {
    // The node starts at its first kept character: skip whitespace that was trimmed away.
    std::size_t at = text_offset(n);
    if (text.front() != ' ') {
        const std::string_view raw = m_file.text();
        while (at < raw.size() && is_space(raw[at])) ++at;
    }
    doc::Node node;
    node.kind = doc::NodeKind::text;
    node.location = m_file.location(at);
    node.text = std::move(text);
    return m_doc.add(std::move(node), into);
}

}  // namespace folio::xml::detail
