// Fuzz target: the font cache's reader (text::parse_font_cache, issue 23) on any bytes, as a
// render reads $XDG_CACHE_HOME/folio/fonts-*.txt, which another process (or a damaged disk) may
// have written. A file it accepts must round-trip: formatted again and read again, it gives the
// same stamps and choices. Nothing may crash, hang or leak.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "common.hpp"
#include "text/font_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace folio::text;
    const std::string environment = "HOME=/root\n";
    std::vector<FileStamp> stamps;
    std::vector<std::pair<std::tuple<std::string, int, bool>, FontChoice>> choices;
    if (!parse_font_cache(folio::fuzz::bytes_of(data, size), environment, stamps, choices)) return 0;
    std::vector<FileStamp> stamps2;
    std::vector<std::pair<std::tuple<std::string, int, bool>, FontChoice>> choices2;
    if (!parse_font_cache(format_font_cache(environment, stamps, choices), environment, stamps2, choices2) ||
        stamps2 != stamps || choices2 != choices) {
        std::abort();  // an accepted file that does not round-trip
    }
    return 0;
}
