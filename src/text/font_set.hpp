#pragma once
/// FontSet: the real FontProvider. Resolves families through fontconfig (font_lookup.hpp), opens
/// each face with FreeType, vets it for what the PDF writer can embed, and tables its advance
/// widths once.

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "text/font_metrics.hpp"

namespace folio::text {

class Kerner;
class FontCache;

/// One loaded face: where it came from and its metrics.
struct Face {
    std::string path;
    std::string family;
    std::string full_name;        ///< e.g. "Lato Black", for CSS local()
    std::string postscript_name;  ///< e.g. "Lato-Black", for CSS local()
    int weight = 400;
    bool italic = false;
    bool cff = false;  ///< CFF outlines (OpenType .otf), else TrueType (glyf)
    VerticalMetrics vertical;
    std::vector<std::int16_t> advances;  ///< per BMP code point, 1/1000 em; -1 = no glyph
    std::shared_ptr<Kerner> kerner;      ///< pair kerning through HarfBuzz, cached per pair
};

/// Opens `path` with FreeType and checks it is an OpenType font with TrueType or CFF outlines,
/// a (3,1) format-4 cmap, sane units per em and metrics; the error names the file and, for a
/// format folio cannot embed (Type 1, bitmap), says what to use instead.
core::Result<Face> load_face(const std::string& path);

/// The faces of one render, which owns its FontSet. Thread-safe: layout measures paragraphs on
/// several threads; faces are loaded under a lock and never move once loaded.
class FontSet final : public FontProvider {
public:
    /// `cache`: choices and faces kept between renders (font_cache.hpp), or null; it must
    /// outlive the FontSet.
    explicit FontSet(FontCache* cache = nullptr);
    ~FontSet() override;
    /// Loads fontconfig's configuration, the slow part (milliseconds) of the first lookup. Safe
    /// from any thread and any number of times: a render calls it on another thread while it
    /// reads its inputs.
    static void prepare();
    FontSet(const FontSet&) = delete;
    FontSet& operator=(const FontSet&) = delete;

    std::optional<FontId> find(const std::string& family, int weight, bool italic) override;
    [[nodiscard]] int advance(FontId font, char32_t cp) const override;
    [[nodiscard]] bool has_glyph(FontId font, char32_t cp) const override;
    [[nodiscard]] int kerning(FontId font, char32_t left, char32_t right) const override;
    [[nodiscard]] VerticalMetrics vertical(FontId font) const override;
    [[nodiscard]] bool thread_safe() const override { return true; }

    /// Resolves a family like find(), but explains a failure: an unknown family names the closest
    /// families fontconfig knows; a bad file names the file in the message. The error has no
    /// position: the caller gives it that of the style sheet declaration that asked for the family.
    /// When the family lacks the requested weight or style, `note` (if given) says which face
    /// stands in (for a warning); else it is emptied.
    core::Result<FontId> resolve(const std::string& family, int weight, bool italic, std::string* note = nullptr);
    /// Every face loaded so far, indexed by FontId.
    [[nodiscard]] const std::vector<Face>& faces() const { return m_faces; }

private:
    struct Key {
        std::string family;
        int weight;
        bool italic;
        bool operator==(const Key&) const = default;
    };
    struct CacheEntry {
        Key key;
        FontId id;
        std::string note;  ///< the stand-in face, when the family lacks the request
    };
    core::Result<std::string> find_file(const std::string& family, int weight, bool italic, std::string& note);
    static constexpr std::size_t max_faces = 256;
    /// Reserved up front (max_faces) so that a face loaded on one thread never moves under a
    /// reader on another.
    std::vector<Face> m_faces;
    std::vector<CacheEntry> m_cache;
    FontCache* m_shared;  ///< between renders, or null
    std::mutex m_lock;  ///< guards resolve(): m_cache and adding to m_faces
};

}  // namespace folio::text
