// PNG decoding with libpng 1.6's classic API, normalised to 8-bit Gray or RGB plus an optional
// separate alpha plane.
//
// Control flow:
//   1. create the read structs with our error handler (copies the message, then png_longjmp)
//      and a warning handler that ignores benign warnings (libharu made every warning fatal)
//   2. read_header (setjmp-protected): info chunk, then the transforms: 16 -> 8 bit, palette ->
//      RGB, gray 1/2/4 -> 8 bit, tRNS -> alpha, interlace handling; png_read_update_info
//   3. allocate the rows in C++ (outside any setjmp frame, so no destructor is ever skipped)
//   4. read_rows (setjmp-protected): png_read_image + png_read_end (so a truncated file fails)
//   5. split the alpha channel out; an alpha that is 255 everywhere is dropped
// Only plain C data lives in the setjmp-protected frames, as longjmp requires.

#include <png.h>

#include <csetjmp>
#include <cstring>
#include <vector>

#include "image/decode.hpp"

namespace folio::image::detail {
namespace {

/// What the callbacks share: the bytes to read and the first error message.
struct PngState {
    const unsigned char* data = nullptr;
    std::size_t size = 0;
    std::size_t pos = 0;
    char message[256] = {};
};

[[noreturn]] void on_error(png_structp png, png_const_charp message) {
    auto* state = static_cast<PngState*>(png_get_error_ptr(png));
    if (state->message[0] == '\0') std::strncpy(state->message, message, sizeof state->message - 1);
    png_longjmp(png, 1);
}

void on_warning(png_structp /*png*/, png_const_charp /*message*/) {
    // Benign (an sRGB/gAMA mismatch, a bad iCCP profile): the pixels are still right.
}

void read_bytes(png_structp png, png_bytep out, png_size_t length) {
    auto* state = static_cast<PngState*>(png_get_io_ptr(png));
    if (state->size - state->pos < length) png_error(png, "the file is truncated");
    std::memcpy(out, state->data + state->pos, length);
    state->pos += length;
}

/// Step 2. Returns false on a libpng error.
bool read_header(png_structp png, png_infop info) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_read_info(png, info);
    const int depth = png_get_bit_depth(png, info);
    const int type = png_get_color_type(png, info);
    if (depth == 16) png_set_strip_16(png);
    if (type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (type == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    return true;
}

/// Step 4. Returns false on a libpng error.
bool read_rows(png_structp png, png_infop info, png_bytepp rows) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_read_image(png, rows);
    png_read_end(png, info);
    return true;
}

/// Step 5: moves the last of `channels` samples of every pixel into out.alpha.
void split_alpha(const std::vector<std::uint8_t>& samples, int channels, Image& out) {
    const auto n = static_cast<std::size_t>(out.width) * out.height;
    const auto colour = static_cast<std::size_t>(channels - 1);
    out.components = static_cast<int>(colour);
    out.pixels.resize(n * colour);
    out.alpha.resize(n);
    bool opaque = true;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* px = &samples[i * static_cast<std::size_t>(channels)];
        std::memcpy(&out.pixels[i * colour], px, colour);
        out.alpha[i] = px[colour];
        opaque = opaque && px[colour] == 255;
    }
    if (opaque) out.alpha.clear();
}

}  // namespace

std::string decode_png(std::string_view bytes, Image& out) {
    // 0. The size the header declares, before libpng: its own refusal says only "Invalid IHDR".
    if (bytes.size() >= 24 && bytes.substr(12, 4) == "IHDR") {
        const auto be32 = [&](std::size_t at) {
            std::uint32_t v = 0;
            for (std::size_t i = at; i < at + 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[i]);
            return v;
        };
        const std::uint64_t width = be32(16), height = be32(20);
        if (width == 0 || height == 0) {
            return "the image declares " + std::to_string(width) + " x " + std::to_string(height) +
                   " pixels; an image needs at least one";
        }
        if (width > max_side || height > max_side) return too_large(width, height);
    }
    PngState state;
    state.data = reinterpret_cast<const unsigned char*>(bytes.data());
    state.size = bytes.size();
    // 1. The read structs.
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, on_error, on_warning);
    if (png == nullptr) return "libpng could not start (out of memory?)";
    png_infop info = png_create_info_struct(png);
    if (info == nullptr) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        return "libpng could not start (out of memory?)";
    }
    png_set_read_fn(png, &state, read_bytes);
    png_set_user_limits(png, max_side, max_side);

    std::string reason;
    // 2. Header and transforms.
    if (!read_header(png, info)) {
        reason = state.message;
    } else {
        out.width = png_get_image_width(png, info);
        out.height = png_get_image_height(png, info);
        const int channels = png_get_channels(png, info);
        const std::size_t rowbytes = png_get_rowbytes(png, info);
        if (static_cast<std::uint64_t>(out.width) * out.height > max_pixels) {
            png_destroy_read_struct(&png, &info, nullptr);
            return too_large(out.width, out.height);  // refused, not corrupt
        } else if (out.width == 0 || out.height == 0 || channels < 1 || channels > 4 ||
                   rowbytes != static_cast<std::size_t>(out.width) * channels) {
            reason = "unsupported PNG layout";
        } else {
            // 3. Rows, allocated here, outside the setjmp frames.
            std::vector<std::uint8_t> samples(rowbytes * out.height);
            std::vector<png_bytep> rows(out.height);
            for (std::size_t y = 0; y < out.height; ++y) rows[y] = &samples[y * rowbytes];
            // 4. Pixels.
            if (!read_rows(png, info, rows.data())) {
                reason = state.message;
            } else if (channels == 2 || channels == 4) {
                // 5. Alpha apart.
                split_alpha(samples, channels, out);
            } else {
                out.components = channels;
                out.pixels = std::move(samples);
            }
        }
    }
    png_destroy_read_struct(&png, &info, nullptr);
    if (!reason.empty()) return "corrupt PNG: " + reason;
    if (out.pixels.empty()) return "corrupt PNG: libpng failed without a message";
    return "";
}

}  // namespace folio::image::detail
