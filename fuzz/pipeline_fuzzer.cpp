// Fuzz target: the whole pipeline on any bytes taken as a content source: read, style with a
// shipped style sheet (brochure.xml for inputs of even length, a5-booklet.xml for odd), check
// contrast, realize (decoding its images), resolve fonts, lay out, and write the PDF and the HTML
// to memory.
// It calls the stages as pipeline::run does, on one thread, without its file writes.
// The source lies in a folder of its own, made once per process and removed at exit, that holds
// copies of the shipped images under the names the seeds use (map.png, cover.jpg,
// images/bar-chart.png), so figures and covers decode real files and any other name fails as
// it would in a render.
// Hyphenation: libhyphen builds its state machine slowly under the sanitizers (seconds a
// language), so the target sees only the dictionaries of the seeds' languages (en, hu, de, fr,
// cs), loaded in LLVMFuzzerInitialize, outside the time limit of each input; any other language
// tag finds no dictionary, as on a machine without its hyphen package.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "common.hpp"
#include "core/source_file.hpp"
#include "html/contrast.hpp"
#include "html/write_html.hpp"
#include "image/image.hpp"
#include "layout/layout.hpp"
#include "pdf/write_pdf.hpp"
#include "realize/realize.hpp"
#include "style/computed.hpp"
#include "text/font_set.hpp"
#include "text/hyphenate.hpp"
#include "xml/reader.hpp"

namespace {
using namespace folio;
namespace fs = std::filesystem;

/// What every input shares: the folder the source lies in, the two style sheets, the fonts and
/// the hyphenation patterns (both caches, loaded as inputs need them).
struct Shared {
    fs::path folder;
    std::vector<style::Stylesheet> sheets;
    text::FontSet fonts;
    text::Hyphenator hyphenator;
};

/// Copies the shipped images into the source's folder under the names the seeds use.
void place_images(const fs::path& folder) {
    const std::pair<const char*, const char*> images[] = {
        {"tests/browser/fixtures/map.png", "map.png"},
        {"tests/browser/fixtures/cover.jpg", "cover.jpg"},
        {"source/images/bar-chart.png", "images/bar-chart.png"},
    };
    fs::create_directories(folder / "images");
    for (const auto& [from, to] : images) {
        std::ofstream(folder / to, std::ios::binary) << fuzz::repository_file(from);
    }
}

/// A dictionary folder with the seeds' languages only, linked from Debian's.
text::Hyphenator seed_languages(const fs::path& folder) {
    const text::Hyphenator all;
    fs::create_directories(folder);
    std::vector<std::string> languages = {"en", "hu", "de", "fr", "cs"};
    for (const std::string& lang : languages) {
        const std::string file = all.dictionary_for(lang);
        std::error_code ec;
        if (!file.empty()) fs::create_symlink(fs::path("/usr/share/hyphen") / file, folder / file, ec);
    }
    text::Hyphenator seeds(folder.string());
    for (const std::string& lang : languages) seeds.preload(lang);
    return seeds;
}

Shared& shared() {
    static Shared* s = [] {
        auto* made = new Shared;
        made->folder = fs::temp_directory_path() / ("folio-fuzz-pipeline-" + std::to_string(getpid()));
        place_images(made->folder);
        made->hyphenator = seed_languages(made->folder / "hyphen");
        std::atexit([] { std::error_code ec; fs::remove_all(shared().folder, ec); });
        for (const char* path : {"styles/brochure.xml", "styles/a5-booklet.xml"}) {
            core::Diagnostics diags;
            auto sheet = xml::read_stylesheet(core::SourceFile(path, fuzz::repository_file(path)), diags);
            if (!sheet || diags.has_errors()) std::abort();  // the shipped sheets must read
            made->sheets.push_back(std::move(*sheet));
        }
        return made;
    }();
    return *s;
}

/// Resolves the faces of every distinct style, the root's first (FontId 0 is the body face).
void resolve_fonts(const style::StyledDocument& styled, text::FontSet& fonts, core::Diagnostics& diags) {
    auto want = [&](const style::ComputedStyle& s) {
        if (auto r = fonts.resolve(s.font_family, s.font_weight, s.italic); !r) diags.add(r.error());
        for (const auto& f : s.font_fallbacks) (void)fonts.resolve(f, s.font_weight, s.italic);
    };
    want(styled.style(styled.doc().root()));
    for (const style::ComputedStyle& s : styled.distinct_styles) want(s);
    if (styled.header) want(styled.header->style);
    if (styled.footer) want(styled.footer->style);
}

/// Writes both outputs to memory, as the PDF and HTML writers do for a render.
void write_outputs(const realize::RealizedDocument& realized, const layout::LayoutResult& laid,
                   const std::vector<text::Face>& faces) {
    pdf::PdfOptions po;
    po.threads = 1;
    po.date_epoch = 0;
    (void)pdf::write_pdf(laid.document, realized.doc().meta, faces, realized.images, po);
    html::HtmlOptions ho;
    ho.threads = 1;
    ho.pdf_name = "fuzz.pdf";
    for (const image::Image& img : realized.images) {
        ho.images.push_back({img.path, img.format == image::Format::png ? "image/png" : "image/jpeg",
                             img.file_bytes});
    }
    (void)html::write_html(realized, &laid, ho);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    (void)shared();  // images, style sheets and hyphenation patterns, before the first input
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Shared& s = shared();
    // 1. Read the source.
    const core::SourceFile file((s.folder / "fuzz.xml").string(), fuzz::bytes_of(data, size));
    core::Diagnostics diags;
    auto document = xml::read_content(file, diags, /*check_files=*/false);
    if (!document || diags.has_errors()) return 0;
    // 2. Style (with one of the two shipped sheets), check contrast, realize (decoding images).
    const style::StyledDocument styled = style::apply_styles(*document, s.sheets[size % 2], diags);
    if (diags.has_errors()) return 0;
    (void)html::check_contrast(styled, "style.xml");
    const realize::RealizedDocument realized = realize::realize(styled, diags);
    if (diags.has_errors()) return 0;
    // 3. Fonts, 4. layout, 5. both outputs.
    resolve_fonts(styled, s.fonts, diags);
    if (diags.has_errors()) return 0;
    auto laid = layout::layout_document(realized, s.fonts, diags, &s.hyphenator, 1);
    if (!laid || diags.has_errors()) return 0;
    write_outputs(realized, *laid, s.fonts.faces());
    return 0;
}
