// The pipeline, as a recipe (run, at the end of this file):
//   1. read the content source and the style sheet (xml/)      -> Document, Stylesheet
//   2. cascade the styles (style/)                             -> StyledDocument
//      and, where HTML is made, check the contrast of its text (html/)
//      and realize them (realize/): quotes, case, markers,
//      references, every image decoded once                    -> RealizedDocument
//   3. resolve and vet every font the styles ask for (text/)   -> FontSet
//   4. lay out pages (layout/)                                 -> LayoutResult (pages, PageMap)
//   5. keep what the PDF needs of the document tree (its structure source)
//   6. write every file under a temporary name, the PDF (pdf/) straight into its own while the
//      HTML (html/) is made and written into its own beside it (the document tree is freed
//      when the HTML is made), then rename them all into place together (outputs.hpp)
// Any step that reports an error stops the run before any output is replaced; its temporary
// files are removed. What runs beside what (start-up work beside reading, the PDF begun beside
// layout, the HTML beside the PDF) is the Schedule's (schedule.hpp). The stage timings are the
// only clock reading in folio; they never reach an output file.

#include "pipeline/pipeline.hpp"

#include <chrono>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "html/contrast.hpp"
#include "html/write_html.hpp"
#include "image/image.hpp"
#include "layout/layout.hpp"
#include "pdf/write_pdf.hpp"
#include "realize/realize.hpp"
#include "pipeline/check_all.hpp"
#include "pipeline/images.hpp"
#include "qr/qr.hpp"
#include "pipeline/outputs.hpp"
#include "pipeline/resources.hpp"
#include "pipeline/schedule.hpp"
#include "style/computed.hpp"
#include "text/font_set.hpp"
#include "realize/hyphen_languages.hpp"
#include "text/hyphenate.hpp"
#include "xml/languages.hpp"
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
        std::string stand_in;
        auto r = fonts.resolve(family, weight, italic, &stand_in);
        if (r && !stand_in.empty()) {  // issue 20: the family lacks the weight or style asked for
            diags.add({core::Severity::warning, "font.substituted", stand_in, family_location(sheet, family)});
        }
        if (!r) {
            core::Diagnostic d = r.error();
            if (d.location.file.empty()) d.location = family_location(sheet, family);
            if (d.location.line == 0) {  // no declaration names it: the default family
                d.message += "; no rule names it: it is the default, so set font-family on "
                             "<style match=\"document\">";
            }
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

/// The PDF options: the command line's, the style sheet's marks and page layout, the date
/// (SOURCE_DATE_EPOCH, else the source's <date>, else none) and, for PDF/A, the sRGB profile.
pdf::PdfOptions pdf_options(const Options& options, const style::StyledDocument& styled,
                            core::Diagnostics& diags, std::vector<std::string>& inputs) {
    pdf::PdfOptions po;
    po.creator = std::string("folio ") + version();
    po.threads = options.threads;
    po.cache_dir = options.hyphenation_cache;  // folio's cache folder: the font programs too (#23)
    po.pdfa = options.pdfa;
    if (!pdf::apply_standards(options.pdf_standard, options.tags, po.pdfa, diags)) return po;  // #19
    po.cmyk = options.cmyk;
    po.marks = options.marks || styled.page.marks;
    for (const auto& m : styled.masters) po.marks = po.marks || m.marks;
    po.two_page_spread = styled.page.two_page_spread;
    po.date_epoch = options.source_date_epoch >= 0
                        ? options.source_date_epoch
                        : pdf::date_epoch_of(styled.doc().meta.date).value_or(-1);
    if (po.pdfa && options.cmyk) {
        diags.error("options.pdfa-cmyk",
                    "--pdfa and --cmyk cannot be combined: PDF/A-2b with folio's sRGB output intent "
                    "may not use DeviceCMYK (there is no CMYK output profile)",
                    {});
    }
    if (po.pdfa) {
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

/// The source and the style sheet, read.
struct Inputs {
    doc::Document document;
    style::Stylesheet sheet;
};

/// Step 1: reads both files; the languages the source's bytes name go to `schedule` before it is
/// parsed. Nothing when either cannot be read or has an error.
std::optional<Inputs> read_inputs(const Options& options, Resources& resources, Schedule& schedule, Outcome& out) {
    auto& diags = out.diagnostics;
    auto source = options.source_text
                      ? core::Result<core::SourceFile>(core::SourceFile(options.source_path, *options.source_text))
                      : core::SourceFile::read(options.source_path);
    if (!source) { diags.add(source.error()); return {}; }
    schedule.source_read(xml::languages_named(source->text()));
    auto sheet_file = core::SourceFile::read(options.style_path);
    if (!sheet_file) { diags.add(sheet_file.error()); return {}; }
    auto document = xml::read_content(*source, diags, true, options.allow_outside, options.threads != 1);
    *source = core::SourceFile(options.source_path, {});  // the text is in the document now
    auto sheet = resources.stylesheet(*sheet_file, diags);  // parsed once while its bytes stay (#23)
    // (the readers put every problem, a parse failure included, into diags)
    out.inputs = {options.source_path, options.style_path};
    if (!document || !sheet || diags.has_errors()) {
        // `folio check` reports every problem in one run: the images' too (#21).
        if (options.check_only && document) {
            check_images(*document, fs::path(options.source_path).parent_path().string(), options.allow_outside,
                         diags);
        }
        return {};
    }
    out.meta = document->meta;
    schedule.document_read(*document);
    return Inputs{std::move(*document), std::move(*sheet)};
}

/// The HTML of a render, in memory until it is written, and the files beside it.
struct Html {
    std::string text;
    std::vector<html::Asset> assets;  ///< --external-assets: image files beside the HTML
    std::vector<html::LocalFont> fonts;  ///< owns the WOFF2 files of `assets` (issue 20)
};

/// Step 5: the HTML, which links the PDF and declares the faces it uses.
Html write_html(const Options& options, const std::string& stem, const realize::RealizedDocument& realized,
                const layout::LayoutResult& laid, const text::FontSet& fonts,
                const std::vector<image::Image>& images, const text::Hyphenator& hyphenator) {
    html::HtmlOptions ho;
    if (options.soft_hyphens) ho.hyphenator = &hyphenator;  // #20: browsers without dictionaries
    for (const auto& face : fonts.faces()) {
        html::LocalFont font{face.family, face.weight, face.italic, {}, face.path, {}, {}, {}};
        if (!face.full_name.empty()) font.names.push_back(face.full_name);
        if (!face.postscript_name.empty() && face.postscript_name != face.full_name) {
            font.names.push_back(face.postscript_name);
        }
        ho.fonts.push_back(std::move(font));
    }
    ho.pdf_name = options.pdf ? stem + ".pdf" : "";
    ho.generator = std::string("folio ") + version();
    for (const image::Image& img : images) {
        if (img.format == image::Format::svg) continue;  // drawn inline (html/svg.hpp)
        ho.images.push_back({img.path, img.format == image::Format::png ? "image/png" : "image/jpeg",
                             img.file_bytes});
    }
    ho.external_assets = options.external_assets;
    ho.assets_folder = stem + "-assets";
    ho.threads = options.threads;
    ho.cache_dir = options.hyphenation_cache;  // folio's cache folder: also the WOFF2 subsets (#23)
    if (options.embed_fonts) html::embed_fonts(realized, &laid.document, ho);  // issue 20
    Html out;
    out.text = html::write_html(realized, &laid, ho);
    out.assets = html::external_assets(ho, out.text);  // only what the HTML shows (svgpaint)
    out.fonts = std::move(ho.fonts);  // the font files the assets borrow (moving keeps them in place)
    return out;
}

/// Frees the document tree and its styles, which only the HTML needed (the PDF needs the pages
/// and the metadata), while the PDF is written, as soon as the HTML is made.
void free_tree(doc::Document& document, style::StyledDocument& styled, realize::RealizedDocument& realized) {
    realized.forget_tree();
    std::vector<doc::Node>().swap(document.nodes);
    std::vector<style::ComputedStyle>().swap(styled.distinct_styles);
    std::vector<std::uint32_t>().swap(styled.style_ids);
#if defined(__GLIBC__)
    // Reading, layout and the tree freed much; with glibc's malloc the PDF writer's threads
    // allocate from their own arenas, which cannot reuse those holes: give the free pages
    // back. (The folio program links jemalloc, for which this does nothing: its
    // threads share a few arenas and it returns unused pages itself.)
    malloc_trim(0);
#endif
}

/// What step 6 writes besides the HTML.
struct PdfJob {
    const layout::PagedDocument& pages;
    const doc::Metadata& meta;
    const text::FontSet& fonts;
    const std::vector<image::Image>& images;
    const pdf::PdfOptions& options;
};

/// Makes the HTML (empty without one) and frees the document tree; run beside the PDF.
using HtmlJob = std::function<Html()>;

/// Step 6: every output under a temporary name in the output folder (the PDF streamed into its
/// file while the HTML is made and written, with its assets, on another thread), then all
/// renamed into place: the PDF, the assets, the HTML, in that order.
void write_outputs(const Options& options, const std::string& stem, const HtmlJob& make_html, const PdfJob& pdf,
                   Schedule& schedule, Outcome& out) {
    auto& diags = out.diagnostics;
    Outputs files;  // removes every temporary not committed, on any path out
    const auto failed = [&](const core::Diagnostic& d) { diags.add(d); };
    if (auto r = files.open(options.out_dir, stem); !r) return failed(r.error());
    TemporaryFile* pdf_file = nullptr;  // staged first, renamed first
    if (options.pdf) {
        auto f = files.stage(stem + ".pdf");
        if (!f) return failed(f.error());
        pdf_file = *f;
    }
    core::Result<core::Ok> html_written = core::Ok{};
    double html_seconds = 0;
    struct Join {  // the HTML's work is over before `files` goes, even if the PDF's throws
        Schedule& schedule;
        ~Join() { schedule.pdf_written_quietly(); }
    } join{schedule};
    // Until pdf_written(), only the HTML's task uses `files` (the PDF writes into its file's fd).
    schedule.beside_pdf(options.pdf, [&] {
        Stopwatch html_clock;
        Html html = make_html();
        html_seconds = html_clock.lap();
        if (!options.html) return;
        for (const html::Asset& asset : html.assets) {  // before the HTML that refers to them
            html_written = files.write(asset.relative_path, asset.bytes);
            if (!html_written) return;
        }
        auto f = files.stage(stem + ".html");
        if (!f) { html_written = core::unexpected(f.error()); return; }
        html_written = (*f)->write(html.text);
        if (html_written) html_written = (*f)->seal();
    });
    if (options.pdf) {
        Stopwatch pdf_clock;
        auto written = pdf::write_pdf_file(pdf.pages, pdf.meta, pdf.fonts.faces(), pdf.images, pdf.options,
                                           pdf_file->fd(), pdf_file->final_path(), schedule.pdf_begun());
        if (!written) failed(written.error());
        out.timings.pdf = pdf_clock.lap();
    }
    schedule.pdf_written();
    out.timings.html = html_seconds;
    if (!html_written) failed(html_written.error());
    if (diags.has_errors()) return;
    auto committed = files.commit();
    if (!committed) return failed(committed.error());
    out.outputs = std::move(*committed);
}

}  // namespace

Outcome run(const Options& options) {
    Outcome out;
    auto& diags = out.diagnostics;
    Stopwatch clock;
    const Stopwatch whole;
    // What earlier renders loaded (#23: the caller's, or this run's own with the on-disk caches);
    // what changed since is loaded again. The patterns of a language load on first use.
    const std::shared_ptr<Resources> resources =
        options.resources ? options.resources : make_resources(options.hyphenation_cache);
    resources->render_started();
    struct Finish {  // on every path out: unused images go, the font choices are saved
        Resources& resources;
        ~Finish() { resources.render_finished(); }
    } finish{*resources};
    const auto hyphenator_owned = options.hyphenator ? options.hyphenator : resources->hyphenator();
    const text::Hyphenator& hyphenator = *hyphenator_owned;
    // What runs beside what; fontconfig loads only when the font cache cannot answer alone.
    Schedule schedule(options.threads, hyphenator, !resources->fonts().configuration_known());

    // 1. Read (the patterns of the source's languages load meanwhile).
    std::optional<Inputs> inputs = read_inputs(options, *resources, schedule, out);
    if (!inputs) return out;
    out.timings.read = clock.lap();

    // 2. Style; every text colour against its background (WCAG 2.2 AA) where HTML is made.
    style::StyledDocument styled = style::apply_styles(inputs->document, inputs->sheet, diags);
    if (diags.has_errors()) return out;
    if (options.html || options.check_only) {
        for (core::Diagnostic& w : html::check_contrast(styled, options.style_path)) diags.add(std::move(w));
    }
    // Realize: quotes, case, markers, references, every image decoded once.
    realize::RealizedDocument realized = realize::realize(
        styled, diags, [&](const std::string& path, core::Diagnostics& w) { return resources->image(path, w); });
    const std::vector<image::Image>& images = realized.images;
    for (const std::string& in : realized.inputs) {
        if (!qr::from_key(in)) out.inputs.push_back(in);  // (a <qr>'s code is no file)
    }
    if (diags.has_errors()) return out;
    realize::check_hyphenation_languages(realized, hyphenator, diags);  // #20: a warning, not silence

    // 3. Fonts; the PDF is begun from their files beside layout.
    schedule.fonts_needed();
    text::FontSet fonts(&resources->fonts());
    resolve_fonts(styled, inputs->sheet, fonts, diags);
    for (const auto& face : fonts.faces()) out.inputs.push_back(face.path);
    out.timings.style = clock.lap();
    if (diags.has_errors()) return out;
    if (options.pdf && !options.check_only) schedule.begin_pdf(fonts.faces());

    // 4. Layout.
    schedule.layout_needed();
    auto laid = layout::layout_document(realized, fonts, diags, &hyphenator, options.threads);
    if (!laid) { diags.add(laid.error()); return out; }
    const layout::PagedDocument* pages = &laid->document;
    out.pages = pages->pages.size();
    // Text whose background the pages do not draw (a box lost in layout) would vanish in the PDF.
    for (core::Diagnostic& w : html::check_drawn_backgrounds(styled, *pages)) diags.add(std::move(w));
    if (options.inspect) options.inspect(realized, *laid, fonts);
    out.timings.layout = clock.lap();
    if (diags.has_errors() || options.check_only) return out;

    // 5. What the PDF's structure tree needs of the tree (#19), kept before the tree is freed.
    const std::string stem =
        options.stem.empty() ? fs::path(options.source_path).stem().string() : options.stem;
    pdf::PdfOptions po = options.pdf ? pdf_options(options, styled, diags, out.inputs) : pdf::PdfOptions{};
    if (diags.has_errors()) return out;
    const pdf::StructureSource structure =
        options.pdf && options.tags ? pdf::structure_source(realized) : pdf::StructureSource{};
    po.structure = &structure;

    // 6. Write every file, the HTML made beside the PDF (both only read the tree and the pages;
    // the tree, which the PDF does not read, is freed once the HTML is made), then rename them
    // all into place.
    const auto make_html = [&] {
        Html html = options.html ? write_html(options, stem, realized, *laid, fonts, images, hyphenator) : Html{};
        free_tree(inputs->document, styled, realized);
        return html;
    };
    write_outputs(options, stem, make_html, {*pages, out.meta, fonts, images, po}, schedule, out);
    out.timings.write = clock.lap() - out.timings.pdf;
    out.timings.total = whole.elapsed();
    return out;
}

}  // namespace folio::pipeline
