#include "pdf/hpdf_adapter.hpp"

// libharu's internal structs (page attributes, font attributes, streams, dictionaries). Their
// layout is only valid for 2.3.0, hence the static_assert; nothing outside this file uses them.
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_version.h>
#include <hpdf_utils.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "core/sha256.hpp"

static_assert(HPDF_VERSION_ID == 20300, "hpdf_adapter relies on libharu 2.3.0's internal structs");

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

/// One bfrange per high byte (a bfrange must not cross a change of the high byte), 248 of
/// them because the surrogate block D800..DFFF is left out, at most 100 per block. The
/// f-ligatures U+FB00..U+FB04 that layout substitutes map back to their letters through a bfchar
/// block ("fi" for <FB01>), so the FB high byte's range starts at FB05.
const std::string& identity_to_unicode_cmap() {
    static const std::string cmap = [] {
        std::vector<unsigned> highs;
        for (unsigned hi = 0; hi <= 0xFF; ++hi) {
            if (hi < 0xD8 || hi > 0xDF) highs.push_back(hi);
        }
        const auto hex2 = [](unsigned v) {
            static constexpr char digits[] = "0123456789ABCDEF";
            return std::string{digits[(v >> 4) & 0xF], digits[v & 0xF]};
        };
        std::string s =
            "/CIDInit /ProcSet findresource begin\n"
            "12 dict begin\n"
            "begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n"
            "/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
        for (std::size_t block = 0; block < highs.size(); block += 100) {
            const std::size_t n = std::min<std::size_t>(100, highs.size() - block);
            s += std::to_string(n) + " beginbfrange\n";
            for (std::size_t i = block; i < block + n; ++i) {
                const std::string h = hex2(highs[i]);
                const std::string low = highs[i] == 0xFB ? "05" : "00";  // FB00..FB04: bfchar below
                s.append("<").append(h).append(low).append("> <").append(h).append("FF> <").append(h).append(
                    low).append(">\n");
            }
            s += "endbfrange\n";
        }
        s += "5 beginbfchar\n"
             "<FB00> <00660066>\n"
             "<FB01> <00660069>\n"
             "<FB02> <0066006C>\n"
             "<FB03> <006600660069>\n"
             "<FB04> <00660066006C>\n"
             "endbfchar\n";
        s += "endcmap\n"
             "CMapName currentdict /CMap defineresource pop\n"
             "end\n"
             "end\n";
        return s;
    }();
    return cmap;
}

/// Memory for one libharu document. libharu makes a few hundred small objects per page (a
/// dictionary entry, a number, a name, a reference proxy each) through malloc and frees them one
/// by one in HPDF_Free: a fifth of the writer's time went to glibc's malloc and free. Here they
/// are carved from large blocks and released all at once with the document; libharu's own free
/// calls do nothing. (Its built-in memory pool does the same but does not align what it hands
/// out, which is why it is not used.)
class Arena {
public:
    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    ~Arena() { release_all(); }

    void* allocate(std::size_t size) {
        size = (size + (alignment - 1)) & ~(alignment - 1);
        if (size > block_size / 8) {  // large: a block of its own
            void* p = std::aligned_alloc(alignment, size);
            if (p != nullptr) m_blocks.push_back(p);
            return p;
        }
        if (size > m_left) {
            void* block = std::aligned_alloc(alignment, block_size);
            if (block == nullptr) return nullptr;
            m_blocks.push_back(block);
            m_next = static_cast<std::byte*>(block);
            m_left = block_size;
        }
        void* p = m_next;
        m_next += size;
        m_left -= size;
        return p;
    }

private:
    static constexpr std::size_t alignment = 16;
    static constexpr std::size_t block_size = std::size_t{1} << 20;

    void release_all() {
        for (void* block : m_blocks) std::free(block);
        m_blocks.clear();
        m_next = nullptr;
        m_left = 0;
    }

    std::vector<void*> m_blocks;
    std::byte* m_next = nullptr;
    std::size_t m_left = 0;
};

namespace {

/// The arena of the document this thread works on (Document::get makes it so): libharu's
/// allocation callback takes no context.
thread_local Arena* t_arena = nullptr;

void* arena_alloc(HPDF_UINT size) { return t_arena != nullptr ? t_arena->allocate(size) : nullptr; }
void arena_free(void* /*ptr*/) {}  // everything goes when the arena is released

}  // namespace

void Document::Free::operator()(HPDF_Doc doc) const { HPDF_Free(doc); }
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
        m_doc = std::move(other.m_doc);
    }
    return *this;
}
Document::~Document() = default;

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
    const HPDF_STATUS status = HPDF_SaveToStream(doc);
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

namespace {

/// While it lives, the cmap libharu parsed from a TrueType font maps only the given code points,
/// each to its own glyph. For a UTF-8 font CIDFontType2_New looks every BMP code point up (a
/// linear search through the cmap's segments, 65,536 times per font) and writes a /W width for
/// each one that has a glyph. The narrowed cmap has two segments, the drawn range through a
/// glyph array and the closing 0xFFFF segment, so each lookup is short and /W lists only what the
/// document draws. (The CIDToGIDMap libharu builds here is replaced by embed_font_program's.)
class NarrowedCmap {
public:
    NarrowedCmap(HPDF_FontDef fontdef, const std::vector<char32_t>& code_points) {
        auto* attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);
        if (fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE || attr == nullptr ||
            attr->cmap.format != 4 || attr->cmap.seg_count_x2 == 0) {
            return;  // leave anything unexpected to libharu as it is
        }
        std::vector<std::pair<HPDF_UINT16, HPDF_UINT16>> glyphs;  // (code point, glyph)
        for (char32_t cp : code_points) {
            if (cp >= 0xFFFF) return;  // it would need the closing segment: keep the whole cmap
            if (cp == 0) continue;
            const auto code = static_cast<HPDF_UINT16>(cp);
            const HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(fontdef, code);
            if (gid != 0) glyphs.emplace_back(code, gid);
        }
        if (glyphs.empty()) return;  // nothing drawn: keep the whole cmap
        const HPDF_UINT16 low = glyphs.front().first;
        const HPDF_UINT16 high = glyphs.back().first;  // code_points are ascending
        m_glyphs.assign(high - low + 1u, 0);
        for (auto [code, gid] : glyphs) m_glyphs[code - low] = gid;
        // Segment 0 reads m_glyphs: libharu's index is offset / 2 + i - segments + (c - start).
        // Segment 1 maps 0xFFFF to glyph 0 (0xFFFF + 1).
        m_starts = {low, 0xFFFF};
        m_ends = {high, 0xFFFF};
        m_deltas = {0, 1};
        m_offsets = {4, 0};
        m_cmap = &attr->cmap;
        m_saved = *m_cmap;
        m_cmap->seg_count_x2 = 4;
        m_cmap->end_count = m_ends.data();
        m_cmap->start_count = m_starts.data();
        m_cmap->id_delta = m_deltas.data();
        m_cmap->id_range_offset = m_offsets.data();
        m_cmap->glyph_id_array = m_glyphs.data();
        m_cmap->glyph_id_array_count = static_cast<HPDF_UINT>(m_glyphs.size());
        // Every drawn code point must still find its glyph, or libharu keeps its own cmap.
        for (auto [code, gid] : glyphs) {
            if (HPDF_TTFontDef_GetGlyphid(fontdef, code) != gid) {
                restore();
                return;
            }
        }
    }
    NarrowedCmap(const NarrowedCmap&) = delete;
    NarrowedCmap& operator=(const NarrowedCmap&) = delete;
    ~NarrowedCmap() { restore(); }

private:
    void restore() {
        if (m_cmap != nullptr) *m_cmap = m_saved;
        m_cmap = nullptr;
    }

    HPDF_TTF_CmapRange* m_cmap = nullptr;
    HPDF_TTF_CmapRange m_saved{};
    std::array<HPDF_UINT16, 2> m_starts{};
    std::array<HPDF_UINT16, 2> m_ends{};
    std::array<HPDF_INT16, 2> m_deltas{};
    std::array<HPDF_UINT16, 2> m_offsets{};
    std::vector<HPDF_UINT16> m_glyphs;
};

}  // namespace

core::Result<const char*> load_font_file(Document& doc, const std::string& path) {
    return doc.check_handle(HPDF_LoadTTFontFromFile(doc.get(), path.c_str(), HPDF_TRUE),
                            "loading font \"" + path + "\"");
}

core::Result<HPDF_Font> load_font(Document& doc, const std::string& path,
                                  const std::vector<char32_t>& code_points) {
    auto name = load_font_file(doc, path);
    if (!name) return core::unexpected(name.error());
    return load_font(doc, path, *name, code_points);
}

core::Result<HPDF_Font> load_font(Document& doc, const std::string& path, const char* name,
                                  const std::vector<char32_t>& code_points) {
    const std::string what = "creating a UTF-8 font from \"" + path + "\"";
    auto fontdef = doc.check_handle(HPDF_GetFontDef(doc.get(), name), what);
    if (!fontdef) return core::unexpected(fontdef.error());
    core::Result<HPDF_Font> font = [&] {
        const NarrowedCmap narrowed(*fontdef, code_points);
        return doc.check_handle(HPDF_GetFont(doc.get(), name, "UTF-8"), what);
    }();
    if (!font) return font;
    if (auto r = fix_to_unicode(doc, *font); !r) return core::unexpected(r.error());
    return font;
}

core::Result<std::vector<std::pair<char32_t, std::uint16_t>>> glyph_ids(Document& doc, const char* name,
                                                                         const std::vector<char32_t>& code_points) {
    auto fontdef = doc.check_handle(HPDF_GetFontDef(doc.get(), name), "finding the glyphs of a font");
    if (!fontdef) return core::unexpected(fontdef.error());
    std::vector<std::pair<char32_t, std::uint16_t>> out;
    if ((*fontdef)->type != HPDF_FONTDEF_TYPE_TRUETYPE) return out;
    out.reserve(code_points.size());
    for (char32_t cp : code_points) {
        if (cp > 0xFFFF) continue;  // beyond Identity-H's two bytes
        out.emplace_back(cp, HPDF_TTFontDef_GetGlyphid(*fontdef, static_cast<HPDF_UINT16>(cp)));
    }
    return out;
}

core::Result<core::Ok> fix_to_unicode(Document& doc, HPDF_Font font) {
    const std::string_view what = "replacing the ToUnicode CMap of a font";
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    // For a UTF-8 TrueType font, 2.3.0 encodes with Identity-H and hangs its own CMap stream
    // under /ToUnicode. Refuse anything else rather than overwrite an /Encoding.
    if (attr == nullptr || attr->type != HPDF_FONT_TYPE0_TT || attr->cmap_stream == nullptr ||
        HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT) != attr->cmap_stream) {
        return core::unexpected(core::Diagnostic{
            core::Severity::error,
            "pdf.write",
            "unexpected libharu font structure (no /ToUnicode CMap stream) while " +
                std::string(what),
            {}});
    }
    HPDF_Dict cmap = attr->cmap_stream;
    // Keep the object (it is referenced), drop its content and the keys of an encoding CMap.
    HPDF_MemStream_FreeData(cmap->stream);
    for (const char* key : {"CMapName", "CIDSystemInfo", "WMode", "Type"}) {
        if (auto r = doc.check(HPDF_Dict_RemoveElement(cmap, key), what); !r) return r;
    }
    const std::string& text = identity_to_unicode_cmap();
    return doc.check(
        HPDF_Stream_Write(cmap->stream, reinterpret_cast<const HPDF_BYTE*>(text.data()),
                          static_cast<HPDF_UINT>(text.size())),
        what);
}

void append_real(std::string& out, double v) {
    // The operators format into a large buffer (HPDF_TMP_BUF_SIZ), so the end is never reached.
    char buf[32] = {};
    const char* end = HPDF_FToA(buf, static_cast<HPDF_REAL>(v), buf + sizeof buf - 1);
    out.append(buf, static_cast<std::size_t>(end - buf));
}

core::Result<std::string> font_resource(Document& doc, HPDF_Page page, HPDF_Font font) {
    const char* name = HPDF_Page_GetLocalFontName(page, font);
    auto r = doc.check_handle(name, "registering a font on a page");
    if (!r) return core::unexpected(r.error());
    return std::string(name);
}

core::Result<std::string> image_resource(Document& doc, HPDF_Page page, HPDF_Image image) {
    const char* name = HPDF_Page_GetXObjectName(page, image);
    auto r = doc.check_handle(name, "registering an image on a page");
    if (!r) return core::unexpected(r.error());
    return std::string(name);
}

namespace {

/// Where libharu reads a content stream from: bytes that folio owns, asked for on first use,
/// and the read position.
struct ContentSource {
    DeferredContent deferred;
    const std::string* bytes;
    bool asked;
    std::size_t at;
};

ContentSource& source_of(HPDF_Stream stream) { return *static_cast<ContentSource*>(stream->attr); }

/// The source's bytes, asked for on first use; empty when they could not be made.
const std::string& bytes_of(HPDF_Stream stream) {
    static const std::string none;
    ContentSource& src = source_of(stream);
    if (!src.asked) {
        src.bytes = src.deferred.get(src.deferred.context, src.deferred.index);
        src.asked = true;
    }
    return src.bytes != nullptr ? *src.bytes : none;
}

HPDF_STATUS read_content(HPDF_Stream stream, HPDF_BYTE* out, HPDF_UINT* size) {
    const std::string& bytes = bytes_of(stream);
    ContentSource& src = source_of(stream);
    const std::size_t n = std::min<std::size_t>(*size, bytes.size() - src.at);
    std::copy_n(bytes.data() + src.at, n, reinterpret_cast<char*>(out));
    src.at += n;
    *size = static_cast<HPDF_UINT>(n);
    return src.at == bytes.size() ? HPDF_STREAM_EOF : HPDF_OK;
}

HPDF_STATUS seek_content(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
    ContentSource& src = source_of(stream);
    const auto size = static_cast<std::int64_t>(bytes_of(stream).size());
    const std::int64_t base = mode == HPDF_SEEK_SET   ? 0
                              : mode == HPDF_SEEK_CUR ? static_cast<std::int64_t>(src.at)
                                                      : size;
    const std::int64_t to = base + pos;
    if (to < 0 || to > size) return HPDF_SetError(stream->error, HPDF_STREAM_EOF, 0);
    src.at = static_cast<std::size_t>(to);
    return HPDF_OK;
}

HPDF_INT32 tell_content(HPDF_Stream stream) { return static_cast<HPDF_INT32>(source_of(stream).at); }

HPDF_UINT32 content_size(HPDF_Stream stream) {
    return static_cast<HPDF_UINT32>(bytes_of(stream).size());
}

void free_content_source(HPDF_Stream stream) { HPDF_FreeMem(stream->mmgr, stream->attr); }

/// Written inside the content stream's dictionary in place of the Filter that libharu removes
/// from a stream it does not compress itself.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream out) {
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

}  // namespace

core::Result<core::Ok> set_deflated_stream(Document& doc, HPDF_Dict dict, DeferredContent content) {
    const std::string_view what = "storing a compressed stream";
    if (dict == nullptr || dict->stream == nullptr || dict->write_fn != nullptr) {
        return core::unexpected(core::Diagnostic{
            core::Severity::error, "pdf.write",
            "unexpected libharu object (not a plain stream) while " + std::string(what), {}});
    }
    auto* source = static_cast<ContentSource*>(HPDF_GetMem(dict->mmgr, sizeof(ContentSource)));
    if (source == nullptr) return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what);
    *source = ContentSource{content, nullptr, false, 0};
    HPDF_Stream reader = HPDF_CallbackReader_New(dict->mmgr, read_content, seek_content,
                                                 tell_content, content_size, source);
    if (reader == nullptr) {
        HPDF_FreeMem(dict->mmgr, source);
        return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what);
    }
    reader->free_fn = free_content_source;  // the stream owns its source record
    HPDF_Stream_Free(dict->stream);
    dict->stream = reader;
    // Already compressed: libharu copies the bytes and writes the /Filter through write_fn.
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
    return core::Ok{};
}

core::Result<core::Ok> set_deflated_content(Document& doc, HPDF_Page page, DeferredContent content) {
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    HPDF_Dict contents = attr->contents;
    if (contents == nullptr || contents->stream == nullptr || contents->stream != attr->stream) {
        return core::unexpected(core::Diagnostic{
            core::Severity::error, "pdf.write",
            "unexpected libharu page structure (not one plain content stream) while storing a "
            "page's compressed content",
            {}});
    }
    if (auto r = set_deflated_stream(doc, contents, content); !r) return r;
    attr->stream = contents->stream;
    return core::Ok{};
}

namespace {

const std::string* given_string(void* text, std::size_t) { return static_cast<const std::string*>(text); }

}  // namespace

core::Result<core::Ok> embed_font_program(Document& doc, HPDF_Font font, const std::string& font_file,
                                          std::size_t font_length, const std::string& gid_map,
                                          const std::string& to_unicode) {
    const std::string what = "embedding a font program";
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    auto* tt = attr != nullptr && attr->fontdef != nullptr &&
                       attr->fontdef->type == HPDF_FONTDEF_TYPE_TRUETYPE
                   ? static_cast<HPDF_TTFontDefAttr>(attr->fontdef->attr)
                   : nullptr;
    if (tt == nullptr || attr->type != HPDF_FONT_TYPE0_TT || attr->map_stream == nullptr ||
        attr->cmap_stream == nullptr || font->before_write_fn == nullptr ||
        attr->fontdef->descriptor != nullptr) {
        return core::unexpected(core::Diagnostic{
            core::Severity::error, "pdf.write",
            "unexpected libharu font structure (not a UTF-8 TrueType font yet to be written) while " + what,
            {}});
    }
    // libharu's hook makes the FontDescriptor (and, when embedding, its own subset: skipped),
    // and sets the filters of the CIDToGIDMap and ToUnicode streams. It has done its work.
    tt->embedding = HPDF_FALSE;
    const HPDF_STATUS made = font->before_write_fn(font);
    tt->embedding = HPDF_TRUE;
    font->before_write_fn = nullptr;
    if (auto r = doc.check(made, what); !r) return r;
    HPDF_Dict descriptor = attr->fontdef->descriptor;
    if (descriptor == nullptr) return doc.check(HPDF_INVALID_OBJECT, what);
    HPDF_Dict program = HPDF_DictStream_New(font->mmgr, attr->xref);
    if (program == nullptr) return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what);
    if (auto r = doc.check(HPDF_Dict_Add(descriptor, "FontFile2", program), what); !r) return r;
    if (auto r = doc.check(HPDF_Dict_AddNumber(program, "Length1", static_cast<HPDF_INT32>(font_length)), what); !r)
        return r;
    const auto as_given = [](const std::string& bytes) {
        return DeferredContent{&given_string, const_cast<std::string*>(&bytes), 0};
    };
    if (auto r = set_deflated_stream(doc, program, as_given(font_file)); !r) return r;
    if (auto r = set_deflated_stream(doc, attr->map_stream, as_given(gid_map)); !r) return r;
    return set_deflated_stream(doc, attr->cmap_stream, as_given(to_unicode));
}

void expect_size(Document& doc, std::size_t objects, std::size_t pages) {
    HPDF_Doc pdf = doc.get();
    const auto grow = [](HPDF_List list, std::size_t expected) {
        if (list != nullptr && expected > list->items_per_block)
            list->items_per_block = static_cast<HPDF_UINT>(std::min<std::size_t>(expected, 1u << 24));
    };
    grow(pdf->xref->entries, objects);
    grow(pdf->page_list, pages);
    auto* kids = static_cast<HPDF_Array>(HPDF_Dict_GetItem(pdf->root_pages, "Kids", HPDF_OCLASS_ARRAY));
    if (kids != nullptr) grow(kids->list, pages);
}

core::Result<core::Ok> set_xyz_keep_zoom(Document& doc, HPDF_Destination dest, HPDF_Page page,
                                         double left, double top) {
    // The same array HPDF_Destination_SetXYZ builds, with null instead of a zoom factor.
    HPDF_Array_Clear(dest);
    HPDF_STATUS status = HPDF_Array_Add(dest, page);
    if (status == HPDF_OK) status = HPDF_Array_AddName(dest, "XYZ");
    if (status == HPDF_OK) status = HPDF_Array_AddReal(dest, static_cast<HPDF_REAL>(left));
    if (status == HPDF_OK) status = HPDF_Array_AddReal(dest, static_cast<HPDF_REAL>(top));
    if (status == HPDF_OK) {
        HPDF_Null null = HPDF_Null_New(dest->mmgr);
        status = null != nullptr ? HPDF_Array_Add(dest, null) : HPDF_FAILD_TO_ALLOC_MEM;
    }
    return doc.check(status, "setting a link destination");
}

core::Result<core::Ok> set_page_box(Document& doc, HPDF_Page page, const char* name, double left,
                                    double bottom, double right, double top) {
    const HPDF_Box box{static_cast<HPDF_REAL>(left), static_cast<HPDF_REAL>(bottom),
                       static_cast<HPDF_REAL>(right), static_cast<HPDF_REAL>(top)};
    HPDF_Array array = HPDF_Box_Array_New(page->mmgr, box);
    if (array == nullptr) return doc.check(HPDF_FAILD_TO_ALLOC_MEM, std::string("adding ") + name);
    return doc.check(HPDF_Dict_Add(page, name, array), std::string("adding ") + name);
}

void require_version(Document& doc, HPDF_PDFVer version) {
    HPDF_Doc pdf = doc.get();
    if (pdf->pdf_version < version) pdf->pdf_version = version;
}

core::Result<core::Ok> display_doc_title(Document& doc) {
    HPDF_Doc pdf = doc.get();
    HPDF_Dict prefs = HPDF_Dict_New(pdf->mmgr);
    if (prefs == nullptr) return doc.check(HPDF_FAILD_TO_ALLOC_MEM, "adding viewer preferences");
    HPDF_STATUS status = HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    if (status == HPDF_OK) status = HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs);
    return doc.check(status, "adding viewer preferences");
}

core::Result<core::Ok> set_print_flag(Document& doc, HPDF_Annotation annot) {
    return doc.check(HPDF_Dict_AddNumber(annot, "F", 4), "setting an annotation's print flag");
}

core::Result<core::Ok> add_metadata(Document& doc, std::string_view xmp) {
    const std::string_view what = "adding the XMP metadata";
    HPDF_Doc pdf = doc.get();
    HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (stream == nullptr) return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what);
    stream->filter = HPDF_STREAM_FILTER_NONE;
    HPDF_STATUS status = HPDF_Dict_AddName(stream, "Type", "Metadata");
    if (status == HPDF_OK) status = HPDF_Dict_AddName(stream, "Subtype", "XML");
    if (status == HPDF_OK) {
        status = HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(xmp.data()),
                                   static_cast<HPDF_UINT>(xmp.size()));
    }
    if (status == HPDF_OK) status = HPDF_Dict_Add(pdf->catalog, "Metadata", stream);
    return doc.check(status, what);
}

core::Result<core::Ok> add_output_intent(Document& doc, std::string_view icc, int components,
                                         const char* identifier, const char* info) {
    const std::string_view what = "adding the output intent";
    HPDF_Doc pdf = doc.get();
    HPDF_Dict profile = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
    if (profile == nullptr || intent == nullptr || intents == nullptr)
        return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what);
    profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_STATUS status = HPDF_Dict_AddNumber(profile, "N", components);
    if (status == HPDF_OK) {
        status = HPDF_Stream_Write(profile->stream, reinterpret_cast<const HPDF_BYTE*>(icc.data()),
                                   static_cast<HPDF_UINT>(icc.size()));
    }
    if (status == HPDF_OK) status = HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    if (status == HPDF_OK) status = HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    if (status == HPDF_OK) {
        status = HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                               HPDF_String_New(pdf->mmgr, identifier, nullptr));
    }
    if (status == HPDF_OK)
        status = HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, info, nullptr));
    if (status == HPDF_OK) status = HPDF_Dict_Add(intent, "DestOutputProfile", profile);
    if (status == HPDF_OK) status = HPDF_Array_Add(intents, intent);
    if (status == HPDF_OK) status = HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
    return doc.check(status, what);
}

namespace {
constexpr std::size_t id_length = 16;
const std::string id_placeholder_hex(id_length * 2, '0');
}  // namespace

core::Result<core::Ok> add_id_placeholder(Document& doc) {
    const std::string_view what = "adding the file identifier";
    HPDF_Doc pdf = doc.get();
    const std::array<HPDF_BYTE, id_length> zeros{};
    HPDF_Array id = HPDF_Array_New(pdf->mmgr);
    if (id == nullptr) return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what);
    HPDF_STATUS status = HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, const_cast<HPDF_BYTE*>(zeros.data()), id_length));
    if (status == HPDF_OK)
        status = HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, const_cast<HPDF_BYTE*>(zeros.data()), id_length));
    if (status == HPDF_OK) status = HPDF_Dict_Add(pdf->trailer, "ID", id);
    return doc.check(status, what);
}

namespace {

/// Where the two placeholders of the trailer's /ID are in `file` (the whole file, or its end):
/// two offsets, or fewer when they are not there.
std::vector<std::size_t> id_placeholders(std::string_view file) {
    std::vector<std::size_t> out;
    const std::size_t trailer = file.rfind("trailer");
    if (trailer == std::string_view::npos) return out;
    const std::size_t key = file.find("/ID", trailer);
    if (key == std::string_view::npos) return out;
    for (std::size_t at = file.find(id_placeholder_hex, key); at != std::string_view::npos && out.size() < 2;
         at = file.find(id_placeholder_hex, at + id_placeholder_hex.size())) {
        out.push_back(at);
    }
    return out;
}

/// The /ID: the first 16 bytes of the file's SHA-256, in upper-case hex.
std::string id_of(const std::string& sha256_hex) {
    std::string hex = sha256_hex.substr(0, id_length * 2);
    for (char& c : hex) {
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    }
    return hex;
}

}  // namespace

bool fill_in_id(std::string& file) {
    const std::vector<std::size_t> at = id_placeholders(file);
    if (at.size() != 2) return false;
    const std::string hex = id_of(core::sha256_hex(file));
    for (std::size_t a : at) file.replace(a, hex.size(), hex);
    return true;
}

namespace {

/// The state of save_file's write callback: the file, the hash of what was written, and the
/// file's last bytes, where the trailer with the /ID placeholder will be.
struct FileSink {
    std::FILE* file = nullptr;
    core::Sha256 hash;
    std::string tail;
    std::uint64_t written = 0;
    bool failed = false;
};

constexpr std::size_t tail_kept = std::size_t{1} << 16;  ///< far more than a trailer

HPDF_STATUS append_to_file(HPDF_Stream stream, const HPDF_BYTE* data, HPDF_UINT size) {
    auto& sink = *static_cast<FileSink*>(stream->attr);
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (std::fwrite(bytes.data(), 1, bytes.size(), sink.file) != bytes.size()) {
        sink.failed = true;
        return HPDF_FILE_IO_ERROR;
    }
    sink.hash.update(bytes);
    sink.written += size;
    sink.tail.append(bytes);
    if (sink.tail.size() > 2 * tail_kept) sink.tail.erase(0, sink.tail.size() - tail_kept);
    return HPDF_OK;
}

}  // namespace

core::Result<std::uint64_t> Document::save_file(const std::string& path) {
    const auto io_error = [&](const char* what) {
        return core::unexpected(core::Diagnostic{core::Severity::error, "io.write",
                                                 std::string(what) + " the PDF file", {path, 0, 0}});
    };
    FileSink sink;
    sink.file = std::fopen(path.c_str(), "wb");
    if (sink.file == nullptr) return io_error("cannot create");
    std::setvbuf(sink.file, nullptr, _IOFBF, std::size_t{1} << 20);
    struct Closer {
        FileSink& sink;
        ~Closer() { if (sink.file != nullptr) std::fclose(sink.file); }
    } closer{sink};
    const HPDF_STATUS status = save_through(append_to_file, &sink);
    if (sink.failed) {
        HPDF_ResetError(m_doc.get());
        return io_error("cannot write");
    }
    if (auto r = check(status, "writing the PDF"); !r) return core::unexpected(r.error());
    // The /ID over its placeholders, which lie in the trailer at the end of the file.
    const std::vector<std::size_t> at = id_placeholders(sink.tail);
    if (at.size() != 2) return core::unexpected(failure("finding the file identifier placeholder"));
    const std::string id = id_of(sink.hash.hex());
    const std::uint64_t tail_start = sink.written - sink.tail.size();
    for (std::size_t a : at) {
        if (std::fseek(sink.file, static_cast<long>(tail_start + a), SEEK_SET) != 0 ||
            std::fwrite(id.data(), 1, id.size(), sink.file) != id.size()) {
            return io_error("cannot write");
        }
    }
    const int closed = std::fclose(sink.file);
    sink.file = nullptr;
    if (closed != 0) return io_error("cannot write");
    return sink.written;
}

core::Result<core::Ok> add_unnumbered_label(Document& doc, HPDF_UINT index, const char* prefix) {
    if (auto r = doc.check(HPDF_AddPageLabel(doc.get(), index, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, prefix),
                           "adding a page label");
        !r) {
        return r;
    }
    auto* labels = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(doc.get()->catalog, "PageLabels", HPDF_OCLASS_DICT));
    auto* nums = labels ? static_cast<HPDF_Array>(HPDF_Dict_GetItem(labels, "Nums", HPDF_OCLASS_ARRAY)) : nullptr;
    if (!nums || nums->list->count == 0) {
        HPDF_ResetError(doc.get());
        return core::unexpected({core::Severity::error, "pdf.write", "the page labels are not where libharu 2.3.0 puts them", {}});
    }
    auto* label = static_cast<HPDF_Dict>(HPDF_Array_GetItem(nums, nums->list->count - 1, HPDF_OCLASS_DICT));
    if (!label) {
        HPDF_ResetError(doc.get());
        return core::unexpected({core::Severity::error, "pdf.write", "the page label just added is missing", {}});
    }
    HPDF_Dict_RemoveElement(label, "S");
    HPDF_Dict_RemoveElement(label, "St");
    return core::Ok{};
}

}  // namespace folio::pdf::hpdf
