// Writes the hand-made JPEG seeds of the jpeg fuzz target (fuzz/seeds/jpeg/): one tiny image per
// coding path libjpeg-turbo decodes differently (grey, 4:2:0 and 4:4:4 colour, progressive,
// arithmetic coding, restart markers, CMYK with an Adobe marker, YCCK). The files are checked in;
// this only documents how they were made:
//   g++ -O1 make_jpeg_seeds.cpp -ljpeg -o /tmp/make_jpeg_seeds && /tmp/make_jpeg_seeds
#include <cstdio>
#include <cstdlib>
#include <jpeglib.h>
#include <vector>

static void write(const char* name, int components, J_COLOR_SPACE in, J_COLOR_SPACE out, bool progressive,
                  bool arith, int restart, int h_samp) {
    jpeg_compress_struct c;
    jpeg_error_mgr err;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&c, &buffer, &size);
    c.image_width = 16;
    c.image_height = 8;
    c.input_components = components;
    c.in_color_space = in;
    jpeg_set_defaults(&c);
    jpeg_set_colorspace(&c, out);
    jpeg_set_quality(&c, 50, TRUE);
    if (progressive) jpeg_simple_progression(&c);
    c.arith_code = arith ? TRUE : FALSE;
    c.restart_interval = restart;
    if (components >= 3) c.comp_info[0].h_samp_factor = h_samp;
    jpeg_start_compress(&c, TRUE);
    std::vector<unsigned char> row(16 * components);
    while (c.next_scanline < c.image_height) {
        for (std::size_t i = 0; i < row.size(); ++i) row[i] = static_cast<unsigned char>(i * 37 + c.next_scanline * 11);
        JSAMPROW r = row.data();
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    FILE* f = std::fopen(name, "wb");
    std::fwrite(buffer, 1, size, f);
    std::fclose(f);
    std::free(buffer);
}

int main() {
    write("jpeg/grey.jpg", 1, JCS_GRAYSCALE, JCS_GRAYSCALE, false, false, 0, 1);
    write("jpeg/rgb-420.jpg", 3, JCS_RGB, JCS_YCbCr, false, false, 0, 2);
    write("jpeg/rgb-444-restart.jpg", 3, JCS_RGB, JCS_YCbCr, false, false, 1, 1);
    write("jpeg/progressive.jpg", 3, JCS_RGB, JCS_YCbCr, true, false, 0, 2);
    write("jpeg/arithmetic.jpg", 3, JCS_RGB, JCS_YCbCr, false, true, 0, 2);
    write("jpeg/rgb-plain.jpg", 3, JCS_RGB, JCS_RGB, false, false, 0, 1);
    write("jpeg/cmyk-adobe.jpg", 4, JCS_CMYK, JCS_CMYK, false, false, 0, 1);
    write("jpeg/ycck.jpg", 4, JCS_CMYK, JCS_YCCK, true, false, 0, 1);
    return 0;
}
