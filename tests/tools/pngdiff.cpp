// pngdiff: compares two PNG renderings of a page for the visual regression test.
//
//   pngdiff EXPECTED.png ACTUAL.png [MAX_FRACTION] [CHANNEL_TOLERANCE]
//
// A pixel differs when any channel differs by more than CHANNEL_TOLERANCE (default 48 of 255,
// which absorbs anti-aliasing noise). Prints the fraction of differing pixels; exits 0 when it is
// at most MAX_FRACTION (default 0.002), 1 when it is larger or the sizes differ, 2 when a file
// cannot be read.

#include <png.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Bitmap {
    png_uint_32 width = 0;
    png_uint_32 height = 0;
    std::vector<png_byte> rgba;
};

bool read_png(const char* path, Bitmap& out) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path)) return false;
    image.format = PNG_FORMAT_RGBA;
    out.width = image.width;
    out.height = image.height;
    out.rgba.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, out.rgba.data(), 0, nullptr)) return false;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: pngdiff EXPECTED.png ACTUAL.png [MAX_FRACTION] [CHANNEL_TOLERANCE]\n");
        return 2;
    }
    const double max_fraction = argc > 3 ? std::atof(argv[3]) : 0.002;
    const int tolerance = argc > 4 ? std::atoi(argv[4]) : 48;
    Bitmap a;
    Bitmap b;
    if (!read_png(argv[1], a) || !read_png(argv[2], b)) {
        std::fprintf(stderr, "pngdiff: cannot read %s or %s\n", argv[1], argv[2]);
        return 2;
    }
    if (a.width != b.width || a.height != b.height) {
        std::printf("size differs: %ux%u vs %ux%u\n", a.width, a.height, b.width, b.height);
        return 1;
    }
    std::size_t differing = 0;
    const std::size_t pixels = static_cast<std::size_t>(a.width) * a.height;
    for (std::size_t i = 0; i < pixels; ++i) {
        for (int c = 0; c < 4; ++c) {
            if (std::abs(int(a.rgba[4 * i + c]) - int(b.rgba[4 * i + c])) > tolerance) {
                ++differing;
                break;
            }
        }
    }
    const double fraction = pixels ? static_cast<double>(differing) / static_cast<double>(pixels) : 0.0;
    std::printf("%.5f of pixels differ (%zu of %zu)\n", fraction, differing, pixels);
    return fraction <= max_fraction ? 0 : 1;
}
