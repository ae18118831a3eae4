#pragma once
/// Hyphenation: where a word may be broken with a hyphen, from Liang's patterns as packaged for
/// libhyphen (the dictionaries LibreOffice uses, Debian's hyphen-* packages). One pattern
/// dictionary per language, found by its BCP 47 tag with fallbacks (de-AT -> de, no -> nb),
/// compiled once into a cached image (hyph_cache.hpp) and mapped on first use; there is no
/// global state.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace folio::text {

/// Finds hyphenation points in words. Thread-safe: dictionaries load lazily inside `points`,
/// under a lock, and layout threads share one Hyphenator.
class Hyphenator {
public:
    /// Looks for pattern dictionaries (hyph_en_US.dic, hyph_hu_HU.dic, ...) in `dictionary_dir`
    /// and keeps their compiled images in `cache_dir` (empty: compile in memory, cache nothing).
    explicit Hyphenator(std::string dictionary_dir = "/usr/share/hyphen", std::string cache_dir = {});
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;
    /// Moves the loaded dictionaries.
    Hyphenator(Hyphenator&&) noexcept;
    /// Moves the loaded dictionaries, freeing this one's.
    Hyphenator& operator=(Hyphenator&&) noexcept;

    /// Character indices i where `word` may break as word[0, i) + "-" / word[i, end): at least
    /// `left_min` letters before and `right_min` after, in each run of letters. Surrounding
    /// punctuation is ignored; words with a digit and e-mail addresses or URLs get none, and so
    /// does a language (BCP 47 tag) without a dictionary. Sorted ascending.
    [[nodiscard]] std::vector<std::size_t> points(const std::u32string& word, const std::string& lang,
                                                  std::size_t left_min = 2, std::size_t right_min = 3) const;

    /// Loads the patterns of `lang` now (points() would on first use): a render warms them up
    /// on another thread while it does other work.
    void preload(const std::string& lang) const;

    /// The dictionary file name for a BCP 47 tag, empty when none: the tag's language, script
    /// and region ("sr-Latn-RS" -> "hyph_sr-Latn_RS.dic", "de-AT" -> "hyph_de_AT.dic"), then
    /// without the region ("de-CH-1996" -> "hyph_de.dic"), then any region of the language
    /// ("pl" -> "hyph_pl_PL.dic"); "no" means Bokmål, "sh" Serbian in Latin script.
    [[nodiscard]] std::string dictionary_for(const std::string& lang) const;

    /// Whether `lang` hyphenates: it has a dictionary that loads (loading it if need be).
    [[nodiscard]] bool has_patterns(const std::string& lang) const;

private:
    struct Dictionaries;
    std::string m_dir;
    std::string m_cache_dir;
    std::unique_ptr<Dictionaries> m_dicts;
};

}  // namespace folio::text
