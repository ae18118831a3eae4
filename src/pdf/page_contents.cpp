// Content streams on several threads (see page_contents.hpp).
//
//   1. the constructor starts the workers (core::Jobs); each takes the next page number from a
//      shared counter, paints the page into a buffer it reuses, and compresses it into the page's slot
//   2. while libharu saves, it asks for each page's stream in page order (wait()); a page
//      still in the making is waited for, and one nobody has taken yet is painted by the
//      calling thread itself, so saving never waits on an idle worker
//   3. finish() makes the calling thread a worker too and joins the others
//
// Memory: a worker paints no more than `window` pages ahead of the page libharu last asked for,
// and each page's compressed stream is freed as soon as libharu has copied it into the file
// (release()), so a document of any length holds about `window` streams at a time: with some
// 5.5 KB a page, 11 MB instead of 550 MB at 100,000 pages.
//
// Compression: libdeflate at level 4 (issue 23), a zlib stream as before. Deflate is most of
// the painters' time. libdeflate compresses a whole buffer at once, without zlib's streaming
// state, and finds better matches for the time: measured on the content streams of the 1,049
// benchmark pages (bench/generate 715; 25.9 MB of operators; one process, each setting three
// times, on the shared 2-core machine, so the times are relative):
//   zlib 6 (libharu's):       8,660 ms  5.79 MB
//   zlib 4 (folio before):    3,274 ms  5.96 MB
//   libdeflate 1:               577 ms  6.14 MB
//   libdeflate 4 (folio):       704 ms  5.86 MB   <- 4.6 times faster than zlib 4, 1.6 % smaller
//   libdeflate 5:               896 ms  5.76 MB
//   libdeflate 6:             1,335 ms  5.76 MB
// The bytes depend only on the input and libdeflate's release (Debian 12: 1.14), like zlib's.
// Fonts, images and the other streams libharu compresses itself stay zlib's, at level 6.

#include "pdf/page_contents.hpp"

#include <libdeflate.h>

#include <algorithm>

#include "pdf/tagging.hpp"

namespace folio::pdf {
namespace {

/// The libdeflate level of content streams (see the table above).
constexpr int content_level = 4;

/// One thread's compressor, reused for every page it compresses (it allocates some hundreds of
/// KB once).
class Deflater {
public:
    Deflater() : m_compressor(libdeflate_alloc_compressor(content_level)) {}
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;
    ~Deflater() { libdeflate_free_compressor(m_compressor); }

    bool run(std::string_view raw, std::string& out) {
        if (m_compressor == nullptr) return false;
        m_buffer.resize(libdeflate_zlib_compress_bound(m_compressor, raw.size()));
        // The bound leaves room for the whole stream, so 0 (no room) never happens.
        const std::size_t n =
            libdeflate_zlib_compress(m_compressor, raw.data(), raw.size(), m_buffer.data(), m_buffer.size());
        if (n == 0) return false;
        out.assign(m_buffer.data(), n);
        return true;
    }

private:
    libdeflate_compressor* m_compressor;
    std::string m_buffer;
};

Deflater& thread_deflater() {
    thread_local Deflater deflater;
    return deflater;
}

}  // namespace

bool deflate_content(std::string_view raw, std::string& out) { return thread_deflater().run(raw, out); }

namespace {

/// Helpers beside the caller: no more than pages / 2 (with one page the calling thread does it in
/// wait() or finish()), and `threads` of them, as the caller is busy with libharu meanwhile.
std::size_t helpers_for(std::size_t pages, unsigned threads) {
    return std::min<std::size_t>(core::thread_count(threads), pages / 2);
}

}  // namespace

ContentBuilder::ContentBuilder(const layout::PagedDocument& pages,
                               const std::vector<PageFrame>& frames,
                               const std::vector<PageResources>& resources,
                               PaintSettings settings, unsigned threads)
    : m_pages(pages), m_frames(frames), m_resources(resources), m_settings(settings),
      m_deflated(pages.pages.size()), m_state(pages.pages.size()),
      m_raw(helpers_for(pages.pages.size(), threads) + 1),
      m_jobs(helpers_for(pages.pages.size(), threads), pages.pages.size(),
             [this](std::size_t i, unsigned worker) { build(i, worker); }) {}

ContentBuilder::~ContentBuilder() { unblock(); }

void ContentBuilder::unblock() {
    m_asked.store(SIZE_MAX / 2, std::memory_order_release);
    m_asked.notify_all();
}

void ContentBuilder::build(std::size_t i, unsigned worker) {
    // A worker beside the caller waits while it is a window ahead of the save; the caller
    // (worker 0, painting in wait() or finish()) never waits here.
    for (std::size_t asked = m_asked.load(std::memory_order_acquire); worker != 0 && i >= asked + window;
         asked = m_asked.load(std::memory_order_acquire)) {
        m_asked.wait(asked, std::memory_order_acquire);
    }
    std::string& raw = m_raw[worker];
    bool ok = false;
    try {
        raw.clear();
        const PageTags* tags = m_settings.tags != nullptr ? &(*m_settings.tags)[i] : nullptr;
        paint_page(m_pages.pages[i], m_frames[i], m_resources[i], m_settings, raw, tags);
        ok = deflate_content(raw, m_deflated[i]);
    } catch (...) {  // out of memory: the page fails, and whoever waits for it hears so
    }
    if (!ok) m_failed = true;
    m_state[i].store(ok ? ready : failed, std::memory_order_release);
    m_state[i].notify_all();
}

const std::string* ContentBuilder::wait(std::size_t page) {
    if (page > m_asked.load(std::memory_order_relaxed) && page < SIZE_MAX / 2) {
        m_asked.store(page, std::memory_order_release);
        m_asked.notify_all();
    }
    while (m_state[page].load(std::memory_order_acquire) == pending) {
        // The next page nobody has taken (maybe this one), else a worker has it: wait.
        if (!m_jobs.help()) m_state[page].wait(pending, std::memory_order_acquire);
    }
    return m_state[page].load(std::memory_order_acquire) == ready ? &m_deflated[page] : nullptr;
}

const std::string* ContentBuilder::supply(void* builder, std::size_t page) {
    return static_cast<ContentBuilder*>(builder)->wait(page);
}

void ContentBuilder::release(void* builder, std::size_t page) {
    std::string().swap(static_cast<ContentBuilder*>(builder)->m_deflated[page]);
}

core::Result<std::vector<std::string>> ContentBuilder::finish() {
    unblock();
    m_jobs.finish();
    if (m_failed) {
        return core::unexpected(core::Diagnostic{core::Severity::error, "pdf.write",
                                                 "zlib could not compress a page's content", {}});
    }
    return std::move(m_deflated);
}

}  // namespace folio::pdf
