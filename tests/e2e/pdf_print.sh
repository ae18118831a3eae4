#!/usr/bin/env bash
# Print-ready PDF: page boxes with and without bleed and marks (pdfinfo -box), marks drawn only
# outside the bleed (rendered pixels), colour operators in the content stream (qpdf --qdf), and
# --cmyk converting every colour.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/pdf_lib.bash"
rm -rf "$work" && mkdir -p "$work"
write_source "$work"
write_style "$work" plain.xml ''
write_style "$work" bleed.xml 'bleed="3mm"'
write_style "$work" marks.xml 'bleed="3mm" marks="crop"'
build() { "$folio" build "$work/doc.xml" -s "$work/$1.xml" -o "$work/$1$2" --pdf-only -q "${@:3}" 2>/dev/null; }
build plain ''; build bleed ''; build marks ''; build bleed -flag --marks; build plain -cmyk --cmyk

# 1. Boxes. A4 is 595.276 x 841.89 pt; 3 mm = 8.504 pt; the marks add 24 pt on every side.
read -r l b r t < <(box "$work/plain/doc.pdf" MediaBox)
near "$r" 595.28 "A4 media width"; near "$t" 841.89 "A4 media height"
[ "$(box "$work/plain/doc.pdf" TrimBox)" = "$(box "$work/plain/doc.pdf" MediaBox)" ] || fail "no bleed: TrimBox != MediaBox"
[ "$(box "$work/plain/doc.pdf" BleedBox)" = "$(box "$work/plain/doc.pdf" MediaBox)" ] || fail "no bleed: BleedBox != MediaBox"
read -r l b r t < <(box "$work/bleed/doc.pdf" MediaBox)
near "$r" 612.28 "bleed media width"; near "$t" 858.90 "bleed media height"
read -r l b r t < <(box "$work/bleed/doc.pdf" TrimBox)
near "$l" 8.50 "bleed trim left"; near "$r" 603.78 "bleed trim right"; near "$t" 850.39 "bleed trim top"
[ "$(box "$work/bleed/doc.pdf" BleedBox)" = "$(box "$work/bleed/doc.pdf" MediaBox)" ] || fail "bleed: BleedBox != MediaBox"
read -r l b r t < <(box "$work/marks/doc.pdf" MediaBox)
near "$r" 660.28 "marks media width"; near "$t" 906.90 "marks media height"
read -r l b r t < <(box "$work/marks/doc.pdf" BleedBox)
near "$l" 24.00 "marks bleed left"; near "$t" 882.90 "marks bleed top"
read -r l b r t < <(box "$work/marks/doc.pdf" TrimBox)
near "$l" 32.50 "marks trim left"; near "$r" 627.78 "marks trim right"
# --marks on the command line gives the same geometry as marks="crop" in the style sheet.
[ "$(pdfinfo -box "$work/bleed-flag/doc.pdf" | grep Box)" = "$(pdfinfo -box "$work/marks/doc.pdf" | grep Box)" ] ||
  fail "--marks and marks=\"crop\" differ"
# Every page has the boxes (qpdf's view of the page objects).
qpdf --qdf --object-streams=disable "$work/marks/doc.pdf" "$work/marks.qdf"
pages=$(pdfinfo "$work/marks/doc.pdf" | awk '/^Pages:/ { print $2 }')
[ "$(grep -ac '^  /TrimBox' "$work/marks.qdf")" -eq "$pages" ] || fail "not every page has a TrimBox"
[ "$(grep -ac '^  /BleedBox' "$work/marks.qdf")" -eq "$pages" ] || fail "not every page has a BleedBox"

# 2. Marks only outside the bleed: at 72 dpi one pixel is one point. The trim starts at 32.5,
# the bleed at 24; marks may only be drawn further out than 24 - 3 = 21 (they start at 21).
pdftoppm -r 72 -gray -f 1 -l 1 "$work/marks/doc.pdf" "$work/marks-gray"
pgm_pixels "$work/marks-gray-1.pgm" > "$work/pixels.txt"
read -r W H < <(awk 'END { print $1 + 1, $2 + 1 }' "$work/pixels.txt")
# dark pixels in the slug (x or y < 21 or > size - 21): the marks exist
slug=$(awk -v W="$W" -v H="$H" '$3 < 128 && ($1 < 21 || $2 < 21 || $1 >= W - 21 || $2 >= H - 21) { n++ } END { print n + 0 }' "$work/pixels.txt")
[ "$slug" -gt 50 ] || fail "no marks in the slug ($slug dark pixels)"
# nothing dark in the ring from the bleed edge to 20 pt inside the trim, except text (none there)
ring=$(awk -v W="$W" -v H="$H" '
  function inside(x, y, d) { return x >= d && y >= d && x < W - d && y < H - d }
  $3 < 250 && inside($1, $2, 23) && !inside($1, $2, 53) { n++ } END { print n + 0 }' "$work/pixels.txt")
[ "$ring" -eq 0 ] || fail "$ring non-white pixels between the bleed and 20 pt inside the trim"
# the four crop marks: ink on the extension of the trim lines near each corner
for corner in "10 32" "32 10" "$((W - 11)) 32" "32 $((H - 11))"; do
  read -r x y <<< "$corner"
  awk -v x="$x" -v y="$y" '$1 >= x - 1 && $1 <= x + 1 && $2 >= y - 1 && $2 <= y + 1 && $3 < 200 { f = 1 } END { exit !f }' \
    "$work/pixels.txt" || fail "no crop mark near ($x, $y)"
done

# 3. Colour operators: RGB as rg, the CMYK class as k, marks in the registration colour.
qpdf --qdf --object-streams=disable "$work/bleed/doc.pdf" "$work/bleed.qdf"
grep -aq '^0 0 0 rg$' "$work/bleed.qdf" || fail "RGB black is not written with rg"
grep -aq '^0 1 1 0.4 k$' "$work/bleed.qdf" || fail "cmyk(0, 1, 1, 0.4) is not written with k"
grep -aq '^1 1 1 1 K$' "$work/marks.qdf" || fail "marks are not in the registration colour (1 1 1 1 K)"
grep -aq '^0.25 w$' "$work/marks.qdf" || fail "marks are not hairlines (0.25 w)"
grep -aq '1 1 1 1 K' "$work/bleed.qdf" && fail "marks drawn without marks"

# 4. --cmyk: no RGB operator is left; black becomes pure K.
qpdf --qdf --object-streams=disable "$work/plain-cmyk/doc.pdf" "$work/cmyk.qdf"
grep -aEq ' (rg|RG)$' "$work/cmyk.qdf" && fail "--cmyk left an RGB colour"
grep -aq '^0 0 0 1 k$' "$work/cmyk.qdf" || fail "--cmyk did not turn black into 0 0 0 1 k"
grep -aq '^0 1 1 0.4 k$' "$work/cmyk.qdf" || fail "--cmyk changed a CMYK colour"

for pdf in "$work"/*/doc.pdf; do check_readers "$pdf"; done
echo "pdf_print: ok"
