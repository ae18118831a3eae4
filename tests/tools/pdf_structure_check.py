#!/usr/bin/python3
"""Checks a tagged PDF's structure with pikepdf (qpdf), a library that is not folio's writer.

usage: pdf_structure_check.py FILE.pdf [--dump]

Checks, each named in the failure message (docs/pdf-output.md lists the Matterhorn Protocol
conditions they stand for):
  catalog      /MarkInfo /Marked true, /Lang, /ViewerPreferences /DisplayDocTitle true,
               /StructTreeRoot, XMP with pdfuaid:part 1 and dc:title
  tabs         every page with annotations has /Tabs /S
  untagged     every painting operator is inside marked content (a structure MCID or an Artifact)
  orphan       every MCID in a content stream is a kid of exactly one structure element
  parent-tree  every MCID is once in the ParentTree, mapped to the element that holds it
  link         every link annotation has /StructParent and /Contents, and its ParentTree entry
               is a Link element with an OBJR to it
  alt          every Figure has a non-empty /Alt
  table        every TH has a /Scope
  headings     the first heading is H1 and no heading level is skipped
  role-map     every non-standard structure type is role-mapped to a standard one
  actual-text  an MCID with /ActualText is its own marked content (a hyphen added at a break)
With --dump, prints the structure tree as "TYPE: text" lines (text from the content streams,
ActualText applied) for comparison with other readers. Exit 1 and one line per failure.
"""
import re
import sys

import pikepdf
from pikepdf import Name

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note
Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())
PAINT = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "BI", "INLINE IMAGE"}

failures = []


def fail(kind, message):
    failures.append(f"{kind}: {message}")


def number_tree(node, out):
    """The (key, value) pairs of a number tree."""
    if "/Nums" in node:
        nums = node.Nums
        for k in range(0, len(nums) - 1, 2):
            out[int(nums[k])] = nums[k + 1]
    for kid in node.get("/Kids", []):
        number_tree(kid, out)
    return out


def decode_text(operands, font_two_byte=True):
    """Text of a Tj/TJ operand list (Identity-H two-byte codes, CID = Unicode in folio)."""
    out = []
    for op in operands:
        items = op if isinstance(op, pikepdf.Array) else [op]
        for item in items:
            if isinstance(item, pikepdf.String):
                b = bytes(item)
                if font_two_byte and len(b) % 2 == 0:
                    out.append(b.decode("utf-16-be", errors="replace"))
                else:
                    out.append(b.decode("latin-1"))
    return "".join(out)


def scan_page(pdf, page, index, mcid_text):
    """The MCIDs of one page's content: their text, and untagged painting."""
    stack = []  # each: ("mcid", n) | ("artifact",) | ("other",)
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if op == "BDC" else None
            if isinstance(props, pikepdf.Name):
                props = page.Resources.Properties[props]
            if tag == "/Artifact":
                stack.append(("artifact",))
            elif props is not None and "/MCID" in props:
                n = int(props.MCID)
                key = (index, n)
                if key in mcid_text:
                    fail("orphan", f"page {index + 1}: MCID {n} marks two sequences")
                actual = props.get("/ActualText")
                mcid_text[key] = {"text": "", "actual": None if actual is None else str(actual)}
                stack.append(("mcid", key))
            else:
                stack.append(("other",))
        elif op == "EMC":
            if not stack:
                fail("untagged", f"page {index + 1}: EMC without BDC")
            else:
                stack.pop()
        elif op in PAINT:
            kinds = [s[0] for s in stack]
            if "artifact" in kinds:
                continue
            mcids = [s[1] for s in stack if s[0] == "mcid"]
            if not mcids:
                fail("untagged", f"page {index + 1}: '{op}' outside marked content")
                continue
            if op in ("Tj", "TJ", "'", '"'):
                mcid_text[mcids[-1]]["text"] += decode_text(operands[-1:])
    if stack:
        fail("untagged", f"page {index + 1}: {len(stack)} marked-content sequences left open")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dump = "--dump" in sys.argv
    pdf = pikepdf.open(args[0])
    root = pdf.Root
    # catalog
    if not (root.get("/MarkInfo") and root.MarkInfo.get("/Marked") is True):
        fail("catalog", "no /MarkInfo << /Marked true >>")
    if not str(root.get("/Lang", "")):
        fail("catalog", "no /Lang")
    vp = root.get("/ViewerPreferences")
    if not (vp and vp.get("/DisplayDocTitle") is True):
        fail("catalog", "no /ViewerPreferences /DisplayDocTitle true")
    xmp = bytes(root.Metadata.read_bytes()).decode("utf-8", "replace") if "/Metadata" in root else ""
    if "<pdfuaid:part>1</pdfuaid:part>" not in xmp:
        fail("catalog", "the XMP does not claim pdfuaid:part 1")
    if not re.search(r"<dc:title>.*?<rdf:li[^>]*>[^<]+</rdf:li>", xmp, re.S):
        fail("catalog", "the XMP has no dc:title")
    if "/StructTreeRoot" not in root:
        fail("catalog", "no /StructTreeRoot")
        return report(dump, [])
    tree = root.StructTreeRoot
    role_map = tree.get("/RoleMap", pikepdf.Dictionary())
    parent_tree = number_tree(tree.ParentTree, {}) if "/ParentTree" in tree else {}

    pages = list(pdf.pages)
    page_index = {p.objgen: i for i, p in enumerate(pages)}
    mcid_text = {}
    for i, page in enumerate(pages):
        scan_page(pdf, page.obj if hasattr(page, "obj") else page, i, mcid_text)
        annots = page.obj.get("/Annots", []) if hasattr(page, "obj") else page.get("/Annots", [])
        if len(annots) and str(page.obj.get("/Tabs", "") if hasattr(page, "obj") else page.get("/Tabs", "")) != "/S":
            fail("tabs", f"page {i + 1} has annotations but no /Tabs /S")

    # walk the structure tree
    held = {}       # (page, mcid) -> element objgen
    objrs = {}      # annotation objgen -> element
    lines = []      # for --dump
    headings = []

    def std_type(s):
        seen = set()
        while s not in STANDARD and "/" + s in role_map and s not in seen:
            seen.add(s)
            s = str(role_map[Name("/" + s)])[1:]
        return s

    def walk(elem, depth):
        s = str(elem.S)[1:]
        if std_type(s) not in STANDARD:
            fail("role-map", f"structure type {s} is neither standard nor role-mapped")
        if re.fullmatch(r"H[1-6]", s):
            headings.append(int(s[1]))
        if s == "TH":
            attrs = elem.get("/A")
            attrs = attrs if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []
            if not any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in attrs):
                fail("table", "a TH has no /Scope")
        if s == "Figure" and not str(elem.get("/Alt", "")).strip():
            fail("alt", "a Figure has no /Alt")
        page = elem.get("/Pg")
        kids = elem.get("/K")
        if kids is None:
            kids = []
        elif not isinstance(kids, pikepdf.Array):
            kids = [kids]
        text = []
        lines.append([depth, s, text])
        for kid in kids:
            if isinstance(kid, int) or (not isinstance(kid, pikepdf.Dictionary)):
                pg = page
                n = int(kid)
            elif kid.get("/Type") == Name.MCR:
                pg = kid.get("/Pg", page)
                n = int(kid.MCID)
            elif kid.get("/Type") == Name.OBJR:
                objrs[kid.Obj.objgen] = elem
                continue
            else:
                walk(kid, depth + 1)
                text = []
                lines.append([depth, None, text])
                continue
            if pg is None:
                fail("orphan", f"an MCID kid of {s} has no page")
                continue
            key = (page_index[pg.objgen], n)
            if key in held:
                fail("orphan", f"page {key[0] + 1}: MCID {n} is a kid of two elements")
            held[key] = elem.objgen
            content = mcid_text.get(key)
            if content is None:
                fail("orphan", f"page {key[0] + 1}: MCID {n} of {s} marks no content")
                continue
            text.append(content["text"] if content["actual"] is None else content["actual"])

    walk(tree.K if not isinstance(tree.K, pikepdf.Array) else tree.K[0], 0)

    for key in mcid_text:
        if key not in held:
            fail("orphan", f"page {key[0] + 1}: MCID {key[1]} is in no structure element")
        if mcid_text[key]["actual"] is not None and mcid_text[key]["text"].strip() not in ("-", "‐"):
            fail("actual-text", f"page {key[0] + 1}: MCID {key[1]} has ActualText over '{mcid_text[key]['text']}'")
    # parent tree: every page's array maps each MCID to its element
    for i, page in enumerate(pages):
        obj = page.obj if hasattr(page, "obj") else page
        sp = obj.get("/StructParents")
        mine = sorted(n for (p, n) in mcid_text if p == i)
        if sp is None:
            if mine:
                fail("parent-tree", f"page {i + 1} has MCIDs but no /StructParents")
            continue
        arr = parent_tree.get(int(sp))
        if arr is None:
            fail("parent-tree", f"page {i + 1}: /StructParents {int(sp)} is not in the ParentTree")
            continue
        for n in mine:
            if n >= len(arr) or arr[n].objgen != held.get((i, n)):
                fail("parent-tree", f"page {i + 1}: MCID {n} maps to another element than its own")
        if len(arr) != len(mine):
            fail("parent-tree", f"page {i + 1}: {len(arr)} ParentTree entries for {len(mine)} MCIDs")
    # links
    for i, page in enumerate(pages):
        obj = page.obj if hasattr(page, "obj") else page
        for annot in obj.get("/Annots", []):
            if annot.get("/Subtype") != Name.Link:
                continue
            if not str(annot.get("/Contents", "")).strip():
                fail("link", f"page {i + 1}: a link annotation has no /Contents")
            sp = annot.get("/StructParent")
            parent = parent_tree.get(int(sp)) if sp is not None else None
            if parent is None or str(parent.get("/S")) != "/Link":
                fail("link", f"page {i + 1}: a link annotation has no Link parent")
            elif objrs.get(annot.objgen) is None or objrs[annot.objgen].objgen != parent.objgen:
                fail("link", f"page {i + 1}: the Link element has no OBJR to its annotation")
    # headings
    previous = 0
    for level in headings:
        if level > previous + 1:
            fail("headings", f"H{level} follows {'H' + str(previous) if previous else 'the start'}")
        previous = level
    return report(dump, lines)


def report(dump, lines):
    if dump:
        for depth, s, text in lines:
            t = " ".join("".join(text).split())
            if s is not None:
                print(f"{'  ' * depth}{s}: {t}".rstrip())
            elif t:
                print(f"{'  ' * (depth + 1)}~ {t}")
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
