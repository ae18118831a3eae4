#!/usr/bin/env python3
"""Writes one benchmark document for every tool compared in bench/peers/run.

    bench/peers/generate.py N OUTDIR

The document (issue 23's definition): the three sections of the seed text (source/iom-budapest.xml)
repeated N times with numbered headings ("12.3 Regional Strategy"), A4, 20 mm margins, one column,
DejaVu Serif 10.5 pt on a 1.35 line height, justified and hyphenated, DejaVu Sans headings, a
running footer with the page number, one external link per repetition. It writes
  OUTDIR/folio.xml + OUTDIR/folio-style.xml   (folio)
  OUTDIR/doc.typ                              (Typst)
  OUTDIR/doc.fo                               (Apache FOP, XSL-FO)
from one parse of the seed, so that every tool sets the same words.
"""
import os
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "..", "source", "iom-budapest.xml")


def seed_sections():
    """[(title, [paragraph]), ...] where a paragraph is a list of (text, href or None) runs."""
    root = ET.parse(SEED).getroot()
    sections = []
    for sec in root.findall("section"):
        paras = []
        for p in sec.findall("p"):
            runs = [(p.text or "", None)]
            for child in p:
                runs.append(("".join(child.itertext()), child.get("href")))
                runs.append((child.tail or "", None))
            paras.append([(" ".join(t.split()) if t.strip() else (" " if t else ""), h)
                          for t, h in runs if t])
        sections.append((sec.findtext("title"), paras))
    return sections


def typst_escape(text):
    out = []
    for ch in text:
        if ch in "\\#*_`$<>@[]~=-+/'\"":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def write_folio(n, sections, out):
    with open(os.path.join(out, "folio.xml"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<document version="1" xml:lang="en">\n')
        f.write(f"  <meta><title>About IOM Budapest, {n} times</title></meta>\n")
        for i in range(1, n + 1):
            for k, (title, paras) in enumerate(sections, 1):
                f.write(f'  <section id="r{i}-{k}"><title>{i}.{k} {escape(title)}</title>\n')
                for runs in paras:
                    f.write("    <p>")
                    for text, href in runs:
                        f.write(f'<a href="{escape(href)}">{escape(text)}</a>' if href else escape(text))
                    f.write("</p>\n")
                f.write("  </section>\n")
        f.write("</document>\n")
    with open(os.path.join(out, "folio-style.xml"), "w", encoding="utf-8") as f:
        f.write("""<?xml version="1.0" encoding="UTF-8"?>
<stylesheet version="1" name="peers">
  <page size="A4" margin-top="20mm" margin-bottom="20mm" margin-left="20mm" margin-right="20mm"
        column-count="1"/>
  <footer content="{page}" font-family="DejaVu Serif" font-size="9pt" text-align="center"/>
  <style match="document" font-family="DejaVu Serif" font-size="10.5pt" line-height="1.35"
         text-align="justify" hyphens="auto"/>
  <style match="h2" font-family="DejaVu Sans" font-weight="700" font-size="14pt" margin-top="12pt"
         margin-bottom="6pt" text-align="left" keep-with-next="always" hyphens="manual"/>
  <style match="p" margin-bottom="6pt"/>
</stylesheet>
""")


def write_typst(n, sections, out):
    with open(os.path.join(out, "doc.typ"), "w", encoding="utf-8") as f:
        f.write('#set document(title: "About IOM Budapest")\n'
                '#set page(paper: "a4", margin: 20mm, footer: context align(center, '
                'text(size: 9pt, counter(page).display())))\n'
                '#set text(font: "DejaVu Serif", size: 10.5pt, lang: "en", hyphenate: true)\n'
                '#set par(justify: true, leading: 0.62em, spacing: 6pt)\n'  # cap height 0.73em + 0.62em = 1.35em
                
                '#show heading: set text(font: "DejaVu Sans", size: 14pt)\n'
                '#show heading: set block(above: 12pt, below: 6pt)\n\n')
        for i in range(1, n + 1):
            for k, (title, paras) in enumerate(sections, 1):
                f.write(f"= {i}.{k} {typst_escape(title)}\n\n")
                for runs in paras:
                    for text, href in runs:
                        if href:
                            f.write(f'#link("{href}")[{typst_escape(text)}]')
                        else:
                            f.write(typst_escape(text))
                    f.write("\n\n")


def write_fo(n, sections, out):
    with open(os.path.join(out, "doc.fo"), "w", encoding="utf-8") as f:
        f.write("""<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:fox="http://xmlgraphics.apache.org/fop/extensions" language="en">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm">
      <fo:region-body margin-bottom="8mm"/>
      <fo:region-after extent="6mm"/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="A4">
    <fo:static-content flow-name="xsl-region-after">
      <fo:block text-align="center" font-family="DejaVu Serif" font-size="9pt"><fo:page-number/></fo:block>
    </fo:static-content>
    <fo:flow flow-name="xsl-region-body" font-family="DejaVu Serif" font-size="10.5pt" line-height="1.35"
             text-align="justify" hyphenate="true" language="en">
""")
        for i in range(1, n + 1):
            for k, (title, paras) in enumerate(sections, 1):
                f.write(f'      <fo:block font-family="DejaVu Sans" font-weight="bold" font-size="14pt" '
                        f'space-before="12pt" space-after="6pt" text-align="left" keep-with-next="always">'
                        f"{i}.{k} {escape(title)}</fo:block>\n")
                for runs in paras:
                    f.write('      <fo:block space-after="6pt">')
                    for text, href in runs:
                        if href:
                            f.write(f'<fo:basic-link external-destination="url({escape(href)})">'
                                    f"{escape(text)}</fo:basic-link>")
                        else:
                            f.write(escape(text))
                    f.write("</fo:block>\n")
        f.write("    </fo:flow>\n  </fo:page-sequence>\n</fo:root>\n")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bench/peers/generate.py N OUTDIR")
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    sections = seed_sections()
    write_folio(n, sections, out)
    write_typst(n, sections, out)
    write_fo(n, sections, out)


if __name__ == "__main__":
    main()
