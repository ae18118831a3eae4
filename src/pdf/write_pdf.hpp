#pragma once
/// The PDF writer: the only code that sees libharu. It draws a PagedDocument with the faces of a
/// FontSet and the decoded images, and returns the bytes of the PDF file.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "doc/document.hpp"
#include "image/image.hpp"
#include "layout/paged_document.hpp"
#include "text/font_set.hpp"

namespace folio::pdf {

/// What the PDF needs besides the pages.
struct PdfOptions {
    std::string creator = "folio";  ///< written to /Creator and /Producer with the version
    bool pdfa = false;              ///< PDF/A-2b: XMP, sRGB output intent, header 1.7
    bool cmyk = false;              ///< every colour and image as DeviceCMYK (naive conversion)
    bool marks = false;             ///< crop and registration marks in a slug around the bleed
    bool two_page_spread = false;   ///< /PageLayout /TwoPageRight instead of /SinglePage
    /// The creation and modification date, seconds since 1970 UTC; -1 = no dates. The caller
    /// chooses it (SOURCE_DATE_EPOCH, else the source's date); the writer never reads the clock.
    std::int64_t date_epoch = -1;
    /// The bytes of the ICC profile (version 2, RGB) of the PDF/A output intent; required with
    /// `pdfa`.
    std::string output_intent_icc;
    /// Threads that paint and compress page contents (0 = one per core); the bytes are the same
    /// for any number.
    unsigned threads = 0;
};

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
