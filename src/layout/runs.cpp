// Runs of display text measured outside a paragraph (list markers, contents entries): their
// baseline in a line of a style, and a kerned run of a string (units.hpp). Moved out of
// build_units.cpp so that the walk keeps to its file's size.

#include <algorithm>

#include "core/utf8.hpp"
#include "layout/units.hpp"

namespace folio::layout {

using style::ComputedStyle;

/// The baseline of a line of text in `st`, from the line's top.
double baseline(const ComputedStyle& st, text::FontProvider& fonts) {
    const text::FontId font = font_of(st, fonts);
    const auto vm = fonts.vertical(font);
    const double pitch = st.font_size * st.line_height;
    const double content = (vm.ascent - vm.descent) * st.font_size / 1000.0;
    return (pitch - content) / 2 + vm.ascent * st.font_size / 1000.0;
}

GlyphRun run_of(const std::string& text, const ComputedStyle& st, text::FontProvider& fonts, double x, double y,
                doc::NodeId node) {
    GlyphRun run;
    run.font = font_of(st, fonts);
    run.size = st.font_size;
    run.color = st.color;
    run.letter_spacing = st.letter_spacing;
    run.text = core::decode_utf8(text).text;
    run.width = measure_kerned(run.text, st, run.font, fonts, &run.kern);  // kerned like body text
    if (std::all_of(run.kern.begin(), run.kern.end(), [](std::int16_t k) { return k == 0; })) run.kern.clear();
    run.origin = {x, y};
    run.node = node;
    return run;
}

}  // namespace folio::layout
