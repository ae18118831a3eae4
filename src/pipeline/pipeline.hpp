#pragma once
/// The pipeline: run(Options) reads the source and style sheet, styles, lays out, writes the PDF and
/// HTML, and reports every diagnostic. The only stage that touches the file system for output; it
/// writes every file to a unique temporary name and renames them all into place together
/// (outputs.hpp, docs/output-files.md), so a failed run leaves no partial file and keeps earlier
/// outputs.

#include <cstdint>
#include <optional>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "doc/document.hpp"

namespace folio::realize { class RealizedDocument; }
namespace folio::layout { struct LayoutResult; }
namespace folio::text { class Hyphenator; class FontProvider; }

namespace folio::pipeline {

class Resources;  // resources.hpp

/// Called once layout is done, before any output is written, with the realized tree and the
/// pages and the fonts they were measured with (the quality report's view of a render, issue 22);
/// the references die when it returns.
using Inspector =
    std::function<void(const realize::RealizedDocument&, const layout::LayoutResult&, const text::FontProvider&)>;

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
    bool tags = true;              ///< tagged PDF, PDF/UA-1 (#19); false: --no-tags
    std::string pdf_standard;      ///< --pdf-standard: "ua-1", "a-2a", "a-2b", comma-separated (#19)
    std::int64_t source_date_epoch = -1;  ///< SOURCE_DATE_EPOCH, read by main; -1 = not set (#6)
    bool external_assets = false;  ///< HTML: write images beside the file instead of data URIs (#7)
    bool embed_fonts = true;       ///< HTML: embed the faces' subsets as WOFF2, else local() only (#20)
    bool soft_hyphens = true;      ///< HTML: U+00AD at folio's hyphenation points in hyphens: auto text (#20)
    bool allow_outside = false;    ///< allow image paths outside the source's folder (#5)
    /// Threads one render may use (paragraph layout, PDF page contents): 0 = one per core.
    /// Batch mode, which renders several documents at once, gives each render 1.
    unsigned threads = 0;
    /// The source's text when it is not read from source_path (`folio build -`: standard input,
    /// #21); source_path then only names it in diagnostics, and its folder is where images are.
    std::optional<std::string> source_text;
    /// The output files' name without extension; empty: the source's file name (#21: -o x.pdf).
    std::string stem;
    Inspector inspect;  ///< empty, or what looks at the laid-out document (folio check --report)
    /// Folder of compiled hyphenation patterns (#20; see hyphenation_cache_dir()); empty: none.
    std::string hyphenation_cache;
    /// Patterns already loaded, shared by the renders of a batch (#20); null: the run loads its own.
    std::shared_ptr<const text::Hyphenator> hyphenator;
    /// Fonts, patterns, style sheets and images kept between renders (#23, resources.hpp): a batch
    /// worker's or `folio watch`'s; null: the run makes its own (with the on-disk caches of
    /// hyphenation_cache). Its hyphenator is used unless `hyphenator` is given.
    std::shared_ptr<Resources> resources;
};

/// The cache folder of compiled hyphenation patterns: $XDG_CACHE_HOME/folio, else
/// $HOME/.cache/folio; empty when neither is set. (Reads the environment: for main and batch.)
std::string hyphenation_cache_dir();

/// A Hyphenator over the system's patterns with that cache, for renders to share (#20).
std::shared_ptr<const text::Hyphenator> make_hyphenator(const std::string& cache_dir);

/// Wall time of each stage in seconds (for --timings). The HTML is made and written beside the
/// PDF, so `html` overlaps `pdf`; `write` is the rest of writing the files (waiting for the HTML
/// when it takes longer than the PDF, committing them).
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
