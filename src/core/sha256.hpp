#pragma once
/// SHA-256 through OpenSSL's libcrypto (never hand-written).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace folio::core {

/// The 32-byte digest of `data`.
std::array<std::uint8_t, 32> sha256(std::string_view data);

/// The digest of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

/// The hex digest of a file's bytes, read in chunks; an unreadable file is an error naming it.
Result<std::string> sha256_file(const std::string& path);

}  // namespace folio::core
