// Fuzz target: the preview server's handling of what a browser sends (issue 22): any bytes as a
// path after /out/ (serve::is_safe_relative_path) and as a diagnostic's message and file in the
// preview page and its /status JSON. A path judged safe never climbs out of the output folder or
// starts at the root; a message never adds markup to the page (one <script> element: the page's own).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common.hpp"
#include "serve/preview_server.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace folio;
    const std::string bytes = fuzz::bytes_of(data, size);
    if (serve::is_safe_relative_path(bytes)) {
        const bool climbs = bytes == ".." || bytes.rfind("../", 0) == 0 || bytes.find("/../") != std::string::npos ||
                            (bytes.size() >= 3 && bytes.compare(bytes.size() - 3, 3, "/..") == 0);
        if (bytes.empty() || bytes[0] == '/' || climbs) std::abort();
    }
    serve::BuildRecord record;
    record.number = 2;
    record.diagnostics.push_back({core::Severity::error, "fuzz", bytes, {bytes, 1, 1}});
    const std::string page = serve::preview_page(bytes, record);
    const auto first = page.find("<script");
    if (first == std::string::npos || page.find("<script", first + 1) != std::string::npos) std::abort();
    (void)serve::status_json(record);
    return 0;
}
