// <qr> (issue 18, docs/graphics.md): a QR code block, read as a figure whose image is the code
// (qr::to_key), so layout, the PDF, the HTML and tagging treat it as any vector figure.
//
//   <qr data="https://example.org/strategy.pdf" size="25mm" quiet="4" colour="#123c72"
//       alt="QR code: the strategy as a PDF"><caption>Scan for the PDF</caption></qr>

#include <cmath>

#include "qr/qr.hpp"
#include "xml/content_reader.hpp"
#include "xml/svg_parse.hpp"
#include "xml/xml_util.hpp"

namespace folio::xml::detail {

void ContentReader::read_qr(pugi::xml_node el, doc::NodeId into) {
    doc::Node figure = make_node(doc::NodeKind::figure, el, {"data", "alt", "size", "quiet", "colour"});
    qr::Spec spec;
    spec.data = std::string(trim(el.attribute("data").value()));
    if (spec.data.empty()) {
        m_diags.error("source.missing-data", "<qr> without data; give the text or URL to encode, e.g. data=\"https://example.org\"",
                      figure.location);
    } else if (spec.data.size() > qr::max_bytes) {
        m_diags.error("source.qr-too-long",
                      "the data of <qr> is " + std::to_string(spec.data.size()) +
                          " bytes; the largest QR code (version 40, level M) holds " + std::to_string(qr::max_bytes),
                      attribute_location(m_file, el, "data"));
    }
    if (const pugi::xml_attribute size = el.attribute("size")) {
        const auto px = svg::length(size.value(), 0);
        if (!px || *px < 36 || *px > 2000) {  // 27 pt to 1500 pt
            m_diags.error("source.bad-qr-size", "size=\"" + std::string(size.value()) +
                          "\" of <qr> is not a length from 1 cm to 50 cm (e.g. \"25mm\")",
                          attribute_location(m_file, el, "size"));
        } else {
            spec.size = *px * 0.75;
        }
    }
    if (const pugi::xml_attribute quiet = el.attribute("quiet")) {
        const int q = quiet.as_int(-1);
        if (q < 0 || q > 16) {
            m_diags.error("source.bad-qr-quiet", "quiet=\"" + std::string(quiet.value()) +
                          "\" of <qr> is not a whole number of modules from 0 to 16 (the standard asks for 4)",
                          attribute_location(m_file, el, "quiet"));
        } else {
            spec.quiet = q;
        }
    }
    if (const pugi::xml_attribute colour = el.attribute("colour")) {
        if (const auto c = svg::colour(colour.value())) spec.colour = *c;
        else m_diags.error("source.bad-qr-colour", "colour=\"" + std::string(colour.value()) +
                           "\" of <qr> is not a colour such as \"#123c72\"",
                           attribute_location(m_file, el, "colour"));
    }
    figure.alt = trim(collapse_space(el.attribute("alt").value()));
    if (figure.alt.empty()) figure.alt = "QR code: " + spec.data;
    figure.href = spec.data;
    figure.src = qr::to_key(spec);
    const doc::NodeId id = m_doc.add(std::move(figure), into);
    bool captioned = false;
    for (pugi::xml_node c : el.children()) {
        if (is_text(c)) {
            if (!is_blank(c.value())) bad_text(c, el, figure_model);
        } else if (c.type() != pugi::node_element) {
            continue;
        } else if (!figure_model.allows(c.name()) || captioned) {
            bad_element(c, el, figure_model);
        } else {
            captioned = true;
            const doc::NodeId cid = m_doc.add(make_node(doc::NodeKind::caption, c, {}), id);
            read_children(c, cid, inline_model, 0);
        }
    }
}

}  // namespace folio::xml::detail
