#!/usr/bin/env bash
# Graphics (issue 18, docs/graphics.md): an SVG figure is drawn as vectors (pdfimages lists no
# raster), looks like librsvg's rendering of the same file (rsvg-convert, within a tolerance),
# is inline, sanitized SVG in the HTML (role="img", a title, no script), and hostile SVGs give a
# positioned error or warning, never a crash or a hang.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/pdf_lib.bash"
pngdiff=$(dirname "$folio")/tests/pngdiff
rm -rf "$work" && mkdir -p "$work"
cd "$work"
style=$src/styles/brochure.xml
head='<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
<meta><title>Graphics</title></meta>'
doc() { printf '%s\n%s\n</document>\n' "$head" "$1" > "$2"; }

# --- 1. a figure of a W3C-style test drawing -------------------------------------------------
cp "$src/tests/e2e/graphics/shapes.svg" shapes.svg
doc '<p>Before.</p><figure src="shapes.svg" alt="Test shapes"><caption>Shapes</caption></figure>' doc.xml
"$folio" build doc.xml --style "$style" -o out 2> build.err || fail "the SVG figure did not build: $(cat build.err)"
grep -q 'shapes.svg:21:3: warning: SVG <text> is not drawn' build.err || fail "no positioned warning for <text>: $(cat build.err)"
grep -q 'shapes.svg:22:3: warning: SVG <script> is never run' build.err || fail "no warning for <script>"
[ "$(pdfimages -list out/doc.pdf | tail -n +3 | wc -l)" = 0 ] || fail "the SVG became a raster image"
qpdf --check out/doc.pdf >/dev/null || fail "qpdf --check fails"
# Renders the figure's box of PDF at the resolution that gives it rsvg-convert's 400 x 300
# pixels, as PNG.
render_box() {  # PDF PNG
  qpdf --qdf --object-streams=disable "$1" qdf.pdf
  local x y w h off mh r px py
  read -r x y w h off mh < <(python3 - <<'PY'
import re
data = open('qdf.pdf', 'rb').read().decode('latin-1')
off = float(re.search(r'q\n1 0 0 1 ([\d.]+) [\d.]+ cm', data).group(1))
m = re.search(r'([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re\nW\nn\n[\d.]+ 0 0 -[\d.]+ [\d.]+ [\d.]+ cm', data)
mh = float(re.search(r'/MediaBox \[\s*0\s+0\s+[\d.]+\s+([\d.]+)', data).group(1))
print(*m.groups(), off, mh)
PY
)
  read -r r px py < <(python3 -c "
x,y,w,h,off,mh=map(float,'$x $y $w $h $off $mh'.split()); r=400*72/w
print(r, round((x+off)*r/72), round((mh-(y+h+off))*r/72))")
  pdftoppm -r "$r" -x "$px" -y "$py" -W 400 -H 300 -png -singlefile "$1" "${2%.png}"
}
render_box out/doc.pdf folio.png
rsvg-convert -b white shapes.svg -o rsvg.png
# (the <text> rsvg draws and folio does not is 0.4 % of the pixels)
"$pngdiff" rsvg.png folio.png 0.03 64 || fail "the PDF's drawing differs from rsvg-convert's (see $work)"

# --- 1b. translucent groups, gradients' stop opacities and gradient strokes, as rsvg draws them -
# A group's opacity applies to the group as one (two overlapping shapes: where they overlap only
# the upper one shows; a stroke hides its fill), and a gradient fading to stop-opacity 0 fades
# to the background. Multiplying the opacity into each shape, or taking one opacity per
# gradient, misses by 64 of 255 in a channel over 16 % of group.svg and by more in fade.svg
# (pngdiff's own tolerance, 48, tells them apart; 64 could not).
for name in group fade stroke; do
  cp "$src/tests/e2e/graphics/$name.svg" .
  doc "<figure src=\"$name.svg\" alt=\"$name\"/>" "$name-doc.xml"
  "$folio" build "$name-doc.xml" --style "$style" -o "out-$name" 2> "$name.err" || fail "$name.svg did not build: $(cat "$name.err")"
  [ ! -s "$name.err" ] || fail "$name.svg: unexpected messages: $(cat "$name.err")"
  qpdf --check "out-$name/$name-doc.pdf" >/dev/null || fail "$name.svg: qpdf --check fails"
  render_box "out-$name/$name-doc.pdf" "$name-folio.png"
  rsvg-convert -b white "$name.svg" -o "$name-rsvg.png"
  # stroke.svg's long thin edges fall between pixels of the cropped render (about 1.7 % of its
  # pixels, all on edges, off by up to 100): 3 % at 64 there, as for shapes.svg; its strokes in
  # one colour (the first stop's, as before gradient strokes) miss by 23 %
  limits="0.01 48"; [ "$name" = stroke ] && limits="0.03 64"
  "$pngdiff" "$name-rsvg.png" "$name-folio.png" $limits || fail "$name.svg in the PDF differs from rsvg-convert's (see $work)"
  "$folio" build "$name-doc.xml" --style "$style" -o "out-$name-cmyk" --cmyk -q 2>/dev/null || fail "$name.svg --cmyk did not build"
  check_readers "out-$name-cmyk/$name-doc.pdf"  # qpdf --check, poppler, Ghostscript, MuPDF
  "$folio" build "$name-doc.xml" --style "$style" -o "out-$name-pdfa" --pdfa -q 2>/dev/null || fail "$name.svg --pdfa did not build"
  check_readers "out-$name-pdfa/$name-doc.pdf"
  # PDF/A-2 with the sRGB output intent: groups blend in RGB, no DeviceCMYK anywhere
  qpdf --qdf --object-streams=disable "out-$name-pdfa/$name-doc.pdf" pdfa.qdf
  ! grep -aq 'DeviceCMYK' pdfa.qdf || fail "$name.svg --pdfa uses DeviceCMYK"
  [ "$(pdfinfo -meta "out-$name-pdfa/$name-doc.pdf" | grep -c '<pdfaid:part>2</pdfaid:part>')" = 1 ] || fail "$name.svg --pdfa is not PDF/A-2"
done
qpdf --qdf --object-streams=disable out-group/group-doc.pdf group.qdf
grep -aq '/S /Transparency' group.qdf || fail "group.svg: no transparency group"
grep -aq '/CS /DeviceRGB' group.qdf || fail "group.svg: the group blends in no RGB space"
qpdf --qdf --object-streams=disable out-group-cmyk/group-doc.pdf group-cmyk.qdf
grep -aq '/CS /DeviceCMYK' group-cmyk.qdf || fail "group.svg --cmyk: the group does not blend in CMYK"
qpdf --qdf --object-streams=disable out-fade/fade-doc.pdf fade.qdf
grep -aq '/S /Luminosity' fade.qdf || fail "fade.svg: no luminosity soft mask"
qpdf --qdf --object-streams=disable out-stroke/stroke-doc.pdf stroke.qdf
[ "$(grep -ac '/S /Luminosity' stroke.qdf)" = 3 ] || fail "stroke.svg: not one soft mask per gradient stroke"
[ "$(grep -o 'stroke="url(#[a-z0-9-]*)"' out-stroke/stroke-doc.html | wc -l)" = 3 ] || fail "stroke.svg: the HTML lost the gradient stroke"
grep -q 'stop-opacity="0"' out-fade/fade-doc.html || fail "fade.svg: the HTML lost the stop opacity"
grep -q '<g opacity="0.5"><path' out-group/group-doc.html || fail "group.svg: the HTML has no translucent group"
# HTML: inline, sanitized, labelled
html=out/doc.html
grep -q '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"' "$html" || fail "no inline <svg> in the HTML"
grep -q 'role="img" aria-labelledby="d[0-9]*-t"><title id="d[0-9]*-t">Test shapes</title>' "$html" || fail "the inline SVG has no role or title"
svgs=$(python3 -c 'import re, sys; print("\n".join(re.findall(r"<svg.*?</svg>", open(sys.argv[1]).read(), re.S)))' "$html")
[ -n "$svgs" ] || fail "no <svg> element found in the HTML"
! grep -qi '<script\|alert(\|onload\|<text' <<<"$svgs" || fail "the HTML's SVG carries script or text"
! grep -qi 'alert(\|onload' "$html" || fail "the SVG's script or event attribute reached the HTML"
xmllint --noout --html "$html" 2>/dev/null || true

# --- 1c. object-fit on an SVG figure: the HTML's inline <svg> fits as the PDF crops ------------
sed 's|</stylesheet>|<style match="figure.crop" width="40mm" height="40mm" object-fit="cover"/>\n<style match="figure.stretch" width="60mm" height="20mm" object-fit="fill"/>\n</stylesheet>|' "$style" > fit-style.xml
doc '<figure class="crop" src="group.svg" alt="Cropped"/><figure class="stretch" src="group.svg" alt="Stretched"/>' fit.xml
"$folio" build fit.xml --style fit-style.xml -o out-fit -q 2> fit.err || fail "object-fit on SVG figures failed: $(cat fit.err)"
grep -q 'preserveAspectRatio="xMidYMid slice" style="display:block;width:100%;height:auto;aspect-ratio:113.3858/113.3858"' out-fit/fit.html ||
  fail "the HTML's SVG with object-fit: cover is not cropped to its 40 mm square"
grep -q 'preserveAspectRatio="none" style="display:block;width:100%;height:auto;aspect-ratio:170.0787/56.6929"' out-fit/fit.html ||
  fail "the HTML's SVG with object-fit: fill is not stretched to 60 x 20 mm"

# --- 2. hostile SVGs: an error or warning with a position, exit 1 or 0, no crash, no hang ------
hostile() {  # NAME EXIT MESSAGE-REGEX ; the SVG is in NAME.svg
  local name=$1 want=$2 message=$3 code=0
  doc "<figure src=\"$name.svg\" alt=\"x\"/>" "$name.xml"
  timeout 20 "$folio" build "$name.xml" --style "$style" -o "out-$name" 2> "$name.err" || code=$?
  [ "$code" = "$want" ] || fail "$name: exit $code, expected $want: $(head -c 400 "$name.err")"
  grep -Eq "$message" "$name.err" || fail "$name: no message like '$message': $(head -c 400 "$name.err")"
}
printf '<?xml version="1.0"?>\n<!DOCTYPE svg [\n <!ENTITY a "aaaaaaaaaa">\n <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<svg>&b;</svg>\n' > laughs.svg
hostile laughs 1 'laughs.svg:3:2: error: SVG files with entity declarations are refused'
printf '<svg xmlns="http://www.w3.org/2000/svg">\n<g><rect width="1" height="1"/>\n</svg>\n' > unclosed.svg
hostile unclosed 1 'unclosed.svg:[0-9]+:[0-9]+: error: malformed XML'
python3 -c "
import sys
d = 'M0 0' + ' L1 1' * 1000000
open('points.svg', 'w').write('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n<path d=\"' + d + '\"/></svg>')"
hostile points 1 'points.svg:2:1: error: the drawing has more than 200000 path points'
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n<rect width="1e200" height="1e200"/>\n<circle cx="-5e30" r="3"/>\n</svg>\n' > huge.svg
hostile huge 0 'huge.svg:2:1: warning: a coordinate of <rect> is beyond'
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 0">\n<rect width="1" height="1"/>\n</svg>\n' > zero.svg
hostile zero 0 'zero.svg:1:1: warning: the viewBox of <svg> has no area'
printf '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n<g id="a"><use xlink:href="#a"/></g>\n</svg>\n' > loop.svg
hostile loop 1 'loop.svg:2:[0-9]+: error: <use> nested deeper than 8'
# fan-out: each level uses the one below ten times (10^6 copies unless stopped)
{ echo '<svg xmlns="http://www.w3.org/2000/svg"><defs><g id="l0"><rect width="1" height="1"/></g>'
  for i in 1 2 3 4 5 6; do printf '<g id="l%d">' $i; for k in 0 1 2 3 4 5 6 7 8 9; do printf '<use href="#l%d"/>' $((i - 1)); done; echo '</g>'; done
  echo '</defs><use href="#l6"/></svg>'; } > fanout.svg
hostile fanout 1 'fanout.svg:[0-9]+:[0-9]+: error: the drawing has more than 20000 shapes'
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n<image href="file:///etc/passwd"/>\n<use href="http://example.org/x.svg#a"/>\n<animate attributeName="x"/>\n</svg>\n' > external.svg
hostile external 0 'external.svg:2:1: warning: SVG <image> is not drawn; external content is never loaded'
grep -q 'external.svg:3:1: warning: <use> of an external file is never followed' external.err || fail "external <use> not warned"
! grep -q 'passwd\|example.org' out-external/external.html || fail "an external reference reached the HTML"

# translucent groups and fading gradients past the limits: approximated with a warning, no error
python3 -c "
s = '<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">\\n<defs><linearGradient id=\"f\"><stop offset=\"0\"/><stop offset=\"1\" stop-opacity=\"0\"/></linearGradient></defs>'
s += ''.join('<circle cx=\"%d\" cy=\"50\" r=\"5\" fill=\"url(#f)\" stroke=\"red\" opacity=\"0.5\"/>' % (i % 100) for i in range(5000))
open('paints.svg', 'w').write(s + '</svg>')"
hostile paints 0 'paints.svg:1:1: warning: more than 256 translucent groups: the opacity of the rest is given to each of their shapes'
grep -q 'paints.svg:1:1: warning: more than 256 gradients fade in opacity' paints.err || fail "no warning past the soft masks' limit"
grep -q 'paints.svg:2:[0-9]*: warning: more than 1000 gradient paints: the rest are painted in their first stop' paints.err || fail "no warning past the gradients' limit"
qpdf --check out-paints/paints.pdf >/dev/null || fail "paints.svg: qpdf --check fails"

# --- 3. QR codes: vector squares that a decoder reads back; a payload too long is an error -------
doc '<p>Scan.</p><qr data="https://example.org/strategy.pdf" size="30mm" colour="#123c72"><caption>The PDF</caption></qr>' qr.xml
"$folio" build qr.xml --style "$style" -o out-qr 2> qr.err || fail "the <qr> did not build: $(cat qr.err)"
[ "$(pdfimages -list out-qr/qr.pdf | tail -n +3 | wc -l)" = 0 ] || fail "the QR code became a raster image"
pdftoppm -r 150 -png -singlefile out-qr/qr.pdf qr
[ "$(zbarimg -q --raw qr.png 2>/dev/null)" = "https://example.org/strategy.pdf" ] || fail "zbarimg does not read the QR code back"
grep -q '<title id="d[0-9]*-t">QR code: https://example.org/strategy.pdf</title>' out-qr/qr.html || fail "the HTML's QR code has no title"
python3 -c "print('<p>x</p><qr data=\"' + 'x' * 3000 + '\"/>')" > body.txt
doc "$(cat body.txt)" long.xml
code=0; "$folio" build long.xml --style "$style" -o out-long 2> long.err || code=$?
[ "$code" = 1 ] || fail "a QR payload too long: exit $code"
grep -q 'long.xml:4:[0-9]*: error: the data of <qr> is 3000 bytes; the largest QR code (version 40, level M) holds 2331' long.err ||
  fail "no positioned error for a QR payload too long: $(cat long.err)"
# --- 4. --external-assets writes the images the HTML shows, and only those --------------------
# (a page master's image is decoded with the document's images whether or not the HTML shows it)
cp "$src/source/images/bar-chart.png" band.png && cp "$src/source/images/bar-chart.png" chart.png
sed 's|</stylesheet>|<page name="first" background-image="band.png"/>\n</stylesheet>|' "$style" > bg-style.xml
doc '<p>Text.</p><figure src="chart.png" alt="A chart"/>' bg.xml
"$folio" build bg.xml --style bg-style.xml -o out-bg --external-assets -q 2> bg.err || fail "background build failed: $(cat bg.err)"
written=$(cd out-bg && ls bg-assets/*.png | sort)
shown=$(grep -o '"bg-assets/[^"]*\.png"' out-bg/bg.html | tr -d '"' | sort -u)
[ -n "$shown" ] && [ "$written" = "$shown" ] || fail "--external-assets wrote [$written] for an HTML that shows [$shown]"
echo "graphics: all checks passed"
