// The HTML's embedded fonts (issue 20): each face the pages use, cut to the characters the
// document can show and encoded as WOFF2, so that a reader without the fonts, and an archived
// page in thirty years, sees the faces of the PDF (see write_html.hpp, embed_fonts).
//
// Recipe:
//   1. the faces: those the pages' glyph runs use (all with a file when there are no pages)
//   2. the characters: every text node as readers see it and as drawn, the metadata, every
//      glyph run (running heads, contents, markers, numbers), printable ASCII (what the writer
//      itself adds), and the capitals of all of them (CSS text-transform works in the browser)
//   3. per face, on worker threads: HarfBuzz's subset (text/font_subset.hpp), then WOFF2
//      (woff2.cpp: null transforms, Brotli); or the file a render before made of the same face
//      and characters, from the cache folder (font_cache.hpp)
//   4. its url(): a data URI, or with external_assets its file name in the assets folder

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstdint>
#include <set>
#include <string_view>

#include "core/jobs.hpp"
#include "core/utf8.hpp"
#include "html/assets.hpp"
#include "html/font_cache.hpp"
#include "html/woff2.hpp"
#include "html/write_html.hpp"
#include "text/font_subset.hpp"

namespace folio::html {
namespace {

/// A set of code points as one bit each (U+0000..U+10FFFF, 136 KB): inserting every character
/// of a 1,000-page document into a std::set was the HTML writer's largest cost (issue 23).
class CharSet {
public:
    void insert(char32_t c) {
        if (c < kLimit) m_bits[c >> 6] |= std::uint64_t{1} << (c & 63);
    }
    /// Every byte of `utf8` below 0x80 directly, the rest decoded (as core::decode_utf8 does).
    /// (Printable ASCII is in every set: shown_characters adds it, so it is skipped here.)
    void insert_utf8(std::string_view utf8) {
        std::size_t i = 0;
        for (; i < utf8.size() && static_cast<unsigned char>(utf8[i]) < 0x80; ++i) {
            const auto c = static_cast<unsigned char>(utf8[i]);
            if (!printable_ascii(c)) insert(c);
        }
        if (i == utf8.size()) return;
        m_buffer.clear();
        core::append_decoded_utf8(m_buffer, utf8.substr(i));
        for (char32_t c : m_buffer) {
            if (!printable_ascii(c)) insert(c);
        }
    }
    /// U+0020..U+007E, which shown_characters always adds.
    static bool printable_ascii(char32_t c) { return c >= 0x20 && c < 0x7F; }
    /// The code points in ascending order.
    [[nodiscard]] std::vector<char32_t> sorted() const {
        std::vector<char32_t> out;
        for (std::size_t w = 0; w < m_bits.size(); ++w) {
            for (std::uint64_t bits = m_bits[w]; bits != 0; bits &= bits - 1)
                out.push_back(static_cast<char32_t>(w * 64 + static_cast<unsigned>(std::countr_zero(bits))));
        }
        return out;
    }

private:
    static constexpr char32_t kLimit = 0x110000;
    std::vector<std::uint64_t> m_bits = std::vector<std::uint64_t>(kLimit / 64);
    std::u32string m_buffer;
};

/// Step 2.
std::vector<char32_t> shown_characters(const realize::RealizedDocument& realized,
                                       const layout::PagedDocument* pages) {
    CharSet chars;
    const auto add = [&](std::string_view utf8) { chars.insert_utf8(utf8); };
    const doc::Document& d = realized.doc();
    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        if (d.nodes[id].kind != doc::NodeKind::text) continue;
        add(realized.text(id));
        add(realized.drawn(id));
    }
    for (const std::string* s : {&d.meta.title, &d.meta.subtitle, &d.meta.organisation, &d.meta.author,
                                 &d.meta.description, &d.meta.cover.tagline})
        add(*s);
    if (pages != nullptr) {
        for (const layout::Page& page : pages->pages) {
            for (const layout::Item& item : page.items) {
                if (const auto* run = std::get_if<layout::GlyphRun>(&item)) {
                    for (char32_t c : run->text) {
                        if (!CharSet::printable_ascii(c)) chars.insert(c);
                    }
                }
            }
        }
    }
    for (char32_t c = 0x20; c < 0x7F; ++c) chars.insert(c);  // (so the loops above skip them)
    for (char32_t c : chars.sorted()) chars.insert(realize::upper_char(c));
    return chars.sorted();
}

/// Step 3 for one face: the WOFF2 file, or "" when it cannot be made; from `cache_dir` when
/// it holds it (font_cache.hpp), and kept there when it is made.
std::string woff2_subset(const std::string& path, const std::vector<char32_t>& chars, const std::string& cache_dir) {
    const std::optional<std::string> key =
        cache_dir.empty() ? std::nullopt : woff2_cache_key(path, chars);
    if (key) {
        if (auto cached = cached_woff2(cache_dir, *key)) return std::move(*cached);
    }
    auto sfnt = text::web_font_subset(path, chars);
    if (!sfnt) return {};
    std::string woff2 = sfnt_to_woff2(*sfnt).value_or(std::string());
    if (key && !woff2.empty()) store_woff2(cache_dir, *key, woff2);
    return woff2;
}

/// The file's name without its folder and extension, URL-safe ("Lato-Regular").
std::string stem_of(const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (const auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.resize(dot);
    for (char& ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (!(std::isalnum(c) || ch == '_' || ch == '-')) ch = '-';
    }
    return name.empty() ? std::string("font") : name;
}

}  // namespace

void embed_fonts(const realize::RealizedDocument& realized, const layout::PagedDocument* pages,
                 HtmlOptions& options) {
    // 1. The faces.
    std::vector<bool> used(options.fonts.size(), pages == nullptr);
    if (pages != nullptr) {
        for (const layout::Page& page : pages->pages) {
            for (const layout::Item& item : page.items) {
                const auto* run = std::get_if<layout::GlyphRun>(&item);
                if (run != nullptr && run->font < used.size()) used[run->font] = true;
            }
        }
    }
    std::vector<std::size_t> wanted;
    for (std::size_t i = 0; i < options.fonts.size(); ++i) {
        if (used[i] && !options.fonts[i].path.empty()) wanted.push_back(i);
    }
    if (wanted.empty()) return;
    // 2, 3. The characters, and each face's subset.
    const std::vector<char32_t> chars = shown_characters(realized, pages);
    core::parallel_for(options.threads, wanted.size(), [&](std::size_t k) {
        LocalFont& font = options.fonts[wanted[k]];
        font.woff2 = woff2_subset(font.path, chars, options.cache_dir);
    });
    // 4. The urls, with names unique among the fonts.
    std::set<std::string> names;
    for (std::size_t i : wanted) {
        LocalFont& font = options.fonts[i];
        if (font.woff2.empty()) continue;
        std::string name = stem_of(font.path) + ".woff2";
        for (int n = 2; !names.insert(name).second; ++n) name = stem_of(font.path) + "-" + std::to_string(n) + ".woff2";
        font.file_name = name;
        font.url = options.external_assets ? options.assets_folder + "/" + name
                                           : "data:font/woff2;base64," + base64(font.woff2);
    }
}

}  // namespace folio::html
