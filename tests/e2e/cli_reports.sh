#!/usr/bin/env bash
# Batch reports for CI (#21): `--report FILE.xml` is JUnit XML valid against
# tests/fixtures/junit.xsd (xmllint), one test case per source with the failures and skips;
# `--report FILE.md` a Markdown summary; `--merge-reports` joins the reports of shards into one
# that holds every source once, and refuses two reports naming the same source.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/batch_lib.bash"
rm -rf "$work" && mkdir -p "$work"
make_batch "$work/src" 3 1
xsd=$src/tests/fixtures/junit.xsd
# A source whose name needs escaping in XML (the diagnostics' <bogus-1> does too).
cp "$src/source/iom-budapest.xml" "$work/src/fish&chips.xml"

set +e
"$folio" batch "$work/src" -o "$work/out" -j 2 -q --report "$work/all.json" --report "$work/junit.xml" \
  --report "$work/summary.md" 2> "$work/batch.err"
code=$?
set -e
[ "$code" -eq 1 ] || fail "a batch with a broken source: exit $code"
xmllint --noout --schema "$xsd" "$work/junit.xml" 2> "$work/xmllint.err" || fail "JUnit invalid: $(cat "$work/xmllint.err")"
tests=$(xmllint --xpath 'string(/testsuites/@tests)' "$work/junit.xml")
failures=$(xmllint --xpath 'string(/testsuites/testsuite/@failures)' "$work/junit.xml")
[ "$tests" = 5 ] && [ "$failures" = 1 ] || fail "JUnit: tests=$tests failures=$failures, expected 5 and 1"
n=$(xmllint --xpath 'count(//testcase)' "$work/junit.xml")
[ "$n" = 5 ] || fail "JUnit: $n test cases"
msg=$(xmllint --xpath 'string(//testcase[failure]/failure)' "$work/junit.xml")
line=$(bogus_line "$work/src/broken-1.xml")
[[ $msg == *"broken-1.xml:$line:"*"error: unknown element <bogus-1>"* ]] || fail "JUnit failure text: $msg"
[ "$(xmllint --xpath 'string(//testcase[failure]/@name)' "$work/junit.xml")" = "$work/src/broken-1.xml" ] ||
  fail "the failed test case is not broken-1.xml"
xmllint --xpath 'string(//testcase[contains(@name, "chips")]/@name)' "$work/junit.xml" | grep -qF "/fish&chips.xml" ||
  fail "the name with & is not read back"
# An invalid report is caught by the schema (the check can fail).
sed 's/tests="5"/tests="five"/' "$work/junit.xml" > "$work/bad-junit.xml"
! xmllint --noout --schema "$xsd" "$work/bad-junit.xml" 2>/dev/null || fail "the schema accepts tests=\"five\""

# Markdown: the count line, one table row per source, the problem listed.
grep -q "^## folio batch: 5 sources, 4 ok, 1 failed, 0 skipped" "$work/summary.md" || fail "summary: $(head -1 "$work/summary.md")"
[ "$(grep -c '^| ' "$work/summary.md")" -eq 6 ] || fail "summary table: not a header and 5 rows"
grep -q "^| ❌ failed | \`$work/src/broken-1.xml\` |" "$work/summary.md" || fail "summary: no failed row"
grep -q "^- \`.*broken-1.xml:$line:[0-9]*: error: unknown element <bogus-1> .*\`$" "$work/summary.md" || fail "summary: no problem line"

# A second run skips everything unchanged: skipped test cases.
set +e
"$folio" batch "$work/src" -o "$work/out" -j 2 -q --report "$work/all.json" --report "$work/junit2.xml" 2>/dev/null
set -e
xmllint --noout --schema "$xsd" "$work/junit2.xml" 2>/dev/null || fail "second JUnit report invalid"
[ "$(xmllint --xpath 'count(//testcase/skipped)' "$work/junit2.xml")" = 4 ] || fail "unchanged sources are not skipped test cases"

# Merge: two shards into one report with every source once.
set +e
for k in 1 2; do
  "$folio" batch "$work/src" -o "$work/shards" --shard "$k/2" -j 2 -q --report "$work/shard-$k.json" 2>/dev/null
done
"$folio" batch --merge-reports "$work/shard-1.json" "$work/shard-2.json" -o "$work/merged.json" \
  --report "$work/merged.xml" > "$work/merge.out"
code=$?
set -e
[ "$code" -eq 1 ] || fail "merging reports with a failed source: exit $code"
grep -q "^merged 2 reports into $work/merged.json: 5 sources, 1 failed$" "$work/merge.out" || fail "merge: $(cat "$work/merge.out")"
jq -r '.sources[].source' "$work/merged.json" > "$work/merged.list"
ls "$work"/src/*.xml | sort | cmp - "$work/merged.list" || fail "merged sources: $(cat "$work/merged.list")"
jq -e '.format == "folio-batch-report"' "$work/merged.json" > /dev/null || fail "merged report format"
xmllint --noout --schema "$xsd" "$work/merged.xml" 2>/dev/null || fail "merged JUnit invalid"
# The merged report is a report folio reads back (an incremental run skips the rendered sources).
"$folio" batch "$work/src" -o "$work/shards" -j 2 --report "$work/merged.json" > "$work/again.out" 2>/dev/null || true
[ "$(grep -c '^skipped' "$work/again.out")" -eq 4 ] || fail "a run after the merge did not skip: $(cat "$work/again.out")"
set +e
# (the shards hold the sources whose paths hash to them, so which one is empty depends on where
# the test runs: merge the fuller one with itself)
full=$work/shard-1.json
[ "$(jq '.sources | length' "$work/shard-2.json")" -gt "$(jq '.sources | length' "$full")" ] && full=$work/shard-2.json
"$folio" batch --merge-reports "$full" "$full" -o "$work/dup.json" 2> "$work/dup.err"; code=$?
"$folio" batch --merge-reports "$work/shard-1.json" 2>/dev/null; usage=$?
set -e
[ "$code" -eq 1 ] && grep -q "is in this report and in" "$work/dup.err" || fail "a duplicate source was merged: $code"
[ ! -e "$work/dup.json" ] || fail "a refused merge wrote its report"
[ "$usage" -eq 2 ] || fail "--merge-reports without -o: exit $usage"
echo "cli_reports: ok"
