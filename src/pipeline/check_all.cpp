#include "pipeline/check_all.hpp"

#include <filesystem>
#include <set>

#include "image/image.hpp"

namespace folio::pipeline {

namespace fs = std::filesystem;

void check_images(const doc::Document& document, const std::string& source_folder, bool allow_outside,
                  core::Diagnostics& diags) {
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(source_folder.empty() ? "." : source_folder, ec);
    auto refused = [&](const std::string& path) {
        std::error_code e;
        if (!fs::is_regular_file(path, e)) return true;  // reported missing
        if (allow_outside) return false;
        const auto rel = fs::canonical(path, e).lexically_relative(folder);
        return e || rel.empty() || *rel.begin() == "..";  // reported outside
    };
    std::set<std::string> seen;
    auto check = [&](const std::string& path, const core::SourceLocation& location) {
        if (path.empty() || !seen.insert(path).second || refused(path)) return;
        auto loaded = image::load_image(path);
        if (loaded) return;
        core::Diagnostic d = loaded.error();
        d.location = location;
        diags.add(std::move(d));
    };
    check(document.meta.cover.image, document.meta.cover.location);
    for (const doc::Node& n : document.nodes) {
        if (n.kind == doc::NodeKind::figure) check(n.src, n.location);
    }
}

}  // namespace folio::pipeline
