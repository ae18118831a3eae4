// Painting one page into the bytes of its content stream. Items are painted in their order; a
// Painter remembers the page's graphics and text state (open text object, font and size,
// character spacing, fill colour) so that a run in the same font, size and colour as the
// previous one costs only its Tm and TJ.
//
// A page is
//     q  1 0 0 1 o o cm  -b -b w h re W n      (trim box placed, clipped to the bleed box)
//     ...items...
//     Q  ...marks...
// and a glyph run becomes
//     BT                          (kept open across consecutive runs; closed for rectangles)
//     r g b rg | c m y k k        (only when the colour changes)
//     /F1 10 Tf                   (only when the font or size changes)
//     0.5 Tc                      (only when the letter spacing changes)
//     1 0 0 1 x y Tm
//     [<00410020> -250 <0042>] TJ (CID = code point; after each U+0020, -word_spacing*1000/size;
//                                  after a kerned character, -kern: [<0041> 64 <0056>] for AV)
// Every operator that libharu's API would have written (q, cm, re, rg, Tf, Do, ...) is written
// with its number format (hpdf::append_real), so the bytes are the ones libharu would produce.

#include "pdf/draw_page.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <variant>

#include "core/jobs.hpp"
#include "pdf/hpdf_adapter.hpp"
#include "pdf/spot.hpp"
#include "pdf/tagging.hpp"
#include "pdf/text_codes.hpp"

namespace folio::pdf {
namespace {

/// Appends drawn character `cp` as its two-byte code (CID = code point) in an open literal
/// string: half the bytes of the hex form <0041>, which the compressor then has less to do with.
void append_code(std::string& out, char32_t cp) {
    bool open = true;
    append_codes(out, std::u32string_view(&cp, 1), open);
}

/// A colour component as libharu takes it, within 0..1.
double component(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0; }

/// Appends the operands of an operator, each followed by a space, in libharu's number format.
void reals(std::string& out, std::initializer_list<double> values) {
    for (double v : values) {
        hpdf::append_real(out, v);
        out += ' ';
    }
}

/// Paints the items of one page; see the file comment for the operators and the state it keeps.
class Painter {
public:
    Painter(std::string& out, double height, const PageResources& names, ColourPolicy colours)
        : m_out(out), m_height(height), m_names(names), m_colours(colours) {}

    void operator()(const layout::GlyphRun& run);
    void operator()(const layout::FilledRect& r) { fill_rect(r.rect, r.color); }
    void operator()(const layout::ImageBox& b);
    void operator()(const layout::LinkArea& /*link*/) {}  // second pass
    void operator()(const layout::Anchor& /*anchor*/) {}  // second pass
    void operator()(const layout::VectorBox& b) {
        end_text();
        open_mark();  // the Figure's MCID, as for an ImageBox
        if (const image::Drawing* d = m_names.vectors.drawing(b.path)) {
            if (b.fit.width > 0) clip_to(b.rect);  // object-fit: cover (#18): the drawing around its box
            paint_vector(*d, b.path, b.fit.width > 0 ? shifted(b.fit, b.rect) : b.rect, m_height, m_names.vectors,
                         m_colours, m_out);
            if (b.fit.width > 0) m_out += "Q\n";
        }
    }

    /// How the next glyph run ends its line (PageTags::endings).
    void set_ending(std::uint32_t ending) { m_ending = ending; }

    /// Closes an open text object and marked-content sequence; call after the last item.
    void finish() {
        end_text();
        close_mark();
    }

    /// Ends the marked-content sequence open (if any); the next item painted opens the one of
    /// `m` (an MCID of an element of type `type`, or an artifact kind; mark::none = none).
    void mark(std::uint32_t m, const char* type) {
        if (m == m_mark) return;
        close_mark();
        m_mark = m;
        m_type = type;
    }

private:
    void begin_text();
    void end_text();
    /// Opens the wanted marked-content sequence if it is not open: inside the text object when
    /// one is open (it then ends before ET), else around what follows.
    void open_mark() {
        if (m_open || m_mark == mark::none) return;
        open_marked_content(m_out, m_mark, m_type);
        m_open = true;
        m_open_in_text = m_in_text;
    }
    void close_mark() {
        if (!m_open) return;
        m_out += "EMC\n";
        m_open = false;
    }
    void set_fill(const core::Color& c);
    void set_font(const std::string& name, double size);
    void append_show(const layout::GlyphRun& run);
    void fill_rect(const core::Rect& r, const core::Color& c);
    /// Saves the graphics state and clips to `r` (the caller restores it with Q).
    void clip_to(const core::Rect& r);
    /// `fit`, relative to `box`'s top-left corner, on the page.
    static core::Rect shifted(const core::Rect& fit, const core::Rect& box) {
        return {box.x + fit.x, box.y + fit.y, fit.width, fit.height};
    }

    std::string& m_out;
    double m_height;
    const PageResources& m_names;
    ColourPolicy m_colours;
    bool m_in_text = false;
    const std::string* m_font = nullptr;
    double m_size = 0;
    double m_char_space = 0;  ///< the PDF default Tc
    std::optional<core::Color> m_fill;
    std::uint32_t m_mark = mark::none;  ///< the marked-content sequence wanted
    const char* m_type = nullptr;       ///< its element's structure type
    bool m_open = false;                ///< whether it is open
    bool m_open_in_text = false;        ///< opened inside the text object
    std::uint32_t m_ending = 0;         ///< of the next glyph run
};

void Painter::operator()(const layout::GlyphRun& run) {
    if (std::none_of(run.text.begin(), run.text.end(), is_drawn)) return;
    begin_text();
    open_mark();
    set_fill(run.color);
    set_font(m_names.fonts[run.font], run.size);
    if (run.letter_spacing != m_char_space) {
        append_number(m_out, run.letter_spacing);
        m_out += " Tc\n";
        m_char_space = run.letter_spacing;
    }
    append_show(run);
}

void Painter::operator()(const layout::ImageBox& b) {
    end_text();
    open_mark();
    // HPDF_Page_DrawImage: q, the placement as a cm, Do, Q; a cropped image (object-fit:
    // cover, #18) is clipped to its box first.
    if (b.fit.width > 0) clip_to(b.rect);
    const core::Rect r = b.fit.width > 0 ? shifted(b.fit, b.rect) : b.rect;
    m_out += "q\n";
    reals(m_out, {r.width, 0, 0, r.height, r.x, m_height - r.bottom()});
    m_out += "cm\n/";
    m_out += m_names.image(b.path);
    m_out += " Do\nQ\n";
    if (b.fit.width > 0) m_out += "Q\n";
}

void Painter::clip_to(const core::Rect& r) {
    m_out += "q\n";
    reals(m_out, {r.x, m_height - r.bottom(), r.width, r.height});
    m_out += "re\nW\nn\n";
}

void Painter::begin_text() {
    if (m_in_text) return;
    m_in_text = true;
    m_out += "BT\n";
}

void Painter::end_text() {
    if (!m_in_text) return;
    if (m_open && m_open_in_text) close_mark();
    m_in_text = false;
    m_out += "ET\n";
}

void Painter::set_fill(const core::Color& given) {
    const core::Color c = apply(m_colours, given);
    if (m_fill && *m_fill == c) return;
    m_fill = c;
    if (c.spot != 0) return append_spot_fill(m_out, c.spot);  // a named ink (spot.hpp)
    if (c.space == core::Color::Space::rgb) {
        reals(m_out, {component(c.c[0]), component(c.c[1]), component(c.c[2])});
        m_out += "rg\n";
    } else {
        reals(m_out, {component(c.c[0]), component(c.c[1]), component(c.c[2]), component(c.c[3])});
        m_out += "k\n";
    }
}

void Painter::set_font(const std::string& name, double size) {
    if (m_font != nullptr && *m_font == name && size == m_size) return;
    m_font = &name;
    m_size = size;
    m_out += '/';
    m_out += name;
    m_out += ' ';
    hpdf::append_real(m_out, size);
    m_out += " Tf\n";
}

void Painter::append_show(const layout::GlyphRun& run) {
    m_out += "1 0 0 1 ";
    append_number(m_out, run.origin.x);
    m_out += ' ';
    append_number(m_out, m_height - run.origin.y);
    m_out += " Tm\n[";
    // TJ numbers are thousandths of the font size, positive = move left; Tw does not apply to
    // two-byte codes, so word spacing is an adjustment after each space.
    // Kerns are 1/1000 em already, negative = closer, so they are written negated.
    const double gap = -run.word_spacing * 1000.0 / run.size;
    const bool spaced = run.word_spacing != 0;
    const bool kerned = run.kern.size() == run.text.size();
    // A hyphen added at a line break is shown on its own, as an empty ActualText: the word reads whole.
    const bool hyphen = m_ending >= hyphen_mcid;
    const std::size_t shown = run.text.size() - (hyphen ? 1 : 0);
    // a kern after an undrawn character (a soft hyphen) still moves the pen
    const auto adjust_after = [&](std::size_t i) {
        return (run.text[i] == U' ' && spaced ? gap : 0) - (kerned ? run.kern[i] : 0);
    };
    const std::u32string_view text = run.text;
    bool open = false;
    for (std::size_t i = 0; i < shown;) {
        // the characters up to the next one with an adjustment after it, that one included
        std::size_t end = i;
        double adjust = 0;
        while (end < shown && (adjust = adjust_after(end)) == 0) ++end;
        append_codes(m_out, text.substr(i, std::min(end + 1, shown) - i), open);
        if (end == shown) break;
        if (open) m_out += ')';
        m_out += ' ';
        append_number(m_out, adjust);
        m_out += ' ';
        open = false;
        i = end + 1;
    }
    if (m_ending == line_space) {  // a word space to end the line in the extracted text
        if (!open) m_out += '(';
        append_code(m_out, U' ');
        open = true;
    }
    if (open) m_out += ')';
    m_out += "] TJ\n";
    if (hyphen) {  // its own MCID of the same element (the run's content goes on in another)
        close_mark();
        m_out += '/';
        m_out += m_type;
        m_out += " <</MCID ";
        m_out += std::to_string(m_ending - hyphen_mcid);
        m_out += " /ActualText ()>> BDC\n[(";
        append_code(m_out, U'-');
        m_out += ")] TJ\nEMC\n";
    }
}

void Painter::fill_rect(const core::Rect& r, const core::Color& c) {
    end_text();
    open_mark();
    set_fill(c);
    reals(m_out, {r.x, m_height - r.bottom(), r.width, r.height});
    m_out += "re\nf\n";
}

}  // namespace

const std::string& PageResources::image(const std::string& path) const {
    static const std::string none;
    for (const auto& [p, name] : images) {
        if (p == path) return name;
    }
    return none;
}

void GlyphUse::add(std::size_t font, char32_t cp) {
    std::vector<std::uint64_t>& bits = m_bits[font];
    if (bits.empty()) bits.assign(0x10000 / 64, 0);
    bits[cp >> 6] |= std::uint64_t{1} << (cp & 63);
}

void GlyphUse::add_drawn(std::size_t font, std::u32string_view text) {
    std::vector<std::uint64_t>& bits = m_bits[font];
    if (bits.empty()) bits.assign(0x10000 / 64, 0);
    std::uint64_t* words = bits.data();
    for (char32_t cp : text) {
        if (is_drawn(cp)) words[cp >> 6] |= std::uint64_t{1} << (cp & 63);
    }
}

void GlyphUse::merge(const GlyphUse& other) {
    for (std::size_t f = 0; f < m_bits.size() && f < other.m_bits.size(); ++f) {
        const std::vector<std::uint64_t>& theirs = other.m_bits[f];
        if (theirs.empty()) continue;
        std::vector<std::uint64_t>& mine = m_bits[f];
        if (mine.empty()) mine.assign(theirs.size(), 0);
        for (std::size_t w = 0; w < theirs.size(); ++w) mine[w] |= theirs[w];
    }
}

std::vector<char32_t> GlyphUse::code_points(std::size_t font) const {
    std::vector<char32_t> cps;
    if (font >= m_bits.size()) return cps;
    const std::vector<std::uint64_t>& bits = m_bits[font];
    for (std::size_t w = 0; w < bits.size(); ++w) {
        for (std::uint64_t word = bits[w]; word != 0; word &= word - 1) {
            cps.push_back(static_cast<char32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(word))));
        }
    }
    return cps;
}

bool is_drawn(char32_t cp) {
    if (cp == 0x00AD) return false;                             // soft hyphen
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return false;  // C0, DEL, C1
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;             // surrogates
    return cp <= 0xFFFF;
}

namespace {

/// append_number through std::to_chars: exact for every double, but slow for the hundreds of
/// thousands of numbers in the TJ arrays of a long document.
void append_number_exact(std::string& out, double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
    (void)ec;  // |v| <= 32767 with 3 decimals always fits
    char* last = end;
    while (last > buf && last[-1] == '0') --last;
    if (last > buf && last[-1] == '.') --last;
    const std::string_view s(buf, static_cast<std::size_t>(last - buf));
    if (s == "-0" || s.empty()) {
        out += '0';
    } else {
        out += s;
    }
}

}  // namespace

void append_number(std::string& out, double v) {
    if (!std::isfinite(v)) v = 0;
    v = std::clamp(v, -32767.0, 32767.0);
    // Fast path: round v * 1000 to an integer and print that. The product is within 2e-9 of the
    // exact value (|v * 1000| < 2^25), so unless its fraction is within 1e-6 of a half the
    // integer is the one to_chars rounds to; near a half, to_chars decides.
    const double scaled = v * 1000.0;
    const double below = std::floor(scaled);
    const double fraction = scaled - below;
    if (std::abs(fraction - 0.5) <= 1e-6) {
        append_number_exact(out, v);
        return;
    }
    const auto thousandths = static_cast<long long>(fraction < 0.5 ? below : below + 1);
    if (thousandths == 0) {  // also what "-0.000" becomes
        out += '0';
        return;
    }
    char buf[24];
    char* p = buf + sizeof buf;
    unsigned long long u = thousandths < 0 ? 0ULL - static_cast<unsigned long long>(thousandths)
                                           : static_cast<unsigned long long>(thousandths);
    unsigned decimals = static_cast<unsigned>(u % 1000);
    u /= 1000;
    if (decimals != 0) {
        int digits = 3;
        while (decimals % 10 == 0) {  // no trailing zeros
            decimals /= 10;
            --digits;
        }
        for (int i = 0; i < digits; ++i) {
            *--p = static_cast<char>('0' + decimals % 10);
            decimals /= 10;
        }
        *--p = '.';
    }
    do {
        *--p = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (thousandths < 0) *--p = '-';
    out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

namespace {

/// The code points drawn on pages [first, last).
GlyphUse glyph_use_of(const layout::PagedDocument& pages, std::size_t first, std::size_t last,
                      std::size_t fonts) {
    GlyphUse used(fonts);
    for (std::size_t i = first; i < last; ++i) {
        for (const layout::Item& item : pages.pages[i].items) {
            const auto* run = std::get_if<layout::GlyphRun>(&item);
            if (run != nullptr && run->font < fonts) used.add_drawn(run->font, run->text);
        }
    }
    return used;
}

}  // namespace

GlyphUse glyph_use(const layout::PagedDocument& pages, std::size_t fonts, unsigned threads_allowed) {
    // Every character of the document is looked at, which is worth splitting between threads
    // for a long document (a union, so the split does not change the result).
    const std::size_t n = pages.pages.size();
    const std::size_t threads = std::clamp<std::size_t>(n / 64, 1, core::thread_count(threads_allowed));
    std::vector<GlyphUse> parts(threads);
    core::parallel_for(static_cast<unsigned>(threads), threads, [&](std::size_t t) {
        parts[t] = glyph_use_of(pages, n * t / threads, n * (t + 1) / threads, fonts);
    });
    for (std::size_t t = 1; t < threads; ++t) parts[0].merge(parts[t]);
    return std::move(parts[0]);
}

void paint_page(const layout::Page& page, const PageFrame& frame, const PageResources& names,
                const PaintSettings& settings, std::string& out, const PageTags* tags) {
    // The trim box translated to its place on the media box and clipped to the bleed box, so
    // nothing reaches the marks.
    out += "q\n";
    reals(out, {1, 0, 0, 1, frame.offset(), frame.offset()});
    out += "cm\n";
    reals(out, {-frame.bleed, -frame.bleed, frame.trim_width + 2 * frame.bleed,
                frame.trim_height + 2 * frame.bleed});
    out += "re\nW\nn\n";
    Painter painter(out, page.size.height, names, settings.colours);
    if (tags == nullptr || tags->marks.size() != page.items.size()) {
        for (const layout::Item& item : page.items) std::visit(painter, item);
    } else {
        for (std::size_t j = 0; j < page.items.size(); ++j) {
            const std::uint32_t m = tags->marks[j];
            if (m != mark::none) painter.mark(m, m < mark::first_artifact ? tags->types[m] : nullptr);
            painter.set_ending(tags->endings[j]);
            std::visit(painter, page.items[j]);
        }
    }
    painter.finish();
    out += "Q\n";
    if (!settings.marks) return;
    if (tags != nullptr) out += "/Artifact <</Type /Page>> BDC\n";
    append_marks(out, frame, settings.colours == ColourPolicy::rgb);
    if (tags != nullptr) out += "EMC\n";
}

}  // namespace folio::pdf
