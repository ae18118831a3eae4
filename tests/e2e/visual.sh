#!/usr/bin/env bash
# Visual regression: every page of the cases in tests/visual-cases.txt, rendered with pdftoppm,
# must match its reference PNG in tests/reference/ within a small tolerance (tests/tools/pngdiff).
# The references change only through `bash tests/update-references`, never here. On a mismatch
# the actual rendering is left in the work folder beside the name of the reference.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
pngdiff=$(dirname "$folio")/tests/pngdiff
[ -x "$pngdiff" ] || fail "pngdiff not built at $pngdiff"
rm -rf "$work" && mkdir -p "$work"
failures=0
while read -r source style; do
  case "$source" in ''|'#'*) continue ;; esac
  name=$(basename "$source" .xml)--$(basename "$style" .xml)
  out=$work/$name
  SOURCE_DATE_EPOCH=0 "$folio" build "$src/$source" --style "$src/$style" -o "$out" --pdf-only -q
  pdftoppm -r 40 -png "$out/$(basename "$source" .xml).pdf" "$out/page"
  actual=$(ls "$out"/page-*.png | wc -l)
  expected=$(ls "$src/tests/reference/$name"-*.png 2>/dev/null | wc -l)
  if [ "$actual" -ne "$expected" ]; then
    echo "$name: $actual pages rendered, $expected references" >&2
    failures=$((failures + 1))
    continue
  fi
  for png in "$out"/page-*.png; do
    n=$(basename "$png" .png); n=$((10#${n#page-}))
    ref=$src/tests/reference/$name-$n.png
    if ! result=$("$pngdiff" "$ref" "$png"); then
      echo "$name page $n differs from $ref: $result (actual: $png)" >&2
      failures=$((failures + 1))
    fi
  done
done < "$src/tests/visual-cases.txt"
[ "$failures" -eq 0 ] || fail "$failures pages differ from their references; if the change is intended, run: bash tests/update-references"
echo "visual: ok"
