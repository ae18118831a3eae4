#!/usr/bin/env bash
# Placement (issue 18, docs/style-sheets.md "Placement, backgrounds and spot colours"): positioned
# blocks stand at their offsets on the pages their style names and take no room in the flow; a
# master's background image and bands are drawn (vectors stay vectors); a spot colour is a
# Separation colour space that Ghostscript's tiffsep puts on a plate of its own, converted under
# --pdfa; a link styled print-qr gets a QR code in the margin that zbarimg reads back; the HTML
# keeps the blocks in reading order with print rules; the tagged PDF passes the structure
# checker; hostile placements warn at the block and never put ink off the page.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/placement_lib.bash"  # lib.bash, $dump, a fresh $work as the current folder, words_inside
cp "$src"/tests/e2e/placement/{doc.xml,style.xml,cover-art.svg} . && cp "$src/source/images/folio-logo.svg" .
mm() { awk -v v="$1" 'BEGIN { printf "%.2f", v * 72 / 25.4 }'; }

# --- 1. the fixture builds without a word; positions from the layout dump ---------------------
"$folio" build doc.xml -s style.xml -o out -q 2> build.err || fail "the fixture did not build: $(cat build.err)"
[ ! -s build.err ] || fail "unexpected diagnostics: $(cat build.err)"
"$dump" doc.xml style.xml > dump.txt
page_of() { awk -v pat="$1" '/^page /{ split($2, a, "/"); p = a[1] } index($0, pat) { print p; exit }' dump.txt; }
# the logo on the cover at left 15mm, top 12mm (its content moved to the left offset)
grep -q "^  vector #[0-9]* figure $(mm 15),$(mm 12) " dump.txt || fail "the logo is not at 15mm, 12mm on the cover"
[ "$(page_of 'folio-logo.svg')" = 1 ] || fail "the logo is not on the cover"
# a block placed `here`: on the page it falls on, at left 120mm, top 100mm
grep -q "^  anchor #[0-9]* p $(mm 120),$(mm 100)$" dump.txt || fail "the 'here' note is not at 120mm, 100mm"
[ "$(page_of '"Herenote')" = 2 ] || fail "the 'here' note is not on the first body page"
# the contact block on the back cover (page 4), 40mm above the foot, between 20mm margins
[ "$(page_of '"Contactline')" = 4 ] || fail "the contact block is not on the back cover"
grep -q "^  rect #[0-9]* aside $(mm 20),[0-9.]* $(mm 170)x" dump.txt || fail "the contact block is not 170mm wide at 20mm"
# the edition mark on every body page (2 and 3) and on no cover
pages=$(awk '/^page /{ split($2, a, "/"); p = a[1] } /"Editionmark/ { printf "%s ", p }' dump.txt)
[ "$pages" = "2 3 " ] || fail "the edition mark is on pages '$pages', expected 2 and 3"
# no room taken: the body's lines stand where they stand without the positioned blocks
sed -e '/class="logo"/d' -e '/class="contact"/d' -e '/class="note"/d' -e '/class="here"/d' doc.xml > flow.xml
"$dump" flow.xml style.xml > flow.txt
for line in '"After the blocks' '"Pagebreaker' '"A second body page'; do
  a=$(grep -F "$line" dump.txt | awk '{ print $3 }') b=$(grep -F "$line" flow.txt | awk '{ print $3 }')
  [ -n "$a" ] && [ "$a" = "$b" ] || fail "$line moved: at $a, without the positioned blocks at $b"
done

# --- 2. backgrounds: the cover's SVG art and the logo are vectors, the band is drawn ----------
[ "$(pdfimages -list out/doc.pdf | tail -n +3 | wc -l)" = 0 ] || fail "an SVG became a raster image"
grep -q "^  rect #- -8.50,$(mm 285) 612.28x$(mm 15) cmyk(1.00,0.60,0.00,0.20)" dump.txt ||
  fail "no bottom band 12mm deep bleeding 3mm on a body page"
[ "$(page_of 'cover-art.svg')" = 1 ] || fail "the cover's background image is not on the cover"
qpdf --check out/doc.pdf > /dev/null || fail "qpdf --check fails"

# --- 3. the spot colour: a Separation colour space and a plate of its own ----------------------
qpdf --qdf --object-streams=disable out/doc.pdf qdf.pdf
tr -s ' \n' ' ' < qdf.pdf | grep -aq '/Separation /Folio_Blue /DeviceCMYK' || fail "no Separation colour space for the ink"
grep -aq '/Sp[0-9]* cs 1 scn' qdf.pdf || fail "the ink is not painted through its colour space"
plates() {  # PDF DIR: tiffsep plates at 10 dpi, uncompressed
  mkdir -p "$2" && gs -q -dNOPAUSE -dBATCH -sDEVICE=tiffsep -sCompression=none -r10 -sOutputFile="$2/p%d.tif" "$1"
}
inked() { python3 -c "import sys; print(open(sys.argv[1], 'rb').read()[8:].count(0))" "$1"; }
plates out/doc.pdf sep
[ -f "sep/p2(Folio_Blue).tif" ] || fail "tiffsep wrote no Folio_Blue plate for page 2: $(ls sep)"
[ ! -f "sep/p1(Folio_Blue).tif" ] || fail "the cover, which has no ink, has a Folio_Blue plate"
# (the band is ink on the Folio_Blue plate, not on the process plates; zeros are full ink)
[ "$(inked "sep/p2(Folio_Blue).tif")" -gt $(($(inked "sep/p2(Cyan).tif") + 300)) ] ||
  fail "the band is not on the Folio_Blue plate of page 2 alone"
"$folio" build doc.xml -s style.xml -o cmyk -q --pdf-only --cmyk --marks || fail "--cmyk failed"
plates cmyk/doc.pdf sep-cmyk
[ -f "sep-cmyk/p2(Folio_Blue).tif" ] || fail "--cmyk lost the ink's plate"
"$folio" build doc.xml -s style.xml -o pdfa -q --pdf-only --pdfa || fail "--pdfa failed"
qpdf --qdf --object-streams=disable pdfa/doc.pdf pdfa.pdf
grep -aq 'Separation' pdfa.pdf && fail "a PDF/A file (sRGB output intent) has a Separation colour space"
grep -aq ' k$' pdfa.pdf && fail "a PDF/A file paints in DeviceCMYK"

# --- 4. print-qr: the link's address as a QR code in the margin beside it, read back by zbarimg
qr=$(grep -E '^  vector #- [0-9.]+,[0-9.]+ 42.52x42.52 "qr:' dump.txt) || fail "no 15mm QR code beside the link"
awk -v x="$(echo "$qr" | awk '{ split($3, a, ","); print a[1] }')" 'BEGIN { exit !(x > 538.58 && x + 42.52 <= 595.28 - 8.5) }' ||
  fail "the QR code is not in the right margin: $qr"
[ "$(page_of '"qr:')" = 2 ] || fail "the QR code is not on the link's page"
pdftoppm -r 200 -f 2 -l 2 -png out/doc.pdf qr
[ "$(zbarimg -q --raw qr-2.png 2>/dev/null)" = "https://example.org/folio" ] || fail "zbarimg does not read the link's QR code"

# --- 5. HTML: in reading order, print rules, the ink as its sRGB alternate --------------------
html=out/doc.html
# (the browser's print: tests/e2e/placement_html.sh)
grep -q '@page{@bottom-right{content:"Editionmark 2026"' "$html" || fail "no margin box for the note on every page"
grep -q '@media print{figure.logo{margin-left:0pt' "$html" || fail "no print rule for the cover's logo"
expect_order() { python3 - "$html" "$@" <<'PY' || fail "the HTML does not keep the blocks in reading order"
import sys
text = open(sys.argv[1], encoding='utf-8').read()
text = text[text.index('<body'):]  # (the style sheet holds the note's text for its margin box)
at = [text.find(w) for w in sys.argv[2:]]
sys.exit(0 if -1 not in at and at == sorted(at) else 1)
PY
}
expect_order 'The folio mark' 'Body text flows' 'Contactline' 'Editionmark' 'Herenote' 'After the blocks'

# --- 6. tagged PDF: the structure checker passes; copies on later pages are artifacts ---------
/usr/bin/python3 "$src/tests/tools/pdf_structure_check.py" out/doc.pdf > struct.out 2>&1 ||
  fail "the structure checker fails: $(cat struct.out)"
[ "$(pdfinfo -struct-text out/doc.pdf | grep -c Editionmark)" = 1 ] ||
  fail "the edition mark is in the structure tree more than once"

# --- 7. hostile placements: a warning at the block, no ink off the page ------------------------
hostile() {  # NAME STYLE-LINE [SOURCE-SED]: the fixture with one more rule; sets $out
  out=$work/$1 && mkdir -p "$out" && cp doc.xml folio-logo.svg cover-art.svg "$out/"
  sed "s|</stylesheet>|$2\n</stylesheet>|" style.xml > "$out/style.xml"
  [ -z "${3:-}" ] || sed -i "$3" "$out/doc.xml"
  (cd "$out" && "$folio" build doc.xml -s style.xml -o out --pdf-only -q 2> err; echo $? > rc) || true
}
hostile huge '<style match="p.here" top="1900mm" left="1900mm"/>'
[ "$(cat "$out/rc")" = 0 ] || fail "huge offsets failed the build: $(cat "$out/err")"
grep -q '^doc.xml:17:5: warning: .*would leave the page.*moved onto the page' "$out/err" || fail "no positioned warning for huge offsets: $(cat "$out/err")"
words_inside "$out/out/doc.pdf" || fail "huge offsets put ink off the page"
long=$(for i in $(seq 1 400); do printf 'Overflowing words of a contact block far too long for any page. '; done)
hostile tall '<style match="aside.contact" position-page="here" top="20mm"/>' "s|Contactline:|Contactline: $long|"
grep -q '^doc.xml:15:5: warning: .*larger than the page; what does not fit is left out' "$out/err" || fail "no warning for a block larger than the page: $(cat "$out/err")"
words_inside "$out/out/doc.pdf" || fail "a block larger than the page put ink off the page"
hostile wide '<style match="p.here" left="200mm" right="200mm"/>'
words_inside "$out/out/doc.pdf" || fail "offsets wider than the page put ink off the page"
hostile missing '<page name="first" background-image="nowhere.png"/>'
[ "$(cat "$out/rc")" = 1 ] || fail "a missing background image did not fail the build"
grep -q '^style.xml:19:20: error: ' "$out/err" || fail "no positioned error for a missing background image: $(cat "$out/err")"
[ ! -e "$out/out/doc.pdf" ] || fail "a PDF was written despite the error"
hostile negative '<style match="p.here" top="-3mm"/>'
grep -q "^style.xml:19:23: error: invalid value '-3mm' for top" "$out/err" || fail "a negative offset is not an error: $(cat "$out/err")"
hostile nocover '<style match="p.here" position-page="cover"/>' 's|<cover>.*</cover>||'
grep -q '^doc.xml:17:5: warning: .*the cover page, which the document does not have' "$out/err" || fail "no warning for a missing cover: $(cat "$out/err")"
hostile ink '<style match="p" color="spot(\x27Folio Blue\x27, cmyk(0, 1, 0, 0))"/>'
grep -q "^style.xml:19:.*error: spot colour 'Folio Blue' is given another CMYK alternate" "$out/err" || fail "two mixes of one ink are not an error: $(cat "$out/err")"
hostile band '<page name="first" background-band="middle 10mm #000"/>'
grep -q "^style.xml:19:20: error: invalid value 'middle 10mm #000' for background-band" "$out/err" || fail "a bad band is not an error: $(cat "$out/err")"
hostile qrwide '<style match="a.qr" print-qr="50mm"/>'
grep -q '^doc.xml:18:[0-9]*: warning: no margin beside this link holds its 50mm QR code' "$out/err" || fail "no warning for a QR code too big for the margins: $(cat "$out/err")"
echo "placement: ok"
