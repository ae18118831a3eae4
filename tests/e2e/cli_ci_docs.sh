#!/usr/bin/env bash
# The CI examples of docs/ci/ work as written (#21): every `folio batch` line of the GitHub
# Actions workflow and of the Kubernetes Indexed Job is run, for each shard, with the matrix
# value or JOB_COMPLETION_INDEX filled in, on a folder of sources; the shards render every source
# once, and the merge line gives one report of them all and a valid JUnit report.
set -euo pipefail
folio=$(realpath "$1") src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/batch_lib.bash"
rm -rf "$work" && mkdir -p "$work/bin"
ln -s "$folio" "$work/bin/folio"
export PATH="$work/bin:$PATH"
gha=$src/docs/ci/github-actions.yml k8s=$src/docs/ci/k8s-indexed-job.yaml

# The documented lines, one command each (a test that finds none fails).
lines() { grep -E '^ +folio batch ' "$1" | sed -E 's/^ +//'; }
[ "$(lines "$gha" | wc -l)" -eq 2 ] || fail "expected 2 folio batch lines in $gha: $(lines "$gha")"
[ "$(lines "$k8s" | wc -l)" -eq 2 ] || fail "expected 2 folio batch lines in $k8s: $(lines "$k8s")"
shards=$(grep -E '^ +shard: \[' "$gha" | tr -cd '0-9,' | tr ',' ' ')
[ "$shards" = "1 2 3 4" ] || fail "the matrix is not shards 1 to 4: $shards"
[ "$(awk '/completions:/ {print $2; exit}' "$k8s")" = 4 ] || fail "the Indexed Job has not 4 completions"

# GitHub Actions: the render line per matrix value, then the merge line, in the checkout.
mkdir -p "$work/gha"
make_batch "$work/gha/docs" 6 0
render=$(lines "$gha" | grep -- --shard) merge=$(lines "$gha" | grep -- --merge-reports)
for shard in $shards; do
  line=${render//'${{ matrix.shard }}'/$shard}
  (cd "$work/gha" && sh -c "$line" > "shard-$shard.out" 2>&1) || fail "shard $shard: $(cat "$work/gha/shard-$shard.out")"
  [ -s "$work/gha/summary-$shard.md" ] || fail "shard $shard wrote no summary"
done
(cd "$work/gha" && sh -c "$merge" > merge.out 2>&1) || fail "merge: $(cat "$work/gha/merge.out")"
[ "$(jq '.sources | length' "$work/gha/all.json")" -eq 6 ] || fail "the merged report has not 6 sources"
[ "$(ls "$work"/gha/out/*.pdf | wc -l)" -eq 6 ] || fail "the shards did not render 6 PDFs"
xmllint --noout --schema "$src/tests/fixtures/junit.xsd" "$work/gha/junit.xml" 2>/dev/null || fail "junit.xml invalid"
grep -q "^## folio batch: 6 sources, 6 ok" "$work/gha/summary.md" || fail "summary.md: $(head -1 "$work/gha/summary.md")"

# Kubernetes: each pod's line with its JOB_COMPLETION_INDEX (0-based), then the merge Job's line.
mkdir -p "$work/k8s/reports"
make_batch "$work/k8s/sources" 5 1
render=$(lines "$k8s" | grep -- --shard) merge=$(lines "$k8s" | grep -- --merge-reports)
for index in 0 1 2 3; do
  (cd "$work/k8s" && JOB_COMPLETION_INDEX=$index sh -c "$render" > "pod-$index.out" 2>&1) || true
  [ -s "$work/k8s/reports/shard-$index.json" ] || fail "pod $index wrote no report: $(cat "$work/k8s/pod-$index.out")"
done
set +e
(cd "$work/k8s" && sh -c "$merge" > merge.out 2>&1); code=$?
set -e
[ "$code" -eq 1 ] || fail "merge of a batch with a broken source: exit $code, $(cat "$work/k8s/merge.out")"
jq -r '.sources[].source' "$work/k8s/reports/all.json" | sort > "$work/k8s/merged"
(cd "$work/k8s" && ls sources/*.xml) | sort | cmp - "$work/k8s/merged" || fail "merged sources: $(cat "$work/k8s/merged")"
[ "$(xmllint --xpath 'string(/testsuites/@failures)' "$work/k8s/reports/junit.xml")" = 1 ] || fail "k8s junit failures"
# A 0-based index given as is is refused, with the hint.
set +e
folio batch "$work/k8s/sources" --shard 0/4 -o "$work/k8s/x" 2> "$work/zero.err"; code=$?
set -e
[ "$code" -eq 2 ] && grep -qF 'add --shard-base 0' "$work/zero.err" || fail "--shard 0/4: exit $code"
# --shard-base 0 --shard K/N is --shard K+1/N: the same sources (the pods' reports against 1-based runs).
for index in 0 1 2 3; do
  (cd "$work/k8s" && folio batch sources/ --shard $((index + 1))/4 -o y --report "$work/b-$index.json" -q 2>/dev/null) || true
  [ "$(jq -c '[.sources[].source]' "$work/b-$index.json")" = "$(jq -c '[.sources[].source]' "$work/k8s/reports/shard-$index.json")" ] ||
    fail "--shard-base 0 --shard $index/4 is not --shard $((index + 1))/4"
done
echo "cli_ci_docs: ok"
