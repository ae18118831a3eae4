// Unit tests of the print-ready and archival parts of the PDF writer: colour conversion, dates,
// the XMP packet, the page frame, the content-derived /ID, images and the colour policy as they
// show in the written bytes. The readers' view of whole documents is in tests/e2e/pdf_*.sh.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "image/image.hpp"
#include "layout/paged_document.hpp"
#include "pdf/archival.hpp"
#include "pdf/colour.hpp"
#include "pdf/hpdf_adapter.hpp"
#include "pdf/marks.hpp"
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

}  // namespace
