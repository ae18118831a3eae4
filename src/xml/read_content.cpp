/// read_content: content source format v1 (docs/source-format.md) -> doc::Document.
///
/// Control flow: check the bytes are UTF-8 -> parse with pugixml (malformed XML is the only fatal
/// error) -> root element and its attributes -> <meta> (metadata, the level-1 heading, the
/// subtitle) -> body blocks (content_body.cpp) -> internal links against the collected ids.
/// Every other problem is reported to the Diagnostics sink and reading goes on.

#include "xml/reader.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "core/jobs.hpp"
#include "xml/content_reader.hpp"
#include "xml/xml_util.hpp"

namespace folio::xml {

namespace detail {

namespace {

/// True for an XML NCName-like id: a letter, '_' or non-ASCII character, then also digits, '-'
/// and '.'.
bool valid_id(std::string_view id) {
    const auto letter = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
               static_cast<unsigned char>(c) >= 0x80;
    };
    if (id.empty() || !letter(id.front())) return false;
    return std::all_of(id.begin(), id.end(), [&](char c) {
        return letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
}

/// True for a BCP 47-shaped tag: 1-8 letters, then any number of "-" and 1-8 letters or digits.
bool valid_language(std::string_view tag) {
    std::size_t part = 0;  // length of the current subtag
    bool first = true;     // in the primary subtag, which is letters only
    for (char c : tag) {
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (c == '-') {
            if (part == 0) return false;
            part = 0;
            first = false;
        } else if (letter || (!first && c >= '0' && c <= '9')) {
            if (++part > 8) return false;
        } else {
            return false;
        }
    }
    return part > 0;
}

/// True for a valid calendar date written YYYY-MM-DD.
bool valid_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k) {
        for (std::size_t i = starts[k]; i < starts[k] + lengths[k]; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            parts[k] = parts[k] * 10 + (s[i] - '0');
        }
    }
    const int year = parts[0], month = parts[1], day = parts[2];
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days[12] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

/// The comma-separated keywords, trimmed, without empty ones.
std::vector<std::string> split_keywords(std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty()) {
        const std::size_t comma = std::min(s.find(','), s.size());
        const std::string_view word = trim(s.substr(0, comma));
        if (!word.empty()) out.emplace_back(word);
        s.remove_prefix(std::min(comma + 1, s.size()));
    }
    return out;
}

/// Joins names as "a, b or c".
std::string join_or(const std::vector<std::string_view>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
        out += names[i];
    }
    return out;
}

/// What a walk over the XML tree found: its elements and non-blank texts, and the first element
/// nested deeper than max_depth (empty when none is).
struct TreeShape {
    std::size_t nodes = 0;
    pugi::xml_node too_deep;
};

/// Walks the tree under `root` in pre-order, without recursion (the input decides its depth),
/// stopping at the first element deeper than max_depth.
TreeShape measure(pugi::xml_node root) {
    TreeShape shape;
    std::size_t depth = 1;  // of n; the root is level 1
    for (pugi::xml_node n = root; n;) {
        if (n.type() == pugi::node_element) {
            ++shape.nodes;
            if (depth > max_depth) {
                shape.too_deep = n;
                return shape;
            }
        } else if (is_text(n) && !is_blank(n.value())) {
            ++shape.nodes;
        }
        if (n.first_child()) {
            n = n.first_child();
            ++depth;
            continue;
        }
        while (n && n != root && !n.next_sibling()) {
            n = n.parent();
            --depth;
        }
        n = (n && n != root) ? n.next_sibling() : pugi::xml_node();
    }
    return shape;
}

/// The first element child of `n`, or an empty node.
pugi::xml_node first_element(pugi::xml_node n) {
    for (pugi::xml_node c : n.children()) {
        if (c.type() == pugi::node_element) return c;
    }
    return {};
}

}  // namespace

bool ContentModel::allows(std::string_view name) const {
    std::string_view rest = elements;
    while (!rest.empty()) {
        const std::size_t space = std::min(rest.find(' '), rest.size());
        if (rest.substr(0, space) == name) return true;
        rest.remove_prefix(std::min(space + 1, rest.size()));
    }
    return false;
}

bool is_inline_element(std::string_view name) {
    return name == "em" || name == "strong" || name == "a" || name == "br" || name == "ref";
}

ContentReader::ContentReader(const core::SourceFile& file, core::Diagnostics& diags,
                             bool check_files, bool allow_outside)
    : m_file(file), m_diags(diags), m_check_files(check_files), m_allow_outside(allow_outside) {
    m_doc.source_path = file.path();
}

doc::Document ContentReader::read(pugi::xml_node root) {
    // 1. The root element becomes nodes[0]; a wrong root leaves nothing else to read.
    read_root(root);
    if (std::string_view(root.name()) != "document") return std::move(m_doc);
    // 2. <meta> comes first: metadata, the level-1 heading and the subtitle.
    const pugi::xml_node meta = root.child("meta");
    if (!meta) {
        m_diags.error("source.missing-meta", "missing <meta>; <document> must start with <meta>",
                      element_location(m_file, root));
    } else {
        if (meta != first_element(root)) {
            m_diags.error("source.meta-not-first", "<meta> must be the first element of <document>",
                          element_location(m_file, meta));
        }
        read_meta(meta);
    }
    // 3. The body blocks, in source order, unless elements nest deeper than the reader's
    //    recursion may go. The tree has at most one node per element or non-blank text of the
    //    XML: room for them all up front spares large documents repeated moves of the nodes.
    const TreeShape shape = measure(root);
    if (shape.too_deep) {
        m_diags.error("source.too-deep",
                      "<" + std::string(shape.too_deep.name()) + "> is nested " +
                          std::to_string(max_depth + 1) + " elements deep; folio reads at most " +
                          std::to_string(max_depth) + " levels of nesting",
                      element_location(m_file, shape.too_deep));
        return std::move(m_doc);
    }
    m_doc.nodes.reserve(m_doc.nodes.size() + shape.nodes);
    read_children(root, m_doc.root(), body_model, 0, meta);
    // 4. Internal links, now that every id is known.
    check_links();
    return std::move(m_doc);
}

void ContentReader::read_root(pugi::xml_node root) {
    const std::string_view name = root.name();
    if (name != "document") {
        doc::Node node;
        node.kind = doc::NodeKind::document;
        node.location = element_location(m_file, root);
        m_diags.error("source.wrong-root",
                      "root element is <" + std::string(name) + ">; expected <document>",
                      node.location);
        m_doc.add(std::move(node), doc::no_node);
        return;
    }
    doc::Node node = make_node(doc::NodeKind::document, root, {"version"});
    const pugi::xml_attribute version = root.attribute("version");
    if (!version) {
        m_diags.error("source.missing-version",
                      "missing version on <document>; expected version=\"1\"", node.location);
    } else if (std::string_view(version.value()) != "1") {
        m_diags.error("source.unsupported-version",
                      "unsupported version \"" + std::string(version.value()) +
                          "\"; this folio reads version 1",
                      attribute_location(m_file, root, "version"));
    }
    if (is_blank(root.attribute("xml:lang").value())) {
        m_diags.error("source.missing-lang",
                      "missing xml:lang on <document>; give the document's language, e.g. "
                      "xml:lang=\"en\"",
                      node.location);
    }
    m_doc.meta.language = node.lang;
    m_doc.add(std::move(node), doc::no_node);
}

void ContentReader::read_meta(pugi::xml_node meta) {
    check_attributes(meta, {}, false);
    std::map<std::string, pugi::xml_node> fields;
    for (pugi::xml_node c : meta.children()) {
        if (is_text(c)) {
            if (!is_blank(c.value())) bad_text(c, meta, meta_model);
            continue;
        }
        if (c.type() != pugi::node_element) continue;
        if (!meta_model.allows(c.name())) {
            bad_element(c, meta, meta_model);
            continue;
        }
        auto [it, inserted] = fields.emplace(c.name(), c);
        if (!inserted) {
            m_diags.error("source.duplicate-element",
                          "duplicate <" + std::string(c.name()) +
                              "> in <meta>; the first is on line " +
                              std::to_string(element_location(m_file, it->second).line),
                          element_location(m_file, c));
        }
    }
    // The title and subtitle become nodes; the other fields are metadata only.
    doc::Metadata& m = m_doc.meta;
    add_title_nodes(fields["title"], fields["subtitle"]);
    const auto text_of = [&](const char* name) {
        const auto it = fields.find(name);
        if (it == fields.end() || !it->second) return std::string();
        check_attributes(it->second, {}, false);
        return meta_text(it->second, nullptr);
    };
    m.organisation = text_of("organisation");
    m.author = text_of("author");
    m.date = text_of("date");
    m.keywords = split_keywords(text_of("keywords"));
    m.description = text_of("description");
    if (const pugi::xml_node back = fields["back-cover"]) {
        // An address block: each line of the element's text is a line of the block.
        check_attributes(back, {}, false);
        m.back_cover.present = true;
        m.back_cover.location = element_location(m_file, back);
        std::string raw;
        for (pugi::xml_node c : back.children()) {
            if (is_text(c)) {
                check_text(m_file, m_diags, c.value(), text_offset(c), '<', "source",
                           c.type() == pugi::node_cdata);
                raw += c.value();
            }
            else if (c.type() == pugi::node_element) bad_element(c, back, plain_model);
        }
        check_plain_limits(collapse_space(raw), back);
        std::size_t start = 0;
        while (start <= raw.size()) {
            const std::size_t end = std::min(raw.find('\n', start), raw.size());
            std::string line(trim(collapse_space(raw.substr(start, end - start))));
            if (!line.empty()) m.back_cover.lines.push_back(std::move(line));
            start = end + 1;
        }
    }
    if (const pugi::xml_node cover = fields["cover"]) {
        check_attributes(cover, {"image", "alt"}, false);
        m.cover.present = true;
        m.cover.location = element_location(m_file, cover);
        m.cover.tagline = meta_text(cover, nullptr);
        m.cover.alt = trim(collapse_space(cover.attribute("alt").value()));
        if (!m.cover.alt.empty()) check_attribute_text(m_file, m_diags, cover, "alt", m.cover.alt, "source");
        const std::string_view image = trim(cover.attribute("image").value());
        if (!image.empty()) {
            m.cover.image = resolve_image(cover, "image", image);
            if (m.cover.alt.empty()) {
                m_diags.error("source.missing-alt", "no alt on <cover> with an image; describe the image",
                              m.cover.location);
            }
        }
    }
    if (!fields["title"]) {
        m_diags.error("source.missing-title",
                      "missing <title> in <meta>; the document needs a title",
                      element_location(m_file, meta));
    } else if (m.title.empty()) {
        m_diags.error("source.missing-title", "empty <title> in <meta>; the document needs a title",
                      element_location(m_file, fields["title"]));
    }
    if (!m.date.empty() && !valid_date(m.date)) {
        m_diags.error("source.malformed-date",
                      "malformed date \"" + m.date + "\"; expected YYYY-MM-DD, e.g. 2024-03-31",
                      element_location(m_file, fields["date"]));
    }
}

std::string ContentReader::meta_text(pugi::xml_node field, pugi::xml_node* first_text) {
    std::string raw;
    for (pugi::xml_node c : field.children()) {
        if (is_text(c)) {
            if (first_text && !*first_text && !is_blank(c.value())) *first_text = c;
            check_text(m_file, m_diags, c.value(), text_offset(c), '<', "source",
                       c.type() == pugi::node_cdata);
            raw += c.value();
        } else if (c.type() == pugi::node_element) {
            bad_element(c, field, plain_model);
        }
    }
    std::string text(trim(collapse_space(raw)));
    check_plain_limits(text, field);
    return text;
}

void ContentReader::add_title_nodes(pugi::xml_node title, pugi::xml_node subtitle) {
    const auto add_with_text = [&](doc::Node node, pugi::xml_node el) {
        const doc::NodeId id = m_doc.add(std::move(node), m_doc.root());
        pugi::xml_node first_text;
        std::string text = meta_text(el, &first_text);
        if (!text.empty()) add_text(first_text, text, id);
        return text;
    };
    if (title) {
        doc::Node heading = make_node(doc::NodeKind::heading, title, {}, false);
        heading.level = 1;
        m_doc.meta.title = add_with_text(std::move(heading), title);
    }
    if (subtitle) {
        doc::Node para = make_node(doc::NodeKind::paragraph, subtitle, {}, false);
        para.classes = para.classes.empty() ? "subtitle" : "subtitle " + para.classes;
        m_doc.meta.subtitle = add_with_text(std::move(para), subtitle);
    }
}

doc::Node ContentReader::make_node(doc::NodeKind kind, pugi::xml_node el,
                                   std::initializer_list<std::string_view> extra, bool allow_id) {
    check_attributes(el, extra, allow_id);
    doc::Node node;
    node.kind = kind;
    node.location = element_location(m_file, el);
    if (allow_id) apply_id(el, node);
    node.classes = std::string(trim(collapse_space(el.attribute("class").value())));
    if (const pugi::xml_attribute lang = el.attribute("xml:lang")) {
        node.lang = trim(lang.value());
        // a blank xml:lang on the root is reported as missing by read_root
        if (!valid_language(node.lang) && !(node.lang.empty() && kind == doc::NodeKind::document)) {
            m_diags.error("source.invalid-lang",
                          "invalid xml:lang \"" + node.lang +
                              "\"; expected a BCP 47 language tag such as en or en-GB",
                          attribute_location(m_file, el, "xml:lang"));
            node.lang.clear();
        }
    }
    return node;
}

void ContentReader::check_attributes(pugi::xml_node el,
                                     std::initializer_list<std::string_view> extra, bool allow_id) {
    if (!el.first_attribute() || too_many_attributes(m_file, m_diags, el, "source")) return;
    std::vector<std::string_view> allowed(extra);
    if (allow_id) allowed.emplace_back("id");
    allowed.emplace_back("class");
    allowed.emplace_back("xml:lang");
    std::vector<std::string_view> seen;
    for (pugi::xml_attribute a : el.attributes()) {
        const std::string_view name = a.name();
        const auto repeats = static_cast<std::size_t>(std::count(seen.begin(), seen.end(), name));
        seen.push_back(name);
        if (attribute_too_long(m_file, m_diags, el, a, "source", repeats)) continue;
        const bool unknown = repeats == 0 && std::find(allowed.begin(), allowed.end(), name) == allowed.end();
        if (repeats == 0 && !unknown) continue;
        std::string what = "attribute \"";
        what.append(name).append("\" on <").append(el.name()).append(">");
        if (repeats > 0) {
            m_diags.error("source.duplicate-attribute", "duplicate " + what,
                          attribute_location(m_file, el, name, repeats));
        } else {
            what.append("; expected ").append(join_or(allowed));
            m_diags.error("source.unknown-attribute", "unknown " + what,
                          attribute_location(m_file, el, name));
        }
    }
}

void ContentReader::apply_id(pugi::xml_node el, doc::Node& node) {
    const pugi::xml_attribute attr = el.attribute("id");
    if (!attr) return;
    const std::string id = attr.value();
    const core::SourceLocation loc = attribute_location(m_file, el, "id");
    if (!valid_id(id)) {
        m_diags.error("source.invalid-id",
                      "invalid id \"" + id +
                          "\"; an id starts with a letter or '_' and holds letters, digits, '-', "
                          "'_' and '.'",
                      loc);
        return;
    }
    const auto [it, inserted] = m_id_lines.emplace(id, loc.line);
    if (!inserted) {
        m_diags.error(
            "source.duplicate-id",
            "duplicate id \"" + id + "\"; it is first used on line " + std::to_string(it->second),
            loc);
        return;
    }
    node.id = id;
}

void ContentReader::check_links() {
    for (const PendingLink& link : m_links) {
        if (m_id_lines.count(link.target) == 0) {
            m_diags.error(
                "source.unknown-link-target",
                "link to \"#" + link.target + "\", but no element has id=\"" + link.target + "\"",
                link.location);
        }
    }
}

}  // namespace detail

namespace {
/// The smallest source whose bytes are checked beside the parse: below it a thread costs more
/// than the checks (about 4 instructions a byte).
constexpr std::size_t min_bytes_beside = 256 * 1024;
}  // namespace

core::Result<doc::Document> read_content(const core::SourceFile& file, core::Diagnostics& diags,
                                         bool check_files, bool allow_outside, bool beside) {
    // 1. The bytes must be UTF-8: pugixml passes invalid sequences through untouched.
    //    And no NUL, control character or non-character (docs/source-format.md, "Characters").
    //    For a large source beside step 2 (they read only the bytes; issue 23).
    core::Diagnostics checked;
    std::optional<core::Diagnostic> forbidden;
    core::Beside checks(beside && file.text().size() >= min_bytes_beside, [&] {
        detail::check_utf8(file, checked, "source.invalid-utf8");
        forbidden = detail::check_characters(file, checked, "source.forbidden-character");
    });
    // 2. Parse. Malformed XML is the one error after which nothing can be read.
    pugi::xml_document xml;
    const pugi::xml_parse_result parsed = xml.load_buffer(
        file.text().data(), file.text().size(), detail::parse_options, pugi::encoding_utf8);
    checks.wait();
    diags.append(checked);
    if (!parsed) {
        // A NUL stops pugixml ("tag mismatch"): the character's own error says why.
        if (forbidden) return core::unexpected(*forbidden);
        core::Diagnostic d = detail::malformed_xml(file, parsed, "source.malformed-xml");
        diags.add(d);
        return core::unexpected(std::move(d));
    }
    // 3. One root element (pugixml tolerates several).
    const pugi::xml_node root = xml.document_element();
    for (pugi::xml_node extra = root.next_sibling(); extra; extra = extra.next_sibling()) {
        if (extra.type() != pugi::node_element) continue;
        diags.error("source.malformed-xml",
                    "malformed XML: a second root element <" + std::string(extra.name()) +
                        "> after </" + root.name() + ">",
                    detail::element_location(file, extra));
    }
    // 4. Build the document tree.
    detail::ContentReader reader(file, diags, check_files, allow_outside);
    return reader.read(root);
}

}  // namespace folio::xml
