/// The table-forming algorithm (HTML Living Standard, "Forming a table", simplified to what the
/// source format allows): rows are taken group by group in source order; in each row a cursor
/// walks the columns, skipping slots a row span from above covers, and each cell takes
/// colspan x rowspan slots. A cell that would start past the last column, a span that reaches a
/// covered slot and a row span past the end of its group are problems; the grid keeps only what
/// fits, so every consumer can trust it.

#include "doc/table.hpp"

#include <algorithm>
#include <charconv>

namespace folio::doc {

namespace {

/// A number at the start of `s` (digits and one dot), its length in `used`.
std::optional<double> leading_number(std::string_view s, std::size_t& used) {
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || !(v >= 0)) return std::nullopt;
    used = static_cast<std::size_t>(end - s.data());
    return v;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

/// Where a row is in its group: [first, end) of the group's rows.
struct Group {
    std::uint32_t first = 0;
    std::uint32_t end = 0;
};

}  // namespace

std::optional<ColumnWidth> parse_column_width(std::string_view text) {
    const std::string_view s = trimmed(text);
    if (s.empty() || s == "auto") return ColumnWidth{};
    if (s == "*") return ColumnWidth{ColumnWidth::Kind::share, 1};
    std::size_t used = 0;
    const auto v = leading_number(s, used);
    if (!v) return std::nullopt;
    const std::string_view unit = s.substr(used);
    if (unit == "*") {
        if (*v <= 0 || *v > 1000) return std::nullopt;
        return ColumnWidth{ColumnWidth::Kind::share, *v};
    }
    if (unit == "%") {
        if (*v <= 0 || *v > 100) return std::nullopt;
        return ColumnWidth{ColumnWidth::Kind::percent, *v};
    }
    static constexpr std::pair<std::string_view, double> units[] = {
        {"pt", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54}, {"in", 72.0}, {"px", 0.75}};
    for (const auto& [name, factor] : units) {
        if (unit == name) {
            if (*v <= 0 || *v * factor > 10000) return std::nullopt;
            return ColumnWidth{ColumnWidth::Kind::fixed, *v * factor};
        }
    }
    return std::nullopt;
}

std::uint32_t TableGrid::head_rows() const {
    std::uint32_t n = 0;
    while (n < rows.size() && rows[n].group == NodeKind::table_head) ++n;
    return n;
}

NodeId table_of(const Document& d, NodeId id) {
    for (NodeId n = id; n != no_node && n < d.nodes.size(); n = d.node(n).parent) {
        if (d.node(n).kind == NodeKind::table) return n;
    }
    return no_node;
}

TableGrid table_grid(const Document& d, NodeId table) {
    TableGrid g;
    g.table = table;
    std::vector<Group> group_of;  // per row
    for (NodeId c : d.node(table).children) {
        const Node& n = d.node(c);
        if (n.kind == NodeKind::caption && g.caption == no_node) g.caption = c;
        if (n.kind == NodeKind::table_column) {
            g.column_nodes.push_back(c);
            const auto w = parse_column_width(n.text);
            g.widths.push_back(w.value_or(ColumnWidth{}));
        }
        if (n.kind != NodeKind::table_head && n.kind != NodeKind::table_body && n.kind != NodeKind::table_foot) continue;
        const auto first = static_cast<std::uint32_t>(g.rows.size());
        for (NodeId r : n.children) {
            if (d.node(r).kind == NodeKind::table_row) g.rows.push_back({r, n.kind, c});
        }
        const auto end = static_cast<std::uint32_t>(g.rows.size());
        group_of.resize(end, Group{first, end});
    }
    // The columns: declared, else the first row's (its cells' spans).
    g.columns = static_cast<std::uint32_t>(g.column_nodes.size());
    if (g.columns == 0 && !g.rows.empty()) {
        for (NodeId cell : d.node(g.rows.front().node).children) g.columns += d.node(cell).colspan;
        g.columns = std::min<std::uint32_t>(g.columns, 1000);
    }
    g.widths.resize(g.columns);
    // Place the cells. covered[r][c]: a slot some cell already takes.
    std::vector<std::vector<char>> covered(g.rows.size(), std::vector<char>(g.columns, 0));
    for (std::uint32_t r = 0; r < g.rows.size(); ++r) {
        std::uint32_t col = 0;
        for (NodeId cell : d.node(g.rows[r].node).children) {
            const Node& n = d.node(cell);
            if (n.kind != NodeKind::header_cell && n.kind != NodeKind::data_cell) continue;
            while (col < g.columns && covered[r][col]) ++col;
            if (col >= g.columns) {
                g.problems.push_back({cell, true,
                                      "too many cells in this row: the table has " + std::to_string(g.columns) +
                                          (g.columns == 1 ? " column (" : " columns (") + (g.column_nodes.empty() ? "from its first row" : "from its <col> elements") +
                                          "); remove the cell or add a column"});
                break;
            }
            std::uint32_t colspan = n.colspan, rowspan = n.rowspan;
            if (col + colspan > g.columns) {
                g.problems.push_back({cell, true,
                                      "colspan=\"" + std::to_string(n.colspan) + "\" reaches past the table's " +
                                          std::to_string(g.columns) + " columns"});
                colspan = g.columns - col;
            }
            const std::uint32_t group_end = group_of[r].end;
            if (r + rowspan > group_end) {
                g.problems.push_back({cell, true,
                                      "rowspan=\"" + std::to_string(n.rowspan) + "\" reaches past the end of its row group: " +
                                          std::to_string(group_end - r) + " row(s) from here, this one included"});
                rowspan = group_end - r;
            }
            // A span that meets a slot already taken (a row span from above) overlaps it.
            bool overlap = false;
            for (std::uint32_t rr = r; rr < r + rowspan && !overlap; ++rr) {
                for (std::uint32_t cc = col; cc < col + colspan; ++cc) overlap = overlap || covered[rr][cc];
            }
            if (overlap) {
                g.problems.push_back({cell, true,
                                      "this cell's span overlaps a cell that spans rows from above; shorten one of the spans"});
                colspan = 1;
                while (col + colspan < g.columns && !covered[r][col + colspan] && colspan < n.colspan) ++colspan;
                rowspan = 1;
            }
            for (std::uint32_t rr = r; rr < r + rowspan; ++rr) {
                for (std::uint32_t cc = col; cc < col + colspan; ++cc) covered[rr][cc] = 1;
            }
            g.cells.push_back({cell, r, col, rowspan, colspan});
            col += colspan;
        }
    }
    return g;
}

}  // namespace folio::doc
