#pragma once
/// The libharu adapter: the one place that touches libharu 2.3.0's internal structs and its error
/// model (the rest of src/pdf/ uses only the public API). Its parts: hpdf_adapter.cpp (document,
/// errors, arena, saving), hpdf_fonts.cpp, hpdf_streams.cpp, hpdf_pages.cpp, hpdf_metadata.cpp. It owns the document handle (RAII),
/// records errors through a handler that never jumps or throws, and turns a failed call into a
/// "pdf.write" Diagnostic. It also carries the workarounds for 2.3.0's defects, as measured in the
/// project's libharu 2.3.0 notes: the invalid ToUnicode CMap, content streams built outside
/// libharu, the destination that keeps the viewer's zoom, and print boxes besides the MediaBox.
///
/// Only src/pdf/ and the pdf unit tests include this header: it is private to folio_pdf
/// (docs/dependencies.txt), as hpdf.h is.

#include <hpdf.h>
#include <hpdf_streams.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "pdf/font_programs.hpp"

namespace folio::pdf {
struct StructurePlan;  // tagging.hpp
}  // namespace folio::pdf

namespace folio::pdf::hpdf {

/// Memory of libharu objects (hpdf_adapter.cpp).
class Arena;
struct DestinationParts;

/// What libharu's error handler last reported.
struct ErrorRecord {
    HPDF_STATUS error = HPDF_OK;
    HPDF_STATUS detail = 0;
};

/// A libharu document: created with a recording error handler, freed on destruction. Its
/// objects are allocated from an arena of its own (see hpdf_adapter.cpp), which libharu's
/// allocation callback (it takes no context) finds through the calling thread: get() makes it the
/// thread's. A document may be begun on one thread and finished on another, but two threads must
/// not use it at once, and a thread works on one document at a time.
class Document {
public:
    /// Creates an empty document; fails only when libharu cannot allocate one.
    static core::Result<Document> create();

    Document(Document&&) noexcept;
    Document& operator=(Document&&) noexcept;
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;
    ~Document();

    /// The raw handle, for libharu calls; libharu's allocations on this thread now come from this
    /// document's arena.
    [[nodiscard]] HPDF_Doc get() const;

    /// The objects the document's /XYZ destinations share (set_xyz_keep_zoom), made on first use.
    DestinationParts& destination_parts();

    /// Ok when `status` is HPDF_OK and no error was recorded; otherwise a "pdf.write" diagnostic
    /// naming the libharu error in hex and `what` was being done. Resets libharu's sticky error.
    core::Result<core::Ok> check(HPDF_STATUS status, std::string_view what);

    /// Returns `handle` when it is non-null and no error was recorded, else the diagnostic as in
    /// check(). For functions that report failure by returning NULL.
    template <typename Handle>
    core::Result<Handle> check_handle(Handle handle, std::string_view what) {
        if (handle != nullptr && m_errors->error == HPDF_OK) return handle;
        return core::unexpected(failure(what));
    }

    /// Serialises the document to memory and returns the whole file. `size_hint` is the
    /// expected size in bytes (0 = unknown), reserved up front.
    core::Result<std::string> save(std::size_t size_hint = 0);

    /// Serialises the document into the open, empty file `fd` (left open) as libharu writes it,
    /// hashing the bytes on the way, then writes the /ID placeholder (add_id_placeholder) over
    /// with the hash, as fill_in_id does in memory. Returns the file's size. Errors name the file
    /// as `name` and give the system's reason.
    core::Result<std::uint64_t> save_file(int fd, const std::string& name);

private:
    /// Saves through a callback stream that hands the bytes to `write` with `target` as the
    /// stream's attr; libharu's status (HPDF_FAILD_TO_ALLOC_MEM when the stream cannot be made).
    HPDF_STATUS save_through(HPDF_Stream_Write_Func write, void* target);

    struct Free {
        void operator()(HPDF_Doc doc) const;
    };
    struct ArenaDelete {
        void operator()(Arena* arena) const;
    };
    Document(std::unique_ptr<Arena, ArenaDelete> arena, std::unique_ptr<ErrorRecord> errors, HPDF_Doc doc);
    /// Builds the diagnostic for the recorded error and resets it.
    core::Diagnostic failure(std::string_view what);

    std::unique_ptr<Arena, ArenaDelete> m_arena;  ///< before m_doc: it outlives the document
    std::unique_ptr<ErrorRecord> m_errors;  ///< heap-held: libharu keeps its address as user data
    std::unique_ptr<DestinationParts> m_destination_parts;  ///< (set_xyz_keep_zoom)
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, Free> m_doc;
};

/// Writes the keys `dict` has now as libharu would when it saves it, keeps those bytes in their
/// place and frees the objects, which later objects reuse (issue 23). Keys added later are
/// written after them, as before, and hidden ones stay; call it when no key written now will be
/// looked up or changed again (an outline entry's, a link annotation's, once set).
core::Result<core::Ok> compact_keys(Document& doc, HPDF_Dict dict);
/// compact_keys for a page whose resources are all registered (about 4 KB a page): nothing can
/// be added to them afterwards.
core::Result<core::Ok> compact_page(Document& doc, HPDF_Page page);

/// Loads the TrueType font at `path` as a UTF-8 (Identity-H) font for `code_points` (BMP,
/// ascending), with a valid ToUnicode map (fix_to_unicode). Its program is embedded by
/// embed_font_program.
/// HPDF_GetFont looks every BMP code point up in the font's cmap with a linear search (3 ms per
/// font) and writes a /W width for each one the font has (about 20 KB per font). Here the cmap
/// is narrowed to `code_points` while the font is made, so the lookups are short and /W lists
/// only the code points the document draws (the cmap is restored afterwards).
core::Result<HPDF_Font> load_font(Document& doc, const std::string& path,
                                  const std::vector<char32_t>& code_points);
/// The same for a face whose file load_font_file read already, under `name`.
core::Result<HPDF_Font> load_font(Document& doc, const std::string& path, const char* name,
                                  const std::vector<char32_t>& code_points);
/// Reads and parses the TrueType file at `path` (HPDF_LoadTTFontFromFile, embedded), giving the
/// name to make fonts of it under; each face's subset tag follows the order of these calls.
core::Result<const char*> load_font_file(Document& doc, const std::string& path);

/// Replaces the ToUnicode CMap libharu 2.3.0 writes for a UTF-8 (Identity-H) TrueType font, whose
/// `begincidrange` is invalid in a ToUnicode map, with an identity `bfrange` map for the BMP
/// (surrogates excluded). Call right after HPDF_GetFont(pdf, name, "UTF-8").
core::Result<core::Ok> fix_to_unicode(Document& doc, HPDF_Font font);

/// The text of that map: an identity ToUnicode CMap for the BMP, CID = code point, as libharu's
/// UTF-8 encoder assigns them (see hpdf_fonts.cpp). Pure.
const std::string& identity_to_unicode_cmap();

/// Appends `v` (as the HPDF_REAL libharu's operators take) to `out` in libharu's own number
/// format (HPDF_FToA: at most 5 decimals, clamped to +-32767), so that operators built without
/// libharu are the bytes its operator functions would write. Pure; safe on any thread.
void append_real(std::string& out, double v);

/// The name ("F1", "F2", ...) under which `font` is in the page's /Resources /Font, added on
/// first use, as HPDF_Page_SetFontAndSize registers it.
core::Result<std::string> font_resource(Document& doc, HPDF_Page page, HPDF_Font font);

/// The name ("X1", ...) under which `image` is in the page's /Resources /XObject, added on first
/// use, as HPDF_Page_DrawImage registers it.
core::Result<std::string> image_resource(Document& doc, HPDF_Page page, HPDF_Image image);

/// A page's compressed content stream that may still be in the making when libharu saves.
struct DeferredContent {
    /// Returns the zlib stream for `index`, waiting for it if need be; it must stay alive and
    /// unchanged until save() returns. nullptr = it could not be made: the page is saved empty
    /// and the caller reports the failure.
    const std::string* (*get)(void* context, std::size_t index);
    void* context;
    std::size_t index;
    /// Called once libharu has copied the whole stream into the file (null: keep it), so its
    /// memory can go before the rest of the document is saved.
    void (*release)(void* context, std::size_t index) = nullptr;
};

/// Makes `content` the page's content stream, marked /FlateDecode, without copying it into
/// libharu: libharu asks for it when save() reaches the page and reads it from where it is.
/// Nothing may be drawn on the page through libharu afterwards.
core::Result<core::Ok> set_deflated_content(Document& doc, HPDF_Page page, DeferredContent content);

/// The same for any stream object libharu would otherwise write from its own memory stream
/// (whose content is dropped).
core::Result<core::Ok> set_deflated_stream(Document& doc, HPDF_Dict stream, DeferredContent content);

/// The glyph each of `code_points` (ascending) has in the font file read under `name`
/// (load_font_file), by libharu's own cmap lookup, as make_font_program wants them; code points
/// beyond the BMP are left out.
core::Result<std::vector<std::pair<char32_t, std::uint16_t>>> glyph_ids(Document& doc, const char* name,
                                                                         const std::vector<char32_t>& code_points);

/// Embeds folio's own program for a load_font font in place of libharu's subset, after the last
/// text is drawn with it: runs libharu's FontDescriptor hook now, without its subsetting, and
/// adds /FontFile2 with /Length1 `font_length`. `font_file`, `gid_map` (the CIDToGIDMap) and
/// `to_unicode` (the ToUnicode CMap) are zlib streams that must stay alive and unchanged until
/// the document is saved; libharu reads them from where they are.
core::Result<core::Ok> embed_font_program(Document& doc, HPDF_Font font, const std::string& font_file,
                                          std::size_t font_length, const std::string& gid_map,
                                          const std::string& to_unicode);

/// An empty Type0 font dictionary (indirect) for a CFF face, which libharu cannot read: pages
/// register it as they register libharu's fonts, and embed_cff_font completes it.
core::Result<HPDF_Font> new_cff_font(Document& doc);

/// Completes a new_cff_font dictionary with `program` (a make_cff_program result): /BaseFont,
/// the embedded /Encoding CMap, the CIDFontType0 with its /W widths and FontDescriptor, the
/// /FontFile3 /Subtype /CIDFontType0C program, and `to_unicode` (the identity ToUnicode CMap,
/// deflated). The streams are read from `program` and `to_unicode` when the document is saved.
core::Result<core::Ok> embed_cff_font(Document& doc, HPDF_Font font, const FontProgram& program,
                                      const std::string& to_unicode);

/// Lets libharu's object table and page tree grow to about `objects` objects and `pages` pages
/// without copying them over and over: 2.3.0 grows its lists by a fixed step (1024 objects, 20
/// kids), a copy of the whole list each time, which is quadratic for 10,000 pages. Beyond 32,767
/// pages (the most one libharu array holds) it makes the page tree two levels deep. Call it
/// before the first page is added.
core::Result<core::Ok> expect_size(Document& doc, std::size_t objects, std::size_t pages);

/// Points `dest` at (left, top) on its page while keeping the viewer's zoom: /XYZ left top null.
/// (HPDF_Destination_SetXYZ rejects zoom 0, which is how the API would say "keep".) The page's
/// reference, the name, a left of 0 and the null are objects shared by all such destinations of
/// the document, and the array has room for five: a bookmark's or link's destination took about
/// 540 bytes, now about 200 (issue 23). Nothing may clear or change `dest` afterwards.
core::Result<core::Ok> set_xyz_keep_zoom(Document& doc, HPDF_Destination dest, HPDF_Page page,
                                         double left, double top);

/// Adds a print box (name "TrimBox", "BleedBox", "CropBox" or "ArtBox") to a page, in PDF
/// coordinates (origin bottom-left). libharu only edits boxes that already exist.
core::Result<core::Ok> set_page_box(Document& doc, HPDF_Page page, const char* name, double left,
                                    double bottom, double right, double top);

/// Raises the version in the file header to at least `version` (libharu never raises it for
/// SMasks or PDF/A; lowering is never needed).
void require_version(Document& doc, HPDF_PDFVer version);

/// Sets /ViewerPreferences << /DisplayDocTitle true >> in the catalog: viewers show the title,
/// not the file name. (HPDF_SetViewerPreference has no flag for it in 2.3.0.)
core::Result<core::Ok> display_doc_title(Document& doc);

/// Sets an annotation's /F (flags) to Print (4): PDF/A requires it, and printing links is
/// harmless because they have no appearance.
core::Result<core::Ok> set_print_flag(Document& doc, HPDF_Annotation annot);

/// Adds the catalog's /Metadata: an uncompressed /Type /Metadata /Subtype /XML stream holding
/// `xmp` (PDF/A forbids a filter on it).
core::Result<core::Ok> add_metadata(Document& doc, std::string_view xmp);

/// Adds the catalog's /OutputIntents with one /GTS_PDFA1 intent whose /DestOutputProfile is the
/// ICC profile `icc` (Flate-compressed, /N `components`).
core::Result<core::Ok> add_output_intent(Document& doc, std::string_view icc, int components,
                                         const char* identifier, const char* info);

/// Adds /ID [<0...0> <0...0>] to the trailer: 16 zero bytes each, to be replaced in the saved
/// file by fill_in_id.
core::Result<core::Ok> add_id_placeholder(Document& doc);

/// Labels the page at `index` with `prefix` and no number (a cover): libharu always adds a
/// numbering style, which is removed from the label it has just added.
core::Result<core::Ok> add_unnumbered_label(Document& doc, HPDF_UINT index, const char* prefix);

/// Writes the structure tree of a tagged PDF (hpdf_structure.cpp): the catalog's /MarkInfo,
/// /Lang and /StructTreeRoot (its elements, parent tree and role map), each page's
/// /StructParents and /Tabs /S, and each link annotation's /StructParent and /Contents.
/// `annotations` are by LinkArea ordinal, as the plan counts them (null: not made).
/// The elements and the parent tree are written from `plan` only when libharu saves them (each
/// an empty dictionary that writes its own keys), so the returned objects, `plan`, `pages` and
/// `annotations` must outlive the save.
class StructureObjects {
public:
    StructureObjects();
    StructureObjects(StructureObjects&&) noexcept;
    StructureObjects& operator=(StructureObjects&&) noexcept;
    ~StructureObjects();
    struct Impl;
    std::unique_ptr<Impl> impl;
};
core::Result<core::Ok> write_structure(Document& doc, const StructurePlan& plan, const std::vector<HPDF_Page>& pages,
                                       const std::vector<HPDF_Annotation>& annotations, StructureObjects& keep);

/// Replaces the placeholder /ID of a saved file with the first 16 bytes of the SHA-256 of the
/// whole file (placeholder included), in place; the length does not change, so every offset
/// stays right. False when the placeholder is not found.
bool fill_in_id(std::string& file);

}  // namespace folio::pdf::hpdf
