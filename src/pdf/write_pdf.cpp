// write_pdf: a PagedDocument to PDF bytes through libharu 2.3.0.
//
// Recipe:
//   1. open a libharu document; Flate for everything and the UTF-8 encoders, before any font or
//      page exists (each takes its filter when it is created)
//   2. load each face some glyph run uses, once per file, with a valid ToUnicode map
//   3. pass 1: add every page at its exact size and paint its items (draw_page.cpp)
//   4. pass 2: link annotations and the outline; their destinations need every page to exist
//   5. the document information, without dates, so identical input gives identical bytes
//   6. save to memory
// Any libharu failure ends the document (its errors are sticky) and becomes a "pdf.write" error.

#include "pdf/write_pdf.hpp"

#include <map>
#include <unordered_map>

#include "core/utf8.hpp"
#include "pdf/draw_page.hpp"
#include "pdf/hpdf_adapter.hpp"

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

/// UTF-8 that libharu converts correctly to UTF-16: invalid bytes and code points beyond the BMP
/// (which 2.3.0 garbles) become U+FFFD.
std::string sanitize(std::string_view utf8) {
    std::u32string text;
    while (!utf8.empty()) {
        core::Utf8Decoded d = core::decode_utf8(utf8);
        text += d.text;
        if (!d.invalid_at) break;
        text += U'\uFFFD';
        utf8.remove_prefix(*d.invalid_at + 1);
    }
    for (char32_t& cp : text) {
        if (cp > 0xFFFF) cp = U'\uFFFD';
    }
    return core::to_utf8(text);
}

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

/// The PDF rectangle (bottom-left origin) of a layout rectangle on a page of height `height`.
HPDF_Rect pdf_rect(const core::Rect& r, double height) {
    return HPDF_Rect{static_cast<HPDF_REAL>(r.x), static_cast<HPDF_REAL>(height - r.bottom()),
                     static_cast<HPDF_REAL>(r.right()), static_cast<HPDF_REAL>(height - r.y)};
}

/// Step 2: loads the faces glyph runs use (in FontId order, so subset tags are stable), sharing
/// one libharu font between FontIds that name the same file.
core::Result<FontTable> load_fonts(hpdf::Document& doc, const layout::PagedDocument& pages,
                                   const std::vector<text::Face>& faces) {
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
    FontTable table;
    table.fonts.assign(faces.size(), nullptr);
    table.marked.resize(faces.size());
    std::map<std::string, HPDF_Font> by_path;
    for (std::size_t id = 0; id < faces.size(); ++id) {
        if (!used[id]) continue;
        const std::string& path = faces[id].path;
        table.marked[id].assign(0x10000, false);
        if (auto it = by_path.find(path); it != by_path.end()) {
            table.fonts[id] = it->second;
            continue;
        }
        auto name = doc.check_handle(HPDF_LoadTTFontFromFile(doc.get(), path.c_str(), HPDF_TRUE),
                                     "loading font \"" + path + "\"");
        if (!name) return core::unexpected(name.error());
        auto font = doc.check_handle(HPDF_GetFont(doc.get(), *name, "UTF-8"),
                                     "creating a UTF-8 font from \"" + path + "\"");
        if (!font) return core::unexpected(font.error());
        if (auto r = hpdf::fix_to_unicode(doc, *font); !r) return core::unexpected(r.error());
        table.fonts[id] = *font;
        by_path.emplace(path, *font);
    }
    return table;
}

/// Step 3: adds and paints every page; returns the libharu pages in order.
core::Result<std::vector<HPDF_Page>> add_pages(hpdf::Document& doc,
                                               const layout::PagedDocument& pages,
                                               FontTable& fonts) {
    std::vector<HPDF_Page> handles;
    handles.reserve(pages.pages.size());
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        const layout::Page& page = pages.pages[i];
        const std::string where = " on page " + std::to_string(i + 1);
        auto handle = doc.check_handle(HPDF_AddPage(doc.get()), "adding a page" + where);
        if (!handle) return core::unexpected(handle.error());
        if (auto r = doc.check(HPDF_Page_SetWidth(*handle, static_cast<HPDF_REAL>(page.size.width)),
                               "setting the width" + where);
            !r) {
            return core::unexpected(r.error());
        }
        if (auto r =
                doc.check(HPDF_Page_SetHeight(*handle, static_cast<HPDF_REAL>(page.size.height)),
                          "setting the height" + where);
            !r) {
            return core::unexpected(r.error());
        }
        if (auto r = draw_page(doc, *handle, page, fonts); !r) {
            core::Diagnostic d = r.error();
            d.message += where;
            return core::unexpected(std::move(d));
        }
        handles.push_back(*handle);
    }
    return handles;
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
core::Result<HPDF_Destination> destination(hpdf::Document& doc, const layout::PagedDocument& pages,
                                           const std::vector<HPDF_Page>& handles,
                                           const Landing& landing) {
    HPDF_Page page = handles[landing.page];
    auto dest = doc.check_handle(HPDF_Page_CreateDestination(page), "creating a destination");
    if (!dest) return dest;
    const double top = pages.pages[landing.page].size.height - landing.at.y;
    if (auto r = hpdf::set_xyz_keep_zoom(doc, *dest, page, 0, top); !r)
        return core::unexpected(r.error());
    return dest;
}

/// Step 4a: one borderless link annotation per LinkArea. Internal links whose target never
/// landed on a page are left out (there is nowhere to go).
Status add_links(hpdf::Document& doc, const layout::PagedDocument& pages,
                 const std::vector<HPDF_Page>& handles, const Landings& landings) {
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        const double height = pages.pages[i].size.height;
        for (const layout::Item& item : pages.pages[i].items) {
            const auto* link = std::get_if<layout::LinkArea>(&item);
            if (link == nullptr) continue;
            const HPDF_Rect rect = pdf_rect(link->rect, height);
            HPDF_Annotation annot = nullptr;
            if (!link->uri.empty()) {
                const std::string uri = percent_encode(link->uri);
                auto a =
                    doc.check_handle(HPDF_Page_CreateURILinkAnnot(handles[i], rect, uri.c_str()),
                                     "adding a link to " + uri);
                if (!a) return core::unexpected(a.error());
                annot = *a;
            } else {
                const auto landing = landings.find(link->target);
                if (landing == landings.end()) continue;
                auto dest = destination(doc, pages, handles, landing->second);
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
        }
    }
    return core::Ok{};
}

/// Step 4b: one bookmark per entry, nested by level (an entry goes under the last entry of a
/// shallower level); opens the outline panel when there is one.
Status add_outline(hpdf::Document& doc, const layout::PagedDocument& pages,
                   const std::vector<HPDF_Page>& handles) {
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
        auto dest = destination(doc, pages, handles, Landing{entry.page, {0, entry.y}});
        if (!dest) return core::unexpected(dest.error());
        if (auto r = doc.check(HPDF_Outline_SetDestination(*outline, *dest),
                               "setting a bookmark destination");
            !r) {
            return r;
        }
        if (auto r = doc.check(HPDF_Outline_SetOpened(*outline, HPDF_TRUE), "opening a bookmark");
            !r)
            return r;
        open.resize(level, nullptr);
        open[level - 1] = *outline;
    }
    return doc.check(HPDF_SetPageMode(doc.get(), HPDF_PAGE_MODE_USE_OUTLINE),
                     "opening the outline panel");
}

/// Step 5: Title, Author, Subject, Keywords, Creator and Producer as UTF-16 strings.
Status set_info(hpdf::Document& doc, const doc::Metadata& meta, const PdfOptions& options) {
    if (auto r =
            doc.check(HPDF_SetCurrentEncoder(doc.get(), "UTF-8"), "selecting the UTF-8 encoder");
        !r)
        return r;
    std::string keywords;
    for (const std::string& k : meta.keywords) {
        if (k.empty()) continue;
        if (!keywords.empty()) keywords += ", ";
        keywords += k;
    }
    const std::pair<HPDF_InfoType, const std::string*> entries[] = {
        {HPDF_INFO_TITLE, &meta.title},
        {HPDF_INFO_AUTHOR, meta.author.empty() ? &meta.organisation : &meta.author},
        {HPDF_INFO_SUBJECT, meta.description.empty() ? &meta.subtitle : &meta.description},
        {HPDF_INFO_KEYWORDS, &keywords},
        {HPDF_INFO_CREATOR, &options.creator},
    };
    for (const auto& [type, value] : entries) {
        if (value->empty()) continue;
        if (auto r = doc.check(HPDF_SetInfoAttr(doc.get(), type, sanitize(*value).c_str()),
                               "setting document info");
            !r) {
            return r;
        }
    }
    const std::string producer = sanitize(options.creator + " (libHaru " HPDF_VERSION_TEXT ")");
    return doc.check(HPDF_SetInfoAttr(doc.get(), HPDF_INFO_PRODUCER, producer.c_str()),
                     "setting the producer");
}

}  // namespace

core::Result<std::string> write_pdf(const layout::PagedDocument& pages, const doc::Metadata& meta,
                                    const std::vector<text::Face>& faces,
                                    const PdfOptions& options) {
    if (pages.pages.empty()) return core::unexpected(error("the document has no pages to write"));

    // 1. The document, compressed throughout and with UTF-8 encoders.
    auto created = hpdf::Document::create();
    if (!created) return core::unexpected(created.error());
    hpdf::Document& doc = *created;
    if (auto r =
            doc.check(HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL), "enabling compression");
        !r) {
        return core::unexpected(r.error());
    }
    if (auto r = doc.check(HPDF_UseUTFEncodings(doc.get()), "enabling UTF-8 encodings"); !r) {
        return core::unexpected(r.error());
    }

    // 2. Fonts.
    auto fonts = load_fonts(doc, pages, faces);
    if (!fonts) return core::unexpected(fonts.error());

    // 3. Pages and their painted items.
    auto handles = add_pages(doc, pages, *fonts);
    if (!handles) return core::unexpected(handles.error());

    // 4. Links and bookmarks, now that every destination page exists.
    if (auto r = add_links(doc, pages, *handles, find_landings(pages)); !r)
        return core::unexpected(r.error());
    if (auto r = add_outline(doc, pages, *handles); !r) return core::unexpected(r.error());

    // 5. Document information.
    if (auto r = set_info(doc, meta, options); !r) return core::unexpected(r.error());

    // 6. The bytes.
    return doc.save();
}

}  // namespace folio::pdf
