#!/usr/bin/env bash
# Tagged PDF (#19, docs/pdf-output.md "Tagged PDF"): for every shipped source and style,
# pdfinfo says Tagged: yes, the structure checker (tests/tools/pdf_structure_check.py, pikepdf)
# passes, pdfinfo -struct-text reads the source's blocks and words in source order
# (tests/tools/struct_text_compare.py), and pdf.js following the structure tree reads the same
# text as pdfinfo. The checker is shown to fail on an untagged PDF and on planted defects (an
# orphan MCID, untagged ink, a link without a Link parent, a figure without Alt, a skipped
# heading level, a TH without /Scope). Tagged builds are byte-identical, and readers accept them.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/pdf_lib.bash"
rm -rf "$work" && mkdir -p "$work"
py=/usr/bin/python3  # Debian's, with python3-pikepdf
check="$py $src/tests/tools/pdf_structure_check.py"
compare="$py $src/tests/tools/struct_text_compare.py"
browser=$src/tests/browser
[ -d "$browser/node_modules/pdfjs-dist" ] ||
  fail "pdfjs-dist is not installed in tests/browser; run bash .ci/install-browser-deps"

# 1. Every shipped source with every shipped style.
cd "$src"
for source in source/*.xml; do
  for style in styles/*.xml; do
    name=$(basename "$source" .xml)--$(basename "$style" .xml)
    out=$work/$name
    "$folio" build "$source" -s "$style" -o "$out" -q --pdf-only 2>/dev/null || fail "$name: build failed"
    pdf=$out/$(basename "$source" .xml).pdf
    pdfinfo "$pdf" | grep -q '^Tagged: *yes' || fail "$name: pdfinfo does not say Tagged: yes"
    $check "$pdf" || fail "$name: the structure checker failed"
    pdfinfo -struct-text "$pdf" > "$out/struct.txt"
    node "$browser/pdf_struct.mjs" "$pdf" > "$out/pdfjs.txt" || fail "$name: pdf.js could not read it"
    $compare "$source" "$out/struct.txt" "$out/pdfjs.txt" 2>"$out/compare.err" ||
      fail "$name: the structure text differs from the source: $(cat "$out/compare.err")"
  done
done
# The Hungarian paragraph of the sampler carries its language.
grep -aqi '/Lang (hu)\|/Lang <FEFF00680075>' <(qpdf --qdf --object-streams=disable \
  "$work/feature-sampler--brochure/feature-sampler.pdf" -) || fail "the Hungarian paragraph has no /Lang"

# 2. Reproducible, and accepted by every reader; --pdfa is tagged too (PDF/A-2a).
"$folio" build source/feature-sampler.xml -o "$work/again" -q --pdf-only 2>/dev/null
cmp -s "$work/again/feature-sampler.pdf" "$work/feature-sampler--brochure/feature-sampler.pdf" ||
  fail "two tagged builds differ"
check_readers "$work/again/feature-sampler.pdf"
"$folio" build source/feature-sampler.xml -o "$work/pdfa" -q --pdf-only --pdfa --marks 2>/dev/null
$check "$work/pdfa/feature-sampler.pdf" || fail "the PDF/A-2a file fails the structure checker"
check_readers "$work/pdfa/feature-sampler.pdf"

# 3. The checker fails where it must.
"$folio" build source/feature-sampler.xml -o "$work/untagged" -q --pdf-only --no-tags 2>/dev/null
pdfinfo "$work/untagged/feature-sampler.pdf" | grep -q '^Tagged: *no' || fail "--no-tags is still tagged"
expect_failure() {  # NAME KIND FILE: the checker must fail, naming KIND
  if $check "$3" 2>"$work/$1.err"; then fail "the checker passed $1"; fi
  grep -q "^FAIL $2:" "$work/$1.err" || fail "the checker did not report $2 for $1: $(cat "$work/$1.err")"
}
expect_failure untagged catalog "$work/untagged/feature-sampler.pdf"
good=$work/feature-sampler--brochure/feature-sampler.pdf
plant() {  # NAME PYTHON: applies PYTHON (pdf = the opened good file) and saves NAME.pdf
  "$py" - "$good" "$work/$1.pdf" <<PY
import sys, pikepdf
from pikepdf import Name
pdf = pikepdf.open(sys.argv[1])
$2
pdf.save(sys.argv[2])
PY
}
plant orphan 'page = pdf.pages[1]
page.contents_add(pikepdf.Stream(pdf, b"/P <</MCID 900>> BDC 0 0 1 1 re f EMC"), prepend=False)'
expect_failure orphan orphan "$work/orphan.pdf"
plant ink 'pdf.pages[1].contents_add(pikepdf.Stream(pdf, b"0 0 1 1 re f"), prepend=False)'
expect_failure ink untagged "$work/ink.pdf"
plant link 'annot = next(a for p in pdf.pages for a in p.obj.get("/Annots", []))
del annot["/StructParent"]'
expect_failure link link "$work/link.pdf"
plant alt 'def walk(e):
    if e.get("/S") == Name.Figure: del e["/Alt"]
    kids = e.get("/K")
    for k in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(k, pikepdf.Dictionary) and "/S" in k: walk(k)
walk(pdf.Root.StructTreeRoot.K)'
expect_failure alt alt "$work/alt.pdf"
plant heading 'def walk(e):
    if e.get("/S") == Name.H2: e.S = Name.H4
    kids = e.get("/K")
    for k in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(k, pikepdf.Dictionary) and "/S" in k: walk(k)
walk(pdf.Root.StructTreeRoot.K)'
expect_failure heading headings "$work/heading.pdf"
plant scope 'def walk(e):
    if e.get("/S") == Name.TH and "/A" in e: del e["/A"]
    kids = e.get("/K")
    for k in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(k, pikepdf.Dictionary) and "/S" in k: walk(k)
walk(pdf.Root.StructTreeRoot.K)'
expect_failure scope table "$work/scope.pdf"
# 4. Content nobody planned for: a link around 6,000 words (its /Contents is cut at 10,000
#    characters: libharu refuses longer strings), a language inside a link, lists 30 deep, an
#    aside whose title needs escaping, languages nested both ways.
long=$(for i in $(seq 1 6000); do printf 'word%d ' "$i"; done)
deep="" close=""
for i in $(seq 1 30); do deep="$deep<ul><li>level $i "; close="</li></ul>$close"; done
cat > "$work/hostile.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
  <meta><title>Hostile &amp; tagged</title></meta>
  <section id="a"><title>Links &lt;and&gt; lists</title>
    <p>Before <a href="https://example.org/">$long <em xml:lang="de">Straße</em></a> after.</p>
    $deep deepest$close
    <aside title="A &amp; B &lt;c&gt;"><p>Aside <a href="#a">back</a>.</p></aside>
    <p xml:lang="hu">Magyar <em xml:lang="en">English</em> szöveg.</p>
  </section>
</document>
XML
"$folio" build "$work/hostile.xml" -o "$work/hostile" -q --pdf-only 2>/dev/null || fail "the hostile source did not build"
$check "$work/hostile/hostile.pdf" || fail "the hostile source fails the structure checker"
check_readers "$work/hostile/hostile.pdf"
echo "pdf_tagged: ok"
