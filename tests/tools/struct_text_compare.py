#!/usr/bin/python3
"""Compares what a structure-tree reader reads in a tagged PDF with the content source.

usage: struct_text_compare.py SOURCE.xml STRUCT.txt [WORDS.txt]

STRUCT.txt is `pdfinfo -struct-text` of the PDF built from SOURCE.xml. The body's block types
(Sect, H, P, L, LI, Figure, Caption, BlockQuote, the aside's role-mapped Sect, TOC) must come in
the source's order, and the words of the body (cross-references' generated text and the
contents and the numbers a style gives table captions left out, compared after NFKC, case folding and straight quotes) must be the source's
words in its order: a reader following the structure tree reads two-column pages in source
order. The cover (the metadata's title, subtitle, tagline and organisation) is left out.
A string that is only "-" is a hyphen layout added at a line break: its /ActualText is empty,
which pdfinfo does not apply, so it is dropped and the word joined.
With WORDS.txt (another reader's text of the same PDF, e.g. pdf.js, one string per marked
content in structure order, without the Reference, TOC and Lbl content), its characters (word
spaces aside) must be pdfinfo's, marked content by marked content, cover included. Exit 1 with the first difference.
"""
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

BLOCK_TYPES = {"section": "Sect", "title": "H", "p": "P", "ul": "L", "ol": "L", "li": "LI",
               "figure": "Figure", "qr": "Figure", "caption": "Caption", "blockquote": "BlockQuote",
               "aside": "Sect", "contents": "TOC"}
SPACED = {"table", "thead", "tbody", "tfoot", "tr", "th", "td"}  # blocks whose words stay apart
PDF_BLOCKS = {"Sect", "P", "L", "LI", "Figure", "Caption", "BlockQuote", "TOC", "Aside"}


def words(text):
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u00ad", "")
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"')):
        text = text.replace(a, b)
    return text.split()


def source_side(path):
    root = ET.parse(path).getroot()
    meta = root.find("meta")
    cover = set()
    if meta is not None:
        for tag in ("title", "subtitle", "organisation", "cover"):
            el = meta.find(tag)
            if el is not None and el.text:
                cover.add(" ".join(words(el.text)))
    types, text = [], []

    def walk(el):
        tag = el.tag
        if tag in BLOCK_TYPES:
            types.append(BLOCK_TYPES[tag])
        if tag in ("ref", "contents"):
            pass
        else:
            if el.text:
                text.append(el.text)
            for child in el:
                if child.tag == "br":
                    text.append(" ")
                walk(child)
                if child.tail:
                    text.append(child.tail)
        if tag in BLOCK_TYPES or tag in SPACED:
            text.append(" ")

    for child in root:
        if child.tag != "meta":
            walk(child)
    return types, words("".join(text)), cover


def pdf_side(path, cover, strings_only=False):
    """Block types and words of pdfinfo -struct-text, the cover and the contents left out."""
    types, strings = [], []
    skip_depth = None  # inside a Reference, TOC or Lbl
    table_caption = False  # the next string opens a table's caption: its number is generated
    last_kind = None
    top = []           # (type, words) of Document's children, to drop the cover
    for line in open(path, encoding="utf-8", errors="replace"):
        stripped = line.strip()
        if not stripped:
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        if skip_depth is not None and depth <= skip_depth:
            skip_depth = None
        if stripped.startswith('"'):
            if skip_depth is None:
                string = stripped[1:-1]
                if table_caption and not strings_only:  # "Table 2. ": the style's table-label
                    string = re.sub(r"^\S+ \d+\. ", "", string, count=1)
                    table_caption = False
                strings.append((string, len(types)))
            continue
        m = re.match(r"([A-Za-z0-9]+)", stripped)
        if not m or stripped.startswith(("Object ", "/")):
            continue
        kind = m.group(1)
        if skip_depth is not None:
            continue
        table_caption = kind == "Caption" and last_kind == "Table"
        last_kind = kind
        if kind in ("Reference", "TOC", "Lbl"):  # generated text: references, contents, numbers
            skip_depth = depth
        if re.fullmatch(r"H[1-6]?", kind):
            kind = "H"
        if kind in PDF_BLOCKS or kind == "H":
            types.append(kind)
            if depth == 1:
                top.append(len(types) - 1)
    # The cover: Document's first children whose text is a metadata field.
    drop = 0
    for index in top:
        text = " ".join(words("".join(s for s, at in strings if at == index + 1)))
        if text in cover and types[index] in ("H", "P"):
            drop = index + 1
        else:
            break
    kept = [s for s, at in strings if at > drop]
    if strings_only:
        return kept
    joined = ""
    for s in kept:
        joined += "" if s == "-" else s
    return types[drop:], words(joined)


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b)) if len(a) != len(b) else None


def show(name_a, a, name_b, b):
    i = first_difference(a, b)
    if i is None:
        return True
    print(f"first difference at {i}:\n  {name_a}: {' '.join(a[max(0, i - 8):i + 8])}\n"
          f"  {name_b}: {' '.join(b[max(0, i - 8):i + 8])}", file=sys.stderr)
    return False


def main():
    source, struct = sys.argv[1], sys.argv[2]
    want_types, want_words, cover = source_side(source)
    got_types, got_words = pdf_side(struct, cover)
    ok = show("source types", want_types, "pdfinfo types", got_types)
    ok = show("source words", want_words, "pdfinfo words", got_words) and ok
    if len(sys.argv) > 3:
        other = []
        for line in open(sys.argv[3], encoding="utf-8"):
            line = line.rstrip("\n")
            if line != "-":
                other.append(line)
        # Readers differ in where they see word spaces (pdf.js adds them between letter-spaced
        # glyphs and drops them at line ends), so the characters are compared, not the words;
        # and pdf.js builds the tree a page at a time (a figure deferred to the next page comes
        # after the text that follows it in the source), so each marked content's text must be
        # the same, and the whole in the same order when no element was deferred.
        def keys(strings):
            return ["".join(words(x)) for x in strings if x != "-" and words(x)]
        theirs = keys(other)
        ours = keys(pdf_side(struct, set(), strings_only=True))
        if sorted(theirs) != sorted(ours):
            ok = show("pdfinfo text", sorted(ours), "other reader", sorted(theirs)) and False
        elif theirs != ours:
            print("note: the other reader's order differs (a deferred element)", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
