// layout_document: the whole layout, as a recipe:
//   1. the cover page, if the source has one, from the metadata in the cover-* styles;
//   2. the body cut into units (build_units.cpp) and paginated into columns (paginate.cpp): only
//      geometry and the few items of the units themselves, the text waits for step 5;
//   3. running headers and footers with their fields filled in;
//   4. when the contents or cross-references print page numbers, steps 1-2 run again with the
//      page numbers of the previous pass, until they no longer change (at most a few passes);
//      a pass whose re-set cross-reference paragraphs all keep their lines is not paginated, as
//      nothing would move;
//   5. the settled pagination is filled with the text (fill_pages.cpp), and step 3 adds headers and
//      footers.

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/jobs.hpp"
#include "core/utf8.hpp"
#include "layout/inline.hpp"
#include "layout/layout.hpp"
#include "layout/line_fit.hpp"
#include "layout/paginate.hpp"
#include "layout/placement.hpp"

namespace folio::layout {
namespace {

using doc::NodeId;
using style::ComputedStyle;

constexpr int max_passes = 5;

/// A run of display text (the cover, running heads) in `st`, transformed as `st` says in
/// language `lang`.
GlyphRun make_run(const std::u32string& text, const ComputedStyle& st, text::FontProvider& fonts, double x,
                  double baseline, NodeId node, const std::string& lang) {
    GlyphRun run;
    run.font = font_of(st, fonts);
    run.size = st.font_size;
    run.color = st.color;
    run.letter_spacing = st.letter_spacing;
    run.text = st.text_transform == style::TextTransform::none ? text : realize::upper_case(text, lang);
    run.width = measure_kerned(run.text, st, run.font, fonts, &run.kern);  // kerned like body text
    if (std::all_of(run.kern.begin(), run.kern.end(), [](std::int16_t k) { return k == 0; })) run.kern.clear();
    run.origin = {x, baseline};
    run.node = node;
    return run;
}

/// Greedy line filling for short display text (the cover): returns the runs, advancing `y`.
std::vector<GlyphRun> wrap(const std::string& text, const ComputedStyle& st, text::FontProvider& fonts,
                           const core::Rect& box, double& y, const std::string& lang) {
    std::vector<GlyphRun> out;
    auto words = core::decode_utf8(text).text;
    if (st.text_transform != style::TextTransform::none) words = realize::upper_case(words, lang);  // as drawn
    std::u32string line;
    std::u32string word;
    const double pitch = st.font_size * st.line_height;
    auto emit = [&] {
        if (line.empty()) return;
        GlyphRun run = make_run(line, st, fonts, box.x, y + pitch * 0.8, doc::no_node, lang);
        if (st.text_align == style::TextAlign::right) run.origin.x = box.right() - run.width;
        else if (st.text_align == style::TextAlign::center) run.origin.x = box.x + (box.width - run.width) / 2;
        out.push_back(std::move(run));
        y += pitch;
        line.clear();
    };
    for (std::size_t i = 0; i <= words.size(); ++i) {
        if (i < words.size() && words[i] != U' ') { word.push_back(words[i]); continue; }
        if (word.empty()) continue;
        if (measure_kerned(word, st, font_of(st, fonts), fonts, nullptr) > box.width) {  // cut it (issue 16)
            auto pieces = split_to_width(word, box.width, st, font_of(st, fonts), fonts);
            word = std::move(pieces.back());
            pieces.pop_back();
            for (auto& piece : pieces) {
                emit();
                line = std::move(piece);
            }
        }
        const std::u32string candidate = line.empty() ? word : line + U' ' + word;
        if (!line.empty() && measure_kerned(candidate, st, font_of(st, fonts), fonts, nullptr) > box.width) {
            emit();
            line = word;
        } else {
            line = candidate;
        }
        word.clear();
    }
    emit();
    return out;
}

/// `st` at `scale` times its size (type, letter spacing and vertical margins).
ComputedStyle scaled(const ComputedStyle& st, double scale) {
    ComputedStyle out = st;
    out.font_size *= scale;
    out.letter_spacing *= scale;
    out.margin_top *= scale;
    out.margin_bottom *= scale;
    return out;
}

/// The cover's text at `scale` into `out`: the title, subtitle and tagline from `y` down, the
/// organisation (or author) with its last line at the foot of `box`. False when they do not fit:
/// the title block runs into the organisation or past the box.
bool cover_text(const style::StyledDocument& styled, text::FontProvider& fonts, const core::Rect& box, double y,
                double scale, const std::string& lang, std::vector<Item>& out) {
    const auto& meta = styled.doc().meta;
    auto add = [&](const std::string& text, const char* part) {
        if (text.empty()) return;
        const ComputedStyle st = scaled(styled.named_style(part), scale);
        y += st.margin_top;
        for (auto& r : wrap(text, st, fonts, box, y, lang)) out.emplace_back(std::move(r));
        y += st.margin_bottom;
    };
    add(meta.title, "cover-title");
    add(meta.subtitle, "cover-subtitle");
    add(meta.cover.tagline, "cover-tagline");
    double foot = box.bottom();
    const std::string org = meta.organisation.empty() ? meta.author : meta.organisation;
    if (!org.empty()) {
        const ComputedStyle st = scaled(styled.named_style("cover-organisation"), scale);
        double height = 0;
        (void)wrap(org, st, fonts, box, height, lang);  // (to know how many lines it takes)
        foot = box.bottom() - height;
        double oy = foot;
        for (auto& r : wrap(org, st, fonts, box, oy, lang)) out.emplace_back(std::move(r));
    }
    return y <= foot && foot >= box.y;
}

void cover_page(const realize::RealizedDocument& realized, text::FontProvider& fonts, PagedDocument& out) {
    const style::StyledDocument& styled = realized.styled();
    const auto& meta = styled.doc().meta;
    const std::string& lang = realized.language(styled.doc().root());
    const style::PageStyle& master = styled.master("cover") ? *styled.master("cover") : styled.page;
    Page page = blank_page(master, "cover");
    const double b = master.bleed;
    const core::Rect box = master.content_box();
    double y = box.y;
    if (!meta.cover.image.empty()) {
        // Full bleed across the top of the page, keeping the aspect ratio.
        const auto px = realized.image_size(meta.cover.image);
        const double w = page.size.width + 2 * b;
        double h = px ? w * px->height / px->width : page.size.height * 0.5;
        h = std::min(h, page.size.height * 0.62 + b);
        const image::Image* img = realized.image(meta.cover.image);
        if (img != nullptr && img->format == image::Format::svg) {
            page.items.emplace_back(VectorBox{{-b, -b, w, h}, meta.cover.image, doc::no_node});
        } else {
            page.items.emplace_back(ImageBox{{-b, -b, w, h}, meta.cover.image, doc::no_node});
        }
        y = std::max(y, h - b + styled.named_style("cover-title").font_size);
    } else {
        y = box.y + box.height * 0.30;
    }
    page.items.emplace_back(Anchor{{box.x, y}, styled.doc().root()});
    // Too long a title, subtitle or organisation for the cover is set smaller until it fits.
    std::vector<Item> text;
    for (double scale = 1; !cover_text(styled, fonts, box, y, scale, lang, text) && scale > 0.05; scale *= 0.85) {
        text.clear();
    }
    for (auto& item : text) page.items.push_back(std::move(item));
    page.first_node = styled.doc().root();
    out.pages.push_back(std::move(page));
}

/// The back cover: the address block at the foot of a page of the cover master.
void back_cover_page(const realize::RealizedDocument& realized, text::FontProvider& fonts, PagedDocument& out) {
    const style::StyledDocument& styled = realized.styled();
    const std::string& lang = realized.language(styled.doc().root());
    const auto& back = styled.doc().meta.back_cover;
    const style::PageStyle& master = styled.master("cover") ? *styled.master("cover") : styled.page;
    Page page = blank_page(master, "back-cover");
    const core::Rect box = master.content_box();
    // Lines that wrap push the block up; a block taller than the page is set smaller until it fits.
    for (double scale = 1;; scale *= 0.85) {
        const ComputedStyle st = scaled(styled.named_style("back-cover"), scale);
        double height = 0;
        for (const auto& line : back.lines) (void)wrap(line, st, fonts, box, height, lang);
        if (height > box.height && scale > 0.05) continue;
        double y = box.bottom() - height;
        for (const auto& line : back.lines) {
            for (auto& r : wrap(line, st, fonts, box, y, lang)) page.items.emplace_back(std::move(r));
        }
        break;
    }
    page.first_node = styled.doc().root();
    out.pages.push_back(std::move(page));
}

const style::RunningContent* running_for(const std::vector<std::pair<std::string, style::RunningContent>>& list,
                                         const std::optional<style::RunningContent>& fallback, const std::string& master) {
    for (const auto& [name, rc] : list) if (name == master) return &rc;
    return fallback ? &*fallback : nullptr;
}

/// Headers and footers on the pages from `first_body` on, the pages shared among `threads`
/// threads (0: one per core) when the fonts are thread-safe. `{pages}` counts every page of the
/// document: those laid out so far and `later` more (the back cover) that carry no footer.
void running_content(const realize::RealizedDocument& realized, text::FontProvider& fonts, PagedDocument& out,
                     std::size_t first_body, unsigned threads, std::size_t later) {
    const style::StyledDocument& styled = realized.styled();
    const std::string& lang = realized.language(styled.doc().root());
    const std::size_t total = out.pages.size();
    // {section}: the first top-level section that starts on the page, else the last one before it.
    std::vector<const std::string*> first_on(total, nullptr);
    std::vector<const std::string*> last_on(total, nullptr);
    for (const auto& e : out.outline) {
        if (e.level != 1) continue;
        if (first_on[e.page] == nullptr) first_on[e.page] = &e.title;
        last_on[e.page] = &e.title;
    }
    const std::string none;
    std::vector<const std::string*> section_of(total, &none);
    const std::string* before = &none;  // the last section started on an earlier page
    for (std::size_t i = first_body; i < total; ++i) {
        section_of[i] = first_on[i] != nullptr ? first_on[i] : before;
        if (last_on[i] != nullptr) before = last_on[i];
    }
    auto one_page = [&](std::size_t i) {
        const std::string& current = *section_of[i];
        auto& page = out.pages[i];
        const style::PageStyle& master = styled.master(page.master) ? *styled.master(page.master) : styled.page;
        const core::Rect box = master.content_box((i + 1) % 2 == 0);
        auto place = [&](const style::RunningContent* rc, double baseline, bool header) {
            if (!rc || rc->content.empty()) return;
            std::string text = rc->content;
            auto replace = [&](const std::string& field, const std::string& value) {
                for (std::size_t at; (at = text.find(field)) != std::string::npos;) text.replace(at, field.size(), value);
            };
            replace("{page}", std::to_string(i + 1));
            replace("{pages}", std::to_string(total + later));
            replace("{title}", styled.doc().meta.title);
            replace("{section}", current);
            if (text.empty()) return;
            const ComputedStyle& st = rc->style;
            GlyphRun run = make_run(core::decode_utf8(text).text, st, fonts, box.x, baseline, doc::no_node, lang);
            fit_run(run, box.width, st, fonts);  // a long title or section ends in an ellipsis
            // Outside alignment on facing pages: "right" means the outer edge.
            auto align = st.text_align;
            if (master.margin_inside && (i + 1) % 2 == 0 && align == style::TextAlign::right) align = style::TextAlign::left;
            if (align == style::TextAlign::right) run.origin.x = box.right() - run.width;
            else if (align == style::TextAlign::center) run.origin.x = box.x + (box.width - run.width) / 2;
            if (rc->rule) {
                const double ry = header ? baseline + st.font_size * 0.6 : baseline - st.font_size * 1.3;
                page.items.emplace_back(FilledRect{{box.x, ry, box.width, 0.5}, st.color, doc::no_node});
            }
            page.items.emplace_back(std::move(run));
        };
        const bool first = i == first_body;
        if (!first || styled.master("first")) {
            place(running_for(styled.master_headers, styled.header, page.master), master.margin_top / 2, true);
        }
        place(running_for(styled.master_footers, styled.footer, page.master),
              master.size.height - master.margin_bottom / 2, false);
    };
    core::parallel_for(threads_for(threads, fonts, total - first_body, 64), total - first_body,
                       [&](std::size_t i) { one_page(first_body + i); });
}

/// One warning per character and source line, naming the page it lands on.
void report_missing(const style::StyledDocument& styled,
                    const std::vector<std::pair<MissingGlyph, doc::NodeId>>& missing, const PageMap& pages,
                    core::Diagnostics& diags) {
    std::vector<std::pair<char32_t, std::uint32_t>> seen;
    for (const auto& [m, block] : missing) {
        const auto& loc = styled.doc().node(m.node).location;
        if (std::find(seen.begin(), seen.end(), std::make_pair(m.character, loc.line)) != seen.end()) continue;
        seen.emplace_back(m.character, loc.line);
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(m.character));
        const auto page = pages.find(block);
        const auto& st = styled.style(m.node);
        std::string faces = "'" + st.font_family + "'";
        for (const auto& f : st.font_fallbacks) faces += ", '" + f + "'";
        diags.warning("text.missing-glyph",
                      std::string("character ") + code + " is in no font of " + faces + " and will not print" +
                          (page ? " (page " + std::to_string(*page + 1) + ")" : std::string()),
                      loc);
    }
}

bool needs_page_numbers(const doc::Document& d) {
    return std::any_of(d.nodes.begin(), d.nodes.end(), [](const doc::Node& n) {
        return n.kind == doc::NodeKind::contents || (n.kind == doc::NodeKind::link && n.reference);
    });
}

}  // namespace

std::size_t running_items(const style::StyledDocument& styled, const std::string& master) {
    std::size_t count = 0;
    for (const style::RunningContent* rc : {running_for(styled.master_headers, styled.header, master),
                                            running_for(styled.master_footers, styled.footer, master)}) {
        if (rc != nullptr && !rc->content.empty()) count += rc->rule ? 2 : 1;
    }
    return count;
}

core::Result<PagedDocument> layout_document(const style::StyledDocument& styled, text::FontProvider& fonts,
                                            core::Diagnostics& diags, const text::Hyphenator* hyphenator,
                                            unsigned threads) {
    const realize::RealizedDocument realized = realize::realize(styled, diags);
    auto laid = layout_document(realized, fonts, diags, hyphenator, threads);
    if (!laid) return core::unexpected(laid.error());
    return std::move(laid->document);
}

core::Result<LayoutResult> layout_document(const realize::RealizedDocument& realized, text::FontProvider& fonts,
                                           core::Diagnostics& diags, const text::Hyphenator* hyphenator,
                                           unsigned threads) {
    const style::StyledDocument& styled = realized.styled();
    if (styled.document == nullptr || styled.doc().nodes.empty()) {
        return core::unexpected({core::Severity::error, "layout.empty", "the document is empty", {}});
    }
    const double column_width = styled.page.column_width();
    const double full_width = styled.page.content_box().width;
    for (const auto& m : styled.masters) {
        if (m.name != "cover" && std::abs(m.column_width() - column_width) > 0.5) {
            diags.warning("layout.master-width", "page master '" + m.name +
                          "' has a different column width from the default page; its text is set at the default width",
                          {});
        }
    }
    const bool iterate = needs_page_numbers(styled.doc());
    PageMap pages;
    InlineCache cache;  // every pass measures the same words and most of the same paragraphs
    cache.threads = threads;
    if (iterate) {  // blocks without cross-references are laid out once, not once per pass
        const auto& nodes = styled.doc().nodes;
        cache.changes.assign(nodes.size(), 0);
        for (NodeId id = 0; id < nodes.size(); ++id) {
            if (nodes[id].kind != doc::NodeKind::link || !nodes[id].reference) continue;
            for (NodeId p = id; p != doc::no_node && !cache.changes[p]; p = nodes[p].parent) cache.changes[p] = 1;
        }
    }
    // Passes place units (their text stays in the cache) until the page numbers settle.
    bool settled = false;
    PagedDocument out;
    UnitList units;
    std::vector<LateSlot> slots;
    std::size_t first_body = 0;
    for (int pass = 0; pass <= max_passes && !settled; ++pass) {
        // With new page numbers, only the blocks with cross-references are set again; if each
        // keeps its lines, the last pagination stands, with these numbers.
        if (pass > 0 && lay_out_blocks(realized, fonts, hyphenator, column_width, full_width, pages, cache)) {
            settled = true;
            break;
        }
        out = {};
        slots.clear();
        if (styled.doc().meta.cover.present) cover_page(realized, fonts, out);
        first_body = out.pages.size();
        units = {};
        PageMap found;
        found.reserve(styled.doc().nodes.size());
        Pager pager(styled, units, out, found, slots);
        build_units(realized, fonts, hyphenator, column_width, full_width, pages, cache, units, &pager);
        pager.finish();
        settled = !iterate || found == pages;
        pages = std::move(found);
    }
    if (settled) {
        std::vector<std::pair<MissingGlyph, doc::NodeId>> missing;
        fill_pages(styled, fonts, units, slots, pages, cache, out, diags, missing);
        const bool back_cover = styled.doc().meta.back_cover.present;
        running_content(realized, fonts, out, first_body, threads, back_cover ? 1 : 0);
        if (back_cover) back_cover_page(realized, fonts, out);
        finish_placed(styled, units, out, pages, diags);  // positioned blocks to their pages (placement.hpp)
        paint_page_art(realized, out);                    // master backgrounds and bands (placement.hpp)
        place_link_qrs(realized, out, diags);             // print-qr codes beside links (placement.hpp)
        out.spots = styled.spots;
        report_missing(styled, missing, pages, diags);
        return LayoutResult{std::move(out), std::move(pages)};
    }
    return core::unexpected({core::Severity::error, "layout.unstable",
                             "page numbers of the contents and cross-references did not settle after " +
                                 std::to_string(max_passes) + " layout passes",
                             {styled.doc().source_path, 0, 0}});
}

}  // namespace folio::layout
