#!/usr/bin/env bash
# The PDF stage's memory on short pages (issue 23): 5,001 pages of one short section each (a
# bookmark, a handful of structure elements and a few runs a page), written tagged, peak no higher
# than `folio check` of the same source plus 10 % and 16 MB. Here libharu's objects, not the
# text, are most of the PDF's memory: before its pages' settled keys were written at once and
# freed (src/pdf/hpdf_compact.cpp) and destinations shared their parts, this build peaked at
# 97 MB against check's 62 MB. Also checks that the pages, bookmarks and tags all arrived. Peak
# memory from GNU time (%M); no time is asserted.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
command -v /usr/bin/time >/dev/null || fail "/usr/bin/time is missing (apt-get install time)"
rm -rf "$work" && mkdir -p "$work"
"$src/bench/generate-sections" 5000 "$work/sparse.xml"
# bench/memory's sparse style: the brochure's, with a page break before each section
sed 's#</stylesheet>#  <style match="section" break-before="page"/>\n</stylesheet>#' "$src/styles/brochure.xml" > "$work/style.xml"

peak_kb() {  # peak RSS in KB of folio with the given arguments
  /usr/bin/time -f '%M' -o "$work/time.txt" "$folio" "$@" >/dev/null 2>"$work/stderr.txt" ||
    fail "folio $* failed: $(cat "$work/stderr.txt")"
  tail -1 "$work/time.txt"
}

layout=$(peak_kb check "$work/sparse.xml" --style "$work/style.xml")
pdf=$(peak_kb build "$work/sparse.xml" --style "$work/style.xml" -o "$work/a" --pdf-only -q)
pages=$(pdfinfo "$work/a/sparse.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -ge 5000 ] || fail "expected 5,001 pages, got $pages"
limit=$(( layout * 11 / 10 + 16 * 1024 ))
echo "pdf_memory_sparse: $pages pages; check peaks at $(( layout / 1024 )) MB, build --pdf-only (tagged) at $(( pdf / 1024 )) MB (limit $(( limit / 1024 )) MB)"
if ldd "$folio" 2>/dev/null | grep -q libasan; then
  echo "pdf_memory_sparse: an AddressSanitizer build; the peaks are not compared"  # (see pdf_memory.sh)
elif [ "$pdf" -gt "$limit" ]; then
  fail "the PDF stage raised the peak: $(( pdf / 1024 )) MB against layout's $(( layout / 1024 )) MB (limit $(( limit / 1024 )) MB)"
fi

# What the compacted objects stand for is all there: a bookmark per section, the last one
# pointing at the last page, a tagged file, and the last page's text.
# (Debian's python3, with python3-pikepdf)
/usr/bin/python3 - "$work/a/sparse.pdf" <<'PY' || fail "the bookmarks or tags are wrong"
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
with pdf.open_outline() as outline:
    items = outline.root
    assert len(items) == 5000, len(items)
    last = items[-1]
    assert str(last.title) == "Section 5000", last.title
    dest = last.destination
    assert dest[0].objgen == pdf.pages[-1].obj.objgen and str(dest[1]) == "/XYZ", dest
assert pdf.Root.MarkInfo.Marked == True
assert "/StructParents" in pdf.pages[-1].obj and "/Resources" in pdf.pages[-1].obj
PY
last=$(pdftotext -f "$pages" -l "$pages" "$work/a/sparse.pdf" - | tr -s ' \n' ' ')
case $last in *"section 5000"*) ;; *) fail "the last page does not read: $last" ;; esac
