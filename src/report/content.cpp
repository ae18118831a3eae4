// The content rules on the document tree: ids no link names, and sections with nothing but a
// title. (Links to missing ids are the reader's errors: see from_diagnostic.)

#include <set>

#include "report/report.hpp"

namespace folio::report {

std::vector<Finding> check_content(const doc::Document& d, const PageIndex& pages) {
    std::vector<Finding> out;
    std::set<std::string> named;  // every id a link or cross-reference names
    for (const doc::Node& n : d.nodes) {
        if (n.kind == doc::NodeKind::link && n.href.size() > 1 && n.href[0] == '#') named.insert(n.href.substr(1));
    }
    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.nodes[id];
        if (!n.id.empty() && named.count(n.id) == 0) {
            out.push_back(make_finding("content.unused-id",
                                       "no link or cross-reference in the document names id=\"" + n.id +
                                           "\" (other documents and web addresses still may)",
                                       n.location, pages.of_node(id)));
        }
        if (n.kind == doc::NodeKind::section && n.children.size() <= 1) {
            const std::string title = n.children.empty() ? std::string() : d.plain_text(n.children.front());
            out.push_back(make_finding("content.empty-section",
                                       "the section '" + title + "' has a title and nothing else", n.location,
                                       pages.of_node(id)));
        }
    }
    return out;
}

}  // namespace folio::report
