// QR codes with libqrencode (QRcode_encodeData, level M, 8-bit mode): each run of dark modules
// on a row becomes one rectangle of the drawing's single dark path, under a white square that
// covers the quiet zone, so the code scans on any background.

#include "qr/qr.hpp"

#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <memory>

namespace folio::qr {
namespace {

core::Diagnostic error(std::string message) {
    return {core::Severity::error, "qr.encode", std::move(message), {}};
}

void rect(image::Path& p, double x, double y, double w, double h) {
    using image::Op;
    p.ops.insert(p.ops.end(), {Op::move, Op::line, Op::line, Op::line, Op::close});
    p.points.insert(p.points.end(), {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}});
}

}  // namespace

std::string to_key(const Spec& spec) {
    std::string key = "qr:" + std::to_string(spec.quiet) + ":";
    image::append_decimal(key, spec.size, 3);
    key += ":";
    for (int i = 0; i < 4; ++i) {
        image::append_decimal(key, spec.colour.c[i], 4);
        key += ",";
    }
    key += spec.colour.space == core::Color::Space::cmyk ? "cmyk:" : "rgb:";
    return key + spec.data;
}

std::optional<Spec> from_key(std::string_view key) {
    if (key.substr(0, 3) != "qr:") return std::nullopt;
    key.remove_prefix(3);
    Spec spec;
    const auto field = [&](char until) -> std::optional<std::string_view> {
        const std::size_t at = key.find(until);
        if (at == std::string_view::npos) return std::nullopt;
        const std::string_view f = key.substr(0, at);
        key.remove_prefix(at + 1);
        return f;
    };
    const auto number = [](std::string_view s, double& v) {
        return std::from_chars(s.data(), s.data() + s.size(), v).ec == std::errc();
    };
    double quiet = 0;
    const auto q = field(':');
    const auto size = field(':');
    if (!q || !size || !number(*q, quiet) || !number(*size, spec.size)) return std::nullopt;
    spec.quiet = static_cast<int>(quiet);
    for (double& c : spec.colour.c) {
        const auto f = field(',');
        if (!f || !number(*f, c)) return std::nullopt;
    }
    const auto space = field(':');
    if (!space) return std::nullopt;
    spec.colour.space = *space == "cmyk" ? core::Color::Space::cmyk : core::Color::Space::rgb;
    spec.data = std::string(key);
    return spec;
}

core::Result<image::Drawing> encode(const Spec& spec) {
    if (spec.data.empty()) return core::unexpected(error("the QR code has no content"));
    if (spec.data.size() > max_bytes) {
        return core::unexpected(error("the QR code's content is " + std::to_string(spec.data.size()) +
                                      " bytes; the largest QR code (version 40, level M) holds " +
                                      std::to_string(max_bytes)));
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(spec.data.data());
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeData(static_cast<int>(spec.data.size()), bytes, 0, QR_ECLEVEL_M), QRcode_free);
    if (!code) {
        return core::unexpected(error(errno == ERANGE ? "the QR code's content does not fit the largest QR code"
                                                      : "libqrencode could not encode the QR code"));
    }
    const int n = code->width;
    const int quiet = std::clamp(spec.quiet, 0, 40);
    const double side = std::max(spec.size, 1.0) / 0.75;
    const double module = side / (n + 2 * quiet);
    image::Drawing d;
    d.size = {side, side};
    d.title = "QR code";
    image::Shape white;
    white.fill = {image::Paint::Kind::colour, core::Color::rgb(1, 1, 1), 0};
    rect(white.path, 0, 0, side, side);
    d.shapes.push_back(std::move(white));
    image::Shape dark;
    dark.fill = {image::Paint::Kind::colour, spec.colour, 0};
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n;) {
            if ((code->data[y * n + x] & 1) == 0) { ++x; continue; }
            int end = x;
            while (end < n && (code->data[y * n + end] & 1) != 0) ++end;
            rect(dark.path, (x + quiet) * module, (y + quiet) * module, (end - x) * module, module);
            x = end;
        }
    }
    d.shapes.push_back(std::move(dark));
    return d;
}

}  // namespace folio::qr
