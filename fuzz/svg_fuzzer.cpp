// Fuzz target: the SVG reader (xml::read_svg) on any bytes and, when a drawing comes out, its
// re-serialization as inline HTML SVG (html::append_inline_svg), as a render does for a figure.
// Every diagnostic is formatted, so positions past the end of the input would show.

#include <cstddef>
#include <cstdint>
#include <string>

#include "common.hpp"
#include "core/source_file.hpp"
#include "html/svg.hpp"
#include "xml/svg.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace folio;
    const core::SourceFile file("fuzz.svg", fuzz::bytes_of(data, size));
    core::Diagnostics diags;
    (void)xml::looks_like_svg(file.text());
    auto drawing = xml::read_svg(file, diags);
    for (const core::Diagnostic& d : diags.all()) (void)core::format(d);
    if (!drawing) {
        (void)core::format(drawing.error());
        return 0;
    }
    std::string out;
    html::append_inline_svg(out, *drawing, "alt", "f");
    return 0;
}
