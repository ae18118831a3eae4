// The structure source of a tagged PDF: what the structure tree needs of the document tree, taken
// while the tree is alive (the pipeline frees it before the PDF is written). One walk in source
// order gives each element its index, so that index order is source order; every node then
// names the element its drawn content belongs to (a text node its block's, or its Span's when
// its language differs).

#include <utility>

#include "core/utf8.hpp"

#include "pdf/write_pdf.hpp"

namespace folio::pdf {
namespace {

using Role = StructureSource::Role;
using doc::NodeKind;

class SourceWalk {
public:
    SourceWalk(const realize::RealizedDocument& realized, StructureSource& out)
        : m_realized(realized), m_doc(realized.doc()), m_out(out) {}

    /// Walks node `id`, whose content goes to element `into` by default.
    void walk(doc::NodeId id, std::uint32_t into) {
        const doc::Node& n = m_doc.node(id);
        std::uint32_t own = into;
        switch (n.kind) {
            case NodeKind::document: own = add(Role::document, id, StructureSource::artifact); break;
            case NodeKind::section: own = add(Role::sect, id, into); break;
            case NodeKind::heading:
                own = add(Role::heading, id, into);
                m_out.elements[own].level = n.level;
                m_out.titles.emplace(id, m_doc.plain_text(id));
                break;
            case NodeKind::paragraph: own = add(Role::paragraph, id, into); break;
            case NodeKind::list: own = add(Role::list, id, into); break;
            case NodeKind::list_item: own = list_item(id, into); break;
            case NodeKind::figure:
                own = add(Role::figure, id, into);
                m_out.elements[own].alt = n.alt;
                break;
            case NodeKind::caption: own = add(Role::caption, id, into); break;
            case NodeKind::block_quote: own = add(Role::block_quote, id, into); break;
            case NodeKind::aside:
                own = add(Role::aside, id, into);
                m_out.elements[own].alt = n.label;
                break;
            case NodeKind::contents: own = add(Role::toc, id, into); break;
            case NodeKind::link: own = link(id, into); break;
            case NodeKind::text:
                if (m_realized.language(id) != effective_lang(into)) own = add(Role::span, id, into);
                keep_hyphens(m_realized.drawn(id));
                break;
            case NodeKind::table: own = add(Role::table, id, into); break;
            case NodeKind::table_head: own = add(Role::table_head, id, into); break;
            case NodeKind::table_body: own = add(Role::table_body, id, into); break;
            case NodeKind::table_foot: own = add(Role::table_foot, id, into); break;
            case NodeKind::table_row: own = add(Role::table_row, id, into); break;
            case NodeKind::header_cell:
            case NodeKind::data_cell: own = cell(id, into); break;
            case NodeKind::table_column:
            case NodeKind::figure_row:  // (its figures are the parent's, each a Figure)
            case NodeKind::emphasis:
            case NodeKind::strong:
            case NodeKind::line_break:
            case NodeKind::explicit_break: break;
        }
        m_out.element_of[id] = own;
        if (n.kind == NodeKind::list_item) own = m_body;  // the item's content is its LBody's
        for (doc::NodeId child : n.children) walk(child, own);
    }

private:
    /// A new element for node `id` under `parent`, with /Lang where its language differs.
    std::uint32_t add(Role role, doc::NodeId id, std::uint32_t parent) {
        StructureSource::Element e;
        e.role = role;
        e.parent = parent;
        const std::string& lang = m_realized.language(id);
        if (parent == StructureSource::artifact || lang != effective_lang(parent)) e.lang = lang;
        m_out.elements.push_back(std::move(e));
        return static_cast<std::uint32_t>(m_out.elements.size() - 1);
    }

    /// Keeps each hyphen of `drawn` with the part of its word before it (StructureSource::hyphenated).
    void keep_hyphens(std::string_view drawn) {
        for (std::size_t at = drawn.find('-'); at != std::string_view::npos; at = drawn.find('-', at + 1)) {
            const std::size_t space = drawn.find_last_of(" \t\n", at);
            const std::size_t from = space == std::string_view::npos ? 0 : space + 1;
            m_out.hyphenated.insert(core::decode_utf8(drawn.substr(from, at + 1 - from)).text);
        }
    }

    /// The language in force in element `e`: its own /Lang or its nearest ancestor's.
    [[nodiscard]] const std::string& effective_lang(std::uint32_t e) const {
        for (; e != StructureSource::artifact; e = m_out.elements[e].parent) {
            if (!m_out.elements[e].lang.empty()) return m_out.elements[e].lang;
        }
        return m_out.lang;
    }

    /// LI, with an Lbl for a numbered item's marker (a bullet is decorative: its run is an
    /// artifact) and an LBody for its content. Returns what the item's own runs (its marker) mark.
    std::uint32_t list_item(doc::NodeId id, std::uint32_t into) {
        const std::uint32_t item = add(Role::list_item, id, into);
        const doc::Node& n = m_doc.node(id);
        const bool numbered = n.parent != doc::no_node && m_doc.node(n.parent).ordered &&
                              !m_realized.marker(id).empty();
        const std::uint32_t label = numbered ? add(Role::label, id, item) : StructureSource::artifact;
        m_body = add(Role::list_body, id, item);
        return label;
    }

    /// TH (with its /Scope) or TD, with its spans.
    std::uint32_t cell(doc::NodeId id, std::uint32_t into) {
        const doc::Node& n = m_doc.node(id);
        const bool header = n.kind == NodeKind::header_cell;
        const std::uint32_t own = add(header ? Role::header_cell : Role::data_cell, id, into);
        StructureSource::Element& e = m_out.elements[own];
        e.colspan = n.colspan;
        e.rowspan = n.rowspan;
        if (header) {
            switch (n.scope) {
                case doc::CellScope::row:
                case doc::CellScope::rowgroup: e.scope = "Row"; break;
                case doc::CellScope::col:
                case doc::CellScope::colgroup: e.scope = "Column"; break;
                case doc::CellScope::none: e.scope = "Both"; break;
            }
        }
        return own;
    }

    /// Link, inside a Reference for a cross-reference; its text describes the annotation.
    std::uint32_t link(doc::NodeId id, std::uint32_t into) {
        const doc::Node& n = m_doc.node(id);
        if (n.reference) {
            const std::uint32_t ref = add(Role::reference, id, into);
            const std::uint32_t own = add(Role::link, id, ref);
            const realize::Reference* r = m_realized.reference(id);
            m_out.elements[own].alt = r != nullptr ? r->title : n.href;
            if (r != nullptr) keep_hyphens(r->drawn_title + r->drawn_page);
            return own;
        }
        const std::uint32_t own = add(Role::link, id, into);
        std::string text = m_doc.plain_text(id);
        m_out.elements[own].alt = text.empty() ? n.href : std::move(text);
        return own;
    }

    const realize::RealizedDocument& m_realized;
    const doc::Document& m_doc;
    StructureSource& m_out;
    std::uint32_t m_body = StructureSource::artifact;  ///< the LBody of the item just added
};

}  // namespace

StructureSource structure_source(const realize::RealizedDocument& realized) {
    StructureSource out;
    const doc::Document& d = realized.doc();
    if (d.nodes.empty()) return out;
    out.lang = realized.language(d.root());
    if (out.lang.empty()) out.lang = d.meta.language;
    out.cover_alt = d.meta.cover.alt;
    out.element_of.assign(d.nodes.size(), StructureSource::artifact);
    SourceWalk(realized, out).walk(d.root(), StructureSource::artifact);
    return out;
}

}  // namespace folio::pdf

namespace folio::pdf {

bool apply_standards(std::string_view standards, bool tags, bool& pdfa, core::Diagnostics& diags) {
    bool ok = true;
    auto fail = [&](const std::string& message) {
        diags.error("options.pdf-standard", message, {});
        ok = false;
    };
    while (!standards.empty()) {
        const std::size_t comma = standards.find(',');
        const std::string_view name = standards.substr(0, comma);
        standards.remove_prefix(comma == std::string_view::npos ? standards.size() : comma + 1);
        if (name == "a-2b") {
            pdfa = true;
        } else if (name == "a-2a" || name == "ua-1") {
            if (name == "a-2a") pdfa = true;
            if (!tags) fail("--pdf-standard " + std::string(name) + " needs a tagged PDF, and --no-tags turns tagging off");
        } else {
            fail("--pdf-standard names \"" + std::string(name) +
                 "\", which folio does not write (it writes ua-1, a-2a and a-2b)");
        }
    }
    return ok;
}

}  // namespace folio::pdf
