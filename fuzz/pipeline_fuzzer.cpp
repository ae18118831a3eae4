// Fuzz target: the whole pipeline on any bytes taken as a content source: read, decode its
// images, style with a shipped style sheet (brochure.xml for inputs of even length,
// a5-booklet.xml for odd), check contrast, lay out, and write the PDF and the HTML to memory.
// It calls the stages as pipeline::run does, on one thread, without its file writes.
// The source lies in a folder of its own, made once per process and removed at exit, that holds
// copies of the shipped images under the names the seeds use (map.png, cover.jpg,
// images/bar-chart.png), so figures and covers decode real files and any other name fails as
// it would in a render.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
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

Shared& shared() {
    static Shared* s = [] {
        auto* made = new Shared;
        made->folder = fs::temp_directory_path() / ("folio-fuzz-pipeline-" + std::to_string(getpid()));
        place_images(made->folder);
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

/// Decodes each image the document uses, once; false when one cannot be used.
bool load_images(const doc::Document& document, std::vector<image::Image>& images) {
    std::set<std::string> paths;
    if (!document.meta.cover.image.empty()) paths.insert(document.meta.cover.image);
    for (const doc::Node& n : document.nodes) {
        if (n.kind == doc::NodeKind::figure && !n.src.empty()) paths.insert(n.src);
    }
    for (const std::string& path : paths) {
        auto loaded = image::load_image(path);
        if (!loaded) return false;
        images.push_back(std::move(*loaded));
    }
    return true;
}

/// Writes both outputs to memory, as the PDF and HTML writers do for a render.
void write_outputs(const style::StyledDocument& styled, const layout::PagedDocument& pages,
                   const std::vector<image::Image>& images, const std::vector<text::Face>& faces) {
    pdf::PdfOptions po;
    po.threads = 1;
    po.date_epoch = 0;
    (void)pdf::write_pdf(pages, styled.doc().meta, faces, images, po);
    html::HtmlOptions ho;
    ho.threads = 1;
    ho.pdf_name = "fuzz.pdf";
    for (const image::Image& img : images) {
        ho.images.push_back({img.path, img.format == image::Format::png ? "image/png" : "image/jpeg",
                             img.file_bytes});
    }
    (void)html::write_html(styled, &pages, ho);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Shared& s = shared();
    // 1. Read the source and decode its images.
    const core::SourceFile file((s.folder / "fuzz.xml").string(), fuzz::bytes_of(data, size));
    core::Diagnostics diags;
    auto document = xml::read_content(file, diags, /*check_files=*/false);
    if (!document || diags.has_errors()) return 0;
    std::vector<image::Image> images;
    if (!load_images(*document, images)) return 0;
    // 2. Style (with one of the two shipped sheets) and check contrast.
    const style::StyledDocument styled = style::apply_styles(*document, s.sheets[size % 2], diags);
    if (diags.has_errors()) return 0;
    (void)html::check_contrast(styled, "style.xml");
    // 3. Fonts, 4. layout, 5. both outputs.
    resolve_fonts(styled, s.fonts, diags);
    if (diags.has_errors()) return 0;
    auto pages = layout::layout_document(styled, s.fonts, diags, &s.hyphenator, 1);
    if (!pages || diags.has_errors()) return 0;
    write_outputs(styled, *pages, images, s.fonts.faces());
    return 0;
}
