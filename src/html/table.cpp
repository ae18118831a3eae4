/// Tables in the HTML: a real <table> with <caption>, <thead>/<tbody>/<tfoot>, <th scope> and,
/// in a table whose cells span rows or columns, headers= on every data cell naming the header
/// cells over its columns and beside its rows (WCAG technique H43), since a reader cannot pair
/// them by position there. The table stands in a region of its own that scrolls sideways at narrow
/// widths, keyboard-focusable (tabindex=0) and named by the caption, so that the page itself never
/// scrolls sideways (WCAG 1.4.10, reflow).

#include <algorithm>
#include <string>
#include <vector>

#include "doc/table.hpp"
#include "html/body.hpp"
#include "html/markup.hpp"

namespace folio::html {

using doc::NodeId;
using doc::NodeKind;

namespace {

/// True when header cell `h` heads columns (scope col or colgroup, or no scope in the head).
bool heads_columns(const doc::Document& d, const doc::TableGrid& g, const doc::GridCell& h) {
    const doc::CellScope s = d.node(h.node).scope;
    if (s == doc::CellScope::col || s == doc::CellScope::colgroup) return true;
    return s == doc::CellScope::none && g.rows[h.row].group == NodeKind::table_head;
}

/// The header cells of a table by the columns and the rows they head (indices into its cells),
/// so that a data cell finds its own without a walk over every cell.
struct HeaderIndex {
    std::vector<std::vector<std::size_t>> by_column;
    std::vector<std::vector<std::size_t>> by_row;

    HeaderIndex(const doc::Document& d, const doc::TableGrid& g) : by_column(g.columns), by_row(g.rows.size()) {
        for (std::size_t k = 0; k < g.cells.size(); ++k) {
            const doc::GridCell& h = g.cells[k];
            if (d.node(h.node).kind != NodeKind::header_cell) continue;
            if (heads_columns(d, g, h)) {
                for (std::uint32_t c = h.col; c < h.col + h.colspan; ++c) by_column[c].push_back(k);
            } else {
                for (std::uint32_t r = h.row; r < h.row + h.rowspan; ++r) by_row[r].push_back(k);
            }
        }
    }

    /// The ids of the header cells of data cell `c` (those above it in its columns, and before
    /// it in its rows), space-separated, in the grid's order.
    [[nodiscard]] std::string headers_of(const doc::TableGrid& g, const doc::GridCell& c, const IdMap& ids) const {
        std::vector<std::size_t> found;
        for (std::uint32_t col = c.col; col < c.col + c.colspan; ++col) {
            for (std::size_t k : by_column[col]) {
                if (g.cells[k].row < c.row) found.push_back(k);
            }
        }
        for (std::uint32_t row = c.row; row < c.row + c.rowspan; ++row) {
            for (std::size_t k : by_row[row]) {
                if (g.cells[k].col < c.col) found.push_back(k);
            }
        }
        std::sort(found.begin(), found.end());
        found.erase(std::unique(found.begin(), found.end()), found.end());
        std::string out;
        for (std::size_t k : found) {
            if (ids.of(g.cells[k].node).empty()) continue;
            if (!out.empty()) out += ' ';
            out += ids.of(g.cells[k].node);
        }
        return out;
    }
};

}  // namespace

void BodyWriter::table(NodeId id) {
    const doc::TableGrid grid = doc::table_grid(m_doc, id);
    bool spans = false;
    for (const doc::GridCell& c : grid.cells) spans = spans || c.rowspan > 1 || c.colspan > 1;
    const HeaderIndex headers_index = spans ? HeaderIndex(m_doc, grid) : HeaderIndex(m_doc, doc::TableGrid{});
    // The scrolling region, named by the caption (or, without one, by the first header row).
    m_out += "<div class=\"table-region\" role=\"region\" tabindex=\"0\"";
    if (grid.caption != doc::no_node) append_attr(m_out, "aria-labelledby", m_ids.of(grid.caption));
    else append_attr(m_out, "aria-label", "Table");
    m_out += ">\n<table";
    common_attrs(id);
    m_out += ">\n";
    if (grid.caption != doc::no_node) {
        m_out += "<caption";
        common_attrs(grid.caption);
        m_out += '>';
        children(grid.caption);
        m_out += "</caption>\n";
    }
    std::size_t next = 0;  // of grid.cells, in row order
    for (NodeId group : m_doc.node(id).children) {
        const NodeKind kind = m_doc.node(group).kind;
        if (kind != NodeKind::table_head && kind != NodeKind::table_body && kind != NodeKind::table_foot) continue;
        const std::string element = doc::kind_name(kind);
        open(element, group);
        m_out += '\n';
        for (NodeId row : m_doc.node(group).children) {
            open("tr", row);
            for (NodeId cell : m_doc.node(row).children) {
                std::string headers;
                while (next < grid.cells.size() && grid.cells[next].node != cell) ++next;
                if (next < grid.cells.size() && spans && m_doc.node(cell).kind == NodeKind::data_cell) {
                    headers = headers_index.headers_of(grid, grid.cells[next], m_ids);
                }
                table_cell(cell, headers);
            }
            close("tr", true);
        }
        close(element, true);
    }
    m_out += "</table>\n</div>\n";
}

void BodyWriter::table_cell(NodeId id, const std::string& headers) {
    const doc::Node& n = m_doc.node(id);
    const bool header = n.kind == NodeKind::header_cell;
    m_out += header ? "<th" : "<td";
    common_attrs(id);
    if (header) {
        static constexpr const char* scopes[] = {"", "row", "col", "rowgroup", "colgroup"};
        const char* scope = scopes[static_cast<int>(n.scope)];
        if (*scope != '\0') append_attr(m_out, "scope", scope);
    }
    if (n.colspan > 1) append_attr(m_out, "colspan", std::to_string(n.colspan));
    if (n.rowspan > 1) append_attr(m_out, "rowspan", std::to_string(n.rowspan));
    if (!headers.empty()) append_attr(m_out, "headers", headers);
    m_out += '>';
    children(id);
    m_out += header ? "</th>" : "</td>";
}

}  // namespace folio::html
