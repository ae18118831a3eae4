// The libharu adapter's document metadata: the version, viewer preferences, XMP, the PDF/A
// output intent, and the /ID, which is the hash of the saved file (in memory or on disk).
#include "pdf/hpdf_adapter.hpp"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/sha256.hpp"

#include "pdf/hpdf_internals.hpp"

namespace folio::pdf::hpdf {

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
    int error = 0;  ///< the errno of a failed write
};

constexpr std::size_t tail_kept = std::size_t{1} << 16;  ///< far more than a trailer

HPDF_STATUS append_to_file(HPDF_Stream stream, const HPDF_BYTE* data, HPDF_UINT size) {
    auto& sink = *static_cast<FileSink*>(stream->attr);
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (std::fwrite(bytes.data(), 1, bytes.size(), sink.file) != bytes.size()) {
        sink.error = errno != 0 ? errno : EIO;
        return HPDF_FILE_IO_ERROR;
    }
    sink.hash.update(bytes);
    sink.written += size;
    sink.tail.append(bytes);
    if (sink.tail.size() > 2 * tail_kept) sink.tail.erase(0, sink.tail.size() - tail_kept);
    return HPDF_OK;
}

}  // namespace

core::Result<std::uint64_t> Document::save_file(int fd, const std::string& name) {
    const auto io_error = [&](int error) {
        char reason[256];
        return core::unexpected(core::Diagnostic{core::Severity::error, "io.write",
                                                 std::string("cannot write the PDF file: ") +
                                                     ::strerror_r(error, reason, sizeof reason),
                                                 {name, 0, 0}});
    };
    FileSink sink;
    const int own = ::dup(fd);  // the caller keeps `fd` open; fclose closes this one
    sink.file = own >= 0 ? ::fdopen(own, "wb") : nullptr;
    if (sink.file == nullptr) {
        const int error = errno;
        if (own >= 0) ::close(own);
        return io_error(error);
    }
    std::setvbuf(sink.file, nullptr, _IOFBF, std::size_t{1} << 20);
    struct Closer {
        FileSink& sink;
        ~Closer() { if (sink.file != nullptr) std::fclose(sink.file); }
    } closer{sink};
    errno = 0;
    const HPDF_STATUS status = save_through(append_to_file, &sink);
    if (sink.error != 0) {
        HPDF_ResetError(m_doc.get());
        return io_error(sink.error);
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
            return io_error(errno != 0 ? errno : EIO);
        }
    }
    const int closed = std::fclose(sink.file);  // writes out what is buffered
    sink.file = nullptr;
    if (closed != 0) return io_error(errno != 0 ? errno : EIO);
    return sink.written;
}

}  // namespace folio::pdf::hpdf
