#!/usr/bin/env bash
# The default brochure end to end: every sentence comes back out of the PDF and the HTML, fonts are
# embedded, qpdf and poppler accept the file without a warning, the metadata is there.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
source_xml=$src/source/iom-budapest.xml

"$folio" build "$source_xml" --style "$src/styles/brochure.xml" -o "$work" -q
pdf=$work/iom-budapest.pdf html=$work/iom-budapest.html
[ -s "$pdf" ] || fail "no PDF written"
[ -s "$html" ] || fail "no HTML written"
ls "$work" | grep -q '\.tmp$' && fail "a temporary file was left behind"

# Text: every sentence, with the typographic quotes and apostrophes.
text=$(pdf_text "$pdf")
expect_sentences "$source_xml" "$text" "the PDF"
[[ "$text" == *"“Mission with Regional Functions”"* ]] || fail "curly quotes lost in the PDF"
[[ "$text" == *"Hungarian government’s capacity"* ]] || fail "typographic apostrophe lost in the PDF"
[[ "$text" == *"About IOM Budapest"* ]] || fail "title missing from the PDF"

# No warnings from poppler (libharu's invalid ToUnicode CMap would print one).
warnings=$( { pdftotext "$pdf" /dev/null; pdffonts "$pdf" >/dev/null; pdfinfo "$pdf" >/dev/null; } 2>&1 )
[ -z "$warnings" ] || fail "poppler warned: $warnings"

# Fonts: every font embedded, with a Unicode map.
pdffonts "$pdf" | tail -n +3 > "$work/fonts.txt"
[ -s "$work/fonts.txt" ] || fail "pdffonts lists no font"
# columns: name type encoding emb sub uni object gen
awk '{ if ($(NF-4) != "yes") exit 1 }' "$work/fonts.txt" || fail "a font is not embedded: $(cat "$work/fonts.txt")"
awk '{ if ($(NF-2) != "yes") exit 1 }' "$work/fonts.txt" || fail "a font has no ToUnicode map"

# Structure and metadata.
qpdf --check "$pdf" >/dev/null || fail "qpdf --check failed"
pdfinfo "$pdf" | grep -q '^Title: *About IOM Budapest$' || fail "pdfinfo shows no title"
pdfinfo "$pdf" | grep -q '^Author: *IOM Budapest$' || fail "pdfinfo shows no author"
pdfinfo "$pdf" | grep -q '^Keywords: .*migration' || fail "pdfinfo shows no keywords"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -ge 2 ] || fail "expected at least 2 pages, got $pages"
# A4 pages: the trim box (the media box adds the bleed, see docs/pdf-output.md).
pdfinfo -box "$pdf" | awk '/^TrimBox:/ { w = $4 - $2; h = $5 - $3; exit !(w > 595.2 && w < 595.4 && h > 841.8 && h < 842) }' ||
  fail "pages are not A4: $(pdfinfo -box "$pdf" | grep TrimBox)"

# The cover has no footer; the running footer numbers every other page.
cover=$(pdftotext -f 1 -l 1 "$pdf" -)
[[ "$cover" == *"About IOM Budapest"* ]] || fail "the cover lacks the title"
[[ "$cover" == *"IOM BUDAPEST"* ]] || fail "the cover lacks the organisation"
[[ "$cover" != *"1 / $pages"* ]] || fail "the cover has a page number"
for p in $(seq 2 "$pages"); do
  pdftotext -f "$p" -l "$p" "$pdf" - | grep -q "$p / $pages" || fail "page $p has no page number"
done

# Page labels as printed: the cover is "Cover" with no number, then 2, 3, ...
labels=$(qpdf --json=2 --json-key=pages "$pdf" | jq -c '[.pages[].label | [.["/P"], .["/S"], .["/St"]]]')
[[ "$labels" == '[["u:Cover",null,'*'],[null,"/D",2],[null,"/D",3]'* ]] || fail "page labels wrong: $labels"

# The link is a real link annotation, and each section is in the outline.
qpdf --qdf --object-streams=disable "$pdf" "$work/qdf.pdf"
grep -aq '/URI (https://publications.iom.int/)' "$work/qdf.pdf" || fail "no link annotation to the strategy"
outline=$(mutool show "$pdf" outline)
for title in "IOM Budapest" "Regional Office for the EEA, EU and NATO" "Regional Strategy"; do
  [[ "$outline" == *"$title"* ]] || fail "outline lacks '$title'"
done

# HTML: every sentence, the link, the language.
htext=$(html_text "$html")
expect_sentences "$source_xml" "$htext" "the HTML"
grep -q '<html lang="en"' "$html" || fail "html has no lang"
grep -q 'href="https://publications.iom.int/"' "$html" || fail "html lacks the strategy link"
[ "$(grep -o '<h1[ >]' "$html" | wc -l)" -eq 1 ] || fail "html must have exactly one h1"

# Reproducible: a second build gives the same bytes.
"$folio" build "$source_xml" --style "$src/styles/brochure.xml" -o "$work/again" -q
cmp "$pdf" "$work/again/iom-budapest.pdf" || fail "PDF differs between two builds"
cmp "$html" "$work/again/iom-budapest.html" || fail "HTML differs between two builds"
echo "brochure: ok ($pages pages)"
