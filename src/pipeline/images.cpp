// load_any_image: sniff the first bytes; SVG to xml::read_svg, the rest to image::load_image.

#include "pipeline/images.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/source_file.hpp"
#include "qr/qr.hpp"
#include "xml/svg.hpp"

namespace folio::pipeline {
namespace {

/// The largest SVG file folio reads: 16 MiB (a drawing within the limits is far smaller).
constexpr std::uintmax_t max_svg_bytes = std::uintmax_t{16} << 20;

std::string first_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
    return head;
}

}  // namespace

core::Result<image::Image> load_any_image(const std::string& path, core::Diagnostics& warnings) {
    if (const auto spec = qr::from_key(path)) {  // a <qr>: the code, not a file
        auto drawing = qr::encode(*spec);
        if (!drawing) return core::unexpected(drawing.error());
        image::Image img;
        img.path = path;
        img.format = image::Format::svg;
        img.width = img.height = static_cast<std::uint32_t>(std::max(1.0, std::round(drawing->size.width)));
        img.vector = std::move(*drawing);
        return img;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || !xml::looks_like_svg(first_bytes(path)))
        return image::load_image(path);
    if (std::filesystem::file_size(path, ec) > max_svg_bytes) {
        return core::unexpected(core::Diagnostic{core::Severity::error, "image.decode",
                                                 "cannot use image " + path + ": the SVG file is larger than 16 MiB, the most folio reads", {}});
    }
    auto file = core::SourceFile::read(path);
    if (!file) return core::unexpected(file.error());
    auto drawing = xml::read_svg(*file, warnings);
    if (!drawing) return core::unexpected(drawing.error());
    image::Image img;
    img.path = path;
    img.format = image::Format::svg;
    img.width = static_cast<std::uint32_t>(std::max(1.0, std::round(drawing->size.width)));
    img.height = static_cast<std::uint32_t>(std::max(1.0, std::round(drawing->size.height)));
    img.file_bytes = file->text();
    img.vector = std::move(*drawing);
    return img;
}

}  // namespace folio::pipeline
