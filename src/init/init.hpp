#pragma once
/// `folio init DIR` (issue 22): a new project from the data folder's starter template, so an
/// author starts from a source that builds at once, with no warning, and a style to edit.

#include <string>
#include <vector>

#include "core/result.hpp"

namespace folio::init {

/// The styles a project may start from (the data folder's styles/NAME.xml).
const std::vector<std::string>& style_names();

/// What `folio init` was asked to do.
struct InitRequest {
    std::string dir;                 ///< the project folder (made when it does not exist)
    std::string style = "brochure";  ///< one of style_names()
    bool force = false;              ///< write into a folder that is not empty
    std::string data_dir;            ///< folio's data folder: templates/starter/ and styles/
};

/// Writes DIR/document.xml, DIR/style.xml (a copy of the chosen style), DIR/images/ (the
/// starter's placeholder image) and DIR/README (three lines: build, watch, check). Refuses a
/// folder that holds anything unless `force`; then only these files are replaced. Returns the
/// paths written, or what went wrong.
core::Result<std::vector<std::string>> init_project(const InitRequest& request);

}  // namespace folio::init
