#pragma once
/// Tagged PDF: the structure tree of a laid-out document, planned on the calling thread before
/// the pages are painted. Every painted item gets a mark: a marked-content id (MCID) of its
/// page, whose element the plan knows, or an artifact kind (running heads and feet, rules,
/// backgrounds, bullets, leader dots). Consecutive items of one element share one MCID. The
/// painters (draw_page.cpp) only follow the marks; hpdf_structure.cpp writes the plan as
/// libharu objects. See docs/pdf-output.md, "Tagged PDF".

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "layout/paged_document.hpp"
#include "pdf/marks.hpp"
#include "pdf/write_pdf.hpp"

namespace folio::pdf {

/// What a page item is in the structure: an MCID below `first_artifact`, or one of these.
namespace mark {
inline constexpr std::uint32_t none = UINT32_MAX;            ///< paints nothing (links, anchors)
inline constexpr std::uint32_t artifact = UINT32_MAX - 1;    ///< decorative: bullets, leader dots
inline constexpr std::uint32_t header = UINT32_MAX - 2;      ///< running head and its rule
inline constexpr std::uint32_t footer = UINT32_MAX - 3;      ///< running foot, page number, rule
inline constexpr std::uint32_t layout = UINT32_MAX - 4;      ///< a block's rules and background
inline constexpr std::uint32_t background = UINT32_MAX - 5;  ///< a page's background
inline constexpr std::uint32_t first_artifact = background;
}  // namespace mark

/// Appends the operator that opens the marked content of `mark` (an MCID of an element of type
/// `type`, or an artifact kind): "/P <</MCID 3>> BDC", "/Artifact <</Type /Pagination ...>> BDC".
void open_marked_content(std::string& out, std::uint32_t mark, const char* type);

/// The marks of one page.
struct PageTags {
    std::vector<std::uint32_t> marks;   ///< [item] its mark
    std::vector<std::uint32_t> parents; ///< [MCID] the element it belongs to (the parent tree)
    std::vector<const char*> types;     ///< [MCID] that element's structure type
    /// [item] how a glyph run ends a line of text: 0 it does not (or is an artifact),
    /// `line_space` a space is drawn after it so that words stay apart in the extracted text,
    /// `hyphen_mcid` + n its last character is a hyphen layout added at a break, drawn as
    /// MCID n of the same element with an empty /ActualText (the word reads whole).
    std::vector<std::uint32_t> endings;
};
inline constexpr std::uint32_t line_space = 1;
inline constexpr std::uint32_t hyphen_mcid = 2;

/// The structure tree, ready to be written.
struct StructurePlan {
    struct Kid {
        enum class Kind : std::uint8_t { element, mcid, annotation };
        Kind kind = Kind::element;
        std::uint32_t value = 0;  ///< element index, MCID, or the link's ordinal among LinkAreas
        std::uint32_t page = 0;   ///< mcid and annotation: the page
    };
    struct Element {
        const char* type = "P";
        std::uint32_t parent = UINT32_MAX;
        /// /Lang, /Alt (figures) and /T (asides): held apart, as most elements have none (issue 23:
        /// three strings in every element were a fifth of the plan).
        struct Texts {
            std::string lang;
            std::string alt;
            std::string title;
        };
        std::shared_ptr<Texts> texts;  ///< null when all three are empty
        std::vector<Kid> kids;
        std::uint32_t page = UINT32_MAX;  ///< /Pg: the page of its first content
        bool has_bbox = false;
        double bbox[4] = {0, 0, 0, 0};   ///< figures: the image in PDF coordinates
        const char* scope = nullptr;     ///< TH: /Scope in a /Table attribute
        std::uint16_t colspan = 1;       ///< TH, TD: /ColSpan when more than 1
        std::uint16_t rowspan = 1;       ///< TH, TD: /RowSpan when more than 1
        std::uint64_t order = 0;         ///< source order among siblings
        bool placed = false;             ///< in its parent's kids (it has content)

        /// The texts to set (made on first use).
        Texts& set_texts() {
            if (!texts) texts = std::make_shared<Texts>();
            return *texts;
        }
    };
    std::vector<Element> elements;            ///< [0] is the Document
    std::vector<PageTags> pages;
    std::vector<std::uint32_t> link_parents;  ///< [LinkArea ordinal] its Link element, or none
    std::vector<std::string> link_contents;   ///< [LinkArea ordinal] the annotation's /Contents
    std::string lang;                         ///< the catalog's /Lang
};

/// Splits each THead, TBody or TFoot with more than `most` kids into several of its type in a row,
/// so that no /K array is longer than libharu writes (32,767 items; tagging_groups.cpp).
void split_long_row_groups(StructurePlan& plan, std::size_t most = 32000);

/// Plans the structure tree of `pages` from `source` (elements in source order, each with its
/// content's MCIDs page by page and its links' annotations) and the marks of every item.
StructurePlan plan_structure(const layout::PagedDocument& pages, const StructureSource& source,
                             const std::vector<PageFrame>& frames);

/// UTF-8 that libharu converts correctly to UTF-16: invalid bytes and code points beyond the BMP
/// (which 2.3.0 garbles) become U+FFFD; beyond `limit` characters it is cut and ends in "…"
/// (libharu refuses strings over 65,535 bytes, and a link may hold a whole paragraph).
std::string sanitize(std::string_view utf8, std::size_t limit = SIZE_MAX);

/// The longest /Alt, /Contents or /T folio writes, in characters.
inline constexpr std::size_t description_limit = 10000;

}  // namespace folio::pdf
