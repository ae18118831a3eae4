#pragma once
/// QR codes (issue 18): a <qr> element's content, size, quiet zone and colour, carried through
/// the document as a figure whose image key is `qr:...`, encoded with libqrencode into a vector
/// drawing of dark squares (image::Drawing) that the PDF and HTML draw like an SVG figure.

#include <optional>
#include <string>
#include <string_view>

#include "core/geometry.hpp"
#include "core/result.hpp"
#include "image/vector.hpp"

namespace folio::qr {

/// What to encode and how to draw it.
struct Spec {
    std::string data;             ///< the payload (UTF-8), encoded as 8-bit bytes
    double size = 72;             ///< the side of the whole code, quiet zone included, in points
    int quiet = 4;                ///< the quiet zone, in modules (the standard asks for 4)
    core::Color colour = core::Color::rgb(0, 0, 0);  ///< the dark modules (light ones are white)
};

/// The figure key of a spec: "qr:" then the fields; read back by from_key.
std::string to_key(const Spec& spec);

/// The spec of a key made by to_key; nullopt for any other string (a file path).
std::optional<Spec> from_key(std::string_view key);

/// The largest payload folio encodes, in bytes: version 40 at error correction level M holds
/// 2,331 bytes; longer payloads are refused before libqrencode is called.
inline constexpr std::size_t max_bytes = 2331;

/// The QR code of `spec` (error correction level M, the smallest version that holds the data)
/// as a drawing `spec.size / 0.75` px square (so that it lays out at `spec.size` points): a white
/// square, then one path of the dark modules. An error names the payload's length when it does
/// not fit the largest version.
core::Result<image::Drawing> encode(const Spec& spec);

}  // namespace folio::qr
