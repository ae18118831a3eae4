# Shared start and helpers of the placement tests (placement*.sh; sourced, not run by ctest):
# with $folio, $src and $work set, sources lib.bash, finds the layout dump ($dump) and makes $work
# a fresh current folder.
. "$src/tests/e2e/lib.bash"
dump=$(layout_dump_of "$folio")
rm -rf "$work" && mkdir -p "$work"
cd "$work"

words_inside() {  # PDF: every word box within the trim box of its page
  pdftotext -bbox "$1" - | python3 -c '
import re, sys
w = h = 0
for line in sys.stdin:
    if m := re.search(r"<page width=\"([0-9.]+)\" height=\"([0-9.]+)\"", line): w, h = map(float, m.groups())
    if m := re.search(r"xMin=\"([-0-9.]+)\" yMin=\"([-0-9.]+)\" xMax=\"([-0-9.]+)\" yMax=\"([-0-9.]+)\"", line):
        x0, y0, x1, y1 = map(float, m.groups())
        if x0 < -0.5 or y0 < -0.5 or x1 > w + 0.5 or y1 > h + 0.5: sys.exit("off the page: " + line.strip())'
}
