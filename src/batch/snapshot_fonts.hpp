#pragma once
/// What a snapshot bag carries for its future reader besides the inputs (issue 20): the licence
/// of every font it holds, from the Debian package that installed it, and a README.txt that
/// says how to render the bag again.

#include <cstdint>
#include <string>
#include <vector>

namespace folio::batch {

/// A font the bag holds: where the render read it and where the bag keeps it.
struct BaggedFont {
    std::string original;  ///< its path on the machine that made the bag
    std::string bag_path;  ///< e.g. data/fonts/Lato-Regular.ttf
};

/// The Debian package whose file list (`info_dir`/<package>.list, as /var/lib/dpkg/info has
/// them) names `path` (or the file it links to); "" when none does. The fonts-*, ttf-* and
/// otf-* lists are read first, the others only when those do not name it.
std::string owning_package(const std::string& path, const std::string& info_dir);

/// A licence file put into the bag: its place there and the file it was copied from.
struct BaggedLicence {
    std::string bag_path;  ///< data/fonts/licences/<package>.txt
    std::string original;  ///< /usr/share/doc/<package>/copyright
};

/// Copies into `root`/data/fonts/licences/ the copyright file (`doc_dir`/<package>/copyright) of
/// each package that installed one of `fonts`, once per package, and writes `root`/data/README.txt:
/// what the bag holds, how to check it and how to render it again with the same fonts (naming
/// each font, its package and licence). Returns the licences copied; a font whose package or
/// licence is not found is named so in the README. `source` and `style` are the bag paths of
/// the inputs, `source_date_epoch` the render's (-1 = none).
std::vector<BaggedLicence> add_font_licences_and_readme(const std::string& root, const std::vector<BaggedFont>& fonts,
                                                        const std::string& source, const std::string& style,
                                                        std::int64_t source_date_epoch,
                                                        const std::string& info_dir = "/var/lib/dpkg/info",
                                                        const std::string& doc_dir = "/usr/share/doc");

}  // namespace folio::batch
