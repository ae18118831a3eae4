/// Tables in a content source: <table> with an optional <caption>, <col> declarations, then row
/// groups (<thead>, <tbody>, <tfoot>, or rows written directly in the table, which get a body of
/// their own) of rows <tr> of cells <th> and <td>. Cells hold inline content or paragraphs.
///
/// Control flow: the element order is checked as the children are read (caption first, columns
/// before rows, one head before the bodies, one foot after them); each cell's colspan, rowspan
/// and scope are parsed; then the grid is formed (doc/table.hpp) and its problems (too many cells,
/// spans past the end, overlapping spans) are reported at their cells.

#include <charconv>
#include <string>
#include <string_view>

#include "doc/table.hpp"
#include "xml/content_reader.hpp"
#include "xml/xml_util.hpp"

namespace folio::xml::detail {

namespace {

/// A whole number attribute from 1 to `most`, or 0 when it does not parse.
std::uint32_t span_value(std::string_view text, std::uint32_t most) {
    std::uint32_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 1 || v > most) return 0;
    return v;
}

}  // namespace

void ContentReader::read_table(pugi::xml_node el, doc::NodeId into, int depth) {
    using doc::NodeKind;
    const doc::NodeId table = m_doc.add(make_node(NodeKind::table, el, {}), into);
    // 0 caption, 1 columns, 2 head, 3 bodies, 4 foot: the furthest stage reached so far.
    int stage = 0;
    doc::NodeId implicit_body = doc::no_node;  // rows written in <table> go into a body of their own
    const auto order_error = [&](pugi::xml_node c, const char* why) {
        m_diags.error("source.table-order", "<" + std::string(c.name()) + "> " + why, element_location(m_file, c));
    };
    bool has_caption = false, has_head = false, has_foot = false;
    for (pugi::xml_node c : el.children()) {
        if (is_text(c)) {
            if (!is_blank(c.value())) bad_text(c, el, table_model);
            continue;
        }
        if (c.type() != pugi::node_element) continue;
        const std::string_view name = c.name();
        if (!table_model.allows(name)) {
            bad_element(c, el, table_model);
            continue;
        }
        if (name != "tr") implicit_body = doc::no_node;
        if (name == "caption") {
            if (has_caption || stage > 0) {
                order_error(c, has_caption ? "again: a table has one caption" : "after rows or columns: the caption comes first in <table>");
                continue;
            }
            has_caption = true;
            read_children(c, m_doc.add(make_node(NodeKind::caption, c, {}), table), inline_model, depth);
        } else if (name == "col") {
            if (stage > 1) { order_error(c, "after rows: columns are declared before the rows"); continue; }
            stage = 1;
            doc::Node col = make_node(NodeKind::table_column, c, {"width"});
            col.text = trim(c.attribute("width").value());
            if (!doc::parse_column_width(col.text)) {
                m_diags.error("source.bad-width",
                              "width \"" + col.text + "\" on <col> does not parse; expected a length (30mm, 1.5in, 80pt), a percentage (25%), a share (2*) or auto",
                              attribute_location(m_file, c, "width"));
                col.text.clear();
            }
            read_children(c, m_doc.add(std::move(col), table), empty_model, depth);
        } else if (name == "thead") {
            if (has_head || stage > 2) { order_error(c, has_head ? "again: a table has one head" : "after the body rows: the head comes before them"); continue; }
            has_head = true;
            stage = 2;
            read_row_group(c, table, NodeKind::table_head, depth);
        } else if (name == "tfoot") {
            if (has_foot) { order_error(c, "again: a table has one foot"); continue; }
            has_foot = true;
            stage = 4;
            read_row_group(c, table, NodeKind::table_foot, depth);
        } else {
            if (stage == 4) { order_error(c, "after <tfoot>: the foot comes after the body rows"); continue; }
            stage = 3;
            if (name == "tbody") {
                read_row_group(c, table, NodeKind::table_body, depth);
            } else {  // <tr>
                if (implicit_body == doc::no_node) {
                    doc::Node body;
                    body.kind = NodeKind::table_body;
                    body.location = element_location(m_file, c);
                    implicit_body = m_doc.add(std::move(body), table);
                }
                read_row(c, implicit_body, depth);
            }
        }
    }
    check_table(table, el);
}

void ContentReader::read_row_group(pugi::xml_node el, doc::NodeId table, doc::NodeKind kind, int depth) {
    const doc::NodeId group = m_doc.add(make_node(kind, el, {}), table);
    for (pugi::xml_node c : el.children()) {
        if (is_text(c)) {
            if (!is_blank(c.value())) bad_text(c, el, row_group_model);
        } else if (c.type() == pugi::node_element) {
            if (row_group_model.allows(c.name())) read_row(c, group, depth);
            else bad_element(c, el, row_group_model);
        }
    }
}

void ContentReader::read_row(pugi::xml_node el, doc::NodeId group, int depth) {
    const doc::NodeId row = m_doc.add(make_node(doc::NodeKind::table_row, el, {}), group);
    for (pugi::xml_node c : el.children()) {
        if (is_text(c)) {
            if (!is_blank(c.value())) bad_text(c, el, row_model);
            continue;
        }
        if (c.type() != pugi::node_element) continue;
        const std::string_view name = c.name();
        if (!row_model.allows(name)) {
            bad_element(c, el, row_model);
            continue;
        }
        const bool header = name == "th";
        doc::Node cell = header ? make_node(doc::NodeKind::header_cell, c, {"colspan", "rowspan", "scope"})
                                : make_node(doc::NodeKind::data_cell, c, {"colspan", "rowspan"});
        const auto span = [&](const char* attr, std::uint32_t most) -> std::uint16_t {
            const pugi::xml_attribute a = c.attribute(attr);
            if (!a) return 1;
            const std::uint32_t v = span_value(trim(a.value()), most);
            if (v == 0) {
                m_diags.error("source.bad-span",
                              std::string(attr) + "=\"" + a.value() + "\" is not a whole number from 1 to " + std::to_string(most),
                              attribute_location(m_file, c, attr));
                return 1;
            }
            return static_cast<std::uint16_t>(v);
        };
        cell.colspan = span("colspan", 1000);
        cell.rowspan = span("rowspan", 65534);
        if (header) {
            const std::string scope(trim(c.attribute("scope").value()));
            using doc::CellScope;
            if (scope == "row") cell.scope = CellScope::row;
            else if (scope == "col") cell.scope = CellScope::col;
            else if (scope == "rowgroup") cell.scope = CellScope::rowgroup;
            else if (scope == "colgroup") cell.scope = CellScope::colgroup;
            else if (!scope.empty()) {
                m_diags.error("source.bad-scope", "scope=\"" + scope + "\" on <th>; expected row, col, rowgroup or colgroup",
                              attribute_location(m_file, c, "scope"));
            }
        }
        read_children(c, m_doc.add(std::move(cell), row), cell_model, depth);
    }
}

void ContentReader::check_table(doc::NodeId table, pugi::xml_node el) {
    const doc::TableGrid grid = doc::table_grid(m_doc, table);
    if (grid.rows.empty() || grid.cells.empty()) {
        m_diags.error("source.empty-table", "<table> without cells; give it rows <tr> of cells <th> or <td>",
                      element_location(m_file, el));
    }
    for (const doc::TableProblem& p : grid.problems) {
        if (p.error) m_diags.error("source.bad-table", p.message, m_doc.node(p.node).location);
        else m_diags.warning("source.bad-table", p.message, m_doc.node(p.node).location);
    }
}

}  // namespace folio::xml::detail
