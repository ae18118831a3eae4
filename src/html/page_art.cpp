// Page-master backgrounds in the HTML (page_art.hpp). A screen has no pages, so the art is shown
// where a reader expects a brand's colours: the first page's master (the cover's) as a band at
// the top of the <header>, an empty element whose background is its image cropped to the band
// (background-size: cover) and its bands painted over it in proportion; the body pages' bands as thin strips at the screen page's edges. In
// print the browser has pages again: each @page gets the master's bands (one SVG of the page's
// size) and its image as background layers, at the trim edges, as the PDF draws them.
//
// Chromium paints an @page background over the whole page box, but places it from the page
// area's corner and draws no gradients there (tested with Chromium 156), hence an SVG for the
// bands and positions less the page margins. The first printed page holds the header and the
// start of the text: it gets the cover's bands only, its image being in the header's band.

#include "html/page_art.hpp"

#include <algorithm>
#include <cmath>

#include "html/assets.hpp"
#include "html/markup.hpp"
#include "html/svg.hpp"  // (an SVG image as a data URI)

namespace folio::html {
namespace {

using style::Band;
using style::PageStyle;

std::string pt(double v) { return format_number(v) + "pt"; }

bool has_art(const PageStyle& m) { return !m.art.image.empty() || !m.art.bands.empty(); }

/// A band's rectangle on the trim box of `m`, kept on the page (a band deeper than the page
/// covers it).
core::Rect band_rect(const PageStyle& m, const Band& band) {
    const double w = m.size.width;
    const double h = m.size.height;
    const double d = std::clamp(band.size, 0.0, band.edge == Band::Edge::left || band.edge == Band::Edge::right ? w : h);
    switch (band.edge) {
        case Band::Edge::top: return {0, 0, w, d};
        case Band::Edge::bottom: return {0, h - d, w, d};
        case Band::Edge::left: return {0, 0, d, h};
        case Band::Edge::right: return {w - d, 0, d, h};
    }
    return {};
}

/// The bands of `m` as an SVG data URI of the page's size, in their order (later ones on top).
std::string bands_svg(const PageStyle& m) {
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + format_number(m.size.width) + " " +
                      format_number(m.size.height) + "\" width=\"" + format_number(m.size.width) + "\" height=\"" +
                      format_number(m.size.height) + "\" preserveAspectRatio=\"none\">";
    for (const Band& band : m.art.bands) {
        const core::Rect r = band_rect(m, band);
        svg += "<rect x=\"" + format_number(r.x) + "\" y=\"" + format_number(r.y) + "\" width=\"" +
               format_number(r.width) + "\" height=\"" + format_number(r.height) + "\" fill=\"" +
               hex_color(band.color) + "\"/>";
    }
    return "data:image/svg+xml;base64," + base64(svg + "</svg>");
}

/// The URL of `m`'s background image: its data URI or asset for a PNG or JPEG, an SVG data URI
/// of the drawing for an SVG; "" when it has none or it was not decoded.
std::string image_url(const realize::RealizedDocument& realized, const PageStyle& m,
                      const std::map<std::string, std::string>& images) {
    if (m.art.image.empty()) return "";
    const image::Image* img = realized.image(m.art.image);
    if (img == nullptr) return "";
    if (img->format != image::Format::svg) return image_src(realized.doc(), images, m.art.image);
    std::string svg;
    append_inline_svg(svg, img->vector, "", "page-art");
    return "data:image/svg+xml;base64," + base64(svg);
}

/// The `background` of a printed page of master `m` (`with_image`: its image too; `colour`: its
/// background colour beneath), its layers placed from the page area's corner (`page`'s margins),
/// or "none".
std::string page_background(const realize::RealizedDocument& realized, const PageStyle& m, const PageStyle& page,
                            const std::map<std::string, std::string>& images, bool with_image, bool colour = false) {
    const std::string at = "-" + pt(page.margin_left) + " -" + pt(page.margin_top);
    std::vector<std::string> layers;
    if (!m.art.bands.empty()) {
        layers.push_back("url(\"" + bands_svg(m) + "\") " + at + "/" + pt(m.size.width) + " " + pt(m.size.height));
    }
    const auto px = realized.image_size(m.art.image);
    const std::string url = with_image ? image_url(realized, m, images) : "";
    if (!url.empty() && px && px->width > 0 && px->height > 0) {
        // covering the trim box (cropped), or fitted inside it with background-bleed: no
        const double w = m.size.width;
        const double h = m.size.height;
        const double s = m.art.bleed ? std::max(w / px->width, h / px->height) : std::min(w / px->width, h / px->height);
        const double x = (w - px->width * s) / 2 - page.margin_left;
        const double y = (h - px->height * s) / 2 - page.margin_top;
        layers.push_back("url(\"" + url + "\") " + pt(x) + " " + pt(y) + "/" + pt(px->width * s) + " " +
                         pt(px->height * s));
    }
    std::string out;
    for (const std::string& l : layers) out += (out.empty() ? "" : ",") + l + " no-repeat";
    if (colour && m.background) out += (out.empty() ? "" : " ") + hex_color(*m.background);
    return out.empty() ? "none" : out;
}

/// The header band's rules: its height, the first master's colour beneath, the image cropped to
/// it, and the bands over it in proportion to the page (a 60 mm top band of an A4 page is the
/// top fifth of the band).
std::string header_band_rules(const PageStyle& m, const std::string& image) {
    std::string out = ".page-art{position:relative;height:clamp(5rem,30vw,14rem);margin:0 0 1.5rem 0";
    if (!image.empty()) out += ";background:url(\"" + image + "\") center/cover no-repeat";
    if (m.background) out += (image.empty() ? ";background:" : " ") + hex_color(*m.background);
    out += "}\n";
    if (m.art.bands.empty()) return out;
    std::string layers;
    for (auto band = m.art.bands.rbegin(); band != m.art.bands.rend(); ++band) {  // (the first layer is on top)
        const bool across = band->edge == Band::Edge::top || band->edge == Band::Edge::bottom;
        const double share = std::min(100.0, 100 * band->size / (across ? m.size.height : m.size.width));
        const std::string c = hex_color(band->color);
        const char* where = band->edge == Band::Edge::bottom ? "left bottom"
                            : band->edge == Band::Edge::right ? "right top"
                                                              : "left top";
        const std::string size = across ? "100% " + format_number(share) + "%" : format_number(share) + "% 100%";
        layers += (layers.empty() ? "" : ",") + std::string("linear-gradient(") + c + "," + c + ") " + where + "/" +
                  size + " no-repeat";
    }
    return out + ".page-art::after{content:\"\";position:absolute;inset:0;background:" + layers + "}\n";
}

/// The body pages' bands on screen: a strip of the last band at each edge, a quarter of its
/// depth in CSS pixels, 4 to 12 px, so that the brand colour frames the page without taking room
/// from the text (top and bottom before and after everything, left and right as a border).
std::string screen_strips(const PageStyle& m) {
    std::string out;
    for (const Band::Edge edge : {Band::Edge::top, Band::Edge::bottom, Band::Edge::left, Band::Edge::right}) {
        const auto band = std::find_if(m.art.bands.rbegin(), m.art.bands.rend(),
                                       [&](const Band& b) { return b.edge == edge; });
        if (band == m.art.bands.rend()) continue;
        const std::string px = format_number(std::clamp(std::round(band->size / 4), 4.0, 12.0)) + "px";
        const std::string c = hex_color(band->color);
        switch (edge) {
            case Band::Edge::top: out += "body::before{content:\"\";display:block;height:" + px + ";background:" + c + "}"; break;
            case Band::Edge::bottom: out += "body::after{content:\"\";display:block;height:" + px + ";background:" + c + "}"; break;
            case Band::Edge::left: out += "body{border-left:" + px + " solid " + c + "}"; break;
            case Band::Edge::right: out += "body{border-right:" + px + " solid " + c + "}"; break;
        }
    }
    return out.empty() ? "" : "@media screen{" + out + "}\n";
}

}  // namespace

const PageStyle& first_page_master(const style::StyledDocument& styled) {
    if (styled.doc().meta.cover.present) return styled.master("cover") ? *styled.master("cover") : styled.page;
    for (const char* name : {"first", "right"}) {
        if (const PageStyle* m = styled.master(name)) return *m;
    }
    return styled.page;
}

std::string page_art_rules(const realize::RealizedDocument& realized, const std::map<std::string, std::string>& images) {
    const style::StyledDocument& styled = realized.styled();
    const PageStyle& page = styled.page;
    const PageStyle& first = first_page_master(styled);
    const bool cover = styled.doc().meta.cover.present;
    std::string out;
    // The back cover's page, where a block placed on it prints (placement.cpp): as the cover.
    const doc::Document& d = styled.doc();
    for (doc::NodeId id = 1; id < d.nodes.size(); ++id) {
        const style::Placement& p = styled.style(id).placement;
        if (!p.page || p.pages != style::PlacementPages::back_cover) continue;
        const PageStyle& back = styled.master("cover") ? *styled.master("cover") : page;
        out += "@page folio-back-cover{background:" + page_background(realized, back, page, images, true, true) + "}\n";
        break;
    }
    bool any = has_art(page) || has_art(first);
    for (const char* side : {"left", "right"}) any = any || (styled.master(side) && has_art(*styled.master(side)));
    if (!any) return out;
    if (has_art(first)) out += header_band_rules(first, image_url(realized, first, images));
    out += screen_strips(page);
    // print: every page, then the facing masters, then the first page (the most specific)
    out += "@media print{html{-webkit-print-color-adjust:exact;print-color-adjust:exact}";
    if (!cover) out += ".page-art{display:none}";  // (the first page's background shows it)
    out += "}\n@page{background:" + page_background(realized, page, page, images, true) + "}\n";
    for (const char* side : {"left", "right"}) {
        if (const PageStyle* m = styled.master(side)) {
            out += "@page :" + std::string(side) + "{background:" + page_background(realized, *m, page, images, true) + "}\n";
        }
    }
    out += "@page :first{background:" + page_background(realized, first, page, images, !cover) + "}\n";
    return out;
}

void append_header_art(std::string& out, const realize::RealizedDocument& realized) {
    if (has_art(first_page_master(realized.styled()))) out += "<div class=\"page-art\" aria-hidden=\"true\"></div>\n";
}

}  // namespace folio::html
