// Fuzz target: the PNG decoder (libpng behind image::detail::decode_png) on any bytes. It must
// decode or say why, and a decoded image must hold exactly the samples its size says.

#include "decoder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return folio::fuzz::decode_and_check(folio::image::detail::decode_png, folio::image::Format::png, data, size);
}
