// The libharu adapter's tagged-PDF objects: the structure tree of a StructurePlan (tagging.hpp)
// as libharu dictionaries. libharu 2.3.0 has no API for it, so the objects are made with its
// object functions: every structure element an indirect dictionary (an element is referred to
// from its parent's /K, its children's /P and the parent tree), the parent tree a number tree
// (flat up to 512 keys, else leaves of 512 under /Kids, as libharu's arrays hold at most 32,767
// items), the catalog's /MarkInfo, /Lang and /StructTreeRoot, each page's /StructParents and
// /Tabs /S, and each link annotation's /StructParent and /Contents.

#include <algorithm>
#include <string>
#include <vector>

#include "pdf/hpdf_adapter.hpp"
#include "pdf/hpdf_internals.hpp"
#include "pdf/tagging.hpp"

namespace folio::pdf::hpdf {
namespace {

using Kid = StructurePlan::Kid;

/// Keys per leaf of the parent tree.
constexpr std::size_t leaf_keys = 512;

/// Makes libharu objects for one document, remembering the first failure.
class Maker {
public:
    explicit Maker(HPDF_Doc pdf) : m_pdf(pdf), m_utf8(HPDF_GetEncoder(pdf, "UTF-8")) {}

    HPDF_Dict dict(bool indirect) {
        HPDF_Dict d = HPDF_Dict_New(m_pdf->mmgr);
        if (d == nullptr) fail(HPDF_FAILD_TO_ALLOC_MEM);
        else if (indirect) keep(HPDF_Xref_Add(m_pdf->xref, d));
        return d;
    }
    HPDF_Array array() {
        HPDF_Array a = HPDF_Array_New(m_pdf->mmgr);
        if (a == nullptr) fail(HPDF_FAILD_TO_ALLOC_MEM);
        return a;
    }
    void name(HPDF_Dict d, const char* key, const char* value) {
        if (d != nullptr) keep(HPDF_Dict_AddName(d, key, value));
    }
    void number(HPDF_Dict d, const char* key, std::size_t value) {
        if (d != nullptr) keep(HPDF_Dict_AddNumber(d, key, static_cast<HPDF_INT32>(value)));
    }
    void add(HPDF_Dict d, const char* key, void* value) {
        if (d != nullptr && value != nullptr) keep(HPDF_Dict_Add(d, key, value));
    }
    void add(HPDF_Array a, void* value) {
        if (a != nullptr && value != nullptr) keep(HPDF_Array_Add(a, value));
    }
    void add_number(HPDF_Array a, std::size_t value) {
        if (a != nullptr) keep(HPDF_Array_AddNumber(a, static_cast<HPDF_INT32>(value)));
    }
    /// A text string (UTF-16 with a byte order mark) under `key`, unless `utf8` is empty.
    void text(HPDF_Dict d, const char* key, const std::string& utf8) {
        if (d == nullptr || utf8.empty()) return;
        // PDFDocEncoding (a literal string) when it is ASCII, else UTF-16 (hex).
        const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) {
            return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
        });
        HPDF_String s = HPDF_String_New(m_pdf->mmgr, utf8.c_str(), ascii ? nullptr : m_utf8);
        if (s == nullptr) return fail(HPDF_FAILD_TO_ALLOC_MEM);
        keep(HPDF_Dict_Add(d, key, s));
    }
    [[nodiscard]] HPDF_STATUS status() const { return m_status; }
    [[nodiscard]] HPDF_Doc pdf() const { return m_pdf; }

private:
    void keep(HPDF_STATUS s) {
        if (m_status == HPDF_OK) m_status = s;
    }
    void fail(HPDF_STATUS s) { keep(s); }

    HPDF_Doc m_pdf;
    HPDF_Encoder m_utf8;
    HPDF_STATUS m_status = HPDF_OK;
};

/// The /K of element `e`: its children, marked content and annotations, in order.
void add_kids(Maker& make, const StructurePlan& plan, std::size_t e, const std::vector<HPDF_Dict>& elements,
              const std::vector<HPDF_Page>& pages, const std::vector<HPDF_Annotation>& annotations) {
    const StructurePlan::Element& el = plan.elements[e];
    HPDF_Array kids = make.array();
    for (const Kid& kid : el.kids) {
        if (kid.kind == Kid::Kind::element) {
            make.add(kids, elements[kid.value]);
        } else if (kid.kind == Kid::Kind::mcid && kid.page == el.page) {
            make.add_number(kids, kid.value);
        } else if (kid.kind == Kid::Kind::mcid) {  // on another page than /Pg
            HPDF_Dict mcr = make.dict(false);
            make.name(mcr, "Type", "MCR");
            make.add(mcr, "Pg", pages[kid.page]);
            make.number(mcr, "MCID", kid.value);
            make.add(kids, mcr);
        } else if (kid.value < annotations.size() && annotations[kid.value] != nullptr) {
            HPDF_Dict objr = make.dict(false);
            make.name(objr, "Type", "OBJR");
            make.add(objr, "Pg", pages[kid.page]);
            make.add(objr, "Obj", annotations[kid.value]);
            make.add(kids, objr);
        }
    }
    make.add(elements[e], "K", kids);
}

/// The element dictionaries (null for elements without content), with everything but /K.
std::vector<HPDF_Dict> make_elements(Maker& make, const StructurePlan& plan, HPDF_Dict root,
                                     const std::vector<HPDF_Page>& pages) {
    std::vector<HPDF_Dict> elements(plan.elements.size(), nullptr);
    for (std::size_t e = 0; e < plan.elements.size(); ++e) {
        if (plan.elements[e].placed) elements[e] = make.dict(true);
    }
    for (std::size_t e = 0; e < plan.elements.size(); ++e) {
        const StructurePlan::Element& el = plan.elements[e];
        HPDF_Dict d = elements[e];
        if (d == nullptr) continue;
        make.name(d, "S", el.type);
        make.add(d, "P", el.parent < elements.size() ? elements[el.parent] : root);
        if (el.page < pages.size()) make.add(d, "Pg", pages[el.page]);
        make.text(d, "Lang", el.lang);
        make.text(d, "Alt", el.alt);
        make.text(d, "T", el.title);
        if (el.scope != nullptr || el.colspan > 1 || el.rowspan > 1) {
            HPDF_Dict table = make.dict(false);
            make.name(table, "O", "Table");
            if (el.scope != nullptr) make.name(table, "Scope", el.scope);
            if (el.colspan > 1) make.number(table, "ColSpan", el.colspan);
            if (el.rowspan > 1) make.number(table, "RowSpan", el.rowspan);
            make.add(d, "A", table);
        }
        if (el.has_bbox) {
            HPDF_Dict layout = make.dict(false);
            make.name(layout, "O", "Layout");
            HPDF_Array box = make.array();
            for (double v : el.bbox) {
                if (box != nullptr) HPDF_Array_AddReal(box, static_cast<HPDF_REAL>(v));
            }
            make.add(layout, "BBox", box);
            make.add(d, "A", layout);
        }
    }
    return elements;
}

/// The parent tree: page i's MCIDs under key i, annotation k's element under its key.
HPDF_Dict make_parent_tree(Maker& make, const std::vector<std::pair<std::size_t, void*>>& entries) {
    HPDF_Dict tree = make.dict(true);
    auto leaf = [&](std::size_t from, std::size_t to, HPDF_Dict into) {
        HPDF_Array nums = make.array();
        for (std::size_t k = from; k < to; ++k) {
            make.add_number(nums, entries[k].first);
            make.add(nums, entries[k].second);
        }
        make.add(into, "Nums", nums);
    };
    if (entries.size() <= leaf_keys) {
        leaf(0, entries.size(), tree);
        return tree;
    }
    HPDF_Array kids = make.array();
    for (std::size_t from = 0; from < entries.size(); from += leaf_keys) {
        const std::size_t to = std::min(entries.size(), from + leaf_keys);
        HPDF_Dict node = make.dict(true);
        HPDF_Array limits = make.array();
        make.add_number(limits, entries[from].first);
        make.add_number(limits, entries[to - 1].first);
        make.add(node, "Limits", limits);
        leaf(from, to, node);
        make.add(kids, node);
    }
    make.add(tree, "Kids", kids);
    return tree;
}

}  // namespace

core::Result<core::Ok> write_structure(Document& doc, const StructurePlan& plan, const std::vector<HPDF_Page>& pages,
                                       const std::vector<HPDF_Annotation>& annotations) {
    Maker make(doc.get());
    HPDF_Dict catalog = doc.get()->catalog;
    HPDF_Dict mark_info = make.dict(false);
    if (mark_info != nullptr) HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    make.add(catalog, "MarkInfo", mark_info);
    make.text(catalog, "Lang", plan.lang);

    HPDF_Dict root = make.dict(true);
    make.name(root, "Type", "StructTreeRoot");
    const std::vector<HPDF_Dict> elements = make_elements(make, plan, root, pages);
    for (std::size_t e = 0; e < elements.size(); ++e) {
        if (elements[e] != nullptr) add_kids(make, plan, e, elements, pages, annotations);
    }
    if (!elements.empty()) make.add(root, "K", elements[0]);

    // The parent tree, keyed by page, then by annotation.
    std::vector<std::pair<std::size_t, void*>> entries;
    entries.reserve(pages.size() + annotations.size());
    for (std::size_t i = 0; i < pages.size() && i < plan.pages.size(); ++i) {
        HPDF_Array parents = make.array();
        for (std::uint32_t e : plan.pages[i].parents) make.add(parents, elements[e]);
        entries.emplace_back(i, parents);
        make.number(pages[i], "StructParents", i);
        make.name(pages[i], "Tabs", "S");
    }
    std::size_t key = pages.size();
    for (std::size_t k = 0; k < annotations.size() && k < plan.link_parents.size(); ++k) {
        const std::uint32_t parent = plan.link_parents[k];
        if (annotations[k] == nullptr || parent >= elements.size() || elements[parent] == nullptr) continue;
        make.number(annotations[k], "StructParent", key);
        make.text(annotations[k], "Contents", plan.link_contents[k]);
        entries.emplace_back(key++, elements[parent]);
    }
    make.add(root, "ParentTree", make_parent_tree(make, entries));
    make.number(root, "ParentTreeNextKey", key);
    HPDF_Dict role_map = make.dict(false);
    make.name(role_map, "Aside", "Sect");
    make.add(root, "RoleMap", role_map);
    make.add(catalog, "StructTreeRoot", root);
    return doc.check(make.status(), "writing the structure tree");
}

}  // namespace folio::pdf::hpdf
