// Fuzz target: a font file (issue 20: OpenType with TrueType or CFF outlines, as a style sheet
// may name one by path). FreeType's vetting (text::load_face) must accept it or say why; a face
// it accepts must subset for the PDF (pdf::make_font_program: CFF through HarfBuzz alone,
// TrueType given the glyph ids FreeType reports) and for the HTML (text::web_font_subset, then
// html::sfnt_to_woff2), or fail with an error, never crash. The WOFF2 writer also takes the raw
// bytes as they are.

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "common.hpp"
#include "html/woff2.hpp"
#include "pdf/font_programs.hpp"
#include "text/font_set.hpp"
#include "text/font_subset.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes = folio::fuzz::bytes_of(data, size);
    (void)folio::html::sfnt_to_woff2(bytes);
    // The readers take a path: the bytes go to a file of this process's own.
    const std::string path = "/tmp/folio-font-fuzz-" + std::to_string(getpid()) + ".bin";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    auto face = folio::text::load_face(path);
    if (face) {
        std::vector<std::pair<char32_t, std::uint16_t>> glyphs;
        std::vector<char32_t> chars;
        for (char32_t cp : {U' ', U'A', U'a', U'ő', U'\u201C', U'\uFB01'}) {
            if (cp < face->advances.size() && face->advances[cp] >= 0) glyphs.emplace_back(cp, 0);
            chars.push_back(cp);
        }
        (void)folio::pdf::make_font_program({path, glyphs, face->cff});
        if (auto web = folio::text::web_font_subset(path, chars)) (void)folio::html::sfnt_to_woff2(*web);
    }
    std::remove(path.c_str());
    return 0;
}
