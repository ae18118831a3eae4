// The pipeline, as a recipe:
//   1. read the content source and the style sheet (xml/)      -> Document, Stylesheet
//   2. cascade the styles (style/)                             -> StyledDocument
//   3. resolve and vet every font the styles ask for (text/)   -> FontSet
//   4. lay out pages (layout/)                                 -> PagedDocument
//   5. write the PDF (pdf/) and the HTML (html/) to memory
//   6. only when nothing failed, write both files atomically (temporary file + rename)
// Any step that reports an error stops the run before anything is written. The stage timings are
// the only clock reading in folio; they never reach an output file.

#include "pipeline/pipeline.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

#include "html/write_html.hpp"
#include "layout/layout.hpp"
#include "pdf/write_pdf.hpp"
#include "style/computed.hpp"
#include "text/font_set.hpp"
#include "text/hyphenate.hpp"
#include "xml/reader.hpp"

namespace folio::pipeline {
namespace fs = std::filesystem;

const char* version() { return FOLIO_VERSION; }

namespace {

/// Where a font family was declared, for error messages.
core::SourceLocation family_location(const style::Stylesheet& sheet, const std::string& family) {
    for (const auto& r : sheet.rules) {
        for (const auto& d : r.declarations) {
            if (d.property == "font-family" && d.value.find(family) != std::string::npos) return d.location;
        }
    }
    return {sheet.path, 0, 0};
}

/// Resolves every face the document's styles use; reports unknown families and bad files.
void resolve_fonts(const style::StyledDocument& styled, const style::Stylesheet& sheet, text::FontSet& fonts,
                   core::Diagnostics& diags) {
    std::set<std::tuple<std::string, int, bool>> seen;
    auto resolve = [&](const std::string& family, int weight, bool italic) {
        if (!seen.insert({family, weight, italic}).second) return;
        auto r = fonts.resolve(family, weight, italic);
        if (!r) {
            core::Diagnostic d = r.error();
            if (d.location.file.empty()) d.location = family_location(sheet, family);
            diags.add(std::move(d));
        }
    };
    auto want = [&](const style::ComputedStyle& s) {
        resolve(s.font_family, s.font_weight, s.italic);
        for (const auto& fallback : s.font_fallbacks) resolve(fallback, s.font_weight, s.italic);
    };
    // The root first, so FontId 0 is the body face that layout falls back to.
    for (std::size_t i = 0; i < styled.styles.size(); ++i) {
        const auto kind = styled.doc().nodes[i].kind;
        if (i == 0 || kind == doc::NodeKind::text || kind == doc::NodeKind::list_item) want(styled.styles[i]);
    }
    if (styled.header) want(styled.header->style);
    if (styled.footer) want(styled.footer->style);
}

/// Writes `bytes` to `path` through a temporary file in the same folder.
bool write_atomically(const fs::path& path, const std::string& bytes, core::Diagnostics& diags) {
    const fs::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) {
            diags.error("io.write", "cannot write output file", {tmp.string(), 0, 0});
            std::error_code ec;
            fs::remove(tmp, ec);
            return false;
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        diags.error("io.write", "cannot rename output file: " + ec.message(), {path.string(), 0, 0});
        fs::remove(tmp, ec);
        return false;
    }
    return true;
}

}  // namespace

/// Measures the wall time of the stages (the only clock reading in folio, for --timings).
class Stopwatch {
public:
    /// Seconds since the last call (or construction).
    double lap() {
        const auto now = std::chrono::steady_clock::now();
        const double s = std::chrono::duration<double>(now - m_last).count();
        m_last = now;
        return s;
    }

private:
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

Outcome run(const Options& options) {
    Outcome out;
    auto& diags = out.diagnostics;
    Stopwatch clock;

    // 1. Read.
    auto source = core::SourceFile::read(options.source_path);
    if (!source) { diags.add(source.error()); return out; }
    auto sheet_file = core::SourceFile::read(options.style_path);
    if (!sheet_file) { diags.add(sheet_file.error()); return out; }
    auto document = xml::read_content(*source, diags, true, options.allow_outside);
    auto sheet = xml::read_stylesheet(*sheet_file, diags);
    // (the readers put every problem, a parse failure included, into diags)
    out.inputs = {options.source_path, options.style_path};
    out.timings.read = clock.lap();
    if (!document || !sheet || diags.has_errors()) return out;

    // 2. Style.
    const style::StyledDocument styled = style::apply_styles(*document, *sheet, diags);
    if (diags.has_errors()) return out;

    // 3. Fonts.
    text::FontSet fonts;
    resolve_fonts(styled, *sheet, fonts, diags);
    for (const auto& face : fonts.faces()) out.inputs.push_back(face.path);
    out.timings.style = clock.lap();
    if (diags.has_errors()) return out;

    // 4. Layout.
    const text::Hyphenator hyphenator;  // loads a language's patterns on first use
    auto pages = layout::layout_document(styled, fonts, diags, &hyphenator);
    if (!pages) { diags.add(pages.error()); return out; }
    out.pages = pages->pages.size();
    out.timings.layout = clock.lap();
    if (diags.has_errors() || options.check_only) return out;

    // 5. Write to memory.
    const fs::path dir = options.out_dir;
    const std::string stem = fs::path(options.source_path).stem().string();
    std::string pdf_bytes;
    std::string html_text;
    if (options.pdf) {
        pdf::PdfOptions po;
        po.creator = std::string("folio ") + version();
        auto bytes = pdf::write_pdf(*pages, document->meta, fonts.faces(), po);
        if (!bytes) { diags.add(bytes.error()); return out; }
        pdf_bytes = std::move(*bytes);
    }
    out.timings.pdf = clock.lap();
    if (options.html) {
        html::HtmlOptions ho;
        ho.pdf_name = options.pdf ? stem + ".pdf" : "";
        ho.generator = std::string("folio ") + version();
        html_text = html::write_html(styled, &*pages, ho);
    }
    out.timings.html = clock.lap();

    // 6. Write files.
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) { diags.error("io.write", "cannot create output folder: " + ec.message(), {dir.string(), 0, 0}); return out; }
    if (options.pdf && write_atomically(dir / (stem + ".pdf"), pdf_bytes, diags)) {
        out.outputs.push_back((dir / (stem + ".pdf")).string());
    }
    if (options.html && write_atomically(dir / (stem + ".html"), html_text, diags)) {
        out.outputs.push_back((dir / (stem + ".html")).string());
    }
    out.timings.write = clock.lap();
    return out;
}

}  // namespace folio::pipeline
