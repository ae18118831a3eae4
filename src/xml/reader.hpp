#pragma once
/// The XML readers: the only code that sees pugixml. They turn a content source into a
/// doc::Document and a style sheet file into a style::Stylesheet, reporting every problem with
/// its line and column.

#include "core/diagnostic.hpp"
#include "core/result.hpp"
#include "core/source_file.hpp"
#include "doc/document.hpp"
#include "style/stylesheet.hpp"

namespace folio::xml {

/// Reads a content source (format v1, docs/source-format.md). Every problem is added to `diags`;
/// the result is a Document whenever the XML parsed, even with errors, so that several errors
/// can be reported at once. Callers must check diags.has_errors() before rendering.
/// `check_files` controls whether figure images must exist (relative to the source's folder);
/// image paths that leave the source's folder are refused unless `allow_outside`. With
/// `beside`, a large source's bytes are checked (UTF-8, forbidden characters) on a second thread
/// while pugixml parses it; the diagnostics are the same.
core::Result<doc::Document> read_content(const core::SourceFile& file, core::Diagnostics& diags,
                                         bool check_files = true, bool allow_outside = false,
                                         bool beside = false);

/// Reads a style sheet (docs/style-sheets.md). Unknown elements are errors; property names and
/// values are checked later by the style stage, which has the positions from the Declarations.
core::Result<style::Stylesheet> read_stylesheet(const core::SourceFile& file, core::Diagnostics& diags);

}  // namespace folio::xml
