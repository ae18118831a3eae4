#!/usr/bin/env bash
# Both shipped style sheets end to end on the seed brochure: the page size of each master
# (pdfinfo -box), the number of text columns (word positions from pdftotext -bbox), the fonts
# (pdffonts), and the same fonts and colours in the HTML's CSS.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"

# Distinct left edges of text segments on page $2 of $1, right of x = $3 (points): a segment is a
# run of words on one line with gaps under 12pt, so two columns give two edges.
column_starts() {
  pdftotext -f "$2" -l "$2" -bbox "$1" - |
    sed -n 's/.*<word xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)".*/\2 \1 \3/p' |
    sort -k1,1n -k2,2n |
    awk -v min="$3" '{ y=int($1+0.5); if (y != py || $2 - pe > 12) { if ($2 >= min) print int($2 / 4) * 4 } py=y; pe=$3 }' |
    sort -n | uniq -c | awk '$1 >= 4 {print $2}'
}

box() {  # "W H" of box $3 (TrimBox, BleedBox, MediaBox) of page $2
  pdfinfo -box -f "$2" -l "$2" "$1" | awk -v b="$3:" '$0 ~ "Page +"p" +"b {print $(NF-1) - $(NF-3), $NF - $(NF-2)}' p="$2"
}

# --- the A4 brochure: cover and body A4 with 3 mm bleed, two columns, Lato and Caladea
"$folio" build "$src/source/iom-budapest.xml" --style "$src/styles/brochure.xml" -o "$work/brochure" -q
pdf=$work/brochure/iom-budapest.pdf
for p in 1 2; do
  read -r w h < <(box "$pdf" "$p" TrimBox)
  awk -v w="$w" -v h="$h" 'BEGIN { exit !(w > 595.2 && w < 595.4 && h > 841.8 && h < 842) }' || fail "brochure page $p trim is $w x $h, not A4"
  read -r w h < <(box "$pdf" "$p" BleedBox)
  awk -v w="$w" 'BEGIN { exit !(w > 612.2 && w < 612.4) }' || fail "brochure page $p bleed box is $w wide, not A4 + 2 x 3 mm"
done
# page 2 of the brochure: text lines start at the left margin and at the second column, right
# of the middle of the page
[ "$(column_starts "$pdf" 2 0 | wc -l)" -ge 2 ] || fail "brochure body: one column only"
[ "$(column_starts "$pdf" 2 300 | wc -l)" -ge 1 ] || fail "brochure body: no second column"
fonts=$(pdffonts "$pdf")
for f in Lato-Black Lato-Bold Lato-Light Caladea-Regular; do
  grep -q "+$f" <<<"$fonts" || fail "brochure: font $f not embedded"
done
html=$work/brochure/iom-budapest.html
grep -q 'font-family: *"\?Caladea' "$html" || fail "brochure HTML: Caladea not in the CSS"
grep -q 'font-family: *"\?Lato' "$html" || fail "brochure HTML: Lato not in the CSS"
grep -qi '#0b3d91' "$html" || fail "brochure HTML: the brand blue #0b3d91 is not in the CSS"
grep -q '@page' "$html" || fail "brochure HTML: no @page rule"
grep -q '@font-face { font-family: "Lato"; font-weight: 900; font-style: normal; src: url("data:font/woff2;base64,[A-Za-z0-9+/=]*") format("woff2"), local("Lato Black")' "$html" || fail "brochure HTML: no @font-face for Lato Black"

# --- the A5 booklet: A5 pages, one column, mirrored margins, the section in the header
"$folio" build "$src/source/iom-budapest.xml" --style "$src/styles/a5-booklet.xml" -o "$work/booklet" -q
pdf=$work/booklet/iom-budapest.pdf
read -r w h < <(box "$pdf" 2 TrimBox)
awk -v w="$w" -v h="$h" 'BEGIN { exit !(w > 419.4 && w < 419.6 && h > 595.2 && h < 595.4) }' || fail "booklet trim is $w x $h, not A5"
[ "$(column_starts "$pdf" 3 150 | wc -l)" -eq 0 ] || fail "booklet: text starts right of the middle: a second column?"
left_odd=$(column_starts "$pdf" 3 0 | head -1)
left_even=$(column_starts "$pdf" 2 0 | head -1)
[ "$left_odd" -gt "$left_even" ] || fail "booklet: a right-hand page ($left_odd) must have the wider inside margin on the left (left page: $left_even)"
pdftotext -f 3 -l 3 "$pdf" - | head -3 | grep -q "REGIONAL OFFICE FOR THE EEA, EU AND NATO" || fail "booklet: no section title in the header of page 3"
grep -q "+Caladea-Bold" <<<"$(pdffonts "$pdf")" || fail "booklet: Caladea Bold not embedded"
html=$work/booklet/iom-budapest.html
grep -qi '#7a2e1d' "$html" || fail "booklet HTML: its red #7a2e1d is not in the CSS"
grep -q 'size: *419' "$html" || fail "booklet HTML: @page is not A5"
echo "styles: ok"
