// The libharu adapter's compact dictionaries (issue 23). libharu keeps every object until the
// file is saved, and a dictionary costs a list, a 136-byte entry per key and an object per value
// (a name alone is 136 bytes): a page's /Type, /Parent, boxes and /Resources (a /ProcSet of five
// names, the font and image tables) took about 4 KB, a bookmark 2.5 KB, 650 MB at 100,000 pages.
// Once set, those keys never change: compact_keys writes them as libharu would (the same bytes),
// keeps the bytes in one hidden entry, and frees the objects, which the next page reuses from the
// arena (hpdf_adapter.cpp). The keys added later (a page's /Annots, /StructParents and /Tabs, an
// outline entry's /First, /Last, /Next and /Count) stay libharu's and follow, as they did.

#include <cstring>
#include <string>

#include "pdf/hpdf_adapter.hpp"
#include "pdf/hpdf_internals.hpp"

namespace folio::pdf::hpdf {

namespace {

/// The key of the hidden entry that holds a compacted dictionary's written keys, after the
/// before_write_fn it had.
constexpr const char* compacted_key = "FolioCompactedKeys";

/// The stream the document this thread saves is written to (set by save_through).
thread_local HPDF_Stream t_saving = nullptr;

HPDF_STATUS append_to_string(HPDF_Stream stream, const HPDF_BYTE* data, HPDF_UINT size) {
    static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(data), size);
    return HPDF_OK;
}

/// A compacted dictionary's before_write_fn: the one it had (libharu's: a page closes its
/// content, an outline entry counts its children), then its written keys, which libharu writes
/// right after "<<" and before the keys added since.
HPDF_STATUS write_compacted(HPDF_Dict dict) {
    const HPDF_Binary_Rec* keys = nullptr;
    for (HPDF_UINT i = 0; i < dict->list->count && keys == nullptr; ++i) {
        const auto* element = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(dict->list, i));
        if (std::strcmp(element->key, compacted_key) == 0) keys = static_cast<const HPDF_Binary_Rec*>(element->value);
    }
    if (keys == nullptr || keys->len < sizeof(HPDF_Dict_BeforeWriteFunc) || t_saving == nullptr) {
        return HPDF_SetError(dict->error, HPDF_INVALID_OBJECT, 0);
    }
    HPDF_Dict_BeforeWriteFunc own = nullptr;
    std::memcpy(&own, keys->value, sizeof own);
    if (own != nullptr) {
        if (HPDF_STATUS s = own(dict); s != HPDF_OK) return s;
    }
    return HPDF_Stream_Write(t_saving, keys->value + sizeof own, keys->len - sizeof own);
}

/// `element` as HPDF_Dict_Write writes it: "/Key value\n".
HPDF_STATUS write_element(HPDF_Stream out, HPDF_DictElement element) {
    HPDF_STATUS s = HPDF_Stream_WriteEscapeName(out, element->key);
    if (s == HPDF_OK) s = HPDF_Stream_WriteChar(out, ' ');
    if (s == HPDF_OK) s = HPDF_Obj_Write(element->value, out, nullptr);
    if (s == HPDF_OK) s = HPDF_Stream_WriteStr(out, "\012");
    return s;
}

bool hidden(HPDF_DictElement element) {
    return (static_cast<const HPDF_Obj_Header*>(element->value)->obj_id & HPDF_OTYPE_HIDDEN) != 0;
}

}  // namespace

void saving_to(HPDF_Stream stream) { t_saving = stream; }

core::Result<core::Ok> compact_keys(Document& doc, HPDF_Dict dict) {
    const std::string_view what = "compacting a dictionary";
    (void)doc.get();  // (frees go to this document's arena)
    if (dict->before_write_fn == write_compacted || dict->list->count == 0 || dict->stream != nullptr) return core::Ok{};
    std::string keys(sizeof(HPDF_Dict_BeforeWriteFunc), '\0');
    std::memcpy(keys.data(), &dict->before_write_fn, sizeof dict->before_write_fn);
    HPDF_Stream out = HPDF_CallbackWriter_New(dict->mmgr, append_to_string, &keys);
    if (out == nullptr) return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what);
    HPDF_STATUS status = HPDF_OK;
    for (HPDF_UINT i = 0; i < dict->list->count && status == HPDF_OK; ++i) {
        auto* element = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(dict->list, i));
        if (element->value == nullptr) status = HPDF_INVALID_OBJECT;
        else if (!hidden(element)) status = write_element(out, element);
    }
    HPDF_Stream_Free(out);
    if (status != HPDF_OK) return doc.check(status, what);
    // Thousands of resources, or a title of 64 KB: left as they are (libharu's binary strings
    // end there).
    if (keys.size() > HPDF_LIMIT_MAX_STRING_LEN) return core::Ok{};
    HPDF_Binary written = HPDF_Binary_New(dict->mmgr, reinterpret_cast<HPDF_BYTE*>(keys.data()),
                                          static_cast<HPDF_UINT>(keys.size()));
    if (written == nullptr) return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what);
    // The written entries go; the hidden ones (an outline entry's open flag) stay for libharu.
    HPDF_UINT kept = 0;
    for (HPDF_UINT i = 0; i < dict->list->count; ++i) {
        auto* element = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(dict->list, i));
        if (hidden(element)) {
            dict->list->obj[kept++] = element;
            continue;
        }
        HPDF_Obj_Free(dict->mmgr, element->value);
        HPDF_FreeMem(dict->mmgr, element);
    }
    dict->list->count = kept;
    if (auto r = doc.check(HPDF_Dict_Add(dict, compacted_key, written), what); !r) return r;
    written->header.obj_id |= HPDF_OTYPE_HIDDEN;  // never written as an entry: write_compacted writes it
    dict->before_write_fn = write_compacted;
    return core::Ok{};
}

core::Result<core::Ok> compact_page(Document& doc, HPDF_Page page) {
    if (auto r = compact_keys(doc, page); !r) return r;
    if (page->before_write_fn != write_compacted) return core::Ok{};
    // The resource tables were among the keys: nothing may register a resource on the page now.
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    attr->fonts = nullptr;
    attr->xobjects = nullptr;
    attr->ext_gstates = nullptr;
    // Nor is anything drawn through libharu (folio paints the content itself): its graphics
    // state goes too (Page_BeforeWrite reads it only when there is one).
    if (attr->gstate != nullptr && attr->gstate->prev == nullptr && attr->gmode == HPDF_GMODE_PAGE_DESCRIPTION) {
        HPDF_GState_Free(page->mmgr, attr->gstate);
        attr->gstate = nullptr;
    }
    return core::Ok{};
}

}  // namespace folio::pdf::hpdf
