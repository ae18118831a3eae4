// The font cache of issue 23 (see font_cache.hpp).
//
// Control flow of a render's font resolution with a cache:
//   choice(request) -> first use: read the disk file (damaged, for another environment, or with a
//   stamp that no longer holds: ignored, rebuilt) -> a hit answers without fontconfig;
//   a miss: FontSet asks fontconfig, then remember() stamps fontconfig's configuration (its files,
//   folders and font folders, as fontconfig lists them, and the user's paths) if the cache had no
//   standing stamps, and keeps the choice -> save() writes the file to a unique temporary name
//   and renames it over the old one (readers see one or the other, never a part).
// Faces: face(path) loads once and hands out copies (the advance table is copied, the kerner
// shared: it is thread-safe); refresh() re-stamps each face's file between renders.

#include "text/font_cache.hpp"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "core/sha256.hpp"
#include "text/font_set.hpp"
#include "text/hyph_cache.hpp"

namespace folio::text {
namespace {

constexpr const char* magic = "folio-font-cache 1";

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\') out += "\\\\";
        else if (c == '\t') out += "\\t";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) { out += s[i]; continue; }
        const char c = s[++i];
        out += c == 't' ? '\t' : c == 'n' ? '\n' : c;
    }
    return out;
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> out(1);
    for (char c : line) {
        if (c == '\t') out.emplace_back();
        else out.back() += c;
    }
    return out;
}

/// Appends fontconfig's string list (and frees it).
void take(FcStrList* list, std::vector<std::string>& out) {
    if (list == nullptr) return;
    while (FcChar8* s = FcStrListNext(list)) out.emplace_back(reinterpret_cast<const char*>(s));
    FcStrListDone(list);
}

}  // namespace

FileStamp stamp_of(const std::string& path) {
    FileStamp s;
    s.path = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return s;
    s.exists = true;
    s.size = st.st_size;
    s.mtime_ns = std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
    s.ctime_ns = std::int64_t{st.st_ctim.tv_sec} * 1000000000 + st.st_ctim.tv_nsec;
    return s;
}

std::string format_font_cache(const std::string& environment, const std::vector<FileStamp>& stamps,
                              const std::vector<std::pair<std::tuple<std::string, int, bool>, FontChoice>>& choices) {
    std::ostringstream out;
    out << magic << '\n' << "env\t" << escape(environment) << '\n';
    for (const FileStamp& s : stamps) {
        out << "stamp\t" << s.exists << '\t' << s.size << '\t' << s.mtime_ns << '\t' << s.ctime_ns << '\t'
            << escape(s.path) << '\n';
    }
    for (const auto& [key, c] : choices) {
        out << "choice\t" << std::get<1>(key) << '\t' << std::get<2>(key) << '\t' << escape(std::get<0>(key)) << '\t'
            << escape(c.path) << '\t' << escape(c.note) << '\n';
    }
    std::string text = std::move(out).str();
    return text + "sha256\t" + core::sha256_hex(text) + '\n';
}

bool parse_font_cache(const std::string& text, const std::string& environment, std::vector<FileStamp>& stamps,
                      std::vector<std::pair<std::tuple<std::string, int, bool>, FontChoice>>& choices) {
    const auto sum = text.rfind("sha256\t");
    if (sum == std::string::npos || text.back() != '\n' ||
        text.substr(sum + 7, text.size() - sum - 8) != core::sha256_hex(text.substr(0, sum))) {
        return false;
    }
    std::istringstream in(text.substr(0, sum));
    std::string line;
    if (!std::getline(in, line) || line != magic) return false;
    if (!std::getline(in, line) || line != "env\t" + escape(environment)) return false;
    try {
        while (std::getline(in, line)) {
            const auto f = split_tabs(line);
            if (f[0] == "stamp" && f.size() == 6) {
                stamps.push_back({unescape(f[5]), f[1] == "1", std::stoll(f[2]), std::stoll(f[3]), std::stoll(f[4])});
            } else if (f[0] == "choice" && f.size() == 6) {
                choices.push_back({{unescape(f[3]), std::stoi(f[1]), f[2] == "1"}, {unescape(f[4]), unescape(f[5])}});
            } else {
                return false;
            }
        }
    } catch (const std::exception&) {  // (a number that does not parse: damaged)
        return false;
    }
    return !stamps.empty();
}

FontCache::FontCache(std::string disk_dir, std::string environment, std::vector<std::string> user_paths)
    : m_environment(std::move(environment)), m_user_paths(std::move(user_paths)) {
    if (!disk_dir.empty()) {
        m_file = disk_dir + "/fonts-" + core::sha256_hex(m_environment).substr(0, 16) + ".v1.txt";
    }
}

FontCache::~FontCache() = default;

bool FontCache::stamps_hold() const {
    for (const FileStamp& s : m_stamps) {
        if (!(stamp_of(s.path) == s)) return false;
    }
    return !m_stamps.empty();
}

void FontCache::load_disk() {
    if (m_disk_read) return;
    m_disk_read = true;
    if (m_file.empty() || m_known) return;
    std::ifstream in(m_file, std::ios::binary);
    if (!in) return;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::vector<FileStamp> stamps;
    std::vector<std::pair<Key, FontChoice>> choices;
    if (!parse_font_cache(std::move(bytes).str(), m_environment, stamps, choices)) {
        m_dirty = true;  // damaged: rewritten once fontconfig has answered
        return;
    }
    m_stamps = std::move(stamps);
    if (!stamps_hold()) {  // stale: the configuration or a font folder changed
        m_stamps.clear();
        m_dirty = true;
        return;
    }
    m_known = true;
    for (auto& [key, c] : choices) m_choices.emplace(key, std::move(c));
}

bool FontCache::configuration_known() {
    const std::lock_guard guard(m_lock);
    load_disk();
    return m_known;
}

std::optional<FontChoice> FontCache::choice(const std::string& family, int weight, bool italic) {
    const std::lock_guard guard(m_lock);
    load_disk();
    if (!m_known) return std::nullopt;
    const auto it = m_choices.find({family, weight, italic});
    if (it == m_choices.end()) return std::nullopt;
    return it->second;
}

void FontCache::stamp_configuration() {
    std::vector<std::string> paths;
    FcConfig* config = FcConfigGetCurrent();
    take(FcConfigGetConfigFiles(config), paths);
    take(FcConfigGetConfigDirs(config), paths);
    take(FcConfigGetFontDirs(config), paths);
    paths.insert(paths.end(), m_user_paths.begin(), m_user_paths.end());
    m_stamps.clear();
    for (const std::string& p : paths) m_stamps.push_back(stamp_of(p));
    m_known = true;
}

void FontCache::remember(const std::string& family, int weight, bool italic, FontChoice choice) {
    const std::lock_guard guard(m_lock);
    if (!m_known) {
        m_choices.clear();
        stamp_configuration();
    }
    auto& slot = m_choices[{family, weight, italic}];
    if (slot == choice) return;
    slot = std::move(choice);
    m_dirty = true;
}

core::Result<Face> FontCache::face(const std::string& path) {
    const std::lock_guard guard(m_lock);
    if (auto it = m_faces.find(path); it != m_faces.end()) return *it->second.face;
    const FileStamp stamp = stamp_of(path);
    auto loaded = load_face(path);
    if (!loaded) return loaded;
    auto shared = std::make_shared<const Face>(std::move(*loaded));
    m_faces[path] = {stamp, shared};
    return *shared;
}

void FontCache::refresh() {
    const std::lock_guard guard(m_lock);
    std::erase_if(m_faces, [](const auto& entry) { return !(stamp_of(entry.first) == entry.second.stamp); });
    if (m_known && !stamps_hold()) {
        m_known = false;
        m_choices.clear();
        m_stamps.clear();
        FcInitBringUptoDate();  // fontconfig's own view of the fonts, for the next misses
    }
}

bool FontCache::save() {
    const std::lock_guard guard(m_lock);
    if (m_file.empty() || !m_dirty || !m_known) return true;
    std::vector<std::pair<Key, FontChoice>> choices(m_choices.begin(), m_choices.end());
    const bool ok = hyph::write_atomically(m_file, format_font_cache(m_environment, m_stamps, choices));
    if (ok) m_dirty = false;
    return ok;
}

}  // namespace folio::text
