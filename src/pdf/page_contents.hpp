#pragma once
/// The content streams of all pages, painted (draw_page.hpp) and Flate-compressed on several
/// threads while the libharu document is busy with links and bookmarks on the calling thread,
/// and then while it is being saved: libharu asks for each page's stream when it reaches it
/// (wait()), so saving runs behind the painters instead of after them.
/// Each page is painted and compressed on its own, so the bytes do not depend on the number of
/// threads or on which thread took which page.

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/jobs.hpp"
#include "core/result.hpp"
#include "layout/paged_document.hpp"
#include "pdf/draw_page.hpp"
#include "pdf/marks.hpp"

namespace folio::pdf {

/// Compresses `raw` into `out` (replacing it) as a zlib stream at folio's content-stream
/// setting (libdeflate; see page_contents.cpp for the choice). False when it fails. Thread-safe.
bool deflate_content(std::string_view raw, std::string& out);

/// Paints and compresses every page of a document on worker threads. The inputs must stay alive
/// and unchanged until finish() has returned. wait() and finish() are for one thread (the one
/// that owns the libharu document).
class ContentBuilder {
public:
    /// Starts `threads` workers (0 = one per hardware thread) on `pages`, whose frames and
    /// registered resources are `frames` and `resources`.
    ContentBuilder(const layout::PagedDocument& pages, const std::vector<PageFrame>& frames,
                   const std::vector<PageResources>& resources, PaintSettings settings,
                   unsigned threads = 0);
    ContentBuilder(const ContentBuilder&) = delete;
    ContentBuilder& operator=(const ContentBuilder&) = delete;
    /// Waits for the workers (finish() has normally done so).
    ~ContentBuilder();

    /// How many pages the workers may paint ahead of the page libharu last asked for: their
    /// compressed streams wait in memory until libharu writes them, so a long document holds
    /// about this many at a time, not all of them.
    static constexpr std::size_t window = 2048;

    /// Page `page`'s compressed stream once it is ready (nullptr when zlib failed), painting
    /// pages no worker has taken yet meanwhile. The string stays put until finish().
    const std::string* wait(std::size_t page);

    /// wait() for hpdf::DeferredContent: `builder` is a ContentBuilder.
    static const std::string* supply(void* builder, std::size_t page);

    /// Frees page `page`'s compressed stream once libharu has written it into the file
    /// (hpdf::DeferredContent::release): the pages' streams do not pile up while a long
    /// document is saved. finish() then returns it empty.
    static void release(void* builder, std::size_t page);

    /// Paints the pages no worker has taken yet on the calling thread too, waits for the
    /// workers, and returns every page's compressed stream, in page order. Call once.
    core::Result<std::vector<std::string>> finish();

private:
    enum State : int { pending, ready, failed };

    /// Paints and compresses page `i` with worker `worker`'s buffer, and publishes it.
    void build(std::size_t i, unsigned worker);
    /// Lets the workers run to the end (the save is over, or failed).
    void unblock();

    const layout::PagedDocument& m_pages;
    const std::vector<PageFrame>& m_frames;
    const std::vector<PageResources>& m_resources;
    PaintSettings m_settings;
    std::atomic<bool> m_failed{false};
    std::atomic<std::size_t> m_asked{0};    ///< the last page libharu asked for (wait())
    std::vector<std::string> m_deflated;
    std::vector<std::atomic<int>> m_state;  ///< [page] State, set once by the thread that built it
    std::vector<std::string> m_raw;         ///< [worker] painting buffers, the caller's first
    core::Jobs m_jobs;                      ///< last: its threads stop before the rest goes
};

}  // namespace folio::pdf
