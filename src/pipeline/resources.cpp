// The resources renders share (see resources.hpp). Every entry is checked before it is used: a
// style sheet by its bytes (read anyway: it is small), an image and a face by their file's stamp,
// the font choices by fontconfig's configuration's stamps (text/font_cache.hpp); what fails the
// check is loaded again exactly as a fresh process would.

#include "pipeline/resources.hpp"

#include <cstdlib>

#include "pipeline/images.hpp"
#include "pipeline/pipeline.hpp"
#include "text/hyphenate.hpp"
#include "xml/reader.hpp"

namespace folio::pipeline {

Resources::Resources(const std::string& cache_dir, std::string fontconfig_environment,
                     std::vector<std::string> user_font_paths)
    : m_hyphenator(make_hyphenator(cache_dir)),
      m_fonts(std::make_unique<text::FontCache>(cache_dir, std::move(fontconfig_environment),
                                                std::move(user_font_paths))) {}

Resources::~Resources() = default;

core::Result<style::Stylesheet> Resources::stylesheet(const core::SourceFile& file, core::Diagnostics& diags) {
    {
        const std::lock_guard guard(m_lock);
        if (auto it = m_sheets.find(file.path()); it != m_sheets.end() && it->second.text == file.text()) {
            for (const core::Diagnostic& w : it->second.warnings) diags.add(w);
            ++m_hits.stylesheets;
            return it->second.sheet;
        }
    }
    core::Diagnostics own;
    auto sheet = xml::read_stylesheet(file, own);
    for (const core::Diagnostic& d : own.all()) diags.add(d);
    if (!sheet || own.has_errors()) return sheet;
    const std::lock_guard guard(m_lock);
    m_sheets[file.path()] = {std::string(file.text()), *sheet, own.all()};
    return sheet;
}

core::Result<image::Image> Resources::image(const std::string& path, core::Diagnostics& warnings) {
    const text::FileStamp stamp = text::stamp_of(path);
    {
        const std::lock_guard guard(m_lock);
        if (auto it = m_images.find(path); it != m_images.end() && it->second.stamp == stamp) {
            it->second.used = true;
            for (const core::Diagnostic& w : it->second.warnings) warnings.add(w);
            ++m_hits.images;
            return *it->second.image;
        }
    }
    core::Diagnostics own;
    auto img = load_any_image(path, own);
    for (const core::Diagnostic& d : own.all()) warnings.add(d);
    if (!img || own.has_errors()) return img;
    const std::lock_guard guard(m_lock);
    m_images[path] = {stamp, std::make_shared<const image::Image>(*img), own.all(), true};
    return img;
}

void Resources::render_started() {
    m_fonts->refresh();
    const std::lock_guard guard(m_lock);
    for (auto& [path, entry] : m_images) entry.used = false;
}

void Resources::render_finished() {
    m_fonts->save();  // (a cache that cannot be written is only slower next time)
    const std::lock_guard guard(m_lock);
    std::erase_if(m_images, [](const auto& entry) { return !entry.second.used; });
}

Resources::Hits Resources::hits() const {
    const std::lock_guard guard(m_lock);
    return m_hits;
}

std::pair<std::string, std::vector<std::string>> fontconfig_context() {
    std::string environment;
    const auto var = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v == nullptr ? std::string() : std::string(v);
    };
    for (const char* name : {"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME", "XDG_CONFIG_HOME",
                             "XDG_DATA_HOME", "XDG_DATA_DIRS", "XDG_CACHE_HOME"}) {
        environment += std::string(name) + "=" + var(name) + "\n";
    }
    std::vector<std::string> paths;
    const std::string home = var("HOME");
    const std::string config = !var("XDG_CONFIG_HOME").empty() ? var("XDG_CONFIG_HOME") : home + "/.config";
    const std::string data = !var("XDG_DATA_HOME").empty() ? var("XDG_DATA_HOME") : home + "/.local/share";
    if (!home.empty()) paths.push_back(home + "/.fonts");
    paths.push_back(config + "/fontconfig");
    paths.push_back(config + "/fontconfig/fonts.conf");
    paths.push_back(config + "/fontconfig/conf.d");
    paths.push_back(data + "/fonts");
    return {environment, paths};
}

std::shared_ptr<Resources> make_resources(const std::string& cache_dir) {
    auto [environment, paths] = fontconfig_context();
    return std::make_shared<Resources>(cache_dir, std::move(environment), std::move(paths));
}

}  // namespace folio::pipeline
