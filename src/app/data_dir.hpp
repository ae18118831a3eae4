#pragma once
/// folio's data folder: the shipped style sheets, schemas and example sources. Found at run time,
/// never through a path fixed at build time (docs/install.md):
///   1. $FOLIO_DATA_DIR, when set and not empty (it must hold the marker file);
///   2. else, from the program's own folder and then its parent, the first `share/folio` that
///      holds the marker file `folio-data`: `bin/../share/folio` once installed, and
///      `build/share/folio` in a build tree (CMake writes it there, linking the repository's
///      styles/, source/schema/ and source/).

#include <string>

namespace folio::app {

/// The name of the file that marks a data folder.
inline constexpr const char* data_marker = "folio-data";

/// The data folder in use, and how it was found.
struct DataDir {
    std::string path;  ///< empty when none was found
    std::string how;   ///< "FOLIO_DATA_DIR", "beside the program" or "the build tree"
    std::string problem;  ///< why none was found, for messages

    /// A file of the data folder ("styles/brochure.xml"), links resolved, or empty without a
    /// data folder.
    [[nodiscard]] std::string file(const std::string& relative) const;
};

/// Finds the data folder for the program at `program` (a path to the executable) with
/// `env_value` the value of FOLIO_DATA_DIR (nullptr when unset).
DataDir find_data_dir(const std::string& program, const char* env_value);

/// The running program's path (/proc/self/exe resolved), or empty.
std::string program_path();

}  // namespace folio::app
