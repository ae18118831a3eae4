#!/usr/bin/env bash
# folio check --report (issue 22): a source with one problem of each kind the tree and the pages
# show is reported at the right line, column and page, in JSON and in SARIF 2.1.0 (checked against
# tests/fixtures/sarif-2.1.0-subset.schema.json); --fail-on sets the exit code; the seed
# brochure's report is honest (its download link names the strategy, so it is not reported);
# build --report writes the outputs and the report.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work/doc/images"
style=$src/styles/brochure.xml
cp "$src/source/images/"*.png "$work/doc/images/" 2>/dev/null || true
png=$(ls "$work/doc/images/" | head -1)
[ -n "$png" ] || fail "no PNG to use in source/images"

cat > "$work/doc/doc.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
  <meta><title>Report test</title></meta>
  <section id="one">
    <title>One</title>
    <p>Read the plan <a href="https://example.org/plan">here</a>, or at <a href="https://example.org/">https://example.org/</a>.</p>
    <figure src="images/$png" alt="$png"><caption>A chart.</caption></figure>
    <p>The tour ends at the árvíztűrő tükörfúrógép.</p>
  </section>
  <section id="two"><title>Two</title></section>
  <section><title>Three</title><p>See <ref to="one"/>.</p></section>
</document>
XML

# JSON: each finding with its rule, position and page.
set +e
"$folio" check "$work/doc/doc.xml" --style "$style" --report json >"$work/doc.json" 2>"$work/doc.err"
code=$?
set -e
[ "$code" -eq 0 ] || fail "check --report json: exit $code: $(cat "$work/doc.err")"
jq -e . "$work/doc.json" >/dev/null || fail "the JSON report does not parse"
expect_finding() {  # rule line column
  jq -e --arg r "$1" --argjson l "$2" --argjson c "$3" \
    '[.findings[] | select(.rule == $r and .line == $l and .column == $c and .page >= 1)] | length == 1' \
    "$work/doc.json" >/dev/null || fail "no $1 at $2:$3 with a page in: $(jq -c '.findings' "$work/doc.json")"
}
expect_finding accessibility.vague-link-text 6 22
expect_finding accessibility.vague-link-text 6 73
expect_finding accessibility.alt-is-file-name 7 5
expect_finding accessibility.unmarked-language 8 8
expect_finding content.empty-section 10 3
expect_finding content.unused-id 10 3
[ "$(jq '[.findings[] | select(.rule == "content.unused-id")] | length' "$work/doc.json")" = 1 ] ||
  fail "section one is referred to, so only section two's id is unused"
jq -e '.pages >= 1 and .laid_out and .summary.warning >= 5' "$work/doc.json" >/dev/null ||
  fail "the summary: $(jq -c '{pages, laid_out, summary}' "$work/doc.json")"
grep -q '^folio: report: 0 errors, [0-9]* warnings, 1 notes$' "$work/doc.err" || fail "the summary line: $(cat "$work/doc.err")"

# --fail-on: warnings fail CI when asked to; errors only when there are some.
set +e
"$folio" check "$work/doc/doc.xml" --style "$style" --report json --fail-on warning >/dev/null 2>&1
[ $? -eq 1 ] || fail "--fail-on warning with warnings must exit 1"
"$folio" check "$work/doc/doc.xml" --style "$style" --report json --fail-on error >/dev/null 2>&1
[ $? -eq 0 ] || fail "--fail-on error without errors must exit 0"
"$folio" check "$work/doc/doc.xml" --style "$style" --fail-on warning >"$work/failon.out" 2>&1
[ $? -eq 1 ] || fail "--fail-on warning alone with warnings must exit 1"
grep -q '^folio: report: 0 errors, [0-9]* warnings, 1 notes$' "$work/failon.out" && [ "$(wc -l <"$work/failon.out")" -eq 1 ] ||
  fail "--fail-on alone prints more than the summary: $(cat "$work/failon.out")"
set -e

# SARIF 2.1.0, valid against the schema, one result per JSON finding, on the source lines.
"$folio" check "$work/doc/doc.xml" --style "$style" --report sarif --report-output "$work/doc.sarif" 2>/dev/null
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" - "$src/tests/fixtures/sarif-2.1.0-subset.schema.json" "$work/doc.sarif" <<'PY' || fail "SARIF invalid"
import json, sys, jsonschema
schema, log = (json.load(open(p)) for p in sys.argv[1:3])
jsonschema.Draft7Validator.check_schema(schema)
errors = list(jsonschema.Draft7Validator(schema).iter_errors(log))
for e in errors: print("sarif:", list(e.path), e.message, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
# ... and the schema check can fail: a result with line 0 is invalid.
jq '.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0' "$work/doc.sarif" >"$work/bad.sarif"
if "$python" -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' \
     "$src/tests/fixtures/sarif-2.1.0-subset.schema.json" "$work/bad.sarif" 2>/dev/null; then
  fail "the schema check accepts startLine 0"
fi
[ "$(jq '.runs[0].results | length' "$work/doc.sarif")" = "$(jq '.findings | length' "$work/doc.json")" ] ||
  fail "SARIF and JSON disagree on the number of findings"
jq -e '.runs[0].results[] | select(.ruleId == "accessibility.alt-is-file-name")
       | .locations[0].physicalLocation | .region.startLine == 7 and (.artifactLocation.uri | endswith("doc/doc.xml"))' \
  "$work/doc.sarif" >/dev/null || fail "the SARIF result of the alt text is not on line 7 of doc.xml"

# An input error: the report still comes, with the error in it, and the exit code is 1.
sed 's/<ref to="one"\/>/<ref to="nowhere"\/>/' "$work/doc/doc.xml" >"$work/doc/broken.xml"
set +e
"$folio" check "$work/doc/broken.xml" --style "$style" --report json >"$work/broken.json" 2>/dev/null
code=$?
set -e
[ "$code" -eq 1 ] || fail "a source with an error: exit $code, expected 1"
jq -e '[.findings[] | select(.rule == "content.missing-id" and .level == "error" and .line == 11)] | length == 1' \
  "$work/broken.json" >/dev/null || fail "the missing id is not reported: $(jq -c .findings "$work/broken.json")"

# The seed brochure: its link names the strategy, so no link is reported; every finding it has
# carries a position, and the report matches the diagnostics check prints.
"$folio" check "$src/source/iom-budapest.xml" --style "$style" --report json >"$work/seed.json" 2>"$work/seed.err"
jq -e '[.findings[] | select(.rule == "accessibility.vague-link-text")] | length == 0' "$work/seed.json" >/dev/null ||
  fail "the seed's link is reported as vague"
jq -e '[.findings[] | select(.line < 1)] | length == 0' "$work/seed.json" >/dev/null || fail "a seed finding has no line"
sed 's/>Regional Strategy 2014-2020: IOM in the EU Member States, Norway and Switzerland</>here</' \
  "$src/source/iom-budapest.xml" >"$work/seed-here.xml"
"$folio" check "$work/seed-here.xml" --style "$style" --report json >"$work/seed-here.json" 2>/dev/null
jq -e '[.findings[] | select(.rule == "accessibility.vague-link-text" and .line == 34)] | length == 1' \
  "$work/seed-here.json" >/dev/null || fail "a seed link 'here' is not reported"

# build --report: the outputs are written, the report beside them.
"$folio" build "$work/doc/doc.xml" --style "$style" -o "$work/out" --report sarif --report-output "$work/out/doc.sarif" 2>/dev/null
[ -s "$work/out/doc.pdf" ] && [ -s "$work/out/doc.html" ] && [ -s "$work/out/doc.sarif" ] || fail "build --report wrote $(ls "$work/out")"
echo "report: ok"
