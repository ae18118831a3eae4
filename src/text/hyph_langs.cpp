// Language tag -> pattern file (see hyph_langs.hpp). A tag is split at '-' or '_' into the
// language (2-3 letters, lower case), an optional script (4 letters, title case) and an optional
// region (2 letters upper case, or 3 digits); other subtags (variants, extensions) are ignored.

#include "text/hyph_langs.hpp"

#include <filesystem>
#include <vector>

namespace folio::text::hyph {

namespace {

struct Tag {
    std::string language, script, region;
};

bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

Tag parse(const std::string& lang) {
    std::vector<std::string> parts(1);
    for (char c : lang) {
        if (c == '-' || c == '_') parts.emplace_back();
        else parts.back().push_back(c);
    }
    Tag t;
    for (char c : parts[0]) t.language.push_back(lower(c));
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string& p = parts[i];
        bool letters = !p.empty(), digits = !p.empty();
        for (char c : p) {
            letters = letters && alpha(c);
            digits = digits && c >= '0' && c <= '9';
        }
        if (letters && p.size() == 4 && t.script.empty() && t.region.empty() && i == 1) {
            t.script = p;
            t.script[0] = upper(t.script[0]);
            for (std::size_t k = 1; k < 4; ++k) t.script[k] = lower(t.script[k]);
        } else if (((letters && p.size() == 2) || (digits && p.size() == 3)) && t.region.empty()) {
            for (char c : p) t.region.push_back(upper(c));
        } else {
            break;  // a variant or extension: the rest refines, never changes, the language
        }
    }
    if (t.language == "no") t.language = "nb";
    if (t.language == "sh") { t.language = "sr"; t.script = "Latn"; }
    return t;
}

bool starts_with(const std::string& s, const std::string& head) { return s.rfind(head, 0) == 0; }

}  // namespace

std::string dictionary_file(const std::set<std::string>& files, const std::string& lang) {
    const Tag t = parse(lang);
    if (t.language.size() < 2 || t.language.size() > 3) return {};
    for (char c : t.language) {
        if (!alpha(c)) return {};
    }
    const auto has = [&files](const std::string& name) { return files.count(name) != 0; };
    const std::string base = "hyph_" + t.language;
    std::vector<std::string> tries;
    if (!t.script.empty()) {
        if (!t.region.empty()) {
            tries.push_back(base + "-" + t.script + "_" + t.region + ".dic");
            tries.push_back(base + "_" + t.script + "_" + t.region + ".dic");
        }
        for (const std::string& head : {base + "-" + t.script + "_", base + "_" + t.script + "_"}) {
            for (auto it = files.lower_bound(head); it != files.end() && starts_with(*it, head); ++it) tries.push_back(*it);
        }
    }
    if (!t.region.empty()) tries.push_back(base + "_" + t.region + ".dic");
    tries.push_back(base + ".dic");
    std::string same;
    for (char c : t.language) same.push_back(upper(c));
    // the language's main region where Debian ships several (sv_FI and sv_SE, sr_ME and sr_RS)
    if (t.language == "sv") same = "SE";
    if (t.language == "sr") same = "RS";
    tries.push_back(base + "_" + same + ".dic");
    for (const std::string& name : tries) {
        if (has(name)) return name;
    }
    const std::string head = base + "_";
    for (auto it = files.lower_bound(head); it != files.end() && starts_with(*it, head); ++it) {
        // the first region of the language; not another script's ("sr-Latn" files start "sr-")
        return *it;
    }
    return {};
}

std::set<std::string> dictionary_files(const std::string& dir) {
    std::set<std::string> out;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (starts_with(name, "hyph_") && name.size() > 9 && name.substr(name.size() - 4) == ".dic") out.insert(name);
    }
    return out;
}

}  // namespace folio::text::hyph
