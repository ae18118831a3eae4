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

/// SHA-256 of data given piece by piece.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view data);
    /// The digest of everything given, as 64 lower-case hex digits (once).
    std::string hex();

private:
    void* m_ctx;
};

/// The hex digest of a file's bytes, read in chunks; an unreadable file is an error naming it.
Result<std::string> sha256_file(const std::string& path);

}  // namespace folio::core
