// Painting one page. Items are painted in their order; a Painter remembers the page's graphics
// and text state (open text object, font and size, character spacing, fill colour) so that a
// run in the same font, size and colour as the previous one costs only its Tm and TJ.
//
// A glyph run becomes
//     BT                          (kept open across consecutive runs; closed for rectangles)
//     r g b rg | c m y k k        (only when the colour changes)
//     /F1 10 Tf                   (libharu's SetFontAndSize, which registers the font resource)
//     0.5 Tc                      (only when the letter spacing changes)
//     1 0 0 1 x y Tm
//     [<00410020> -250 <0042>] TJ (CID = code point; after each U+0020, -word_spacing*1000/size;
//                                  after a kerned character, -kern: [<0041> 64 <0056>] for AV)
// Every drawn code point is first measured once per font with HPDF_Font_GetUnicodeWidth, which
// marks its glyph for the embedded subset: glyphs written only through raw TJ would be missing.

#include "pdf/draw_page.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <variant>

namespace folio::pdf {
namespace {

using Status = core::Result<core::Ok>;

/// Appends `cp` as four upper-case hex digits.
void append_hex4(std::string& out, char32_t cp) {
    static constexpr char digits[] = "0123456789ABCDEF";
    out += digits[(cp >> 12) & 0xF];
    out += digits[(cp >> 8) & 0xF];
    out += digits[(cp >> 4) & 0xF];
    out += digits[cp & 0xF];
}

/// A colour component as libharu takes it, within 0..1.
HPDF_REAL component(double v) {
    return static_cast<HPDF_REAL>(std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0);
}

core::Diagnostic error(std::string message) {
    return core::Diagnostic{core::Severity::error, "pdf.write", std::move(message), {}};
}

/// Paints the items of one page; see the file comment for the operators and the state it keeps.
class Painter {
public:
    Painter(hpdf::Document& doc, HPDF_Page page, double height, PaintContext& context)
        : m_doc(doc), m_page(page), m_height(height), m_fonts(context.fonts),
          m_images(context.images), m_colours(context.colours) {}

    Status operator()(const layout::GlyphRun& run);
    Status operator()(const layout::FilledRect& r) { return fill_rect(r.rect, r.color); }
    Status operator()(const layout::ImageBox& b);
    Status operator()(const layout::LinkArea& /*link*/) { return core::Ok{}; }  // second pass
    Status operator()(const layout::Anchor& /*anchor*/) { return core::Ok{}; }  // second pass

    /// Closes an open text object; call after the last item.
    Status finish() { return end_text(); }

private:
    Status begin_text();
    Status end_text();
    Status set_fill(const core::Color& c);
    Status set_font(HPDF_Font font, double size);
    Status mark_glyphs(text::FontId id, HPDF_Font font, const std::u32string& text);
    void append_show(const layout::GlyphRun& run);
    Status fill_rect(const core::Rect& r, const core::Color& c);

    hpdf::Document& m_doc;
    HPDF_Page m_page;
    double m_height;
    FontTable& m_fonts;
    ImageTable& m_images;
    ColourPolicy m_colours;
    bool m_in_text = false;
    HPDF_Font m_font = nullptr;
    double m_size = 0;
    double m_char_space = 0;  ///< the PDF default Tc
    std::optional<core::Color> m_fill;
    std::string m_ops;  ///< reused buffer for the raw operators of one run
};

Status Painter::operator()(const layout::GlyphRun& run) {
    if (std::none_of(run.text.begin(), run.text.end(), is_drawn)) return core::Ok{};
    if (run.font >= m_fonts.fonts.size() || m_fonts.fonts[run.font] == nullptr) {
        return core::unexpected(
            error("glyph run uses font " + std::to_string(run.font) + ", which is not loaded"));
    }
    if (!std::isfinite(run.size) || run.size <= 0) {
        return core::unexpected(error("glyph run has an invalid font size"));
    }
    HPDF_Font font = m_fonts.fonts[run.font];
    if (auto r = mark_glyphs(run.font, font, run.text); !r) return r;
    if (auto r = begin_text(); !r) return r;
    if (auto r = set_fill(run.color); !r) return r;
    if (auto r = set_font(font, run.size); !r) return r;
    m_ops.clear();
    if (run.letter_spacing != m_char_space) {
        append_number(m_ops, run.letter_spacing);
        m_ops += " Tc\n";
        m_char_space = run.letter_spacing;
    }
    append_show(run);
    return hpdf::write_raw(m_doc, m_page, m_ops);
}

Status Painter::operator()(const layout::ImageBox& b) {
    auto image = m_images.get(m_doc, b.path);
    if (!image) return core::unexpected(image.error());
    if (auto s = end_text(); !s) return s;
    // DrawImage wraps the placement in q ... cm /ImN Do Q.
    return m_doc.check(HPDF_Page_DrawImage(m_page, *image, static_cast<HPDF_REAL>(b.rect.x),
                                           static_cast<HPDF_REAL>(m_height - b.rect.bottom()),
                                           static_cast<HPDF_REAL>(b.rect.width),
                                           static_cast<HPDF_REAL>(b.rect.height)),
                       "drawing image " + b.path);
}

Status Painter::begin_text() {
    if (m_in_text) return core::Ok{};
    m_in_text = true;
    return m_doc.check(HPDF_Page_BeginText(m_page), "beginning a text object");
}

Status Painter::end_text() {
    if (!m_in_text) return core::Ok{};
    m_in_text = false;
    return m_doc.check(HPDF_Page_EndText(m_page), "ending a text object");
}

Status Painter::set_fill(const core::Color& given) {
    const core::Color c = apply(m_colours, given);
    if (m_fill && *m_fill == c) return core::Ok{};
    m_fill = c;
    const HPDF_STATUS status =
        c.space == core::Color::Space::rgb
            ? HPDF_Page_SetRGBFill(m_page, component(c.c[0]), component(c.c[1]), component(c.c[2]))
            : HPDF_Page_SetCMYKFill(m_page, component(c.c[0]), component(c.c[1]), component(c.c[2]),
                                    component(c.c[3]));
    return m_doc.check(status, "setting the fill colour");
}

Status Painter::set_font(HPDF_Font font, double size) {
    if (font == m_font && size == m_size) return core::Ok{};
    m_font = font;
    m_size = size;
    return m_doc.check(HPDF_Page_SetFontAndSize(m_page, font, static_cast<HPDF_REAL>(size)),
                       "selecting a font and size");
}

Status Painter::mark_glyphs(text::FontId id, HPDF_Font font, const std::u32string& text) {
    auto& marked = m_fonts.marked[id];
    bool measured = false;
    for (char32_t cp : text) {
        if (!is_drawn(cp) || marked[cp]) continue;
        HPDF_Font_GetUnicodeWidth(font, static_cast<HPDF_UNICODE>(cp));
        marked[cp] = true;
        measured = true;
    }
    // GetUnicodeWidth reports failure only through the error handler.
    return measured ? m_doc.check(HPDF_OK, "marking glyphs for the font subset") : core::Ok{};
}

void Painter::append_show(const layout::GlyphRun& run) {
    m_ops += "1 0 0 1 ";
    append_number(m_ops, run.origin.x);
    m_ops += ' ';
    append_number(m_ops, m_height - run.origin.y);
    m_ops += " Tm\n[";
    // TJ numbers are thousandths of the font size, positive = move left; Tw does not apply to
    // two-byte codes, so word spacing is an adjustment after each space.
    // Kerns are 1/1000 em already, negative = closer, so they are written negated.
    const double gap = -run.word_spacing * 1000.0 / run.size;
    const bool spaced = run.word_spacing != 0;
    const bool kerned = run.kern.size() == run.text.size();
    bool open = false;
    for (std::size_t i = 0; i < run.text.size(); ++i) {
        const char32_t cp = run.text[i];
        // a kern after an undrawn character (a soft hyphen) still moves the pen
        const int kern = kerned ? run.kern[i] : 0;
        if (is_drawn(cp)) {
            if (!open) {
                m_ops += '<';
                open = true;
            }
            append_hex4(m_ops, cp);
        }
        const double adjust = (cp == U' ' && spaced ? gap : 0) - kern;
        if (adjust != 0) {
            if (open) m_ops += '>';
            m_ops += ' ';
            append_number(m_ops, adjust);
            m_ops += ' ';
            open = false;
        }
    }
    if (open) m_ops += '>';
    m_ops += "] TJ\n";
}

Status Painter::fill_rect(const core::Rect& r, const core::Color& c) {
    if (auto s = end_text(); !s) return s;
    if (auto s = set_fill(c); !s) return s;
    const HPDF_STATUS status = HPDF_Page_Rectangle(
        m_page, static_cast<HPDF_REAL>(r.x), static_cast<HPDF_REAL>(m_height - r.bottom()),
        static_cast<HPDF_REAL>(r.width), static_cast<HPDF_REAL>(r.height));
    if (auto s = m_doc.check(status, "drawing a rectangle"); !s) return s;
    return m_doc.check(HPDF_Page_Fill(m_page), "filling a rectangle");
}

}  // namespace

bool is_drawn(char32_t cp) {
    if (cp == 0x00AD) return false;                             // soft hyphen
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return false;  // C0, DEL, C1
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;             // surrogates
    return cp <= 0xFFFF;
}

void append_number(std::string& out, double v) {
    if (!std::isfinite(v)) v = 0;
    v = std::clamp(v, -32767.0, 32767.0);
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

core::Result<core::Ok> draw_page(hpdf::Document& doc, HPDF_Page target, const layout::Page& page,
                                 PaintContext& context) {
    Painter painter(doc, target, page.size.height, context);
    for (const layout::Item& item : page.items) {
        if (auto r = std::visit(painter, item); !r) return r;
    }
    return painter.finish();
}

}  // namespace folio::pdf
