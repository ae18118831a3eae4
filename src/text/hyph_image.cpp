// The hyphenation image (see hyph_image.hpp): compile and open.
//
// Layout, native byte order and 8-byte aligned sections (offsets from the image's start):
//   0  "FOLIOHYP"   8  u64 checksum of bytes [16, end)   16  u64 total size   24  u32 version
//   28 u32 header size   32 u64 source size   40 i64 source mtime (ns)   48 u32 path length
//   52 u32 flags (1: UTF-8)   56 u32 levels   60 u32 0   64 the source path, padded to 8
//   then 256 u32: the code point of each byte (8-bit dictionaries)
//   then per level a LevelRecord, then its states, transitions, strings and NOHYPHEN bytes.
// open() trusts nothing: it checks sizes, the checksum, then every index and offset, so that a
// corrupt file (even one whose checksum happens to match) cannot make the matcher read outside it.

#include "text/hyph_image.hpp"

#include <hyphen.h>
#include <iconv.h>
#include <sys/stat.h>

#include <cstring>
#include <memory>

namespace folio::text::hyph {

namespace {

constexpr char magic[8] = {'F', 'O', 'L', 'I', 'O', 'H', 'Y', 'P'};
constexpr std::size_t fixed_header = 64;

struct LevelRecord {
    std::int32_t lhmin, rhmin, clhmin, crhmin;
    std::uint32_t num_states, num_trans, strings_size, nohyphen_size;
    std::int32_t nohyphen_count, pad;
    std::uint64_t states_off, trans_off, strings_off, nohyphen_off;
};
static_assert(sizeof(LevelRecord) == 72);
static_assert(sizeof(State) == 24 && sizeof(Trans) == 8);

template <typename T>
void put(std::string& out, std::size_t at, const T& v) {
    std::memcpy(out.data() + at, &v, sizeof(T));
}
template <typename T>
T get(std::string_view in, std::size_t at) {
    T v;
    std::memcpy(&v, in.data() + at, sizeof(T));
    return v;
}
void align8(std::string& out) { out.resize((out.size() + 7) & ~std::size_t{7}, '\0'); }

/// The code points of bytes 0x80..0xFF in `cset` (ASCII maps to itself); false if unknown.
bool charset_table(const char* cset, std::uint32_t table[256]) {
    for (std::uint32_t b = 0; b < 128; ++b) table[b] = b;
    iconv_t cd = iconv_open("UTF-32LE", cset);
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    for (std::uint32_t b = 128; b < 256; ++b) {
        char in = static_cast<char>(b);
        char out[8] = {};
        char* pin = &in;
        char* pout = out;
        std::size_t nin = 1, nout = sizeof out;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
        table[b] = 0;
        if (iconv(cd, &pin, &nin, &pout, &nout) != static_cast<std::size_t>(-1) && nout == 4) {
            std::uint32_t cp = 0;
            std::memcpy(&cp, out, 4);
            table[b] = cp;
        }
    }
    iconv_close(cd);
    return true;
}

/// The NOHYPHEN bytes of `d`: nohyphenl + 1 NUL-terminated sequences.
std::string nohyphen_bytes(const HyphenDict* d) {
    std::string out;
    if (d->nohyphen == nullptr) return out;
    const char* p = d->nohyphen;
    for (int i = 0; i <= d->nohyphenl; ++i) {
        const std::size_t n = std::strlen(p);
        out.append(p, n + 1);
        p += n + 1;
    }
    return out;
}

/// Appends one level's record (at `record_at`) and sections.
void write_level(std::string& out, std::size_t record_at, const HyphenDict* d) {
    LevelRecord r{};
    r.lhmin = d->lhmin; r.rhmin = d->rhmin; r.clhmin = d->clhmin; r.crhmin = d->crhmin;
    r.num_states = static_cast<std::uint32_t>(d->num_states);
    std::string strings(1, '\0');  // offset 0 is the empty string; the block ends with a NUL
    auto add = [&strings](const char* s) -> std::uint32_t {
        if (s == nullptr) return none;
        const auto at = static_cast<std::uint32_t>(strings.size());
        strings.append(s, std::strlen(s) + 1);
        return at;
    };
    std::vector<State> states(static_cast<std::size_t>(d->num_states));
    std::vector<Trans> trans;
    for (int i = 0; i < d->num_states; ++i) {
        const HyphenState& s = d->states[i];
        State& o = states[static_cast<std::size_t>(i)];
        o = State{};
        o.fallback = s.fallback_state;
        o.first_trans = static_cast<std::uint32_t>(trans.size());
        o.num_trans = static_cast<std::uint32_t>(s.num_trans);
        o.match = add(s.match);
        o.repl = add(s.repl);
        o.replindex = s.replindex;
        o.replcut = s.replcut;
        for (int t = 0; t < s.num_trans; ++t) {
            Trans tr{};
            tr.to = s.trans[t].new_state;
            tr.ch = static_cast<std::uint8_t>(s.trans[t].ch);
            trans.push_back(tr);
        }
    }
    const std::string nohyphen = nohyphen_bytes(d);
    r.num_trans = static_cast<std::uint32_t>(trans.size());
    r.strings_size = static_cast<std::uint32_t>(strings.size());
    r.nohyphen_size = static_cast<std::uint32_t>(nohyphen.size());
    r.nohyphen_count = d->nohyphen == nullptr ? 0 : d->nohyphenl;
    r.states_off = out.size();
    out.append(reinterpret_cast<const char*>(states.data()), states.size() * sizeof(State));
    align8(out);
    r.trans_off = out.size();
    out.append(reinterpret_cast<const char*>(trans.data()), trans.size() * sizeof(Trans));
    align8(out);
    r.strings_off = out.size();
    out += strings;
    align8(out);
    r.nohyphen_off = out.size();
    out += nohyphen;
    align8(out);
    put(out, record_at, r);
}

struct DictFree {
    void operator()(HyphenDict* d) const { hnj_hyphen_free(d); }
};

/// Checks every index and offset of one level against the image's size.
bool check_level(std::string_view bytes, const LevelRecord& r, Level& level) {
    const std::uint64_t size = bytes.size();
    const auto fits = [size](std::uint64_t off, std::uint64_t len) {
        return off % 8 == 0 && off <= size && len <= size - off;
    };
    if (!fits(r.states_off, std::uint64_t{r.num_states} * sizeof(State)) ||
        !fits(r.trans_off, std::uint64_t{r.num_trans} * sizeof(Trans)) || !fits(r.strings_off, r.strings_size) ||
        !fits(r.nohyphen_off, r.nohyphen_size) || r.num_states == 0 || r.strings_size == 0) {
        return false;
    }
    level.states = reinterpret_cast<const State*>(bytes.data() + r.states_off);
    level.trans = reinterpret_cast<const Trans*>(bytes.data() + r.trans_off);
    level.strings = bytes.data() + r.strings_off;
    level.num_states = r.num_states;
    level.num_trans = r.num_trans;
    level.strings_size = r.strings_size;
    if (level.strings[r.strings_size - 1] != '\0') return false;
    const auto state_ok = [&](std::int64_t s) { return s >= -1 && s < static_cast<std::int64_t>(r.num_states); };
    for (std::uint32_t i = 0; i < r.num_states; ++i) {
        const State& s = level.states[i];
        if (!state_ok(s.fallback) || s.first_trans > r.num_trans || s.num_trans > r.num_trans - s.first_trans) return false;
        if ((s.match != none && s.match >= r.strings_size) || (s.repl != none && s.repl >= r.strings_size)) return false;
    }
    for (std::uint32_t i = 0; i < r.num_trans; ++i) {
        if (level.trans[i].to < 0 || !state_ok(level.trans[i].to)) return false;
    }
    level.nohyphen = bytes.substr(r.nohyphen_off, r.nohyphen_size);
    if (!level.nohyphen.empty() && level.nohyphen.back() != '\0') return false;
    std::int32_t sequences = 0;
    for (char c : level.nohyphen) sequences += c == '\0';
    if (r.nohyphen_count < 0 || (sequences != 0 && r.nohyphen_count + 1 != sequences)) return false;
    level.nohyphen_count = r.nohyphen_count;
    level.lhmin = r.lhmin; level.rhmin = r.rhmin; level.clhmin = r.clhmin; level.crhmin = r.crhmin;
    return true;
}

}  // namespace

std::optional<SourceKey> key_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    SourceKey k;
    k.path = path;
    k.size = static_cast<std::uint64_t>(st.st_size);
    k.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    return k;
}

std::uint64_t checksum(std::string_view bytes) {
    // Four independent multiply-rotate lanes over 8-byte words (fast, and enough to see damage).
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    std::uint64_t lane[4] = {1, 2, 3, 4};
    std::size_t i = 0;
    const auto mix = [](std::uint64_t h, std::uint64_t w) {
        h = (h ^ w) * k;
        return (h << 31) | (h >> 33);
    };
    for (; i + 32 <= bytes.size(); i += 32) {
        for (int l = 0; l < 4; ++l) lane[l] = mix(lane[l], get<std::uint64_t>(bytes, i + 8 * static_cast<std::size_t>(l)));
    }
    std::uint64_t h = bytes.size();
    for (std::uint64_t l : lane) h = mix(h, l);
    for (; i < bytes.size(); ++i) h = mix(h, static_cast<unsigned char>(bytes[i]));
    return h ^ (h >> 29);
}

std::optional<std::string> compile(const std::string& path, const SourceKey& key) {
    const std::unique_ptr<HyphenDict, DictFree> dict(hnj_hyphen_load(path.c_str()));
    if (!dict) return std::nullopt;
    std::uint32_t table[256];
    if (!dict->utf8 && !charset_table(dict->cset, table)) return std::nullopt;
    if (dict->utf8) for (std::uint32_t b = 0; b < 256; ++b) table[b] = b < 128 ? b : 0;
    int levels = 0;
    for (const HyphenDict* d = dict.get(); d != nullptr && levels < 3; d = d->nextlevel) ++levels;
    if (levels > 2) return std::nullopt;  // libhyphen builds at most two

    std::string out(fixed_header, '\0');
    out.append(key.path);
    align8(out);
    const std::size_t header = out.size();
    out.append(reinterpret_cast<const char*>(table), sizeof table);
    const std::size_t records = out.size();
    out.append(sizeof(LevelRecord) * static_cast<std::size_t>(levels), '\0');
    int i = 0;
    for (const HyphenDict* d = dict.get(); d != nullptr; d = d->nextlevel, ++i) {
        write_level(out, records + sizeof(LevelRecord) * static_cast<std::size_t>(i), d);
    }
    std::memcpy(out.data(), magic, sizeof magic);
    put<std::uint64_t>(out, 16, out.size());
    put<std::uint32_t>(out, 24, image_version);
    put<std::uint32_t>(out, 28, static_cast<std::uint32_t>(header));
    put<std::uint64_t>(out, 32, key.size);
    put<std::int64_t>(out, 40, key.mtime_ns);
    put<std::uint32_t>(out, 48, static_cast<std::uint32_t>(key.path.size()));
    put<std::uint32_t>(out, 52, dict->utf8 ? 1u : 0u);
    put<std::uint32_t>(out, 56, static_cast<std::uint32_t>(levels));
    put<std::uint64_t>(out, 8, checksum(std::string_view(out).substr(16)));
    return out;
}

std::optional<Dictionary> open(std::string_view bytes, const SourceKey& key) {
    if (bytes.size() < fixed_header + 1024 || std::memcmp(bytes.data(), magic, sizeof magic) != 0) return std::nullopt;
    if (reinterpret_cast<std::uintptr_t>(bytes.data()) % 8 != 0) return std::nullopt;
    if (get<std::uint64_t>(bytes, 16) != bytes.size() || get<std::uint32_t>(bytes, 24) != image_version) {
        return std::nullopt;
    }
    const std::uint32_t header = get<std::uint32_t>(bytes, 28);
    const std::uint32_t path_len = get<std::uint32_t>(bytes, 48);
    const std::uint32_t levels = get<std::uint32_t>(bytes, 56);
    if (levels < 1 || levels > 2 || path_len != key.path.size() || header < fixed_header + path_len ||
        header % 8 != 0 || bytes.size() < header + 1024 + sizeof(LevelRecord) * levels) {
        return std::nullopt;
    }
    if (get<std::uint64_t>(bytes, 32) != key.size || get<std::int64_t>(bytes, 40) != key.mtime_ns ||
        bytes.substr(fixed_header, path_len) != key.path) {
        return std::nullopt;
    }
    if (get<std::uint64_t>(bytes, 8) != checksum(bytes.substr(16))) return std::nullopt;
    Dictionary dict;
    dict.utf8 = get<std::uint32_t>(bytes, 52) == 1;
    for (std::size_t b = 0; b < 256; ++b) dict.charset[b] = get<std::uint32_t>(bytes, header + 4 * b);
    dict.num_levels = static_cast<int>(levels);
    for (std::uint32_t i = 0; i < levels; ++i) {
        const auto r = get<LevelRecord>(bytes, header + 1024 + sizeof(LevelRecord) * i);
        if (!check_level(bytes, r, dict.levels[i])) return std::nullopt;
    }
    return dict;
}

}  // namespace folio::text::hyph
