// Unit tests of the PDF writer: a PagedDocument built by hand with the Lato faces of Debian's
// fonts-lato, written to a temporary folder and checked with real readers (poppler's pdftotext,
// pdffonts and pdfinfo, qpdf, MuPDF, Ghostscript). A reader that prints anything on stderr fails
// the test: poppler's warnings are how an invalid ToUnicode map shows.

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "image/image.hpp"
#include "layout/paged_document.hpp"
#include "pdf/hpdf_adapter.hpp"
#include "pdf/write_pdf.hpp"

namespace {

namespace fs = std::filesystem;
using folio::core::Color;
using folio::core::Rect;
using folio::core::Size;
using folio::layout::Anchor;
using folio::layout::FilledRect;
using folio::layout::GlyphRun;
using folio::layout::ImageBox;
using folio::layout::LinkArea;
using folio::layout::OutlineEntry;
using folio::layout::Page;
using folio::layout::PagedDocument;
using folio::pdf::PdfOptions;
using folio::pdf::write_pdf;

constexpr Size a4{595.276, 841.89};
const std::string lato_dir = "/usr/share/fonts/truetype/lato/";
constexpr folio::doc::NodeId chapter_two = 42;

const std::string hungarian = "árvíztűrő tükörfúrógép";
const std::string punctuation = "“Idézet” – és — ez’";

/// A face as FontSet would hand it over; the writer needs only the path.
folio::text::Face face(const std::string& file, int weight, bool italic = false) {
    folio::text::Face f;
    f.path = lato_dir + file;
    f.family = "Lato";
    f.weight = weight;
    f.italic = italic;
    return f;
}

/// Regular (0), Bold (1) and an Italic (2) no run uses, which must not be embedded.
std::vector<folio::text::Face> lato() {
    return {face("Lato-Regular.ttf", 400), face("Lato-Bold.ttf", 700),
            face("Lato-Italic.ttf", 400, true)};
}

std::u32string u32(const std::string& utf8) {
    std::u32string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        const int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        for (int k = 1; k < len; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

/// A glyph run in `font` at `size`, its baseline starting at (x, y).
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): reads like the layout dump
GlyphRun run(folio::text::FontId font, double size, double x, double y, const std::string& text,
             Color color = Color::rgb(0, 0, 0)) {
    GlyphRun r;
    r.font = font;
    r.size = size;
    r.color = color;
    r.origin = {x, y};
    r.text = u32(text);
    return r;
}

/// Two A4 pages exercising every item kind, plus a two-level outline.
PagedDocument sample() {
    PagedDocument d;
    Page one;
    one.size = a4;
    one.items.emplace_back(FilledRect{Rect{60, 40, 475.276, 30}, Color::rgb(0.85, 0.9, 1.0), 1});
    one.items.emplace_back(run(1, 18, 72, 62, "Első fejezet", Color::rgb(0.1, 0.2, 0.6)));
    one.items.emplace_back(run(0, 12, 72, 100, hungarian));
    one.items.emplace_back(run(0, 12, 72, 120, punctuation));
    GlyphRun justified = run(0, 12, 72, 140, "alpha beta");
    justified.word_spacing = 6;
    one.items.emplace_back(justified);
    one.items.emplace_back(run(0, 12, 72, 160, "gamma delta"));
    one.items.emplace_back(run(0, 12, 72, 180, "Donau\u00ADdampf"));
    one.items.emplace_back(run(1, 12, 72, 200, "CMYK piros", Color::cmyk(0, 1, 1, 0)));
    GlyphRun tracked = run(0, 12, 72, 220, "ritkított");
    tracked.letter_spacing = 1;
    one.items.emplace_back(tracked);
    one.items.emplace_back(run(0, 12, 72, 240, "Külső hivatkozás"));
    one.items.emplace_back(
        LinkArea{Rect{72, 228, 100, 15}, "https://example.org/árvíz tűrő", folio::doc::no_node, 3});
    one.items.emplace_back(run(0, 12, 72, 260, "Ugrás a második fejezetre"));
    one.items.emplace_back(LinkArea{Rect{72, 248, 150, 15}, "", chapter_two, 4});
    one.items.emplace_back(ImageBox{Rect{72, 280, 200, 100}, "images/tiny.png", 5});
    Page two;
    two.size = a4;
    two.items.emplace_back(Anchor{{72, 300}, chapter_two});
    two.items.emplace_back(run(1, 18, 72, 318, "Második fejezet"));
    d.pages = {one, two};
    d.outline = {OutlineEntry{"Első fejezet – árvíztűrő", 1, 0, 40, 1},
                 OutlineEntry{"Alfejezet “idézet”", 2, 0, 90, 2},
                 OutlineEntry{"Második fejezet", 1, 1, 300, chapter_two}};
    return d;
}

/// The image sample() places: 2 x 2 RGB pixels (red, green, blue, white), the white one
/// half transparent, as the image stage would decode it.
std::vector<folio::image::Image> images() {
    folio::image::Image img;
    img.path = "images/tiny.png";
    img.width = 2;
    img.height = 2;
    img.components = 3;
    img.pixels = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255};
    img.alpha = {255, 255, 255, 128};
    return {img};
}

folio::doc::Metadata metadata() {
    folio::doc::Metadata m;
    m.title = "Árvíztűrő tükörfúrógép";
    m.author = "Kovács Éva";
    m.organisation = "Példa Kft.";
    m.keywords = {"árvíz", "tükör", "PDF"};
    m.description = "Próbadokumentum";
    m.date = "2024-05-17";
    return m;
}

PdfOptions options() {
    PdfOptions o;
    o.creator = "folio test";
    return o;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// What a command printed and how it exited.
struct Output {
    int exit = -1;
    std::string out;
    std::string err;
};

bool have_tool(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

bool have_lato() {
    return fs::exists(lato_dir + "Lato-Regular.ttf") && fs::exists(lato_dir + "Lato-Bold.ttf");
}

/// A temporary folder per test, removed afterwards unless FOLIO_KEEP_TEST_FILES is set.
class PdfTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!have_lato()) GTEST_SKIP() << "fonts-lato is not installed";
        std::string templ = (fs::temp_directory_path() / "folio-test-pdf-XXXXXX").string();
        ASSERT_NE(mkdtemp(templ.data()), nullptr);
        m_dir = templ;
    }
    void TearDown() override {
        if (m_dir.empty()) return;
        if (std::getenv("FOLIO_KEEP_TEST_FILES") != nullptr) {
            std::cout << "kept " << m_dir << '\n';
        } else {
            fs::remove_all(m_dir);
        }
    }

    /// Writes the sample and returns its path.
    fs::path write_sample(const std::string& name = "sample.pdf") {
        auto bytes = write_pdf(sample(), metadata(), lato(), images(), options());
        EXPECT_TRUE(bytes.has_value()) << (bytes ? "" : bytes.error().message);
        fs::path p = m_dir / name;
        std::ofstream(p, std::ios::binary) << (bytes ? *bytes : std::string());
        return p;
    }

    /// Runs `cmd` through the shell, capturing stdout and stderr.
    Output sh(const std::string& cmd) {
        const fs::path out = m_dir / "cmd.out";
        const fs::path err = m_dir / "cmd.err";
        const int status =
            std::system((cmd + " >'" + out.string() + "' 2>'" + err.string() + "'").c_str());
        return Output{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
    }

    /// Runs a reader on `pdf`; the tool must exist, succeed and print nothing on stderr.
    Output reader(const std::string& tool, const std::string& args, const fs::path& pdf,
                  const std::string& after = "") {
        if (!have_tool(tool)) {
            ADD_FAILURE() << tool << " is not installed";
            return {};
        }
        Output o = sh(tool + " " + args + " '" + pdf.string() + "' " + after);
        EXPECT_EQ(o.exit, 0) << tool << ": " << o.err;
        // Debian's mutool is built without lcms2 and says so on every run; that is not about us.
        const std::string no_icc = "warning: ICC support is not available\n";
        std::string err = o.err;
        if (err.starts_with(no_icc)) err.erase(0, no_icc.size());
        EXPECT_EQ(err, "") << tool << " printed warnings";
        return o;
    }

    /// The uncompressed QDF form of `pdf`, for grepping objects.
    std::string qdf(const fs::path& pdf) {
        const fs::path q = m_dir / "qdf.pdf";
        reader("qpdf", "--qdf --object-streams=disable", pdf, "'" + q.string() + "'");
        return read_file(q);
    }

    fs::path m_dir;
};

TEST_F(PdfTest, TextExtractsExactlyWithoutWarnings) {
    const fs::path pdf = write_sample();
    const Output text = reader("pdftotext", "-enc UTF-8", pdf, "-");
    EXPECT_NE(text.out.find("Első fejezet"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find(hungarian), std::string::npos) << text.out;
    EXPECT_NE(text.out.find(punctuation), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("CMYK piros"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Második fejezet"), std::string::npos) << text.out;
    // MuPDF reads the ToUnicode map too.
    const Output mu = reader("mutool", "draw -F txt -o -", pdf);
    EXPECT_NE(mu.out.find(hungarian), std::string::npos) << mu.out;
    EXPECT_NE(mu.out.find(punctuation), std::string::npos) << mu.out;
}

TEST_F(PdfTest, SoftHyphenIsNeverDrawn) {
    const Output text = reader("pdftotext", "-enc UTF-8", write_sample(), "-");
    EXPECT_NE(text.out.find("Donaudampf"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find("Donau-"), std::string::npos) << text.out;
}

TEST_F(PdfTest, OnlyUsedFontsAreEmbeddedAsUnicodeSubsets) {
    const Output fonts = reader("pdffonts", "", write_sample());
    std::istringstream lines(fonts.out);
    std::string line;
    int lato_fonts = 0;
    while (std::getline(lines, line)) {
        if (line.find("Lato") == std::string::npos) continue;
        ++lato_fonts;
        std::istringstream words(line);
        std::vector<std::string> w{std::istream_iterator<std::string>(words), {}};
        ASSERT_GE(w.size(), 8U) << line;
        // ... emb sub uni object ID
        EXPECT_EQ(w[w.size() - 5], "yes") << "emb: " << line;
        EXPECT_EQ(w[w.size() - 4], "yes") << "sub: " << line;
        EXPECT_EQ(w[w.size() - 3], "yes") << "uni: " << line;
        EXPECT_NE(line.find("CID TrueType"), std::string::npos) << line;
        EXPECT_NE(line.find("Identity-H"), std::string::npos) << line;
    }
    EXPECT_EQ(lato_fonts, 2) << fonts.out;
    EXPECT_EQ(fonts.out.find("Italic"), std::string::npos) << fonts.out;
}

TEST_F(PdfTest, PassesQpdfCheckAndGhostscript) {
    const fs::path pdf = write_sample();
    const Output check = reader("qpdf", "--check", pdf);
    EXPECT_NE(check.out.find("No syntax or stream encoding errors"), std::string::npos)
        << check.out;
    reader("gs", "-q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage", pdf);
}

TEST_F(PdfTest, InfoHasTitleAuthorKeywordsAndExactPageSize) {
    const Output info = reader("pdfinfo", "", write_sample());
    EXPECT_NE(info.out.find("Title:           Árvíztűrő tükörfúrógép\n"), std::string::npos)
        << info.out;
    EXPECT_NE(info.out.find("Author:          Kovács Éva\n"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Subject:         Próbadokumentum\n"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Keywords:        árvíz, tükör, PDF\n"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Creator:         folio test\n"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Pages:           2\n"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos)
        << info.out;
    EXPECT_EQ(info.out.find("CreationDate"), std::string::npos) << info.out;
}

TEST_F(PdfTest, AuthorFallsBackToOrganisation) {
    folio::doc::Metadata m = metadata();
    m.author.clear();
    auto bytes = write_pdf(sample(), m, lato(), images(), options());
    ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
    const fs::path p = m_dir / "org.pdf";
    std::ofstream(p, std::ios::binary) << *bytes;
    const Output info = reader("pdfinfo", "", p);
    EXPECT_NE(info.out.find("Author:          Példa Kft.\n"), std::string::npos) << info.out;
}

/// The objects of a QDF file: object number -> body (std::regex would overflow the stack on the
/// whole file, so this goes line by line).
std::map<int, std::string> qdf_objects(const std::string& q) {
    std::map<int, std::string> objects;
    std::istringstream lines(q);
    std::string line;
    int current = -1;
    while (std::getline(lines, line)) {
        if (current < 0) {
            if (line.size() > 6 && line.ends_with(" 0 obj") &&
                line.find_first_not_of("0123456789") == line.size() - 6) {
                current = std::stoi(line);
            }
        } else if (line == "endobj") {
            current = -1;
        } else {
            objects[current] += line + '\n';
        }
    }
    return objects;
}

/// The embedded programs are folio's subsets (font_programs.cpp), read back from each /FontFile2's
/// TrueType table directory: only the tables a CIDFontType2 program needs, cut to the glyphs
/// drawn. libharu's own subsets copied cmap, name, hmtx and loca whole: about 40 KB for a Lato
/// face before any glyph, 3,026 glyph slots; the sample draws a few dozen glyphs.
TEST_F(PdfTest, EmbeddedFontProgramsKeepOnlyWhatACidFontNeeds) {
    const std::map<int, std::string> objects = qdf_objects(qdf(write_sample()));
    const auto u16 = [](const std::string& s, std::size_t at) {
        return static_cast<unsigned>(static_cast<unsigned char>(s[at]) << 8 | static_cast<unsigned char>(s[at + 1]));
    };
    const auto u32 = [&](const std::string& s, std::size_t at) { return u16(s, at) << 16 | u16(s, at + 2); };
    const std::vector<std::string> kept{"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                        "hmtx", "loca", "maxp", "name", "post", "prep"};
    int programs = 0;
    for (const auto& [number, body] : objects) {
        if (body.find("/Length1 ") == std::string::npos) continue;
        ++programs;
        const std::size_t start = body.find("stream\n");
        ASSERT_NE(start, std::string::npos) << number;
        const std::string font = body.substr(start + 7);
        ASSERT_GT(font.size(), 12u);
        EXPECT_EQ(u32(font, 0), 0x00010000u) << "not a TrueType program";
        const unsigned tables = u16(font, 4);
        ASSERT_GE(font.size(), 12 + 16u * tables);
        std::vector<std::string> tags;
        for (unsigned i = 0; i < tables; ++i) {
            const std::string tag = font.substr(12 + 16 * i, 4);
            tags.push_back(tag);
            EXPECT_NE(std::find(kept.begin(), kept.end(), tag), kept.end()) << "table " << tag;
        }
        EXPECT_NE(std::find(tags.begin(), tags.end(), "glyf"), tags.end());
        const std::size_t length1 = std::stoul(body.substr(body.find("/Length1 ") + 9));
        EXPECT_LT(length1, 20000u) << "object " << number << " is hardly a subset";
        EXPECT_GE(font.size(), length1) << "object " << number << " is shorter than its /Length1";
    }
    EXPECT_EQ(programs, 2) << "one program per face drawn with";
}

TEST_F(PdfTest, LinksArePercentEncodedUrisAndDestinationsOnPageTwo) {
    const std::string q = qdf(write_sample());
    EXPECT_NE(q.find("/URI (https://example.org/%C3%A1rv%C3%ADz%20t%C5%B1r%C5%91)"),
              std::string::npos);
    // The object number QDF gave page 2.
    const std::size_t marker = q.find("%% Page 2\n%% Original object ID: ");
    ASSERT_NE(marker, std::string::npos);
    const std::size_t line = q.find('\n', q.find('\n', marker) + 1) + 1;
    const std::string two = q.substr(line, q.find(' ', line) - line);
    // An internal link to (0, 841.89 - 300) on page 2, at the viewer's zoom (null).
    const std::regex to_page_two(R"(^\[\s*)" + two +
                                 R"( 0 R\s*/XYZ\s*0\s*541\.89\d*\s*null\s*\]\s*$)");
    const std::regex dest_ref(R"(/Dest (\d+) 0 R)");
    const auto objects = qdf_objects(q);
    int links = 0;
    int internal_links_to_two = 0;
    for (const auto& [number, body] : objects) {
        if (body.find("/Subtype /Link") == std::string::npos) continue;
        ++links;
        EXPECT_TRUE(std::regex_search(body, std::regex(R"(/Border \[\s*0\s*0\s*0\s*\])"))) << body;
        std::smatch ref;
        if (!std::regex_search(body, ref, dest_ref)) continue;
        const auto dest = objects.find(std::stoi(ref[1]));
        ASSERT_NE(dest, objects.end());
        if (std::regex_search(dest->second, to_page_two)) ++internal_links_to_two;
    }
    EXPECT_EQ(links, 2);
    EXPECT_EQ(internal_links_to_two, 1);
}

TEST_F(PdfTest, OutlineIsNestedAndOpen) {
    const fs::path pdf = write_sample();
    const Output outline = reader("mutool", "show", pdf, "outline");
    // mutool prints one line per bookmark, indented by a tab per level, with "#page=N".
    // "-" marks an open entry with children, "|" one without; a tab per level; y from the top.
    EXPECT_NE(outline.out.find("-\t\"Első fejezet – árvíztűrő\"\t#page=1&zoom=nan,0,40\n"),
              std::string::npos)
        << outline.out;
    EXPECT_NE(outline.out.find("|\t\t\"Alfejezet “idézet”\"\t#page=1&zoom=nan,0,90\n"),
              std::string::npos)
        << outline.out;
    EXPECT_NE(outline.out.find("|\t\"Második fejezet\"\t#page=2&zoom=nan,0,300\n"),
              std::string::npos)
        << outline.out;
    const std::string q = qdf(pdf);
    EXPECT_NE(q.find("/PageMode /UseOutlines"), std::string::npos);
}

TEST_F(PdfTest, SameInputGivesSameBytes) {
    auto first = write_pdf(sample(), metadata(), lato(), images(), options());
    auto second = write_pdf(sample(), metadata(), lato(), images(), options());
    ASSERT_TRUE(first.has_value() && second.has_value());
    EXPECT_EQ(*first, *second);
}

/// write_pdf_file into a new file at `path`, named so in errors.
folio::core::Result<folio::core::Ok> write_pdf_to(const std::string& path, const folio::layout::PagedDocument& pages,
                                                  const folio::doc::Metadata& meta,
                                                  const std::vector<folio::text::Face>& faces,
                                                  const std::vector<folio::image::Image>& images,
                                                  const folio::pdf::PdfOptions& options,
                                                  folio::pdf::Preparation* prepared = nullptr) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    auto written = write_pdf_file(pages, meta, faces, images, options, fd, path, prepared);
    if (fd >= 0) ::close(fd);
    return written;
}

TEST_F(PdfTest, WrittenToAFileTheBytesAreTheSameAsInMemory) {
    // write_pdf_file streams the file as libharu saves it and fills in the /ID at the end.
    auto bytes = write_pdf(sample(), metadata(), lato(), images(), options());
    ASSERT_TRUE(bytes.has_value());
    const auto dir = std::filesystem::temp_directory_path() / ("folio-pdf-file-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "out.pdf").string();
    auto written = write_pdf_to(path, sample(), metadata(), lato(), images(), options());
    ASSERT_TRUE(written.has_value()) << written.error().message;
    std::ifstream in(path, std::ios::binary);
    const std::string file((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(file, *bytes);
    EXPECT_EQ(file.find(std::string(32, '0')), std::string::npos);  // the placeholder is gone
    // A full disk is an error that names the file and gives the system's reason.
    const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    ASSERT_GE(full, 0);
    auto refused = write_pdf_file(sample(), metadata(), lato(), images(), options(), full, "out/doc.pdf");
    ::close(full);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, "io.write");
    EXPECT_EQ(refused.error().location.file, "out/doc.pdf");
    EXPECT_NE(refused.error().message.find("No space left on device"), std::string::npos) << refused.error().message;
    std::filesystem::remove_all(dir);
}

TEST_F(PdfTest, ADocumentBegunOnAnotherThreadGivesTheSameBytes) {
    // The pipeline begins the PDF (reads the faces' files) beside layout and writes it on its own
    // thread: each libharu document has its own memory, whichever thread allocates.
    const auto dir = std::filesystem::temp_directory_path() / ("folio-pdf-begun-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string plain = (dir / "plain.pdf").string(), begun = (dir / "begun.pdf").string();
    ASSERT_TRUE(write_pdf_to(plain, sample(), metadata(), lato(), images(), options()).has_value());
    std::vector<std::string> paths;
    for (const auto& f : lato()) paths.push_back(f.path);
    std::optional<folio::core::Result<folio::pdf::Preparation>> prepared;
    std::thread([&] { prepared.emplace(folio::pdf::prepare(paths)); }).join();
    ASSERT_TRUE(prepared && *prepared) << (prepared && !*prepared ? prepared->error().message : "");
    // meanwhile this thread makes and frees another document of its own
    ASSERT_TRUE(write_pdf(sample(), metadata(), lato(), images(), options()).has_value());
    auto written = write_pdf_to(begun, sample(), metadata(), lato(), images(), options(), &**prepared);
    ASSERT_TRUE(written.has_value()) << written.error().message;
    auto read = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), {});
    };
    EXPECT_EQ(read(begun), read(plain));
    // A face file that is gone fails the preparation, naming it.
    const auto bad = folio::pdf::prepare({(dir / "gone.ttf").string()});
    ASSERT_FALSE(bad.has_value());
    EXPECT_NE(bad.error().message.find("gone.ttf"), std::string::npos);
    std::filesystem::remove_all(dir);
}

/// The word boxes pdftotext -bbox reports, keyed by word.
std::map<std::string, std::pair<double, double>> word_boxes(const std::string& html) {
    std::map<std::string, std::pair<double, double>> boxes;
    const std::regex word(
        R"re(<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>)re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), word);
         it != std::sregex_iterator(); ++it) {
        boxes[(*it)[3]] = {std::stod((*it)[1]), std::stod((*it)[2])};
    }
    return boxes;
}

TEST_F(PdfTest, WordSpacingWidensTheGapExactly) {
    const Output bbox = reader("pdftotext", "-bbox -enc UTF-8", write_sample(), "-");
    auto boxes = word_boxes(bbox.out);
    ASSERT_TRUE(boxes.count("alpha") && boxes.count("beta") && boxes.count("gamma") &&
                boxes.count("delta"))
        << bbox.out;
    const double justified_gap = boxes["beta"].first - boxes["alpha"].second;
    const double natural_gap = boxes["delta"].first - boxes["gamma"].second;
    EXPECT_NEAR(justified_gap - natural_gap, 6.0, 0.05);
    // The natural gap is the space's advance as FontSet measures it.
    auto regular = folio::text::load_face(lato_dir + "Lato-Regular.ttf");
    ASSERT_TRUE(regular.has_value());
    EXPECT_NEAR(natural_gap, regular->advances[U' '] * 12 / 1000.0, 0.02);
}

TEST_F(PdfTest, ConsecutiveRunsShareFontAndColourOperators) {
    PagedDocument d;
    Page p;
    p.size = a4;
    for (int i = 0; i < 5; ++i)
        p.items.emplace_back(run(0, 10, 72, 100 + 12 * i, "sor " + std::to_string(i)));
    p.items.emplace_back(run(0, 10, 72, 200, "piros", Color::rgb(1, 0, 0)));
    p.items.emplace_back(run(1, 10, 72, 212, "vastag", Color::rgb(1, 0, 0)));
    d.pages = {p};
    auto bytes = write_pdf(d, metadata(), lato(), images(), options());
    ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
    const fs::path pdf = m_dir / "runs.pdf";
    std::ofstream(pdf, std::ios::binary) << *bytes;
    const std::string q = qdf(pdf);
    const auto count = [&](const std::string& pattern) {
        const std::regex re(pattern);
        return std::distance(std::sregex_iterator(q.begin(), q.end(), re), std::sregex_iterator());
    };
    EXPECT_EQ(count(R"(\bTf\n)"), 2);  // Regular, then Bold
    EXPECT_EQ(count(R"(\brg\n)"), 2);  // black, then red
    EXPECT_EQ(count(R"(\bBT\n)"), 1);
    EXPECT_EQ(count(R"(\bTJ\n)"), 7);
}

TEST_F(PdfTest, ImagesAndRectanglesDrawWithoutFailing) {
    const std::string q = qdf(write_sample());
    EXPECT_NE(q.find("/Subtype /Image"), std::string::npos);
    EXPECT_NE(q.find("/SMask"), std::string::npos);
    EXPECT_NE(q.find(" Do\n"), std::string::npos);
    EXPECT_NE(q.find(" re\nf\n"), std::string::npos);
    EXPECT_NE(q.find("0 1 1 0 k"), std::string::npos);
    // Letter spacing is Tc, set for the tracked run and reset for the next one.
    EXPECT_NE(q.find("1 Tc\n"), std::string::npos);
    EXPECT_NE(q.find("0 Tc\n"), std::string::npos);
}

/// Dark pixels of a page rendered in grey by pdftoppm: glyphs that are written but missing from
/// the embedded subset still extract as text, yet render as nothing.
TEST_F(PdfTest, GlyphsAreInTheEmbeddedSubset) {
    const fs::path pdf = write_sample();
    reader("pdftoppm", "-r 36 -gray -f 2 -l 2", pdf, "'" + (m_dir / "ink").string() + "'");
    const std::string pgm = read_file(m_dir / "ink-2.pgm");
    std::istringstream header(pgm);
    std::string magic;
    int width = 0;
    int height = 0;
    int max = 0;
    header >> magic >> width >> height >> max;
    ASSERT_EQ(magic, "P5");
    const std::size_t pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    ASSERT_GE(pgm.size(), pixels);
    const std::string_view data(pgm.data() + pgm.size() - pixels, pixels);
    const auto dark = std::count_if(data.begin(), data.end(),
                                    [](char c) { return static_cast<unsigned char>(c) < 128; });
    EXPECT_GT(dark, 40) << "page 2 (\"Második fejezet\" in bold) rendered almost blank";
}

TEST_F(PdfTest, AdapterAddsPrintBoxes) {
    auto doc = folio::pdf::hpdf::Document::create();
    ASSERT_TRUE(doc.has_value());
    auto page = doc->check_handle(HPDF_AddPage(doc->get()), "adding a page");
    ASSERT_TRUE(page.has_value());
    ASSERT_TRUE(folio::pdf::hpdf::set_page_box(*doc, *page, "TrimBox", 10, 20, 585, 821));
    auto bytes = doc->save();
    ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
    const fs::path pdf = m_dir / "boxes.pdf";
    std::ofstream(pdf, std::ios::binary) << *bytes;
    const Output info = reader("pdfinfo", "-box", pdf);
    EXPECT_NE(info.out.find("TrimBox:            10.00    20.00   585.00   821.00"), std::string::npos)
        << info.out;
}

TEST_F(PdfTest, AdapterResetsStickyErrorsAfterReporting) {
    auto doc = folio::pdf::hpdf::Document::create();
    ASSERT_TRUE(doc.has_value());
    auto page = doc->check_handle(HPDF_AddPage(doc->get()), "adding a page");
    ASSERT_TRUE(page.has_value());
    HPDF_Destination dest = HPDF_Page_CreateDestination(*page);
    // libharu rejects zoom 0 and, until the error is reset, refuses to save anything.
    auto failed = doc->check(HPDF_Destination_SetXYZ(dest, 0, 0, 0), "setting a zoom of 0");
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().code, "pdf.write");
    EXPECT_NE(failed.error().message.find("libharu error 0x1039 INVALID_PARAMETER"), std::string::npos)
        << failed.error().message;
    EXPECT_NE(failed.error().message.find("while setting a zoom of 0"), std::string::npos);
    auto bytes = doc->save();
    ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
    EXPECT_TRUE(bytes->starts_with("%PDF-"));
}

TEST(PdfErrors, InvalidFacePathIsAnErrorNotACrash) {
    if (!have_lato()) GTEST_SKIP() << "fonts-lato is not installed";
    std::vector<folio::text::Face> faces = lato();
    faces[1].path = "/nonexistent/NoSuchFont.ttf";
    auto bytes = write_pdf(sample(), metadata(), faces, images(), options());
    ASSERT_FALSE(bytes.has_value());
    EXPECT_EQ(bytes.error().code, "pdf.write");
    EXPECT_NE(bytes.error().message.find("0x1017"), std::string::npos) << bytes.error().message;
    EXPECT_NE(bytes.error().message.find("/nonexistent/NoSuchFont.ttf"), std::string::npos)
        << bytes.error().message;
}

TEST(PdfErrors, NonFontFileIsAnErrorNotACrash) {
    std::vector<folio::text::Face> faces(1);
    faces[0].path = std::string(FOLIO_SOURCE_DIR) + "/CMakeLists.txt";
    PagedDocument d;
    Page p;
    p.size = a4;
    p.items.emplace_back(run(0, 10, 72, 100, "x"));
    d.pages = {p};
    auto bytes = write_pdf(d, {}, faces, {}, options());
    ASSERT_FALSE(bytes.has_value());
    EXPECT_EQ(bytes.error().code, "pdf.write");
}

TEST(PdfErrors, UnknownFontIdIsAnError) {
    PagedDocument d = sample();
    std::get<GlyphRun>(d.pages[0].items[1]).font = 7;
    auto bytes = write_pdf(d, metadata(), lato(), images(), options());
    ASSERT_FALSE(bytes.has_value());
    EXPECT_NE(bytes.error().message.find("font 7"), std::string::npos) << bytes.error().message;
}

TEST(PdfErrors, PageTooSmallForLibharuIsAnError) {
    PagedDocument d;
    Page p;
    p.size = Size{1, 1};  // libharu's minimum is 3 pt
    d.pages = {p};
    auto bytes = write_pdf(d, {}, {}, {}, options());
    ASSERT_FALSE(bytes.has_value());
    EXPECT_NE(bytes.error().message.find("page 1"), std::string::npos) << bytes.error().message;
    EXPECT_NE(bytes.error().message.find("0x"), std::string::npos) << bytes.error().message;
}

/// A thousand dense pages come out whole and valid (speed is measured by bench/, not here).
TEST_F(PdfTest, ThousandDensePagesAreWrittenWhole) {
    PagedDocument d;
    const std::string line =
        "Árvíztűrő tükörfúrógép – “idézet” és még egy kis szöveg, hogy sűrű legyen a sor.";
    Page p;
    p.size = a4;
    for (int i = 0; i < 60; ++i) {
        GlyphRun r = run(i % 7 == 0 ? 1 : 0, 10, 56, 60 + 12.5 * i, line);
        r.word_spacing = 0.25 * (i % 5);
        p.items.emplace_back(r);
    }
    d.pages.assign(1000, p);
    auto bytes = write_pdf(d, metadata(), lato(), images(), options());
    ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
    const fs::path pdf = m_dir / "big.pdf";
    std::ofstream(pdf, std::ios::binary) << *bytes;
    reader("qpdf", "--check", pdf);
    EXPECT_NE(reader("pdfinfo", "", pdf).out.find("Pages:           1000"), std::string::npos);
}

}  // namespace

/// Regression: libharu 2.3.0 follows composite glyphs one level only, so Caladea's "ő" (an "o"
/// plus an accent that is itself a composite) printed without its accent.
TEST_F(PdfTest, AccentsOfNestedCompositeGlyphsAreEmbedded) {
    folio::text::Face caladea;
    caladea.path = "/usr/share/fonts/truetype/crosextra/Caladea-Regular.ttf";
    caladea.family = "Caladea";
    auto render = [&](const std::string& text, const std::string& name) {
        PagedDocument d;
        Page p;
        p.size = {200, 200};
        p.items.emplace_back(run(0, 72, 40, 150, text));
        d.pages.push_back(p);
        auto bytes = write_pdf(d, metadata(), {caladea}, {}, options());
        EXPECT_TRUE(bytes.has_value()) << (bytes ? "" : bytes.error().message);
        const fs::path pdf = m_dir / (name + ".pdf");
        std::ofstream(pdf, std::ios::binary) << (bytes ? *bytes : std::string());
        reader("pdftoppm", "-r 72 -gray", pdf, "'" + (m_dir / name).string() + "'");
        const std::string pgm = read_file(m_dir / (name + "-1.pgm"));
        std::istringstream header(pgm);
        std::string magic;
        int width = 0, height = 0, max = 0;
        header >> magic >> width >> height >> max;
        const std::size_t pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
        const std::string_view data(pgm.data() + pgm.size() - pixels, pixels);
        return std::count_if(data.begin(), data.end(), [](char c) { return static_cast<unsigned char>(c) < 128; });
    };
    const auto plain = render("ouae", "plain");
    const auto accented = render("őűáé", "accented");
    EXPECT_GT(plain, 200);
    EXPECT_GT(accented, plain + plain / 10) << "the accents did not print";
}
