// The cache of compiled dictionaries: built once and then mapped, rebuilt when the pattern file
// changes or the cache file is damaged (never trusted), written atomically, and done without when
// no cache folder can be written. And the point of it all: a mapped language's first word is
// cheap whatever the size of its patterns.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/utf8.hpp"
#include "text/hyph_cache.hpp"
#include "text/hyphenate.hpp"

using namespace folio;
using namespace folio::text;
namespace fs = std::filesystem;

namespace {

/// A fresh folder under the test's temporary directory.
fs::path fresh_dir(const std::string& name) {
    const fs::path p = fs::temp_directory_path() / ("folio-hyphen-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

std::string hyphenated(const Hyphenator& h, const std::string& word, const std::string& lang, std::size_t left = 2,
                       std::size_t right = 3) {
    const std::u32string w = core::decode_utf8(word).text;
    std::u32string out;
    std::size_t prev = 0;
    for (std::size_t p : h.points(w, lang, left, right)) {
        out.append(w, prev, p - prev);
        out.push_back(U'-');
        prev = p;
    }
    out.append(w, prev, std::u32string::npos);
    return core::to_utf8(out);
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
    return out;
}

}  // namespace

TEST(HyphenCache, BuiltOnceThenMapped) {
    const fs::path cache = fresh_dir("once");
    const std::string dic = "/usr/share/hyphen/hyph_hu_HU.dic";
    const auto first = hyph::Compiled::load(dic, cache.string());
    ASSERT_TRUE(first);
    EXPECT_EQ(first->origin(), hyph::Origin::built_and_cached);
    const auto files = files_in(cache);
    ASSERT_EQ(files.size(), 1u);  // the image, and no temporary file left behind
    EXPECT_EQ(files[0].string(), hyph::cache_file(cache.string(), dic));
    const auto second = hyph::Compiled::load(dic, cache.string());
    ASSERT_TRUE(second);
    EXPECT_EQ(second->origin(), hyph::Origin::mapped);

    const Hyphenator h("/usr/share/hyphen", cache.string());
    EXPECT_EQ(hyphenated(h, "tükörfúrógép", "hu_HU"), "tü-kör-fú-ró-gép");
    EXPECT_EQ(hyphenated(h, "asszonnyal", "hu-HU"), "asszonnyal");  // non-standard: left out

    // The point of it all: a mapped language's first word is cheap whatever the size of its
    // patterns (876 KB for Hungarian, which libhyphen parses in hundreds of milliseconds). The
    // issue's target is 2 ms; on a busy shared test machine this asserts a looser bound.
    double best = 1e9;
    for (int run = 0; run < 5; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const Hyphenator fresh("/usr/share/hyphen", cache.string());
        EXPECT_EQ(hyphenated(fresh, "szervezet", "hu-HU"), "szer-ve-zet");
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    RecordProperty("first_word_ms", std::to_string(best));
    EXPECT_LT(best, 15.0);
    fs::remove_all(cache);
}

TEST(HyphenCache, AChangedPatternFileIsRecompiled) {
    const fs::path cache = fresh_dir("changed-cache");
    const fs::path dicts = fresh_dir("changed-dicts");
    const fs::path dic = dicts / "hyph_xx.dic";
    { std::ofstream(dic) << "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\na1b\n"; }
    {
        const Hyphenator h(dicts.string(), cache.string());
        EXPECT_EQ(hyphenated(h, "abcabc", "xx", 1, 1), "a-bca-bc");
    }
    // Same size, new content and time: the key (size, mtime) differs, the image is rebuilt.
    { std::ofstream(dic) << "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nb1c\n"; }
    fs::last_write_time(dic, fs::last_write_time(dic) + std::chrono::seconds(5));
    const auto again = hyph::Compiled::load(dic.string(), cache.string());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->origin(), hyph::Origin::built_and_cached);
    const Hyphenator h(dicts.string(), cache.string());
    EXPECT_EQ(hyphenated(h, "abcabc", "xx", 1, 1), "ab-cab-c");
    fs::remove_all(cache);
    fs::remove_all(dicts);
}

TEST(HyphenCache, ACorruptOrTruncatedImageIsRebuiltNotTrusted) {
    const fs::path cache = fresh_dir("corrupt");
    const std::string dic = "/usr/share/hyphen/hyph_en_US.dic";
    ASSERT_TRUE(hyph::Compiled::load(dic, cache.string()));
    const std::string file = hyph::cache_file(cache.string(), dic);
    const auto size = fs::file_size(file);
    for (const std::uintmax_t at : {size / 2, size - 3, std::uintmax_t{20}, std::uintmax_t{200}}) {
        {
            std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
            f.seekg(static_cast<std::streamoff>(at));
            char c = 0;
            f.get(c);
            f.seekp(static_cast<std::streamoff>(at));
            f.put(static_cast<char>(c ^ 0x5A));
        }
        const auto loaded = hyph::Compiled::load(dic, cache.string());
        ASSERT_TRUE(loaded);
        EXPECT_EQ(loaded->origin(), hyph::Origin::built_and_cached) << "byte " << at;
        EXPECT_EQ(fs::file_size(file), size);
    }
    fs::resize_file(file, size - 100);  // truncated
    EXPECT_EQ(hyph::Compiled::load(dic, cache.string())->origin(), hyph::Origin::built_and_cached);
    fs::resize_file(file, 10);
    EXPECT_EQ(hyph::Compiled::load(dic, cache.string())->origin(), hyph::Origin::built_and_cached);
    { std::ofstream(file, std::ios::trunc); }  // empty
    EXPECT_EQ(hyph::Compiled::load(dic, cache.string())->origin(), hyph::Origin::built_and_cached);
    const Hyphenator h("/usr/share/hyphen", cache.string());
    EXPECT_EQ(hyphenated(h, "hyphenation", "en"), "hy-phen-ation");
    EXPECT_EQ(hyph::Compiled::load(dic, cache.string())->origin(), hyph::Origin::mapped);
    fs::remove_all(cache);
}

TEST(HyphenCache, RacingBuildersLeaveOneWholeImage) {
    const fs::path cache = fresh_dir("race");
    const std::string dic = "/usr/share/hyphen/hyph_en_US.dic";
    std::vector<std::thread> builders;
    std::vector<int> ok(4, 0);
    for (std::size_t i = 0; i < ok.size(); ++i) {
        builders.emplace_back([&, i] { ok[i] = hyph::Compiled::load(dic, cache.string()) != nullptr; });
    }
    for (auto& t : builders) t.join();
    for (int v : ok) EXPECT_EQ(v, 1);
    EXPECT_EQ(files_in(cache).size(), 1u);
    EXPECT_EQ(hyph::Compiled::load(dic, cache.string())->origin(), hyph::Origin::mapped);
    fs::remove_all(cache);
}

TEST(HyphenCache, WithoutAWritableFolderTheImageIsBuiltInMemory) {
    const fs::path blocker = fresh_dir("blocked") / "a-file";
    { std::ofstream(blocker) << "not a folder"; }
    const auto loaded = hyph::Compiled::load("/usr/share/hyphen/hyph_en_US.dic", (blocker / "cache").string());
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->origin(), hyph::Origin::built_in_memory);
    const Hyphenator h("/usr/share/hyphen", (blocker / "cache").string());
    EXPECT_EQ(hyphenated(h, "hyphenation", "en"), "hy-phen-ation");
    const Hyphenator uncached;  // no folder at all
    EXPECT_EQ(hyphenated(uncached, "hyphenation", "en"), "hy-phen-ation");
    fs::remove_all(blocker.parent_path());
}

