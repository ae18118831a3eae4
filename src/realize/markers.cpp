// List markers: the marker of the n-th item in each list-style-type (CSS Counter Styles level 3,
// the predefined styles folio knows: disc, circle, square, decimal, alphabetic and roman; dash
// is folio's own).

#include <utility>

#include "realize/realize.hpp"

namespace folio::realize {
namespace {

std::string roman(int n, bool upper) {
    static constexpr std::pair<int, const char*> table[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
        {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    std::string out;
    for (const auto& [value, digits] : table) {
        for (; n >= value; n -= value) out += digits;
    }
    return upper ? upper_case(out, "") : out;
}

std::string alpha(int n, bool upper) {
    std::string out;
    for (; n > 0; n = (n - 1) / 26)
        out.insert(out.begin(), static_cast<char>((upper ? 'A' : 'a') + (n - 1) % 26));
    return out;
}

}  // namespace

std::string list_marker(style::ListStyle s, int n) {
    switch (s) {
        case style::ListStyle::disc:
            return "\u2022";
        case style::ListStyle::circle:
            return "\u25E6";
        case style::ListStyle::square:
            return "\u25AA";
        case style::ListStyle::dash:
            return "\u2013";
        case style::ListStyle::decimal:
            return std::to_string(n) + ".";
        case style::ListStyle::lower_alpha:
            return alpha(n, false) + ".";
        case style::ListStyle::upper_alpha:
            return alpha(n, true) + ".";
        case style::ListStyle::lower_roman:
            return roman(n, false) + ".";
        case style::ListStyle::upper_roman:
            return roman(n, true) + ".";
        case style::ListStyle::none:
            return "";
    }
    return "";
}

}  // namespace folio::realize
