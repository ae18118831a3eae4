// BagIt, RFC 8493 (version 1.0).
// Writing (write_tag_files), for a folder that already holds data/:
//   1. bagit.txt                 the version and the tag file encoding (§2.1.1)
//   2. manifest-sha256.txt       every payload file under data/, sorted by path (§2.1.3)
//   3. bag-info.txt              the caller's labels, then Payload-Oxum = octets.count (§2.2.2)
//   4. tagmanifest-sha256.txt    the three tag files above (§2.2.1)
// Verifying (verify_bag), a bag is complete and valid (§3) when:
//   bagit.txt is there with a BagIt-Version; no fetch.txt; every payload file is in the manifest
//   and every manifest entry is there with its checksum; Payload-Oxum matches; every tag manifest
//   entry holds; and, when a tag manifest exists, it lists every tag file (a stricter rule than the
//   RFC's, so that an added file anywhere in the bag is reported).
// Paths are percent-encoded in manifests (%, CR, LF) and use `/` on every system.

#include "batch/bagit.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/sha256.hpp"

namespace folio::batch::bagit {
namespace fs = std::filesystem;

namespace {

constexpr const char* payload_manifest = "manifest-sha256.txt";
constexpr const char* tag_manifest = "tagmanifest-sha256.txt";

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool read_file(const fs::path& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
}

bool write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    return static_cast<bool>(out);
}

/// Lines of a tag file, without their CR LF, CR or LF ending.
std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' || c == '\n') {
            lines.push_back(std::move(cur));
            cur.clear();
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) lines.push_back(std::move(cur));
    return lines;
}

/// True for a relative path without empty, `.` or `..` parts.
bool safe_path(const std::string& p) {
    if (p.empty() || p.front() == '/') return false;
    std::istringstream parts(p);
    for (std::string part; std::getline(parts, part, '/');) {
        if (part.empty() || part == "." || part == "..") return false;
    }
    return p.back() != '/';
}

/// Every regular file under `root/sub`, as `/`-separated paths relative to `root`, sorted; anything
/// else (a link, a device) is returned in `odd`.
std::vector<std::string> files_under(const fs::path& root, const std::string& sub, std::vector<std::string>& odd) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root / sub, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string rel = it->path().lexically_relative(root).generic_string();
        if (it->is_symlink()) odd.push_back(rel);
        else if (it->is_regular_file()) out.push_back(rel);
        else if (!it->is_directory()) odd.push_back(rel);
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// Checks the entries of one manifest against the files; `listed` collects the paths it names.
void check_entries(const fs::path& root, const std::vector<ManifestEntry>& entries, std::set<std::string>& listed,
                   std::vector<std::string>& problems) {
    for (const auto& e : entries) {
        listed.insert(e.path);
        std::error_code ec;
        if (!fs::is_regular_file(root / e.path, ec)) {
            problems.push_back("missing: " + e.path);
            continue;
        }
        auto h = core::sha256_file((root / e.path).string());
        if (!h || *h != e.checksum) problems.push_back("altered: " + e.path);
    }
}

/// Compares bag-info.txt's Payload-Oxum, if any, with what was found.
void check_oxum(const fs::path& root, const Verification& v, std::vector<std::string>& problems) {
    std::string text;
    if (!read_file(root / "bag-info.txt", text)) return;
    for (const auto& [label, value] : parse_bag_info(text)) {
        if (label != "Payload-Oxum") continue;
        const std::string found = std::to_string(v.octets) + "." + std::to_string(v.files);
        if (value != found) problems.push_back("Payload-Oxum: bag-info.txt says " + value + ", the payload is " + found);
    }
}

}  // namespace

std::string encode_path(std::string_view path) {
    std::string out;
    for (char c : path) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else out += c;
    }
    return out;
}

std::string decode_path(std::string_view path) {
    std::string out;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '%' && i + 2 < path.size()) {
            std::string code(path.substr(i + 1, 2));
            std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::toupper(c); });
            if (code == "25" || code == "0D" || code == "0A") {
                out += code == "25" ? '%' : code == "0D" ? '\r' : '\n';
                i += 2;
                continue;
            }
        }
        out += path[i];
    }
    return out;
}

std::vector<ManifestEntry> parse_manifest(std::string_view text, const std::string& name,
                                          std::vector<std::string>& problems) {
    std::vector<ManifestEntry> out;
    std::set<std::string> seen;
    const auto lines = lines_of(text);
    for (std::size_t n = 0; n < lines.size(); ++n) {
        const std::string& line = lines[n];
        const std::string where = name + ":" + std::to_string(n + 1) + ": ";
        if (line.empty()) continue;
        const auto gap = std::find_if(line.begin(), line.end(), is_space);
        const auto path_start = std::find_if_not(gap, line.end(), is_space);
        const std::string checksum(line.begin(), gap);
        const std::string path = decode_path(std::string(path_start, line.end()));
        const bool hex = !checksum.empty() && std::all_of(checksum.begin(), checksum.end(), [](char c) {
            return std::isxdigit(static_cast<unsigned char>(c)) != 0;
        });
        if (gap == line.end() || path_start == line.end() || !hex) {
            problems.push_back(where + "malformed line, expected CHECKSUM PATH");
        } else if (!safe_path(path)) {
            problems.push_back(where + "unsafe path: " + path);
        } else if (!seen.insert(path).second) {
            problems.push_back(where + "listed twice: " + path);
        } else {
            std::string lower = checksum;
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
            out.push_back({lower, path});
        }
    }
    return out;
}

std::string format_manifest(std::vector<ManifestEntry> entries) {
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    std::string out;
    for (const auto& e : entries) out += e.checksum + "  " + encode_path(e.path) + "\n";
    return out;
}

std::string format_bag_info(const BagInfo& info) {
    std::string out;
    for (const auto& [label, value] : info) {
        std::string v;
        bool gap = false;
        for (char c : value) {
            const bool ws = c == ' ' || c == '\t' || c == '\r' || c == '\n';
            if (ws) { gap = !v.empty(); continue; }
            if (gap) v += ' ';
            gap = false;
            v += c;
        }
        out += label + ": " + v + "\n";
    }
    return out;
}

BagInfo parse_bag_info(std::string_view text) {
    BagInfo info;
    for (const auto& line : lines_of(text)) {
        if (line.empty()) continue;
        if (is_space(line.front()) && !info.empty()) {
            const auto start = std::find_if_not(line.begin(), line.end(), is_space);
            info.back().second += ' ';
            info.back().second.append(start, line.end());
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string value = line.substr(colon + 1);
        value.erase(value.begin(), std::find_if_not(value.begin(), value.end(), is_space));
        info.emplace_back(line.substr(0, colon), value);
    }
    return info;
}

core::Result<core::Ok> write_tag_files(const std::string& dir, BagInfo info) {
    const fs::path root(dir);
    auto fail = [&](const std::string& what) {
        return core::unexpected({core::Severity::error, "bag.write", "cannot write " + what, {dir, 0, 0}});
    };
    // 1. bagit.txt
    if (!write_file(root / "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")) {
        return fail("bagit.txt");
    }
    // 2. The payload manifest, and the Payload-Oxum it gives.
    std::vector<std::string> odd;
    std::vector<ManifestEntry> payload;
    std::uintmax_t octets = 0;
    for (const auto& rel : files_under(root, "data", odd)) {
        auto h = core::sha256_file((root / rel).string());
        if (!h) return core::unexpected(h.error());
        std::error_code ec;
        octets += fs::file_size(root / rel, ec);
        payload.push_back({*h, rel});
    }
    if (!odd.empty()) return fail("a bag with a link or special file in its payload: " + odd.front());
    if (!write_file(root / payload_manifest, format_manifest(payload))) return fail(payload_manifest);
    // 3. bag-info.txt
    info.emplace_back("Payload-Oxum", std::to_string(octets) + "." + std::to_string(payload.size()));
    if (!write_file(root / "bag-info.txt", format_bag_info(info))) return fail("bag-info.txt");
    // 4. The tag manifest.
    std::vector<ManifestEntry> tags;
    for (const char* name : {"bagit.txt", "bag-info.txt", payload_manifest}) {
        auto h = core::sha256_file((root / name).string());
        if (!h) return core::unexpected(h.error());
        tags.push_back({*h, name});
    }
    if (!write_file(root / tag_manifest, format_manifest(tags))) return fail(tag_manifest);
    return core::Ok{};
}

Verification verify_bag(const std::string& dir) {
    Verification v;
    auto& problems = v.problems;
    const fs::path root(dir);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        problems.push_back("not a folder: " + dir);
        return v;
    }
    // The bag declaration.
    std::string text;
    if (!read_file(root / "bagit.txt", text)) problems.push_back("missing: bagit.txt");
    else if (text.find("BagIt-Version:") == std::string::npos) problems.push_back("bagit.txt: no BagIt-Version");
    if (fs::exists(root / "fetch.txt", ec)) problems.push_back("fetch.txt: remote payload files are not supported");

    // The payload against its manifest, both ways.
    std::vector<std::string> odd;
    const auto on_disk = files_under(root, "data", odd);
    for (const auto& o : odd) problems.push_back("not a regular file: " + o);
    v.files = on_disk.size();
    for (const auto& f : on_disk) v.octets += fs::file_size(root / f, ec);
    std::set<std::string> listed;
    if (!read_file(root / payload_manifest, text)) {
        problems.push_back(std::string("missing: ") + payload_manifest);
    } else {
        auto entries = parse_manifest(text, payload_manifest, problems);
        for (const auto& e : entries) {
            if (e.path.rfind("data/", 0) != 0) problems.push_back(std::string(payload_manifest) + ": not in data/: " + e.path);
        }
        check_entries(root, entries, listed, problems);
        for (const auto& f : on_disk) {
            if (!listed.count(f)) problems.push_back("extra: " + f);
        }
    }
    check_oxum(root, v, problems);

    // The tag manifest, and no tag file outside it.
    if (read_file(root / tag_manifest, text)) {
        std::set<std::string> tags;
        check_entries(root, parse_manifest(text, tag_manifest, problems), tags, problems);
        for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (name == "data" || name.rfind("tagmanifest-", 0) == 0) continue;
            std::vector<std::string> rels;
            if (it->is_directory()) rels = files_under(root, name, odd);
            else rels.push_back(name);
            for (const auto& r : rels) {
                if (!tags.count(r)) problems.push_back("extra: " + r);
            }
        }
    }
    return v;
}

}  // namespace folio::batch::bagit
