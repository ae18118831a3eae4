#pragma once
/// The link targets a document may hold: relative references, fragments (#id), and the http,
/// https, mailto and tel schemes. Others (javascript:, data:, file:, ...) would run code or reach
/// local resources from a reader's PDF viewer or browser. The reader refuses them with a warning
/// and keeps the link's text; the PDF writer checks again, so no stage can emit one.

#include <cctype>
#include <string>
#include <string_view>

namespace folio::core {

/// The URI scheme of `href` in lower case ("" for relative and fragment links), read as a browser
/// reads it: leading spaces and control characters are dropped, tabs and line ends ignored.
inline std::string link_scheme(std::string_view href) {
    std::string scheme;
    for (char ch : href) {
        const auto c = static_cast<unsigned char>(ch);
        if ((scheme.empty() && c <= 0x20) || ch == '\t' || ch == '\n' || ch == '\r') continue;
        if (ch == ':') return scheme;
        const bool scheme_char = std::isalnum(c) != 0 || ch == '+' || ch == '-' || ch == '.';
        if (!scheme_char || (scheme.empty() && std::isalpha(c) == 0)) return "";
        scheme += static_cast<char>(std::tolower(c));
    }
    return "";
}

/// True for the link targets a document may hold (see above).
inline bool is_allowed_link(std::string_view href) {
    const std::string scheme = link_scheme(href);
    return scheme.empty() || scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

}  // namespace folio::core
