// pipeline::Outputs: safe writes (docs/output-files.md) on a real folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>

#include "pipeline/outputs.hpp"

namespace fs = std::filesystem;
using folio::pipeline::Outputs;

namespace {

class OutputsTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("folio-outputs-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    /// Every name in the folder, hidden ones too.
    std::set<std::string> names() const {
        std::set<std::string> out;
        for (const auto& e : fs::directory_iterator(m_dir)) out.insert(e.path().filename().string());
        return out;
    }
    static std::string read(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), {});
    }
    void plant(const std::string& name, const std::string& text) const { std::ofstream(m_dir / name) << text; }

    fs::path m_dir;
};

TEST_F(OutputsTest, FilesAppearOnlyAtTheCommitAllTogether) {
    plant("doc.pdf", "old pdf");
    {
        Outputs out;
        ASSERT_TRUE(out.open(m_dir.string(), "doc").has_value());
        ASSERT_TRUE(out.write("doc.pdf", "new pdf").has_value());
        ASSERT_TRUE(out.write("doc.html", "new html").has_value());
        EXPECT_EQ(read(m_dir / "doc.pdf"), "old pdf");  // not yet
        EXPECT_FALSE(fs::exists(m_dir / "doc.html"));
        EXPECT_EQ(names().size(), 4u);  // doc.pdf, the lock and two temporaries
        EXPECT_TRUE(names().contains(".doc.lock"));
        auto written = out.commit();
        ASSERT_TRUE(written.has_value());
        EXPECT_EQ(*written, (std::vector<std::string>{(m_dir / "doc.pdf").string(), (m_dir / "doc.html").string()}));
    }
    EXPECT_EQ(read(m_dir / "doc.pdf"), "new pdf");
    EXPECT_EQ(read(m_dir / "doc.html"), "new html");
    EXPECT_EQ(names(), (std::set<std::string>{"doc.pdf", "doc.html"}));  // no temporary, no lock
}

TEST_F(OutputsTest, WithoutACommitNothingChangesAndNothingIsLeft) {
    plant("doc.pdf", "old pdf");
    {
        Outputs out;
        ASSERT_TRUE(out.open(m_dir.string(), "doc").has_value());
        ASSERT_TRUE(out.write("doc.pdf", "new pdf").has_value());
        auto html = out.stage("doc.html");
        ASSERT_TRUE(html.has_value());
        ASSERT_TRUE((*html)->write("half").has_value());  // a run that fails here
    }
    EXPECT_EQ(read(m_dir / "doc.pdf"), "old pdf");
    EXPECT_EQ(names(), (std::set<std::string>{"doc.pdf"}));
}

TEST_F(OutputsTest, StaleTemporariesGoAndPlantedSymlinksAreNeverFollowed) {
    plant("victim", "keep me");
    fs::create_symlink(m_dir / "victim", m_dir / ".doc.pdf.abcdef.tmp");  // folio's pattern
    plant(".doc.pdf.XyZ123.tmp", "left by a killed run");
    fs::create_symlink(m_dir / "victim", m_dir / "doc.pdf.tmp");  // the old fixed name
    plant(".doc.pdf.abc.tmp", "not the pattern");
    {
        Outputs out;
        ASSERT_TRUE(out.open(m_dir.string(), "doc").has_value());
        ASSERT_TRUE(out.write("doc.pdf", "new").has_value());
        ASSERT_TRUE(out.commit().has_value());
    }
    EXPECT_EQ(read(m_dir / "victim"), "keep me");
    EXPECT_EQ(read(m_dir / "doc.pdf"), "new");
    EXPECT_EQ(names(), (std::set<std::string>{"victim", "doc.pdf", "doc.pdf.tmp", ".doc.pdf.abc.tmp"}));
    EXPECT_TRUE(fs::is_symlink(m_dir / "doc.pdf.tmp"));
}

TEST_F(OutputsTest, ASymlinkAtTheLockIsRefusedWithTheSystemsReason) {
    plant("victim", "keep me");
    fs::create_symlink(m_dir / "victim", m_dir / ".doc.lock");
    Outputs out;
    auto opened = out.open(m_dir.string(), "doc");
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, "io.write");
    EXPECT_EQ(opened.error().location.file, m_dir.string());
    EXPECT_NE(opened.error().message.find("Too many levels of symbolic links"), std::string::npos)
        << opened.error().message;
    EXPECT_EQ(read(m_dir / "victim"), "keep me");
}

TEST_F(OutputsTest, AFolderThatCannotBeMadeSaysWhy) {
    plant("file", "x");
    Outputs out;
    auto opened = out.open((m_dir / "file" / "out").string(), "doc");
    ASSERT_FALSE(opened.has_value());
    EXPECT_NE(opened.error().message.find("Not a directory"), std::string::npos) << opened.error().message;
}

TEST_F(OutputsTest, TwoRunsOfOneStemTakeTurns) {
    auto first = std::make_unique<Outputs>();
    ASSERT_TRUE(first->open(m_dir.string(), "doc").has_value());
    std::atomic<bool> second_in{false};
    std::thread second([&] {
        Outputs out;
        ASSERT_TRUE(out.open(m_dir.string(), "doc").has_value());  // waits for the first
        second_in = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_FALSE(second_in.load());
    // Another stem in the same folder does not wait.
    Outputs other;
    EXPECT_TRUE(other.open(m_dir.string(), "other").has_value());
    first.reset();  // gives the lock back (and removes its file: the second locks anew)
    second.join();
    EXPECT_TRUE(second_in.load());
}

TEST_F(OutputsTest, WriteFileReplacesOneFileSafely) {
    plant("report.json", "old");
    ASSERT_TRUE(folio::pipeline::write_file((m_dir / "report.json").string(), "new").has_value());
    EXPECT_EQ(read(m_dir / "report.json"), "new");
    EXPECT_EQ(names(), (std::set<std::string>{"report.json"}));
}

}  // namespace
