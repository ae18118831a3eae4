// Unmarked language changes (accessibility.unmarked-language): text in another language than
// the one its element declares, for the languages folio hyphenates and quotes (docs/authoring.md).
//
// Two small tests, each with its evidence in the message, on the text of each block (its text
// nodes of one effective language, so text marked with xml:lang is judged as what it says it is):
//   1. spelling: a word whose non-ASCII letters all belong to the alphabet of exactly one of the
//      known languages, which is not the declared one, and not all to the declared one's
//      ("árvíztűrő": only Hungarian has ű and ő; "Straße": only German has ß). Letters many
//      languages share (é, á, ü, č) prove nothing alone. A capitalised word is a proper name
//      ("Łódź"), not evidence, unless a word beside it speaks the same language.
//   2. function words: the words of the text counted against lists of each language's most
//      frequent function words (articles, pronouns, prepositions, conjunctions; written for
//      folio, words in two lists removed, so every hit is evidence for one language). A block
//      of at least five words is in language L, not the declared D, when L has at least three
//      hits, a fifth of the words, and more than twice D's hits plus two.
// Either test needs a declared language with a profile: text declared in a language folio knows
// nothing about is never reported. Each block is reported once, by the first test that fires.

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "core/utf8.hpp"
#include "report/report.hpp"

namespace folio::report {
namespace {

/// A language's profile: its BCP 47 primary tag, English name, the non-ASCII letters of its
/// alphabet (lower case) and its function words (space-separated, lower case).
struct Profile {
    const char* tag;
    const char* name;
    std::u32string_view letters;
    const char* words;
};

const std::array<Profile, 14>& profiles() {
    static const std::array<Profile, 14> all = {{
        {"en", "English", U"éèïëç",
         "the and of to is are was were that this with for from by which have has had not but they their "
         "them his her its our we you be been will would should could there these those what when where who "
         "an at or as it on"},
        {"hu", "Hungarian", U"áéíóöőúüű",
         "az és hogy nem egy is ez meg de már csak mint még volt van vagy ha el fel kell lesz amely "
         "ami pedig mert között után alatt szerint minden nagyon ezt azt egyik több ahol"},
        {"de", "German", U"äöüß",
         "der die das und ist nicht mit sich des dem den ein eine einer eines auch auf für von zu im "
         "wird werden sind war bei aus nach wie oder aber noch nur über durch sie wir ich"},
        {"fr", "French", U"àâæçéèêëîïôœùûüÿ",
         "le la les et des est une du dans pour que qui au aux sur par pas plus ne ce cette ces sont "
         "avec ou mais nous vous ils elles leur été être où"},
        {"cs", "Czech", U"áčďéěíňóřšťúůýž",
         "je se na že to jako pro jsou byl byla bylo ale nebo jeho jejich když také již může mezi "
         "podle tak který která které však při jsme jste aby až"},
        {"sk", "Slovak", U"áäčďéíĺľňóôŕšťúýž",
         "sa je na že to ako pre sú bol bola bolo ale alebo jeho ich keď tiež už medzi podľa tak "
         "ktorý ktorá ktoré však pri sme ste aby"},
        {"pl", "Polish", U"ąćęłńóśźż",
         "się na że jest to nie jak do dla są był była było ale lub jego ich gdy także już może "
         "między przez tak który która które jednak przy jesteśmy aby oraz"},
        {"es", "Spanish", U"áéíñóúü",
         "el los las y es del en que por con una para su sus al lo como más pero sin sobre entre "
         "también fue son está este esta estos hay muy"},
        {"it", "Italian", U"àèéìíîòóùú",
         "il lo gli e di che è per con una della delle dei degli nel nella alla sono anche come più "
         "ma non questo questa essere stato tra"},
        {"pt", "Portuguese", U"áâãàçéêíóôõú",
         "o os as e do da dos das em que é para com uma não por mais como mas foi são ao pelo pela "
         "seu sua também entre está"},
        {"nl", "Dutch", U"éëïöü",
         "de het een en van is dat niet met zijn op voor aan ook als bij maar wordt worden naar uit "
         "door er nog dan deze wij zij"},
        {"ro", "Romanian", U"ăâîșşțţ",
         "și în de la cu pe din că este sunt pentru mai care nu au fost un o ale al lui acest "
         "această dar sau fi"},
        {"sv", "Swedish", U"åäöé",
         "och att det som är en på för med av till den har inte om de var ett eller men från vid "
         "också kan skall"},
        {"da", "Danish", U"æøåé",
         "og at det som er en på for med af til den har ikke om de var et eller men fra ved også "
         "kan skal"},
    }};
    return all;
}

/// The primary subtag of a BCP 47 tag, lower case ("de-AT" -> "de").
std::string primary(const std::string& tag) {
    std::string p = tag.substr(0, tag.find_first_of("-_"));
    for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return p;
}

/// The profile of a tag, or -1.
int profile_of(const std::string& tag) {
    const std::string p = primary(tag);
    for (std::size_t i = 0; i < profiles().size(); ++i) {
        if (p == profiles()[i].tag) return static_cast<int>(i);
    }
    return -1;
}

/// Each function word that only one profile lists, with that profile.
const std::unordered_map<std::string, int>& word_owners() {
    static const std::unordered_map<std::string, int> owners = [] {
        std::unordered_map<std::string, int> all;
        std::set<std::string> shared;
        for (std::size_t i = 0; i < profiles().size(); ++i) {
            std::istringstream in(profiles()[i].words);
            for (std::string w; in >> w;) {
                const auto [it, fresh] = all.emplace(w, static_cast<int>(i));
                if (!fresh && it->second != static_cast<int>(i)) shared.insert(w);
            }
        }
        for (const std::string& w : shared) all.erase(w);
        return all;
    }();
    return owners;
}

char32_t lower(char32_t c) {
    if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;  // ASCII, Latin-1
    // Latin Extended-A: upper case at even code points, lower at odd, but the other way round
    // from Ĺ to ň and from Ź to ž
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c % 2 == 0 ? c + 1 : c;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1 ? c + 1 : c;
    if (c == 0x218 || c == 0x21A) return c + 1;  // Ș Ț
    return c;
}

bool is_letter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/// A word of a passage, in lower case, letters only; `capital` when it was written with a
/// capital first letter.
struct Word {
    std::u32string text;
    bool capital = false;
};

/// The words of `text`.
std::vector<Word> words_of(std::string_view text) {
    std::u32string t;
    (void)core::append_decoded_utf8(t, text);  // (the reader checked it)
    std::vector<Word> out;
    Word word;
    for (std::size_t i = 0; i <= t.size(); ++i) {
        if (i < t.size() && is_letter(t[i])) {
            if (word.text.empty()) word.capital = lower(t[i]) != t[i];
            word.text.push_back(lower(t[i]));
        } else if (!word.text.empty()) {
            out.push_back(std::move(word));
            word = {};
        }
    }
    return out;
}

/// Test 1: the profile that alone spells `word`, when the declared one does not; else -1.
int spelled_only_in(const std::u32string& word, int declared) {
    std::u32string foreign;
    for (const char32_t c : word) {
        if (c > 0x7F) foreign.push_back(c);
    }
    if (foreign.empty()) return -1;
    const auto spells = [&](int i) {
        return std::all_of(foreign.begin(), foreign.end(), [&](char32_t c) {
            return profiles()[static_cast<std::size_t>(i)].letters.find(c) != std::u32string_view::npos;
        });
    };
    if (spells(declared)) return -1;
    int only = -1;
    for (int i = 0; i < static_cast<int>(profiles().size()); ++i) {
        if (!spells(i)) continue;
        if (only != -1) return -1;  // two languages spell it so: no evidence
        only = i;
    }
    return only;
}

/// The text of one block in one language, and where it starts.
struct Passage {
    std::string text;
    doc::NodeId first = doc::no_node;
};

/// What a passage reads as, when that is not its declared language: the profile and why.
struct Verdict {
    int profile = -1;
    std::string evidence;
};

/// Whether words[i] is evidence for profile `lang` by itself: spelled only as `lang` spells, or
/// one of `lang`'s function words.
bool speaks(const std::vector<Word>& words, std::size_t i, int lang, int declared) {
    if (spelled_only_in(words[i].text, declared) == lang) return true;
    const auto it = word_owners().find(core::to_utf8(words[i].text));
    return it != word_owners().end() && it->second == lang;
}

/// Test 1 over a passage. A capitalised word is taken for a proper name ("Łódź", which WCAG
/// 3.1.2 leaves unmarked) unless a word next to it speaks the same language ("Die Straße ist").
Verdict spelling(const std::vector<Word>& words, int declared) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const int only = spelled_only_in(words[i].text, declared);
        if (only < 0) continue;
        if (words[i].capital && !(i > 0 && speaks(words, i - 1, only, declared)) &&
            !(i + 1 < words.size() && speaks(words, i + 1, only, declared))) {
            continue;
        }
        return {only, "'" + core::to_utf8(words[i].text) + "' is spelled as only " + profiles()[only].name +
                          " spells words"};
    }
    return {};
}

Verdict judge(const std::string& text, int declared) {
    const std::vector<Word> words = words_of(text);
    if (Verdict v = spelling(words, declared); v.profile >= 0) return v;
    if (words.size() < 5) return {};
    std::vector<int> hits(profiles().size(), 0);
    std::vector<std::vector<std::string>> seen(profiles().size());
    for (const auto& word : words) {
        const auto it = word_owners().find(core::to_utf8(word.text));
        if (it == word_owners().end()) continue;
        ++hits[static_cast<std::size_t>(it->second)];
        auto& list = seen[static_cast<std::size_t>(it->second)];
        if (list.size() < 4 && std::find(list.begin(), list.end(), it->first) == list.end()) list.push_back(it->first);
    }
    const auto best = static_cast<int>(std::max_element(hits.begin(), hits.end()) - hits.begin());
    const int n = hits[static_cast<std::size_t>(best)];
    if (best == declared || n < 3 || n * 5 < static_cast<int>(words.size()) ||
        n <= 2 * hits[static_cast<std::size_t>(declared)] + 2) {
        return {};
    }
    std::string list;
    for (const auto& w : seen[static_cast<std::size_t>(best)]) list += (list.empty() ? "" : ", ") + w;
    return {best, std::to_string(n) + " of its " + std::to_string(words.size()) + " words are common " +
                      profiles()[best].name + " words: " + list};
}

}  // namespace

void unmarked_languages(const realize::RealizedDocument& realized, const PageIndex& pages,
                        std::vector<Finding>& out) {
    const doc::Document& d = realized.doc();
    std::map<std::pair<doc::NodeId, std::string>, Passage> passages;  // by block and language
    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.nodes[id];
        if (n.kind != doc::NodeKind::text) continue;
        Passage& p = passages[{block_of(d, id), realized.language(id)}];
        if (p.first == doc::no_node) p.first = id;
        p.text += ' ';
        p.text += n.text;
    }
    std::vector<std::pair<doc::NodeId, Finding>> found;  // by first text node, for document order
    for (const auto& [key, passage] : passages) {
        const int declared = profile_of(key.second);
        if (declared < 0) continue;
        const Verdict v = judge(passage.text, declared);
        if (v.profile < 0) continue;
        const doc::Node& first = d.nodes[passage.first];
        const auto& at = first.location.line != 0 || first.parent == doc::no_node ? first.location
                                                                                 : d.nodes[first.parent].location;
        const Profile& p = profiles()[static_cast<std::size_t>(v.profile)];
        found.emplace_back(passage.first,
                           make_finding("accessibility.unmarked-language",
                                        std::string("this text looks ") + p.name + " (" + v.evidence +
                                            "), but its element's language is '" + key.second +
                                            "': mark it with xml:lang=\"" + p.tag + "\"",
                                        at, pages.of_node(passage.first)));
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [id, f] : found) out.push_back(std::move(f));
}

}  // namespace folio::report
