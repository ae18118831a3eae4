// Pair kerning through HarfBuzz.
//
// A pair's kern is what HarfBuzz's shaper does to the first glyph's advance: shape the two code
// points with the 'kern' feature on and the substituting features (liga, clig, calt, dlig, hlig)
// off, and take x_advance - h_advance of the first glyph. This reads GPOS pair positioning (all
// Caladea has) and the legacy 'kern' table alike. Results are rounded to 1/1000 em, the unit of
// the PDF's TJ adjustments, so layout and drawing use the same integer.
//
// Shaping costs microseconds, measuring must cost nanoseconds: every pair is shaped once and
// cached, in a dense table for Basic Latin to Latin Extended-A, General Punctuation and the
// f-ligatures (the characters of almost every pair), and in a hash map for the rest.

#include "text/shaping.hpp"

#include <hb.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace folio::text {
namespace {

constexpr std::size_t dense_size = 0x180 + 0x70 + 5;

/// Index of `c` in the dense table, or dense_size when it is not one of its characters.
std::size_t dense_index(char32_t c) {
    if (c < 0x180) return c;
    if (c >= 0x2000 && c < 0x2070) return 0x180 + (c - 0x2000);
    if (c >= 0xFB00 && c <= 0xFB04) return 0x180 + 0x70 + (c - 0xFB00);
    return dense_size;
}

}  // namespace

struct Kerner::Hb {
    hb_blob_t* blob = nullptr;
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;
    hb_buffer_t* buffer = nullptr;
    unsigned upem = 1000;
    ~Hb() {
        if (buffer) hb_buffer_destroy(buffer);
        if (font) hb_font_destroy(font);
        if (face) hb_face_destroy(face);
        if (blob) hb_blob_destroy(blob);
    }
};

Kerner::Kerner(const std::string& path) : m_hb(std::make_unique<Hb>()) {
    m_hb->blob = hb_blob_create_from_file_or_fail(path.c_str());
    if (m_hb->blob == nullptr) return;
    m_hb->face = hb_face_create(m_hb->blob, 0);
    m_hb->upem = hb_face_get_upem(m_hb->face);
    if (m_hb->upem == 0) m_hb->upem = 1000;
    m_hb->font = hb_font_create(m_hb->face);
    const int scale = static_cast<int>(m_hb->upem);
    hb_font_set_scale(m_hb->font, scale, scale);
    m_hb->buffer = hb_buffer_create();
    m_dense.reset(static_cast<std::int16_t*>(std::calloc(dense_size * dense_size, sizeof(std::int16_t))));
}

void Kerner::Free::operator()(std::int16_t* p) const noexcept { std::free(p); }

Kerner::~Kerner() = default;

int Kerner::kerning(char32_t left, char32_t right) {
    const std::size_t l = dense_index(left);
    const std::size_t r = dense_index(right);
    if (l < dense_size && r < dense_size && m_dense) {
        std::atomic_ref<std::int16_t> slot(m_dense[l * dense_size + r]);
        std::int16_t stored = slot.load(std::memory_order_relaxed);
        if (stored == 0) {  // two threads may both shape it: they store the same value
            const std::lock_guard<std::mutex> guard(m_lock);
            const int k = std::clamp(shape_pair(left, right), -32000, 32000);
            stored = static_cast<std::int16_t>(k + 1);
            slot.store(stored, std::memory_order_relaxed);
        }
        return stored - 1;
    }
    if (left > 0xFFFF || right > 0xFFFF) return 0;
    const std::lock_guard<std::mutex> guard(m_lock);
    const std::uint32_t key = (static_cast<std::uint32_t>(left) << 16) | static_cast<std::uint32_t>(right);
    auto it = m_sparse.find(key);
    if (it == m_sparse.end()) it = m_sparse.emplace(key, static_cast<std::int16_t>(shape_pair(left, right))).first;
    return it->second;
}

int Kerner::shape_pair(char32_t left, char32_t right) {
    if (m_hb->font == nullptr) return 0;
    hb_codepoint_t gl = 0, gr = 0;
    if (!hb_font_get_nominal_glyph(m_hb->font, left, &gl) || !hb_font_get_nominal_glyph(m_hb->font, right, &gr)) {
        return 0;
    }
    static const hb_feature_t features[] = {
        {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('c', 'a', 'l', 't'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('h', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    };
    hb_buffer_t* b = m_hb->buffer;
    hb_buffer_clear_contents(b);
    const std::uint32_t text[2] = {static_cast<std::uint32_t>(left), static_cast<std::uint32_t>(right)};
    hb_buffer_add_utf32(b, text, 2, 0, 2);
    hb_buffer_set_direction(b, HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(b);
    hb_shape(m_hb->font, b, features, sizeof features / sizeof features[0]);
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(b, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(b, nullptr);
    // A substitution (ccmp, locl) would draw another glyph than the code point's: no kern then.
    if (n != 2 || info[0].codepoint != gl || info[1].codepoint != gr) return 0;
    const hb_position_t adjust = pos[0].x_advance - hb_font_get_glyph_h_advance(m_hb->font, gl);
    if (adjust == 0) return 0;
    const double per_mille = static_cast<double>(adjust) * 1000.0 / static_cast<double>(m_hb->upem);
    return static_cast<int>(std::lround(per_mille));
}

}  // namespace folio::text
