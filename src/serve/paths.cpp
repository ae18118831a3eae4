// What the preview server may serve (preview_server.hpp): in the program (its tests and fuzz
// target) and in the server module (module_api.hpp) alike.

#include "serve/preview_server.hpp"

namespace folio::serve {

bool is_safe_relative_path(const std::string& path) {
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos ||
        path.find('\0') != std::string::npos) {
        return false;
    }
    std::size_t from = 0;
    for (;;) {
        const std::size_t slash = path.find('/', from);
        const std::string segment = path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
        if (segment.empty() || segment == "." || segment == "..") return false;
        if (slash == std::string::npos) return true;
        from = slash + 1;
    }
}

}  // namespace folio::serve
