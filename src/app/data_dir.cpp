// The data folder lookup (data_dir.hpp): FOLIO_DATA_DIR, else the first share/folio with the
// marker file from the program's folder upward (two levels: bin/ and its parent, or the build
// folder itself).

#include "app/data_dir.hpp"

#include <filesystem>
#include <system_error>

namespace folio::app {
namespace fs = std::filesystem;

namespace {

bool has_marker(const fs::path& folder) {
    std::error_code ec;
    return fs::is_regular_file(folder / data_marker, ec);
}

}  // namespace

std::string DataDir::file(const std::string& relative) const {
    if (path.empty()) return {};
    // Links resolved: in the build tree, diagnostics and reports name the repository's file.
    std::error_code ec;
    const fs::path file = fs::path(path) / relative;
    const fs::path real = fs::weakly_canonical(file, ec);
    return (ec ? file : real).string();
}

DataDir find_data_dir(const std::string& program, const char* env_value) {
    if (env_value != nullptr && *env_value != '\0') {
        if (has_marker(env_value)) return {env_value, "FOLIO_DATA_DIR", {}};
        return {{}, {}, std::string("FOLIO_DATA_DIR=") + env_value + " is not a folio data folder (no " +
                            data_marker + " file in it)"};
    }
    std::error_code ec;
    const fs::path folder = fs::path(program).parent_path();
    if (!program.empty()) {
        // bin/folio -> bin/../share/folio (installed); build/folio -> build/share/folio.
        const fs::path parent_share = (folder / ".." / "share" / "folio").lexically_normal();
        if (has_marker(parent_share)) return {parent_share.string(), "beside the program", {}};
        const fs::path own_share = folder / "share" / "folio";
        if (has_marker(own_share)) return {own_share.string(), "the build tree", {}};
    }
    return {{}, {}, "no data folder beside the program (" + (folder / ".." / "share" / "folio").string() +
                        ") and FOLIO_DATA_DIR is not set"};
}

std::string program_path() {
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.string();
}

}  // namespace folio::app
