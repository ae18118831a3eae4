// load_image: reads the whole file, recognises the format by its signature (never by the file
// name), and hands the bytes to the PNG or JPEG decoder. Every failure becomes an "image.decode"
// error that names the file; the caller adds the position of the element that used it.

#include "image/image.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "image/decode.hpp"

namespace folio::image {
namespace {

core::Diagnostic failure(const std::string& path, const std::string& reason) {
    return core::Diagnostic{core::Severity::error, "image.decode",
                            "cannot use image " + path + ": " + reason, {}};
}

bool starts_with(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

}  // namespace

core::Result<Image> load_image(const std::string& path) {
    // Only a regular file of a stated size: /dev/zero would be read until memory runs out.
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return core::unexpected(failure(path, "not a regular file"));
    if (std::filesystem::file_size(path, ec) > detail::max_file_bytes) {
        return core::unexpected(failure(path, "the file is larger than " + std::to_string(detail::max_file_bytes >> 20) +
                                                  " MiB, the most folio reads for an image"));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::unexpected(failure(path, "the file cannot be opened"));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return core::unexpected(failure(path, "the file cannot be read"));

    Image img;
    img.path = path;
    img.file_bytes = std::move(buffer).str();
    const std::string_view bytes = img.file_bytes;
    std::string reason;
    if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) {
        img.format = Format::png;
        reason = detail::decode_png(bytes, img);
    } else if (starts_with(bytes, "\xFF\xD8\xFF")) {
        img.format = Format::jpeg;
        reason = detail::decode_jpeg(bytes, img);
    } else if (bytes.empty()) {
        reason = "the file is empty";
    } else {
        reason = "not a PNG or JPEG file (unknown signature)";
    }
    if (!reason.empty()) return core::unexpected(failure(path, reason));
    return img;
}

}  // namespace folio::image
