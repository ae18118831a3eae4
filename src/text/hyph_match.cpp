// Liang's pattern matching with Németh's extensions, over a compiled image (hyph_image.hpp):
// the algorithm of libhyphen 2.8.8's hnj_hyphen_hyphenate3 (Debian 12's libhyphen0), step for step, so that its results are
// libhyphen's (tests/unit/test_hyphen_equality.cpp compares them word by word).
//
// Control flow of hyphenate():
//   1. hyph(): run the level's state machine over ".word." and keep, per position, the highest
//      digit of every pattern that matches there; note the replacements of non-standard patterns.
//      With a next level (the compound level of a two-level dictionary), cut the word at the
//      odd positions and hyphenate each part again (recursively), or the whole word with the
//      next level when there is no cut, applying the compound minimums at inner boundaries.
//   2. the left and right minimums (lhmin, rhmin: counted in characters);
//   3. NOHYPHEN sequences forbid a break around them;
//   4. for UTF-8 dictionaries, byte positions become character positions (norm).
// Where libhyphen would read or write outside its buffers (never for real patterns), this code
// stays inside its own, larger ones.

#include <cstring>

#include "text/hyph_image.hpp"

namespace folio::text::hyph {

namespace {

/// libhyphen's rep/pos/cut arrays; an entry counts only where rep is set.
struct Rep {
    std::vector<const char*> rep;
    std::vector<int> pos, cut;
    explicit Rep(std::size_t n) : rep(n, nullptr), pos(n, 0), cut(n, 0) {}
    [[nodiscard]] const char* at(int i) const {
        return i >= 0 && static_cast<std::size_t>(i) < rep.size() ? rep[static_cast<std::size_t>(i)] : nullptr;
    }
    void set(int i, const char* r, int p, int c) {
        if (i < 0 || static_cast<std::size_t>(i) >= rep.size()) return;
        const auto u = static_cast<std::size_t>(i);
        rep[u] = r;
        pos[u] = p;
        cut[u] = c;
    }
};

constexpr int slack = 512;  // room past libhyphen's buffer sizes

int ligature(unsigned char c) { return c == 0x83 || c == 0x84 ? 1 : 0; }  // LIG_xxx; LIG_xx is 0

bool digit(char c) { return c <= '9' && c >= '0'; }

bool lig_at(bool utf8, const char* w) {
    return utf8 && static_cast<unsigned char>(w[0]) == 0xEF && static_cast<unsigned char>(w[1]) == 0xAC;
}

/// Characters in the first `n` bytes of `word` (hnj_hyphen_strnlen).
int strnlen_chars(const char* word, int n, bool utf8) {
    int i = 0, j = 0;
    while (j < n && word[j] != '\0') {
        ++i;
        if (lig_at(utf8, word + j)) i += ligature(static_cast<unsigned char>(word[j + 2]));
        for (++j; utf8 && (word[j] & 0xc0) == 0x80; ++j) {}
    }
    return i;
}

/// No break within the first `lhmin` characters (hnj_hyphen_lhmin).
void left_min(bool utf8, const char* word, char* hyphens, Rep& rep, int lhmin) {
    int i = 1, j = 0;
    if (lig_at(utf8, word)) i += ligature(static_cast<unsigned char>(word[2]));
    for (j = 0; digit(word[j]); ++j) --i;
    for (j = 0; i < lhmin && word[j] != '\0'; ++i) {
        do {
            if (const char* r = rep.at(j)) {
                const char* rh = std::strchr(r, '=');
                const auto u = static_cast<std::size_t>(j);
                if (rh != nullptr && strnlen_chars(word, j - rep.pos[u] + 1, utf8) +
                                             strnlen_chars(r, static_cast<int>(rh - r), utf8) < lhmin) {
                    rep.rep[u] = nullptr;
                    hyphens[j] = '0';
                }
            } else {
                hyphens[j] = '0';
            }
            ++j;
            if (lig_at(utf8, word + j)) i += ligature(static_cast<unsigned char>(word[j + 2]));
        } while (utf8 && (word[j] & 0xc0) == 0x80);
    }
}

/// No break within the last `rhmin` characters (hnj_hyphen_rhmin).
void right_min(bool utf8, const char* word, int word_size, char* hyphens, Rep& rep, int rhmin) {
    int i = 0, j = 0;
    for (j = word_size - 1; j > 0 && digit(word[j]); --j) --i;
    for (j = word_size - 1; i < rhmin && j > 0; --j) {
        if (const char* r = rep.at(j)) {
            const char* rh = std::strchr(r, '=');
            const auto u = static_cast<std::size_t>(j);
            int from = j - rep.pos[u] + rep.cut[u] + 1;
            if (from < 0 || from > word_size) from = word_size;
            if (rh != nullptr && strnlen_chars(word + from, 100, utf8) +
                                         strnlen_chars(rh + 1, static_cast<int>(std::strlen(rh + 1)), utf8) < rhmin) {
                rep.rep[u] = nullptr;
                hyphens[j] = '0';
            }
        } else {
            hyphens[j] = '0';
        }
        if (!utf8 || (word[j] & 0xc0) == 0xc0 || (word[j] & 0x80) != 0x80) ++i;
    }
}

/// The state after reading `ch` in `state`, following fallbacks; -1: none (restart at 0).
int step(const Level& level, int state, unsigned char ch) {
    while (state != -1) {
        const State& s = level.states[state];
        const Trans* t = level.trans + s.first_trans;
        for (std::uint32_t k = 0; k < s.num_trans; ++k) {
            if (t[k].ch == ch) return t[k].to;
        }
        state = s.fallback;
    }
    return -1;
}

/// Matches: what one pass of the state machine leaves for the replacements.
struct Matches {
    std::vector<int> len, index;
    std::vector<const char*> repl;
    int isrepl = 0;
    explicit Matches(std::size_t n) : len(n, 0), index(n, -1), repl(n, nullptr) {}
};

/// Step 1a: the pattern digits of `level` over the prepared word `prep` (j bytes).
void run_patterns(const Level& level, const char* prep, int j, int word_size, char* hyphens, Matches& m) {
    int state = 0;
    for (int i = 0; i < j; ++i) {
        state = step(level, state, static_cast<unsigned char>(prep[i]));
        if (state == -1) { state = 0; continue; }
        const State& s = level.states[state];
        const char* match = level.str(s.match);
        if (match == nullptr) continue;
        const char* repl = level.str(s.repl);
        const int replindex = s.replindex, replcut = s.replcut;
        const int offset = i + 1 - static_cast<int>(std::strlen(match));
        // (libhyphen 2.8.8 starts at k = 0 even when the match begins before the word, writing
        // just before its arrays; those writes never reach a result and are skipped here)
        if (repl != nullptr) {
            if (m.isrepl == 0) m.isrepl = word_size;  // (the arrays start cleared)
            if (offset + replindex >= 0) m.len[static_cast<std::size_t>(offset + replindex)] = replcut;
        }
        for (int k = 0; match[k] != '\0'; ++k) {
            if (offset + k < 0) continue;
            if (hyphens[offset + k] < match[k]) {
                hyphens[offset + k] = match[k];
                if (match[k] & 1) {
                    m.repl[static_cast<std::size_t>(offset + k)] = repl;
                    if (repl != nullptr && k >= replindex && k <= replindex + replcut && offset + replindex >= 0) {
                        m.index[static_cast<std::size_t>(offset + replindex)] = offset + k;
                    }
                }
            }
        }
    }
}

void hyph(const Dictionary& d, int lvl, const char* word, int word_size, char* hyphens, Rep& rep, int clhmin,
          int crhmin, int lend, int rend);

/// Step 1b: each compound part again, or the whole word with the next level.
void compound_parts(const Dictionary& d, int lvl, const char* word, int word_size, char* hyphens, Rep& rep,
                    std::vector<char>& prep, int clhmin, int crhmin, int lend, int rend) {
    const int prep_size = word_size + 3;
    Rep rep2(static_cast<std::size_t>(word_size + slack));
    std::vector<char> hyphens2(static_cast<std::size_t>(word_size + slack), '0');
    int begin = 0;
    for (int i = 0; i < word_size; ++i) {
        if (!((hyphens[i] & 1) || (begin > 0 && i + 1 == word_size))) continue;
        if (i - begin > 1) {  // (2.8.8: a part of one letter is not hyphenated again)
            int hyph_len = 0;
            prep[static_cast<std::size_t>(i + 2)] = '\0';
            if (const char* r = rep.at(i)) {  // non-standard hyphenation at a compound boundary
                const char* l = std::strchr(r, '=');
                const int offset = 2 + i - rep.pos[static_cast<std::size_t>(i)];
                if (offset >= 0 && offset < prep_size - 1) {
                    std::strncpy(prep.data() + offset, r, static_cast<std::size_t>(prep_size - offset - 1));
                }
                prep[static_cast<std::size_t>(prep_size - 1)] = '\0';
                if (l != nullptr) {
                    hyph_len = static_cast<int>(l - r) - rep.pos[static_cast<std::size_t>(i)];
                    if (2 + i + hyph_len >= 0 && 2 + i + hyph_len < prep_size + slack) {
                        prep[static_cast<std::size_t>(2 + i + hyph_len)] = '\0';
                    }
                }
            }
            const int part = i - begin + 1 + hyph_len;
            if (part > 0 && begin + 1 + part < prep_size + slack) {
                hyph(d, lvl, prep.data() + begin + 1, part, hyphens2.data(), rep2, clhmin, crhmin,
                     begin > 0 ? 0 : lend, (hyphens[i] & 1) ? 0 : rend);
            }
            for (int j = 0; j < i - begin - 1; ++j) {
                hyphens[begin + j] = hyphens2[static_cast<std::size_t>(j)];
                if (const char* r2 = rep2.at(j)) {
                    const auto u = static_cast<std::size_t>(j);
                    rep.set(begin + j, r2, rep2.pos[u], rep2.cut[u]);
                }
            }
            prep[static_cast<std::size_t>(i + 2)] = word[i + 1];
            if (rep.at(i) != nullptr) {
                std::strncpy(prep.data() + 1, word, static_cast<std::size_t>(prep_size - 2));
                prep[static_cast<std::size_t>(prep_size - 1)] = '\0';
            }
        }
        begin = i + 1;
        for (int j = 0; j < word_size; ++j) rep2.rep[static_cast<std::size_t>(j)] = nullptr;
    }
    if (begin == 0) {  // not a compound
        hyph(d, lvl + 1, word, word_size, hyphens, rep, clhmin, crhmin, lend, rend);
        if (lend == 0) left_min(d.utf8, word, hyphens, rep, clhmin);
        if (rend == 0) right_min(d.utf8, word, word_size, hyphens, rep, crhmin);
    }
}

/// hnj_hyphen_hyph_: one level over `word`, recursing into compound parts.
void hyph(const Dictionary& d, int lvl, const char* word, int word_size, char* hyphens, Rep& rep, int clhmin,
          int crhmin, int lend, int rend) {
    const Level& level = d.levels[lvl];
    std::vector<char> prep(static_cast<std::size_t>(word_size + 3 + slack), '\0');
    Matches m(static_cast<std::size_t>(word_size + 3));
    int j = 0;
    prep[static_cast<std::size_t>(j++)] = '.';
    for (int i = 0; i < word_size; ++i) prep[static_cast<std::size_t>(j++)] = digit(word[i]) ? '.' : word[i];
    prep[static_cast<std::size_t>(j++)] = '.';
    prep[static_cast<std::size_t>(j)] = '\0';
    for (int i = 0; i < j; ++i) hyphens[i] = '0';
    run_patterns(level, prep.data(), j, word_size, hyphens, m);

    int i = 0;
    for (i = 0; i < j - 3; ++i) hyphens[i] = hyphens[i + 1];
    for (; i < word_size; ++i) hyphens[i] = '0';
    hyphens[word_size] = '\0';
    for (i = 0; i < word_size; ++i) {  // the replacements that won
        const int at = m.index[static_cast<std::size_t>(i)];
        if (m.isrepl != 0 && at >= 0 && m.repl[static_cast<std::size_t>(at)] != nullptr) {
            const int len = m.len[static_cast<std::size_t>(i)];
            rep.set(at - 1, m.repl[static_cast<std::size_t>(at)], at - i, len);
            i += len - 1;
        }
    }
    if (lvl + 1 < d.num_levels) compound_parts(d, lvl, word, word_size, hyphens, rep, prep, clhmin, crhmin, lend, rend);
}

/// Step 3: no break around a NOHYPHEN sequence.
void no_hyphen(const Level& top, const char* word, char* hyphens) {
    const char* nh = top.nohyphen.data();
    const char* end = nh + top.nohyphen.size();
    for (int n = 0; n <= top.nohyphen_count && nh < end; ++n) {
        const std::size_t len = std::strlen(nh);
        if (len > 0) {
            for (const char* at = std::strstr(word, nh); at != nullptr; at = std::strstr(at + 1, nh)) {
                hyphens[at - word + static_cast<std::ptrdiff_t>(len) - 1] = 0;
                if (at - word - 1 >= 0) hyphens[at - word - 1] = 0;
            }
        }
        nh += len + 1;
    }
}

/// Step 4: byte positions to character positions (hnj_hyphen_norm).
bool norm(const char* word, int word_size, char* hyphens, Rep& rep) {
    const auto cont = [word](int i) { return (static_cast<unsigned char>(word[i]) >> 6) == 2; };
    if (cont(0)) return false;
    int j = -1;
    for (int i = 0; i < word_size; ++i) {
        if (!cont(i)) ++j;
        hyphens[j] = hyphens[i];
        const auto ui = static_cast<std::size_t>(i);
        const char* r = rep.rep[ui];
        int p = 0, c = 0;
        if (r != nullptr) {
            const int l = rep.pos[ui];
            for (int k = 0; k < l && i - k >= 0; ++k) p += !cont(i - k);
            for (int k = i - l + 1; k < i - l + 1 + rep.cut[ui] && k < word_size; ++k) c += k >= 0 && !cont(k);
        }
        rep.set(j, r, p, c);
        if (j < i) rep.set(i, nullptr, 0, 0);
    }
    hyphens[j + 1] = '\0';
    return true;
}

}  // namespace

bool hyphenate(const Dictionary& d, const char* word, int size, std::vector<char>& hyphens,
               std::vector<bool>& nonstandard, int lhmin, int rhmin, int clhmin, int crhmin) {
    const Level& top = d.top();
    lhmin = std::max(lhmin, top.lhmin);
    rhmin = std::max(rhmin, top.rhmin);
    clhmin = std::max(clhmin, top.clhmin);
    crhmin = std::max(crhmin, top.crhmin);
    hyphens.assign(static_cast<std::size_t>(size + slack), '0');
    Rep rep(static_cast<std::size_t>(size + slack));
    hyph(d, 0, word, size, hyphens.data(), rep, clhmin, crhmin, 1, 1);
    left_min(d.utf8, word, hyphens.data(), rep, lhmin > 0 ? lhmin : 2);
    right_min(d.utf8, word, size, hyphens.data(), rep, rhmin > 0 ? rhmin : 2);
    if (!top.nohyphen.empty()) no_hyphen(top, word, hyphens.data());
    if (d.utf8 && !norm(word, size, hyphens.data(), rep)) return false;
    nonstandard.assign(static_cast<std::size_t>(size), false);
    for (int i = 0; i < size; ++i) nonstandard[static_cast<std::size_t>(i)] = rep.rep[static_cast<std::size_t>(i)] != nullptr;
    return true;
}

}  // namespace folio::text::hyph
