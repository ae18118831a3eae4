#pragma once
/// FontCache: what font resolution learns, kept between renders (issue 23). Two parts:
///  - the choices, (family, weight, italic) -> file and stand-in note, which fontconfig made; kept
///    in memory and in a file on disk, so a later process answers a style's fonts without loading
///    fontconfig's configuration or listing a family. They hold while fontconfig's configuration
///    does: every configuration file and folder and every font folder fontconfig named
///    (FcConfigGetConfigFiles, FcConfigGetConfigDirs, FcConfigGetFontDirs), plus the user's own
///    font and configuration paths, with their modification times and sizes, and the variables
///    fontconfig reads. Any difference, or a damaged file, and the choices are made again;
///  - the loaded faces (FreeType vetting, advance tables, kerners) by path, dropped when their
///    file changes (path, size, modification and change times).
/// Thread-safe. A FontSet uses one when given (FontSet(FontCache*)).

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/result.hpp"

namespace folio::text {

struct Face;

/// One answer of fontconfig and CSS font matching: the file, and the stand-in note when the
/// family lacks the weight or style asked for (FontSet::resolve's `note`).
struct FontChoice {
    std::string path;
    std::string note;
    bool operator==(const FontChoice&) const = default;
};

/// A file's identity for caching: whether it exists, its size, modification and change times.
struct FileStamp {
    std::string path;
    bool exists = false;
    std::int64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};

/// The stamp of `path` now.
FileStamp stamp_of(const std::string& path);

/// The cached choices and faces (see above).
class FontCache {
public:
    /// `disk_dir`: the folder of the on-disk cache (empty: memory only); `environment`: the
    /// variables fontconfig reads, as "NAME=value" lines (a different value is another cache
    /// file); `user_paths`: files and folders fontconfig would read if they existed (the user's
    /// fonts and configuration), stamped too so that creating one is noticed.
    FontCache(std::string disk_dir, std::string environment, std::vector<std::string> user_paths);
    ~FontCache();
    FontCache(const FontCache&) = delete;
    FontCache& operator=(const FontCache&) = delete;

    /// True when the cached choices stand (read from disk on first use): fontconfig need not be
    /// loaded ahead of a render whose fonts are all among them.
    bool configuration_known();
    /// The cached choice for a request, while the configuration stands.
    std::optional<FontChoice> choice(const std::string& family, int weight, bool italic);
    /// Keeps a choice fontconfig just made (fontconfig is loaded: its configuration is stamped
    /// now if it was not known).
    void remember(const std::string& family, int weight, bool italic, FontChoice choice);
    /// The face of `path`: loaded once (load_face) and kept while its file stays the same.
    core::Result<Face> face(const std::string& path);
    /// Between renders: drops choices when the configuration changed (and has fontconfig reload
    /// it), and faces whose file changed.
    void refresh();
    /// Writes what was learnt to the disk cache (atomically), if anything; true when nothing
    /// needed writing or the write succeeded.
    bool save();
    /// The disk cache's file (empty without a folder).
    [[nodiscard]] const std::string& file() const { return m_file; }

private:
    using Key = std::tuple<std::string, int, bool>;
    bool stamps_hold() const;
    void load_disk();
    void stamp_configuration();
    std::string m_file;
    std::string m_environment;
    std::vector<std::string> m_user_paths;
    bool m_disk_read = false;
    bool m_dirty = false;
    bool m_known = false;  ///< m_stamps describe the configuration the choices were made under
    std::vector<FileStamp> m_stamps;
    std::map<Key, FontChoice> m_choices;
    struct Loaded {
        FileStamp stamp;
        std::shared_ptr<const Face> face;
    };
    std::map<std::string, Loaded> m_faces;
    std::mutex m_lock;
};

/// The text of a disk cache (for tests: the format is folio's own): a header with the
/// environment, a line per stamp and per choice, and a SHA-256 line over all before it.
std::string format_font_cache(const std::string& environment, const std::vector<FileStamp>& stamps,
                              const std::vector<std::pair<std::tuple<std::string, int, bool>, FontChoice>>& choices);

/// Parses format_font_cache's text; nothing when it is damaged or for another environment.
bool parse_font_cache(const std::string& text, const std::string& environment, std::vector<FileStamp>& stamps,
                      std::vector<std::pair<std::tuple<std::string, int, bool>, FontChoice>>& choices);

}  // namespace folio::text
