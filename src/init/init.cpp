// folio init: the recipe is
//   1. check the request (a known style, the template and style files in the data folder);
//   2. refuse a folder that is not empty, unless --force;
//   3. copy the starter source, its images and the style, and write the three-line README.

#include "init/init.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace folio::init {
namespace fs = std::filesystem;

const std::vector<std::string>& style_names() {
    static const std::vector<std::string> names = {"brochure", "a5-booklet"};
    return names;
}

namespace {

core::Unexpected failure(const std::string& code, const std::string& message, const std::string& path) {
    return core::unexpected({core::Severity::error, code, message, {path, 0, 0}});
}

/// Copies `from` to `to`, replacing it; false on any failure.
bool copy(const fs::path& from, const fs::path& to, std::vector<std::string>& written) {
    std::error_code ec;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) return false;
    written.push_back(to.string());
    return true;
}

const char* readme =
    "Build:  folio build document.xml --style style.xml -o output/\n"
    "Watch:  folio watch document.xml --style style.xml -o output/ --serve   (preview in a browser)\n"
    "Check:  folio check document.xml --style style.xml --report json   (typography, accessibility, links)\n";

}  // namespace

core::Result<std::vector<std::string>> init_project(const InitRequest& request) {
    const auto& names = style_names();
    if (std::find(names.begin(), names.end(), request.style) == names.end()) {
        return failure("init.unknown-style", "unknown style '" + request.style + "': use brochure or a5-booklet", "");
    }
    const fs::path data(request.data_dir);
    const fs::path starter = data / "templates" / "starter";
    const fs::path style = data / "styles" / (request.style + ".xml");
    std::error_code ec;
    if (request.data_dir.empty() || !fs::is_regular_file(starter / "document.xml", ec) ||
        !fs::is_regular_file(style, ec)) {
        return failure("init.no-template",
                       "folio's data folder has no starter template or no style '" + request.style +
                           "' (looked in " + (request.data_dir.empty() ? "no data folder" : data.string()) + ")",
                       "");
    }
    const fs::path dir(request.dir);
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        return failure("init.not-a-folder", "'" + request.dir + "' exists and is not a folder", request.dir);
    }
    if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec) && !request.force) {
        return failure("init.not-empty",
                       "'" + request.dir + "' is not empty; choose a new folder, or add --force to write the "
                       "project's files into it (files of the same names are replaced)",
                       request.dir);
    }
    fs::create_directories(dir / "images", ec);
    if (ec) return failure("init.write", "cannot make '" + (dir / "images").string() + "': " + ec.message(), request.dir);
    std::vector<std::string> written;
    bool ok = copy(starter / "document.xml", dir / "document.xml", written) && copy(style, dir / "style.xml", written);
    for (const auto& entry : fs::directory_iterator(starter / "images", ec)) {
        ok = ok && entry.is_regular_file() && copy(entry.path(), dir / "images" / entry.path().filename(), written);
    }
    std::ofstream out(dir / "README", std::ios::binary | std::ios::trunc);
    out << readme;
    out.close();
    if (!ok || ec || !out) return failure("init.write", "cannot write the project's files into '" + request.dir + "'", request.dir);
    written.push_back((dir / "README").string());
    return written;
}

}  // namespace folio::init
