#!/usr/bin/env bash
# Sized figures, floats and rows (issue 18, docs/graphics.md "Sizes, floats and rows"): the PDF's
# reading order (pdftotext), the images' placed sizes (pdfimages -list), the crop's clip, no ink
# outside its box (the layout dump's images inside the text area, tests/tools/ink_check for the
# text), the HTML's flex row, floats and object-fit; hostile sizes and rows give positioned
# errors or warnings.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
cd "$work"
tools=$(dirname "$folio")/tests
# Two photos with a pattern: 400 x 300 and 200 x 400 pixels.
python3 - <<'PY'
import struct, zlib
def png(w, h, path):
    raw = b''.join(b'\x00' + b''.join(bytes([x * 255 // w, y * 255 // h, ((x // 20 + y // 20) % 2) * 200])
                                    for x in range(w)) for y in range(h))
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
                           chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
png(400, 300, 'photo.png')
png(200, 400, 'tall.png')
PY
cat > style.xml <<'XML'
<stylesheet version="1" name="figures">
  <page size="A4" margin="20mm" column-count="2" column-gap="8mm"/>
  <style match="document" font-family="Caladea" font-size="10pt" line-height="1.4" text-align="justify" hyphens="auto"/>
  <style match="caption" font-size="8pt" margin-top="3pt"/>
  <style match="figure" margin-top="6pt" margin-bottom="6pt"/>
  <style match="figure.left" float="left" width="40%"/>
  <style match="figure.right" float="right" width="35%"/>
  <style match="figure.crop" width="100%" height="60pt" object-fit="cover"/>
  <style match="figure.small" max-width="30mm"/>
</stylesheet>
XML
P='<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>'
head='<document version="1" xml:lang="en"><meta><title>Figures</title></meta>'
cat > doc.xml <<XML
$head
<section><title>Floats</title>
<figure class="left" src="photo.png" alt="A photo"><caption>Leftfloat caption.</caption></figure>
<p>Besidetext starts here. ${P#<p>}
$P
<figure class="right" src="tall.png" alt="A tall photo"><caption>Rightfloat caption.</caption></figure>
$P $P
</section>
<section><title>Sizes</title>
<figure class="crop" src="photo.png" alt="Cropped"><caption>Cropped band.</caption></figure>
<figure class="small" src="photo.png" alt="Small"><caption>Small figure.</caption></figure>
<figures>
<figure src="photo.png" alt="One"><caption>Rowfirst caption.</caption></figure>
<figure src="tall.png" alt="Two"><caption>Rowsecond caption.</caption></figure>
<figure src="photo.png" alt="Three"><caption>Rowthird caption.</caption></figure>
</figures>
<p>Afterrow text.</p>
</section>
</document>
XML
"$folio" build doc.xml --style style.xml -o out 2> build.err || fail "the figures did not build: $(cat build.err)"
[ ! -s build.err ] || fail "unexpected diagnostics: $(cat build.err)"

# --- reading order (the order of drawing, which is the tagged order): each float's caption
# before the text beside it, the row's captions side by side on one line
raw=$(pdftotext -raw -enc UTF-8 out/doc.pdf -)
text=$(printf '%s' "$raw" | tr '\n' ' ' | tr -s ' ')
order() {  # A B: A comes before B in the PDF's text
  local a=${text%%"$1"*} b=${text%%"$2"*}
  [[ "$text" == *"$1"* && "$text" == *"$2"* && ${#a} -lt ${#b} ]] || fail "'$1' does not come before '$2' in: $text"
}
order "Leftfloat caption" "Besidetext starts here"
order "Besidetext starts here" "Rightfloat caption"
order "Rightfloat caption" "Sizes"
order "Cropped band" "Small figure"
grep -qx 'Rowfirst caption. Rowsecond caption. Rowthird caption.' <<< "$raw" || fail "the row's captions are not side by side: $raw"
# the lines beside the left float are shorter than those below it
python3 - <<'PY' || fail "the text beside the float is not set beside it"
import re, subprocess
box = subprocess.run(['pdftotext', '-bbox-layout', 'out/doc.pdf', '-'], capture_output=True, text=True).stdout
lines = [(float(a), float(b)) for a, b in re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', box)]
beside = [l for l in lines if l[0] > 56.69 + 229.6 * 0.4]  # right of the float in the first column
assert any(l[1] < 56.69 + 229.61 + 1 for l in beside), lines[:20]
PY

# --- placed sizes: pdfimages -list gives each image's pixels per inch where it is drawn --------
# The columns are (595.28 - 2 x 56.69 - 22.68) / 2 = 229.61pt wide.
pdfimages -list out/doc.pdf | tail -n +3 > images.txt
ppi() {  # PAGE-ORDER-INDEX PIXELS WIDTH-PT: the x-ppi of the Nth image is PIXELS / (WIDTH / 72)
  local got want
  got=$(awk -v n="$1" 'NR == n { print $13 }' images.txt)
  want=$(python3 -c "print(round($2 / ($3 / 72)))")
  [ "$got" = "$want" ] || fail "image $1: $got ppi, expected $want (a width of $3 pt): $(cat images.txt)"
}
ppi 1 400 "229.6063*0.4"       # the left float: 40 % of the column
ppi 2 200 "229.6063*0.35"      # the right float: 35 %
ppi 3 400 "229.6063"           # the cropped band: the image as wide as the column (taller than its box)
ppi 4 400 "30*72/25.4"         # max-width 30mm
# --- the crop is clipped to its 60pt box: a clip rectangle right before the image's cm
qpdf --qdf --object-streams=disable out/doc.pdf qdf.pdf
python3 - <<'PY' || fail "no clip of 60pt around the cropped image"
import re, sys
data = open('qdf.pdf', 'rb').read().decode('latin-1')
m = re.search(r'q\n[\d.]+ [\d.]+ ([\d.]+) ([\d.]+) re\nW\nn\nq\n([\d.]+) 0 0 ([\d.]+) [\d.]+ [\d.]+ cm\n/\w+ Do\nQ\nQ', data)
sys.exit(0 if m and abs(float(m.group(2)) - 60) < 0.01 and float(m.group(4)) > 60 else 1)
PY

# --- no ink outside its box: text (ink_check) and images (inside the page's text area) --------
"$tools/layout_dump" doc.xml style.xml > doc.dump
pdftotext -bbox-layout out/doc.pdf doc.bbox
"$tools/ink_check" doc.dump doc.bbox > ink.out || fail "ink outside its box: $(cat ink.out)"
images_inside() {  # DUMP LEFT TOP RIGHT BOTTOM: every image of the dump inside that area
  python3 - "$@" <<'PY'
import re, sys
dump, l, t, r, b = sys.argv[1], *map(float, sys.argv[2:])
bad = [line for line in open(dump) if re.match(r'\s+(image|vector) ', line) and
       (lambda x, y, w, h: x < l - .01 or y < t - .01 or x + w > r + .01 or y + h > b + .01)(
           *map(float, re.search(r' ([-\d.]+),([-\d.]+) ([\d.]+)x([\d.]+)', line).groups()))]
if bad: sys.exit("images outside the text area:\n" + "".join(bad))
PY
}
grep -Eq '^\s+image .* fit ' doc.dump || fail "the crop has no fit in the dump: $(grep image doc.dump)"
images_inside doc.dump 56.69 56.69 538.58 785.19 || fail "an image leaves the text area"

# --- HTML: the row is a wrapping flex row, floats are marked, the crop uses object-fit ---------
html=out/doc.html
grep -q '<div class="figure-row">' "$html" || fail "no figure row in the HTML"
[ "$(sed -n '/<div class="figure-row">/,/<\/div>/p' "$html" | grep -c '<figure')" = 3 ] || fail "the row does not hold its 3 figures"
grep -q '\.figure-row{display:flex;flex-wrap:wrap' "$html" || fail "the row is not a wrapping flex row"
grep -q '<figure class="left" data-float="left" style="width:40%;max-width:100%">' "$html" || fail "the left float is not marked: $(grep -o '<figure[^>]*>' "$html")"
grep -q 'body figure\[data-float=left\]{float:left' "$html" || fail "no float rule"
grep -q '@media (max-width:30em){body figure\[data-float\]{float:none' "$html" || fail "floats do not stack on narrow screens"
grep -q 'object-fit:cover' "$html" || fail "the crop has no object-fit in the HTML"

# --- hostile: bad sizes are style errors at the attribute; too large is reduced with a warning --
hostile() {  # NAME EXIT MESSAGE-REGEX STYLE-RULE [BODY]
  local name=$1 want=$2 message=$3 rule=$4 body=${5:-'<figure src="photo.png" alt="x"/><p>Text.</p>'} code=0
  printf '<stylesheet version="1" name="h">\n  %s\n  <style match="document" font-family="Caladea"/>\n</stylesheet>\n' \
    "$rule" > "$name.style.xml"
  printf '%s\n%s\n</document>\n' "$head" "$body" > "$name.xml"
  timeout 20 "$folio" build "$name.xml" --style "$name.style.xml" -o "out-$name" 2> "$name.err" || code=$?
  [ "$code" = "$want" ] || fail "$name: exit $code, expected $want: $(head -c 400 "$name.err")"
  grep -Eq "$message" "$name.err" || fail "$name: no message like '$message': $(head -c 400 "$name.err")"
  if [ "$want" = 0 ]; then
    "$tools/layout_dump" "$name.xml" "$name.style.xml" > "$name.dump" 2>/dev/null
    images_inside "$name.dump" 56.69 56.69 538.58 785.19 || fail "$name: an image leaves the text area"
  fi
}
hostile zero 1 "zero.style.xml:2:[0-9]+: error: invalid value '0' for width" '<style match="figure" width="0"/>'
hostile negative 1 "negative.style.xml:2:[0-9]+: error: invalid value '-3cm' for height" '<style match="figure" height="-3cm"/>'
hostile huge 1 "huge.style.xml:2:[0-9]+: error: invalid value '1e9mm' for max-width" '<style match="figure" max-width="1e9mm"/>'
hostile percent 1 "error: invalid value '150%' for width" '<style match="figure" width="150%"/>'
hostile fit 1 "error: invalid value 'stretch' for object-fit" '<style match="figure" object-fit="stretch"/>'
hostile larger 0 'larger.xml:2:[0-9]+: warning: the figure.s image would be [0-9.]+pt wide, wider than its column' \
  '<style match="figure" width="190in"/>'
hostile taller 0 'taller.xml:2:[0-9]+: warning: .* tall, more than 80%' '<style match="figure" height="150in" width="20mm" object-fit="cover"/>'
hostile widefloat 0 'widefloat.xml:2:[0-9]+: warning: the floating figure is .* set as a block instead' \
  '<style match="figure" float="left" width="95%"/>'
hostile fiverow 1 'fiverow.xml:2:[0-9]+: error: <figures> with 5 figures; a row holds at most 4' '' \
  "<figures>$(for i in 1 2 3 4 5; do printf '<figure src="photo.png" alt="%s"/>' $i; done)</figures>"
hostile emptyrow 1 'emptyrow.xml:2:[0-9]+: error: <figures> without a figure' '' '<figures></figures>'
hostile onerow 0 'onerow.xml:2:[0-9]+: warning: <figures> with one figure' '' '<figures><figure src="photo.png" alt="x"/></figures>'
hostile pinrow 1 "pinrow.xml:2:[0-9]+: error: element <p> is not allowed in <figures>; expected figure or qr" '' \
  '<figures><figure src="photo.png" alt="x"/><p>no</p></figures>'
echo "figures: ok"
