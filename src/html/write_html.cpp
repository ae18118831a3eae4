/// The HTML writer's recipe: head (metadata, Open Graph, the PDF alternate and the derived style
/// sheet), then the landmarks in reading order — skip link, header (title, subtitle, cover image
/// and tagline), nav (top-level sections), nav (the print pages), main (the body blocks, with a
/// print page marker where each PDF page begins), footer (organisation, date, the PDF).

#include "html/svg.hpp"
#include "html/write_html.hpp"
#include "html/soft_hyphens.hpp"

#include <algorithm>
#include <cassert>
#include <map>

#include "core/jobs.hpp"
#include "html/assets.hpp"
#include "html/body.hpp"
#include "html/css.hpp"
#include "html/elements.hpp"
#include "html/markup.hpp"
#include "html/page_art.hpp"

namespace folio::html {

using doc::NodeId;
using doc::NodeKind;

namespace {

/// `s` with runs of whitespace collapsed to one space and no space at either end.
std::string collapse_spaces(std::string_view s) {
    std::string out;
    bool space = false;
    for (char ch : s) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            out += ch;
            space = false;
        }
    }
    return out;
}

/// Appends `<meta name=".." content="..">` when the content is not empty.
void append_meta(std::string& out, const char* name, const std::string& content) {
    if (content.empty()) return;
    out += "<meta";
    append_attr(out, "name", name);
    append_attr(out, "content", content);
    out += ">\n";
}

/// Appends `<meta property=".." content="..">` (Open Graph) when the content is not empty.
void append_property(std::string& out, const char* property, const std::string& content) {
    if (content.empty()) return;
    out += "<meta";
    append_attr(out, "property", property);
    append_attr(out, "content", content);
    out += ">\n";
}

/// <head>: character set, viewport, title, document metadata, Open Graph, PDF alternate and the
/// style sheet.
void write_head(std::string& out, const style::StyledDocument& styled, const HtmlOptions& options,
                const std::string& css) {
    const doc::Metadata& meta = styled.doc().meta;
    out += "<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    std::string title = meta.title;
    if (title.empty() && title_node(styled.doc()) != doc::no_node) {
        title = collapse_spaces(styled.doc().plain_text(title_node(styled.doc())));
    }
    out += "<title>";
    append_text(out, title);
    out += "</title>\n";
    append_meta(out, "description", meta.description);
    append_meta(out, "author", meta.author.empty() ? meta.organisation : meta.author);
    std::string keywords;
    for (const std::string& k : meta.keywords) keywords += (keywords.empty() ? "" : ", ") + k;
    append_meta(out, "keywords", keywords);
    append_meta(out, "dcterms.date", meta.date);
    append_meta(out, "generator", options.generator);
    append_property(out, "og:title", title);
    append_property(out, "og:description", meta.description);
    append_property(out, "og:type", "article");
    if (!options.pdf_name.empty()) {
        out += "<link rel=\"alternate\" type=\"application/pdf\"";
        append_attr(out, "href", options.pdf_name);
        append_attr(out, "title", "PDF (print edition)");
        out += ">\n";
    }
    out += "<style>\n";
    out += css;
    out += "</style>\n</head>\n";
}

/// <header>: the document title as the page's only <h1>, the subtitle, and the cover's image and
/// tagline.
void write_header(std::string& out, const doc::Document& d,
                  const std::map<std::string, std::string>& images, BodyWriter& body,
                  const realize::RealizedDocument& realized) {
    out += "<header>\n";
    append_header_art(out, realized);  // the first page's background (page_art.hpp)
    const NodeId title = title_node(d);
    if (title != doc::no_node) {
        out += "<h1";
        body.common_attrs(title);
        out += '>';
        body.children(title);
        out += "</h1>\n";
    } else {
        out += "<h1>";
        append_text(out, d.meta.title);
        out += "</h1>\n";
    }
    const NodeId subtitle = subtitle_node(d);
    if (subtitle != doc::no_node) {
        out += "<p";
        body.common_attrs(subtitle);
        out += '>';
        body.children(subtitle);
        out += "</p>\n";
    } else if (!d.meta.subtitle.empty()) {
        out += "<p class=\"subtitle\">";
        append_text(out, d.meta.subtitle);
        out += "</p>\n";
    }
    const doc::Cover& cover = d.meta.cover;
    const image::Image* vector = cover.present ? realized.image(cover.image) : nullptr;
    if (vector != nullptr && vector->format == image::Format::svg) {
        out += "<div class=\"cover\" style=\"margin:1.5em 0\">";  // a vector cover inline (html/svg.hpp)
        append_inline_svg(out, vector->vector, cover.alt, "cover");
        out += "</div>\n";
    } else if (cover.present && !cover.image.empty()) {
        out += "<img class=\"cover\"";
        append_attr(out, "src", image_src(d, images, cover.image));
        append_attr(out, "alt", cover.alt);
        out += ">\n";
    }
    if (cover.present && !cover.tagline.empty()) {
        out += "<p class=\"tagline\">";
        append_text(out, cover.tagline);
        out += "</p>\n";
    }
    out += "</header>\n";
}

/// <nav>: a list of links to the top-level sections, named by their headings.
void write_nav(std::string& out, const doc::Document& d, const IdMap& ids) {
    std::string items;
    for (NodeId c : d.node(d.root()).children) {
        const doc::Node& section = d.node(c);
        if (section.kind != NodeKind::section) continue;
        const bool titled =
            !section.children.empty() && d.node(section.children.front()).kind == NodeKind::heading;
        std::string label = titled ? collapse_spaces(d.plain_text(section.children.front())) : "";
        if (label.empty()) label = std::string(ids.of(c));
        items += "<li><a";
        std::string href = "#";  // (+= : g++ 12 warns wrongly about "#" + a string)
        href += ids.of(c);
        append_attr(items, "href", href);
        items += '>';
        append_text(items, label);
        items += "</a></li>\n";
    }
    if (items.empty()) return;
    // The source's <contents title=".."> names the list; by default it is "Contents".
    std::string label = "Contents";
    for (const doc::Node& n : d.nodes) {
        if (n.kind == NodeKind::contents && !n.label.empty()) {
            label = n.label;
            break;
        }
    }
    out += "<nav class=\"contents\"";
    append_attr(out, "aria-label", label);
    out += ">\n<ol>\n" + items + "</ol>\n</nav>\n";
}

/// <nav> of the print pages: a link to each page marker, so "see page 4" can be followed.
void write_page_list(std::string& out, const PageMarkers& markers, bool first_page) {
    std::vector<std::size_t> numbers;
    if (first_page) numbers.push_back(1);
    for (const auto& [node, pages] : markers) numbers.insert(numbers.end(), pages.begin(), pages.end());
    if (numbers.empty()) return;
    std::sort(numbers.begin(), numbers.end());
    out += "<nav class=\"page-list\" aria-label=\"Print pages\">\n"
           "<p aria-hidden=\"true\">Print pages</p>\n<ol>\n";
    for (std::size_t n : numbers) {
        const std::string number = std::to_string(n);
        out += "<li><a href=\"#page-" + number + "\" aria-label=\"Page " + number + "\">" + number +
               "</a></li>\n";
    }
    out += "</ol>\n</nav>\n";
}

/// The top-level blocks of <main>: the root's children but the title and subtitle (in <header>).
std::vector<NodeId> main_blocks(const doc::Document& d) {
    const NodeId title = title_node(d);
    const NodeId subtitle = subtitle_node(d);
    std::vector<NodeId> out;
    for (NodeId c : d.node(d.root()).children) {
        if (c != title && c != subtitle) out.push_back(c);
    }
    return out;
}

/// <main>'s start tag and the page markers before its first block (main_blocks follow).
void open_main(std::string& out, const doc::Document& d, const layout::PagedDocument* pages, BodyWriter& body) {
    out += "<main id=\"content\">\n";
    if (pages != nullptr && !pages->pages.empty()) append_page_marker(out, 1);
    const NodeId title = title_node(d);
    const NodeId subtitle = subtitle_node(d);
    body.markers(d.root());
    if (title != doc::no_node) body.markers(title);
    if (subtitle != doc::no_node) body.markers(subtitle);
}

/// Documents of at least this many nodes have their <main> written in two parts, the later one
/// on a second thread (below, a thread costs more than it saves).
constexpr std::size_t split_main_nodes = 20000;
/// The share of the nodes in the first part: the calling thread also writes the header and nav.
constexpr double first_part_share = 0.4;

/// <footer>: the organisation, the document's date and a link to the PDF, when there are any.
void write_footer(std::string& out, const doc::Metadata& meta, const HtmlOptions& options,
                  std::size_t page_count) {
    if (meta.organisation.empty() && meta.date.empty() && options.pdf_name.empty()) return;
    out += "<footer>\n";
    if (!meta.organisation.empty()) {
        out += "<p>";
        append_text(out, meta.organisation);
        out += "</p>\n";
    }
    if (!meta.date.empty()) {
        out += "<p><time";
        append_attr(out, "datetime", meta.date);
        out += '>';
        append_text(out, meta.date);
        out += "</time></p>\n";
    }
    if (!options.pdf_name.empty()) {
        out += "<p><a";
        append_attr(out, "href", options.pdf_name);
        out += " type=\"application/pdf\">Print edition (PDF";
        if (page_count > 0) out += ", " + std::to_string(page_count) + (page_count == 1 ? " page" : " pages");
        out += ")</a></p>\n";
    }
    out += "</footer>\n";
}

}  // namespace

std::string write_html(const style::StyledDocument& styled, const layout::PagedDocument* pages,
                       const HtmlOptions& options) {
    core::Diagnostics diags;  // (the images are not used: options.images has them)
    const realize::RealizedDocument realized = realize::realize(styled, diags);
    if (pages == nullptr) return write_html(realized, nullptr, options);
    const layout::LayoutResult laid{*pages, node_pages(styled.doc(), *pages)};
    return write_html(realized, &laid, options);
}

std::string write_html(const realize::RealizedDocument& realized, const layout::LayoutResult* laid,
                       const HtmlOptions& options) {
    const style::StyledDocument& styled = realized.styled();
    const layout::PagedDocument* pages = laid != nullptr ? &laid->document : nullptr;
    const doc::Document& d = styled.doc();
    assert(!d.nodes.empty() && styled.style_ids.size() == d.nodes.size());
    // Beside the ids: the style sheet, the page markers and the
    // names of the asides. Then, for a large document, the later part of <main> beside the rest
    // of the body, each writer into a string of its own; the head goes in front of the body, the
    // later part after the first.
    std::string css;
    PageMarkers markers;
    AsideNames asides;
    core::Beside side(options.threads != 1, [&] {
        css = font_faces(options.fonts) + style_sheet(styled);
        if (pages != nullptr) markers = page_markers(d, *pages);
        asides = aside_names(d);
    });
    const IdMap ids(d);
    const std::map<std::string, std::string> images = image_sources(options);
    const bool first_page = pages != nullptr && !pages->pages.empty();
    side.wait();
    css += page_art_rules(realized, images);  // page-master backgrounds (page_art.hpp)
    const BodyContext context{ids,   markers, laid != nullptr ? &laid->pages : nullptr, images, realized, asides,
                              options.hyphenator};

    const std::vector<NodeId> blocks = main_blocks(d);
    std::size_t split = blocks.size();
    if (options.threads != 1 && d.nodes.size() >= split_main_nodes) {
        const auto first_part = static_cast<NodeId>(static_cast<double>(d.nodes.size()) * first_part_share);
        split = static_cast<std::size_t>(std::lower_bound(blocks.begin(), blocks.end(), first_part) - blocks.begin());
    }
    // Room for the text and markup of every node (48 bytes each), in the part that writes it.
    const auto room = [&](NodeId from, NodeId to) {
        std::size_t bytes = 16384;
        for (NodeId id = from; id < to; ++id) bytes += d.nodes[id].text.size() + 48;
        return bytes;
    };
    const NodeId later_from = split < blocks.size() ? blocks[split] : static_cast<NodeId>(d.nodes.size());
    std::string later;
    core::Beside second;  // waited for before what it uses goes away, if the body throws
    if (split < blocks.size()) {
        second.start(true, [&] {
            later.reserve(room(later_from, static_cast<NodeId>(d.nodes.size())));
            BodyWriter writer(d, context, later);
            for (std::size_t i = split; i < blocks.size(); ++i) writer.node(blocks[i]);
        });
    }

    std::string text;  // the body
    {
        // Room for the first part and the later one, and before it for the head, which goes in
        // front at the end (moving the body within its buffer rather than copying it).
        const std::size_t expected = room(0, static_cast<NodeId>(d.nodes.size()));
        text.reserve(expected + expected / 4 + css.size() + (std::size_t{256} << 10));
    }
    text += "<body>\n<a class=\"skip-link\" href=\"#content\">Skip to content</a>\n";
    BodyWriter body(d, context, text);
    write_header(text, d, images, body, realized);
    write_nav(text, d, ids);
    write_page_list(text, markers, first_page);
    open_main(text, d, pages, body);
    for (std::size_t i = 0; i < split; ++i) body.node(blocks[i]);
    second.wait();
    text += later;
    std::string().swap(later);
    text += "</main>\n";
    write_footer(text, d.meta, options, pages != nullptr ? pages->pages.size() : 0);
    if (options.hyphenator != nullptr) append_copy_script(text, realized.styled());  // #20: soft hyphens
    text += "</body>\n</html>\n";

    std::string head;
    head.reserve(css.size() + 4096);
    head += "<!DOCTYPE html>\n<html";
    append_attr(head, "lang",
                !d.meta.language.empty()         ? d.meta.language
                : !d.node(d.root()).lang.empty() ? d.node(d.root()).lang
                                                 : "und");
    head += ">\n";
    write_head(head, styled, options, css);
    text.insert(0, head);
    return text;
}

}  // namespace folio::html
