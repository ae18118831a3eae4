#!/usr/bin/env bash
# Layout golden test of one case (tests/golden/CASE): the layout dump with its diagnostics must
# equal CASE/expected.txt, so a changed position, line, break or an unexpected diagnostic fails.
# The dump made on two threads must equal the one made on one (layout is deterministic).
# On a mismatch the actual dump is left in the work folder and the head of the diff is printed.
# The expected files change only through `bash tests/update-goldens`, never here.
#   check.sh LAYOUT_DUMP SRC_DIR CASE WORK_DIR
set -euo pipefail
tool=$1 src=$2 case=$3 work=$4
. "$src/tests/golden/lib.bash"
rm -rf "$work" && mkdir -p "$work"
expected=$src/tests/golden/$case/expected.txt
[ -f "$expected" ] || { echo "FAIL: no $expected (make it with: bash tests/update-goldens build $case)" >&2; exit 1; }
golden_dump "$tool" "$src" "$case" 1 >"$work/actual.txt"
if ! diff -u "$expected" "$work/actual.txt" >"$work/diff.txt"; then
  head -n 60 "$work/diff.txt" >&2
  echo "FAIL: the layout of $case differs from $expected ($(grep -c '^[-+][^-+]' "$work/diff.txt") lines);" \
       "actual: $work/actual.txt; if the change is intended, run: bash tests/update-goldens" >&2
  exit 1
fi
golden_dump "$tool" "$src" "$case" 2 >"$work/actual-2-threads.txt"
if ! cmp -s "$work/actual.txt" "$work/actual-2-threads.txt"; then
  diff -u "$work/actual.txt" "$work/actual-2-threads.txt" | head -n 30 >&2
  echo "FAIL: the layout of $case on 2 threads differs from the one on 1" >&2
  exit 1
fi
echo "golden $case: ok"
