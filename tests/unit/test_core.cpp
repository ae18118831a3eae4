#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "core/diagnostic.hpp"
#include "core/geometry.hpp"
#include "core/result.hpp"
#include "core/sha256.hpp"
#include "core/source_file.hpp"
#include "core/utf8.hpp"

using namespace folio::core;

TEST(Diagnostic, FormatsLikeACompiler) {
    Diagnostic d{Severity::error, "x", "unknown element <foo>", {"a/b.xml", 12, 7}};
    EXPECT_EQ(format(d), "a/b.xml:12:7: error: unknown element <foo>");
    d.severity = Severity::warning;
    EXPECT_EQ(format(d), "a/b.xml:12:7: warning: unknown element <foo>");
    d.location = {"a/b.xml", 0, 0};
    EXPECT_EQ(format(d), "a/b.xml: warning: unknown element <foo>");
}

TEST(Diagnostics, CountsErrorsNotWarnings) {
    Diagnostics ds;
    ds.warning("w", "careful", {});
    EXPECT_FALSE(ds.has_errors());
    ds.error("e", "broken", {});
    EXPECT_TRUE(ds.has_errors());
    EXPECT_EQ(ds.error_count(), 1u);
    EXPECT_EQ(ds.all().size(), 2u);
}

TEST(SourceFile, LineAndColumnCountCharactersNotBytes) {
    SourceFile f("t.xml", "ab\n\xC5\x91x\nz");  // line 2 starts with ő (2 bytes)
    EXPECT_EQ(f.location(0).line, 1u);
    EXPECT_EQ(f.location(1).column, 2u);
    const auto loc = f.location(5);  // 'x' after ő
    EXPECT_EQ(loc.line, 2u);
    EXPECT_EQ(loc.column, 2u);
    EXPECT_EQ(f.location(7).line, 3u);
}

TEST(SourceFile, ReadingAMissingFileIsAnError) {
    auto r = SourceFile::read("/nonexistent/x.xml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().location.file, "/nonexistent/x.xml");
}

TEST(Utf8, RoundTripsHungarianAndQuotes) {
    const std::string s = "árvíztűrő “quoted” – —";
    const auto d = decode_utf8(s);
    ASSERT_FALSE(d.invalid_at);
    EXPECT_EQ(d.text[0], U'á');
    EXPECT_EQ(to_utf8(d.text), s);
}

TEST(Utf8, RejectsInvalidSequencesWithTheirOffset) {
    EXPECT_EQ(decode_utf8("ab\xC3").invalid_at, 2u);          // truncated
    EXPECT_EQ(decode_utf8("a\xC0\xAF").invalid_at, 1u);       // overlong
    EXPECT_EQ(decode_utf8("\xED\xA0\x80").invalid_at, 0u);    // surrogate
    EXPECT_EQ(decode_utf8("x\xFF").invalid_at, 1u);
}

TEST(Utf8, FindInvalidAgreesWithDecodeAndAppendKeepsWhatWasThere) {
    for (const std::string s : {"plain ascii", "árvíztűrő “q”", "ab\xC3", "a\xC0\xAF", "\xED\xA0\x80", "x\xFF",
                                "ok \xF0\x9F\x98\x80 then \xE2\x82", ""}) {
        const auto decoded = decode_utf8(s);
        EXPECT_EQ(find_invalid_utf8(s), decoded.invalid_at) << s;
        std::u32string out = U"pre:";
        EXPECT_EQ(append_decoded_utf8(out, s), decoded.invalid_at) << s;
        EXPECT_EQ(out, U"pre:" + decoded.text) << s;
    }
}

// issue 23: the eight-bytes-at-a-time scans agree with a byte-by-byte reading on text that mixes
// ASCII, 2-, 3- and 4-byte characters, controls and DEL at every alignment.
TEST(Utf8, WordAtATimeScansAgreeWithBytewiseOnes) {
    const std::string pieces[] = {"a", " ", "\n", "\t", "\x7f", "\x01", "é", "ő", "—", "€", "😀", "xyzxyzxy"};
    std::uint32_t seed = 23;
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        const int n = round % 40;
        for (int k = 0; k < n; ++k) {
            seed = seed * 1103515245 + 12345;
            s += pieces[(seed >> 16) % std::size(pieces)];
        }
        std::size_t chars = 0;
        for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        ASSERT_EQ(folio::core::count_characters(s), chars) << s;
        for (std::size_t from = 0; from <= s.size(); ++from) {
            std::size_t end = from;
            while (end < s.size() && static_cast<unsigned char>(s[end]) < 0x80) ++end;
            ASSERT_EQ(folio::core::ascii_end(s, from), end) << s << " from " << from;
        }
        std::optional<std::size_t> first;  // the first forbidden character, decoded one by one
        for (std::size_t i = 0; i < s.size() && !first; ++i) {
            const auto d = folio::core::decode_utf8(s.substr(i, 1));
            if (!d.invalid_at && !folio::core::forbidden_character(d.text[0]).empty()) first = i;
        }
        char32_t cp = 0;
        ASSERT_EQ(folio::core::find_forbidden_character(s, 0, cp), first) << s;
    }
}

TEST(SourceFile, ReadsAWholeFileWithItsLines) {
    const std::string path = ::testing::TempDir() + "folio-source-file.txt";
    std::string text;
    for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + " \xC5\x91\n";
    { std::ofstream(path, std::ios::binary) << text; }
    const auto f = SourceFile::read(path);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->text(), text);
    const auto at = text.find("line 12345 ");
    EXPECT_EQ(f->location(at).line, 12346u);
    EXPECT_EQ(f->location(at + 11).column, 12u);  // after "line 12345 " comes the ő
    std::remove(path.c_str());
}

TEST(Length, ConvertsUnitsToPoints) {
    EXPECT_DOUBLE_EQ(Length::in(1).points(), 72.0);
    EXPECT_NEAR(Length::mm(25.4).points(), 72.0, 1e-9);
    EXPECT_DOUBLE_EQ(Length::px(96).points(), 72.0);
    EXPECT_DOUBLE_EQ(Length::em(1.5, 10).points(), 15.0);
}

TEST(Result, HoldsAValueOrAnError) {
    Result<int> ok = 3;
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, 3);
    Result<int> bad = unexpected({Severity::error, "c", "m", {}});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, "m");
}

TEST(Sha256, MatchesTheStandardTestVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_FALSE(sha256_file("/nonexistent/file"));
}
