#pragma once
/// Private to src/xml: the state of one read_content call. read_content.cpp holds the
/// orchestration, <meta>, attributes, ids and links; content_body.cpp holds the blocks, the inline
/// content, the whitespace rules and the content-model errors.

#include <pugixml.hpp>

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "doc/document.hpp"

namespace folio::xml::detail {

/// What an element may contain: which child elements, and whether text (inline content) is allowed.
struct ContentModel {
    std::string_view elements;   ///< allowed child elements, space-separated
    bool text = false;           ///< inline content (text, em, strong, a, br) is allowed
    std::string_view expected;   ///< the allowed children, for messages
    std::string_view text_hint;  ///< what to do with stray text, for messages

    /// True when `name` is one of `elements`.
    [[nodiscard]] bool allows(std::string_view name) const;
};

/// <document> after <meta>, and <section> after <title>.
inline constexpr ContentModel body_model{"section p ul ol figure figures qr blockquote aside contents break table", false,
                                         "p, ul, ol, figure, figures, qr, blockquote, aside, table, contents, break or section",
                                         "wrap it in <p>"};
/// <ul> and <ol>.
inline constexpr ContentModel list_model{"li", false, "li", "wrap it in <li>"};
/// <figure>.
inline constexpr ContentModel figure_model{"caption", false, "caption", "put it in <caption>"};
/// <p>, <title> of a section, <caption>, <em>, <strong> and <a>.
inline constexpr ContentModel inline_model{"em strong a br ref", true, "text, em, strong, a, ref or br", ""};
/// <li> and <aside>: inline content and/or paragraphs and lists.
inline constexpr ContentModel mixed_model{"em strong a br ref p ul ol", true,
                                          "text, em, strong, a, ref, br, p, ul or ol", ""};
/// <blockquote>: inline content and/or paragraphs.
inline constexpr ContentModel quote_model{"em strong a br ref p", true, "text, em, strong, a, ref, br or p",
                                          ""};
/// <table> (content_table.cpp checks the order).
inline constexpr ContentModel table_model{"caption col thead tbody tfoot tr", false,
                                          "caption, col, thead, tbody, tfoot or tr", "put it in a cell, <td>"};
/// <thead>, <tbody> and <tfoot>.
inline constexpr ContentModel row_group_model{"tr", false, "tr", "put it in a cell of a row, <tr><td>"};
/// <tr>.
inline constexpr ContentModel row_model{"th td", false, "th or td", "put it in a cell, <td>"};
/// <th> and <td>: inline content and/or paragraphs.
inline constexpr ContentModel cell_model{"em strong a br ref p ul ol figure", true,
                                         "text, em, strong, a, ref, br, p, ul, ol or figure", ""};
/// <br>.
inline constexpr ContentModel empty_model{"", false, "nothing", "<br> must be empty"};
/// <meta>.
inline constexpr ContentModel meta_model{
    "title subtitle organisation author date keywords description cover back-cover", false,
    "title, subtitle, organisation, author, date, keywords, description, cover or back-cover",
    "put it in <title>, <description> or another element of <meta>"};
/// The elements of <meta>: plain text only.
inline constexpr ContentModel plain_model{"", true, "plain text", ""};

/// The deepest nesting of elements the reader accepts, the root being level 1. Reading recurses
/// once per level (blocks in blocks, inline elements in inline elements), so deeper input is
/// refused before any recursion: 20,000 levels overflowed the stack (docs/limits.md).
inline constexpr std::size_t max_depth = 256;

/// The most characters of text one block (a paragraph, a heading, a list item's inline content)
/// may hold. A paragraph costs about 100 bytes of memory a character on its way to the page, so
/// 20 MB of text in one <p> peaked at 1.5 GB; at the limit a build peaks near 40 MB.
inline constexpr std::size_t max_block_chars = 200'000;
/// The most characters one word (a run without spaces, a URL) may hold.
inline constexpr std::size_t max_word_chars = 10'000;

/// True for the inline elements em, strong, a and br.
bool is_inline_element(std::string_view name);

/// Reads one content source into a doc::Document, reporting problems to a Diagnostics sink.
class ContentReader {
public:
    /// Prepares to read `file`; figure images must exist when `check_files` is set.
    ContentReader(const core::SourceFile& file, core::Diagnostics& diags, bool check_files,
                  bool allow_outside = false);
    /// Resolves an image path against the source's folder and checks it (exists, stays inside
    /// the folder unless allowed); `attr` names the attribute for the error position.
    std::string resolve_image(pugi::xml_node el, const char* attr, std::string_view path);
    /// Builds the document from the parsed root element: root, meta, body, then the link check.
    doc::Document read(pugi::xml_node root);

    // --- read_content.cpp: node building ---
    /// A node of `kind` for element `el`, its attributes checked against the global ones plus
    /// `extra`; id (when `allow_id`), class and xml:lang are applied to it.
    doc::Node make_node(doc::NodeKind kind, pugi::xml_node el,
                        std::initializer_list<std::string_view> extra, bool allow_id = true);
    /// Reports every attribute of `el` that is not global or in `extra`, and repeated attributes.
    void check_attributes(pugi::xml_node el, std::initializer_list<std::string_view> extra,
                          bool allow_id);

    // --- content_body.cpp ---
    /// Reports an element that `model` does not allow inside `parent`.
    void bad_element(pugi::xml_node el, pugi::xml_node parent, const ContentModel& model);
    /// Reports non-whitespace text where `model` allows no text.
    void bad_text(pugi::xml_node text, pugi::xml_node parent, const ContentModel& model);
    /// Reads the children of `parent` into node `into` under `model`, skipping `skip`.
    /// `depth` is the number of enclosing sections.
    void read_children(pugi::xml_node parent, doc::NodeId into, const ContentModel& model,
                       int depth, pugi::xml_node skip = {});

private:
    // read_content.cpp
    /// nodes[0], version and xml:lang (or the wrong-root error).
    void read_root(pugi::xml_node root);
    /// Metadata, then the level-1 heading and the subtitle paragraph.
    void read_meta(pugi::xml_node meta);
    /// The trimmed plain text of a meta field; `first_text` gets its first non-blank text node.
    std::string meta_text(pugi::xml_node field, pugi::xml_node* first_text);
    /// The heading (level 1) and subtitle nodes under the root; sets meta.title and subtitle.
    void add_title_nodes(pugi::xml_node title, pugi::xml_node subtitle);
    /// Validates and registers the id of `el`, and sets it on `node` when it is valid and new.
    void apply_id(pugi::xml_node el, doc::Node& node);
    /// Reports internal links whose id no element has.
    void check_links();

    // content_body.cpp
    /// One block element allowed by the caller's model.
    void read_block(pugi::xml_node el, doc::NodeId into, int depth);
    /// A section: its heading at level depth + 2, then its blocks.
    void read_section(pugi::xml_node el, doc::NodeId into, int depth);
    /// A figure: src resolved (and checked), alt, one optional caption.
    void read_figure(pugi::xml_node el, doc::NodeId into);
    // content_table.cpp
    /// A table: caption, columns, row groups, rows and cells, then its grid's problems.
    void read_table(pugi::xml_node el, doc::NodeId into, int depth);
    /// A <thead>, <tbody> or <tfoot> (`kind`) of `table`.
    void read_row_group(pugi::xml_node el, doc::NodeId table, doc::NodeKind kind, int depth);
    /// A <tr> and its cells.
    void read_row(pugi::xml_node el, doc::NodeId group, int depth);
    /// Reports the problems of the grid of `table` (element `el`).
    void check_table(doc::NodeId table, pugi::xml_node el);

    /// A QR code (content_qr.cpp): a figure whose image is the code (qr::to_key).
    void read_qr(pugi::xml_node el, doc::NodeId into);
    /// A row of figures side by side (content_figures.cpp): two to four figures or QR codes.
    void read_figure_row(pugi::xml_node el, doc::NodeId into, int depth);
    /// Applies the whitespace rules to a run of inline content and emits its nodes.
    void flush_inline(std::vector<pugi::xml_node>& run, doc::NodeId into,
                      const ContentModel& model);
    /// Emits one inline node (text, em, strong, a or br) and its content.
    void emit_inline(pugi::xml_node n, doc::NodeId into);
    /// Adds a text node located at its first kept character.
    doc::NodeId add_text(pugi::xml_node n, std::string text, doc::NodeId into);

    // content_checks.cpp
    /// False, after reporting it, when a run's text (its leaves after the whitespace rules, in
    /// m_inline_text) is longer than max_block_chars or holds a word longer than max_word_chars.
    /// `block` is the element whose inline content it is.
    bool within_text_limits(const std::vector<pugi::xml_node>& leaves, pugi::xml_node block);
    /// The same limits for the plain text of a <meta> field, reported at the field.
    void check_plain_limits(std::string_view text, pugi::xml_node field);
    /// The byte offset in the source of the word that starts at byte `at` of `text`, the text of
    /// `leaf` after the whitespace rules.
    [[nodiscard]] std::size_t raw_word_offset(pugi::xml_node leaf, std::string_view text, std::size_t at) const;

    /// True when `href` of <a> element `a` is a link target core::is_allowed_link accepts;
    /// otherwise warns that the link is dropped and its text kept.
    bool allowed_link(pugi::xml_node a, std::string_view href);

    /// An internal link to check once every id is known.
    struct PendingLink {
        std::string target;  ///< the id, without '#'
        core::SourceLocation location;
    };

    const core::SourceFile& m_file;
    core::Diagnostics& m_diags;
    bool m_check_files;
    bool m_allow_outside = false;
    doc::Document m_doc;
    std::map<std::string, std::uint32_t> m_id_lines;  ///< id -> line of its first use
    std::vector<PendingLink> m_links;
    /// The current run's text leaves after the whitespace rules, in document order: the order
    /// the checks and emission ask for them in (a vector, not a map: issue 23).
    std::vector<std::pair<pugi::xml_node, std::string>> m_inline_text;
    std::size_t m_inline_next = 0;  ///< where inline_text looks first
    /// The text of text leaf `n` of the current run after the whitespace rules; null when it is
    /// not one. Asked in document order, it finds each at once.
    std::string* inline_text(pugi::xml_node n);
};

}  // namespace folio::xml::detail
