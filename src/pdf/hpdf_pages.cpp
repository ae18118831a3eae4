// The libharu adapter's pages and page tree: room for many pages, link destinations that keep the
// zoom, print boxes, the print flag of annotations, and page labels without numbers.
#include "pdf/hpdf_adapter.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

#include "pdf/hpdf_internals.hpp"

namespace folio::pdf::hpdf {

namespace {

/// libharu puts every page in the /Kids of one /Pages node, and its arrays hold at most 32,767
/// items: a longer document failed at page 32,768 (HPDF_ARRAY_COUNT_ERR). Beyond that the pages
/// go in nodes of `pages_per_node` under the root (HPDF_SetPagesConfiguration), which takes a
/// document to 32,767 x 1,024 pages; shorter ones keep their flat tree and their bytes.
constexpr std::size_t max_flat_pages = 32767;
constexpr HPDF_UINT pages_per_node = 1024;

}  // namespace

core::Result<core::Ok> expect_size(Document& doc, std::size_t objects, std::size_t pages) {
    HPDF_Doc pdf = doc.get();
    if (pages > max_flat_pages) {
        if (auto r = doc.check(HPDF_SetPagesConfiguration(pdf, pages_per_node), "making a page tree"); !r) return r;
    }
    const auto grow = [](HPDF_List list, std::size_t expected) {
        if (list != nullptr && expected > list->items_per_block)
            list->items_per_block = static_cast<HPDF_UINT>(std::min<std::size_t>(expected, 1u << 24));
    };
    grow(pdf->xref->entries, objects);
    grow(pdf->page_list, pages);
    auto* kids = static_cast<HPDF_Array>(HPDF_Dict_GetItem(pdf->root_pages, "Kids", HPDF_OCLASS_ARRAY));
    if (kids != nullptr) grow(kids->list, pages);
    return core::Ok{};
}

namespace {

/// `object` made direct (owned by the arrays it is put in), or null.
template <typename Object>
Object direct(Object object) {
    if (object != nullptr) object->header.obj_id |= HPDF_OTYPE_DIRECT;
    return object;
}

}  // namespace

core::Result<core::Ok> set_xyz_keep_zoom(Document& doc, HPDF_Destination dest, HPDF_Page page,
                                         double left, double top) {
    // The same array HPDF_Destination_SetXYZ builds, with null instead of a zoom factor.
    HPDF_Array_Clear(dest);
    HPDF_MMgr mmgr = dest->mmgr;
    DestinationParts& shared = doc.destination_parts();
    HPDF_Proxy& ref = shared.page_refs[page];
    if (ref == nullptr) ref = direct(HPDF_Proxy_New(mmgr, page));
    if (shared.xyz == nullptr) shared.xyz = direct(HPDF_Name_New(mmgr, "XYZ"));
    if (shared.zero == nullptr) shared.zero = direct(HPDF_Real_New(mmgr, 0));
    if (shared.null == nullptr) shared.null = direct(HPDF_Null_New(mmgr));
    HPDF_Real at_left = left == 0 ? shared.zero : direct(HPDF_Real_New(mmgr, static_cast<HPDF_REAL>(left)));
    HPDF_Real at_top = direct(HPDF_Real_New(mmgr, static_cast<HPDF_REAL>(top)));
    if (ref == nullptr || shared.xyz == nullptr || shared.zero == nullptr || shared.null == nullptr ||
        at_left == nullptr || at_top == nullptr) {
        return doc.check(HPDF_FAILD_TO_ALLOC_MEM, "setting a link destination");
    }
    // Room for the five items, not libharu's default block of twenty.
    HPDF_List list = dest->list;
    if (list->obj != nullptr && list->block_siz > 5) {
        HPDF_FreeMem(mmgr, list->obj);
        list->obj = nullptr;
        list->block_siz = 0;
    }
    list->items_per_block = 5;
    HPDF_STATUS status = HPDF_OK;
    for (void* item : {static_cast<void*>(ref), static_cast<void*>(shared.xyz), static_cast<void*>(at_left),
                       static_cast<void*>(at_top), static_cast<void*>(shared.null)}) {
        if (status == HPDF_OK) status = HPDF_List_Add(list, item);
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

core::Result<core::Ok> set_print_flag(Document& doc, HPDF_Annotation annot) {
    return doc.check(HPDF_Dict_AddNumber(annot, "F", 4), "setting an annotation's print flag");
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
