#include "layout/paged_document.hpp"

#include "core/utf8.hpp"

namespace folio::layout {

const char* break_reason_name(BreakReason reason) {
    switch (reason) {
        case BreakReason::none: return "none";
        case BreakReason::full: return "full";
        case BreakReason::keep: return "keep";
        case BreakReason::forced: return "forced";
        case BreakReason::master: return "master";
        case BreakReason::span: return "span";
        case BreakReason::deferred: return "deferred";
        case BreakReason::balanced: return "balanced";
        case BreakReason::end: return "end";
    }
    return "?";
}

std::ostream& operator<<(std::ostream& os, const Item& item) {
    struct Printer {
        std::ostream& os;
        void operator()(const GlyphRun& r) const {
            os << "text font=" << r.font << " size=" << r.size << " at(" << r.origin.x << ',' << r.origin.y << ") w="
               << r.width << " \"" << core::to_utf8(r.text) << '"';
        }
        void operator()(const FilledRect& r) const {
            os << "rect (" << r.rect.x << ',' << r.rect.y << ' ' << r.rect.width << 'x' << r.rect.height << ')';
        }
        void operator()(const ImageBox& b) const { os << "image " << b.path; }
        void operator()(const VectorBox& b) const { os << "vector " << b.path; }
        void operator()(const LinkArea& l) const {
            os << "link " << (l.uri.empty() ? "#node" + std::to_string(l.target) : l.uri);
        }
        void operator()(const Anchor& a) const { os << "anchor node=" << a.node << " y=" << a.at.y; }
    };
    std::visit(Printer{os}, item);
    return os;
}

}  // namespace folio::layout
