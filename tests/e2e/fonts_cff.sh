#!/usr/bin/env bash
# OpenType CFF fonts (issue 20): a style sheet that sets the default brochure in P052
# (fonts-urw-base35) with Cantarell (fonts-cantarell) headings. The PDF embeds both as CID
# CFF subsets (pdffonts: "CID Type 0C", embedded, subset, with a ToUnicode map), passes every
# reader without a warning, extracts every sentence of the source, and poppler, MuPDF and
# Ghostscript draw its pages alike: their rasters differ by no more than the readers' anti-aliasing
# makes them differ on the TrueType brochure (measured: 2.2 % and 2.7 % of the pixels at 85 dpi,
# against 2.3 % and 2.8 % here), while the same page in Caladea differs by 9 % (the comparison
# can fail). Two builds give the
# same bytes. The TrueType brochure's fonts stay TrueType.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/pdf_lib.bash"
pngdiff=$(dirname "$folio")/tests/pngdiff
[ -x "$pngdiff" ] || fail "pngdiff not built at $pngdiff"
rm -rf "$work" && mkdir -p "$work"
for f in /usr/share/fonts/opentype/urw-base35/P052-Roman.otf /usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf; do
  [ -f "$f" ] || fail "$f is missing: install fonts-urw-base35 and fonts-cantarell (.ci/install-deps)"
done

sed -e 's/font-family="Caladea"/font-family="P052"/g' -e 's/font-family="Lato"/font-family="Cantarell"/g' \
  "$src/styles/brochure.xml" > "$work/cff.xml"
grep -q 'font-family="P052"' "$work/cff.xml" || fail "the brochure style names no Caladea to replace"
source=$src/source/iom-budapest.xml
"$folio" build "$source" -s "$work/cff.xml" -o "$work/out" --pdf-only 2>"$work/err" ||
  fail "folio failed with CFF fonts: $(cat "$work/err")"
pdf=$work/out/iom-budapest.pdf
# Only the weights the families lack may be warned about, each naming its stand-in face.
if grep -v "warning: font family '[A-Za-z0-9]*' has no .* face of weight [0-9]*; using its '" "$work/err" | grep -q .; then
  fail "unexpected diagnostics: $(cat "$work/err")"
fi

# 1. Embedded CID CFF subsets with ToUnicode maps.
fonts=$(pdffonts "$pdf" | tail -n +3)
echo "$fonts" > "$work/pdffonts.txt"
for family in P052-Roman Cantarell-Regular Cantarell-Bold; do
  line=$(echo "$fonts" | grep -E "^[A-Z]{6}\+$family " || true)
  [ -n "$line" ] || fail "$family is not in the PDF: $fonts"
  [[ "$line" == *"CID Type 0C"*"yes yes yes"* ]] ||
    fail "$family is not an embedded CID CFF subset with a ToUnicode map: $line"
done
if echo "$fonts" | grep -q 'TrueType'; then fail "a TrueType font in the all-CFF PDF: $fonts"; fi

# 2. Every reader opens it without a word.
check_readers "$pdf"

# 3. The text extracts: every sentence of the source.
expect_sentences "$source" "$(pdf_text "$pdf")" "the CFF PDF"

# 4. poppler, MuPDF and Ghostscript draw page 2 alike.
# poppler and MuPDF round the page's size in pixels up, Ghostscript down: at a resolution where
# both sizes are just under a whole pixel, Ghostscript draws on poppler's size (-g, the page at
# its bottom left) less than 0.2 pixel off.
size=$(pdfinfo -f 2 -l 2 "$pdf" | awk '/^Page +2 size:/ { for (r = 40; r < 120; r++) {
      w = $4 * r / 72; h = $6 * r / 72
      if (w - int(w) > 0.8 && h - int(h) > 0.8) { print r, int(w) + 1, int(h) + 1; exit } } }')
read -r r width height <<<"$size"
[ -n "$r" ] || fail "no resolution found for the page size"
pdftoppm -r "$r" -f 2 -l 2 -png "$pdf" "$work/poppler" && mv "$work"/poppler*.png "$work/poppler.png"
mutool draw -q -r "$r" -o "$work/mupdf.png" "$pdf" 2 2>/dev/null
gs -q -dNOPAUSE -dBATCH -sDEVICE=png16m -r"$r" -g"${width}x$height" -dFIXEDMEDIA -dTextAlphaBits=4 -dGraphicsAlphaBits=4 -dFirstPage=2 -dLastPage=2 \
  -sOutputFile="$work/gs.png" "$pdf"
for other in mupdf gs; do
  d=$("$pngdiff" "$work/poppler.png" "$work/$other.png" 0.045 96) ||
    fail "poppler and $other draw the CFF page differently: $d of the pixels"
done
# The same comparison tells another font apart: Caladea's brochure against the P052 one.
"$folio" build "$source" -o "$work/ttf" --pdf-only -q
pdftoppm -r "$r" -f 2 -l 2 -png "$work/ttf/iom-budapest.pdf" "$work/ttf-page" && mv "$work"/ttf-page*.png "$work/ttf.png"
if d=$("$pngdiff" "$work/poppler.png" "$work/ttf.png" 0.06 96); then
  fail "the raster comparison cannot tell P052 from Caladea ($d)"
fi

# 5. Reproducible, and the TrueType brochure still embeds TrueType.
"$folio" build "$source" -s "$work/cff.xml" -o "$work/again" --pdf-only -q 2>/dev/null
cmp -s "$pdf" "$work/again/iom-budapest.pdf" || fail "two builds with CFF fonts differ"
pdffonts "$work/ttf/iom-budapest.pdf" | tail -n +3 | grep -q 'CID TrueType' || fail "the TrueType brochure lost its TrueType fonts"
echo "fonts_cff: ok"
