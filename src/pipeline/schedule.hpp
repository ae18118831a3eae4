#pragma once
/// What runs beside what in one render: the pipeline's recipe (pipeline.cpp) calls the stages in
/// order and tells the Schedule where it is; the Schedule starts the work that may overlap a
/// stage and waits for it where a later stage needs it. When the render may use one thread
/// (Options::threads == 1, as in batch), nothing runs beside: work that must be done is done at
/// once on the calling thread, and hints (pattern preloading) are skipped. The outputs are the
/// same bytes either way.
///
///   reading the source   | fontconfig's configuration; the hyphenation patterns of the
///                        | languages its bytes name (xml/languages.hpp), then of those it uses
///   laying out           | the PDF begun: libharu reads and parses each face's file (pdf::prepare)
///   writing the PDF      | the HTML made and written into its file; the document tree freed

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/jobs.hpp"
#include "core/result.hpp"
#include "doc/document.hpp"
#include "pdf/write_pdf.hpp"
#include "text/font_set.hpp"
#include "text/hyphenate.hpp"

namespace folio::pipeline {

/// The overlap of one render's stages (see above). Its tasks are waited for when it goes out of
/// scope, on any path.
class Schedule {
public:
    /// `threads` as in Options (1 = nothing beside); starts loading fontconfig's configuration
    /// when `fontconfig` says the fonts may need it (the font cache cannot answer alone, #23).
    Schedule(unsigned threads, const text::Hyphenator& hyphenator, bool fontconfig = true);
    Schedule(const Schedule&) = delete;
    Schedule& operator=(const Schedule&) = delete;

    /// The source's bytes are read: the patterns of `languages` load while it is parsed.
    void source_read(std::set<std::string> languages);
    /// The source is parsed: the patterns of the languages it uses that the scan missed load too.
    void document_read(const doc::Document& document);
    /// Fonts are about to be resolved: fontconfig must be ready.
    void fonts_needed();
    /// Fonts are resolved: the PDF is begun from `faces` beside layout (now, with one thread).
    void begin_pdf(const std::vector<text::Face>& faces);
    /// Layout is about to start: every pattern must be loaded.
    void layout_needed();
    /// The PDF begun by begin_pdf, or null when there is none or it failed (the writer then begins
    /// anew and reports why). Waits for it.
    pdf::Preparation* pdf_begun();
    /// Runs `work` beside the PDF's writing when `pdf` is written and threads allow (else now).
    void beside_pdf(bool pdf, std::function<void()> work);
    /// The PDF is written: waits for the work beside it (rethrowing what it threw).
    void pdf_written();
    /// pdf_written() for a destructor: drops what the work threw.
    void pdf_written_quietly() noexcept;

private:
    bool m_beside;  ///< may work run on other threads
    const text::Hyphenator& m_hyphenator;
    std::set<std::string> m_named;  ///< languages whose patterns load since source_read
    std::optional<core::Result<pdf::Preparation>> m_pdf;
    // (last: destroyed first, so every task is done before what it uses goes)
    core::Beside m_fontconfig;
    core::Beside m_patterns;
    core::Beside m_more_patterns;
    core::Beside m_pdf_beginning;
    core::Beside m_beside_pdf;
};

}  // namespace folio::pipeline
