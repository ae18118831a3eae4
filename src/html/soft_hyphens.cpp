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
    // The output is the text's own bytes with U+00AD inserted, so the words are copied from
    // `text` (a byte offset kept beside each character index) rather than encoded again (issue
    // 23: encoding every character again cost as much as the hyphenation).
    const auto bytes_of = [](char32_t c) -> std::size_t {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    };
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::u32string word;  // (one buffer for every word)
    std::size_t i = 0;
    std::size_t b = 0;  // the byte offset of t[i] in text
    while (i < t.size()) {
        if (is_space(t[i])) {
            const std::size_t n = bytes_of(t[i++]);
            out.append(text.substr(b, n));
            b += n;
            continue;
        }
        std::size_t end = i;
        std::size_t word_bytes = 0;
        while (end < t.size() && !is_space(t[end])) word_bytes += bytes_of(t[end++]);
        std::size_t from = i;  // the characters before it are written
        std::size_t from_byte = b;
        const std::u32string_view whole = std::u32string_view(t).substr(i, end - i);
        if (whole.size() >= 5 && whole.find(U'\u00AD') == std::u32string_view::npos) {
            word.assign(t, i, end - i);
            for (const std::size_t at : hyphenator.points(word, lang)) {
                std::size_t piece = 0;
                for (std::size_t k = from; k < i + at; ++k) piece += bytes_of(t[k]);
                out.append(text.substr(from_byte, piece));
                out += "\xC2\xAD";  // U+00AD
                from = i + at;
                from_byte += piece;
            }
        }
        out.append(text.substr(from_byte, b + word_bytes - from_byte));
        i = end;
        b += word_bytes;
    }
    return out;
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
