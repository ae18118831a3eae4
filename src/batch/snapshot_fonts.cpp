// Font licences and the README of a snapshot bag (see snapshot_fonts.hpp).
//
// Recipe:
//   1. each font's package: the dpkg file list that names its path (or its target, through
//      symlinks), font packages' lists first
//   2. each package's copyright file (Debian's machine-readable licence statement) copied once to
//      data/fonts/licences/<package>.txt
//   3. data/README.txt: what the bag is, how to verify it, the fonts with their packages and
//      licences, and the commands that render it again (install the bagged fonts for fontconfig,
//      then folio build with the bag's source, style sheet, --pdfa and SOURCE_DATE_EPOCH)

#include "batch/snapshot_fonts.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "pipeline/pipeline.hpp"

namespace folio::batch {
namespace fs = std::filesystem;

namespace {

bool list_names(const fs::path& list, const std::set<std::string>& paths) {
    std::ifstream in(list);
    std::string line;
    while (std::getline(in, line)) {
        if (paths.count(line) != 0) return true;
    }
    return false;
}

bool is_font_list(const std::string& name) {
    return name.rfind("fonts-", 0) == 0 || name.rfind("ttf-", 0) == 0 || name.rfind("otf-", 0) == 0;
}

}  // namespace

std::string owning_package(const std::string& path, const std::string& info_dir) {
    std::set<std::string> paths{fs::path(path).lexically_normal().string()};
    std::error_code ec;
    if (const fs::path real = fs::canonical(path, ec); !ec) paths.insert(real.string());
    std::vector<fs::path> first, rest;
    for (const auto& entry : fs::directory_iterator(info_dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".list") continue;
        (is_font_list(name) ? first : rest).push_back(entry.path());
    }
    std::sort(first.begin(), first.end());
    std::sort(rest.begin(), rest.end());
    for (const auto* lists : {&first, &rest}) {
        for (const fs::path& list : *lists) {
            if (!list_names(list, paths)) continue;
            std::string package = list.stem().string();
            if (const auto colon = package.find(':'); colon != std::string::npos) package.resize(colon);  // :amd64
            return package;
        }
    }
    return {};
}

std::vector<BaggedLicence> add_font_licences_and_readme(const std::string& root, const std::vector<BaggedFont>& fonts,
                                                        const std::string& source, const std::string& style,
                                                        std::int64_t source_date_epoch, const std::string& info_dir,
                                                        const std::string& doc_dir) {
    std::vector<BaggedLicence> licences;
    std::map<std::string, std::string> licence_of;  // package -> bag path ("" = none found)
    std::string font_lines;
    for (const BaggedFont& font : fonts) {
        // 1, 2.
        const std::string package = owning_package(font.original, info_dir);
        if (!package.empty() && !licence_of.count(package)) {
            const fs::path from = fs::path(doc_dir) / package / "copyright";
            const std::string to = "data/fonts/licences/" + package + ".txt";
            std::error_code ec;
            fs::create_directories(fs::path(root) / "data/fonts/licences", ec);
            if (fs::is_regular_file(from, ec) &&
                fs::copy_file(from, fs::path(root) / to, fs::copy_options::overwrite_existing, ec) && !ec) {
                licence_of[package] = to;
                licences.push_back({to, from.string()});
            } else {
                licence_of[package] = "";
            }
        }
        font_lines += "  " + font.bag_path + "\n      read from " + font.original + "\n      ";
        if (package.empty()) {
            font_lines += "not installed by a Debian package known here: check its licence before you share it\n";
        } else if (licence_of[package].empty()) {
            font_lines += "from the Debian package " + package + ", whose copyright file was not found\n";
        } else {
            font_lines += "from the Debian package " + package + "; licence: " + licence_of[package] + "\n";
        }
    }
    // 3.
    const std::string stem = fs::path(source).stem().string();
    const std::string epoch = source_date_epoch >= 0 ? "SOURCE_DATE_EPOCH=" + std::to_string(source_date_epoch) + " " : "";
    std::string readme =
        "An archival snapshot made by folio " + std::string(pipeline::version()) +
        ": a BagIt bag (RFC 8493).\n"
        "\n"
        "What it holds (under data/):\n"
        "  " + stem + ".pdf, " + stem + ".html   the document, as PDF/A-2b and as self-contained HTML\n"
        "  source/, style/                 the content source (with its images) and the style sheet\n"
        "  fonts/                          every font the render used; their licences in fonts/licences/\n"
        "  profiles/                       the ICC colour profile of the PDF/A output intent\n"
        "  provenance.json                 the folio version, the options, the SHA-256 of every input\n"
        "                                  and output\n"
        "\n"
        "To check that nothing is missing or altered: folio verify BAG (or any BagIt validator, for\n"
        "example bagit.py --validate BAG): it compares every file with manifest-sha256.txt.\n"
        "\n"
        "To render it again (folio " + std::string(pipeline::version()) + ", on Debian 12 as its .ci/install-deps sets up):\n"
        "  1. make the bagged fonts the ones fontconfig finds, for example\n"
        "       mkdir -p ~/.local/share/fonts/folio-bag && cp data/fonts/*.* ~/.local/share/fonts/folio-bag/ && fc-cache\n"
        "     (folio finds fonts by family name; other versions of the same families would set the text\n"
        "     differently)\n"
        "  2. " + epoch + "folio build " + source + " --style " + style + " --pdfa -o out/\n"
        "     (run from the bag's folder)\n"
        "  3. compare: sha256sum out/" + stem + ".pdf with the outputs listed in data/provenance.json;\n"
        "     the same folio version, fonts and inputs give the same bytes\n"
        "\n"
        "Fonts:\n" + (font_lines.empty() ? std::string("  none\n") : font_lines);
    std::ofstream(fs::path(root) / "data" / "README.txt", std::ios::binary) << readme;
    return licences;
}

}  // namespace folio::batch
