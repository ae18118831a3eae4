#!/usr/bin/env bash
# Incremental batches: a second run with the same report skips every unchanged source (keeping its
# data); a changed source, a changed style sheet, a deleted or altered output, or another option
# renders again; --force renders everything; failed sources are always tried again.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/batch_lib.bash"
rm -rf "$work" && mkdir -p "$work"
make_batch "$work/src" 4 1
cp "$src/styles/brochure.xml" "$work/style.xml"
report=$work/report.json
run() { "$folio" batch "$work/src" -o "$work/out" --style "$work/style.xml" --report "$report" -j 2 "$@" \
          >"$work/stdout" 2>"$work/stderr" || true; }
status() { jq -r --arg s "$work/src/$1.xml" '.sources[] | select(.source == $s) | .status' "$report"; }
counts() { jq -c '.summary | [.ok, .failed, .skipped]' "$report"; }

run
[ "$(counts)" = "[4,1,0]" ] || fail "first run: $(counts)"
cp "$report" "$work/first.json"

# Nothing changed: every good source skipped, with its previous data; the broken one tried again.
run
[ "$(counts)" = "[0,1,4]" ] || fail "unchanged run: $(counts)"
[ "$(jq -c '.sources[] | select(.status == "skipped") | del(.status)' "$report")" = \
  "$(jq -c '.sources[] | select(.status == "ok") | del(.status)' "$work/first.json")" ] ||
  fail "skipped entries do not carry their previous data"
grep -q "^skipped  $work/src/doc-1.xml" "$work/stdout" || fail "no skipped line: $(cat "$work/stdout")"

# A changed source renders again, the others are skipped.
sed -i 's|Batch document 2|Batch document two|' "$work/src/doc-2.xml"
run
[ "$(status doc-2)" = ok ] && [ "$(status doc-1)" = skipped ] || fail "edited source: $(counts)"
pdftotext "$work/out/doc-2.pdf" - | grep -q "Batch document two" || fail "doc-2.pdf not rendered again"

# A deleted output, and an altered one.
rm "$work/out/doc-3.html"
printf x >> "$work/out/doc-4.pdf"
run
[ "$(status doc-3)" = ok ] && [ "$(status doc-4)" = ok ] && [ "$(status doc-1)" = skipped ] ||
  fail "deleted/altered outputs: $(counts)"
[ -s "$work/out/doc-3.html" ] || fail "doc-3.html not written again"

# Another option.
run --pdfa
[ "$(counts)" = "[4,1,0]" ] || fail "--pdfa did not render again: $(counts)"
run --pdfa
[ "$(counts)" = "[0,1,4]" ] || fail "second --pdfa run: $(counts)"

# A changed style sheet (an input of every source).
sed -i 's|</styles>|<!-- edited --></styles>|; s|</stylesheet>|<!-- edited --></stylesheet>|' "$work/style.xml"
cmp -s "$work/style.xml" "$src/styles/brochure.xml" && fail "could not edit the style sheet"
run --pdfa
[ "$(counts)" = "[4,1,0]" ] || fail "edited style: $(counts)"

# --force renders everything.
run --pdfa --force
[ "$(counts)" = "[4,1,0]" ] || fail "--force: $(counts)"

# A damaged previous report is a warning, and everything renders.
echo '{not json' > "$report"
run --pdfa
[ "$(counts)" = "[4,1,0]" ] || fail "after a damaged report: $(counts)"
grep -q "warning: cannot use the previous report" "$work/stderr" || fail "no warning about the damaged report"
echo "batch_incremental: ok"
