#!/usr/bin/env bash
# folio init (issue 22): a new project with each style builds at once with no diagnostic and an
# empty quality report; it holds a cover, a section, a list, an aside and a figure; a folder that
# is not empty is refused without --force, and kept as it was.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"

for style in brochure a5-booklet; do
  dir=$work/$style
  "$folio" init "$dir" --style "$style" >"$work/$style.out" 2>&1 || fail "init $style: $(cat "$work/$style.out")"
  for f in document.xml style.xml README images/placeholder.png; do
    [ -s "$dir/$f" ] || fail "init $style wrote no $f"
  done
  [ "$(wc -l <"$dir/README")" -eq 3 ] || fail "the README has $(wc -l <"$dir/README") lines, not 3"
  cmp -s "$dir/style.xml" "$src/styles/$style.xml" || fail "style.xml is not a copy of styles/$style.xml"
  for element in '<cover>' '<section' '<ul>' '<aside' '<figure' '<!--'; do
    grep -qF -- "$element" "$dir/document.xml" || fail "the starter source has no $element"
  done
  # Built at once, from inside the project, with no warning and an empty report.
  (cd "$dir" && "$folio" build document.xml --style style.xml -o output/ >"$work/$style.build" 2>"$work/$style.err") ||
    fail "the $style project does not build: $(cat "$work/$style.err")"
  [ ! -s "$work/$style.err" ] || fail "the $style project builds with diagnostics: $(cat "$work/$style.err")"
  [ -s "$dir/output/document.pdf" ] && [ -s "$dir/output/document.html" ] || fail "no outputs for $style"
  [ "$(pdfinfo "$dir/output/document.pdf" | awk '/^Pages:/ {print $2}')" -ge 2 ] || fail "$style: no cover page"
  (cd "$dir" && "$folio" check document.xml --style style.xml --report json --fail-on warning >"$work/$style.json" 2>/dev/null) ||
    fail "the $style project has findings: $(jq -c .findings "$work/$style.json")"
  [ "$(jq '.findings | length' "$work/$style.json")" = 0 ] || fail "$style: $(jq -c .findings "$work/$style.json")"
done

# A folder that is not empty: refused (exit 1, a message naming --force), nothing changed.
mkdir -p "$work/busy" && echo "mine" >"$work/busy/notes.txt"
set +e
"$folio" init "$work/busy" >/dev/null 2>"$work/busy.err"
code=$?
set -e
[ "$code" -eq 1 ] || fail "init into a non-empty folder: exit $code, expected 1"
grep -q -- '--force' "$work/busy.err" || fail "the refusal does not name --force: $(cat "$work/busy.err")"
[ "$(ls "$work/busy")" = "notes.txt" ] || fail "a refused init wrote $(ls "$work/busy")"
"$folio" init "$work/busy" --force >/dev/null || fail "init --force failed"
[ -s "$work/busy/document.xml" ] && [ "$(cat "$work/busy/notes.txt")" = mine ] || fail "--force lost the folder's own file"

# An unknown style is a usage error.
set +e
"$folio" init "$work/other" --style nonesuch >/dev/null 2>&1
code=$?
set -e
[ "$code" -eq 2 ] || fail "an unknown style: exit $code, expected 2"
echo "init: ok"
