// Unit tests of the print-ready and archival parts of the PDF writer: colour conversion, dates,
// the XMP packet, the page frame, the content-derived /ID, images and the colour policy as they
// show in the written bytes; and content streams built outside libharu: the same bytes as
// libharu's operators, and the same bytes on any number of threads. The readers' view of whole
// documents is in tests/e2e/pdf_*.sh.

#include <gtest/gtest.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <utility>
#include <string>
#include <thread>
#include <vector>

#include "image/image.hpp"
#include "layout/paged_document.hpp"
#include "pdf/archival.hpp"
#include "pdf/colour.hpp"
#include "pdf/draw_page.hpp"
#include "pdf/hpdf_adapter.hpp"
#include "pdf/marks.hpp"
#include "pdf/page_contents.hpp"
#include "pdf/text_codes.hpp"
#include "pdf/write_pdf.hpp"

namespace {

using folio::core::Color;
using folio::core::Rect;
using namespace folio::pdf;

/// One A4 page with a bleed, a full-bleed RGB rectangle, a CMYK one and an RGB text run; an image
/// when `with_image`.
folio::layout::PagedDocument page_doc(bool with_image) {
    folio::layout::PagedDocument d;
    folio::layout::Page p;
    p.size = {595.276, 841.89};
    p.bleed = 8.504;
    p.items.emplace_back(folio::layout::FilledRect{Rect{-8.504, -8.504, 612.284, 100}, Color::rgb(0.2, 0.4, 0.6), 1});
    p.items.emplace_back(folio::layout::FilledRect{Rect{72, 200, 100, 20}, Color::cmyk(0, 1, 1, 0), 2});
    if (with_image) p.items.emplace_back(folio::layout::ImageBox{Rect{72, 300, 100, 100}, "a.png", 3});
    d.pages.push_back(p);
    return d;
}

std::vector<folio::image::Image> one_image(bool alpha) {
    folio::image::Image img;
    img.path = "a.png";
    img.width = 1;
    img.height = 1;
    img.components = 3;
    img.pixels = {255, 0, 0};
    if (alpha) img.alpha = {100};
    return {img};
}

folio::doc::Metadata meta(const std::string& title) {
    folio::doc::Metadata m;
    m.title = title;
    m.author = "A & B <C>";
    return m;
}

std::string build(const folio::layout::PagedDocument& d, const PdfOptions& o,
                  const std::vector<folio::image::Image>& images = {},
                  const std::string& title = "T") {
    auto bytes = write_pdf(d, meta(title), {}, images, o);
    EXPECT_TRUE(bytes.has_value()) << (bytes ? "" : bytes.error().message);
    return bytes ? *bytes : std::string();
}

TEST(Colour, GreyBecomesPureBlackInk) {
    const Color c = rgb_to_cmyk(Color::rgb(0.25, 0.25, 0.25));
    EXPECT_EQ(c.space, Color::Space::cmyk);
    EXPECT_DOUBLE_EQ(c.c[0], 0);
    EXPECT_DOUBLE_EQ(c.c[1], 0);
    EXPECT_DOUBLE_EQ(c.c[2], 0);
    EXPECT_DOUBLE_EQ(c.c[3], 0.75);
    EXPECT_EQ(rgb_to_cmyk(Color::rgb(0, 0, 0)), Color::cmyk(0, 0, 0, 1));
}

TEST(Colour, RoundTripsThroughTheNaiveFormulas) {
    const Color rgb = Color::rgb(0.2, 0.4, 0.6);
    const Color back = cmyk_to_rgb(rgb_to_cmyk(rgb));
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(back.c[i], rgb.c[i], 1e-12);
    EXPECT_EQ(rgb_to_cmyk_samples({255, 0, 0}), (std::vector<std::uint8_t>{0, 255, 255, 0}));
    EXPECT_EQ(cmyk_to_rgb_samples({0, 255, 255, 0}), (std::vector<std::uint8_t>{255, 0, 0}));
    EXPECT_EQ(apply(ColourPolicy::as_given, rgb), rgb);
}

TEST(Archival, DatesComeFromTheEpochInUtc) {
    auto t = civil_time(1700000000);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(xmp_date(*t), "2023-11-14T22:13:20+00:00");
    EXPECT_EQ(date_to_epoch("2024-05-17"), 1715904000);
    EXPECT_FALSE(date_to_epoch("2024-13-01").has_value());
    EXPECT_FALSE(date_to_epoch("17.05.2024").has_value());
    EXPECT_FALSE(civil_time(-1).has_value());
}

TEST(Archival, XmpIsEscapedAndNamesPdfA2b) {
    InfoValues v;
    v.title = "Fish & <Chips> \"q\"\x01";
    v.producer = "p";
    const std::string x = build_xmp(v, std::nullopt);
    EXPECT_NE(x.find("Fish &amp; &lt;Chips&gt; &quot;q&quot;</rdf:li>"), std::string::npos) << x;
    EXPECT_NE(x.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);
    EXPECT_NE(x.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos);
    EXPECT_EQ(x.find("CreateDate"), std::string::npos);
    EXPECT_EQ(x.find("dc:creator"), std::string::npos);
}

TEST(Marks, FrameAddsBleedAndSlug) {
    folio::layout::Page p;
    p.size = {100, 200};
    p.bleed = 5;
    const PageFrame f = frame_of(p, true);
    EXPECT_DOUBLE_EQ(f.media_width(), 100 + 2 * (5 + marks_room));
    EXPECT_DOUBLE_EQ(f.x(0), 5 + marks_room);
    EXPECT_DOUBLE_EQ(f.y(200), 5 + marks_room);
    EXPECT_DOUBLE_EQ(frame_of(p, false).media_height(), 210);
}

TEST(PdfPrint, IdIsDerivedFromTheContent) {
    const std::string a = build(page_doc(false), {});
    const std::string b = build(page_doc(false), {});
    const std::string c = build(page_doc(false), {}, {}, "Other");
    EXPECT_EQ(a, b);
    const auto id = [](const std::string& s) { return s.substr(s.find("/ID ["), 75); };
    EXPECT_NE(id(a), id(c));
    EXPECT_EQ(id(a).find("00000000000000000000000000000000"), std::string::npos) << id(a);
}

TEST(PdfPrint, NoDatesWithoutAnEpoch) {
    EXPECT_EQ(build(page_doc(false), {}).find("CreationDate"), std::string::npos);
    PdfOptions o;
    o.date_epoch = 1715904000;
    EXPECT_NE(build(page_doc(false), o).find("/CreationDate (D:20240517000000+00'00')"),
              std::string::npos);
}

TEST(PdfPrint, SoftMaskRaisesTheVersionTo14) {
    EXPECT_TRUE(build(page_doc(true), {}, one_image(false)).starts_with("%PDF-1.3\n"));
    EXPECT_TRUE(build(page_doc(true), {}, one_image(true)).starts_with("%PDF-1.4\n"));
}

TEST(PdfPrint, UnknownImageIsAnError) {
    auto bytes = write_pdf(page_doc(true), meta("T"), {}, {}, {});
    ASSERT_FALSE(bytes.has_value());
    EXPECT_NE(bytes.error().message.find("a.png"), std::string::npos) << bytes.error().message;
}

TEST(PdfPrint, PdfaWithoutProfileIsAnError) {
    PdfOptions o;
    o.pdfa = true;
    auto bytes = write_pdf(page_doc(false), meta("T"), {}, {}, o);
    ASSERT_FALSE(bytes.has_value());
    EXPECT_NE(bytes.error().message.find("ICC"), std::string::npos);
}

TEST(PdfPrint, NoUriActionOutsideTheAllowedSchemes) {
    // The reader drops such links (issue 16); the writer checks again, whatever layout hands it.
    using folio::layout::LinkArea;
    auto d = page_doc(false);
    auto& items = d.pages[0].items;
    items.emplace_back(LinkArea{Rect{72, 400, 100, 15}, "javascript:alert(1)", folio::doc::no_node, 4});
    items.emplace_back(LinkArea{Rect{72, 420, 100, 15}, " DATA:text/html,x", folio::doc::no_node, 5});
    items.emplace_back(LinkArea{Rect{72, 440, 100, 15}, "https://ok.example/", folio::doc::no_node, 6});
    auto bytes = write_pdf(d, meta("T"), {}, {}, {});
    ASSERT_TRUE(bytes.has_value());
    EXPECT_NE(bytes->find("/URI (https:"), std::string::npos);
    EXPECT_EQ(bytes->find("javascript"), std::string::npos);
    EXPECT_EQ(bytes->find("DATA"), std::string::npos);
}

/// What libharu wrote into a page's content stream so far.
std::string libharu_stream(HPDF_Page page) {
    HPDF_Stream s = static_cast<HPDF_PageAttr>(page->attr)->stream;
    std::string bytes(HPDF_Stream_Size(s), '\0');
    HPDF_UINT size = static_cast<HPDF_UINT>(bytes.size());
    HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET);
    HPDF_Stream_Read(s, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    bytes.resize(size);
    return bytes;
}

TEST(PdfContents, RealsAreInLibharusFormat) {
    const auto real = [](double v) {
        std::string s;
        hpdf::append_real(s, v);
        return s;
    };
    EXPECT_EQ(real(0.25), "0.25");
    EXPECT_EQ(real(8.503937), "8.50394");
    EXPECT_EQ(real(1), "1");
    EXPECT_EQ(real(-3.5), "-3.5");
    EXPECT_EQ(real(40000), "32767");  // libharu clamps
}

/// append_number as it was written first: std::to_chars, 3 decimals, no trailing zeros, no -0.
std::string number_by_to_chars(double v) {
    v = std::clamp(v, -32767.0, 32767.0);
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
    std::string s(buf, end);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

TEST(PdfContents, NumbersAreRoundedLikeToChars) {
    std::vector<double> values = {0, -0.0, 1, -1, 0.5, 0.0625, -0.0625, 0.0005, -0.0004, -0.0006,
                                  56.693, 768.66, -138.853, 2.0005, 1e-9, 32767, -40000, 12.3455,
                                  0.1 + 0.2, 999.9995, -999.9995};
    std::uint64_t x = 88172645463325252ULL;  // xorshift: many magnitudes and fractions
    for (int i = 0; i < 200000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const double unit = static_cast<double>(x >> 11) / 9007199254740992.0;  // [0, 1)
        values.push_back((unit - 0.5) * (i % 3 == 0 ? 70000 : i % 3 == 1 ? 2000 : 2));
        values.push_back(std::round(values.back() * 2000) / 2000);  // exact halves of 0.001
    }
    for (double v : values) {
        std::string ours;
        append_number(ours, v);
        ASSERT_EQ(ours, number_by_to_chars(v)) << "for " << v;
    }
}

TEST(PdfContents, PaintedPageIsWhatLibharusOperatorsWrite) {
    folio::layout::Page page = page_doc(true).pages.front();
    const PageFrame frame = frame_of(page, true);
    PageResources names;
    names.images = {{"a.png", "X1"}};
    std::string ours;
    paint_page(page, frame, names, PaintSettings{ColourPolicy::as_given, true}, ours);

    // The same drawing through libharu's API, as the writer did before it painted pages itself.
    HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
    ASSERT_NE(pdf, nullptr);
    HPDF_Page p = HPDF_AddPage(pdf);
    const std::vector<std::uint8_t> pixel = {255, 0, 0};
    HPDF_Image image = HPDF_LoadRawImageFromMem(pdf, pixel.data(), 1, 1, HPDF_CS_DEVICE_RGB, 8);
    const auto r = [](double v) { return static_cast<HPDF_REAL>(v); };
    const double o = frame.offset();
    const double h = page.size.height;
    HPDF_Page_GSave(p);
    HPDF_Page_Concat(p, 1, 0, 0, 1, r(o), r(o));
    HPDF_Page_Rectangle(p, r(-frame.bleed), r(-frame.bleed), r(frame.trim_width + 2 * frame.bleed),
                        r(frame.trim_height + 2 * frame.bleed));
    HPDF_Page_Clip(p);
    HPDF_Page_EndPath(p);
    HPDF_Page_SetRGBFill(p, r(0.2), r(0.4), r(0.6));
    HPDF_Page_Rectangle(p, r(-8.504), r(h - 91.496), r(612.284), r(100));
    HPDF_Page_Fill(p);
    HPDF_Page_SetCMYKFill(p, 0, 1, 1, 0);
    HPDF_Page_Rectangle(p, 72, r(h - 220), 100, 20);
    HPDF_Page_Fill(p);
    HPDF_Page_DrawImage(p, image, 72, r(h - 400), 100, 100);
    HPDF_Page_GRestore(p);
    // The marks: crop lines, then four registration circles with their crosses.
    const double left = o, bottom = o, right = o + frame.trim_width, top = o + frame.trim_height;
    const double near = frame.bleed + 3, far = near + 15, reg = frame.bleed + 12;
    HPDF_Page_GSave(p);
    HPDF_Page_SetCMYKStroke(p, 1, 1, 1, 1);
    HPDF_Page_SetLineWidth(p, r(marks_line));
    const auto segment = [&](double x0, double y0, double x1, double y1) {
        HPDF_Page_MoveTo(p, r(x0), r(y0));
        HPDF_Page_LineTo(p, r(x1), r(y1));
    };
    for (double y : {bottom, top}) {
        segment(left - far, y, left - near, y);
        segment(right + near, y, right + far, y);
    }
    for (double x : {left, right}) {
        segment(x, bottom - far, x, bottom - near);
        segment(x, top + near, x, top + far);
    }
    HPDF_Page_Stroke(p);
    const double mx = (left + right) / 2, my = (bottom + top) / 2;
    for (auto [cx, cy] : {std::pair{mx, top + reg}, std::pair{mx, bottom - reg},
                          std::pair{left - reg, my}, std::pair{right + reg, my}}) {
        HPDF_Page_Circle(p, r(cx), r(cy), 4);
        segment(cx - 7, cy, cx + 7, cy);
        segment(cx, cy - 7, cx, cy + 7);
    }
    HPDF_Page_Stroke(p);
    HPDF_Page_GRestore(p);
    ASSERT_EQ(HPDF_GetError(pdf), HPDF_OK);
    EXPECT_EQ(ours, libharu_stream(p));
    HPDF_Free(pdf);
}

/// `n` pages of glyph runs in two fonts, with kerning, word spacing and a soft hyphen.
folio::layout::PagedDocument text_pages(int n) {
    folio::layout::PagedDocument d;
    for (int i = 0; i < n; ++i) {
        folio::layout::Page p;
        p.size = {595.276, 841.89};
        for (int line = 0; line < 40; ++line) {
            folio::layout::GlyphRun run;
            run.font = static_cast<folio::text::FontId>((i + line) % 2);
            run.size = 10 + line % 3;
            run.origin = {56.7, 60.0 + 18 * line};
            run.text = U"Page " + std::u32string(1, U'0' + static_cast<char32_t>(i % 10)) +
                       U" AV\u00ADT\u00f3 line \u2019" +
                       std::u32string(1, U'a' + static_cast<char32_t>(line % 26));
            run.kern.assign(run.text.size(), 0);
            run.kern[6] = -64;
            run.word_spacing = 0.25 * (line % 4);
            p.items.emplace_back(run);
        }
        d.pages.push_back(p);
    }
    return d;
}

TEST(PdfContents, ThreadsDoNotChangeTheBytes) {
    const folio::layout::PagedDocument d = text_pages(37);
    std::vector<PageFrame> frames;
    for (const auto& p : d.pages) frames.push_back(frame_of(p, false));
    std::vector<PageResources> names(d.pages.size());
    for (auto& n : names) n.fonts = {"F1", "F2"};
    const PaintSettings settings{ColourPolicy::as_given, false};
    auto serial = ContentBuilder(d, frames, names, settings, 1).finish();
    auto parallel = ContentBuilder(d, frames, names, settings, 4).finish();
    ASSERT_TRUE(serial.has_value() && parallel.has_value());
    ASSERT_EQ(serial->size(), d.pages.size());
    EXPECT_EQ(*serial, *parallel);

    // Each stream inflates to the page painted on its own.
    for (std::size_t i = 0; i < d.pages.size(); ++i) {
        std::string painted;
        paint_page(d.pages[i], frames[i], names[i], settings, painted);
        std::string inflated(painted.size() + 16, '\0');
        uLongf size = static_cast<uLongf>(inflated.size());
        const std::string& z = (*serial)[i];
        ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(inflated.data()), &size,
                             reinterpret_cast<const Bytef*>(z.data()), static_cast<uLong>(z.size())),
                  Z_OK);
        inflated.resize(size);
        ASSERT_EQ(inflated, painted) << "page " << i + 1;
    }
}

TEST(PdfContents, GlyphUseIsWhatRunsDraw) {
    const GlyphUse used = glyph_use(text_pages(3), 2);
    for (std::size_t f = 0; f < 2; ++f) {
        // Both fonts draw the letters, the right quote and ó, but never the soft hyphen.
        const std::vector<char32_t> cps = used.code_points(f);
        EXPECT_TRUE(std::find(cps.begin(), cps.end(), U'\u2019') != cps.end());
        EXPECT_TRUE(std::find(cps.begin(), cps.end(), U'\u00f3') != cps.end());
        EXPECT_TRUE(std::find(cps.begin(), cps.end(), U'\u00AD') == cps.end());
        EXPECT_TRUE(std::is_sorted(cps.begin(), cps.end()));
    }
    GlyphUse merged(2);
    merged.merge(used);
    EXPECT_EQ(merged.code_points(1), used.code_points(1));
    EXPECT_TRUE(GlyphUse(2).code_points(0).empty());
}

TEST(PdfContents, GlyphRunsBecomeKernedTjArrays) {
    folio::layout::Page p;
    p.size = {595.276, 841.89};
    folio::layout::GlyphRun run;
    run.size = 10;
    run.origin = {72, 100};
    run.text = U"AV A";
    run.kern = {-64, 0, 0, 0};
    run.word_spacing = 1;
    p.items.emplace_back(run);
    PageResources names;
    names.fonts = {"F1"};
    std::string out;
    paint_page(p, frame_of(p, false), names, {}, out);
    // two-byte codes (CID = code point) in literal strings: A, then V and space, then A
    using namespace std::string_literals;  // (the codes hold NUL bytes)
    const std::string expected = "BT\n0 0 0 rg\n/F1 10 Tf\n1 0 0 1 72 741.89 Tm\n[(\0A) 64 (\0V\0 ) -100 (\0A)] TJ\nET\nQ\n"s;
    EXPECT_NE(out.find(expected), std::string::npos) << out;
    folio::layout::PagedDocument d;
    d.pages = {p};
    EXPECT_EQ(glyph_use(d, 1).code_points(0), (std::vector<char32_t>{U' ', U'A', U'V'}));
}

TEST(PdfFonts, WidthsAndCidMapCoverOnlyTheDrawnCodePoints) {
    const std::string path = "/usr/share/fonts/truetype/lato/Lato-Regular.ttf";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "fonts-lato is not installed";
    auto doc = hpdf::Document::create();
    ASSERT_TRUE(doc.has_value());
    ASSERT_EQ(HPDF_SetCompressionMode(doc->get(), HPDF_COMP_ALL), HPDF_OK);
    ASSERT_EQ(HPDF_UseUTFEncodings(doc->get()), HPDF_OK);
    const std::vector<char32_t> cps = {U' ', U'A', U'V', U'\u0151', U'\u2019'};
    auto font = hpdf::load_font(*doc, path, cps);
    ASSERT_TRUE(font.has_value()) << font.error().message;
    auto* attr = static_cast<HPDF_FontAttr>((*font)->attr);
    HPDF_Dict cid_font = attr->descendant_font;

    // /W: [first [w w ...] first [w ...] ...], only for drawn code points, with the font's widths.
    auto* w = static_cast<HPDF_Array>(HPDF_Dict_GetItem(cid_font, "W", HPDF_OCLASS_ARRAY));
    auto* dw = static_cast<HPDF_Number>(HPDF_Dict_GetItem(cid_font, "DW", HPDF_OCLASS_NUMBER));
    ASSERT_TRUE(w != nullptr && dw != nullptr);
    std::map<char32_t, int> widths;
    for (HPDF_UINT i = 0; i + 1 < w->list->count; i += 2) {
        auto* first = static_cast<HPDF_Number>(HPDF_Array_GetItem(w, i, HPDF_OCLASS_NUMBER));
        auto* run = static_cast<HPDF_Array>(HPDF_Array_GetItem(w, i + 1, HPDF_OCLASS_ARRAY));
        ASSERT_TRUE(first != nullptr && run != nullptr);
        for (HPDF_UINT j = 0; j < run->list->count; ++j) {
            auto* width = static_cast<HPDF_Number>(HPDF_Array_GetItem(run, j, HPDF_OCLASS_NUMBER));
            widths[static_cast<char32_t>(first->value) + j] = width->value;
        }
    }
    for (const auto& [cid, width] : widths)
        EXPECT_NE(std::find(cps.begin(), cps.end(), cid), cps.end()) << "undrawn CID " << static_cast<unsigned>(cid);
    for (char32_t cp : cps) {
        const int expected = HPDF_Font_GetUnicodeWidth(*font, static_cast<HPDF_UNICODE>(cp));
        EXPECT_GT(expected, 0);
        if (expected == dw->value) {
            EXPECT_EQ(widths.count(cp), 0u);
        } else {
            EXPECT_EQ(widths[cp], expected) << "width of U+" << std::hex << static_cast<unsigned>(cp);
        }
    }

    // CIDToGIDMap: two bytes per CID, the font's glyph for what is drawn, else 0.
    HPDF_Stream map = attr->map_stream->stream;
    std::string bytes(HPDF_Stream_Size(map), '\0');
    ASSERT_EQ(bytes.size(), 2u * 0xFFFF);
    HPDF_UINT size = static_cast<HPDF_UINT>(bytes.size());
    HPDF_Stream_Seek(map, 0, HPDF_SEEK_SET);
    HPDF_Stream_Read(map, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    HPDF_ResetError(doc->get());
    for (char32_t cp : cps) {
        const auto gid = static_cast<HPDF_UINT16>(static_cast<unsigned char>(bytes[2 * cp]) << 8 |
                                                  static_cast<unsigned char>(bytes[2 * cp + 1]));
        EXPECT_NE(gid, 0);
        EXPECT_EQ(gid, HPDF_TTFontDef_GetGlyphid(attr->fontdef, static_cast<HPDF_UINT16>(cp)));
    }
    EXPECT_EQ(bytes[2 * 'Z'], 0);  // not drawn
    EXPECT_EQ(bytes[2 * 'Z' + 1], 0);
}

TEST(PdfPrint, DocumentsOnSeveralThreadsGiveTheSameBytes) {
    // Each thread's libharu documents live in that thread's arena.
    const std::string expected = build(page_doc(true), {}, one_image(true));
    std::vector<std::string> got(3);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < got.size(); ++t)
        threads.emplace_back([&, t] { got[t] = build(page_doc(true), {}, one_image(true)); });
    for (std::thread& t : threads) t.join();
    for (const std::string& g : got) EXPECT_EQ(g, expected);
}

/// The Unicode text of each code of a ToUnicode CMap in folio's form (bfrange lines with one
/// destination, bfchar lines); a code given twice is reported.
std::map<unsigned, std::u16string> read_to_unicode(const std::string& cmap, std::vector<unsigned>& twice) {
    std::map<unsigned, std::u16string> out;
    const auto hex = [](std::string_view h) {
        unsigned v = 0;
        std::from_chars(h.data(), h.data() + h.size(), v, 16);
        return v;
    };
    const auto utf16 = [&](std::string_view h) {
        std::u16string u;
        for (std::size_t i = 0; i + 4 <= h.size(); i += 4) u += static_cast<char16_t>(hex(h.substr(i, 4)));
        return u;
    };
    const auto put = [&](unsigned code, std::u16string text) {
        if (!out.emplace(code, std::move(text)).second) twice.push_back(code);
    };
    std::istringstream lines(cmap);
    std::string section;
    for (std::string line; std::getline(lines, line);) {
        if (line.ends_with("beginbfrange") || line.ends_with("beginbfchar")) section = line.substr(line.rfind(' ') + 1);
        if (line.starts_with("end")) section.clear();
        if (section.empty() || !line.starts_with("<")) continue;
        std::vector<std::string> fields;
        for (std::size_t at = line.find('<'); at != std::string::npos; at = line.find('<', at + 1))
            fields.push_back(line.substr(at + 1, line.find('>', at) - at - 1));
        if (section == "beginbfchar" && fields.size() == 2) put(hex(fields[0]), utf16(fields[1]));
        if (section == "beginbfrange" && fields.size() == 3) {
            for (unsigned c = hex(fields[0]), d = hex(fields[2]); c <= hex(fields[1]); ++c, ++d)
                put(c, std::u16string(1, static_cast<char16_t>(d)));
        }
    }
    return out;
}

TEST(PdfFonts, LigaturesMapToTheirLettersInTheToUnicodeMap) {
    // Layout draws ff, fi, fl, ffi and ffl as U+FB00..U+FB04 (text/typography.hpp); a reader
    // that follows the ToUnicode map (a screen reader, pdfinfo -struct-text) must get the
    // letters, not the presentation form. Every other code of the BMP maps to itself, once.
    std::vector<unsigned> twice;
    const auto map = read_to_unicode(hpdf::identity_to_unicode_cmap(), twice);
    EXPECT_TRUE(twice.empty()) << "code 0x" << std::hex << (twice.empty() ? 0 : twice.front()) << " mapped twice";
    EXPECT_EQ(map.at(0xFB00), u"ff");
    EXPECT_EQ(map.at(0xFB01), u"fi");
    EXPECT_EQ(map.at(0xFB02), u"fl");
    EXPECT_EQ(map.at(0xFB03), u"ffi");
    EXPECT_EQ(map.at(0xFB04), u"ffl");
    for (unsigned code : {0x20u, 0x41u, 0x151u, 0x2019u, 0xFAFFu, 0xFB05u, 0xFFFDu})
        EXPECT_EQ(map.at(code), std::u16string(1, static_cast<char16_t>(code))) << std::hex << code;
    EXPECT_EQ(map.count(0xD800), 0u);  // no surrogate is a code
}

TEST(PdfPrint, MoreThan32767PagesGetATwoLevelPageTree) {
    // libharu's one /Pages node holds at most 32,767 kids: page 32,768 was an error (issue 23's
    // 100,000 pages). Untagged, blank pages: the page tree alone.
    folio::layout::PagedDocument d;
    folio::layout::Page blank;
    blank.size = {200, 200};
    d.pages.assign(32770, blank);
    PdfOptions options;
    options.threads = 2;
    auto bytes = write_pdf(d, {}, {}, {}, options);
    ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
    EXPECT_NE(bytes->find("/Count 32770"), std::string::npos);  // the root counts every page
    EXPECT_NE(bytes->find("/Count 1024"), std::string::npos);   // in nodes of 1,024
    EXPECT_NE(bytes->find("/Count 2\012"), std::string::npos); // the last node's two
}

TEST(PdfPrint, ADocumentOutlivesAnotherOnTheSameThread) {
    // The thread's arena is released only with its last document.
    auto created = hpdf::Document::create();
    auto second = hpdf::Document::create();
    ASSERT_TRUE(created.has_value() && second.has_value());
    std::optional<hpdf::Document> first(std::move(*created));
    ASSERT_NE(HPDF_AddPage(first->get()), nullptr);
    ASSERT_NE(HPDF_AddPage(second->get()), nullptr);
    first.reset();
    for (int i = 0; i < 200; ++i) ASSERT_NE(HPDF_AddPage(second->get()), nullptr);
    auto bytes = second->save();
    ASSERT_TRUE(bytes.has_value());
    EXPECT_TRUE(bytes->starts_with("%PDF-1.3"));
    EXPECT_NE(bytes->find("/Count 201"), std::string::npos);
}

// The codes of a TJ string, a stretch at a time (issue 23): two bytes a drawn character, the
// string's delimiters, the backslash and end-of-line bytes escaped, undrawn characters (a soft
// hyphen, a control) skipped, '(' only before the first drawn one.
TEST(TextCodes, TwoEscapedBytesPerDrawnCharacter) {
    std::string out = "x";
    bool open = false;
    folio::pdf::append_codes(out, U"\u00AD", open);
    EXPECT_EQ(out, "x");
    EXPECT_FALSE(open);
    folio::pdf::append_codes(out, U"A(\u00AD)\\\u0A0D\u5C29\u0001", open);
    EXPECT_TRUE(open);
    EXPECT_EQ(out, std::string("x(" "\0A" "\0\\(" "\0\\)" "\0\\\\" "\\n" "\\r" "\\\\" "\\)", 21));
    folio::pdf::append_codes(out, U"B", open);
    EXPECT_EQ(out.substr(21), std::string("\0B", 2));
}

}  // namespace
