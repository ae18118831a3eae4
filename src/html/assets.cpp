/// Images in the HTML: embedded as data URIs of their original bytes (the default, so that one
/// file is complete), or, with --external-assets, written beside the HTML under names made unique
/// and URL-safe here, and referred to relatively.

#include "html/assets.hpp"

#include <cctype>
#include <set>

namespace folio::html {

namespace {

/// The last path component, with every character outside [A-Za-z0-9._-] replaced by '-'.
std::string safe_name(const std::string& path) {
    const auto slash = path.find_last_of("/\\");
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    for (char& ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (!(std::isalnum(c) || ch == '.' || ch == '_' || ch == '-')) ch = '-';
    }
    if (name.empty() || name.front() == '.') name = "image" + name;
    return name;
}

/// `name`, or `stem-2.ext`, `stem-3.ext`, ... whichever is not in `used`; records the result.
std::string unique_name(const std::string& name, std::set<std::string>& used) {
    const auto dot = name.rfind('.');
    const std::string stem = dot == std::string::npos ? name : name.substr(0, dot);
    const std::string ext = dot == std::string::npos ? "" : name.substr(dot);
    std::string out = name;
    for (int k = 2; used.count(out) != 0; ++k) out = stem + "-" + std::to_string(k) + ext;
    used.insert(out);
    return out;
}

/// The asset name of each image of `options.images`, in order.
std::vector<std::string> asset_names(const HtmlOptions& options) {
    std::set<std::string> used;
    std::vector<std::string> names;
    for (const ImageFile& img : options.images) names.push_back(unique_name(safe_name(img.path), used));
    return names;
}

}  // namespace

std::string base64(std::string_view bytes) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto v = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16 |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
        for (int shift : {18, 12, 6, 0}) out += alphabet[(v >> shift) & 63];
    }
    if (i < bytes.size()) {
        const bool two = i + 1 < bytes.size();
        const auto v = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16 |
                       (two ? static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8
                            : 0U);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += two ? alphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::map<std::string, std::string> image_sources(const HtmlOptions& options) {
    std::map<std::string, std::string> sources;
    const std::vector<std::string> names = asset_names(options);
    for (std::size_t i = 0; i < options.images.size(); ++i) {
        const ImageFile& img = options.images[i];
        sources[img.path] = options.external_assets
                                ? options.assets_folder + "/" + names[i]
                                : "data:" + img.mime + ";base64," + base64(img.bytes);
    }
    return sources;
}

std::string image_src(const doc::Document& d, const std::map<std::string, std::string>& sources,
                      const std::string& path) {
    if (const auto it = sources.find(path); it != sources.end()) return it->second;
    const auto slash = d.source_path.rfind('/');
    if (slash == std::string::npos) return path;
    const std::string_view folder(d.source_path.data(), slash + 1);
    return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0
               ? path.substr(folder.size())
               : path;
}

std::vector<Asset> external_assets(const HtmlOptions& options, std::string_view html) {
    std::vector<Asset> out;
    if (!options.external_assets) return out;
    const std::vector<std::string> names = asset_names(options);
    for (std::size_t i = 0; i < options.images.size(); ++i) {
        std::string path = options.assets_folder + "/" + names[i];
        if (!html.empty() && html.find("src=\"" + path + "\"") == std::string_view::npos) continue;  // not shown
        out.push_back({std::move(path), options.images[i].bytes});
    }
    for (const LocalFont& font : options.fonts) {  // embed_fonts' subsets (issue 20)
        if (!font.woff2.empty()) out.push_back({options.assets_folder + "/" + font.file_name, font.woff2});
    }
    return out;
}

}  // namespace folio::html
