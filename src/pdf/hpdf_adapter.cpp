// The libharu adapter's core: the document handle, its error record and its memory arena, and
// saving to memory. The other parts: hpdf_fonts.cpp, hpdf_streams.cpp, hpdf_pages.cpp and
// hpdf_metadata.cpp.
#include "pdf/hpdf_adapter.hpp"

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "pdf/hpdf_internals.hpp"

namespace folio::pdf::hpdf {

namespace {

/// libharu's error callback. It only records: libharu carries on and returns a failure code,
/// which the caller turns into a Result. The first error is the cause; later ones are echoes of
/// the sticky error state, so they are not recorded.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the signature is libharu's
void record_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
    auto* record = static_cast<ErrorRecord*>(user_data);
    if (record->error != HPDF_OK) return;
    record->error = error;
    record->detail = detail;
}

/// The symbolic name of the libharu errors folio can plausibly meet, or "" for the others.
const char* error_name(HPDF_STATUS error) {
    struct Named {
        HPDF_STATUS code;
        const char* name;
    };
    static constexpr std::array<Named, 24> names{{
        {HPDF_FAILD_TO_ALLOC_MEM, "FAILD_TO_ALLOC_MEM"},
        {HPDF_FILE_IO_ERROR, "FILE_IO_ERROR"},
        {HPDF_FILE_OPEN_ERROR, "FILE_OPEN_ERROR"},
        {HPDF_FONT_EXISTS, "FONT_EXISTS"},
        {HPDF_INVALID_COLOR_SPACE, "INVALID_COLOR_SPACE"},
        {HPDF_INVALID_DESTINATION, "INVALID_DESTINATION"},
        {HPDF_INVALID_DOCUMENT, "INVALID_DOCUMENT"},
        {HPDF_INVALID_ENCODER, "INVALID_ENCODER"},
        {HPDF_INVALID_FONTDEF_DATA, "INVALID_FONTDEF_DATA"},
        {HPDF_INVALID_FONT_NAME, "INVALID_FONT_NAME"},
        {HPDF_INVALID_OBJECT, "INVALID_OBJECT"},
        {HPDF_INVALID_PAGE, "INVALID_PAGE"},
        {HPDF_INVALID_PARAMETER, "INVALID_PARAMETER"},
        {HPDF_INVALID_TTC_FILE, "INVALID_TTC_FILE"},
        {HPDF_PAGE_INVALID_FONT_SIZE, "PAGE_INVALID_FONT_SIZE"},
        {HPDF_PAGE_INVALID_GMODE, "PAGE_INVALID_GMODE"},
        {HPDF_PAGE_INVALID_SIZE, "PAGE_INVALID_SIZE"},
        {HPDF_PAGE_OUT_OF_RANGE, "PAGE_OUT_OF_RANGE"},
        {HPDF_REAL_OUT_OF_RANGE, "REAL_OUT_OF_RANGE"},
        {HPDF_TTF_CANNOT_EMBEDDING_FONT, "TTF_CANNOT_EMBEDDING_FONT"},
        {HPDF_TTF_INVALID_CMAP, "TTF_INVALID_CMAP"},
        {HPDF_TTF_INVALID_FOMAT, "TTF_INVALID_FOMAT"},
        {HPDF_TTF_MISSING_TABLE, "TTF_MISSING_TABLE"},
        {HPDF_ZLIB_ERROR, "ZLIB_ERROR"},
    }};
    for (const auto& n : names) {
        if (n.code == error) return n.name;
    }
    return "";
}

/// "0x1017" for 0x1017.
std::string hex(HPDF_STATUS value) {
    std::array<char, 16> buf{};
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value, 16);
    (void)ec;  // 16 chars always suffice for a 32-bit value
    std::string digits(buf.data(), end);
    for (char& c : digits) {
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    }
    return "0x" + digits;
}

}  // namespace

/// Memory for one libharu document. libharu makes a few hundred small objects per page (a
/// dictionary entry, a number, a name, a reference proxy each) through malloc and frees them one
/// by one in HPDF_Free: a fifth of the writer's time went to glibc's malloc and free. Here they
/// are carved from large blocks and released all at once with the document. (Its built-in memory
/// pool does the same but does not align what it hands out, which is why it is not used.)
/// What libharu frees before that (a page's settled dictionaries, compact_page; a list's array
/// that grew) goes back on a free list of its size, so that the next page reuses it (issue 23):
/// each block holds objects of one size, which it records at its start, and blocks are aligned
/// to their size, so a freed pointer finds its block's size by masking its low bits.
class Arena {
public:
    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    ~Arena() { release_all(); }

    void* allocate(std::size_t size) {
        size = size == 0 ? alignment : (size + (alignment - 1)) & ~(alignment - 1);
        if (size > max_small) {  // large: a block of its own, known by its address
            void* p = std::aligned_alloc(alignment, size);
            if (p != nullptr) m_large.insert(p);
            return p;
        }
        Class& c = m_classes[size / alignment];
        if (c.free != nullptr) {
            void* p = c.free;
            c.free = *static_cast<void**>(p);
            return p;
        }
        if (size > c.left) {
            void* block = std::aligned_alloc(block_size, block_size);
            if (block == nullptr) return nullptr;
            m_blocks.push_back(block);
            *static_cast<std::size_t*>(block) = size;  // the block's header: its objects' size
            c.next = static_cast<std::byte*>(block) + alignment;
            c.left = block_size - alignment;
        }
        void* p = c.next;
        c.next += size;
        c.left -= size;
        return p;
    }

    void free(void* p) {
        if (p == nullptr) return;
        if (m_large.erase(p) != 0) {
            std::free(p);
            return;
        }
        const auto block = reinterpret_cast<std::uintptr_t>(p) & ~std::uintptr_t{block_size - 1};
        const std::size_t size = *reinterpret_cast<const std::size_t*>(block);
        Class& c = m_classes[size / alignment];
        *static_cast<void**>(p) = c.free;
        c.free = p;
    }

private:
    static constexpr std::size_t alignment = 16;
    static constexpr std::size_t block_size = std::size_t{1} << 16;
    static constexpr std::size_t max_small = 4096;

    /// The objects of one size: the rest of its newest block, and those freed.
    struct Class {
        std::byte* next = nullptr;
        std::size_t left = 0;
        void* free = nullptr;
    };

    void release_all() {
        for (void* block : m_blocks) std::free(block);
        for (void* p : m_large) std::free(p);
        m_blocks.clear();
        m_large.clear();
    }

    std::array<Class, max_small / alignment + 1> m_classes{};
    std::vector<void*> m_blocks;
    std::unordered_set<void*> m_large;
};

namespace {

/// The arena of the document this thread works on (Document::get makes it so): libharu's
/// allocation callback takes no context.
thread_local Arena* t_arena = nullptr;

void* arena_alloc(HPDF_UINT size) { return t_arena != nullptr ? t_arena->allocate(size) : nullptr; }
void arena_free(void* ptr) {
    if (t_arena != nullptr) t_arena->free(ptr);
}

}  // namespace

void Document::Free::operator()(HPDF_Doc doc) const {
    Arena* current = t_arena;
    t_arena = nullptr;  // libharu's frees do nothing now: the arena goes as a whole next
    HPDF_Free(doc);
    t_arena = current;
}
void Document::ArenaDelete::operator()(Arena* arena) const {
    if (t_arena == arena) t_arena = nullptr;
    delete arena;
}

Document::Document(std::unique_ptr<Arena, ArenaDelete> arena, std::unique_ptr<ErrorRecord> errors, HPDF_Doc doc)
    : m_arena(std::move(arena)), m_errors(std::move(errors)), m_doc(doc) {}
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&& other) noexcept {
    if (this != &other) {
        m_doc.reset();  // the document before the arena it lives in
        m_arena = std::move(other.m_arena);
        m_errors = std::move(other.m_errors);
        m_destination_parts = std::move(other.m_destination_parts);
        m_doc = std::move(other.m_doc);
    }
    return *this;
}
Document::~Document() = default;

DestinationParts& Document::destination_parts() {
    if (!m_destination_parts) m_destination_parts = std::make_unique<DestinationParts>();
    return *m_destination_parts;
}

HPDF_Doc Document::get() const {
    t_arena = m_arena.get();
    return m_doc.get();
}

core::Result<Document> Document::create() {
    auto errors = std::make_unique<ErrorRecord>();
    std::unique_ptr<Arena, ArenaDelete> arena(new Arena);
    t_arena = arena.get();
    HPDF_Doc doc = HPDF_NewEx(record_error, arena_alloc, arena_free, 0, errors.get());
    if (doc == nullptr) {
        return core::unexpected(
            core::Diagnostic{core::Severity::error,
                             "pdf.write",
                             "libharu could not create a PDF document (out of memory?)",
                             {}});
    }
    return Document(std::move(arena), std::move(errors), doc);
}

core::Result<core::Ok> Document::check(HPDF_STATUS status, std::string_view what) {
    if (status == HPDF_OK && m_errors->error == HPDF_OK) return core::Ok{};
    if (m_errors->error == HPDF_OK) m_errors->error = status;
    return core::unexpected(failure(what));
}

core::Diagnostic Document::failure(std::string_view what) {
    HPDF_STATUS error = m_errors->error;
    HPDF_STATUS detail = m_errors->detail;
    if (error == HPDF_OK && m_doc) {
        error = HPDF_GetError(m_doc.get());
        detail = HPDF_GetErrorDetail(m_doc.get());
    }
    std::string message;
    if (error == HPDF_OK) {
        // Some failures (e.g. a truncated TrueType file) return NULL without an error code.
        message = "libharu failed without an error code while " + std::string(what);
    } else {
        message = "libharu error " + hex(error);
        if (const char* name = error_name(error); *name != '\0') message += std::string(" ") + name;
        message += " (detail " + std::to_string(detail) + ") while " + std::string(what);
    }
    // Errors are sticky: without a reset every later call on the document fails too.
    if (m_doc) HPDF_ResetError(m_doc.get());
    *m_errors = ErrorRecord{};
    return core::Diagnostic{core::Severity::error, "pdf.write", std::move(message), {}};
}

namespace {

/// libharu's write callback for save(): appends to the std::string held as the stream's attr.
HPDF_STATUS append_to_string(HPDF_Stream stream, const HPDF_BYTE* data, HPDF_UINT size) {
    static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(data), size);
    return HPDF_OK;
}

}  // namespace

HPDF_STATUS Document::save_through(HPDF_Stream_Write_Func write, void* target) {
    // HPDF_SaveToStream writes into pdf->stream, creating a memory stream only when there is
    // none; a callback stream in its place receives the file as it is written.
    HPDF_Doc doc = get();  // (saving allocates: from this document's arena)
    HPDF_Stream sink = HPDF_CallbackWriter_New(doc->mmgr, write, target);
    if (sink == nullptr) return HPDF_FAILD_TO_ALLOC_MEM;
    if (doc->stream != nullptr) HPDF_Stream_Free(doc->stream);
    doc->stream = sink;
    saving_to(sink);
    const HPDF_STATUS status = HPDF_SaveToStream(doc);
    saving_to(nullptr);
    HPDF_Stream_Free(sink);  // it points at `target`, which does not outlive the caller's call
    doc->stream = nullptr;
    return status;
}

core::Result<std::string> Document::save(std::size_t size_hint) {
    // HPDF_SaveToStream writes into pdf->stream, creating a memory stream only when there is
    // none, and empties it first only when it is a memory stream. Handing it a callback stream
    // instead makes it write straight into `bytes`, without the memory stream's 4 KB blocks,
    // its byte-by-byte copies and the copy back out (HPDF_ReadFromStream).
    std::string bytes;
    bytes.reserve(size_hint);
    const HPDF_STATUS status = save_through(append_to_string, &bytes);
    if (auto r = check(status, "writing the PDF to memory"); !r) return core::unexpected(r.error());
    if (bytes.empty()) return core::unexpected(failure("writing the PDF to memory (empty result)"));
    return bytes;
}

}  // namespace folio::pdf::hpdf
