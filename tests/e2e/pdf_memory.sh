#!/usr/bin/env bash
# The PDF stage's memory does not grow the render's peak (issue 23): a tagged PDF of about 3,000
# pages peaks no higher than `folio check` of the same source (reading, styles and layout, whose
# peak it is) plus 10 % and 16 MB. Before, the libharu structure tree (about 30 MB per 1,000
# tagged pages) and every page's compressed stream, kept until the save was over, put the PDF
# stage about 100 MB above layout's peak at this size, so the check fails on either coming back.
# With more pages than the painters' window (2,048), it also shows the file whole and the bytes
# the same in two builds. Peak memory from GNU time (%M); no time is asserted.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
command -v /usr/bin/time >/dev/null || fail "/usr/bin/time is missing (apt-get install time)"
rm -rf "$work" && mkdir -p "$work"
"$src/bench/generate" 2145 "$work/long.xml"  # about 3,000 pages

peak_kb() {  # peak RSS in KB of folio with the given arguments
  /usr/bin/time -f '%M' -o "$work/time.txt" "$folio" "$@" >/dev/null 2>"$work/stderr.txt" ||
    fail "folio $* failed: $(cat "$work/stderr.txt")"
  tail -1 "$work/time.txt"
}

layout=$(peak_kb check "$work/long.xml")
pdf=$(peak_kb build "$work/long.xml" -o "$work/a" --pdf-only -q)
pages=$(pdfinfo "$work/a/long.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -gt 2500 ] || fail "expected about 3,000 pages, got $pages"
limit=$(( layout * 11 / 10 + 16 * 1024 ))
echo "pdf_memory: $pages pages; check peaks at $(( layout / 1024 )) MB, build --pdf-only (tagged) at $(( pdf / 1024 )) MB (limit $(( limit / 1024 )) MB)"
if ldd "$folio" 2>/dev/null | grep -q libasan; then
  # AddressSanitizer keeps freed memory in quarantine (256 MB), which counts against the
  # stage that frees most: the comparison means nothing there (tests/sanitize).
  echo "pdf_memory: an AddressSanitizer build; the peaks are not compared"
elif [ "$pdf" -gt "$limit" ]; then
  fail "the PDF stage raised the peak: $(( pdf / 1024 )) MB against layout's $(( layout / 1024 )) MB (limit $(( limit / 1024 )) MB)"
fi

# Past the window: every page's stream arrived, the last page reads, and the bytes repeat.
last=$(pdftotext -f "$pages" -l "$pages" "$work/a/long.pdf" - | tr -s ' \n' ' ')
[ "$(printf '%s' "$last" | wc -w)" -gt 20 ] || fail "the last page has no text: $last"
"$folio" build "$work/long.xml" -o "$work/b" --pdf-only -q
cmp "$work/a/long.pdf" "$work/b/long.pdf" || fail "two builds of the same source differ"
echo "pdf_memory: ok"
