// The languages a source names, found in its bytes (see languages.hpp): each occurrence of
// "xml:lang", then optional spaces, '=', optional spaces and a quoted value.

#include "xml/languages.hpp"

namespace folio::xml {

std::set<std::string> languages_named(std::string_view text) {
    std::set<std::string> out;
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    constexpr std::string_view attribute = "xml:lang";
    constexpr std::size_t longest = 35;  // BCP 47 tags are short
    for (std::size_t at = text.find(attribute); at != std::string_view::npos;
         at = text.find(attribute, at + attribute.size())) {
        std::size_t i = at + attribute.size();
        while (i < text.size() && space(text[i])) ++i;
        if (i >= text.size() || text[i] != '=') continue;
        ++i;
        while (i < text.size() && space(text[i])) ++i;
        if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) continue;
        const char quote = text[i++];
        // (looked for within the longest tag only, so the scan stays linear)
        const std::size_t end = text.substr(i, longest + 1).find(quote);
        if (end == std::string_view::npos) continue;
        out.emplace(text.substr(i, end));
    }
    return out;
}

}  // namespace folio::xml
