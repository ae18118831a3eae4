// The overlap of a render's stages (see schedule.hpp), on core's job helper.

#include "pipeline/schedule.hpp"

namespace folio::pipeline {

Schedule::Schedule(unsigned threads, const text::Hyphenator& hyphenator, bool fontconfig)
    : m_beside(threads != 1), m_hyphenator(hyphenator) {
    // (milliseconds, which small documents feel; with one thread the first font lookup does it)
    if (m_beside && fontconfig) m_fontconfig.start(true, [] { text::FontSet::prepare(); });
}

void Schedule::source_read(std::set<std::string> languages) {
    if (!m_beside) return;  // a hint: with one thread, patterns load when first used
    m_named = std::move(languages);
    m_patterns.start(true, [this] {
        for (const std::string& lang : m_named) m_hyphenator.preload(lang);
    });
}

void Schedule::document_read(const doc::Document& document) {
    if (!m_beside) return;
    std::set<std::string> languages{document.meta.language};
    for (const doc::Node& n : document.nodes) {
        if (!n.lang.empty()) languages.insert(n.lang);
    }
    std::erase_if(languages, [this](const std::string& lang) { return m_named.contains(lang); });
    if (languages.empty()) return;
    m_more_patterns.start(true, [this, languages = std::move(languages)] {
        for (const std::string& lang : languages) m_hyphenator.preload(lang);
    });
}

void Schedule::fonts_needed() {
    m_fontconfig.wait();
}

void Schedule::begin_pdf(const std::vector<text::Face>& faces) {
    std::vector<std::string> paths;
    for (const auto& face : faces) paths.push_back(face.path);
    // Beside layout, which leaves a core idle there; with one thread now, so the bytes are the
    // same.
    m_pdf_beginning.start(m_beside,
                          [this, paths = std::move(paths)] { m_pdf.emplace(pdf::prepare(paths)); });
}

void Schedule::layout_needed() {
    m_patterns.wait();
    m_more_patterns.wait();
}

pdf::Preparation* Schedule::pdf_begun() {
    m_pdf_beginning.wait();
    return m_pdf && *m_pdf ? &**m_pdf : nullptr;
}

void Schedule::beside_pdf(bool pdf, std::function<void()> work) {
    m_beside_pdf.start(pdf && m_beside, std::move(work));
}

void Schedule::pdf_written() {
    m_beside_pdf.wait();
}

void Schedule::pdf_written_quietly() noexcept {
    try {
        m_beside_pdf.wait();
    } catch (...) {  // (the work failed while an error is on its way out already)
    }
}

}  // namespace folio::pipeline
