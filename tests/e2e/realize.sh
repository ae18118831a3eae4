#!/usr/bin/env bash
# The realize stage end to end (tests/fixtures/realize.xml), in both outputs:
#   - the running head of page 2 is the accented section title in upper case by Unicode's case
#     mapping ("KÖZÉP-EURÓPA"; folio once upper-cased ASCII only there: "KöZéP-EURóPA"), and the
#     HTML keeps the title as written, with the same upper case asked of CSS;
#   - a bulleted list inside a numbered one keeps its bullets (the PDF once numbered it "1.", "2."
#     like its parent), and the HTML nests a <ul> in the <ol>;
#   - straight quotes around an inline element are the same typographic quotes in both.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"

"$folio" build "$src/tests/fixtures/realize.xml" --style "$src/tests/fixtures/realize-style.xml" -o "$work" -q
pdf=$work/realize.pdf html=$work/realize.html

# --- PDF: page 2's first line is its running head
head2=$(pdftotext -f 2 -l 2 -layout -enc UTF-8 "$pdf" - | grep -v '^ *$' | head -n 1 | sed 's/^ *//; s/ *$//')
[ "$head2" = "KÖZÉP-EURÓPA" ] || fail "running head of page 2 is '$head2', not 'KÖZÉP-EURÓPA'"
page1=$(pdftotext -f 1 -l 1 -layout -enc UTF-8 "$pdf" -)
grep -Eq '^ *1\. First step' <<<"$page1" || fail "the numbered list lost its numbers: $page1"
grep -Eq '^ *2\. Second step' <<<"$page1" || fail "the numbered list's second item is not 2.: $page1"
[ "$(grep -Ec '^ *• (a note in a bullet|another note)$' <<<"$page1")" = 2 ] ||
  fail "the bulleted list inside the numbered one has no bullets: $page1"
text=$(pdf_text "$pdf")
[[ "$text" == *"He said “quoted” and it’s done"* ]] || fail "PDF quotes: $text"

# --- HTML: the title as written (CSS upper-cases it), the <ul> inside the <ol>, the same quotes
grep -q '<h2 id="central-title">Közép-Európa</h2>' "$html" || fail "HTML heading is not the title as written"
grep -q 'h2{[^}]*text-transform:uppercase' "$html" || fail "HTML heading is not upper-cased by CSS"
tr -d '\n' <"$html" | grep -q '<ol><li>First step<ul><li>a note in a bullet</li>' ||
  fail "HTML does not nest the bulleted list in the numbered one"
if grep -Eq 'list-style(-type)?:' <(grep -v '^nav' "$html" | grep -o '[a-z]*{[^}]*}' | grep -v '^nav'); then
  fail "HTML overrides the markers of its lists"
fi
grep -q 'He said “<em>quoted</em>” and it’s done' "$html" || fail "HTML quotes differ from the PDF's"
echo "ok"
