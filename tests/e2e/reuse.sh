#!/usr/bin/env bash
# Reuse between renders (issue 23): what a batch worker or `folio watch` keeps from one render to
# the next (fonts, patterns, style sheets, decoded images) never changes a byte of the outputs.
#  1. a batch of mixed sources (English and Hungarian, with figures, two style sheets, repeated
#     figures and sheets so that the workers reuse them), -j 2 and -j 1, gives the same PDF and
#     HTML bytes as one `folio build` per source;
#  2. `folio watch`: after an image is replaced, and after the style sheet is edited, the rebuilt
#     outputs are byte for byte those of a fresh `folio build` of the files as they are now.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work/src/images"
export XDG_CACHE_HOME=$work/cache  # the on-disk caches start empty, then fill

# 1. Mixed sources beside their images; every other one with the A5 booklet style.
cp "$src"/source/images/* "$work/src/images/"
for i in 1 2 3; do
  sed "s|<title>About IOM Budapest</title>|<title>Reuse $i</title>|" "$src/source/iom-budapest.xml" >"$work/src/iom-$i.xml"
done
cp "$src/source/feature-sampler.xml" "$work/src/sampler.xml"
cp "$src/source/iom-budapest-facts.xml" "$work/src/facts.xml"
"$src/bench/generate" 2 "$work/src/english.xml"
"$src/bench/generate" 2 "$work/src/hungarian.xml" hu
cp "$src/styles/a5-booklet.xml" "$work/src/iom-2.style.xml"
cp "$src/styles/a5-booklet.xml" "$work/src/hungarian.style.xml"
sources=$(cd "$work/src" && ls ./*.xml | grep -v '\.style\.xml$' | sed 's|^\./||')
for s in $sources; do
  style=$src/styles/brochure.xml
  [ -f "$work/src/${s%.xml}.style.xml" ] && style=$work/src/${s%.xml}.style.xml
  "$folio" build "$work/src/$s" --style "$style" -o "$work/single" -q 2>/dev/null ||
    fail "single build of $s failed: $("$folio" build "$work/src/$s" --style "$style" -o "$work/single" 2>&1 | tail -3)"
done
for jobs in 2 1; do
  "$folio" batch "$work/src" -o "$work/batch-$jobs" --style "$src/styles/brochure.xml" -j "$jobs" -q ||
    fail "batch -j $jobs failed"
  for s in $sources; do
    for ext in pdf html; do
      cmp -s "$work/single/${s%.xml}.$ext" "$work/batch-$jobs/${s%.xml}.$ext" ||
        fail "batch -j $jobs: ${s%.xml}.$ext differs from a single build"
    done
  done
done
cache=$(ls "$work"/cache/folio/fonts-*.txt 2>/dev/null | head -1)
[ -n "$cache" ] || fail "no font cache was written"
grep -q "^choice	400	0	Lato	" "$cache" || fail "the font cache lacks the brochure's body face: $(cat "$cache")"
# A damaged or truncated cache file changes nothing in the outputs and is rebuilt.
cp "$cache" "$work/cache.good"
for damage in garbage truncated; do
  case $damage in
    garbage) head -c 3000 /dev/urandom >"$cache" ;;
    truncated) head -c 200 "$work/cache.good" >"$cache" ;;
  esac
  "$folio" build "$work/src/iom-1.xml" --style "$src/styles/brochure.xml" -o "$work/damaged" -q ||
    fail "$damage font cache: the build failed"
  for ext in pdf html; do
    cmp -s "$work/single/iom-1.$ext" "$work/damaged/iom-1.$ext" || fail "$damage font cache: iom-1.$ext differs"
  done
  grep -q "^choice	400	0	Lato	" "$cache" || fail "$damage font cache: not rebuilt"
done

# 2. folio watch: an image replaced, then the style sheet edited.
mkdir -p "$work/w/images"
cp "$work/src/sampler.xml" "$work/w/doc.xml"
cp "$work/src/images/"* "$work/w/images/"
cp "$src/styles/brochure.xml" "$work/w/style.xml"
img=images/bar-chart.png
grep -q "src=\"$img\"" "$work/w/doc.xml" || fail "the source has no $img figure"
pdftoppm -r 20 -png -singlefile -f 1 -l 1 "$work/single/iom-1.pdf" "$work/other"  # another PNG
other=../other.png
log=$work/watch.log
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT
builds() { grep -c ' build [0-9]* (' "$log" || true; }
wait_builds() {
  local n=$1 i
  for i in $(seq 150); do [ "$(builds)" -ge "$n" ] && break; sleep 0.1; done
  sleep 0.4
  [ "$(builds)" -eq "$n" ] || fail "expected $n builds, the log has $(builds): $(cat "$log")"
}
fresh_equal() {  # what watch wrote is what a fresh process writes now
  rm -rf "$work/fresh"
  "$folio" build "$work/w/doc.xml" --style "$work/w/style.xml" -o "$work/fresh" -q 2>/dev/null || fail "fresh build failed"
  for ext in pdf html; do
    cmp -s "$work/w/out/doc.$ext" "$work/fresh/doc.$ext" || fail "$1: watch's doc.$ext differs from a fresh build"
  done
}
(cd "$work/w" && exec "$folio" watch doc.xml --style style.xml -o out) >"$log" 2>&1 &
pid=$!
wait_builds 1
fresh_equal "first build"
cp "$work/w/out/doc.html" "$work/before.html"
cp "$work/w/$other" "$work/w/$img.new" && mv "$work/w/$img.new" "$work/w/$img"  # replaced, as editors save
wait_builds 2
grep -q ' build 2 (.* changed): ok' "$log" || fail "image change: $(tail -2 "$log")"
! cmp -s "$work/before.html" "$work/w/out/doc.html" || fail "the rebuild kept the old image"
fresh_equal "after the image change"
cp "$work/w/out/doc.pdf" "$work/before.pdf"
sed -i '0,/font-size="7.5pt"/s//font-size="8pt"/' "$work/w/style.xml"
grep -q 'font-size="8pt"' "$work/w/style.xml" || fail "the style edit did not apply"
wait_builds 3
! cmp -s "$work/before.pdf" "$work/w/out/doc.pdf" || fail "the rebuild kept the old style"
fresh_equal "after the style edit"
kill -TERM "$pid"; wait "$pid" || true; pid=
echo "reuse: ok"
