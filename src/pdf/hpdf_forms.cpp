// Transparency-group Form XObjects with libharu's dictionary and stream API (hpdf_forms.hpp):
//     << /Type /XObject /Subtype /Form /BBox [x0 y0 x1 y1]
//        /Group << /Type /Group /S /Transparency /CS /DeviceRGB /I true >>
//        /Resources << /ExtGState << ... >> /Shading << ... >> /XObject << ... >> >>
//        /Filter /FlateDecode /Length n >> stream ... endstream
// and the ExtGState that uses one as a luminosity soft mask (PDF 1.7 §11.6.5.2).

#include "pdf/hpdf_forms.hpp"

#include "pdf/hpdf_objects.hpp"

namespace folio::pdf {
namespace {

core::Diagnostic no_memory(hpdf::Document& doc, std::string_view what) {
    return doc.check(HPDF_FAILD_TO_ALLOC_MEM, what).error();
}

/// The /Resources of a form: each table made on first use.
HPDF_STATUS add_resources(HPDF_MMgr mmgr, HPDF_Dict form, const std::vector<FormResource>& resources) {
    HPDF_Dict dict = HPDF_Dict_New(mmgr);
    if (dict == nullptr) return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS status = HPDF_Dict_Add(form, "Resources", dict);
    for (const FormResource& r : resources) {
        if (status != HPDF_OK) break;
        auto* table = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(dict, r.table, HPDF_OCLASS_DICT));
        if (table == nullptr) {
            table = HPDF_Dict_New(mmgr);
            status = table == nullptr ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_Dict_Add(dict, r.table, table);
        }
        if (status == HPDF_OK) status = HPDF_Dict_Add(table, r.name.c_str(), r.object);
    }
    return status;
}

}  // namespace

core::Result<HPDF_Dict> transparency_form(hpdf::Document& doc, std::string_view content,
                                          const std::array<double, 4>& bbox, const char* space,
                                          const std::vector<FormResource>& resources) {
    const std::string_view what = "making a transparency group";
    HPDF_Doc pdf = doc.get();
    HPDF_MMgr mmgr = pdf->mmgr;
    HPDF_Dict form = HPDF_DictStream_New(mmgr, pdf->xref);
    HPDF_Dict group = HPDF_Dict_New(mmgr);
    if (form == nullptr || group == nullptr) return core::unexpected(no_memory(doc, what));
    form->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_STATUS status = HPDF_Dict_AddName(form, "Type", "XObject");
    if (status == HPDF_OK) status = HPDF_Dict_AddName(form, "Subtype", "Form");
    if (status == HPDF_OK) status = HPDF_Dict_Add(form, "BBox", real_array(mmgr, {bbox[0], bbox[1], bbox[2], bbox[3]}));
    if (status == HPDF_OK) status = HPDF_Dict_AddName(group, "Type", "Group");
    if (status == HPDF_OK) status = HPDF_Dict_AddName(group, "S", "Transparency");
    if (status == HPDF_OK) status = HPDF_Dict_AddName(group, "CS", space);
    if (status == HPDF_OK) status = HPDF_Dict_AddBoolean(group, "I", HPDF_TRUE);
    if (status == HPDF_OK) status = HPDF_Dict_Add(form, "Group", group);
    if (status == HPDF_OK) status = add_resources(mmgr, form, resources);
    if (status == HPDF_OK && !content.empty()) {
        status = HPDF_Stream_Write(form->stream, reinterpret_cast<const HPDF_BYTE*>(content.data()),
                                   static_cast<HPDF_UINT>(content.size()));
    }
    if (auto r = doc.check(status, what); !r) return core::unexpected(r.error());
    return form;
}

core::Result<HPDF_Dict> luminosity_mask(hpdf::Document& doc, HPDF_Dict form) {
    const std::string_view what = "making a soft mask";
    HPDF_Doc pdf = doc.get();
    HPDF_Dict gs = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict mask = HPDF_Dict_New(pdf->mmgr);
    if (gs == nullptr || mask == nullptr) return core::unexpected(no_memory(doc, what));
    HPDF_STATUS status = HPDF_Xref_Add(pdf->xref, gs);
    if (status == HPDF_OK) status = HPDF_Dict_AddName(gs, "Type", "ExtGState");
    if (status == HPDF_OK) status = HPDF_Dict_AddName(mask, "Type", "Mask");
    if (status == HPDF_OK) status = HPDF_Dict_AddName(mask, "S", "Luminosity");
    if (status == HPDF_OK) status = HPDF_Dict_Add(mask, "G", form);
    if (status == HPDF_OK) status = HPDF_Dict_Add(gs, "SMask", mask);
    if (auto r = doc.check(status, what); !r) return core::unexpected(r.error());
    return gs;
}

}  // namespace folio::pdf
