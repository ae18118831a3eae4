// <figures> (issue 18, docs/source-format.md): a row of two to four figures (or QR codes) set
// side by side, each with its own caption; in the HTML a flex row that wraps on narrow screens.
//
//   <figures>
//     <figure src="images/a.png" alt="..."><caption>A</caption></figure>
//     <figure src="images/b.png" alt="..."><caption>B</caption></figure>
//   </figures>

#include "xml/content_reader.hpp"
#include "xml/xml_util.hpp"

namespace folio::xml::detail {

namespace {

/// <figures>: figures and QR codes only.
constexpr ContentModel figures_model{"figure qr", false, "figure or qr",
                                     "put it in the <caption> of one of its figures"};

/// The most figures a row holds: more would make each too narrow to read.
constexpr std::size_t max_row_figures = 4;

}  // namespace

void ContentReader::read_figure_row(pugi::xml_node el, doc::NodeId into, int depth) {
    const doc::NodeId id = m_doc.add(make_node(doc::NodeKind::figure_row, el, {}), into);
    read_children(el, id, figures_model, depth);
    const std::size_t count = m_doc.node(id).children.size();
    const core::SourceLocation at = m_doc.node(id).location;
    if (count == 0) {
        m_diags.error("source.empty-figures", "<figures> without a figure; put two to four <figure> or <qr> in it",
                      at);
    } else if (count == 1) {
        m_diags.warning("source.single-figure-row",
                        "<figures> with one figure; a row holds two to four (a single figure needs no <figures>)", at);
    } else if (count > max_row_figures) {
        m_diags.error("source.too-many-figures", "<figures> with " + std::to_string(count) +
                      " figures; a row holds at most 4 (make two rows)", at);
    }
}

}  // namespace folio::xml::detail
