#pragma once
/// Hyphenation: where a word may be broken with a hyphen, from Liang's patterns as packaged for
/// libhyphen (the dictionaries LibreOffice uses). One pattern dictionary per language, loaded on
/// first use and owned by the Hyphenator; there is no global state.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace folio::text {

/// Finds hyphenation points in words. Thread-safe: dictionaries load lazily inside `points`,
/// under a lock, and layout threads share one Hyphenator.
class Hyphenator {
public:
    /// Looks for pattern dictionaries (hyph_en_US.dic, hyph_hu_HU.dic) in `dictionary_dir`.
    explicit Hyphenator(std::string dictionary_dir = "/usr/share/hyphen");
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

    /// The dictionary file name for a BCP 47 tag ("en-GB" -> "hyph_en_US.dic"), empty when none.
    [[nodiscard]] static std::string dictionary_for(const std::string& lang);

private:
    struct Dictionaries;
    std::string m_dir;
    std::unique_ptr<Dictionaries> m_dicts;
};

}  // namespace folio::text
