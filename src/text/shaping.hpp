#pragma once
/// Pair kerning from a face's own tables (GPOS 'kern' feature or the legacy 'kern' table), read
/// through HarfBuzz. Private to folio_text: layout sees kerning only through FontProvider.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace folio::text {

/// The kerning of one face: HarfBuzz shapes each pair once, the result is cached. Thread-safe:
/// cached pairs are read without a lock, shaping a new pair takes one.
class Kerner {
public:
    /// Opens `path` with HarfBuzz; kerning() returns 0 for every pair if that fails.
    explicit Kerner(const std::string& path);
    ~Kerner();
    Kerner(const Kerner&) = delete;
    Kerner& operator=(const Kerner&) = delete;

    /// The adjustment between `left` and `right` in 1/1000 em, rounded (negative = tighter);
    /// 0 when the face maps either character to no glyph.
    int kerning(char32_t left, char32_t right);

private:
    /// Shapes `left right` with 'kern' on and substitutions off; 0 unless it gives two glyphs.
    int shape_pair(char32_t left, char32_t right);

    struct Hb;
    std::unique_ptr<Hb> m_hb;
    struct Free {
        void operator()(std::int16_t* p) const noexcept;
    };
    /// Dense table for the common characters (see dense_index): the kern + 1, 0 = not shaped yet.
    /// Zeroed by calloc, so the pages of pairs never used are never touched; read and written
    /// through std::atomic_ref.
    std::unique_ptr<std::int16_t[], Free> m_dense;
    std::unordered_map<std::uint32_t, std::int16_t> m_sparse;  ///< (left << 16 | right) -> kern
    std::mutex m_lock;  ///< guards m_hb's buffer and m_sparse
};

}  // namespace folio::text
