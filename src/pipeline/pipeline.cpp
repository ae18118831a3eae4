// The pipeline, as a recipe:
//   1. read the content source and the style sheet (xml/)      -> Document, Stylesheet
//   2. cascade the styles (style/)                             -> StyledDocument
//      and realize them (realize/): quotes, case, markers,
//      references, every image decoded once                    -> RealizedDocument
//   3. resolve and vet every font the styles ask for (text/)   -> FontSet
//   4. lay out pages (layout/)                                 -> PagedDocument
//   5. write the HTML (html/) to memory, then, once the tree is freed, the PDF (pdf/) straight
//      into a temporary file beside its final name while the HTML goes to its own temporary file
//   6. only when nothing failed, rename them into place (and write any image assets likewise)
// Any step that reports an error stops the run before any output is replaced; its temporary
// files are removed. The stage timings are
// the only clock reading in folio; they never reach an output file.

#include "pipeline/pipeline.hpp"

#include <chrono>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <set>
#include <string_view>
#include <thread>
#include <tuple>

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

namespace folio::pipeline {
namespace fs = std::filesystem;

const char* version() { return FOLIO_VERSION; }

namespace {

/// The languages a source names in xml:lang attributes, found in its bytes before it is parsed,
/// so that their hyphenation patterns load while it is (a tag in a comment only loads patterns
/// for nothing). The parsed document has the last word: see run().
std::set<std::string> languages_named(std::string_view text) {
    std::set<std::string> out;
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    constexpr std::string_view attribute = "xml:lang";
    for (std::size_t at = text.find(attribute); at != std::string_view::npos;
         at = text.find(attribute, at + attribute.size())) {
        std::size_t i = at + attribute.size();
        while (i < text.size() && space(text[i])) ++i;
        if (i >= text.size() || text[i] != '=') continue;
        ++i;
        while (i < text.size() && space(text[i])) ++i;
        if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) continue;
        const char quote = text[i++];
        const std::size_t end = text.find(quote, i);
        if (end == std::string_view::npos || end - i > 35) continue;  // BCP 47 tags are short
        out.emplace(text.substr(i, end - i));
    }
    return out;
}

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
    std::vector<bool> wanted(styled.distinct_styles.size(), false);  // by style, in node order
    for (std::size_t i = 0; i < styled.style_ids.size(); ++i) {
        const auto kind = styled.doc().nodes[i].kind;
        if (i != 0 && kind != doc::NodeKind::text && kind != doc::NodeKind::list_item) continue;
        const std::uint32_t id = styled.style_ids[i];
        if (wanted[id]) continue;
        wanted[id] = true;
        want(styled.distinct_styles[id]);
    }
    if (styled.header) want(styled.header->style);
    if (styled.footer) want(styled.footer->style);
}

/// Writes `bytes` to `path` through a temporary file in the same folder.
/// The temporary file an output is written to before it is renamed into place.
fs::path temporary_of(const fs::path& path) { return path.string() + ".tmp"; }

/// Writes `bytes` to the temporary file of `path`; on failure reports it and removes the file.
bool write_temporary(const fs::path& path, std::string_view bytes, core::Diagnostics& diags) {
    const fs::path tmp = temporary_of(path);
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
    return true;
}

/// Renames the temporary file of `path` into place (replacing an earlier output only now).
bool commit_temporary(const fs::path& path, core::Diagnostics& diags) {
    const fs::path tmp = temporary_of(path);
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        diags.error("io.write", "cannot rename output file: " + ec.message(), {path.string(), 0, 0});
        fs::remove(tmp, ec);
        return false;
    }
    return true;
}

bool write_atomically(const fs::path& path, std::string_view bytes, core::Diagnostics& diags) {
    return write_temporary(path, bytes, diags) && commit_temporary(path, diags);
}

/// The PDF options: the command line's, the style sheet's marks and page layout, the date
/// (SOURCE_DATE_EPOCH, else the source's <date>, else none) and, for PDF/A, the sRGB profile.
pdf::PdfOptions pdf_options(const Options& options, const style::StyledDocument& styled,
                            core::Diagnostics& diags, std::vector<std::string>& inputs) {
    pdf::PdfOptions po;
    po.creator = std::string("folio ") + version();
    po.threads = options.threads;
    po.pdfa = options.pdfa;
    po.cmyk = options.cmyk;
    po.marks = options.marks || styled.page.marks;
    for (const auto& m : styled.masters) po.marks = po.marks || m.marks;
    po.two_page_spread = styled.page.two_page_spread;
    po.date_epoch = options.source_date_epoch >= 0
                        ? options.source_date_epoch
                        : pdf::date_epoch_of(styled.doc().meta.date).value_or(-1);
    if (options.pdfa && options.cmyk) {
        diags.error("options.pdfa-cmyk",
                    "--pdfa and --cmyk cannot be combined: PDF/A-2b with folio's sRGB output intent "
                    "may not use DeviceCMYK (there is no CMYK output profile)",
                    {});
    }
    if (options.pdfa) {
        const std::string icc = FOLIO_SRGB_ICC;
        std::ifstream in(icc, std::ios::binary);
        std::ostringstream bytes;
        if (!icc.empty() && in) bytes << in.rdbuf();
        po.output_intent_icc = std::move(bytes).str();
        if (po.output_intent_icc.empty()) {
            diags.error("pdf.no-icc-profile",
                        "--pdfa needs the sRGB ICC profile of icc-profiles-free, which is not "
                        "installed (expected at \"" + icc + "\")",
                        {});
        } else {
            inputs.push_back(icc);
        }
    }
    return po;
}

}  // namespace

/// Work done on a thread of its own beside the pipeline (or not at all when not `allowed`); waited
/// for before what needs it, and at the latest when the render ends, on any path.
class Beside {
public:
    Beside() = default;
    template <typename F>
    Beside(bool allowed, F&& work) { start(allowed, std::forward<F>(work)); }
    Beside(const Beside&) = delete;
    Beside& operator=(const Beside&) = delete;
    ~Beside() { wait(); }

    template <typename F>
    void start(bool allowed, F&& work) {
        if (allowed) m_thread = std::thread(std::forward<F>(work));
    }
    /// Work that must be done either way: beside when `allowed`, else now, on this thread.
    template <typename F>
    void start_or_run(bool allowed, F&& work) {
        if (allowed) m_thread = std::thread(std::forward<F>(work));
        else work();
    }
    void wait() {
        if (m_thread.joinable()) m_thread.join();
    }

private:
    std::thread m_thread;
};

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

    /// Seconds since construction or the last lap().
    [[nodiscard]] double elapsed() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_last).count();
    }

private:
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

Outcome run(const Options& options) {
    Outcome out;
    auto& diags = out.diagnostics;
    Stopwatch clock;
    const Stopwatch whole;

    // Start-up work runs beside the reading when the render may use more than one thread:
    // fontconfig's configuration, and the hyphenation patterns of the languages the source names,
    // while it is parsed (milliseconds each, which small documents feel).
    const text::Hyphenator hyphenator;  // loads a language's patterns on first use
    Beside fontconfig(options.threads != 1, [] { text::FontSet::prepare(); });
    Beside patterns;
    Beside more_patterns;

    // 1. Read.
    auto source = core::SourceFile::read(options.source_path);
    if (!source) { diags.add(source.error()); return out; }
    const std::set<std::string> named = languages_named(source->text());
    patterns.start(options.threads != 1, [&hyphenator, named] {
        for (const std::string& lang : named) hyphenator.preload(lang);
    });
    auto sheet_file = core::SourceFile::read(options.style_path);
    if (!sheet_file) { diags.add(sheet_file.error()); return out; }
    auto document = xml::read_content(*source, diags, true, options.allow_outside);
    *source = core::SourceFile(options.source_path, {});  // the text is in the document now
    auto sheet = xml::read_stylesheet(*sheet_file, diags);
    // (the readers put every problem, a parse failure included, into diags)
    out.inputs = {options.source_path, options.style_path};
    if (!document || !sheet || diags.has_errors()) return out;
    std::set<std::string> languages{document->meta.language};
    for (const doc::Node& n : document->nodes) {
        if (!n.lang.empty()) languages.insert(n.lang);
    }
    // (a language the scan of the bytes missed: its patterns load now)
    std::erase_if(languages, [&named](const std::string& lang) { return named.contains(lang); });
    if (!languages.empty()) {
        more_patterns.start(options.threads != 1, [&hyphenator, languages] {
            for (const std::string& lang : languages) hyphenator.preload(lang);
        });
    }
    out.timings.read = clock.lap();

    // 2. Style.
    style::StyledDocument styled = style::apply_styles(*document, *sheet, diags);
    if (diags.has_errors()) return out;
    // Every text colour against its background (WCAG 2.2 AA), for check and build alike.
    for (core::Diagnostic& w : html::check_contrast(styled, options.style_path)) diags.add(std::move(w));
    // Realize: every image decoded once (a corrupt file stops the run here).
    realize::RealizedDocument realized = realize::realize(styled, diags);
    const std::vector<image::Image>& images = realized.images;
    out.inputs.insert(out.inputs.end(), realized.inputs.begin(), realized.inputs.end());
    if (diags.has_errors()) return out;

    // 3. Fonts.
    fontconfig.wait();
    text::FontSet fonts;
    resolve_fonts(styled, *sheet, fonts, diags);
    for (const auto& face : fonts.faces()) out.inputs.push_back(face.path);
    out.timings.style = clock.lap();
    if (diags.has_errors()) return out;

    // The PDF is begun beside layout: libharu reads and parses each face's file, milliseconds a
    // face, which small documents feel (layout leaves a core idle there). With one thread it is
    // begun here, so the bytes are the same.
    std::optional<core::Result<pdf::Preparation>> pdf_begun;
    Beside pdf_beginning;
    if (options.pdf && !options.check_only) {
        std::vector<std::string> paths;
        for (const auto& face : fonts.faces()) paths.push_back(face.path);
        auto begin = [&pdf_begun, paths = std::move(paths)] { pdf_begun.emplace(pdf::prepare(paths)); };
        pdf_beginning.start_or_run(options.threads != 1, std::move(begin));
    }

    // 4. Layout.
    patterns.wait();
    more_patterns.wait();
    auto laid = layout::layout_document(realized, fonts, diags, &hyphenator, options.threads);
    if (!laid) { diags.add(laid.error()); return out; }
    const layout::PagedDocument* pages = &laid->document;
    out.pages = pages->pages.size();
    // Text whose background the pages do not draw (a box lost in layout) would vanish in the PDF.
    for (core::Diagnostic& w : html::check_drawn_backgrounds(styled, *pages)) diags.add(std::move(w));
    out.timings.layout = clock.lap();
    if (diags.has_errors() || options.check_only) return out;

    // 5. Write the outputs (the PDF and HTML under temporary names).
    const fs::path dir = options.out_dir;
    const std::string stem = fs::path(options.source_path).stem().string();
    std::string html_text;
    std::vector<html::Asset> html_assets;  // --external-assets: image files beside the HTML
    pdf::PdfOptions po;
    if (options.pdf) {
        po = pdf_options(options, styled, diags, out.inputs);
        if (diags.has_errors()) return out;
    }
    // The HTML first: it is the last user of the document tree and its styles, which are freed
    // before the PDF is written (the PDF needs only the pages and the metadata). Writing both side
    // by side would save the HTML's time but hold the tree, the HTML and the PDF in memory at once.
    // The PDF goes straight into its temporary file as it is saved (it is never whole in memory),
    // to be renamed into place with the other outputs.
    std::optional<core::Diagnostic> pdf_error;
    const fs::path pdf_path = dir / (stem + ".pdf");
    if (options.html) {
        Stopwatch html_clock;
        html::HtmlOptions ho;
        for (const auto& face : fonts.faces()) {
            html::LocalFont font{face.family, face.weight, face.italic, {}};
            if (!face.full_name.empty()) font.names.push_back(face.full_name);
            if (!face.postscript_name.empty() && face.postscript_name != face.full_name) {
                font.names.push_back(face.postscript_name);
            }
            ho.fonts.push_back(std::move(font));
        }
        ho.pdf_name = options.pdf ? stem + ".pdf" : "";
        ho.generator = std::string("folio ") + version();
        for (const image::Image& img : images) {
            ho.images.push_back({img.path, img.format == image::Format::png ? "image/png" : "image/jpeg",
                                 img.file_bytes});
        }
        ho.external_assets = options.external_assets;
        ho.assets_folder = stem + "-assets";
        ho.threads = options.threads;
        html_text = html::write_html(realized, &*laid, ho);
        html_assets = html::external_assets(ho);
        out.timings.html = html_clock.lap();
    }
    std::error_code ec;
    const fs::path html_path = dir / (stem + ".html");
    bool html_staged = false;
    core::Diagnostics staging_diags;
    Beside html_stager;
    if (options.pdf) {
        fs::create_directories(dir, ec);
        if (ec) { diags.error("io.write", "cannot create output folder: " + ec.message(), {dir.string(), 0, 0}); return out; }
        // The HTML goes to its temporary file while the PDF is written (on a thread of its own
        // when the render may use more than one), and its memory with it; it is renamed into place
        // only once the PDF has succeeded.
        if (options.html) {
            auto stage = [&] {
                html_staged = write_temporary(html_path, html_text, staging_diags);
                if (html_staged) std::string().swap(html_text);
            };
            html_stager.start_or_run(options.threads != 1, stage);
        }
        realized.forget_tree();
        std::vector<doc::Node>().swap(document->nodes);
        std::vector<style::ComputedStyle>().swap(styled.distinct_styles);
        std::vector<std::uint32_t>().swap(styled.style_ids);
#if defined(__GLIBC__)
        // Reading, layout and the tree freed much; with glibc's malloc the PDF writer's threads
        // allocate from their own arenas, which cannot reuse those holes: give the free pages
        // back first. (The folio program links jemalloc, for which this does nothing: its
        // threads share a few arenas and it returns unused pages itself.)
        malloc_trim(0);
#endif
        Stopwatch pdf_clock;
        pdf_beginning.wait();
        // (a document that could not be begun is begun again by the writer, which reports why)
        pdf::Preparation* begun = pdf_begun && *pdf_begun ? &**pdf_begun : nullptr;
        auto written = pdf::write_pdf_file(*pages, document->meta, fonts.faces(), images, po,
                                           temporary_of(pdf_path).string(), begun);
        if (!written) pdf_error = written.error();
        out.timings.pdf = pdf_clock.lap();
    }
    html_stager.wait();
    diags.append(staging_diags);
    clock.lap();
    if (pdf_error || diags.has_errors()) {
        if (html_staged) fs::remove(temporary_of(html_path), ec);
        if (options.pdf) fs::remove(temporary_of(pdf_path), ec);
        if (pdf_error) diags.add(std::move(*pdf_error));
        return out;
    }

    // 6. Write files.
    fs::create_directories(dir, ec);
    if (ec) { diags.error("io.write", "cannot create output folder: " + ec.message(), {dir.string(), 0, 0}); return out; }
    if (options.pdf && commit_temporary(pdf_path, diags)) {
        out.outputs.push_back(pdf_path.string());
    }
    for (const html::Asset& asset : html_assets) {  // before the HTML that refers to them
        const fs::path path = dir / asset.relative_path;
        fs::create_directories(path.parent_path(), ec);
        if (ec) { diags.error("io.write", "cannot create assets folder: " + ec.message(), {path.parent_path().string(), 0, 0}); return out; }
        if (write_atomically(path, std::string(asset.bytes), diags)) out.outputs.push_back(path.string());
    }
    if (options.html && (html_staged ? commit_temporary(html_path, diags) : write_atomically(html_path, html_text, diags))) {
        out.outputs.push_back(html_path.string());
    }
    out.timings.write = clock.lap();
    out.timings.total = whole.elapsed();
    return out;
}

}  // namespace folio::pipeline
