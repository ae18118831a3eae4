// Hyphenation points from libhyphen (Liang's algorithm over TeX-style patterns, with Németh's
// extensions for non-standard hyphenation, which folio does not use).
//
// Control flow of Hyphenator::points: reject words that are not prose (digits, e-mail addresses,
// URLs); split the word into runs of letters, which drops surrounding quotes, brackets and stops
// and treats "counter-trafficking" as two words; lowercase each run and encode it as UTF-8
// (for UTF-8 dictionaries libhyphen reports its odd hyphenation values, a break after that letter,
// per character, not per byte); skip non-standard breaks and apply the minimum lengths.

#include "text/hyphenate.hpp"

#include <hyphen.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "core/utf8.hpp"

namespace folio::text {

struct Hyphenator::Dictionaries {
    std::map<std::string, HyphenDict*> by_file;  ///< nullptr: the file is missing or unreadable
    /// Points already computed, by dictionary file, minimums and word: prose repeats its words.
    std::unordered_map<std::u32string, std::vector<std::size_t>> memo;
    std::mutex lock;  ///< guards by_file and memo: layout calls points() from several threads

    /// The dictionary of `file` in `dir`, loaded on first use; nullptr when it cannot be read.
    /// The caller holds the lock.
    HyphenDict* get(const std::string& dir, const std::string& file) {
        auto it = by_file.find(file);
        if (it == by_file.end()) {
            std::string path = dir;
            path += '/';
            path += file;
            it = by_file.emplace(file, hnj_hyphen_load(path.c_str())).first;
        }
        return it->second;
    }

    Dictionaries() = default;
    Dictionaries(const Dictionaries&) = delete;
    Dictionaries& operator=(const Dictionaries&) = delete;
    ~Dictionaries() {
        for (auto& [file, dict] : by_file) {
            if (dict != nullptr) hnj_hyphen_free(dict);
        }
    }
};

namespace {

bool is_letter(char32_t c) {
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return true;
    return c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7;
}

/// Lower case for Basic Latin, Latin-1 and Latin Extended-A (the dictionaries are lower case).
char32_t to_lower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c == 0x130) return U'i';
    if (c == 0x178) return 0xFF;
    if ((c >= 0x100 && c < 0x138) || (c >= 0x14A && c < 0x178)) return (c & 1) ? c : c + 1;
    if ((c > 0x138 && c < 0x149) || (c > 0x178 && c < 0x17F)) return (c & 1) ? c + 1 : c;
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

/// Frees what hnj_hyphen_hyphenate3 allocated for non-standard hyphenation.
struct NonStandard {
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    std::size_t size = 0;
    NonStandard() = default;
    NonStandard(const NonStandard&) = delete;
    NonStandard& operator=(const NonStandard&) = delete;
    ~NonStandard() {
        if (rep != nullptr) {
            for (std::size_t i = 0; i < size; ++i) std::free(rep[i]);
            std::free(rep);
        }
        std::free(pos);
        std::free(cut);
    }
};

/// Break points inside one run of letters, as indices into `run`. For UTF-8 dictionaries
/// libhyphen reports per character, not per byte: hyphens[i] odd means a break after run[i].
std::vector<std::size_t> run_points(HyphenDict* dict, const std::u32string& run, std::size_t left_min,
                                    std::size_t right_min) {
    std::vector<std::size_t> out;
    std::string bytes;
    for (char32_t c : run) core::append_utf8(bytes, to_lower(c));
    if (bytes.size() > 250) return out;  // libhyphen's word buffers are bounded
    std::vector<char> hyphens(bytes.size() + 5, '0');
    NonStandard ns;
    ns.size = bytes.size();  // the arrays are allocated per byte
    const int lh = static_cast<int>(left_min), rh = static_cast<int>(right_min);
    if (hnj_hyphen_hyphenate3(dict, bytes.data(), static_cast<int>(bytes.size()), hyphens.data(), nullptr,
                              &ns.rep, &ns.pos, &ns.cut, lh, rh, lh, rh) != 0) {
        return out;
    }
    for (std::size_t i = 0; i + 1 < run.size(); ++i) {
        if ((hyphens[i] - '0') % 2 == 0) continue;
        if (ns.rep != nullptr && ns.rep[i] != nullptr) continue;  // non-standard ("ssz" -> "sz-sz")
        const std::size_t at = i + 1;
        if (at >= left_min && run.size() - at >= right_min) out.push_back(at);
    }
    return out;
}

}  // namespace

Hyphenator::Hyphenator(std::string dictionary_dir)
    : m_dir(std::move(dictionary_dir)), m_dicts(std::make_unique<Dictionaries>()) {}

Hyphenator::~Hyphenator() = default;
Hyphenator::Hyphenator(Hyphenator&&) noexcept = default;
Hyphenator& Hyphenator::operator=(Hyphenator&&) noexcept = default;

std::string Hyphenator::dictionary_for(const std::string& lang) {
    std::string primary;
    for (char c : lang) {
        if (c == '-' || c == '_') break;
        primary.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    if (primary == "en") return "hyph_en_US.dic";
    if (primary == "hu") return "hyph_hu_HU.dic";
    return {};
}

void Hyphenator::preload(const std::string& lang) const {
    const std::string file = dictionary_for(lang);
    if (!m_dicts || file.empty()) return;
    const std::lock_guard<std::mutex> guard(m_dicts->lock);
    (void)m_dicts->get(m_dir, file);
}

std::vector<std::size_t> Hyphenator::points(const std::u32string& word, const std::string& lang,
                                            std::size_t left_min, std::size_t right_min) const {
    std::vector<std::size_t> out;
    if (!m_dicts || word.size() < left_min + right_min || !is_hyphenatable(word)) return out;
    const std::string file = dictionary_for(lang);
    if (file.empty()) return out;
    const std::lock_guard<std::mutex> guard(m_dicts->lock);
    HyphenDict* dict = m_dicts->get(m_dir, file);
    if (dict == nullptr) return out;
    std::u32string key;
    key.reserve(file.size() + word.size() + 3);
    for (char c : file) key.push_back(static_cast<unsigned char>(c));
    key.push_back(0);
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
            for (std::size_t p : run_points(dict, word.substr(i, end - i), left_min, right_min)) {
                out.push_back(i + p);
            }
        }
        i = end;
    }
    m_dicts->memo.emplace(std::move(key), out);
    return out;
}

}  // namespace folio::text
