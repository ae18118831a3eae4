// Where compiled hyphenation patterns are cached (#20): the XDG base directory convention.

#include <cstdlib>

#include "pipeline/pipeline.hpp"
#include "text/hyphenate.hpp"

namespace folio::pipeline {

std::string hyphenation_cache_dir() {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/folio";  // (relative: ignored, as XDG says)
    const char* home = std::getenv("HOME");
    if (home != nullptr && home[0] == '/') return std::string(home) + "/.cache/folio";
    return {};
}

std::shared_ptr<const text::Hyphenator> make_hyphenator(const std::string& cache_dir) {
    return std::make_shared<const text::Hyphenator>("/usr/share/hyphen", cache_dir);
}

}  // namespace folio::pipeline
