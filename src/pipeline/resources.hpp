#pragma once
/// Resources: what renders may share because it does not depend on the document (issue 23), owned
/// by the caller and passed to each render through Options::resources: the hyphenation patterns,
/// the fonts (choices and loaded faces, text/font_cache.hpp, with the on-disk cache of choices),
/// parsed style sheets (by path and bytes) and decoded images (by path, size, modification and
/// change times). A batch worker keeps one from source to source, `folio watch` one across
/// rebuilds; each render takes what is still valid and reloads what changed, so its outputs are
/// the bytes a fresh process makes. Not global: a render without one makes its own.
/// Thread-safe; renders that share one should still run one after the other (a batch gives each
/// worker its own), since the images kept are those of the last render.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/result.hpp"
#include "core/source_file.hpp"
#include "image/image.hpp"
#include "style/stylesheet.hpp"
#include "text/font_cache.hpp"

namespace folio::text { class Hyphenator; }

namespace folio::pipeline {

/// The shared resources of several renders (see above).
class Resources {
public:
    /// `cache_dir`: the on-disk caches' folder (hyphenation_cache_dir(): compiled patterns and
    /// font choices); empty: memory only. `fontconfig_environment` and `user_font_paths` key the
    /// font choices (text::FontCache; fontconfig_context() gives both from the environment).
    Resources(const std::string& cache_dir, std::string fontconfig_environment,
              std::vector<std::string> user_font_paths);
    ~Resources();
    Resources(const Resources&) = delete;
    Resources& operator=(const Resources&) = delete;

    /// The patterns, each language loaded on first use and kept.
    [[nodiscard]] const std::shared_ptr<const text::Hyphenator>& hyphenator() const { return m_hyphenator; }
    /// The fonts' choices and faces.
    text::FontCache& fonts() { return *m_fonts; }
    /// The style sheet in `file`: parsed again only when its path or bytes differ from a sheet
    /// parsed before; the warnings of its parse are given again each time. Errors are not kept.
    core::Result<style::Stylesheet> stylesheet(const core::SourceFile& file, core::Diagnostics& diags);
    /// The image at `path` decoded (pipeline::load_any_image), or the copy kept from an earlier
    /// render while the file is the same; its warnings are given again. Errors are not kept.
    core::Result<image::Image> image(const std::string& path, core::Diagnostics& warnings);
    /// A render starts: faces and font choices whose files changed are dropped.
    void render_started();
    /// A render ended: images it did not use are dropped; the font choices are saved to disk.
    void render_finished();

    /// Counters for tests and --timings: how often a kept style sheet, image or face was used.
    struct Hits {
        std::size_t stylesheets = 0;
        std::size_t images = 0;
    };
    [[nodiscard]] Hits hits() const;

private:
    struct SheetEntry {
        std::string text;
        style::Stylesheet sheet;
        std::vector<core::Diagnostic> warnings;
    };
    struct ImageEntry {
        text::FileStamp stamp;
        std::shared_ptr<const image::Image> image;
        std::vector<core::Diagnostic> warnings;
        bool used = true;  ///< by the current render
    };
    std::shared_ptr<const text::Hyphenator> m_hyphenator;
    std::unique_ptr<text::FontCache> m_fonts;
    std::map<std::string, SheetEntry> m_sheets;
    std::map<std::string, ImageEntry> m_images;
    Hits m_hits;
    mutable std::mutex m_lock;
};

/// The variables fontconfig reads, as "NAME=value" lines, and the user's font and configuration
/// paths it would read if they existed (for Resources; reads the environment: for main, batch
/// and watch).
std::pair<std::string, std::vector<std::string>> fontconfig_context();

/// Resources with the on-disk caches in `cache_dir` and fontconfig's context from the environment.
std::shared_ptr<Resources> make_resources(const std::string& cache_dir);

}  // namespace folio::pipeline
