// One-letter words kept with the next word (see single_letters.hpp): a linear scan.

#include "realize/single_letters.hpp"

namespace folio::realize {

namespace {

bool letter(char32_t c) {
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return true;
    if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
    return (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x52F);
}

/// Before a word: a space, an opening bracket or an opening quote.
bool word_start_after(char32_t c) {
    switch (c) {
        case U' ': case U'\t': case U'\n': case 0xA0: case 0x202F: case U'(': case U'[': case U'"':
        case 0x201E: case 0x201A: case 0x201C: case 0x2018: case 0xAB: case 0xBB: case 0x2013: case 0x2014:
            return true;
        default:
            return false;
    }
}

}  // namespace

bool binds_single_letters(int single_letters, const std::string& lang) {
    if (single_letters != 2) return single_letters == 1;
    const std::string primary = lang.substr(0, lang.find_first_of("-_"));
    return primary == "cs" || primary == "pl" || primary == "sk" || primary == "CS" || primary == "PL" ||
           primary == "SK";
}

std::u32string bind_single_letters(std::u32string_view text) {
    std::u32string out(text);
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        if (!letter(out[i]) || out[i + 1] != U' ') continue;
        if (i > 0 && !word_start_after(out[i - 1])) continue;
        out[i + 1] = 0xA0;
    }
    return out;
}

}  // namespace folio::realize
