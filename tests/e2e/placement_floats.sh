#!/usr/bin/env bash
# Floats that span the columns, overfull lines beside a float, and hostile page art (issue 18,
# docs/graphics.md "Floats" and "Limits"): a float with column-span: all (or in a block that has
# it) is sized and placed in the whole text width and the text beside it spans with it, in the PDF
# and the HTML; a line beside a float that a character too wide pushes into it is a warning at
# the character (layout.overfull-line) and a typography.overfull-line finding of check --report
# on its page; a float wider than the text area, a background image many times the page, a band
# deeper than the page stay inside the page's box (the bleed box: every item of the layout dump,
# images clipped to it; every word of the PDF within the trim box); a band of negative depth is
# an error at the attribute. Never a crash.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/placement_lib.bash"  # lib.bash, $dump, a fresh $work as the current folder, words_inside
cp "$src/source/images/folio-logo.svg" .
text=$(for i in $(seq 1 6); do printf 'Text beside the float runs across the whole width of the page. '; done)
cat > span.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
  <meta><title>Spanning floats</title></meta>
  <section id="a"><title>Columns</title>
    <p>Column text. Column text. Column text. Column text. Column text. Column text.</p>
    <figure class="float wide" src="folio-logo.svg" alt="The folio mark"/>
    <p>Spanning $text</p>
    <p>Columns again. Columns again. Columns again. Columns again. Columns again. Columns again.</p>
  </section>
</document>
EOF
cat > style.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<stylesheet version="1" name="floats">
  <page size="A4" margin="20mm" column-count="2" column-gap="10mm" bleed="3mm"/>
  <style match="document" font-family="DejaVu Serif" font-size="10pt" hyphens="manual"/>
  <style match="figure.float" float="right" width="40%"/>
  <style match="figure.wide" column-span="all"/>
</stylesheet>
EOF

# --- 1. a float spanning the columns: 40 % of the 481.89pt text area, at its right edge --------
"$folio" build span.xml -s style.xml -o span -q 2> span.err || fail "the spanning float did not build: $(cat span.err)"
[ ! -s span.err ] || fail "unexpected diagnostics: $(cat span.err)"
"$dump" span.xml style.xml > span.txt
grep -q '^  vector #[0-9]* figure 345.83,[0-9.]* 192.76x' span.txt ||
  fail "the float is not 40% of the text area at its right edge: $(grep vector span.txt)"
# the lines beside it span the column gap (a column is 226.77pt), those after it do not
awk '/"Spanning/ { found = 1; if ($5 + 0 <= 226.77) exit 1 } END { exit !found }' FS='[ ,]+' span.txt ||
  fail "the text beside the spanning float is set in a column: $(grep '"Spanning' span.txt)"
awk '/"Columns again/ { found = 1; if ($5 + 0 > 226.77) exit 1 } END { exit !found }' FS='[ ,]+' span.txt ||
  fail "the text after the float spans the columns: $(grep '"Columns again' span.txt)"
grep -q '<figure[^>]*class="float wide"[^>]*data-float="right" style="width:40%;max-width:100%">' span/span.html ||
  fail "the HTML's float is not 40% wide on the right"

# --- 2. an overfull line beside a float: a warning at the character, a report finding --------
cat > over.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
  <meta><title>Overfull</title></meta>
  <section id="a"><title>Narrow</title>
    <figure class="float" src="folio-logo.svg" alt="The folio mark"/>
    <p>Beside the float: <em class="big">W</em> and text after it to fill the lines beside the float.</p>
  </section>
</document>
EOF
cat > over-style.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<stylesheet version="1" name="overfull">
  <page size="A4" margin="20mm"/>
  <style match="document" font-family="DejaVu Serif" font-size="10pt" hyphens="manual"/>
  <style match="figure.float" float="right" width="60%"/>
  <style match="em.big" font-size="250pt"/>
</stylesheet>
EOF
"$folio" build over.xml -s over-style.xml -o over -q 2> over.err || fail "the overfull case failed: $(cat over.err)"
grep -q "^over.xml:6:42: warning: a line beside a floating figure is [0-9.]*pt wider than the 182.8pt the figure leaves" over.err ||
  fail "no positioned warning for the overfull line beside the float: $(cat over.err)"
"$folio" check over.xml -s over-style.xml --report json > report.json 2> /dev/null || true
python3 - report.json <<'PY' || fail "check --report has no typography.overfull-line finding at 6:42 on page 1"
import json, sys
findings = json.load(open(sys.argv[1]))["findings"]
sys.exit(0 if any(f["rule"] == "typography.overfull-line" and f["line"] == 6 and f["column"] == 42 and f.get("page") == 1
                  for f in findings) else 1)
PY

# a word longer than that room is broken, with a warning at it, and no line runs into the float
sed 's|Beside the float: <em class="big">W</em>|Beside the float: Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung|' over.xml > long.xml
"$folio" build long.xml -s over-style.xml -o long -q 2> long.err || fail "the long word beside a float failed: $(cat long.err)"
grep -q "^long.xml:6:8: warning: a word is wider than the column and is broken: 'Donaudampf" long.err ||
  fail "no positioned warning for the long word beside the float: $(cat long.err)"
"$dump" long.xml over-style.xml > long.txt
awk '/^  vector / { split($4, p, ","); x = p[1]; split($5, s, "x"); foot = p[2] + s[2] }
     /^  text / && x { split($4, p, ","); if (p[2] < foot && p[1] + $6 > x) { print; bad = 1 } }
     END { exit bad || !x }' long.txt || fail "a line beside the float runs into it"

# --- 3. hostile: a float wider than the text area, art larger than the page ----------------------
python3 - <<'PY'
import struct, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
w, h = 6000, 4000  # a photo many times the page: 6000 x 4000 px (2000 x 1333 mm at 96 px/in)
raw = b"".join(b"\x00" + b"\x33\x66\x99" * w for _ in range(h))
open("huge.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                             + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
PY
inside() {  # DUMP: every drawn item within its page's bleed box (an image with fit is clipped to its rect)
  python3 - "$1" <<'PY'
import re, sys
w = h = b = 0
for line in open(sys.argv[1]):
    if m := re.match(r"page \S+ ([0-9.]+)x([0-9.]+) bleed ([0-9.]+)", line):
        w, h, b = map(float, m.groups())
    elif m := re.match(r"  (rect|image|vector) \S+ (?:\S+ )?(-?[0-9.]+),(-?[0-9.]+) ([0-9.]+)x([0-9.]+)", line):
        x, y, rw, rh = map(float, m.groups()[1:])
        if x < -b - 0.01 or y < -b - 0.01 or x + rw > w + b + 0.01 or y + rh > h + b + 0.01:
            sys.exit("outside the page's box: " + line.strip())
PY
}
hostile() {  # NAME PAGE-ATTRIBUTES FIGURE-STYLE: span.xml with that page and float; sets $out
  out=$work/$1 && mkdir -p "$out" && cp span.xml folio-logo.svg huge.png "$out/"
  sed -e "s|<page size=\"A4\"|<page size=\"A4\" $2|" -e "s|<style match=\"figure.float\".*|$3|" style.xml > "$out/style.xml"
  (cd "$out" && "$folio" build span.xml -s style.xml -o out -q 2> err; echo $? > rc) || true
  [ "$(cat "$out/rc")" -le 1 ] || fail "$1: folio crashed (exit $(cat "$out/rc")): $(cat "$out/err")"
}
hostile wide 'background-image="huge.png"' '<style match="figure.float" float="right" width="300mm"/>'
[ "$(cat "$out/rc")" = 0 ] || fail "a float wider than the text area failed the build: $(cat "$out/err")"
grep -q '^span.xml:6:5: warning: .*wider than' "$out/err" || fail "no positioned warning for a float wider than the text area: $(cat "$out/err")"
"$dump" "$out/span.xml" "$out/style.xml" > "$out/dump.txt"
grep -q '^  image #- -8.50,-8.50 612.28x858.90 "[^"]*huge.png" fit ' "$out/dump.txt" ||
  fail "the huge background image is not clipped to the bleed box: $(grep 'huge.png' "$out/dump.txt" | head -1)"
inside "$out/dump.txt" || fail "a huge background image or a wide float put ink outside the page's box"
words_inside "$out/out/span.pdf" || fail "the wide float put text off the page"
[ "$(pdfimages -list "$out/out/span.pdf" | awk 'NR > 2 && $4 == 6000 && $5 == 4000' | wc -l)" -ge 1 ] ||
  fail "the huge image is not in the PDF at its size"
for band in "top 1900mm #0b3d91" "right 900mm #f29100"; do
  hostile deep "background-band=\"$band\"" ''
  [ "$(cat "$out/rc")" = 0 ] || fail "a band deeper than the page ($band) failed the build: $(cat "$out/err")"
  "$dump" "$out/span.xml" "$out/style.xml" > "$out/dump.txt"
  inside "$out/dump.txt" || fail "a band deeper than the page ($band) put ink outside the page's box"
  python3 - "$out/out/span.html" <<'PY' || fail "a band deeper than the page ($band) leaves the printed HTML page"
import base64, re, sys
css = open(sys.argv[1], encoding='utf-8').read()
svg = base64.b64decode(re.search(r'@page\{background:url\("data:image/svg\+xml;base64,([^"]+)"', css).group(1)).decode()
rects = [tuple(map(float, r)) for r in re.findall(r'<rect x="([-0-9.]+)" y="([-0-9.]+)" width="([0-9.]+)" height="([0-9.]+)"', svg)]
assert rects and all(x >= 0 and y >= 0 and x + w <= 595.2757 and y + h <= 841.8899 for x, y, w, h in rects), rects
PY
done
hostile negative 'background-band="bottom -12mm #0b3d91"' ''
[ "$(cat "$out/rc")" = 1 ] || fail "a band of negative depth did not fail the build"
grep -q "^style.xml:3:19: error: invalid value 'bottom -12mm #0b3d91' for background-band" "$out/err" ||
  fail "no positioned error for a band of negative depth: $(cat "$out/err")"
echo "placement_floats: ok"
