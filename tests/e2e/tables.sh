#!/usr/bin/env bash
# Tables end to end (issue 17): a table long enough for three pages or more, in both shipped style
# sheets, checked on the PDF's word boxes (pdftotext -bbox) against the layout dump's cell boxes:
# the header rows at the top of the table on every page (and every column it breaks into), every
# cell's text present exactly once, and every word inside its own cell. Then the reading order
# (pdftotext reads row by row), the HTML's table markup, and bad tables: positioned errors,
# exit 1 and nothing written.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
dump=$(layout_dump_of "$folio")

long_table() {  # ROWS: a source with one table of ROWS rows of three cells, r001c1 r001c2 r001c3 ...
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<document version="1" xml:lang="en">\n'
  printf '<meta><title>Tables</title></meta>\n<section><title>A long table</title>\n'
  printf '<table id="long"><caption>A long table</caption>\n'
  printf '<thead><tr><th scope="col">HeadA</th><th scope="col">HeadB</th><th scope="col">HeadC</th></tr></thead>\n<tbody>\n'
  for ((i = 1; i <= $1; i++)); do
    printf -v r 'r%03d' "$i"
    if ((i % 7 == 0)); then  # now and then a cell of two lines
      printf '<tr><td>%sc1</td><td>%sc2 and more words to wrap it onto a second line here</td><td>%sc3</td></tr>\n' "$r" "$r" "$r"
    else
      printf '<tr><td>%sc1</td><td>%sc2</td><td>%sc3</td></tr>\n' "$r" "$r" "$r"
    fi
  done
  printf '</tbody></table>\n</section>\n</document>\n'
}

for case in "brochure 170" "a5-booklet 50"; do
  read -r style rows <<< "$case"
  long_table "$rows" > "$work/long-$style.xml"
  "$folio" build "$work/long-$style.xml" --style "$src/styles/$style.xml" -o "$work/$style" -q 2> "$work/$style.stderr" ||
    fail "$style: folio build failed: $(cat "$work/$style.stderr")"
  [ ! -s "$work/$style.stderr" ] || fail "$style: unexpected diagnostics: $(cat "$work/$style.stderr")"
  pdf=$work/$style/long-$style.pdf
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  [ "$pages" -ge 3 ] || fail "$style: the table takes $pages pages; the test needs 3 or more"
  pdftotext -bbox "$pdf" "$work/$style.bbox"
  "$dump" "$work/long-$style.xml" "$src/styles/$style.xml" > "$work/$style.dump" 2> /dev/null
  python3 - "$work/$style.bbox" "$work/$style.dump" "$rows" "$style" "$src/tests/tools" <<'PY' || fail "$style: the table's words are not where they belong (above)"
import re, sys
sys.path.insert(0, sys.argv[5])
from table_boxes import words as read_words, cells as read_cells
bbox, dump, rows, style = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
# words per page: (page, text, xMin, yMin, xMax, yMax); cells per page from the dump: the union
# of each td's rects (its borders), in node order
words, cells = read_words(bbox), read_cells(dump)
order = sorted({node for (_, node) in cells})
if len(order) != rows * 3: sys.exit(f"{style}: {len(order)} cells with borders in the dump, expected {rows * 3}")
problems = []
# every cell's text once, in its own cell, on the page the cell is on
for k, node in enumerate(order):
    token = f"r{k // 3 + 1:03d}c{k % 3 + 1}"
    found = [w for w in words if w[1] == token]
    if len(found) != 1:
        problems.append(f"{token}: found {len(found)} times"); continue
    p, _, x0, y0, x1, y1 = found[0]
    box = cells.get((p, node))
    if box is None or not (x0 >= box[0] - 0.5 and y0 >= box[1] - 0.5 and x1 <= box[2] + 0.5 and y1 <= box[3] + 0.5):
        problems.append(f"{token} at {x0:.1f},{y0:.1f}-{x1:.1f},{y1:.1f} on page {p} is outside its cell {box}")
# no word of the table outside every cell: each body word lies in some cell of its page
for (p, text, x0, y0, x1, y1) in words:
    if not re.match(r"r\d{3}c\d$|and$|more$|words$|wrap$|onto$|second$|line$|here$", text): continue
    if not any(q == p and x0 >= b[0] - 0.5 and y0 >= b[1] - 0.5 and x1 <= b[2] + 0.5 and y1 <= b[3] + 0.5
               for (q, _), b in cells.items()):
        problems.append(f"'{text}' on page {p} is in no cell")
# the header: above every body word of its column band on each page, once per column it heads
pages = sorted({w[0] for w in words if re.match(r"r\d{3}c1$", w[1])})
for p in pages:
    heads = [w for w in words if w[0] == p and w[1] == "HeadA"]
    bodies = [w for w in words if w[0] == p and re.match(r"r\d{3}c1$", w[1])]
    columns = {round(w[2]) for w in bodies}
    if len(heads) != len(columns):
        problems.append(f"page {p}: HeadA {len(heads)} times for {len(columns)} column(s) of rows")
    for h in heads:
        below = [b for b in bodies if abs(b[2] - h[2]) < 1]
        if below and min(b[3] for b in below) < h[5]:
            problems.append(f"page {p}: a row stands above the header")
if len(pages) < 3: problems.append(f"rows on {len(pages)} pages only")
if problems:
    print("\n".join(problems[:20]), file=sys.stderr); sys.exit(1)
PY
  # pdftotext reads the table row by row: r001c1 r001c2 r001c3 r002c1 ...
  order=$(pdftotext -raw "$pdf" - | grep -oE 'r[0-9]{3}c[0-9]' | head -12 | tr '\n' ' ')
  [ "$order" = "r001c1 r001c2 r001c3 r002c1 r002c2 r002c3 r003c1 r003c2 r003c3 r004c1 r004c2 r004c3 " ] ||
    fail "$style: pdftotext reads the cells as: $order"
  # the HTML: one table in a labelled, focusable region, its head and every row
  html=$work/$style/long-$style.html
  grep -q '<div class="table-region" role="region" tabindex="0" aria-labelledby="long-caption">' "$html" ||
    fail "$style: no labelled scrolling region around the table"
  [ "$(grep -c '<tr>' "$html")" -eq $((rows + 1)) ] || fail "$style: the HTML has $(grep -c '<tr>' "$html") rows"
  grep -q '<th id="long-th" scope="col">HeadA</th>' "$html" || fail "$style: no header cell with scope"
done

# Bad tables: positioned errors, exit 1, nothing written.
bad() {  # NAME EXPECTED BODY
  printf '<?xml version="1.0"?>\n<document version="1" xml:lang="en"><meta><title>T</title></meta>\n%s\n</document>\n' "$3" > "$work/$1.xml"
  local code=0
  "$folio" build "$work/$1.xml" -o "$work/out-$1" 2> "$work/$1.stderr" || code=$?
  [ "$code" -eq 1 ] || fail "bad table $1: exit $code, expected 1"
  grep -q "$2" "$work/$1.stderr" || fail "bad table $1: expected '$2', got: $(cat "$work/$1.stderr")"
  [ ! -e "$work/out-$1/$1.pdf" ] && [ ! -e "$work/out-$1/$1.html" ] || fail "bad table $1: an output was written"
}
bad cells "cells.xml:4:15: error: too many cells in this row: the table has 1 column (from its first row)" '<table><tr><td>a</td></tr>
<tr><td>b</td><td>c</td></tr></table>'
bad rowspan "rowspan=\"5\" reaches past the end" '<table><tr><td rowspan="5">a</td></tr></table>'
bad overlap "overlaps a cell that spans rows" '<table><tr><td>a</td><td rowspan="2">b</td><td>c</td></tr><tr><td colspan="2">d</td><td>e</td></tr></table>'
bad place "element <td> is not allowed in <table>" '<table><td>a</td></table>'
bad width "width \"wide\" on <col> does not parse" '<table><col width="wide"/><tr><td>a</td></tr></table>'
echo "tables: ok"
