// Parsing the sizing properties of figures (sizing.hpp): lengths and percentages that must be
// positive and sane, and the keywords of object-fit and float.

#include "style/sizing.hpp"

#include "style/values.hpp"

namespace folio::style {
namespace {

/// A length (> 0, at most largest_size) or a percentage (> 0, at most 100 %); `none_word` (auto
/// or none) resets it.
bool set_size(SizeValue& out, std::string_view v, double em, std::string_view none_word) {
    if (v == none_word) {
        out = {};
        return true;
    }
    if (!v.empty() && v.back() == '%') {
        const auto n = parse_number(v.substr(0, v.size() - 1));
        if (!n || !(*n > 0) || *n > 100) return false;
        out = {SizeValue::Unit::percent, *n};
        return true;
    }
    const auto l = parse_length(v, em);
    if (!l || !(*l > 0) || *l > largest_size) return false;
    out = {SizeValue::Unit::points, *l};
    return true;
}

}  // namespace

const std::vector<SizingProperty>& sizing_properties() {
    static const std::vector<SizingProperty> list = {
        {"width", "auto, a length above 0 (at most 200in) or a percentage of the column (above 0%, at most 100%)",
         [](Sizing& s, std::string_view v, double em) { return set_size(s.width, v, em, "auto"); }},
        {"height", "auto, a length above 0 (at most 200in) or a percentage of the page's text height (above 0%, at most 100%)",
         [](Sizing& s, std::string_view v, double em) { return set_size(s.height, v, em, "auto"); }},
        {"max-width", "none, a length above 0 (at most 200in) or a percentage of the column (above 0%, at most 100%)",
         [](Sizing& s, std::string_view v, double em) { return set_size(s.max_width, v, em, "none"); }},
        {"object-fit", "contain, cover or fill",
         [](Sizing& s, std::string_view v, double) {
             if (v == "contain") s.fit = ObjectFit::contain;
             else if (v == "cover") s.fit = ObjectFit::cover;
             else if (v == "fill") s.fit = ObjectFit::fill;
             else return false;
             return true;
         }},
        {"float", "none, left or right",
         [](Sizing& s, std::string_view v, double) {
             if (v == "none") s.float_side = FloatSide::none;
             else if (v == "left") s.float_side = FloatSide::left;
             else if (v == "right") s.float_side = FloatSide::right;
             else return false;
             return true;
         }},
    };
    return list;
}

}  // namespace folio::style
