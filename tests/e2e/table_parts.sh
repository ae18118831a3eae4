#!/usr/bin/env bash
# Tables' parts end to end (issue 17): a foot repeated at each break (table-footer: repeat) stands
# below the table's last row in every column and page it breaks across (pdftotext -bbox), and once
# in the HTML; without it, once at the end. Lists and figures in cells: inside their cells in the
# PDF (words and image against the layout dump's cell boxes), tagged L/LI and Figure inside TD
# (the structure checker passes), real <ul>/<ol>/<figure> inside <td> in the HTML. Hostile: a list
# nested 60 deep in a cell, a figure far wider than its cell, a long table with row spans at its
# breaks and a repeated foot: no crash, every word once and inside its cell.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
dump=$(layout_dump_of "$folio")
cp "$src/tests/adversarial/images/bar-chart.png" "$work/chart.png"

head_xml() { printf '<?xml version="1.0" encoding="UTF-8"?>\n<document version="1" xml:lang="en">\n<meta><title>Parts</title></meta>\n<section><title>Table parts</title>\n'; }
tail_xml() { printf '</section>\n</document>\n'; }
long_rows() {  # FROM TO [SPAN]: rows q001a q001b ...; with SPAN, every SPANth row's first cell spans 3 rows
  local span=${3:-0} skip=0
  for ((i = $1; i <= $2; i++)); do
    printf -v r 'q%03d' "$i"
    printf '<tr>'
    if ((skip > 0)); then skip=$((skip - 1))
    elif ((span > 0 && i % span == 0 && i + 2 <= $2)); then printf '<td rowspan="3">%sa spans three rows</td>' "$r"; skip=2
    else printf '<td>%sa</td>' "$r"; fi
    printf '<td>%sb</td></tr>\n' "$r"
  done
}
long_table() {  # ROWS SPAN
  head_xml
  printf '<table id="long"><caption>A long table</caption>\n<thead><tr><th scope="col">HeadA</th><th scope="col">HeadB</th></tr></thead>\n<tbody>\n'
  long_rows 1 "$1" "$2"
  printf '</tbody>\n<tfoot><tr><td>FootA</td><td>FootB</td></tr></tfoot></table>\n'
  tail_xml
}
repeat_style() {  # STYLE: the shipped style with table-footer: repeat
  sed 's#</stylesheet>#  <style match="table" table-footer="repeat"/>\n</stylesheet>#' "$src/styles/$1.xml" > "$work/$1-repeat.xml"
}

# Words of the table's cells inside their cells (the dump's td and th boxes), each once; with
# FOOT, the foot once below the last row of each column of rows, else once at the end.
check_words() {  # NAME PDF SOURCE STYLE ROWS FOOT(repeat|end)
  pdftotext -bbox "$2" "$work/$1.bbox"
  "$dump" "$3" "$4" > "$work/$1.dump" 2> /dev/null
  python3 - "$work/$1.bbox" "$work/$1.dump" "$5" "$6" "$3" "$src/tests/tools" <<'PY' || fail "$1: the table's words are not where they belong (above)"
import re, sys
sys.path.insert(0, sys.argv[6])
from table_boxes import words as read_words, cells as read_cells, inside as in_cells
bbox, dump, rows, foot = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
tokens = re.findall(r"q\d{3}[ab]", open(sys.argv[5], encoding="utf-8").read())
words, cells = read_words(bbox), read_cells(dump, "td|th")
problems = []
if len(tokens) < rows: problems.append(f"{len(tokens)} cells in the source for {rows} rows")
for token in tokens:
    found = [w for w in words if w[1] == token]
    if len(found) != 1: problems.append(f"{token}: found {len(found)} times")
for (p, text, *box) in words:
    if re.match(r"q\d{3}[ab]$|Foot[AB]$|Head[AB]$|spans$|three$", text) and not in_cells(cells, p, box):
        problems.append(f"'{text}' on page {p} is in no cell")
parts = {}  # (page, column x) -> the lowest row's bottom
for (p, text, x0, y0, x1, y1) in words:
    if re.match(r"q\d{3}b$", text): parts[(p, round(x0))] = max(parts.get((p, round(x0)), 0), y1)
feet = [w for w in words if w[1] == "FootB"]
if foot == "repeat":
    if len(feet) != len(parts): problems.append(f"FootB {len(feet)} times for {len(parts)} part(s) of the table")
    for (p, x), bottom in parts.items():
        mine = [f for f in feet if f[0] == p and abs(f[2] - x) < 1]
        if len(mine) != 1 or not (bottom < mine[0][3] < bottom + 40):
            problems.append(f"page {p}: the foot is not right below the last row ({bottom:.1f}): {mine}")
elif len(feet) != 1 or feet[0][0] != max(p for (p, _) in parts):
    problems.append(f"FootB without repeat: {len(feet)} times")
if len(parts) < 3: problems.append(f"the table is in {len(parts)} part(s); the test needs 3 or more")
if problems:
    print("\n".join(problems[:20]), file=sys.stderr); sys.exit(1)
PY
}

# 1. The foot: repeated with table-footer: repeat, in both shipped styles; once without.
for case in "brochure 150" "a5-booklet 60"; do
  read -r style rows <<< "$case"
  long_table "$rows" 0 > "$work/foot-$style.xml"
  repeat_style "$style"
  for mode in repeat end; do
    sheet=$src/styles/$style.xml
    [ "$mode" = repeat ] && sheet=$work/$style-repeat.xml
    out=$work/foot-$style-$mode
    "$folio" build "$work/foot-$style.xml" --style "$sheet" -o "$out" -q 2> "$out.stderr" ||
      fail "foot $style $mode: folio build failed: $(cat "$out.stderr")"
    [ ! -s "$out.stderr" ] || fail "foot $style $mode: unexpected diagnostics: $(cat "$out.stderr")"
    check_words "foot-$style-$mode" "$out/foot-$style.pdf" "$work/foot-$style.xml" "$sheet" "$rows" "$mode"
    html=$out/foot-$style.html
    [ "$(grep -c '<tfoot>' "$html")" -eq 1 ] && [ "$(grep -o 'FootA' "$html" | wc -l)" -eq 1 ] ||
      fail "foot $style $mode: the HTML has not one <tfoot> with the foot once"
  done
done

# 2. Lists and a figure in cells.
{
  head_xml
  cat <<'XML'
<table id="blocks"><caption>Blocks in cells</caption><col width="25mm"/><col/>
<thead><tr><th scope="col">Kind</th><th scope="col">Content</th></tr></thead>
<tr><td>List</td><td><p>Steps:</p><ul><li>Alpha item</li><li>Beta item<ol><li>Gamma nested</li><li>Delta nested</li></ol></li></ul></td></tr>
<tr><td><figure src="chart.png" alt="A bar chart"><caption>Chart caption</caption></figure></td><td>A figure far wider than its cell, scaled down to it.</td></tr>
</table>
XML
  tail_xml
} > "$work/blocks.xml"
for style in brochure a5-booklet; do
  out=$work/blocks-$style
  "$folio" build "$work/blocks.xml" --style "$src/styles/$style.xml" -o "$out" -q 2> "$out.stderr" ||
    fail "blocks $style: folio build failed: $(cat "$out.stderr")"
  [ ! -s "$out.stderr" ] || fail "blocks $style: unexpected diagnostics: $(cat "$out.stderr")"
  pdf=$out/blocks.pdf
  /usr/bin/python3 "$src/tests/tools/pdf_structure_check.py" "$pdf" || fail "blocks $style: the structure checker failed"
  /usr/bin/python3 "$src/tests/tools/pdf_structure_check.py" "$pdf" --dump > "$out/struct.txt"
  python3 - "$out/struct.txt" <<'PY' || fail "blocks $style: the lists and the figure are not tagged inside their cells"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
def depth(l): return len(l) - len(l.lstrip())
def under(kind, parent):  # some `kind` element nested (at any depth) in a `parent` element
    for i, l in enumerate(lines):
        if l.strip().split(":")[0] == kind:
            d = depth(l)
            for j in range(i - 1, -1, -1):
                if depth(lines[j]) < d:
                    if lines[j].strip().split(":")[0] == parent: return True
                    d = depth(lines[j])
    return False
missing = [f"{k} in {p}" for k, p in (("L", "TD"), ("LI", "TD"), ("Lbl", "LI"), ("Figure", "TD"), ("Caption", "Figure")) if not under(k, p)]
# in reading order: the paragraph before the list, an item's text before its nested list
texts = [l.split(":", 1)[1].strip() for l in lines if ":" in l]
order = [next((k for k, t in enumerate(texts) if t.startswith(w)), -1) for w in ("Steps", "Alpha", "Beta", "Gamma", "Delta", "Chart")]
if -1 in order or order != sorted(order): missing.append(f"reading order {order}")
if missing:
    print("missing: " + ", ".join(missing) + "\n" + "\n".join(lines[:80]), file=sys.stderr); sys.exit(1)
PY
  "$dump" "$work/blocks.xml" "$src/styles/$style.xml" > "$out/layout.dump" 2> /dev/null
  python3 - "$out/layout.dump" "$src/tests/tools" <<'PY' || fail "blocks $style: a list word, a marker or the image is outside its cell"
import re, sys
sys.path.insert(0, sys.argv[2])
from table_boxes import cells as read_cells, inside as in_cells
cells, items, page = read_cells(sys.argv[1], "td|th", bleed=False), [], 0
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r'page (\d+)/', line)
    if m: page = int(m.group(1))
    m = re.match(r'  image #\d+ figure ([\d.-]+),([\d.-]+) ([\d.]+)x([\d.]+)', line)
    if m:
        x, y, w, h = map(float, m.groups()); items.append(("image", page, x, y, x + w, y + h))
    m = re.match(r'  text #\d+ (\S+) ([\d.-]+),([\d.-]+) w ([\d.]+) .*"([^"]*)"$', line)
    if m and (m.group(1) == "li" or re.search(r"Alpha|Beta|Gamma|Delta|Chart", m.group(5))):
        x, y, w = map(float, m.group(2, 3, 4))
        items.append(("marker" if m.group(1) == "li" else m.group(5), page, x, y - 1, x + w, y))
found = {i[0] for i in items}
for want in ("image", "Alpha item", "Chart caption"):
    if want not in found: sys.exit(f"no {want!r} in the dump: {sorted(found)}")
if sum(1 for i in items if i[0] == "marker") != 4: sys.exit(f"not every item has its marker: {sorted(found)}")
bad = [i for i in items if not in_cells(cells, i[1], i[2:], 0.01)]
if bad: sys.exit(f"outside every cell: {bad}")
PY
  html=$out/blocks.html
  python3 - "$html" <<'PY' || fail "blocks $style: the HTML cells do not hold the lists and the figure"
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
cells = re.findall(r"<td[^>]*>(.*?)</td>", h, re.S)
if not any("<ul" in c and "<ol" in c and "Gamma nested" in c for c in cells): sys.exit("no <ul> with a nested <ol> in a <td>")
if not any("<figure" in c and "<img" in c and "<figcaption" in c for c in cells): sys.exit("no <figure> with its caption in a <td>")
PY
done

# 3. Hostile: deep nesting, a huge figure in a narrow column, row spans at the breaks of a long
# table with a repeated foot; no crash, every word once in its cell.
{
  head_xml
  printf '<table><col width="20mm"/><col/><tr><td>'
  for ((i = 0; i < 60; i++)); do printf '<ul><li>d%02d' "$i"; done
  for ((i = 0; i < 60; i++)); do printf '</li></ul>'; done
  printf '</td><td><figure src="chart.png" alt="Chart"/></td></tr></table>\n'
  printf '<table><col width="8mm"/><col/><tr><td><figure src="chart.png" alt="Chart"><caption>Cap</caption></figure></td><td>x</td></tr></table>\n'
  printf '<table id="long"><thead><tr><th scope="col">HeadA</th><th scope="col">HeadB</th></tr></thead>\n<tbody>\n'
  long_rows 1 400 7
  printf '</tbody>\n<tfoot><tr><td>FootA</td><td>FootB</td></tr></tfoot></table>\n'
  tail_xml
} > "$work/hostile.xml"
repeat_style brochure
code=0
"$folio" build "$work/hostile.xml" --style "$work/brochure-repeat.xml" -o "$work/hostile" -q 2> "$work/hostile.stderr" || code=$?
[ "$code" -eq 0 ] || fail "hostile: exit $code: $(cat "$work/hostile.stderr")"
check_words hostile "$work/hostile/hostile.pdf" "$work/hostile.xml" "$work/brochure-repeat.xml" 400 repeat
for ((i = 0; i < 60; i++)); do
  printf -v w 'd%02d' "$i"
  grep -q "$w" <(pdftotext "$work/hostile/hostile.pdf" -) || fail "hostile: the item $w of the deep list is missing"
done
echo "table parts: ok"
