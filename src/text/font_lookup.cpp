// Font lookup: a family's installed faces through fontconfig's list, and CSS font matching
// among the ones folio can embed (see font_lookup.hpp).
//
// Control flow: family_faces(family) -> FcFontList(family) with each face's file, format,
// style, weight, slant and width -> the caller keeps the embeddable ones -> pick_face (CSS Fonts
// 4 §5.2 step 4: style, then weight, then folio's own tie-breaks).
//
// Not FcFontMatch: fontconfig ranks the format before the family, so a request for a family
// installed only as CFF or Type 1 matched another family's TrueType file ("unknown font family
// 'P052'; closest installed: P052"), and a family that lacks a weight could be completed from a
// different family.

#include "text/font_lookup.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <tuple>

namespace folio::text {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string string_of(FcPattern* p, const char* object) {
    FcChar8* value = nullptr;
    if (FcPatternGetString(p, object, 0, &value) != FcResultMatch || value == nullptr) return {};
    return reinterpret_cast<const char*>(value);
}

int int_of(FcPattern* p, const char* object, int fallback) {
    int value = 0;
    return FcPatternGetInteger(p, object, 0, &value) == FcResultMatch ? value : fallback;
}

/// Levenshtein distance, for "did you mean" suggestions.
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

/// CSS Fonts 4 §5.2's order of weights for `want`: (group, distance), smaller first.
std::pair<int, int> weight_rank(int want, int have) {
    if (want >= 400 && want <= 500) {
        if (have >= want && have <= 500) return {0, have - want};
        if (have < want) return {1, want - have};
        return {2, have - want};
    }
    if (want < 400) return have <= want ? std::pair{0, want - have} : std::pair{1, have - want};
    return have >= want ? std::pair{0, have - want} : std::pair{1, want - have};
}

}  // namespace

std::vector<InstalledFace> family_faces(const std::string& family) {
    std::vector<InstalledFace> out;
    FcPattern* pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcObjectSet* os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FONTFORMAT, FC_STYLE, FC_WEIGHT, FC_SLANT,
                                       FC_WIDTH, nullptr);
    FcFontSet* fs = FcFontList(nullptr, pat, os);
    for (int i = 0; fs != nullptr && i < fs->nfont; ++i) {
        FcPattern* p = fs->fonts[i];
        if (int_of(p, FC_INDEX, 0) != 0) continue;  // named instances and later faces of a collection
        InstalledFace face;
        face.path = string_of(p, FC_FILE);
        face.format = string_of(p, FC_FONTFORMAT);
        face.style = string_of(p, FC_STYLE);
        face.weight = FcWeightToOpenType(int_of(p, FC_WEIGHT, FC_WEIGHT_REGULAR));
        face.italic = int_of(p, FC_SLANT, FC_SLANT_ROMAN) != FC_SLANT_ROMAN;
        face.width = int_of(p, FC_WIDTH, FC_WIDTH_NORMAL);
        if (!face.path.empty()) out.push_back(std::move(face));
    }
    if (fs != nullptr) FcFontSetDestroy(fs);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    std::sort(out.begin(), out.end(), [](const InstalledFace& a, const InstalledFace& b) { return a.path < b.path; });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const InstalledFace& a, const InstalledFace& b) { return a.path == b.path; }),
              out.end());
    return out;
}

bool embeddable_format(const std::string& format) { return format == "TrueType" || format == "CFF"; }

const InstalledFace& pick_face(const std::vector<InstalledFace>& faces, int weight, bool italic) {
    const auto key = [&](const InstalledFace& f) {
        const auto [group, dist] = weight_rank(weight, f.weight);
        return std::make_tuple(f.italic != italic, group, dist, std::abs(f.width - FC_WIDTH_NORMAL),
                               f.format != "TrueType", std::cref(f.path));
    };
    return *std::min_element(faces.begin(), faces.end(),
                             [&](const InstalledFace& a, const InstalledFace& b) { return key(a) < key(b); });
}

std::vector<std::string> closest_families(const std::string& family) {
    std::vector<std::string> names;
    FcPattern* pat = FcPatternCreate();
    FcObjectSet* os = FcObjectSetBuild(FC_FAMILY, nullptr);
    FcFontSet* fs = FcFontList(nullptr, pat, os);
    for (int i = 0; fs != nullptr && i < fs->nfont; ++i) {
        FcChar8* name = nullptr;
        if (FcPatternGetString(fs->fonts[i], FC_FAMILY, 0, &name) == FcResultMatch) {
            names.emplace_back(reinterpret_cast<const char*>(name));
        }
    }
    if (fs != nullptr) FcFontSetDestroy(fs);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    const std::string want = lower(family);
    std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
        return distance(want, lower(a)) < distance(want, lower(b));
    });
    if (names.size() > 3) names.resize(3);
    return names;
}

}  // namespace folio::text
