// Contents entries within their line (issue 16): an entry longer than the line ran off the page
// and its page number printed over it. Greedy filling suffices here: titles are short, and the
// lines are ragged.
//
// Control flow of contents_entry_layout: the room of each line is the entry's width less the
// page-number column (so no line runs under the numbers) and, after the first, the hanging
// indent; words are added to a line while they fit (measured with kerning, as they are drawn);
// a word longer than a whole line is cut between characters (split_to_width).

#include "layout/contents_entry.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "layout/inline.hpp"
#include "layout/line_fit.hpp"

namespace folio::layout {
namespace {

/// Greedy lines of `text`, the first `first` wide, the others `rest` wide.
std::vector<std::u32string> fill(const std::u32string& text, double first, double rest, const style::ComputedStyle& st,
                                 text::FontId font, const text::FontProvider& fonts) {
    std::vector<std::u32string> lines(1);
    auto room = [&] { return lines.size() == 1 ? first : rest; };
    auto width = [&](const std::u32string& s) { return measure_kerned(s, st, font, fonts, nullptr); };
    std::u32string word;
    auto place = [&] {
        if (word.empty()) return;
        const std::u32string candidate = lines.back().empty() ? word : lines.back() + U' ' + word;
        if (width(candidate) <= room() || (lines.back().empty() && width(word) <= room())) {
            lines.back() = candidate;
        } else {
            if (!lines.back().empty()) lines.emplace_back();
            if (width(word) > room()) {  // longer than a line: cut, the last piece goes on
                auto pieces = split_to_width(word, room(), st, font, fonts);
                for (std::size_t k = 0; k + 1 < pieces.size(); ++k) {
                    lines.back() = std::move(pieces[k]);
                    lines.emplace_back();
                }
                word = std::move(pieces.back());
            }
            lines.back() = word;
        }
        word.clear();
    };
    for (const char32_t c : text) {
        if (c == U' ') place();
        else word.push_back(c);
    }
    place();
    return lines;
}

}  // namespace

ContentsEntryLayout contents_entry_layout(const std::u32string& title, double width, const style::ComputedStyle& st,
                                          text::FontId font, const text::FontProvider& fonts) {
    ContentsEntryLayout out;
    out.gap = st.font_size * 0.6;
    out.hang = st.font_size * 1.5;
    const double number = measure_kerned(U"0000", st, font, fonts, nullptr);
    const double room = std::max(width - 2 * out.gap - number, out.hang + st.font_size);
    out.lines = fill(title, room, room - out.hang, st, font, fonts);
    return out;
}

ContentsEntryLayout contents_entry_for(const style::StyledDocument& styled, text::FontProvider& fonts, doc::NodeId h,
                                       double width, double& indent) {
    const auto& st = styled.named_style("toc-entry");
    indent = (styled.doc().node(h).level - 2) * st.font_size * 1.5;
    return contents_entry_layout(core::decode_utf8(styled.doc().plain_text(h)).text, width - indent, st,
                                 font_of(st, fonts), fonts);
}

std::size_t contents_entry_lines(const style::StyledDocument& styled, text::FontProvider& fonts, doc::NodeId h,
                                 double width) {
    double indent = 0;
    return contents_entry_for(styled, fonts, h, width, indent).lines.size();
}

std::vector<std::u32string> wrap_display_text(const std::u32string& text, double width, const style::ComputedStyle& st,
                                              text::FontId font, const text::FontProvider& fonts) {
    return fill(text, width, width, st, font, fonts);
}

}  // namespace folio::layout
