#pragma once
/// QR codes printed beside links (style print-qr, docs/graphics.md): a printed page cannot be
/// clicked, so a link styled `print-qr` gets a QR code of its address in the margin beside it in
/// the PDF. Realize decodes the codes with the document's images (their keys are `qr:` keys,
/// qr/qr.hpp); layout places them.

#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "style/computed.hpp"

namespace folio::realize {

/// The image key of the QR code printed beside link `id`, or "" when its style has none or its
/// target is not an external address (http, https, mailto, tel).
std::string link_qr_key(const style::StyledDocument& styled, doc::NodeId id);

/// Every such key of the document, once each, with the position of its first link.
std::vector<std::pair<std::string, core::SourceLocation>> link_qr_uses(const style::StyledDocument& styled);

}  // namespace folio::realize
