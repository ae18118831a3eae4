// The libharu adapter's content streams: numbers as libharu writes them, page resources, and
// streams whose compressed bytes folio owns and libharu reads when it saves.
#include "pdf/hpdf_adapter.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pdf/hpdf_internals.hpp"

namespace folio::pdf::hpdf {

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
/// the read position, and whether they were released (read to the end) and their size then.
struct ContentSource {
    DeferredContent deferred;
    const std::string* bytes;
    bool asked;
    std::size_t at;
    bool released;
    std::size_t size;
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
    return src.bytes != nullptr && !src.released ? *src.bytes : none;
}

HPDF_STATUS read_content(HPDF_Stream stream, HPDF_BYTE* out, HPDF_UINT* size) {
    const std::string& bytes = bytes_of(stream);
    ContentSource& src = source_of(stream);
    if (src.released) return HPDF_SetError(stream->error, HPDF_STREAM_EOF, 0);  // read once only
    const std::size_t n = std::min<std::size_t>(*size, bytes.size() - src.at);
    std::copy_n(bytes.data() + src.at, n, reinterpret_cast<char*>(out));
    src.at += n;
    *size = static_cast<HPDF_UINT>(n);
    if (src.at < bytes.size()) return HPDF_OK;
    // All copied into the file (libharu writes what it was given with the EOF): free it now.
    if (src.deferred.release != nullptr && src.bytes != nullptr) {
        src.size = bytes.size();
        src.released = true;
        src.deferred.release(src.deferred.context, src.deferred.index);
    }
    return HPDF_STREAM_EOF;
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
    const ContentSource& src = source_of(stream);
    return static_cast<HPDF_UINT32>(src.released ? src.size : bytes_of(stream).size());
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
    *source = ContentSource{content, nullptr, false, 0, false, 0};
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

}  // namespace folio::pdf::hpdf
