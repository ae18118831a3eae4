// realize, as a recipe (each step one pass over the node arena, whose parents precede their
// children):
//   1. languages: each node's xml:lang, else its parent's, else the document's;
//   2. cross-references: each <ref>'s target and title;
//   3. smart quotes: the paragraphs as layout sets them (a block's runs of inline children, with
//      each cross-reference's text in its place), each quote decided by its neighbours in the
//      whole paragraph, in the block's language; a text node in no paragraph on its own;
//   4. text-transform: the drawn text of each text node and cross-reference, upper-cased with
//      Unicode's case mapping (case_map.cpp) in the node's language;
//   5. list markers: each item numbered in its list, in the item's list-style-type (a list's own
//      type: the cascade starts ul at disc and ol at decimal, so a bulleted list inside a
//      numbered one keeps its bullets);
//   6. images: every image the document uses (the cover's, the figures'), decoded once each, in
//      document order; a file that cannot be decoded is an error at the element that uses it.

#include "realize/realize.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/utf8.hpp"
#include "realize/link_qr.hpp"
#include "realize/single_letters.hpp"
#include "text/quotes.hpp"
#include "text/typography.hpp"

namespace folio::realize {

using doc::NodeId;
using doc::NodeKind;

std::string_view RealizedDocument::text(NodeId id) const {
    const auto it = m_tables.quoted.find(id);
    return it != m_tables.quoted.end() ? std::string_view(it->second)
                                       : std::string_view(doc().node(id).text);
}

std::string_view RealizedDocument::drawn(NodeId id) const {
    const auto it = m_tables.drawn.find(id);
    return it != m_tables.drawn.end() ? std::string_view(it->second) : text(id);
}

const std::string& RealizedDocument::language(NodeId id) const {
    if (id < m_tables.language.size()) return m_tables.languages[m_tables.language[id]];
    return doc().language_of(id);
}

const std::string& RealizedDocument::marker(NodeId item) const {
    static const std::string none;
    const auto it = m_tables.markers.find(item);
    return it != m_tables.markers.end() ? it->second : none;
}

const Reference* RealizedDocument::reference(NodeId link) const {
    const auto it = m_tables.references.find(link);
    return it != m_tables.references.end() ? &it->second : nullptr;
}

const image::Image* RealizedDocument::image(const std::string& path) const {
    const auto it = m_tables.image_of.find(path);
    return it != m_tables.image_of.end() ? &images[it->second] : nullptr;
}

std::optional<core::Size> RealizedDocument::image_size(const std::string& path) const {
    const image::Image* img = image(path);
    if (img == nullptr || img->width == 0 || img->height == 0) return std::nullopt;
    if (img->format == image::Format::svg) return img->vector.size;  // (px, not rounded)
    return core::Size{double(img->width), double(img->height)};
}

void RealizedDocument::forget_tree() {
    Tables kept;
    kept.image_of = std::move(m_tables.image_of);
    m_tables = std::move(kept);
}

/// The steps of realize() over one document.
class Realizer {
public:
    Realizer(const style::StyledDocument& styled, core::Diagnostics& diags, const ImageLoader& load)
        : m_styled(styled), m_doc(styled.doc()), m_diags(diags), m_load(load) {}

    RealizedDocument run() {
        languages();
        table_numbers();
        references();
        // (quotes only where a style asks for them: most documents skip the walk)
        const auto& styles = m_styled.distinct_styles;
        if (std::any_of(styles.begin(), styles.end(),
                        [](const auto& st) { return st.smart_quotes; })) {
            m_in_paragraph.assign(m_doc.nodes.size(), 0);
            if (!m_doc.nodes.empty()) block(m_doc.root());
            lone_texts();
        }
        if (std::any_of(styles.begin(), styles.end(), [](const auto& st) { return st.single_letters != 0; })) {
            single_letters();  // #20: cs, pl, sk
        }
        caption_numbers();
        transforms();
        markers();
        images();
        return RealizedDocument(m_styled, std::move(m_tables), std::move(m_images),
                                std::move(m_inputs));
    }

private:
    /// A stretch of a paragraph's text from one node: a text node or a cross-reference.
    struct Span {
        NodeId id;
        std::size_t start;
        std::size_t size;
        std::size_t title = 0;  ///< a cross-reference: the length of its title
    };

    void languages() {
        m_tables.languages.push_back(m_doc.meta.language);
        m_tables.language.assign(m_doc.nodes.size(), 0);
        for (NodeId id = 0; id < m_doc.nodes.size(); ++id) {
            const doc::Node& n = m_doc.node(id);
            if (n.lang.empty()) {
                if (n.parent != doc::no_node) m_tables.language[id] = m_tables.language[n.parent];
                continue;
            }
            std::uint16_t index = 0;
            while (index < m_tables.languages.size() && m_tables.languages[index] != n.lang)
                ++index;
            if (index == m_tables.languages.size()) m_tables.languages.push_back(n.lang);
            m_tables.language[id] = index;
        }
    }

    /// The title of a cross-reference's target (see Reference::title).
    std::string title_of(NodeId target) const {
        if (const auto it = m_numbers.find(target); it != m_numbers.end()) return it->second;  // "Table 2"
        const doc::Node& n = m_doc.node(target);
        for (NodeId c : n.children) {
            const NodeKind k = m_doc.node(c).kind;
            if (k == NodeKind::heading || k == NodeKind::caption) return m_doc.plain_text(c);
        }
        if (n.kind == NodeKind::figure) return n.alt;
        return m_doc.plain_text(target);
    }

    void references() {
        for (NodeId id = 0; id < m_doc.nodes.size(); ++id) {
            const doc::Node& n = m_doc.node(id);
            if (n.kind != NodeKind::link || !n.reference) continue;
            const std::string to =
                n.href.size() > 1 && n.href.front() == '#' ? n.href.substr(1) : "";
            Reference r;
            if (const auto target = m_doc.find_id(to)) {
                r.target = *target;
                r.title = title_of(*target);
            }
            if (r.title.find_first_not_of(" \t\r\n") == std::string::npos) r.title = to;
            r.drawn_title = r.title;
            r.drawn_page = ", page ";
            m_tables.references.emplace(id, std::move(r));
        }
    }

    /// Walks the blocks as layout does, quoting each paragraph: the inline children of a block
    /// in runs between its block children (all children of headings, paragraphs and captions).
    void block(NodeId id) {
        const doc::Node& n = m_doc.node(id);
        switch (n.kind) {
            case NodeKind::heading:
            case NodeKind::paragraph:
            case NodeKind::caption:
                paragraph(id, n.children);
                return;
            case NodeKind::figure:
            case NodeKind::list:
            case NodeKind::table:  // tables: their caption, groups, rows and cells
            case NodeKind::table_head:
            case NodeKind::table_body:
            case NodeKind::table_foot:
            case NodeKind::table_row:
                for (NodeId c : n.children) {
                    if (!doc::is_inline(m_doc.node(c).kind)) block(c);
                }
                return;
            case NodeKind::contents:
            case NodeKind::explicit_break:
            case NodeKind::table_column:
                return;
            case NodeKind::document:
            case NodeKind::section:
            case NodeKind::block_quote:
            case NodeKind::aside:
            case NodeKind::header_cell:
            case NodeKind::data_cell:
            case NodeKind::list_item: {
                std::vector<NodeId> inlines;
                for (NodeId c : n.children) {
                    if (doc::is_inline(m_doc.node(c).kind)) {
                        inlines.push_back(c);
                        continue;
                    }
                    if (!inlines.empty()) paragraph(id, inlines);
                    inlines.clear();
                    block(c);
                }
                if (!inlines.empty()) paragraph(id, inlines);
                return;
            }
            case NodeKind::text:
            case NodeKind::emphasis:
            case NodeKind::strong:
            case NodeKind::link:
            case NodeKind::line_break:
                return;
        }
    }

    /// Appends node `id` to the paragraph's text, as layout collects it.
    void collect(NodeId id) {
        const doc::Node& n = m_doc.node(id);
        switch (n.kind) {
            case NodeKind::text: {
                const std::size_t start = m_text.size();
                (void)core::append_decoded_utf8(m_text, n.text);
                m_spans.push_back({id, start, m_text.size() - start});
                m_in_paragraph[id] = 1;
                return;
            }
            case NodeKind::line_break:
                m_text += U'\n';
                return;
            case NodeKind::link:
                if (const auto r = m_tables.references.find(id);
                    r != m_tables.references.end() && r->second.target != doc::no_node) {
                    // The title and a page number of two digits, a stand-in of the same kind.
                    const std::size_t start = m_text.size();
                    (void)core::append_decoded_utf8(m_text, r->second.title);
                    const std::size_t title = m_text.size() - start;
                    m_text += U", page 00";
                    m_spans.push_back({id, start, m_text.size() - start, title});
                }
                break;
            default:
                break;
        }
        for (NodeId c : n.children) collect(c);
    }

    void paragraph(NodeId block, const std::vector<NodeId>& inlines) {
        m_text.clear();
        m_spans.clear();
        for (NodeId id : inlines) collect(id);
        bool quoted = false;
        for (const Span& sp : m_spans) {
            if (!m_styled.style(sp.id).smart_quotes) continue;
            for (std::size_t i = sp.start; i < sp.start + sp.size && !quoted; ++i) {
                quoted = m_text[i] == U'"' || m_text[i] == U'\'';
            }
        }
        if (!quoted) return;
        const std::string& lang = language(block);
        for (const Span& sp : m_spans) {
            if (m_styled.style(sp.id).smart_quotes)
                text::smart_quotes(m_text, sp.start, sp.start + sp.size, lang);
        }
        const text::QuoteMarks marks = text::quote_marks(lang);  // (French: spaces in « »)
        for (const Span& sp : m_spans) {
            const std::u32string_view part =
                std::u32string_view(m_text).substr(sp.start, sp.title ? sp.title : sp.size);
            std::string utf8 = core::to_utf8(text::space_guillemets(part, marks));
            if (sp.title) {
                m_tables.references[sp.id].drawn_title = std::move(utf8);
            } else if (utf8 != m_doc.node(sp.id).text) {
                m_tables.quoted[sp.id] = std::move(utf8);
            }
        }
    }

    /// Text nodes that are in no paragraph layout sets (say, inside a figure but not its
    /// caption): quoted on their own, in their own language.
    void lone_texts() {
        for (NodeId id = 0; id < m_doc.nodes.size(); ++id) {
            const doc::Node& n = m_doc.node(id);
            if (n.kind != NodeKind::text || m_in_paragraph[id] || !m_styled.style(id).smart_quotes)
                continue;
            if (n.text.find_first_of("\"'") == std::string::npos) continue;
            std::u32string decoded = core::decode_utf8(n.text).text;
            text::smart_quotes(decoded, 0, decoded.size(), language(id));
            m_tables.quoted[id] = core::to_utf8(text::space_guillemets(decoded, text::quote_marks(language(id))));
        }
    }

    /// One-letter words bound to the next with a no-break space, where the style asks.
    void single_letters() {
        for (NodeId id = 0; id < m_doc.nodes.size(); ++id) {
            const doc::Node& n = m_doc.node(id);
            if (n.kind != NodeKind::text || !binds_single_letters(m_styled.style(id).single_letters, language(id))) {
                continue;
            }
            const std::string_view now = text(id);
            const std::u32string bound = bind_single_letters(core::decode_utf8(now).text);
            std::string utf8 = core::to_utf8(bound);
            if (utf8 != now) m_tables.quoted[id] = std::move(utf8);
        }
    }

    /// Tables whose style gives them a label (table-label: "Table") are numbered in document
    /// order: "Table 2" is their title in cross-references ...
    void table_numbers() {
        int number = 0;
        for (NodeId id = 0; id < m_doc.nodes.size(); ++id) {
            const std::string& label = m_styled.style(id).table_label;
            if (m_doc.node(id).kind != NodeKind::table || label.empty()) continue;
            m_numbers.emplace(id, label + " " + std::to_string(++number));
        }
    }

    /// ... and stands before the text of their caption, "Table 2. Key dates", in both outputs.
    void caption_numbers() {
        for (const auto& [table, name] : m_numbers) {
            for (NodeId c : m_doc.node(table).children) {
                if (m_doc.node(c).kind != NodeKind::caption) continue;
                NodeId t = c;  // its first text
                while (t != doc::no_node && m_doc.node(t).kind != NodeKind::text) {
                    t = m_doc.node(t).children.empty() ? doc::no_node : m_doc.node(t).children.front();
                }
                if (t != doc::no_node) m_tables.quoted[t] = name + ". " + std::string(text(t));
                break;
            }
        }
    }

    void transforms() {
        for (NodeId id = 0; id < m_doc.nodes.size(); ++id) {
            const doc::Node& n = m_doc.node(id);
            const style::ComputedStyle& st = m_styled.style(id);
            if (st.text_transform == style::TextTransform::none) continue;
            if (n.kind == NodeKind::text) {
                const std::string_view read = text(id);
                std::string drawn = transformed(read, st, language(id));
                if (drawn != read) m_tables.drawn[id] = std::move(drawn);
            } else if (const auto it = m_tables.references.find(id);
                       it != m_tables.references.end()) {
                it->second.drawn_title = transformed(it->second.drawn_title, st, language(id));
                it->second.drawn_page = transformed(it->second.drawn_page, st, language(id));
            }
        }
    }

    void markers() {
        for (const doc::Node& list : m_doc.nodes) {
            if (list.kind != NodeKind::list) continue;
            int number = 1;
            for (NodeId item : list.children) {
                std::string marker = list_marker(m_styled.style(item).list_style, number++);
                if (!marker.empty()) m_tables.markers.emplace(item, std::move(marker));
            }
        }
    }

    void images() {
        std::vector<std::pair<std::string, core::SourceLocation>> uses;
        if (!m_doc.meta.cover.image.empty())
            uses.emplace_back(m_doc.meta.cover.image, m_doc.meta.cover.location);
        for (const doc::Node& n : m_doc.nodes) {
            if (n.kind == NodeKind::figure && !n.src.empty()) uses.emplace_back(n.src, n.location);
        }
        for (auto& art : style::art_images(m_styled)) uses.push_back(std::move(art));  // page masters' backgrounds
        for (auto& code : link_qr_uses(m_styled)) uses.push_back(std::move(code));     // print-qr (link_qr.hpp)
        std::set<std::string> seen;
        for (const auto& [path, location] : uses) {
            if (!seen.insert(path).second) continue;
            m_inputs.push_back(path);
            auto loaded = m_load ? m_load(path, m_diags) : image::load_image(path);
            if (!loaded) {
                core::Diagnostic d = loaded.error();
                if (d.location.file.empty()) d.location = location;  // (an SVG's own errors keep theirs)
                m_diags.add(std::move(d));
                continue;
            }
            m_tables.image_of.emplace(path, m_images.size());
            m_images.push_back(std::move(*loaded));
        }
    }

    /// The language of a node, from the table languages() made.
    const std::string& language(NodeId id) const {
        return m_tables.languages[m_tables.language[id]];
    }
    /// A text node's text with its quotes, as far as realized.
    std::string_view text(NodeId id) const {
        const auto it = m_tables.quoted.find(id);
        return it != m_tables.quoted.end() ? std::string_view(it->second)
                                           : std::string_view(m_doc.node(id).text);
    }

    const style::StyledDocument& m_styled;
    const doc::Document& m_doc;
    core::Diagnostics& m_diags;
    const ImageLoader& m_load;
    RealizedDocument::Tables m_tables;
    std::vector<image::Image> m_images;
    std::vector<std::string> m_inputs;
    std::vector<char> m_in_paragraph;  ///< by NodeId: a text node in a paragraph layout sets
    std::u32string m_text;             ///< the paragraph being quoted
    std::vector<Span> m_spans;
    std::map<NodeId, std::string> m_numbers;  ///< numbered tables: "Table 2"
};

RealizedDocument realize(const style::StyledDocument& styled, core::Diagnostics& diags) {
    return realize(styled, diags, ImageLoader());
}

RealizedDocument realize(const style::StyledDocument& styled, core::Diagnostics& diags,
                         const ImageLoader& load) {
    if (styled.document == nullptr) return RealizedDocument(styled);
    return Realizer(styled, diags, load).run();
}

}  // namespace folio::realize
