#!/usr/bin/env bash
# Page-master backgrounds and positioned blocks in the HTML (issue 18, docs/graphics.md "In the
# HTML"): on screen the cover's art is a decorative band in the header and the body pages' band a
# strip, hidden from assistive technology and axe-clean; printed by Chromium (--print-to-pdf) the
# bands and images are the pages' backgrounds at their size, the back cover's block lands on the
# last page, painted as the cover, the note of every page in its bottom margin (not on the back
# cover), a block placed `here` at its horizontal offset. Where text lands: pdftotext -bbox;
# what is painted: pixels of pdftoppm's rendering.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
cd "$work"
[ -x /usr/bin/chromium ] || fail "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
cp "$src"/tests/e2e/placement/{doc.xml,style.xml,cover-art.svg} . && cp "$src/source/images/folio-logo.svg" .
# The fixture with enough text for body pages between the cover and the back cover.
para=$(for i in $(seq 1 12); do printf 'Filler text of a body page that runs on for a while. '; done)
body=$(for i in $(seq 1 30); do printf '<p>%s</p>' "$para"; done)
sed "s|<p class=\"wrap\">|$body<p class=\"wrap\">|" doc.xml > long.xml
"$folio" build long.xml -s style.xml -o out --html-only -q 2> build.err || fail "the fixture did not build: $(cat build.err)"
[ ! -s build.err ] || fail "unexpected diagnostics: $(cat build.err)"
html=$PWD/out/long.html

# --- 1. the markup and the CSS ----------------------------------------------------------------
python3 - "$html" <<'PY' || fail "the page art in the HTML is not as expected"
import base64, re, sys
text = open(sys.argv[1], encoding='utf-8').read()
header = text[text.index('<header>'):text.index('</header>')]
assert '<div class="page-art" aria-hidden="true"></div>' in header, "an empty, hidden band in the header"
assert text.count('class="page-art"') == 1, "the band once"
# painted by CSS: the cover's SVG image cropped to it, over the cover's colour
m = re.search(r'\.page-art\{[^}]*background:url\("data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"\) center/cover no-repeat #0b3d91\}', text)
assert m and '<circle' not in base64.b64decode(m.group(1)).decode() and 'd="M' in base64.b64decode(m.group(1)).decode(), \
    "the cover's drawing (as paths) behind the band"
# print: the body pages' band as an SVG of the page's size, 12 mm deep at the foot, the ink's sRGB
m = re.search(r'@page\{background:url\("data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"\) -56.6929pt -56.6929pt/595.2756pt 841.8898pt no-repeat\}', text)
assert m, "an @page background of the bands"
svg = base64.b64decode(m.group(1)).decode()
assert '<rect x="0" y="807.874" width="595.2756" height="34.0157" fill="#0052cc"/>' in svg, svg
assert '@page :first{background:none}' in text, "the first page has the cover's (no) bands"
assert re.search(r'@page folio-back-cover\{background:url\("data:image/svg\+xml;base64,[^"]+"\) [^}]* no-repeat #0b3d91\}', text), \
    "the back cover's page painted as the cover"
# on screen: the band a strip after everything, not in print
assert '@media screen{body::after{content:"";display:block;height:9px;background:#0052cc}}' in text
PY

# hostile text in a margin box: it never closes the <style> element, quotes stay in the string
sed 's|Editionmark 2026|Editionmark \&lt;/style\&gt;\&lt;script\&gt;alert(1)\&lt;/script\&gt; "q" \\|' doc.xml > hostile.xml
"$folio" build hostile.xml -s style.xml -o hostile --html-only -q || fail "the hostile note did not build"
grep -q '@bottom-right{content:"Editionmark \\3c /style>\\3c script>alert(1)\\3c /script> \\"q\\" \\\\";' hostile/hostile.html ||
  fail "the note's text is not escaped in its margin box: $(grep -o '@bottom-right{content:[^;]*' hostile/hostile.html)"
[ "$(grep -c '<script>alert' hostile/hostile.html)" = 0 ] || fail "the note's text made a script element"

# --- 2. printed by Chromium ---------------------------------------------------------------------
timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" \
  --no-pdf-header-footer --print-to-pdf="$work/print.pdf" "file://$html" >/dev/null 2>&1 ||
  fail "Chromium's print to PDF failed"
pages=$(pdfinfo print.pdf | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 3 ] || fail "the printed HTML has $pages pages, expected a cover, body pages and a back cover"
words() {  # PAGE: "x y word" per word
  pdftotext -f "$1" -l "$1" -bbox print.pdf - |
    sed -n -E 's/.*xMin="([0-9.]+)" yMin="([0-9.]+)".*>(.*)<\/word>/\1 \2 \3/p'
}
where() { words "$1" | awk -v w="$2" '$3 ~ "^" w { print $1, $2; exit }'; }
# the back cover's block on the last page, 40 mm above the foot (20 mm page margin, its padding)
read -r x y <<<"$(where "$pages" Contactline)" || true
[ -n "${y:-}" ] || fail "the contact block is not on the last printed page"
awk -v y="$y" 'BEGIN { exit !(y > 600 && y < 730) }' || fail "the contact block is at y=$y, not near the foot"
[ -z "$(where "$pages" Body)" ] || fail "the last page holds body text besides the back cover"
for p in $(seq 1 $((pages - 1))); do
  [ -z "$(where "$p" Contactline)" ] || fail "the contact block is printed on page $p too"
done
# the note of every page: in the bottom margin (below the 20 mm page area) of every page but the back cover
for p in $(seq 1 $((pages - 1))); do
  read -r x y <<<"$(where "$p" Editionmark)" || true
  [ -n "${y:-}" ] || fail "no edition mark on printed page $p"
  awk -v y="$y" 'BEGIN { exit !(y > 785.2 && y < 830) }' || fail "the edition mark of page $p is at y=$y, not in the bottom margin"
done
[ -z "$(where "$pages" Editionmark)" ] || fail "the back cover has the note of the body pages"
# the block placed here: where it falls, at left 120 mm (340.16 pt)
read -r x y <<<"$(where 1 Herenote)" || true
awk -v x="${x:-0}" 'BEGIN { exit !(x > 339.6 && x < 341) }' || fail "the 'here' note is at x=${x:-none}, not 120mm"
# what is painted (10 dpi: 83 x 117 pixels an A4 page): the band at the foot of a body page and not
# at its top nor on the cover; the back cover in the cover's blue
pixel() {  # PAGE X Y (fractions of the page): "r g b"
  pdftoppm -r 10 -f "$1" -l "$1" print.pdf | python3 -c '
import sys
data = sys.stdin.buffer.read()
parts = data.split(b"\n", 3)
w, h = map(int, parts[1].split())
x, y = int(float(sys.argv[1]) * (w - 1)), int(float(sys.argv[2]) * (h - 1))
o = (y * w + x) * 3
print(*parts[3][o:o + 3])' "$2" "$3"
}
near() { awk -v a="$1" -v b="$2" 'BEGIN { split(a, p, " "); split(b, q, " "); for (i = 1; i <= 3; i++) if ((p[i] - q[i]) ^ 2 > 900) exit 1 }'; }
near "$(pixel 2 0.5 0.995)" "0 82 204" || fail "no band at the foot of printed page 2: $(pixel 2 0.5 0.995)"
near "$(pixel 2 0.5 0.005)" "255 255 255" || fail "printed page 2 is painted at its top: $(pixel 2 0.5 0.005)"
near "$(pixel 1 0.5 0.995)" "255 255 255" || fail "the first printed page has the body pages' band: $(pixel 1 0.5 0.995)"
near "$(pixel "$pages" 0.2 0.2)" "11 61 145" || fail "the back cover is not painted as the cover: $(pixel "$pages" 0.2 0.2)"

# --- 3. facing pages: each printed page gets its side's band; a block placed on left pages ------
# prints once, where it falls, at its left offset (CSS cannot repeat an element on left pages)
mkdir -p facing && cd facing
python3 - <<'PY'
body = ''.join(f'<p>Paragraph {i} of filler text that runs on to fill the pages of the document.</p>' for i in range(120))
open('doc.xml', 'w').write('<?xml version="1.0" encoding="UTF-8"?>\n<document version="1" xml:lang="en">'
    '<meta><title>Facing</title></meta><section id="a"><title>Facing pages</title>'
    f'<p class="side">Sidenote placed left</p>{body}</section></document>\n')
PY
cat > style.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<stylesheet version="1" name="facing">
  <page size="A4" margin="20mm"/>
  <page name="left" background-band="left 10mm #0b3d91"/>
  <page name="right" background-band="right 10mm #f29100"/>
  <style match="document" font-family="DejaVu Serif" font-size="10pt"/>
  <style match="p.side" position="page" position-page="left" top="30mm" left="150mm"/>
</stylesheet>
EOF
"$folio" build doc.xml -s style.xml -o out --html-only -q || fail "the facing pages did not build"
timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" \
  --no-pdf-header-footer --print-to-pdf="$PWD/print.pdf" "file://$PWD/out/doc.html" >/dev/null 2>&1 ||
  fail "Chromium's print of the facing pages failed"
near "$(pixel 1 0.995 0.5)" "242 145 0" || fail "no right band on the first (right) printed page: $(pixel 1 0.995 0.5)"
near "$(pixel 2 0.005 0.5)" "11 61 145" || fail "no left band on the second (left) printed page: $(pixel 2 0.005 0.5)"
near "$(pixel 2 0.995 0.5)" "255 255 255" || fail "a left page has the right band: $(pixel 2 0.995 0.5)"
[ "$(pdftotext print.pdf - | grep -c Sidenote)" = 1 ] || fail "the block on left pages is not printed once"
read -r x y <<<"$(where 1 Sidenote)" || true
awk -v x="${x:-0}" 'BEGIN { exit !(x > 424.7 && x < 426) }' || fail "the block on left pages is at x=${x:-none}, not 150mm"
cd "$work"

# --- 4. on screen: axe, validity, reflow at 320 px (tests/browser/check_html.mjs) -------------
browser=$src/tests/browser
need_browser "$browser"
status=0
node "$browser/check_html.mjs" --screenshots "$work/shots" "$html" || status=$?
[ "$status" = 0 ] || fail "the accessibility check of the HTML with page art failed (status $status)"
echo "placement_html: ok ($pages printed pages)"
