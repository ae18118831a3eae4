#pragma once
/// The PDF writer: the only code that sees libharu. It draws a PagedDocument with the faces of a
/// FontSet and the decoded images, and returns the bytes of the PDF file.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.hpp"
#include "doc/document.hpp"
#include "image/image.hpp"
#include "layout/paged_document.hpp"
#include "realize/realize.hpp"
#include "text/font_set.hpp"

namespace folio::pdf {

/// What the tagged PDF's structure tree keeps of the document tree (structure_source.cpp): made
/// before the pipeline frees the tree, read by the writer when it marks the pages' content.
struct StructureSource {
    /// The standard structure type an element of the source becomes.
    enum class Role : std::uint8_t {
        document, sect, heading, paragraph, list, list_item, label, list_body, figure, caption,
        block_quote, aside, toc, link, reference, span,
        table, table_head, table_body, table_foot, table_row, header_cell, data_cell,
    };
    /// One structure element, in source order (a parent before its children).
    struct Element {
        Role role = Role::document;
        std::uint8_t level = 0;                 ///< heading: the source's level (1 = the title)
        std::uint32_t parent = UINT32_MAX;      ///< index of the parent element; none for [0]
        std::string lang;                       ///< BCP 47, only where it differs from the parent's
        std::string alt;                        ///< figure: /Alt; aside: its title; link: its text
        const char* scope = nullptr;            ///< header cell: /Scope (Row, Column, Both)
        std::uint16_t colspan = 1;              ///< cell: /ColSpan
        std::uint16_t rowspan = 1;              ///< cell: /RowSpan
    };
    /// No element: the node's marks are decorative (a bullet) and become artifacts.
    static constexpr std::uint32_t artifact = UINT32_MAX;

    std::vector<Element> elements;        ///< [0] is the Document
    std::vector<std::uint32_t> element_of;  ///< by NodeId: the element its drawn content belongs to
    std::unordered_map<doc::NodeId, std::string> titles;  ///< headings' text: contents entries' links
    /// Every hyphen of the drawn text with the part of its word before it ("EU-" of
    /// "EU-related", "South-" and "South-East-"): a line that ends in a hyphen not among these
    /// ends in one layout added at a break.
    std::unordered_set<std::u32string> hyphenated;
    std::string lang;                     ///< the document's language (catalog /Lang)
    std::string cover_alt;                ///< the cover image's alternative text ("" = decorative)
    /// True when made (tagging on); an empty source writes an untagged PDF.
    [[nodiscard]] bool empty() const { return elements.empty(); }
};

/// The structure source of a realized document: an element per block, list, item, label (for
/// numbered lists only: bullets are decorative), link, cross-reference and figure, and a Span
/// for a text whose language differs from its element's.
StructureSource structure_source(const realize::RealizedDocument& realized);

/// What the PDF needs besides the pages.
struct PdfOptions {
    std::string creator = "folio";  ///< written to /Creator and /Producer with the version
    bool pdfa = false;              ///< PDF/A-2b: XMP, sRGB output intent, header 1.7
    bool cmyk = false;              ///< every colour and image as DeviceCMYK (naive conversion)
    bool marks = false;             ///< crop and registration marks in a slug around the bleed
    bool two_page_spread = false;   ///< /PageLayout /TwoPageRight instead of /SinglePage
    /// Tagged PDF (PDF/UA-1) from this structure source; empty = untagged (--no-tags). With
    /// `pdfa`, a tagged file is PDF/A-2a, an untagged one PDF/A-2b.
    const StructureSource* structure = nullptr;
    /// The creation and modification date, seconds since 1970 UTC; -1 = no dates. The caller
    /// chooses it (SOURCE_DATE_EPOCH, else the source's date); the writer never reads the clock.
    std::int64_t date_epoch = -1;
    /// The bytes of the ICC profile (version 2, RGB) of the PDF/A output intent; required with
    /// `pdfa`.
    std::string output_intent_icc;
    /// Threads that paint and compress page contents (0 = one per core); the bytes are the same
    /// for any number.
    unsigned threads = 0;
    std::string cache_dir;  ///< folio's cache folder: the embedded font programs kept there (#23); empty: none
};

/// Applies `--pdf-standard` (comma-separated "ua-1", "a-2a", "a-2b"; "" = the default, ua-1
/// when `tags`): a-2a and a-2b set `pdfa`; ua-1 and a-2a need tagging. False, with an
/// "options.pdf-standard" error in `diags`, for an unknown name or a standard --no-tags rules out.
bool apply_standards(std::string_view standards, bool tags, bool& pdfa, core::Diagnostics& diags);

/// Writes `pages` as a PDF: embedded TrueType subsets with a correct ToUnicode map, the images
/// the pages place (looked up in `images` by ImageBox::path, each embedded once), one outline
/// entry per OutlineEntry, link annotations, print boxes (and marks), page labels, viewer
/// settings, the document information from `meta`, and an /ID derived from the file's content.
/// Returns the whole file, so the caller can write it atomically.
core::Result<std::string> write_pdf(const layout::PagedDocument& pages, const doc::Metadata& meta,
                                    const std::vector<text::Face>& faces,
                                    const std::vector<image::Image>& images,
                                    const PdfOptions& options);

/// A PDF begun before its pages exist: the document made and the files of its faces read and
/// parsed by libharu, some milliseconds a face, which a caller can spend while layout runs. Made
/// on one thread, it may be finished by write_pdf_file on another (never by two at once).
class Preparation {
public:
    Preparation();
    Preparation(Preparation&&) noexcept;
    Preparation& operator=(Preparation&&) noexcept;
    ~Preparation();
    struct Impl;
    std::unique_ptr<Impl> impl;
};

/// Begins a PDF whose faces will be among the files `font_paths` (each read once, in this
/// order, which is the order of their subset tags).
core::Result<Preparation> prepare(const std::vector<std::string>& font_paths);

/// The same file as write_pdf, written into the open, empty file `fd` (left open, not synced)
/// as libharu saves it, without holding the whole file in memory; the /ID is written into it at
/// the end. Errors name the file `name` and give the system's reason. On failure the file may be
/// partly written: the caller writes to a temporary file and renames it (pipeline/outputs.hpp).
/// `prepared` (may be null) is a document begun with prepare(); it is used up.
core::Result<core::Ok> write_pdf_file(const layout::PagedDocument& pages, const doc::Metadata& meta,
                                      const std::vector<text::Face>& faces,
                                      const std::vector<image::Image>& images, const PdfOptions& options,
                                      int fd, const std::string& name, Preparation* prepared = nullptr);

/// Seconds since the epoch of midnight UTC on a "YYYY-MM-DD" date (the source's <date>), or
/// nullopt when `iso_date` is not such a date.
std::optional<std::int64_t> date_epoch_of(std::string_view iso_date);

}  // namespace folio::pdf
