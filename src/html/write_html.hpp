#pragma once
/// The HTML writer: builds one HTML5 file from the realized document tree (not from pages), using
/// the layout result only to know where the print pages broke and which page each node is on.

#include <string>
#include <string_view>
#include <vector>

#include "layout/layout.hpp"
#include "layout/paged_document.hpp"
#include "realize/realize.hpp"
#include "style/computed.hpp"

namespace folio::text { class Hyphenator; }

namespace folio::html {

/// An image the HTML shows, with the bytes of its original file.
struct ImageFile {
    std::string path;        ///< as the document names it (doc::Node::src, doc::Cover::image)
    std::string mime;        ///< "image/png" or "image/jpeg"
    std::string_view bytes;  ///< the original file; must outlive write_html and external_assets
};

/// A face installed on this machine, by the names CSS local() can find it by.
struct LocalFont {
    std::string family;
    int weight = 400;
    bool italic = false;
    std::vector<std::string> names;  ///< full name, PostScript name
    std::string path;                ///< the font file, for embed_fonts
    /// Filled by embed_fonts for a face the pages use: its subset as WOFF2, the asset name it
    /// has with external_assets, and the url() @font-face gives first (a data URI, or the
    /// asset's path). Empty: local() sources only.
    std::string woff2;
    std::string file_name;
    std::string url;
};

/// Options for the HTML output.
struct HtmlOptions {
    std::string pdf_name;        ///< file name of the sibling PDF, for <link rel="alternate">; may be empty
    std::string generator = "folio";
    /// The images to embed as data URIs (or, with external_assets, to write beside the HTML). An
    /// image not listed here is referred to by its path relative to the source's folder.
    std::vector<ImageFile> images;
    /// The faces the PDF uses, declared with @font-face and local() sources, so a reader with
    /// the fonts installed sees the same faces; others get the generic fallback.
    std::vector<LocalFont> fonts;
    bool external_assets = false;  ///< refer to images in `assets_folder` instead of embedding them
    std::string assets_folder;     ///< folder beside the HTML for external assets, e.g. "report-assets"
    /// 1: everything on the calling thread; otherwise the style sheet is derived on a second
    /// thread while the body is written. The text is the same either way.
    unsigned threads = 0;
    /// folio's cache folder, where embed_fonts keeps its WOFF2 subsets (font_cache.hpp); empty:
    /// each render makes them anew.
    std::string cache_dir;
    /// Text styled `hyphens: auto` carries U+00AD at this Hyphenator's points, so that browsers
    /// without dictionaries hyphenate it too (html/soft_hyphens.hpp, issue 20); null: none.
    const text::Hyphenator* hyphenator = nullptr;
};

/// A file the HTML refers to, to be written beside it.
struct Asset {
    std::string relative_path;  ///< "report-assets/map.png": relative to the HTML's folder
    std::string_view bytes;     ///< borrowed from HtmlOptions::images
};

/// The files to write beside the HTML: with `external_assets`, one per image of `options.images`
/// under a unique, URL-safe name in `assets_folder`; otherwise none. Given the written `html`,
/// only the images it refers to (a page master's background image is in the PDF alone).
std::vector<Asset> external_assets(const HtmlOptions& options, std::string_view html = {});

/// Embeds the faces the pages use (every face of `options.fonts` with a path when `pages` is
/// null): each is cut to the characters the document can show (its texts, the pages' runs,
/// printable ASCII, and their capitals for text-transform) and encoded as WOFF2, on up to
/// `options.threads` threads. The @font-face rules then give it first, as a data URI or, with
/// external_assets, as a file in the assets folder (external_assets lists it). A face that
/// cannot be subset keeps its local() sources. (issue 20)
void embed_fonts(const realize::RealizedDocument& realized, const layout::PagedDocument* pages,
                 HtmlOptions& options);

/// Writes the document as a self-contained HTML5 page with CSS derived from the computed styles.
/// `laid` may be null (HTML only, no page markers).
std::string write_html(const realize::RealizedDocument& realized, const layout::LayoutResult* laid,
                       const HtmlOptions& options);

/// The same for a styled document, realized for this call, and pages laid out elsewhere (by hand,
/// in tests), whose items give the page of each node; `pages` may be null.
std::string write_html(const style::StyledDocument& styled, const layout::PagedDocument* pages,
                       const HtmlOptions& options);

}  // namespace folio::html
