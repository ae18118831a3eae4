// write_pdf: a PagedDocument to PDF bytes through libharu 2.3.0.
//
// Recipe:
//   1. open a libharu document; Flate for everything and the UTF-8 encoders, before any font or
//      page exists (each takes its filter when it is created)
//   2. plan each face some glyph run uses, once per file, start its subset program on other
//      threads, and make it a font with a valid ToUnicode map; its widths and CIDToGIDMap cover
//      the code points the runs draw with it
//   3. pass 1: add every page, sized to trim + bleed + slug, with its TrimBox and BleedBox, and
//      register the fonts and images its items use (page_setup.cpp; images are embedded on
//      first use)
//   4. when tagged, plan the structure tree and the marked content of every item; start
//      painting and compressing the content streams on worker threads (draw_page.cpp,
//      page_contents.cpp); libharu is not thread-safe, so they do not touch it, and the calling
//      thread carries on with libharu meanwhile:
//   5. pass 2: link annotations and the outline; their destinations need every page to exist;
//      when tagged, the structure tree planned in step 4 (tagging.cpp, hpdf_structure.cpp)
//   6. navigation: page labels, open on page 1, page layout, title in the window bar
//   7. the document information, dated only from options.date_epoch; for PDF/A the XMP packet
//      that repeats it and the sRGB output intent (archival.cpp)
//   8. the header version: 1.7 for PDF/A and tagged files, else 1.4 when an image has a soft mask, 1.5 for a
//      two-page layout, else libharu's 1.3
//   9. embed each font's program, made on worker threads since step 2 (font_programs.cpp:
//      HarfBuzz's subsetter, not libharu's), and point each page at its stream in the painters
//  10. save to memory with a placeholder /ID while the painters finish (libharu waits for a
//      page that is not ready yet), then fill in the ID from the SHA-256 of the file
// Any libharu failure ends the document (its errors are sticky) and becomes a "pdf.write" error.

#include "pdf/write_pdf.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_map>

#include "core/uri.hpp"
#include "core/utf8.hpp"
#include "pdf/archival.hpp"
#include "pdf/draw_page.hpp"
#include "pdf/font_programs.hpp"
#include "pdf/hpdf_adapter.hpp"
#include "pdf/images.hpp"
#include "pdf/marks.hpp"
#include "pdf/page_contents.hpp"
#include "pdf/page_setup.hpp"
#include "pdf/tagging.hpp"

namespace folio::pdf {
namespace {

using Status = core::Result<core::Ok>;

core::Diagnostic error(std::string message) {
    return core::Diagnostic{core::Severity::error, "pdf.write", std::move(message), {}};
}

/// Where a node landed: its page and its point there (top-left origin).
struct Landing {
    std::size_t page = 0;
    core::Point at;
};
using Landings = std::unordered_map<doc::NodeId, Landing>;

/// Percent-encodes what may not appear raw in a URI: spaces, controls, non-ASCII bytes and the
/// characters RFC 3986 never allows. libharu writes the URI bytes as given.
std::string percent_encode(std::string_view uri) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(uri.size());
    for (char ch : uri) {
        const auto b = static_cast<unsigned char>(ch);
        const bool unsafe = b <= 0x20 || b >= 0x7F ||
                            std::string_view("\"<>\\^`{|}").find(ch) != std::string_view::npos;
        if (unsafe) {
            out += '%';
            out += digits[b >> 4];
            out += digits[b & 0xF];
        } else {
            out += ch;
        }
    }
    return out;
}

/// The PDF rectangle (bottom-left origin of the media box) of a layout rectangle.
HPDF_Rect pdf_rect(const core::Rect& r, const PageFrame& frame) {
    return HPDF_Rect{static_cast<HPDF_REAL>(frame.x(r.x)), static_cast<HPDF_REAL>(frame.y(r.bottom())),
                     static_cast<HPDF_REAL>(frame.x(r.right())), static_cast<HPDF_REAL>(frame.y(r.y))};
}

/// Step 2a: the faces glyph runs use, once per file in FontId order (so subset tags are stable),
/// each read (if prepare did not) and with the code points drawn with it through any of its
/// FontIds, and what its embedded program must hold.
struct FontPlan {
    std::vector<std::string> paths;                 ///< [file]
    std::vector<const char*> names;                 ///< [file] libharu's name of the read file
    std::vector<std::vector<char32_t>> code_points; ///< [file] ascending
    std::vector<FontProgramRequest> programs;       ///< [file]
    std::vector<std::size_t> file_of;               ///< [FontId] its file, or SIZE_MAX when unused
};

core::Result<FontPlan> plan_fonts(hpdf::Document& doc, const layout::PagedDocument& pages, unsigned threads,
                                  const std::vector<text::Face>& faces,
                                  const std::map<std::string, const char*>& read_already, bool tagged) {
    std::vector<bool> used(faces.size(), false);
    for (const layout::Page& page : pages.pages) {
        for (const layout::Item& item : page.items) {
            const auto* run = std::get_if<layout::GlyphRun>(&item);
            if (run == nullptr) continue;
            if (run->font >= faces.size()) {
                return core::unexpected(error("glyph run uses font " + std::to_string(run->font) +
                                              " but only " + std::to_string(faces.size()) +
                                              " faces were given"));
            }
            used[run->font] = true;
        }
    }
    // The files, in the order of the first FontId that names each.
    FontPlan plan;
    plan.file_of.assign(faces.size(), SIZE_MAX);
    for (std::size_t id = 0; id < faces.size(); ++id) {
        if (!used[id]) continue;
        const auto known = std::find(plan.paths.begin(), plan.paths.end(), faces[id].path);
        plan.file_of[id] = static_cast<std::size_t>(known - plan.paths.begin());
        if (known == plan.paths.end()) plan.paths.push_back(faces[id].path);
    }
    // The code points of each file, over all the FontIds that name it.
    const GlyphUse drawn = glyph_use(pages, faces.size(), threads);
    GlyphUse by_file(plan.paths.size());
    for (std::size_t id = 0; id < faces.size(); ++id) {
        if (!used[id]) continue;
        for (char32_t cp : drawn.code_points(id)) by_file.add(plan.file_of[id], cp);
        if (tagged) by_file.add(plan.file_of[id], U' ');  // the word space a tagged line ends with
    }
    for (std::size_t f = 0; f < plan.paths.size(); ++f) {
        const std::string& path = plan.paths[f];
        const auto read = read_already.find(path);
        const char* name = nullptr;
        if (is_cff_font_file(path)) {  // libharu cannot read it: folio embeds it alone (issue 20)
            std::vector<std::pair<char32_t, std::uint16_t>> wanted;
            for (char32_t cp : by_file.code_points(f)) wanted.emplace_back(cp, 0);
            plan.names.push_back(nullptr);
            plan.code_points.push_back(by_file.code_points(f));
            plan.programs.push_back({path, std::move(wanted), true});
            continue;
        }
        if (read != read_already.end()) {
            name = read->second;
        } else {
            auto loaded = hpdf::load_font_file(doc, path);
            if (!loaded) return core::unexpected(loaded.error());
            name = *loaded;
        }
        std::vector<char32_t> code_points = by_file.code_points(f);
        auto glyphs = hpdf::glyph_ids(doc, name, code_points);
        if (!glyphs) return core::unexpected(glyphs.error());
        plan.names.push_back(name);
        plan.code_points.push_back(std::move(code_points));
        plan.programs.push_back({path, std::move(*glyphs)});
    }
    return plan;
}

/// The fonts of a document: by FontId for the pages, and once per file.
struct LoadedFonts {
    FontTable table;
    std::vector<HPDF_Font> files;  ///< [file] of the plan
};

/// Step 2b: makes each planned file a UTF-8 font whose widths cover the code points drawn with it.
core::Result<LoadedFonts> make_fonts(hpdf::Document& doc, const FontPlan& plan) {
    LoadedFonts out;
    for (std::size_t f = 0; f < plan.paths.size(); ++f) {
        auto font = plan.names[f] == nullptr ? hpdf::new_cff_font(doc)
                                              : hpdf::load_font(doc, plan.paths[f], plan.names[f], plan.code_points[f]);
        if (!font) return core::unexpected(font.error());
        out.files.push_back(*font);
    }
    out.table.fonts.assign(plan.file_of.size(), nullptr);
    for (std::size_t id = 0; id < plan.file_of.size(); ++id) {
        if (plan.file_of[id] != SIZE_MAX) out.table.fonts[id] = out.files[plan.file_of[id]];
    }
    return out;
}

/// Where each node landed: its first Anchor, else the page it is the first block of.
Landings find_landings(const layout::PagedDocument& pages) {
    Landings landings;
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        for (const layout::Item& item : pages.pages[i].items) {
            if (const auto* a = std::get_if<layout::Anchor>(&item))
                landings.emplace(a->node, Landing{i, a->at});
        }
    }
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        const doc::NodeId first = pages.pages[i].first_node;
        if (first != doc::no_node) landings.emplace(first, Landing{i, {0, 0}});
    }
    return landings;
}

/// A destination that shows `landing` at the top of the window, at the viewer's current zoom.
core::Result<HPDF_Destination> destination(hpdf::Document& doc, const std::vector<PageFrame>& frames,
                                           const std::vector<HPDF_Page>& handles,
                                           const Landing& landing) {
    HPDF_Page page = handles[landing.page];
    auto dest = doc.check_handle(HPDF_Page_CreateDestination(page), "creating a destination");
    if (!dest) return dest;
    const double top = frames[landing.page].y(landing.at.y);
    if (auto r = hpdf::set_xyz_keep_zoom(doc, *dest, page, 0, top); !r)
        return core::unexpected(r.error());
    return dest;
}

/// Step 5a: one borderless link annotation per LinkArea, each also in `made` (by LinkArea, null
/// where none was made). Internal links whose target never landed on a page are left out (there
/// is nowhere to go).
Status add_links(hpdf::Document& doc, const layout::PagedDocument& pages,
                 const std::vector<PageFrame>& frames, const std::vector<HPDF_Page>& handles,
                 const Landings& landings, std::vector<HPDF_Annotation>& made) {
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        for (const layout::Item& item : pages.pages[i].items) {
            const auto* link = std::get_if<layout::LinkArea>(&item);
            if (link == nullptr) continue;
            made.push_back(nullptr);
            const HPDF_Rect rect = pdf_rect(link->rect, frames[i]);
            HPDF_Annotation annot = nullptr;
            if (!link->uri.empty()) {
                if (!core::is_allowed_link(link->uri)) continue;  // the reader warned already
                const std::string uri = percent_encode(link->uri);
                auto a =
                    doc.check_handle(HPDF_Page_CreateURILinkAnnot(handles[i], rect, uri.c_str()),
                                     "adding a link to " + uri);
                if (!a) return core::unexpected(a.error());
                annot = *a;
            } else {
                const auto landing = landings.find(link->target);
                if (landing == landings.end()) continue;
                auto dest = destination(doc, frames, handles, landing->second);
                if (!dest) return core::unexpected(dest.error());
                auto a =
                    doc.check_handle(HPDF_Page_CreateLinkAnnot(handles[i], rect, *dest),
                                     "adding an internal link on page " + std::to_string(i + 1));
                if (!a) return core::unexpected(a.error());
                annot = *a;
            }
            if (auto r = doc.check(HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0),
                                   "removing a link border");
                !r) {
                return r;
            }
            if (auto r = hpdf::set_print_flag(doc, annot); !r) return r;
            if (auto r = hpdf::compact_keys(doc, annot); !r) return r;  // settled: bytes now (#23)
            made.back() = annot;
        }
    }
    return core::Ok{};
}

/// Step 5b: one bookmark per entry, nested by level (an entry goes under the last entry of a
/// shallower level); opens the outline panel when there is one.
Status add_outline(hpdf::Document& doc, const layout::PagedDocument& pages,
                   const std::vector<PageFrame>& frames, const std::vector<HPDF_Page>& handles) {
    if (pages.outline.empty()) return core::Ok{};
    auto encoder =
        doc.check_handle(HPDF_GetEncoder(doc.get(), "UTF-8"), "getting the UTF-8 encoder");
    if (!encoder) return core::unexpected(encoder.error());
    std::vector<HPDF_Outline> open;  // open[k]: the last bookmark of level k + 1
    for (const layout::OutlineEntry& entry : pages.outline) {
        if (entry.page >= pages.pages.size()) continue;  // a heading that landed nowhere
        const auto level = static_cast<std::size_t>(std::max(1, entry.level));
        HPDF_Outline parent = nullptr;
        for (std::size_t k = std::min(level - 1, open.size()); k > 0 && parent == nullptr; --k)
            parent = open[k - 1];
        const std::string title = sanitize(entry.title);
        auto outline =
            doc.check_handle(HPDF_CreateOutline(doc.get(), parent, title.c_str(), *encoder),
                             "adding the bookmark \"" + title + "\"");
        if (!outline) return core::unexpected(outline.error());
        auto dest = destination(doc, frames, handles, Landing{entry.page, {0, entry.y}});
        if (!dest) return core::unexpected(dest.error());
        if (auto r = doc.check(HPDF_Outline_SetDestination(*outline, *dest),
                               "setting a bookmark destination");
            !r) {
            return r;
        }
        if (auto r = doc.check(HPDF_Outline_SetOpened(*outline, HPDF_TRUE), "opening a bookmark");
            !r)
            return r;
        if (auto r = hpdf::compact_keys(doc, *outline); !r) return r;  // (its children's keys follow)
        open.resize(level, nullptr);
        open[level - 1] = *outline;
    }
    return doc.check(HPDF_SetPageMode(doc.get(), HPDF_PAGE_MODE_USE_OUTLINE),
                     "opening the outline panel");
}

/// Step 6: page labels, the open action, the page layout and the title in the window bar.
Status set_navigation(hpdf::Document& doc, const layout::PagedDocument& pages,
                      const std::vector<HPDF_Page>& handles, const PdfOptions& options) {
    // Labels as printed: a cover is labelled "Cover" with no number; the other pages carry the
    // numbers of their running footers, which count the cover (the first body page is 2).
    const bool cover = !pages.pages.empty() && pages.pages.front().master == "cover";
    if (cover) {
        if (auto r = hpdf::add_unnumbered_label(doc, 0, "Cover"); !r) return r;
    }
    const bool back = pages.pages.size() > 1 && pages.pages.back().master == "back-cover";
    const std::size_t numbered_end = handles.size() - (back ? 1 : 0);
    if ((cover ? 1u : 0u) < numbered_end) {
        if (auto r = doc.check(HPDF_AddPageLabel(doc.get(), cover ? 1 : 0, HPDF_PAGE_NUM_STYLE_DECIMAL,
                                                 cover ? 2 : 1, nullptr),
                               "adding page labels");
            !r)
            return r;
    }
    if (back) {
        if (auto r = hpdf::add_unnumbered_label(doc, static_cast<HPDF_UINT>(handles.size() - 1), "Back cover"); !r)
            return r;
    }
    auto open = doc.check_handle(HPDF_Page_CreateDestination(handles.front()),
                                 "creating the open action");
    if (!open) return core::unexpected(open.error());
    if (auto r = doc.check(HPDF_Destination_SetFit(*open), "fitting the first page"); !r) return r;
    if (auto r = doc.check(HPDF_SetOpenAction(doc.get(), *open), "setting the open action"); !r)
        return r;
    const HPDF_PageLayout layout =
        options.two_page_spread ? HPDF_PAGE_LAYOUT_TWO_PAGE_RIGHT : HPDF_PAGE_LAYOUT_SINGLE;
    if (auto r = doc.check(HPDF_SetPageLayout(doc.get(), layout), "setting the page layout"); !r)
        return r;
    return hpdf::display_doc_title(doc);
}

/// The Info strings: Title, Author (else the organisation), Subject (else the subtitle),
/// Keywords, Creator and Producer, made safe for libharu's UTF-16 conversion.
InfoValues info_values(const doc::Metadata& meta, const PdfOptions& options) {
    std::string keywords;
    for (const std::string& k : meta.keywords) {
        if (k.empty()) continue;
        if (!keywords.empty()) keywords += ", ";
        keywords += k;
    }
    InfoValues v;
    v.title = sanitize(meta.title);
    v.author = sanitize(meta.author.empty() ? meta.organisation : meta.author);
    v.subject = sanitize(meta.description.empty() ? meta.subtitle : meta.description);
    v.keywords = sanitize(keywords);
    v.creator = sanitize(options.creator);
    v.producer = sanitize(options.creator + " (libHaru " HPDF_VERSION_TEXT ")");
    return v;
}

/// Step 7: the Info dictionary as UTF-16 strings, with both dates set to `date` when there is
/// one (libharu writes D:YYYYMMDDHHmmSS+00'00').
Status set_info(hpdf::Document& doc, const InfoValues& info, const std::optional<CivilTime>& date) {
    if (auto r =
            doc.check(HPDF_SetCurrentEncoder(doc.get(), "UTF-8"), "selecting the UTF-8 encoder");
        !r)
        return r;
    const std::pair<HPDF_InfoType, const std::string*> entries[] = {
        {HPDF_INFO_TITLE, &info.title},       {HPDF_INFO_AUTHOR, &info.author},
        {HPDF_INFO_SUBJECT, &info.subject},   {HPDF_INFO_KEYWORDS, &info.keywords},
        {HPDF_INFO_CREATOR, &info.creator},   {HPDF_INFO_PRODUCER, &info.producer},
    };
    for (const auto& [type, value] : entries) {
        if (value->empty()) continue;
        if (auto r = doc.check(HPDF_SetInfoAttr(doc.get(), type, value->c_str()),
                               "setting document info");
            !r) {
            return r;
        }
    }
    if (!date) return core::Ok{};
    const HPDF_Date d{date->year, date->month, date->day, date->hour, date->minute, date->second,
                      '+', 0, 0};
    for (HPDF_InfoType type : {HPDF_INFO_CREATION_DATE, HPDF_INFO_MOD_DATE}) {
        if (auto r = doc.check(HPDF_SetInfoDateAttr(doc.get(), type, d), "setting a document date");
            !r)
            return r;
    }
    return core::Ok{};
}

/// Step 7 for PDF/A-2 and PDF/UA-1: the XMP packet (PDF/A-2a when tagged, else 2b; pdfuaid
/// when tagged) and, for PDF/A, the sRGB output intent.
Status make_archival(hpdf::Document& doc, const InfoValues& info,
                     const std::optional<CivilTime>& date, const PdfOptions& options, bool tagged) {
    const XmpClaims claims{options.pdfa ? (tagged ? 'A' : 'B') : '\0', tagged};
    if (!options.pdfa) return hpdf::add_metadata(doc, build_xmp(info, date, claims));
    if (options.output_intent_icc.size() < 128 ||
        options.output_intent_icc.compare(36, 4, "acsp") != 0) {
        return core::unexpected(
            error("PDF/A needs an ICC profile for its output intent, and none (or no valid one) "
                  "was given"));
    }
    if (auto r = hpdf::add_metadata(doc, build_xmp(info, date, claims)); !r) return r;
    return hpdf::add_output_intent(doc, options.output_intent_icc, 3, "sRGB IEC61966-2.1",
                                   "sRGB IEC61966-2.1");
}

/// About how many libharu objects a page makes (page, contents, their lengths, links and their
/// destinations, bookmarks) and how many bytes of the file it takes; estimates that only size
/// buffers up front.
constexpr std::size_t objects_per_page = 32;
constexpr std::size_t bytes_per_page = std::size_t{8} * 1024;
constexpr std::size_t fixed_bytes = std::size_t{512} * 1024;  ///< fonts, images, catalog, xref

}  // namespace

struct Preparation::Impl {
    hpdf::Document doc;
    std::map<std::string, const char*> read;  ///< the font files read, by path: their names
};

Preparation::Preparation() = default;
Preparation::Preparation(Preparation&&) noexcept = default;
Preparation& Preparation::operator=(Preparation&&) noexcept = default;
Preparation::~Preparation() = default;

/// A document compressed throughout and with UTF-8 encoders, with the font files of
/// `font_paths` read (each once, in order).
core::Result<Preparation> prepare(const std::vector<std::string>& font_paths) {
    auto created = hpdf::Document::create();
    if (!created) return core::unexpected(created.error());
    Preparation out;
    out.impl = std::make_unique<Preparation::Impl>(Preparation::Impl{std::move(*created), {}});
    hpdf::Document& doc = out.impl->doc;
    if (auto r = doc.check(HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL), "enabling compression"); !r) {
        return core::unexpected(r.error());
    }
    if (auto r = doc.check(HPDF_UseUTFEncodings(doc.get()), "enabling UTF-8 encodings"); !r) {
        return core::unexpected(r.error());
    }
    for (const std::string& path : font_paths) {
        if (out.impl->read.contains(path) || is_cff_font_file(path)) continue;
        auto name = hpdf::load_font_file(doc, path);
        if (!name) return core::unexpected(name.error());
        out.impl->read.emplace(path, *name);
    }
    return out;
}

namespace {

/// Where write_document puts the file: into `bytes`, or into the open file `fd`, named `name`.
struct Output {
    std::string* bytes = nullptr;
    int fd = -1;
    const std::string* name = nullptr;
};

/// Step 10: saves `doc` to `output` while `contents` paints its last pages (of `page_count`),
/// with the /ID made from the file's own hash.
core::Result<core::Ok> save(hpdf::Document& doc, ContentBuilder& contents, std::size_t page_count,
                            const Output& output) {
    if (auto r = hpdf::add_id_placeholder(doc); !r) return core::unexpected(r.error());
    if (output.bytes == nullptr) {
        auto saved = doc.save_file(output.fd, *output.name);  // the /ID is filled in as it finishes
        if (auto painted = contents.finish(); !painted) return core::unexpected(painted.error());
        if (!saved) return core::unexpected(saved.error());
        return core::Ok{};
    }
    auto bytes = doc.save(page_count * bytes_per_page + fixed_bytes);
    if (auto painted = contents.finish(); !painted) return core::unexpected(painted.error());
    if (!bytes) return core::unexpected(bytes.error());
    if (!hpdf::fill_in_id(*bytes)) {
        return core::unexpected(error("the file identifier placeholder is missing from the PDF"));
    }
    *output.bytes = std::move(*bytes);
    return core::Ok{};
}

core::Result<core::Ok> write_document(const layout::PagedDocument& pages, const doc::Metadata& meta,
                                      const std::vector<text::Face>& faces,
                                      const std::vector<image::Image>& images, const PdfOptions& options,
                                      const Output& output, Preparation* prepared) {
    if (pages.pages.empty()) return core::unexpected(error("the document has no pages to write"));

    // 1. The document (begun by prepare, or now) and the font files it has read.
    Preparation own;
    if (prepared == nullptr || !prepared->impl) {
        auto begun = prepare({});
        if (!begun) return core::unexpected(begun.error());
        own = std::move(*begun);
        prepared = &own;
    }
    hpdf::Document& doc = prepared->impl->doc;
    (void)doc.get();  // this thread's libharu calls now allocate from the document's memory

    // 2. Fonts.
    const bool tagged = options.structure != nullptr && !options.structure->empty();
    auto plan = plan_fonts(doc, pages, options.threads, faces, prepared->impl->read, tagged);
    if (!plan) return core::unexpected(plan.error());
    // Their embedded programs, made on other threads from here to step 9.
    FontProgramBuilder programs(std::move(plan->programs), options.threads, options.cache_dir);
    auto loaded = make_fonts(doc, *plan);
    if (!loaded) return core::unexpected(loaded.error());
    const FontTable* fonts = &loaded->table;

    // 3. Pages, boxes and resources. PDF/A (sRGB output intent) keeps to RGB.
    const ColourPolicy colours = options.pdfa   ? ColourPolicy::rgb
                                 : options.cmyk ? ColourPolicy::cmyk
                                                : ColourPolicy::as_given;
    std::vector<PageFrame> frames;
    frames.reserve(pages.pages.size());
    for (const layout::Page& page : pages.pages) frames.push_back(frame_of(page, options.marks));
    if (auto r = hpdf::expect_size(doc, pages.pages.size() * objects_per_page, pages.pages.size()); !r)
        return core::unexpected(r.error());
    ImageTable image_table(images, colours);
    auto set_up = set_up_pages(doc, pages, frames, *fonts, image_table);
    if (!set_up) return core::unexpected(set_up.error());
    const std::vector<HPDF_Page>& handles = set_up->handles;

    // 4. The content streams, painted and compressed on other threads from here to step 10,
    //    with the marked content of the structure tree planned first (tagging.cpp).
    const StructurePlan structure = tagged ? plan_structure(pages, *options.structure, frames) : StructurePlan{};
    ContentBuilder contents(pages, frames, set_up->resources,
                            PaintSettings{colours, options.marks, tagged ? &structure.pages : nullptr},
                            options.threads);

    // 5. Links and bookmarks, now that every destination page exists; the structure tree.
    std::vector<HPDF_Annotation> annotations;
    if (auto r = add_links(doc, pages, frames, handles, find_landings(pages), annotations); !r)
        return core::unexpected(r.error());
    hpdf::StructureObjects structure_objects;  // read by libharu when it saves (step 10)
    if (tagged) {
        if (auto r = hpdf::write_structure(doc, structure, handles, annotations, structure_objects); !r)
            return core::unexpected(r.error());
    }
    if (auto r = add_outline(doc, pages, frames, handles); !r) return core::unexpected(r.error());

    // 6. Navigation.
    if (auto r = set_navigation(doc, pages, handles, options); !r) return core::unexpected(r.error());

    // 7. Document information, and the PDF/A metadata that mirrors it.
    const InfoValues info = info_values(meta, options);
    const std::optional<CivilTime> date =
        options.date_epoch >= 0 ? civil_time(options.date_epoch) : std::nullopt;
    if (auto r = set_info(doc, info, date); !r) return core::unexpected(r.error());
    if (options.pdfa || tagged) {
        if (auto r = make_archival(doc, info, date, options, tagged); !r) return core::unexpected(r.error());
    }

    // 8. The header version.
    if (image_table.uses_smask()) hpdf::require_version(doc, HPDF_VER_14);
    if (options.two_page_spread) hpdf::require_version(doc, HPDF_VER_15);
    if (options.pdfa || tagged) hpdf::require_version(doc, HPDF_VER_17);  // PDF/UA-1 is ISO 32000-1

    // 9. The fonts take their programs (text drawn with them is final), and each page takes
    //    its content stream from the painters when libharu saves it.
    auto made = programs.finish();
    if (!made) return core::unexpected(made.error());
    const auto to_unicode = deflate_font_data(hpdf::identity_to_unicode_cmap());
    if (!to_unicode) return core::unexpected(error("zlib could not compress a ToUnicode map"));
    for (std::size_t i = 0; i < loaded->files.size(); ++i) {
        const FontProgram& program = (*made)[i];
        if (auto r = program.cff ? hpdf::embed_cff_font(doc, loaded->files[i], program, *to_unicode)
                                 : hpdf::embed_font_program(doc, loaded->files[i], program.font_file,
                                                            program.font_length, program.gid_map, *to_unicode);
            !r) {
            return core::unexpected(r.error());
        }
    }
    for (std::size_t i = 0; i < handles.size(); ++i) {
        const hpdf::DeferredContent content{&ContentBuilder::supply, &contents, i, &ContentBuilder::release};
        if (auto r = hpdf::set_deflated_content(doc, handles[i], content); !r)
            return core::unexpected(r.error());
    }

    // 10. The bytes, saved while the last pages are painted, identified by their own hash.
    return save(doc, contents, pages.pages.size(), output);
}

}  // namespace

core::Result<std::string> write_pdf(const layout::PagedDocument& pages, const doc::Metadata& meta,
                                    const std::vector<text::Face>& faces,
                                    const std::vector<image::Image>& images,
                                    const PdfOptions& options) {
    std::string bytes;
    if (auto r = write_document(pages, meta, faces, images, options, Output{&bytes, -1, nullptr}, nullptr); !r) {
        return core::unexpected(r.error());
    }
    return bytes;
}

core::Result<core::Ok> write_pdf_file(const layout::PagedDocument& pages, const doc::Metadata& meta,
                                      const std::vector<text::Face>& faces,
                                      const std::vector<image::Image>& images, const PdfOptions& options,
                                      int fd, const std::string& name, Preparation* prepared) {
    return write_document(pages, meta, faces, images, options, Output{nullptr, fd, &name}, prepared);
}

std::optional<std::int64_t> date_epoch_of(std::string_view iso_date) {
    return date_to_epoch(iso_date);
}

}  // namespace folio::pdf
