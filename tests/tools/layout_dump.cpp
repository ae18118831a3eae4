// layout_dump: prints the layout of a source under a style sheet as text (layout::dump), then
// every diagnostic the stages reported, for the layout goldens (tests/golden, golden.sh).
//   layout_dump SOURCE STYLE [THREADS]
// It runs read -> style -> realize -> layout through the stage libraries, as pipeline::run does, on one
// thread unless told otherwise (the dump is the same for any number). Paths in the dump are as
// given: run it from the repository root with relative paths for a dump that does not depend on
// where the checkout is. Exit status: 0 when it laid the document out, 1 when a stage failed
// before (the diagnostics say why), 2 for a bad command line.

#include <cstdlib>
#include <iostream>
#include <string>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "layout/dump.hpp"
#include "layout/layout.hpp"
#include "pipeline/images.hpp"
#include "realize/realize.hpp"
#include "style/computed.hpp"
#include "text/font_set.hpp"
#include "text/hyphenate.hpp"
#include "xml/reader.hpp"

using namespace folio;

namespace {

/// The layout call, alone, so that a change to layout's signature is one edit here.
core::Result<layout::LayoutResult> lay_out(const realize::RealizedDocument& realized, text::FontSet& fonts,
                                           const text::Hyphenator& hyphenator, unsigned threads,
                                           core::Diagnostics& diags) {
    return layout::layout_document(realized, fonts, diags, &hyphenator, threads);
}

/// A name per FontId: family, weight and slant (not the file, which differs between machines).
std::vector<std::string> font_names(const text::FontSet& fonts) {
    std::vector<std::string> names;
    for (const text::Face& f : fonts.faces()) {
        names.push_back(f.family + ' ' + std::to_string(f.weight) + (f.italic ? " italic" : ""));
    }
    return names;
}

/// Reads, styles and lays out; prints the dump. False when a stage failed before the dump.
bool render(const std::string& source_path, const std::string& style_path, unsigned threads,
            core::Diagnostics& diags) {
    auto source = core::SourceFile::read(source_path);
    if (!source) { diags.add(source.error()); return false; }
    auto sheet_file = core::SourceFile::read(style_path);
    if (!sheet_file) { diags.add(sheet_file.error()); return false; }
    auto document = xml::read_content(*source, diags);
    auto sheet = xml::read_stylesheet(*sheet_file, diags);
    if (!document || !sheet || diags.has_errors()) return false;
    const style::StyledDocument styled = style::apply_styles(*document, *sheet, diags);
    if (diags.has_errors()) return false;
    const realize::RealizedDocument realized = realize::realize(styled, diags, pipeline::load_any_image);
    if (diags.has_errors()) return false;
    // The root's face first, so that FontId 0 is the body face layout falls back to, as in a render.
    text::FontSet fonts;
    const style::ComputedStyle& body = styled.style(styled.doc().root());
    if (auto r = fonts.resolve(body.font_family, body.font_weight, body.italic); !r) diags.add(r.error());
    const text::Hyphenator hyphenator;
    auto laid = lay_out(realized, fonts, hyphenator, threads, diags);
    if (!laid) { diags.add(laid.error()); return false; }
    layout::dump(laid->document, std::cout, {&*document, font_names(fonts)});
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4) {
        std::cerr << "usage: layout_dump SOURCE STYLE [THREADS]\n";
        return 2;
    }
    const unsigned threads = argc == 4 ? static_cast<unsigned>(std::strtoul(argv[3], nullptr, 10)) : 1;
    core::Diagnostics diags;
    const bool laid_out = render(argv[1], argv[2], threads, diags);
    std::cout << "diagnostics\n";
    for (const core::Diagnostic& d : diags.all()) std::cout << "  " << core::format(d) << '\n';
    return laid_out ? 0 : 1;
}
