// Unit tests of the image stage. Every test image is made here with libpng and libjpeg
// themselves (16-bit, interlaced, palette + tRNS, gray + alpha, CMYK with the Adobe marker), so
// the expected pixels are known exactly; damaged files are cut or garbled copies of them.

#include <gtest/gtest.h>
#include <png.h>

#include <cstdio>  // jpeglib.h needs FILE
#include <jpeglib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "image/image.hpp"

namespace {

namespace fs = std::filesystem;
using folio::image::Format;
using folio::image::load_image;
using Bytes = std::vector<std::uint8_t>;

/// How to write a test PNG.
struct PngSpec {
    int width = 4;
    int height = 3;
    int color_type = PNG_COLOR_TYPE_RGB;
    int bit_depth = 8;
    bool interlaced = false;
    std::vector<png_color> palette;
    Bytes trans;  ///< tRNS alpha per palette entry
};

void append(png_structp png, png_bytep data, png_size_t length) {
    auto* out = static_cast<std::string*>(png_get_io_ptr(png));
    out->append(reinterpret_cast<const char*>(data), length);
}

/// A PNG of `spec` whose rows are `rows` (already in the file's sample format).
std::string make_png(const PngSpec& spec, const std::vector<Bytes>& rows) {
    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, &out, append, nullptr);
    png_set_IHDR(png, info, static_cast<png_uint_32>(spec.width), static_cast<png_uint_32>(spec.height),
                 spec.bit_depth, spec.color_type,
                 spec.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (!spec.palette.empty()) {
        png_set_PLTE(png, info, spec.palette.data(), static_cast<int>(spec.palette.size()));
    }
    if (!spec.trans.empty()) {
        png_set_tRNS(png, info, spec.trans.data(), static_cast<int>(spec.trans.size()), nullptr);
    }
    png_write_info(png, info);
    std::vector<png_bytep> pointers;
    std::vector<Bytes> copy = rows;
    for (Bytes& r : copy) pointers.push_back(r.data());
    png_write_image(png, pointers.data());
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return out;
}

/// A JPEG (quality 95) of `components` samples per pixel: 1 gray, 3 RGB, 4 CMYK as given.
std::string make_jpeg(int width, int height, int components, const Bytes& pixels) {
    jpeg_compress_struct cinfo{};
    jpeg_error_mgr err{};
    cinfo.err = jpeg_std_error(&err);
    jpeg_create_compress(&cinfo);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&cinfo, &buffer, &size);
    cinfo.image_width = static_cast<JDIMENSION>(width);
    cinfo.image_height = static_cast<JDIMENSION>(height);
    cinfo.input_components = components;
    cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : components == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, 95, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    const auto stride = static_cast<std::size_t>(width * components);
    while (cinfo.next_scanline < cinfo.image_height) {
        auto* row = const_cast<JSAMPLE*>(pixels.data() + cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    std::string out(reinterpret_cast<const char*>(buffer), size);
    jpeg_destroy_compress(&cinfo);
    std::free(buffer);
    return out;
}

/// A temporary folder per test.
class ImageTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string templ = (fs::temp_directory_path() / "folio-test-image-XXXXXX").string();
        ASSERT_NE(mkdtemp(templ.data()), nullptr);
        m_dir = templ;
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string file(const std::string& name, const std::string& bytes) {
        const std::string p = (m_dir / name).string();
        std::ofstream(p, std::ios::binary) << bytes;
        return p;
    }

    /// Expects `bytes` (saved as `name`) to be refused with an error naming the file.
    void expect_refused(const std::string& name, const std::string& bytes) {
        const std::string p = file(name, bytes);
        auto img = load_image(p);
        ASSERT_FALSE(img.has_value()) << name << " was accepted";
        EXPECT_EQ(img.error().code, "image.decode");
        EXPECT_NE(img.error().message.find(p), std::string::npos) << img.error().message;
    }

    fs::path m_dir;
};

/// 4 x 3 RGBA rows: pixel (x, y) = (40x, 50y, 200, alpha 255 except (3, 2) = 0).
std::vector<Bytes> rgba_rows() {
    std::vector<Bytes> rows;
    for (int y = 0; y < 3; ++y) {
        Bytes r;
        for (int x = 0; x < 4; ++x) {
            r.insert(r.end(), {static_cast<std::uint8_t>(40 * x), static_cast<std::uint8_t>(50 * y),
                               200, static_cast<std::uint8_t>(x == 3 && y == 2 ? 0 : 255)});
        }
        rows.push_back(r);
    }
    return rows;
}

TEST_F(ImageTest, RgbaPngSplitsOutTheAlpha) {
    PngSpec spec;
    spec.color_type = PNG_COLOR_TYPE_RGBA;
    const std::string bytes = make_png(spec, rgba_rows());
    auto img = load_image(file("rgba.png", bytes));
    ASSERT_TRUE(img.has_value()) << img.error().message;
    EXPECT_EQ(img->format, Format::png);
    EXPECT_EQ(img->width, 4u);
    EXPECT_EQ(img->height, 3u);
    EXPECT_EQ(img->components, 3);
    ASSERT_EQ(img->pixels.size(), 36u);
    ASSERT_EQ(img->alpha.size(), 12u);
    // pixel (2, 1)
    EXPECT_EQ(img->pixels[(1 * 4 + 2) * 3 + 0], 80);
    EXPECT_EQ(img->pixels[(1 * 4 + 2) * 3 + 1], 50);
    EXPECT_EQ(img->pixels[(1 * 4 + 2) * 3 + 2], 200);
    EXPECT_EQ(img->alpha[11], 0);
    EXPECT_EQ(img->alpha[0], 255);
    EXPECT_EQ(img->file_bytes, bytes);
}

TEST_F(ImageTest, OpaqueAlphaIsDropped) {
    PngSpec spec;
    spec.color_type = PNG_COLOR_TYPE_RGBA;
    auto rows = rgba_rows();
    rows[2][15] = 255;
    auto img = load_image(file("opaque.png", make_png(spec, rows)));
    ASSERT_TRUE(img.has_value()) << img.error().message;
    EXPECT_TRUE(img->alpha.empty());
}

TEST_F(ImageTest, SixteenBitPngBecomesEightBit) {
    PngSpec spec;
    spec.bit_depth = 16;
    spec.width = 2;
    spec.height = 1;
    // (0x1234, 0xABCD, 0xFF00), (0, 0x8000, 0xFFFF), big-endian samples
    const std::vector<Bytes> rows = {{0x12, 0x34, 0xAB, 0xCD, 0xFF, 0x00, 0, 0, 0x80, 0, 0xFF, 0xFF}};
    auto img = load_image(file("deep.png", make_png(spec, rows)));
    ASSERT_TRUE(img.has_value()) << img.error().message;
    EXPECT_EQ(img->pixels, (Bytes{0x12, 0xAB, 0xFF, 0, 0x80, 0xFF}));
}

TEST_F(ImageTest, InterlacedPngDecodesToTheSamePixels) {
    PngSpec spec;
    spec.color_type = PNG_COLOR_TYPE_RGBA;
    auto plain = load_image(file("plain.png", make_png(spec, rgba_rows())));
    spec.interlaced = true;
    auto laced = load_image(file("laced.png", make_png(spec, rgba_rows())));
    ASSERT_TRUE(plain.has_value() && laced.has_value());
    EXPECT_EQ(plain->pixels, laced->pixels);
    EXPECT_EQ(plain->alpha, laced->alpha);
}

TEST_F(ImageTest, PaletteWithTransparencyExpandsToRgbAndAlpha) {
    PngSpec spec;
    spec.color_type = PNG_COLOR_TYPE_PALETTE;
    spec.bit_depth = 4;
    spec.width = 2;
    spec.height = 1;
    spec.palette = {{255, 0, 0}, {0, 0, 255}};
    spec.trans = {255, 64};
    auto img = load_image(file("pal.png", make_png(spec, {{0x01}})));  // indices 0, 1
    ASSERT_TRUE(img.has_value()) << img.error().message;
    EXPECT_EQ(img->components, 3);
    EXPECT_EQ(img->pixels, (Bytes{255, 0, 0, 0, 0, 255}));
    EXPECT_EQ(img->alpha, (Bytes{255, 64}));
}

TEST_F(ImageTest, GrayWithAlphaStaysGray) {
    PngSpec spec;
    spec.color_type = PNG_COLOR_TYPE_GRAY_ALPHA;
    spec.width = 2;
    spec.height = 1;
    auto img = load_image(file("ga.png", make_png(spec, {{10, 255, 200, 30}})));
    ASSERT_TRUE(img.has_value()) << img.error().message;
    EXPECT_EQ(img->components, 1);
    EXPECT_EQ(img->pixels, (Bytes{10, 200}));
    EXPECT_EQ(img->alpha, (Bytes{255, 30}));
}

TEST_F(ImageTest, OneBitGrayExpandsToEightBit) {
    PngSpec spec;
    spec.color_type = PNG_COLOR_TYPE_GRAY;
    spec.bit_depth = 1;
    spec.width = 3;
    spec.height = 1;
    auto img = load_image(file("bw.png", make_png(spec, {{0xA0}})));  // 1 0 1
    ASSERT_TRUE(img.has_value()) << img.error().message;
    EXPECT_EQ(img->pixels, (Bytes{255, 0, 255}));
}

TEST_F(ImageTest, DamagedPngsAreErrorsNamingTheFile) {
    PngSpec spec;
    spec.color_type = PNG_COLOR_TYPE_RGBA;
    const std::string good = make_png(spec, rgba_rows());
    expect_refused("truncated.png", good.substr(0, good.size() / 2));
    expect_refused("header-only.png", good.substr(0, 20));
    std::string crc = good;
    crc[30] = static_cast<char>(crc[30] ^ 0x55);  // inside IHDR: its CRC no longer matches
    expect_refused("crc.png", crc);
    std::string garbled = good;
    for (std::size_t i = 45; i < garbled.size() - 12; ++i) garbled[i] = static_cast<char>(i * 7);
    expect_refused("garbled.png", garbled);
}

TEST_F(ImageTest, GarbageEmptyAndMissingFilesAreErrors) {
    expect_refused("garbage.png", "this is not an image at all");
    expect_refused("empty.png", "");
    expect_refused("fake.jpg", std::string("\xFF\xD8\xFF", 3) + std::string(200, 'x'));
    auto missing = load_image((m_dir / "nope.png").string());
    ASSERT_FALSE(missing.has_value());
    EXPECT_NE(missing.error().message.find("nope.png"), std::string::npos);
}

/// `count` pixels (8 x 8 by default) of one colour, as `components` samples.
Bytes flat(int components, Bytes sample, int count = 64) {
    Bytes out;
    for (int i = 0; i < count; ++i) out.insert(out.end(), sample.begin(), sample.begin() + components);
    return out;
}

TEST_F(ImageTest, JpegGrayAndRgbKeepTheirBytes) {
    const std::string gray = make_jpeg(8, 8, 1, flat(1, {100}));
    auto g = load_image(file("g.jpg", gray));
    ASSERT_TRUE(g.has_value()) << g.error().message;
    EXPECT_EQ(g->format, Format::jpeg);
    EXPECT_EQ(g->components, 1);
    EXPECT_NEAR(g->pixels[0], 100, 2);
    EXPECT_EQ(g->file_bytes, gray);
    auto rgb = load_image(file("c.jpg", make_jpeg(8, 8, 3, flat(3, {200, 30, 60}))));
    ASSERT_TRUE(rgb.has_value()) << rgb.error().message;
    EXPECT_EQ(rgb->components, 3);
    EXPECT_NEAR(rgb->pixels[0], 200, 4);
    EXPECT_NEAR(rgb->pixels[1], 30, 4);
    EXPECT_NEAR(rgb->pixels[2], 60, 4);
    EXPECT_FALSE(rgb->adobe_inverted_cmyk);
}

TEST_F(ImageTest, AdobeCmykJpegIsUninverted) {
    // libjpeg writes an Adobe APP14 marker for CMYK; Adobe's convention stores 255 - ink.
    auto img = load_image(file("k.jpg", make_jpeg(8, 8, 4, flat(4, {255, 155, 55, 255}))));
    ASSERT_TRUE(img.has_value()) << img.error().message;
    EXPECT_EQ(img->components, 4);
    EXPECT_TRUE(img->adobe_inverted_cmyk);
    EXPECT_NEAR(img->pixels[0], 0, 3);    // cyan
    EXPECT_NEAR(img->pixels[1], 100, 3);  // magenta
    EXPECT_NEAR(img->pixels[2], 200, 3);  // yellow
    EXPECT_NEAR(img->pixels[3], 0, 3);    // black
}

TEST_F(ImageTest, DamagedJpegsAreErrorsNamingTheFile) {
    const std::string good = make_jpeg(16, 16, 3, flat(3, {10, 20, 30}, 256));
    expect_refused("truncated.jpg", good.substr(0, good.size() * 2 / 3));
    expect_refused("header.jpg", good.substr(0, 30));
    std::string garbled = good;
    for (std::size_t i = 200; i < garbled.size() - 2; ++i) garbled[i] = static_cast<char>(0xFF);
    expect_refused("garbled.jpg", garbled);
}

}  // namespace
