#pragma once
/// The pipeline: run(Options) reads the source and style sheet, styles, lays out, writes the PDF and
/// HTML, and reports every diagnostic. The only stage that touches the file system for output; it
/// writes each file to a temporary name and renames it, so a failed run leaves no partial file and
/// keeps earlier outputs.

#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace folio::pipeline {

/// Everything a render needs; nothing below the pipeline reads the environment or the clock.
struct Options {
    std::string source_path;
    std::string style_path;
    std::string out_dir = "output";
    bool pdf = true;
    bool html = true;
    bool check_only = false;  ///< validate and lay out, write nothing
};

/// The result of one render.
struct Outcome {
    std::vector<std::string> outputs;  ///< paths written
    core::Diagnostics diagnostics;
    std::size_t pages = 0;
    [[nodiscard]] bool ok() const { return !diagnostics.has_errors(); }
};

/// folio's version string.
const char* version();

/// Renders one source with one style sheet.
Outcome run(const Options& options);

}  // namespace folio::pipeline
