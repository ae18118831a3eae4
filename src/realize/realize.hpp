#pragma once
/// Realize: the stage between styling and the consumers (layout, the HTML writer). It resolves
/// once everything that depends only on the styled tree, so that no consumer works it out again:
/// the text as readers see it (smart quotes) and as it is drawn (text-transform, with Unicode's
/// case mapping), the language of every node, the marker of every list item, the text of every
/// cross-reference, and every image decoded with its intrinsic size. Layout and the HTML writer
/// read the realized tree; neither opens a file.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/geometry.hpp"
#include "doc/document.hpp"
#include "image/image.hpp"
#include "style/computed.hpp"

namespace folio::realize {

/// A cross-reference (<ref to="x"/>) resolved: its target and the target's title.
struct Reference {
    doc::NodeId target = doc::no_node;  ///< no_node when the id names no node
    /// What the reference is called: the target's heading or caption, else a figure's alt text,
    /// else the target's text; the id itself when that is blank or the target is missing.
    std::string title;
    /// The title as drawn in its paragraph: smart quotes and the link's text-transform applied.
    std::string drawn_title;
    /// What comes between the title and the page number as drawn: ", page " (transformed).
    std::string drawn_page;
};

/// The styled document with everything the consumers would otherwise each derive again. Holds
/// the StyledDocument (and so the Document) by reference: they must outlive it.
class RealizedDocument {
public:
    /// What realize() works out, by NodeId; read through the accessors below.
    struct Tables {
        std::unordered_map<doc::NodeId, std::string>
            quoted;  ///< text nodes whose text() differs from the source
        std::unordered_map<doc::NodeId, std::string>
            drawn;                            ///< text nodes whose drawn() differs from text()
        std::vector<std::uint16_t> language;  ///< by NodeId: index into `languages`
        std::vector<std::string> languages;
        std::unordered_map<doc::NodeId, std::string> markers;
        std::unordered_map<doc::NodeId, Reference> references;
        std::unordered_map<std::string, std::size_t> image_of;  ///< path -> index into images
    };

    RealizedDocument() = default;
    /// A realized document of `styled` with nothing resolved (every text as in the source).
    explicit RealizedDocument(const style::StyledDocument& styled) : m_styled(&styled) {}
    /// A realized document of `styled` with these tables, images and inputs (see realize()).
    RealizedDocument(const style::StyledDocument& styled, Tables tables,
                     std::vector<image::Image> images, std::vector<std::string> inputs)
        : images(std::move(images)),
          inputs(std::move(inputs)),
          m_styled(&styled),
          m_tables(std::move(tables)) {}

    [[nodiscard]] const style::StyledDocument& styled() const { return *m_styled; }
    [[nodiscard]] const doc::Document& doc() const { return m_styled->doc(); }

    /// The text of a text node as readers see it: typographic quotes where the style asks for
    /// them (decided in the context of its whole paragraph).
    [[nodiscard]] std::string_view text(doc::NodeId id) const;
    /// The text of a text node as drawn: text() with the node's text-transform applied.
    [[nodiscard]] std::string_view drawn(doc::NodeId id) const;
    /// The effective language of a node (its xml:lang, an ancestor's, else the document's).
    [[nodiscard]] const std::string& language(doc::NodeId id) const;
    /// The marker of a list item ("•", "3.", "iv."), UTF-8; empty for other nodes and `none`.
    [[nodiscard]] const std::string& marker(doc::NodeId item) const;
    /// The resolved cross-reference of a <ref> link, or nullptr for other nodes.
    [[nodiscard]] const Reference* reference(doc::NodeId link) const;
    /// The decoded image of a path (doc::Node::src, doc::Cover::image), or nullptr when it could
    /// not be decoded.
    [[nodiscard]] const image::Image* image(const std::string& path) const;
    /// The pixel size of the image of a path, or nullopt.
    [[nodiscard]] std::optional<core::Size> image_size(const std::string& path) const;

    /// Every image of the document, decoded once each, in document order.
    std::vector<image::Image> images;
    /// Every image file realize read (or tried to), in document order, once each.
    std::vector<std::string> inputs;

    /// Frees what only the consumers of the tree need (texts, markers, references), keeping the
    /// images, for the PDF.
    void forget_tree();

private:
    const style::StyledDocument* m_styled = nullptr;
    Tables m_tables;
};

/// Realizes a styled document. An image that cannot be decoded is an error at the element that
/// uses it (the rest is realized all the same).
RealizedDocument realize(const style::StyledDocument& styled, core::Diagnostics& diags);

/// Reads one image file; warnings about its content go to the sink (docs/graphics.md).
using ImageLoader = std::function<core::Result<image::Image>(const std::string& path, core::Diagnostics& warnings)>;

/// realize() with images read by `load` (the pipeline's reads SVG too; the default, PNG and JPEG).
RealizedDocument realize(const style::StyledDocument& styled, core::Diagnostics& diags,
                         const ImageLoader& load);

/// `text` (UTF-8) in upper case by Unicode's full case mapping in language `lang` (a BCP 47
/// tag): "Közép-Európa" gives "KÖZÉP-EURÓPA", "straße" "STRASSE", Turkish "i" "İ".
std::string upper_case(std::string_view text, const std::string& lang);
/// The same for UTF-32.
std::u32string upper_case(std::u32string_view text, const std::string& lang);
/// The one-character upper case of `c` (Unicode's simple mapping; small caps draw a lower-case
/// letter as this capital).
char32_t upper_char(char32_t c);

/// `text` as style `st` draws it in language `lang`: upper case for text-transform: uppercase.
std::string transformed(std::string_view text, const style::ComputedStyle& st,
                        const std::string& lang);

/// The marker of list item `n` (1-based) in a list style ("•", "3.", "c.", "iv.").
std::string list_marker(style::ListStyle s, int n);

}  // namespace folio::realize
