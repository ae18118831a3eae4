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
// Compression: zlib level 4. Deflate is most of the writer's time, and libharu's level 6 (zlib's
// default) spends twice as long as level 4 for content streams 11 % smaller. Measured on the
// 1,000 pages of the benchmark (18 MB of operators, one core):
//   level 6 (zlib's default, libharu's):  504 ms  3.47 MB
//   level 5:                              321 ms  3.61 MB
//   level 4:                              227 ms  3.91 MB   <- the whole file: 5.90 -> 6.33 MB
//   level 1:                              162 ms  4.91 MB
// Fonts, images and the other streams libharu compresses itself stay at level 6.

#include "pdf/page_contents.hpp"

#include <zlib.h>

#include <algorithm>

#include "pdf/tagging.hpp"

namespace folio::pdf {
namespace {

/// The zlib level of content streams (see the table above).
constexpr int content_level = 4;

/// One thread's deflate state, reused for every page it compresses (deflateInit allocates and
/// clears about 270 KB; deflateReset only clears the hash table).
class Deflater {
public:
    Deflater() : m_ready(deflateInit(&m_z, content_level) == Z_OK) {}
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;
    ~Deflater() {
        if (m_ready) deflateEnd(&m_z);
    }

    bool run(std::string_view raw, std::string& out) {
        if (!m_ready || deflateReset(&m_z) != Z_OK) return false;
        m_buffer.resize(deflateBound(&m_z, static_cast<uLong>(raw.size())));
        m_z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
        m_z.avail_in = static_cast<uInt>(raw.size());
        m_z.next_out = reinterpret_cast<Bytef*>(m_buffer.data());
        m_z.avail_out = static_cast<uInt>(m_buffer.size());
        // deflateBound leaves room for the whole stream, so one call finishes it.
        if (deflate(&m_z, Z_FINISH) != Z_STREAM_END) return false;
        out.assign(m_buffer.data(), m_buffer.size() - m_z.avail_out);
        return true;
    }

private:
    z_stream m_z{};
    bool m_ready;
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
