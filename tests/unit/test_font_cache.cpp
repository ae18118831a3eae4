// Unit tests of the font cache (issue 23): the on-disk choices are used only while fontconfig's
// configuration and the user's font paths are as they were stamped; a stale, damaged or foreign
// file is detected and rebuilt; the choices and faces it gives are fontconfig's and FreeType's.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/font_cache.hpp"
#include "text/font_set.hpp"

using namespace folio::text;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    const fs::path p = fs::temp_directory_path() / ("folio-font-cache-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

/// Resolves the body and heading faces of the peers' style through a FontSet over `cache`.
std::string resolve_serif(FontCache& cache) {
    FontSet fonts(&cache);
    auto id = fonts.resolve("DejaVu Serif", 400, false);
    EXPECT_TRUE(id.has_value());
    auto bold = fonts.resolve("DejaVu Sans", 700, false);
    EXPECT_TRUE(bold.has_value());
    return id ? fonts.faces()[*id].path : std::string();
}

const std::string environment = "HOME=/nowhere\n";

}  // namespace

TEST(FontCache, FormatRoundTripsAndRefusesDamage) {
    std::vector<FileStamp> stamps{{"/etc/fonts/fonts.conf", true, 10, 20, 30}, {"/a\tb\\c", false, 0, 0, 0}};
    std::vector<std::pair<std::tuple<std::string, int, bool>, FontChoice>> choices{
        {{"DejaVu Serif", 400, false}, {"/usr/share/fonts/x.ttf", ""}},
        {{"Odd\nFamily", 700, true}, {"/f.otf", "no italic; using upright"}}};
    const std::string text = format_font_cache(environment, stamps, choices);
    std::vector<FileStamp> s2;
    std::vector<std::pair<std::tuple<std::string, int, bool>, FontChoice>> c2;
    ASSERT_TRUE(parse_font_cache(text, environment, s2, c2));
    EXPECT_EQ(s2, stamps);
    EXPECT_EQ(c2, choices);
    // another environment (FONTCONFIG_FILE, HOME, ...) is another configuration
    s2.clear(), c2.clear();
    EXPECT_FALSE(parse_font_cache(text, "HOME=/elsewhere\n", s2, c2));
    // one changed byte, a truncation, an empty file
    std::string flipped = text;
    flipped[flipped.find("400")] = '5';
    s2.clear(), c2.clear();
    EXPECT_FALSE(parse_font_cache(flipped, environment, s2, c2));
    s2.clear(), c2.clear();
    EXPECT_FALSE(parse_font_cache(text.substr(0, text.size() / 2), environment, s2, c2));
    s2.clear(), c2.clear();
    EXPECT_FALSE(parse_font_cache("", environment, s2, c2));
}

TEST(FontCache, SecondProcessAnswersFromDiskWithFontconfigsChoice) {
    const fs::path dir = scratch("disk");
    std::string first_path;
    {
        FontCache cache(dir.string(), environment, {});
        EXPECT_FALSE(cache.configuration_known());  // nothing on disk yet
        first_path = resolve_serif(cache);
        ASSERT_TRUE(cache.save());
        EXPECT_TRUE(fs::exists(cache.file()));
    }
    FontCache again(dir.string(), environment, {});
    ASSERT_TRUE(again.configuration_known());
    const auto c = again.choice("DejaVu Serif", 400, false);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->path, first_path);
    EXPECT_FALSE(again.choice("DejaVu Serif", 300, true).has_value());  // never asked: fontconfig decides
    FontSet plain;  // no cache at all: the same file
    auto id = plain.resolve("DejaVu Serif", 400, false);
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(plain.faces()[*id].path, first_path);
}

TEST(FontCache, StaleCacheIsDetectedWhenAUserFontFolderAppears) {
    const fs::path dir = scratch("stale");
    const fs::path user_fonts = dir / "user-fonts";  // does not exist yet
    {
        FontCache cache(dir.string(), environment, {user_fonts.string()});
        resolve_serif(cache);
        ASSERT_TRUE(cache.save());
    }
    {
        FontCache cache(dir.string(), environment, {user_fonts.string()});
        EXPECT_TRUE(cache.configuration_known());
    }
    fs::create_directories(user_fonts);  // a font folder of the user's now exists
    FontCache cache(dir.string(), environment, {user_fonts.string()});
    EXPECT_FALSE(cache.configuration_known());
    EXPECT_FALSE(cache.choice("DejaVu Serif", 400, false).has_value());
    // rebuilt: fontconfig answers, the file is written again and holds
    resolve_serif(cache);
    ASSERT_TRUE(cache.save());
    FontCache rebuilt(dir.string(), environment, {user_fonts.string()});
    EXPECT_TRUE(rebuilt.configuration_known());
}

TEST(FontCache, ChangedStampOrDamagedFileIsRebuilt) {
    const fs::path dir = scratch("damaged");
    std::string file;
    {
        FontCache cache(dir.string(), environment, {});
        resolve_serif(cache);
        ASSERT_TRUE(cache.save());
        file = cache.file();
    }
    // a configuration file's recorded time no longer matches (as after an edit)
    std::vector<FileStamp> stamps;
    std::vector<std::pair<std::tuple<std::string, int, bool>, FontChoice>> choices;
    ASSERT_TRUE(parse_font_cache(slurp(file), environment, stamps, choices));
    ASSERT_FALSE(stamps.empty());
    stamps.front().mtime_ns += 1;
    spit(file, format_font_cache(environment, stamps, choices));
    EXPECT_FALSE(FontCache(dir.string(), environment, {}).configuration_known());
    // a damaged file (cut short)
    const std::string good = [&] {
        FontCache cache(dir.string(), environment, {});
        resolve_serif(cache);
        EXPECT_TRUE(cache.save());
        return slurp(file);
    }();
    ASSERT_TRUE(FontCache(dir.string(), environment, {}).configuration_known());
    spit(file, good.substr(0, good.size() - 20));
    FontCache cache(dir.string(), environment, {});
    EXPECT_FALSE(cache.configuration_known());
    resolve_serif(cache);
    ASSERT_TRUE(cache.save());
    EXPECT_EQ(slurp(file), good);  // rebuilt to the same content
}

TEST(FontCache, KeptFaceEqualsAFreshLoadAndIsDroppedWhenItsFileChanges) {
    const fs::path dir = scratch("faces");
    FontCache cache("", environment, {});
    const std::string path = resolve_serif(cache);
    ASSERT_FALSE(path.empty());
    const fs::path copy = dir / "serif.ttf";
    fs::copy_file(path, copy);
    auto kept = cache.face(copy.string());
    auto fresh = load_face(copy.string());
    ASSERT_TRUE(kept && fresh);
    EXPECT_EQ(kept->advances, fresh->advances);
    EXPECT_EQ(kept->postscript_name, fresh->postscript_name);
    // another font under the same name: the next render sees the new face
    fs::copy_file(fs::path(path).parent_path() / "DejaVuSans.ttf", copy, fs::copy_options::overwrite_existing);
    cache.refresh();
    auto changed = cache.face(copy.string());
    ASSERT_TRUE(changed.has_value());
    EXPECT_EQ(changed->family, "DejaVu Sans");
}
