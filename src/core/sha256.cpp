#include "core/sha256.hpp"

// OpenSSL's one-shot SHA-256 functions, not EVP: EVP fetches the digest through OpenSSL 3's
// provider machinery, which initialises the library and reads /usr/lib/ssl/openssl.cnf on first
// use, a cost each folio run paid for a font cache key (#23). These are deprecated in 3.0 in
// favour of EVP, but kept, and they let a static libcrypto.a bring in only the digest.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <fstream>
#include <memory>

namespace folio::core {
namespace {

struct Ctx {
    SHA256_CTX ctx{};
    Ctx() { SHA256_Init(&ctx); }
    void update(const void* p, std::size_t n) { SHA256_Update(&ctx, p, n); }
    std::array<std::uint8_t, 32> finish() {
        std::array<std::uint8_t, 32> out{};
        SHA256_Final(out.data(), &ctx);
        return out;
    }
};

std::string hex(const std::array<std::uint8_t, 32>& d) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (auto b : d) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 15]);
    }
    return out;
}

}  // namespace

Sha256::Sha256() : m_ctx(new Ctx) {}
Sha256::~Sha256() { delete static_cast<Ctx*>(m_ctx); }
void Sha256::update(std::string_view data) { static_cast<Ctx*>(m_ctx)->update(data.data(), data.size()); }
std::string Sha256::hex() { return folio::core::hex(static_cast<Ctx*>(m_ctx)->finish()); }

std::array<std::uint8_t, 32> sha256(std::string_view data) {
    Ctx c;
    c.update(data.data(), data.size());
    return c.finish();
}

std::string sha256_hex(std::string_view data) { return hex(sha256(data)); }

Result<std::string> sha256_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return unexpected({Severity::error, "io.read", "cannot read file", {path, 0, 0}});
    Ctx c;
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        c.update(buf, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return unexpected({Severity::error, "io.read", "error while reading file", {path, 0, 0}});
    return hex(c.finish());
}

}  // namespace folio::core
