#pragma once
/// The pipeline: run(Options) reads the source and style sheet, styles, lays out, writes the PDF and
/// HTML, and reports every diagnostic. The only stage that touches the file system for output; it
/// writes every file to a unique temporary name and renames them all into place together
/// (outputs.hpp, docs/output-files.md), so a failed run leaves no partial file and keeps earlier
/// outputs.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "doc/document.hpp"

namespace folio::realize { class RealizedDocument; }
namespace folio::layout { struct LayoutResult; }
namespace folio::text { class Hyphenator; }

namespace folio::pipeline {

/// Called once layout is done, before any output is written, with the realized tree and the
/// pages (the quality report's view of a render, issue 22); the references die when it returns.
using Inspector = std::function<void(const realize::RealizedDocument&, const layout::LayoutResult&)>;

/// Everything a render needs; nothing below the pipeline reads the environment or the clock.
struct Options {
    std::string source_path;
    std::string style_path;
    std::string out_dir = "output";
    bool pdf = true;
    bool html = true;
    bool check_only = false;  ///< validate and lay out, write nothing
    bool pdfa = false;             ///< PDF/A-2b output (#6)
    bool cmyk = false;             ///< convert every colour to DeviceCMYK (#6)
    bool marks = false;            ///< crop and registration marks (#6; the style sheet can ask too)
    std::int64_t source_date_epoch = -1;  ///< SOURCE_DATE_EPOCH, read by main; -1 = not set (#6)
    bool external_assets = false;  ///< HTML: write images beside the file instead of data URIs (#7)
    bool allow_outside = false;    ///< allow image paths outside the source's folder (#5)
    /// Threads one render may use (paragraph layout, PDF page contents): 0 = one per core.
    /// Batch mode, which renders several documents at once, gives each render 1.
    unsigned threads = 0;
    Inspector inspect;  ///< empty, or what looks at the laid-out document (folio check --report)
    /// ... or these, kept between renders (folio watch), so each language's patterns load once.
    const text::Hyphenator* hyphenator = nullptr;
    /// The source's text when it is not read from source_path (`folio build -`: standard input,
    /// #21); source_path then only names it in diagnostics, and its folder is where images are.
    std::optional<std::string> source_text;
    /// The output files' name without extension; empty: the source's file name (#21: -o x.pdf).
    std::string stem;
};

/// Wall time of each stage in seconds (for --timings).
struct StageTimings {
    double read = 0;
    double style = 0;
    double layout = 0;
    double pdf = 0;
    double html = 0;
    double write = 0;
    double total = 0;  ///< the whole render
};

/// The result of one render.
struct Outcome {
    std::vector<std::string> outputs;  ///< paths written
    core::Diagnostics diagnostics;
    std::size_t pages = 0;
    std::vector<std::string> inputs;  ///< every file the render read: source, style, images, fonts
    doc::Metadata meta;               ///< the source's metadata, once it was read without error
    StageTimings timings;
    [[nodiscard]] bool ok() const { return !diagnostics.has_errors(); }
};

/// folio's version string.
const char* version();

/// The libraries folio was linked with and their versions, as they report them at run time
/// (libharu, HarfBuzz, FreeType, pugixml), for `folio --version`.
std::vector<std::pair<std::string, std::string>> library_versions();

/// Renders one source with one style sheet.
Outcome run(const Options& options);

}  // namespace folio::pipeline
