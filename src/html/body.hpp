#pragma once
/// Internal to the HTML writer: the elements of the document body (sections, blocks and inline
/// content) and the print page markers placed between them.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "doc/document.hpp"
#include "style/computed.hpp"
#include "html/elements.hpp"
#include "html/svg.hpp"
#include "layout/page_map.hpp"
#include "layout/paged_document.hpp"
#include "realize/realize.hpp"

namespace folio::text { class Hyphenator; }

namespace folio::html {

/// Where print pages 2.. begin: for each block, the numbers of the pages it starts.
using PageMarkers = std::map<doc::NodeId, std::vector<std::size_t>>;

/// The page markers of a laid-out document. An inline first node is replaced by its nearest
/// block ancestor; pages without a first node get no marker; page 1 is not included (its marker
/// opens <main>).
PageMarkers page_markers(const doc::Document& d, const layout::PagedDocument& pages);

/// Appends `<hr role="doc-pagebreak" aria-label="Page N" id="page-N">` and a newline.
void append_page_marker(std::string& out, std::size_t number);

/// The page of each node for pages laid out elsewhere (by hand, in tests): the first page on
/// which each node, or anything inside it, is drawn. Layout gives its own PageMap.
layout::PageMap node_pages(const doc::Document& d, const layout::PagedDocument& pages);

/// The accessible name of each aside, unique in the document: its label (or "Note"), then
/// "Note 2", "Note 3" ... in document order.
using AsideNames = std::unordered_map<doc::NodeId, std::string>;
AsideNames aside_names(const doc::Document& d);

/// What the body writer reads besides the tree: ids, page markers, pages of nodes, image sources.
/// Nothing in it changes while the body is written, so several writers may share it.
struct BodyContext {
    const IdMap& ids;
    const PageMarkers& markers;
    const layout::PageMap* pages;                       ///< the page of each node; null without pages
    const std::map<std::string, std::string>& images;  ///< src attribute by image path
    const realize::RealizedDocument& realized;          ///< texts and cross-references
    const AsideNames& asides;                           ///< aside_names of the document
    const text::Hyphenator* hyphenator = nullptr;       ///< soft hyphens in hyphens: auto text (#20)
};

/// Writes nodes of the tree as HTML elements, with their ids, classes and languages.
class BodyWriter {
public:
    /// A writer over `d`, appending to `out`.
    BodyWriter(const doc::Document& d, const BodyContext& context, std::string& out);
    /// Writes a block node (with the page markers before it) or an inline node.
    void node(doc::NodeId id);
    /// Writes the children of `id`, blocks and inlines in order.
    void children(doc::NodeId id);
    /// Writes the page markers recorded for `id`, if any.
    void markers(doc::NodeId id);
    /// Writes ` id=".." class=".." lang=".."` for the attributes `id` has.
    void common_attrs(doc::NodeId id);

private:
    void block(doc::NodeId id);
    void figure(doc::NodeId id);
    /// html/figure.cpp: `<figure` with its attributes and its size, float (data-float) and `>`.
    void open_figure(doc::NodeId id);
    /// html/figure.cpp: the image's style attribute when its box is given both ways (object-fit).
    void image_fit(doc::NodeId id);
    [[nodiscard]] std::optional<SvgFit> svg_fit(doc::NodeId id) const;  ///< the same for an inline SVG
    /// html/figure.cpp: a <figures> row as <div class="figure-row">.
    void figure_row(doc::NodeId id);
    /// html/table.cpp: a table in its scrolling region, with caption, groups, rows and cells.
    void table(doc::NodeId id);
    /// html/table.cpp: one cell, with scope, spans and the headers= of cells under spans.
    void table_cell(doc::NodeId id, const std::string& headers);
    void inline_node(doc::NodeId id);
    void link(doc::NodeId id);
    void reference(doc::NodeId id);
    void open(const std::string& element, doc::NodeId id);
    void close(const std::string& element, bool newline);

    const doc::Document& m_doc;
    const IdMap& m_ids;
    const PageMarkers& m_markers;
    const BodyContext& m_context;
    std::string& m_out;
    std::set<std::size_t> m_marked_pages;  ///< page numbers that have a marker to link to
    InlineSvgCache m_svgs;                 ///< drawings shown many times written once (#23)
};

}  // namespace folio::html
