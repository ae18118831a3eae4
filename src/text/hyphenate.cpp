// Hyphenation points from Liang's patterns (libhyphen's dictionaries and algorithm, with
// Németh's extensions for non-standard hyphenation, which folio does not use).
//
// Control flow of Hyphenator::points: reject words that are not prose (digits, e-mail addresses,
// URLs); find the language's compiled dictionary (hyph_langs: tag -> file; hyph_cache: the file's
// image, mapped from the cache or compiled once); split the word into runs of letters, which
// drops surrounding quotes, brackets and stops and treats "counter-trafficking" as two words;
// lowercase each run and encode it in the dictionary's charset (UTF-8, or the 8-bit set of the
// older dictionaries); match it (hyph_match.cpp: libhyphen's hnj_hyphen_hyphenate3, which
// reports odd values, a break after that letter, per character); skip non-standard breaks and
// apply the minimum lengths.

#include "text/hyphenate.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/utf8.hpp"
#include "text/hyph_cache.hpp"
#include "text/hyph_langs.hpp"

namespace folio::text {

struct Hyphenator::Dictionaries {
    /// The compiled dictionaries by file; nullptr: the file is missing or unreadable.
    std::map<std::string, std::shared_ptr<const hyph::Compiled>> by_file;
    std::set<std::string> files;  ///< the pattern files of the folder, listed on first need
    bool listed = false;
    std::map<std::string, std::string> file_of;  ///< language tag -> file (empty: none)
    /// Points already computed, by dictionary file, minimums and word: prose repeats its words.
    std::unordered_map<std::u32string, std::vector<std::size_t>> memo;
    std::mutex lock;  ///< guards everything here: layout calls points() from several threads

    /// The file for `lang`; the caller holds the lock.
    const std::string& file_for(const std::string& dir, const std::string& lang) {
        auto it = file_of.find(lang);
        if (it != file_of.end()) return it->second;
        if (!listed) {
            files = hyph::dictionary_files(dir);
            listed = true;
        }
        return file_of.emplace(lang, hyph::dictionary_file(files, lang)).first->second;
    }

    /// The dictionary of `file` in `dir`, loaded on first use; nullptr when it cannot be read.
    /// The caller holds the lock.
    const hyph::Compiled* get(const std::string& dir, const std::string& cache_dir, const std::string& file) {
        auto it = by_file.find(file);
        if (it == by_file.end()) it = by_file.emplace(file, hyph::Compiled::load(dir + "/" + file, cache_dir)).first;
        return it->second.get();
    }
};

namespace {

bool is_letter(char32_t c) {
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return true;
    if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
    return (c >= 0x386 && c <= 0x3FF && c != 0x387) || (c >= 0x400 && c <= 0x52F && (c < 0x482 || c > 0x489)) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

/// Lower case for Basic Latin, Latin-1 and Latin Extended-A (the dictionaries are lower case).
char32_t to_lower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c == 0x130) return U'i';
    if (c == 0x178) return 0xFF;
    if ((c >= 0x100 && c < 0x138) || (c >= 0x14A && c < 0x178)) return (c & 1) ? c : c + 1;
    if ((c > 0x138 && c < 0x149) || (c > 0x178 && c < 0x17F)) return (c & 1) ? c + 1 : c;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;            // Greek capitals
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x410 && c <= 0x42F) return c + 32;                           // Cyrillic capitals
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) return c | 1;
    if (c >= 0x1E00 && c <= 0x1EFF) return c | 1;                          // Vietnamese and others
    return c;
}

/// Not prose: a number, an e-mail address, a path or URL.
bool is_hyphenatable(const std::u32string& word) {
    for (char32_t c : word) {
        if (c >= U'0' && c <= U'9') return false;
        if (c == U'@' || c == U'/') return false;  // "://" contains '/'
    }
    return true;
}

/// `run` lowercased in the dictionary's charset; false when a letter is not in it.
bool encode(const hyph::Compiled& c, const std::u32string& run, std::string& bytes) {
    bytes.clear();
    for (char32_t ch : run) {
        const char32_t low = to_lower(ch);
        if (c.dict().utf8) {
            core::append_utf8(bytes, low);
            continue;
        }
        const int b = c.byte_for(low);
        if (b <= 0) return false;
        bytes.push_back(static_cast<char>(b));
    }
    return true;
}

/// Break points inside one run of letters, as indices into `run`: hyphens[i] odd means a break
/// after run[i] (per character, also for UTF-8 dictionaries).
std::vector<std::size_t> run_points(const hyph::Compiled& c, const std::u32string& run, std::size_t left_min,
                                    std::size_t right_min) {
    std::vector<std::size_t> out;
    std::string bytes;
    if (!encode(c, run, bytes) || bytes.size() > 250) return out;  // (libhyphen's word bound)
    std::vector<char> hyphens;
    std::vector<bool> nonstandard;
    const int lh = static_cast<int>(left_min), rh = static_cast<int>(right_min);
    if (!hyph::hyphenate(c.dict(), bytes.c_str(), static_cast<int>(bytes.size()), hyphens, nonstandard, lh, rh, lh,
                         rh)) {
        return out;
    }
    for (std::size_t i = 0; i + 1 < run.size(); ++i) {
        if ((hyphens[i] - '0') % 2 == 0) continue;
        if (nonstandard[i]) continue;  // non-standard ("ssz" -> "sz-sz")
        const std::size_t at = i + 1;
        if (at >= left_min && run.size() - at >= right_min) out.push_back(at);
    }
    return out;
}

}  // namespace

Hyphenator::Hyphenator(std::string dictionary_dir, std::string cache_dir)
    : m_dir(std::move(dictionary_dir)), m_cache_dir(std::move(cache_dir)), m_dicts(std::make_unique<Dictionaries>()) {}

Hyphenator::~Hyphenator() = default;
Hyphenator::Hyphenator(Hyphenator&&) noexcept = default;
Hyphenator& Hyphenator::operator=(Hyphenator&&) noexcept = default;

std::string Hyphenator::dictionary_for(const std::string& lang) const {
    if (!m_dicts) return {};
    const std::lock_guard<std::mutex> guard(m_dicts->lock);
    return m_dicts->file_for(m_dir, lang);
}

bool Hyphenator::has_patterns(const std::string& lang) const {
    if (!m_dicts) return false;
    const std::lock_guard<std::mutex> guard(m_dicts->lock);
    const std::string& file = m_dicts->file_for(m_dir, lang);
    return !file.empty() && m_dicts->get(m_dir, m_cache_dir, file) != nullptr;
}

void Hyphenator::preload(const std::string& lang) const {
    (void)has_patterns(lang);
}

std::vector<std::size_t> Hyphenator::points(const std::u32string& word, const std::string& lang,
                                            std::size_t left_min, std::size_t right_min) const {
    std::vector<std::size_t> out;
    if (!m_dicts || word.size() < left_min + right_min || !is_hyphenatable(word)) return out;
    const std::lock_guard<std::mutex> guard(m_dicts->lock);
    const std::string& file = m_dicts->file_for(m_dir, lang);  // (the map's values stay put)
    if (file.empty()) return out;
    const hyph::Compiled* dict = m_dicts->get(m_dir, m_cache_dir, file);
    if (dict == nullptr) return out;
    // The memo's key: the dictionary (one per file, alive as long as m_dicts), the minimums and
    // the word. (It spelled out the file's name: most of what the HTML's soft hyphens cost was
    // building and hashing that, issue 23.)
    const auto dict_bits = reinterpret_cast<std::uintptr_t>(dict);
    std::u32string key;
    key.reserve(word.size() + 4);
    key.push_back(static_cast<char32_t>(dict_bits & 0xFFFFFFFFU));
    key.push_back(static_cast<char32_t>(static_cast<std::uint64_t>(dict_bits) >> 32));
    key.push_back(static_cast<char32_t>(left_min));
    key.push_back(static_cast<char32_t>(right_min));
    key += word;
    if (const auto hit = m_dicts->memo.find(key); hit != m_dicts->memo.end()) return hit->second;

    std::size_t i = 0;
    while (i < word.size()) {
        if (!is_letter(word[i])) { ++i; continue; }
        std::size_t end = i;
        while (end < word.size() && is_letter(word[end])) ++end;
        if (end - i >= left_min + right_min) {
            for (std::size_t p : run_points(*dict, word.substr(i, end - i), left_min, right_min)) {
                out.push_back(i + p);
            }
        }
        i = end;
    }
    m_dicts->memo.emplace(std::move(key), out);
    return out;
}

}  // namespace folio::text
