#!/usr/bin/env bash
# `folio batch --shard K/N`: two shards of a 22-source batch partition it (union = all sources,
# intersection = empty), and the split is the same from one run to the next.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/batch_lib.bash"
rm -rf "$work" && mkdir -p "$work"
make_batch "$work/src" 20 2

set +e
for k in 1 2; do
  "$folio" batch "$work/src" -o "$work/out" --shard "$k/2" --report "$work/shard-$k.json" -j 2 >/dev/null 2>&1
  code=$?
  [ "$code" -le 1 ] || fail "shard $k/2 exited $code"
done
set -e
jq -r '.sources[].source' "$work/shard-1.json" | sort > "$work/s1"
jq -r '.sources[].source' "$work/shard-2.json" | sort > "$work/s2"
ls "$work"/src/*.xml | sort > "$work/all"
[ -s "$work/s1" ] && [ -s "$work/s2" ] || fail "a shard of 22 sources is empty"
[ -z "$(comm -12 "$work/s1" "$work/s2")" ] || fail "shards overlap: $(comm -12 "$work/s1" "$work/s2")"
sort "$work/s1" "$work/s2" | cmp - "$work/all" || fail "the shards' union is not the whole batch"

# Every source of shard 1 rendered (or failed) and none of shard 2's outputs came from it.
while read -r s; do
  stem=$(basename "$s" .xml)
  case $stem in broken-*) continue ;; esac
  [ -s "$work/out/$stem.pdf" ] || fail "$stem.pdf not written by its shard"
done < <(cat "$work/s1" "$work/s2")

# The same split again (a fresh report, so nothing is skipped).
"$folio" batch "$work/src" -o "$work/out2" --shard 1/2 --report "$work/again.json" -q >/dev/null 2>&1 || true
jq -r '.sources[].source' "$work/again.json" | sort | cmp - "$work/s1" || fail "shard 1/2 changed between runs"

# One shard of one: everything.
"$folio" batch "$work/src" -o "$work/out3" --shard 1/1 --report "$work/one.json" -q >/dev/null 2>&1 || true
[ "$(jq '.sources | length' "$work/one.json")" -eq 22 ] || fail "shard 1/1 is not the whole batch"
echo "batch_shards: ok ($(wc -l < "$work/s1") + $(wc -l < "$work/s2"))"
