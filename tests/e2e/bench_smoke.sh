#!/usr/bin/env bash
# The benchmark generator and script at the smallest scale: they run, folio renders the generated
# source, and the results table is written. It checks outputs, never times.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
"$src/bench/generate" 12 "$work/g.xml"
xmllint --noout --relaxng "$src/source/schema/folio-source.rng" "$work/g.xml" || fail "generated source is not valid"
grep -q '<title>12.3 Regional Strategy</title>' "$work/g.xml" || fail "numbered titles missing"
[ "$(grep -c '<ref to=' "$work/g.xml")" -eq 12 ] || fail "expected one cross-reference paragraph per repetition"
[ "$(grep -c '<figure' "$work/g.xml")" -eq 1 ] || fail "expected a figure every tenth repetition"
FOLIO=$folio "$src/bench/run" --smoke "$work/run"
grep -q '^| 10 | PDF + HTML | [0-9]' "$work/run/RESULTS.md" || fail "no results row: $(cat "$work/run/RESULTS.md")"
grep -Eq '^\| 10 \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \+ [0-9.]+ = [0-9.]+ against [0-9.]+ \([0-9.]+\) \|$' "$work/run/RESULTS.md" ||
  fail "no per-stage timings with layout + HTML against the PDF: $(cat "$work/run/RESULTS.md")"
# The Hungarian generator (issue 20) and the languages section.
"$src/bench/generate" 4 "$work/hu.xml" hu
xmllint --noout --relaxng "$src/source/schema/folio-source.rng" "$work/hu.xml" || fail "generated Hungarian source is not valid"
grep -q 'xml:lang="hu"' "$work/hu.xml" && grep -q '<title>4.2 Elválasztás</title>' "$work/hu.xml" ||
  fail "not a Hungarian source"
grep -Eq '^\| Hungarian brochure, cache filled \| 3 \| [0-9.]+ \| [0-9]+ \|$' "$work/run/RESULTS.md" ||
  fail "no Hungarian brochure row: $(cat "$work/run/RESULTS.md")"
echo "bench_smoke: ok"
