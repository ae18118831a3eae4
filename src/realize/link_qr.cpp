// The QR codes printed beside links (link_qr.hpp): black on white, the standard's quiet zone,
// the side the style gives; the payload is the link's address as written.

#include "realize/link_qr.hpp"

#include <set>

#include "qr/qr.hpp"

namespace folio::realize {

std::string link_qr_key(const style::StyledDocument& styled, doc::NodeId id) {
    const doc::Node& n = styled.doc().node(id);
    const double side = styled.style(id).placement.print_qr;
    if (n.kind != doc::NodeKind::link || side <= 0 || n.href.empty() || n.href.front() == '#') return {};
    const bool external = n.href.starts_with("http://") || n.href.starts_with("https://") ||
                          n.href.starts_with("mailto:") || n.href.starts_with("tel:");
    if (!external || n.href.size() > qr::max_bytes) return {};
    qr::Spec spec;
    spec.data = n.href;
    spec.size = side;
    return qr::to_key(spec);
}

std::vector<std::pair<std::string, core::SourceLocation>> link_qr_uses(const style::StyledDocument& styled) {
    std::vector<std::pair<std::string, core::SourceLocation>> out;
    std::set<std::string> seen;
    for (doc::NodeId id = 0; id < styled.doc().nodes.size(); ++id) {
        if (styled.doc().node(id).kind != doc::NodeKind::link) continue;
        std::string key = link_qr_key(styled, id);
        if (!key.empty() && seen.insert(key).second) out.emplace_back(std::move(key), styled.doc().node(id).location);
    }
    return out;
}

}  // namespace folio::realize
