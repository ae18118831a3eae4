#!/usr/bin/env bash
# `folio batch` on 20 generated sources and 3 broken ones: the JSON report's format, counts,
# ordering, hashes (checked with sha256sum) and page counts are right, every good source is
# rendered, the broken ones fail with line and column and do not stop the others; exit codes;
# GitHub annotations; --fail-on-warning; plain output when stdout is not a terminal.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/batch_lib.bash"
rm -rf "$work" && mkdir -p "$work"
make_batch "$work/src" 20 3
report=$work/report.json

set +e
"$folio" batch "$work/src" -o "$work/out" --report "$report" --jobs 4 >"$work/stdout" 2>"$work/stderr"
code=$?
set -e
[ "$code" -eq 1 ] || fail "a batch with broken sources exited $code, expected 1"

# Format, version, summary.
[ "$(jq -r .format "$report")" = folio-batch-report ] || fail "wrong format"
[ "$(jq -r .version "$report")" = 1 ] || fail "wrong version"
[ "$(jq -c '.summary | [.sources, .ok, .failed, .skipped, .errors]' "$report")" = "[23,20,3,0,3]" ] ||
  fail "wrong summary: $(jq -c .summary "$report")"

# Sorted by source path, each source once.
jq -r '.sources[].source' "$report" > "$work/order"
sort "$work/order" | cmp - "$work/order" || fail "sources are not sorted by path"
[ "$(sort -u "$work/order" | wc -l)" -eq 23 ] || fail "expected 23 distinct sources"

# Every good source: rendered, hashes as sha256sum computes them, pages as pdfinfo counts them.
for s in "$work"/src/doc-*.xml; do
  entry=$(jq -c --arg s "$s" '.sources[] | select(.source == $s)' "$report")
  [ -n "$entry" ] || fail "$s is not in the report"
  [ "$(jq -r .status <<<"$entry")" = ok ] || fail "$s: status $(jq -r .status <<<"$entry")"
  stem=$(basename "$s" .xml)
  for f in "$work/out/$stem.pdf" "$work/out/$stem.html"; do
    [ -s "$f" ] || fail "$f was not written"
    want=$(sha256sum "$f" | cut -d' ' -f1)
    got=$(jq -r --arg f "$f" '.outputs[] | select(.path == $f) | .sha256' <<<"$entry")
    [ "$got" = "$want" ] || fail "$f: report says sha256 '$got', sha256sum says $want"
  done
  got=$(jq -r --arg s "$s" '.inputs[] | select(.path == $s) | .sha256' <<<"$entry")
  [ "$got" = "$(sha256sum "$s" | cut -d' ' -f1)" ] || fail "$s: wrong input hash"
  # The style sheet and the fonts are inputs too.
  jq -e '.inputs | map(.path) | any(endswith("brochure.xml"))' <<<"$entry" >/dev/null || fail "$s: no style input"
  jq -e '.inputs | map(.path) | any(test("\\.(ttf|otf)$"))' <<<"$entry" >/dev/null || fail "$s: no font input"
  pages=$(pdfinfo "$work/out/$stem.pdf" | awk '/^Pages:/ {print $2}')
  [ "$(jq -r .pages <<<"$entry")" = "$pages" ] || fail "$s: wrong page count"
  jq -e '.seconds >= 0 and (.errors | length) == 0' <<<"$entry" >/dev/null || fail "$s: bad entry $entry"
done
pdftotext "$work/out/doc-07.pdf" - | grep -q "Batch document 07" || fail "doc-07.pdf lacks its own title"

# Every broken source: failed, nothing written, the error at its line and column.
for i in 1 2 3; do
  s=$work/src/broken-$i.xml
  entry=$(jq -c --arg s "$s" '.sources[] | select(.source == $s)' "$report")
  [ "$(jq -r .status <<<"$entry")" = failed ] || fail "$s did not fail"
  [ "$(jq -r '.outputs | length' <<<"$entry")" = 0 ] || fail "$s lists outputs"
  [ ! -e "$work/out/broken-$i.pdf" ] || fail "$s was written"
  err=$(jq -c '.errors[0]' <<<"$entry")
  [ "$(jq -r .file <<<"$err")" = "$s" ] || fail "$s: error names file $(jq -r .file <<<"$err")"
  [ "$(jq -r .line <<<"$err")" = "$(bogus_line "$s")" ] || fail "$s: error on line $(jq -r .line <<<"$err")"
  [ "$(jq -r .column <<<"$err")" = 3 ] || fail "$s: error at column $(jq -r .column <<<"$err")"
  jq -r .message <<<"$err" | grep -q "bogus-$i" || fail "$s: message does not name the element"
  grep -qF "$s:$(bogus_line "$s"):3: error: " "$work/stderr" || fail "$s: no compiler-style diagnostic on stderr"
done

# Not a terminal: no progress line, only result lines and the summary.
grep -q $'\r' "$work/stdout" && fail "progress output although stdout is not a terminal"
[ "$(grep -c '^ok  ' "$work/stdout")" -eq 20 ] || fail "expected 20 ok lines: $(cat "$work/stdout")"
[ "$(grep -c '^failed  ' "$work/stdout")" -eq 3 ] || fail "expected 3 failed lines"
tail -n 1 "$work/stdout" | grep -q '^batch: 23 sources: 20 ok, 3 failed, 0 skipped' || fail "no summary line"

# All good: exit 0. --quiet prints nothing on stdout.
mkdir -p "$work/good" && cp "$work"/src/doc-0[1-3].xml "$work/good/"
"$folio" batch "$work/good" -o "$work/out-good" -q >"$work/quiet.out" || fail "a good batch failed"
[ ! -s "$work/quiet.out" ] || fail "--quiet printed: $(cat "$work/quiet.out")"

# GitHub annotations, with the file, line and column.
set +e
"$folio" batch "$work/src/broken-2.xml" "$work/src/doc-01.xml" -o "$work/out-gh" --annotations github >"$work/gh.out" 2>/dev/null
code=$?
set -e
[ "$code" -eq 1 ] || fail "annotations run exited $code"
grep -qx "::error file=$work/src/broken-2.xml,line=$(bogus_line "$work/src/broken-2.xml"),col=3::unknown element <bogus-2>.*" \
  "$work/gh.out" || fail "no GitHub annotation: $(cat "$work/gh.out")"

# --fail-on-warning: a missing glyph is a warning; it fails the source only with the flag.
sed 's|Since 2011,|Since 2011 ☃,|' "$src/source/iom-budapest.xml" > "$work/warn.xml"
"$folio" batch "$work/warn.xml" -o "$work/out-warn" --report "$work/warn.json" -q 2>/dev/null ||
  fail "a warning failed the batch without --fail-on-warning"
[ "$(jq -r '.sources[0].warnings | length' "$work/warn.json")" -ge 1 ] || fail "the warning is not in the report"
set +e
"$folio" batch "$work/warn.xml" -o "$work/out-warn" --fail-on-warning -q 2>/dev/null
code=$?
set -e
[ "$code" -eq 1 ] || fail "--fail-on-warning exited $code"

# Usage errors exit 2.
for args in "--shard 0/2" "--shard 2/1" "--shard x" "--jobs 0" "--annotations gitlab"; do
  set +e
  # shellcheck disable=SC2086
  "$folio" batch "$work/good" -o "$work/out-usage" $args >/dev/null 2>&1
  code=$?
  set -e
  [ "$code" -eq 2 ] || fail "batch $args exited $code, expected 2"
done
set +e
"$folio" batch -o "$work/out-usage" >/dev/null 2>&1; code=$?
set -e
[ "$code" -eq 2 ] || fail "batch without sources exited $code, expected 2"
echo "batch_report: ok"
