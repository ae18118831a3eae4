// Quotation marks by language (see quotes.hpp). The table follows CLDR's delimiters data; a
// tag is matched by language-REGION first, then language.

#include "text/quotes.hpp"

#include <array>

namespace folio::text {

namespace {

struct Entry {
    std::string_view tag;
    QuoteMarks marks;
};

constexpr char32_t ldquo = 0x201C, rdquo = 0x201D, lsquo = 0x2018, rsquo = 0x2019;
constexpr char32_t bdquo = 0x201E, sbquo = 0x201A, laquo = 0xAB, raquo = 0xBB;
constexpr char32_t lsaquo = 0x2039, rsaquo = 0x203A;

constexpr QuoteMarks german{bdquo, ldquo, sbquo, lsquo, false};   // „…“ ‚…‘
constexpr QuoteMarks guillemets{laquo, raquo, ldquo, rdquo, false};  // «…» “…”
constexpr QuoteMarks polish{bdquo, rdquo, laquo, raquo, false};   // „…” «…»
constexpr QuoteMarks russian{laquo, raquo, bdquo, ldquo, false};  // «…» „…“
constexpr QuoteMarks nordic{rdquo, rdquo, rsquo, rsquo, false};   // ”…” ’…’

constexpr std::array<Entry, 38> table{{
    {"de-CH", {laquo, raquo, lsaquo, rsaquo, false}},
    {"fr-CH", {laquo, raquo, lsaquo, rsaquo, false}},
    {"pt-PT", guillemets},
    {"hu", {bdquo, rdquo, raquo, laquo, false}},  // „…” »…«
    {"de", german}, {"cs", german}, {"sk", german}, {"hr", german}, {"sl", german},
    {"et", german}, {"lt", german}, {"is", german}, {"ka", german},
    {"sr", {bdquo, ldquo, lsquo, rsquo, false}},
    {"bg", {bdquo, ldquo, bdquo, ldquo, false}},
    {"fr", {laquo, raquo, ldquo, rdquo, true}},
    {"it", guillemets}, {"es", guillemets}, {"ca", guillemets}, {"gl", guillemets}, {"el", guillemets},
    {"pl", polish}, {"ro", polish},
    {"ru", russian}, {"uk", russian}, {"be", russian},
    {"nb", {laquo, raquo, lsquo, rsquo, false}}, {"nn", {laquo, raquo, lsquo, rsquo, false}},
    {"no", {laquo, raquo, lsquo, rsquo, false}},
    {"sv", nordic}, {"fi", nordic},
    {"nl", {lsquo, rsquo, ldquo, rdquo, false}},
    {"lv", {ldquo, rdquo, bdquo, ldquo, false}},
    {"da", {ldquo, rdquo, lsquo, rsquo, false}},
    {"pt", {ldquo, rdquo, lsquo, rsquo, false}},
    {"en", {}}, {"id", {}}, {"tr", {}},
}};

std::string normalised(const std::string& lang) {
    std::string out;
    bool region = false;
    for (char c : lang) {
        if (c == '-' || c == '_') {
            if (region) break;
            region = true;
            out.push_back('-');
            continue;
        }
        out.push_back(region ? static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c)
                             : static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    return out;
}

}  // namespace

QuoteMarks quote_marks(const std::string& lang) {
    const std::string tag = normalised(lang);
    const std::string language = tag.substr(0, tag.find('-'));
    for (const std::string& key : {tag, language}) {
        for (const Entry& e : table) {
            if (e.tag == key) return e.marks;
        }
    }
    return {};
}

std::u32string space_guillemets(std::u32string_view text, const QuoteMarks& marks) {
    std::u32string out(text);
    if (!marks.spaced) return out;
    constexpr char32_t nnbsp = 0x202F;
    const auto space = [](char32_t c) { return c == U' ' || c == 0xA0 || c == nnbsp; };
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == 0xBB && !out.empty() && out.back() != U'\n') {  // » : the space before it
            if (space(out.back())) out.back() = nnbsp;
            else out.push_back(nnbsp);
        }
        out.push_back(c);
        if (c == 0xAB && i + 1 < text.size() && text[i + 1] != U'\n') {  // « : the space after it
            out.push_back(nnbsp);
            if (space(text[i + 1])) ++i;
        }
    }
    return out;
}

}  // namespace folio::text
