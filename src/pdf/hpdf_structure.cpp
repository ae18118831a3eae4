// The libharu adapter's tagged-PDF objects: the structure tree of a StructurePlan (tagging.hpp)
// in libharu's document. libharu 2.3.0 has no API for it. Every structure element is an indirect
// object (an element is referred to from its parent's /K, its children's /P and the parent
// tree), and so is each node of the parent tree, a number tree (flat up to 512 keys, else leaves
// of 512 under /Kids); the catalog's /MarkInfo, /Lang and /StructTreeRoot, each page's
// /StructParents and /Tabs /S, and each link annotation's /StructParent and /Contents are
// libharu objects.
//
// The elements and the parent tree's nodes are empty libharu dictionaries whose write_fn
// writes their keys from the plan when the file is saved, in the bytes libharu's own objects
// gave. Built from libharu objects, the tree took about 30 MB and a fifth of the PDF stage per
// 1,000 tagged pages (a dictionary, its list, a 136-byte entry per key and an object per value,
// for some 17 elements a page, and their writing through libharu's generic object code).

#include <algorithm>
#include <cstdint>
#include <memory>
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

/// What an element or parent-tree dictionary writes when libharu saves it (its attr).
struct Writer {
    enum class Kind : std::uint8_t { element, tree_leaf, tree_node };
    const StructureObjects::Impl* objects = nullptr;
    Kind kind = Kind::element;
    std::uint32_t from = 0;  ///< element: its index; tree: the first entry
    std::uint32_t to = 0;    ///< tree: past the last entry
};

}  // namespace

/// Everything the structure tree's dictionaries read while libharu saves them. Each element is
/// an empty indirect dictionary with a write_fn that writes its keys as libharu would have
/// written its own objects (the same bytes), so the tree costs libharu an object header per
/// element instead of a dictionary, a list, a 136-byte entry per key and an object per value.
struct StructureObjects::Impl {
    const StructurePlan* plan = nullptr;
    const std::vector<HPDF_Page>* pages = nullptr;
    const std::vector<HPDF_Annotation>* annotations = nullptr;
    HPDF_Dict root = nullptr;
    HPDF_MMgr mmgr = nullptr;
    HPDF_Encoder utf8 = nullptr;
    std::vector<HPDF_Dict> elements;  ///< [element] null for elements without content
    /// The parent tree's entries: the key and its value, the parent element of every MCID of
    /// page `key` (is_page) or annotation's element.
    struct Entry {
        std::uint32_t key = 0;
        std::uint32_t element = 0;  ///< annotation: its Link element
        bool is_page = false;
    };
    std::vector<Entry> entries;
    std::vector<Writer> writers;  ///< the dictionaries' attrs (reserved: they never move)
    /// The one empty key list of all those dictionaries: they never hold a key, and libharu only
    /// reads its count (48 bytes a dictionary less, issue 23; HPDF_Free's frees do nothing).
    HPDF_List empty_list = nullptr;
};

namespace {

using Impl = StructureObjects::Impl;

/// " N G R", as libharu writes a reference to an indirect object (without the space).
void append_ref(std::string& out, const void* object) {
    const auto* header = static_cast<const HPDF_Obj_Header*>(object);
    out += std::to_string(header->obj_id & 0x00FFFFFF);
    out += ' ';
    out += std::to_string(header->gen_no);
    out += " R";
}

/// Writes and empties `out`; libharu's status.
HPDF_STATUS flush(HPDF_Stream stream, std::string& out) {
    const HPDF_STATUS s =
        out.empty() ? HPDF_OK
                    : HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(out.data()),
                                        static_cast<HPDF_UINT>(out.size()));
    out.clear();
    return s;
}

/// "/key <text>\n" as Maker::text made it: a literal string when printable ASCII, else UTF-16.
HPDF_STATUS write_text(HPDF_Stream stream, std::string& out, const Impl& in, const char* key,
                       const std::string& utf8) {
    if (utf8.empty()) return HPDF_OK;
    const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
    });
    out += '/';
    out += key;
    out += ' ';
    if (HPDF_STATUS s = flush(stream, out); s != HPDF_OK) return s;
    HPDF_String text = HPDF_String_New(in.mmgr, utf8.c_str(), ascii ? nullptr : in.utf8);
    if (text == nullptr) return HPDF_FAILD_TO_ALLOC_MEM;
    const HPDF_STATUS s = HPDF_String_Write(text, stream, nullptr);
    HPDF_String_Free(text);
    out += '\012';
    return s;
}

/// The /A attributes of a table cell or a figure, as a direct dictionary.
void append_attributes(std::string& out, const StructurePlan::Element& el) {
    if (el.has_bbox) {
        out += "/A <<\012/O /Layout\012/BBox [ ";
        for (double v : el.bbox) {
            append_real(out, v);
            out += ' ';
        }
        out += "]\012>>\012";
    } else if (el.scope != nullptr || el.colspan > 1 || el.rowspan > 1) {
        out += "/A <<\012/O /Table\012";
        if (el.scope != nullptr) {
            out += "/Scope /";
            out += el.scope;
            out += '\012';
        }
        if (el.colspan > 1) out += "/ColSpan " + std::to_string(el.colspan) + '\012';
        if (el.rowspan > 1) out += "/RowSpan " + std::to_string(el.rowspan) + '\012';
        out += ">>\012";
    }
}

/// "/K [ ... ]": the element's children, marked content and annotations, in order.
void append_kids(std::string& out, const Impl& in, const StructurePlan::Element& el) {
    const std::vector<HPDF_Page>& pages = *in.pages;
    const std::vector<HPDF_Annotation>& annotations = *in.annotations;
    out += "/K [ ";
    for (const Kid& kid : el.kids) {
        if (kid.kind == Kid::Kind::element) {
            if (in.elements[kid.value] == nullptr) continue;
            append_ref(out, in.elements[kid.value]);
        } else if (kid.kind == Kid::Kind::mcid && kid.page == el.page) {
            out += std::to_string(kid.value);
        } else if (kid.kind == Kid::Kind::mcid) {  // on another page than /Pg
            out += "<<\012/Type /MCR\012/Pg ";
            append_ref(out, pages[kid.page]);
            out += "\012/MCID " + std::to_string(kid.value) + "\012>>";
        } else if (kid.value < annotations.size() && annotations[kid.value] != nullptr) {
            out += "<<\012/Type /OBJR\012/Pg ";
            append_ref(out, pages[kid.page]);
            out += "\012/Obj ";
            append_ref(out, annotations[kid.value]);
            out += "\012>>";
        } else {
            continue;
        }
        out += ' ';
    }
    out += "]\012";
}

HPDF_STATUS write_element(const Impl& in, std::uint32_t e, HPDF_Stream stream) {
    const StructurePlan::Element& el = in.plan->elements[e];
    std::string out;
    out.reserve(256);
    out += "/S /";
    out += el.type;
    out += "\012/P ";
    append_ref(out, el.parent < in.elements.size() ? static_cast<void*>(in.elements[el.parent]) : in.root);
    out += '\012';
    if (el.page < in.pages->size()) {
        out += "/Pg ";
        append_ref(out, (*in.pages)[el.page]);
        out += '\012';
    }
    static const StructurePlan::Element::Texts none;
    const StructurePlan::Element::Texts& texts = el.texts ? *el.texts : none;
    for (const auto& [key, value] : {std::pair{"Lang", &texts.lang}, {"Alt", &texts.alt}, {"T", &texts.title}}) {
        if (HPDF_STATUS s = write_text(stream, out, in, key, *value); s != HPDF_OK) return s;
    }
    append_attributes(out, el);
    append_kids(out, in, el);
    return flush(stream, out);
}

/// "/Nums [ key value ... ]" of entries [from, to), with "/Limits" first for a node under /Kids.
HPDF_STATUS write_tree(const Impl& in, const Writer& w, HPDF_Stream stream) {
    std::string out;
    if (w.kind == Writer::Kind::tree_node) {
        out += "/Limits [ " + std::to_string(in.entries[w.from].key) + ' ' +
               std::to_string(in.entries[w.to - 1].key) + " ]\012";
    }
    out += "/Nums [ ";
    for (std::uint32_t k = w.from; k < w.to; ++k) {
        const Impl::Entry& entry = in.entries[k];
        out += std::to_string(entry.key);
        out += ' ';
        if (entry.is_page) {
            out += "[ ";
            for (std::uint32_t e : in.plan->pages[entry.key].parents) {
                if (in.elements[e] == nullptr) continue;
                append_ref(out, in.elements[e]);
                out += ' ';
            }
            out += ']';
        } else {
            append_ref(out, in.elements[entry.element]);
        }
        out += ' ';
        if (out.size() > 60000) {
            if (HPDF_STATUS s = flush(stream, out); s != HPDF_OK) return s;
        }
    }
    out += "]\012";
    return flush(stream, out);
}

HPDF_STATUS write_own_keys(HPDF_Dict dict, HPDF_Stream stream) {
    const auto& w = *static_cast<const Writer*>(dict->attr);
    return w.kind == Writer::Kind::element ? write_element(*w.objects, w.from, stream) : write_tree(*w.objects, w, stream);
}

/// An indirect, empty dictionary of `in` that writes its keys through `writer` when saved.
HPDF_Dict own_dict(Maker& make, Impl& in, Writer* writer) {
    HPDF_Dict d = make.dict(true);
    if (d == nullptr) return nullptr;
    d->attr = writer;
    d->write_fn = write_own_keys;
    HPDF_List& shared = in.empty_list;
    if (shared == nullptr) {
        shared = d->list;
    } else {
        HPDF_List_Free(d->list);
        d->list = shared;
    }
    return d;
}

/// The parent tree: page i's MCIDs under key i, annotation k's element under its key; flat up
/// to leaf_keys entries, else leaves of leaf_keys under /Kids.
HPDF_Dict make_parent_tree(Maker& make, Impl& in) {
    const auto count = static_cast<std::uint32_t>(in.entries.size());
    if (count <= leaf_keys) {
        in.writers.push_back(Writer{&in, Writer::Kind::tree_leaf, 0, count});
        return own_dict(make, in, &in.writers.back());
    }
    HPDF_Dict tree = make.dict(true);
    HPDF_Array kids = make.array();
    for (std::uint32_t from = 0; from < count; from += leaf_keys) {
        const auto to = static_cast<std::uint32_t>(std::min<std::size_t>(count, from + leaf_keys));
        in.writers.push_back(Writer{&in, Writer::Kind::tree_node, from, to});
        make.add(kids, own_dict(make, in, &in.writers.back()));
    }
    make.add(tree, "Kids", kids);
    return tree;
}

}  // namespace

StructureObjects::StructureObjects() = default;
StructureObjects::StructureObjects(StructureObjects&&) noexcept = default;
StructureObjects& StructureObjects::operator=(StructureObjects&&) noexcept = default;
StructureObjects::~StructureObjects() = default;

core::Result<core::Ok> write_structure(Document& doc, const StructurePlan& plan, const std::vector<HPDF_Page>& pages,
                                       const std::vector<HPDF_Annotation>& annotations, StructureObjects& keep) {
    Maker make(doc.get());
    keep.impl = std::make_unique<Impl>();
    Impl& in = *keep.impl;
    in.plan = &plan;
    in.pages = &pages;
    in.annotations = &annotations;
    in.mmgr = doc.get()->mmgr;
    in.utf8 = HPDF_GetEncoder(doc.get(), "UTF-8");
    HPDF_Dict catalog = doc.get()->catalog;
    HPDF_Dict mark_info = make.dict(false);
    if (mark_info != nullptr) HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    make.add(catalog, "MarkInfo", mark_info);
    make.text(catalog, "Lang", plan.lang);

    HPDF_Dict root = make.dict(true);
    in.root = root;
    make.name(root, "Type", "StructTreeRoot");
    // The element dictionaries (null for elements without content), written at save time.
    const std::size_t trees = (pages.size() + annotations.size()) / leaf_keys + 2;
    in.writers.reserve(plan.elements.size() + trees);
    in.elements.assign(plan.elements.size(), nullptr);
    for (std::size_t e = 0; e < plan.elements.size(); ++e) {
        if (!plan.elements[e].placed) continue;
        in.writers.push_back(Writer{&in, Writer::Kind::element, static_cast<std::uint32_t>(e), 0});
        in.elements[e] = own_dict(make, in, &in.writers.back());
    }
    if (!in.elements.empty()) make.add(root, "K", in.elements[0]);

    // The parent tree, keyed by page, then by annotation.
    in.entries.reserve(pages.size() + annotations.size());
    for (std::size_t i = 0; i < pages.size() && i < plan.pages.size(); ++i) {
        in.entries.push_back({static_cast<std::uint32_t>(i), 0, true});
        make.number(pages[i], "StructParents", i);
        make.name(pages[i], "Tabs", "S");
    }
    std::size_t key = pages.size();
    for (std::size_t k = 0; k < annotations.size() && k < plan.link_parents.size(); ++k) {
        const std::uint32_t parent = plan.link_parents[k];
        if (annotations[k] == nullptr || parent >= in.elements.size() || in.elements[parent] == nullptr) continue;
        make.number(annotations[k], "StructParent", key);
        make.text(annotations[k], "Contents", plan.link_contents[k]);
        in.entries.push_back({static_cast<std::uint32_t>(key++), parent, false});
    }
    make.add(root, "ParentTree", make_parent_tree(make, in));
    make.number(root, "ParentTreeNextKey", key);
    HPDF_Dict role_map = make.dict(false);
    make.name(role_map, "Aside", "Sect");
    make.add(root, "RoleMap", role_map);
    make.add(catalog, "StructTreeRoot", root);
    return doc.check(make.status(), "writing the structure tree");
}

}  // namespace folio::pdf::hpdf
