// Pass 1: pages, boxes and resources (see page_setup.hpp). For each page, in order:
//   1. HPDF_AddPage, then the boxes of its frame (marks.cpp)
//   2. for each item in order: a glyph run that draws something registers its font (after
//      checking that the font is loaded and the size is valid); an image box embeds its image on
//      first use in the document and registers it on the page
// Registering in item order gives each page the resource names (F1, F2, X1, ...) and the key
// order in /Resources that painting through libharu gave, and the same object numbers.

#include "pdf/page_setup.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

#include "pdf/spot.hpp"

namespace folio::pdf {
namespace {

using Status = core::Result<core::Ok>;

core::Diagnostic error(std::string message) {
    return core::Diagnostic{core::Severity::error, "pdf.write", std::move(message), {}};
}

/// Step 2 for a glyph run.
Status register_font(hpdf::Document& doc, HPDF_Page page, const layout::GlyphRun& run,
                     const FontTable& fonts, PageResources& names) {
    if (std::none_of(run.text.begin(), run.text.end(), is_drawn)) return core::Ok{};
    if (run.font >= fonts.fonts.size() || fonts.fonts[run.font] == nullptr) {
        return core::unexpected(
            error("glyph run uses font " + std::to_string(run.font) + ", which is not loaded"));
    }
    if (!std::isfinite(run.size) || run.size <= 0) {
        return core::unexpected(error("glyph run has an invalid font size"));
    }
    HPDF_Font font = fonts.fonts[run.font];
    if (static_cast<HPDF_REAL>(run.size) > HPDF_MAX_FONTSIZE) {
        // Let libharu refuse it, as it did when it drew the run, for its own error code.
        return doc.check(HPDF_Page_SetFontAndSize(page, font, static_cast<HPDF_REAL>(run.size)),
                         "selecting a font and size");
    }
    if (!names.fonts[run.font].empty()) return core::Ok{};
    auto name = hpdf::font_resource(doc, page, font);
    if (!name) return core::unexpected(name.error());
    names.fonts[run.font] = std::move(*name);
    return core::Ok{};
}

/// Step 2 for an image box.
Status register_image(hpdf::Document& doc, HPDF_Page page, const layout::ImageBox& box,
                      ImageTable& images, PageResources& names) {
    auto image = images.get(doc, box.path);
    if (!image) return core::unexpected(image.error());
    if (!names.image(box.path).empty()) return core::Ok{};
    auto name = hpdf::image_resource(doc, page, *image);
    if (!name) return core::unexpected(name.error());
    names.images.emplace_back(box.path, std::move(*name));
    return core::Ok{};
}

/// Steps 1 and 2 for one page.
Status set_up_page(hpdf::Document& doc, HPDF_Page handle, const layout::Page& page,
                   const PageFrame& frame, const FontTable& fonts, ImageTable& images,
                   PageResources& names) {
    if (auto r = set_boxes(doc, handle, frame); !r) return r;
    names.fonts.assign(fonts.fonts.size(), std::string());
    for (const layout::Item& item : page.items) {
        Status r = core::Ok{};
        if (const auto* run = std::get_if<layout::GlyphRun>(&item)) {
            r = register_font(doc, handle, *run, fonts, names);
        } else if (const auto* box = std::get_if<layout::ImageBox>(&item)) {
            r = register_image(doc, handle, *box, images, names);
        } else if (const auto* v = std::get_if<layout::VectorBox>(&item)) {
            const image::Image* img = images.find(v->path);
            if (img == nullptr || img->format != image::Format::svg) {
                r = core::unexpected(core::Diagnostic{core::Severity::error, "pdf.write", "no drawing for " + v->path, {}});
            } else {
                r = register_vector(doc, handle, v->path, img->vector, images.policy(), names.vectors);
            }
        }
        if (!r) return r;
    }
    return core::Ok{};
}

}  // namespace

core::Result<SetUpPages> set_up_pages(hpdf::Document& doc, const layout::PagedDocument& pages,
                                      const std::vector<PageFrame>& frames,
                                      const FontTable& fonts, ImageTable& images) {
    SetUpPages out;
    out.handles.reserve(pages.pages.size());
    out.resources.resize(pages.pages.size());
    SpotSpaces spots;
    for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        auto handle = doc.check_handle(HPDF_AddPage(doc.get()), "adding a page");
        Status r = handle ? set_up_page(doc, *handle, pages.pages[i], frames[i], fonts, images,
                                        out.resources[i])
                          : Status(core::unexpected(handle.error()));
        if (r) r = register_spots(doc, *handle, pages.pages[i], pages.spots, images.policy(), spots);  // spot.hpp
        if (r) r = hpdf::compact_page(doc, *handle);  // its resources are final: bytes now (#23)
        if (!r) {
            core::Diagnostic d = r.error();
            d.message += " on page " + std::to_string(i + 1);
            return core::unexpected(std::move(d));
        }
        out.handles.push_back(*handle);
    }
    return out;
}

}  // namespace folio::pdf
