// Soft hyphens at folio's hyphenation points (issue 20): each word of the text (a run between
// white space) is given to the Hyphenator as layout gives it (at least two letters before a
// point, three after) and U+00AD is inserted at its points; the rest is copied byte for byte.

#include "html/soft_hyphens.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace folio::html {
namespace {

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u00A0' || c == U'\u202F' ||
           c == U'\u2009';
}

}  // namespace

std::string with_soft_hyphens(std::string_view text, const std::string& lang, const text::Hyphenator& hyphenator) {
    std::u32string t;
    if (core::append_decoded_utf8(t, text)) return std::string(text);  // invalid (the reader checked it)
    std::u32string out;
    out.reserve(t.size() + t.size() / 4);
    std::size_t i = 0;
    while (i < t.size()) {
        if (is_space(t[i])) {
            out.push_back(t[i++]);
            continue;
        }
        std::size_t end = i;
        while (end < t.size() && !is_space(t[end])) ++end;
        const std::u32string word = t.substr(i, end - i);
        std::size_t from = 0;
        if (word.size() >= 5 && word.find(U'\u00AD') == std::u32string::npos) {
            for (const std::size_t at : hyphenator.points(word, lang)) {
                out.append(word, from, at - from);
                out.push_back(U'\u00AD');
                from = at;
            }
        }
        out.append(word, from, std::u32string::npos);
        i = end;
    }
    return core::to_utf8(out);
}

std::string soft_hyphenated(const BodyContext& context, doc::NodeId id) {
    if (context.hyphenator == nullptr || !context.realized.styled().style(id).hyphenate) return {};
    const std::string_view text = context.realized.text(id);
    std::string out = with_soft_hyphens(text, context.realized.language(id), *context.hyphenator);
    return out.size() == text.size() ? std::string() : out;
}

void append_copy_script(std::string& out, const style::StyledDocument& styled) {
    const auto& styles = styled.distinct_styles;
    if (std::none_of(styles.begin(), styles.end(), [](const style::ComputedStyle& s) { return s.hyphenate; })) return;
    // On copy: the selection's text and markup without U+00AD, instead of the browser's.
    out += "<script>\ndocument.addEventListener('copy', (e) => {\n"
           "  const s = document.getSelection();\n"
           "  if (!e.clipboardData || !s || s.rangeCount === 0 || !String(s).includes('\\u00AD')) return;\n"
           "  const box = document.createElement('div');\n"
           "  for (let i = 0; i < s.rangeCount; i++) box.appendChild(s.getRangeAt(i).cloneContents());\n"
           "  e.clipboardData.setData('text/plain', String(s).replace(/\\u00AD/g, ''));\n"
           "  e.clipboardData.setData('text/html', box.innerHTML.replace(/\\u00AD/g, ''));\n"
           "  e.preventDefault();\n"
           "});\n</script>\n";
}

}  // namespace folio::html
