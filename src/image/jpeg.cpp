// JPEG decoding with libjpeg-turbo, fully, so that a JPEG handed to the PDF as its original bytes
// is known to be whole and sound.
//
// Control flow:
//   1. an error manager whose error_exit formats the message and longjmps back to us; warnings
//      (libjpeg's "premature end of data", "extraneous bytes", ...) are recorded and fail the
//      image after decoding, since the PDF would carry the damaged original bytes
//   2. read_header (setjmp-protected): the markers; the output space is Gray, RGB (from YCbCr or
//      RGB) or CMYK (from CMYK or YCCK); an Adobe APP14 marker means inverted CMYK samples; the
//      size is checked before decompression starts
//   3. allocate the pixels in C++ (outside any setjmp frame)
//   4. read_pixels (setjmp-protected): every scanline, then jpeg_finish_decompress
//   5. CMYK samples are stored un-inverted (0 = no ink); `adobe_inverted_cmyk` tells the PDF
//      writer how the original bytes are coded

#include <cstdio>  // jpeglib.h needs FILE
#include <jpeglib.h>

#include <csetjmp>
#include <cstring>
#include <vector>

#include "image/decode.hpp"

namespace folio::image::detail {
namespace {

/// libjpeg's error manager plus our jump buffer and the first message.
struct ErrorManager {
    jpeg_error_mgr base;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    char warning[JMSG_LENGTH_MAX];
};

[[noreturn]] void on_error(j_common_ptr cinfo) {
    auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

void on_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;  // trace messages
    auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
    if (err->warning[0] == '\0') (*cinfo->err->format_message)(cinfo, err->warning);
    ++cinfo->err->num_warnings;
}

/// Step 2. Returns false on a libjpeg error.
bool read_header(jpeg_decompress_struct& cinfo, ErrorManager& err) {
    if (setjmp(err.jump)) return false;
    jpeg_read_header(&cinfo, TRUE);
    switch (cinfo.jpeg_color_space) {
        case JCS_GRAYSCALE: cinfo.out_color_space = JCS_GRAYSCALE; break;
        case JCS_CMYK:
        case JCS_YCCK: cinfo.out_color_space = JCS_CMYK; break;
        default: cinfo.out_color_space = JCS_RGB; break;
    }
    // A size above the limit is refused (by the caller) before jpeg_start_decompress, which
    // allocates a multi-scan image's coefficients whole: gigabytes for a file of 100 bytes.
    jpeg_calc_output_dimensions(&cinfo);
    if (static_cast<std::uint64_t>(cinfo.output_width) * cinfo.output_height > max_pixels) return true;
    jpeg_start_decompress(&cinfo);
    return true;
}

/// Step 4. Returns false on a libjpeg error.
bool read_pixels(jpeg_decompress_struct& cinfo, ErrorManager& err, std::uint8_t* pixels,
                 std::size_t stride) {
    if (setjmp(err.jump)) return false;
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = pixels + cinfo.output_scanline * stride;
        if (jpeg_read_scanlines(&cinfo, &row, 1) != 1) {
            std::strncpy(err.message, "the image data ends early", sizeof err.message - 1);
            return false;
        }
    }
    jpeg_finish_decompress(&cinfo);
    return true;
}

}  // namespace

std::string decode_jpeg(std::string_view bytes, Image& out) {
    // (libjpeg's jpeg_mem_src fails an empty buffer through error_exit, outside any setjmp frame)
    if (bytes.empty()) return "corrupt JPEG: the file is empty";
    // 1. Error manager and source.
    jpeg_decompress_struct cinfo{};
    ErrorManager err{};
    cinfo.err = jpeg_std_error(&err.base);
    err.base.error_exit = on_error;
    err.base.emit_message = on_message;
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()),
                 static_cast<unsigned long>(bytes.size()));

    std::string reason;
    // 2. Header.
    if (!read_header(cinfo, err)) {
        reason = err.message;
    } else {
        out.width = cinfo.output_width;
        out.height = cinfo.output_height;
        out.components = cinfo.output_components;
        out.adobe_inverted_cmyk = cinfo.out_color_space == JCS_CMYK && cinfo.saw_Adobe_marker;
        if (static_cast<std::uint64_t>(out.width) * out.height > max_pixels) {
            jpeg_destroy_decompress(&cinfo);
            return too_large(out.width, out.height);  // refused, not corrupt
        } else if (out.width == 0 || out.height == 0 ||
                   (out.components != 1 && out.components != 3 && out.components != 4)) {
            reason = "unsupported JPEG layout";
        } else {
            // 3. Pixels, allocated outside the setjmp frames.
            const std::size_t stride = static_cast<std::size_t>(out.width) * out.components;
            out.pixels.resize(stride * out.height);
            // 4. Decode.
            if (!read_pixels(cinfo, err, out.pixels.data(), stride)) {
                reason = err.message;
            } else if (err.base.num_warnings > 0) {
                reason = err.warning;
            }
        }
    }
    jpeg_destroy_decompress(&cinfo);
    if (!reason.empty()) {
        out.pixels.clear();
        return "corrupt JPEG: " + reason;
    }
    // 5. CMYK as ink amounts.
    if (out.adobe_inverted_cmyk) {
        for (std::uint8_t& v : out.pixels) v = static_cast<std::uint8_t>(255 - v);
    }
    return "";
}

}  // namespace folio::image::detail
