#pragma once
// A valid grey PNG of any size, written by hand (stored deflate blocks, no libpng), for tests
// that need an image file the decoder accepts.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace folio::test {

inline std::uint32_t png_crc(const std::string& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

inline void put32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

inline void png_chunk(std::string& out, const char* type, const std::string& data) {
    put32(out, static_cast<std::uint32_t>(data.size()));
    const std::string typed = type + data;
    out += typed;
    put32(out, png_crc(typed));
}

/// The bytes of a w x h 8-bit grey PNG, all black.
inline std::string tiny_png(unsigned w, unsigned h) {
    std::string ihdr;
    put32(ihdr, w);
    put32(ihdr, h);
    ihdr +=
        std::string("\x08\x00\x00\x00\x00", 5);  // 8 bits, grey, deflate, no filter, no interlace
    const std::string raw(static_cast<std::size_t>(w + 1) * h,
                          '\0');  // filter byte 0 and zeros per row
    std::string z = "\x78\x01";
    std::uint32_t a = 1, b = 0;
    for (unsigned char c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    for (std::size_t at = 0; at < raw.size() || at == 0;) {
        const std::size_t n = std::min<std::size_t>(65535, raw.size() - at);
        const bool last = at + n == raw.size();
        z.push_back(last ? 1 : 0);
        z.push_back(static_cast<char>(n & 0xFF));
        z.push_back(static_cast<char>(n >> 8));
        z.push_back(static_cast<char>(~n & 0xFF));
        z.push_back(static_cast<char>((~n >> 8) & 0xFF));
        z += raw.substr(at, n);
        at += n;
        if (last) break;
    }
    put32(z, (b << 16) | a);
    std::string out = "\x89PNG\r\n\x1a\n";
    png_chunk(out, "IHDR", ihdr);
    png_chunk(out, "IDAT", z);
    png_chunk(out, "IEND", "");
    return out;
}

/// Writes tiny_png(w, h) to a file in the temporary folder and returns its path.
inline std::string tiny_png_file(unsigned w, unsigned h) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("folio-test-" + std::to_string(w) + "x" + std::to_string(h) + ".png");
    std::ofstream(path, std::ios::binary) << tiny_png(w, h);
    return path.string();
}

}  // namespace folio::test
