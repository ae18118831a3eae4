#!/usr/bin/env bash
# Safe writes (issue 16, docs/output-files.md): symlinks planted where folio writes are never
# followed; two builds of one output at once give a valid PDF and an HTML from the same run;
# kill -9 during a write keeps the earlier outputs and leaves nothing the next run mistakes for
# an output; a read-only folder and a full disk exit 1 with the system's reason, positioned, and
# the earlier outputs intact. Each case asserts the exit code, the message and the outputs.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
style=$src/styles/brochure.xml
seed=$src/source/iom-budapest.xml

# A source named doc.xml whose title is $2, in folder $1.
make_source() {
  mkdir -p "$1"
  sed "s|<title>About IOM Budapest</title>|<title>$2</title>|" "$seed" > "$1/doc.xml"
  grep -q "<title>$2</title>" "$1/doc.xml" || fail "make_source: no title in the seed"
}
# The title in the PDF's information dictionary, and in the HTML's <title>.
pdf_title() { pdfinfo "$1" | sed -n 's/^Title: *//p'; }
html_title() { sed -n 's|.*<title>\(.*\)</title>.*|\1|p' "$1" | head -1; }
# Fails when folder $1 holds a temporary or lock file (anything but the names given after it).
expect_only() {
  local dir=$1; shift
  local actual expected
  actual=$(cd "$dir" && ls -A | sort | tr '\n' ' ')
  expected=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  [ "$actual" = "$expected" ] || fail "$dir holds [$actual], expected [$expected]"
}
# Runs folio with the rest of the arguments; sets $code, output in $work/last.err.
run() {
  set +e
  "$@" >"$work/last.out" 2>"$work/last.err"
  code=$?
  set -e
}

make_source "$work/a" "Run A"
make_source "$work/b" "Run B"
out=$work/out
"$folio" build "$work/a/doc.xml" --style "$style" -o "$out" -q
cp "$out/doc.pdf" "$work/before.pdf"
cp "$out/doc.html" "$work/before.html"
expect_only "$out" doc.pdf doc.html

# 1. Symlinks at the old fixed temporary names and at names of folio's temporaries' pattern.
echo "victim: must never change" > "$work/victim"
cp "$work/victim" "$work/victim.orig"
ln -s "$work/victim" "$out/doc.pdf.tmp"
ln -s "$work/victim" "$out/doc.html.tmp"
for x in aaaaaa AAAAAA 000000 abc123 XXXXXX; do
  ln -s "$work/victim" "$out/.doc.pdf.$x.tmp"
  ln -s "$work/victim" "$out/.doc.html.$x.tmp"
done
run "$folio" build "$work/b/doc.xml" --style "$style" -o "$out" -q
[ "$code" -eq 0 ] || fail "symlinks: exit $code: $(cat "$work/last.err")"
cmp -s "$work/victim" "$work/victim.orig" || fail "symlinks: the victim file was written through a symlink"
[ "$(pdf_title "$out/doc.pdf")" = "Run B" ] || fail "symlinks: the PDF was not replaced"
[ -L "$out/doc.pdf.tmp" ] && [ -L "$out/doc.html.tmp" ] || fail "symlinks: the old fixed names were touched"
# (the planted ones with folio's pattern are taken for a killed run's temporaries and removed;
# unlink removes a symlink, never its target)
expect_only "$out" doc.pdf doc.html doc.pdf.tmp doc.html.tmp
rm "$out/doc.pdf.tmp" "$out/doc.html.tmp"
# A symlink at the lock's name is refused, not followed, with the system's reason.
ln -s "$work/victim" "$out/.doc.lock"
run "$folio" build "$work/a/doc.xml" --style "$style" -o "$out"
[ "$code" -eq 1 ] || fail "lock symlink: exit $code, expected 1"
grep -qF "$out: error: cannot write into the output folder: Too many levels of symbolic links" "$work/last.err" ||
  fail "lock symlink: message: $(cat "$work/last.err")"
cmp -s "$work/victim" "$work/victim.orig" || fail "lock symlink: the victim file changed"
[ "$(pdf_title "$out/doc.pdf")" = "Run B" ] || fail "lock symlink: the earlier PDF changed"
rm "$out/.doc.lock"

# 2. Two builds of the same output at once, 30 rounds: each round's PDF passes qpdf --check and
#    the PDF and HTML come from the same run (one of the two).
for round in $(seq 1 30); do
  "$folio" build "$work/a/doc.xml" --style "$style" -o "$out" -q 2>"$work/ra.err" & pa=$!
  "$folio" build "$work/b/doc.xml" --style "$style" -o "$out" -q 2>"$work/rb.err" & pb=$!
  wait $pa || fail "round $round: build A failed: $(cat "$work/ra.err")"
  wait $pb || fail "round $round: build B failed: $(cat "$work/rb.err")"
  qpdf --check "$out/doc.pdf" >/dev/null 2>&1 || fail "round $round: qpdf --check fails on the PDF"
  p=$(pdf_title "$out/doc.pdf"); h=$(html_title "$out/doc.html")
  [ "$p" = "Run A" ] || [ "$p" = "Run B" ] || fail "round $round: PDF title '$p'"
  [ "$p" = "$h" ] || fail "round $round: the PDF is from '$p' but the HTML from '$h'"
  expect_only "$out" doc.pdf doc.html
done

# 3. kill -9 during a write: a big source, killed at a fraction of a whole build's time (the
#    write is the last 40 % or so) until a kill lands while a temporary exists; the earlier
#    outputs stay, and the next run removes the temporaries.
big=$work/big
bash "$src/bench/generate" 300 "$big/doc.xml"
"$folio" build "$big/doc.xml" --style "$style" -o "$big/out" -q
cp "$big/out/doc.pdf" "$work/big-before.pdf"
cp "$big/out/doc.html" "$work/big-before.html"
sed -i '0,/<title>[^<]*<\/title>/s//<title>Changed<\/title>/' "$big/doc.xml"  # the document's title
grep -q '<title>Changed</title>' "$big/doc.xml" || fail "the big source's title was not changed"
now() { date +%s.%N; }
caught=0
for fraction in 0.75 0.65 0.85 0.7 0.8 0.6 0.9 0.75 0.55 0.95 0.7 0.8 0.65 0.85 0.75 0.6 0.9 0.7 0.8 0.75; do
  t0=$(now); "$folio" build "$big/doc.xml" --style "$style" -o "$work/timing" -q; t1=$(now)
  delay=$(awk -v a="$t0" -v b="$t1" -v f="$fraction" 'BEGIN { printf "%.3f", (b - a) * f }')
  "$folio" build "$big/doc.xml" --style "$style" -o "$big/out" -q & pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ls -A "$big/out" | grep -q '\.tmp$'; then
    caught=1
    if ! cmp -s "$big/out/doc.pdf" "$work/big-before.pdf"; then
      # Killed between the renames of the commit (microseconds; docs/output-files.md): the new
      # PDF is whole, the HTML still the earlier one.
      [ "$(pdf_title "$big/out/doc.pdf")" = "Changed" ] || fail "kill -9 after ${delay}s: the PDF changed"
      ls -A "$big/out" | grep -q '^\.doc\.html\..*\.tmp$' || fail "kill -9 after ${delay}s: the PDF changed"
      echo "note: the kill landed between the renames of the commit"
    fi
    cmp -s "$big/out/doc.html" "$work/big-before.html" || fail "kill -9 after ${delay}s: the earlier HTML changed"
    break
  fi
  # (killed before writing, or finished: either way a whole pair)
  cp "$big/out/doc.pdf" "$work/big-before.pdf"; cp "$big/out/doc.html" "$work/big-before.html"
done
[ "$caught" -eq 1 ] || fail "kill -9: no kill landed during a write in 20 tries"
ls -A "$big/out" | grep -v '^\.doc\.\(pdf\|html\)\.[A-Za-z0-9]\{6\}\.tmp$' | grep -v '^\.doc\.lock$' |
  grep -qv '^doc\.\(pdf\|html\)$' && fail "kill -9: unexpected files: $(ls -A "$big/out")"
qpdf --check "$big/out/doc.pdf" >/dev/null 2>&1 || fail "kill -9: the earlier PDF does not pass qpdf --check"
run "$folio" build "$big/doc.xml" --style "$style" -o "$big/out" -q
[ "$code" -eq 0 ] || fail "after kill -9: the next build failed: $(cat "$work/last.err")"
expect_only "$big/out" doc.pdf doc.html
[ "$(pdf_title "$big/out/doc.pdf")" = "Changed" ] || fail "after kill -9: the next build did not replace the PDF"

# 4. A read-only output folder: exit 1, "Permission denied" at the folder, nothing written, the
#    earlier outputs as they were. (root ignores permissions: it runs without that capability.)
ro=$work/ro
mkdir -p "$ro" && cp "$work/before.pdf" "$ro/doc.pdf" && chmod 555 "$ro"
as_user=()
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --bounding-set=-dac_override,-dac_read_search --); fi
run "${as_user[@]}" "$folio" build "$work/b/doc.xml" --style "$style" -o "$ro"
chmod 755 "$ro"
[ "$code" -eq 1 ] || fail "read-only: exit $code, expected 1: $(cat "$work/last.err")"
grep -qF "$ro: error: cannot write into the output folder: Permission denied" "$work/last.err" ||
  fail "read-only: message: $(cat "$work/last.err")"
expect_only "$ro" doc.pdf
cmp -s "$ro/doc.pdf" "$work/before.pdf" || fail "read-only: the earlier PDF changed"

# 5. A full disk: a small tmpfs in a mount namespace of its own (else a file size limit, which
#    the system reports as "File too large"): exit 1 with the system's reason at the file, the
#    earlier outputs intact, no temporary left.
full=$work/full
mkdir -p "$full"
cat > "$work/full.sh" <<'SH'
set -u
folio=$1 full=$2 before_pdf=$3 before_html=$4 source=$5 style=$6
mount -t tmpfs -o size=512k tmpfs "$full" || exit 99
cp "$before_pdf" "$full/doc.pdf" && cp "$before_html" "$full/doc.html"
dd if=/dev/zero of="$full/filler" bs=4k 2>/dev/null   # until the disk is full
"$folio" build "$source" --style "$style" -o "$full" 2>"$full.err"
code=$?
cmp -s "$full/doc.pdf" "$before_pdf" || { echo "the earlier PDF changed" >> "$full.err"; code=98; }
cmp -s "$full/doc.html" "$before_html" || { echo "the earlier HTML changed" >> "$full.err"; code=98; }
ls -A "$full" > "$full.ls"
exit $code
SH
run unshare -m bash "$work/full.sh" "$folio" "$full" "$work/before.pdf" "$work/before.html" "$work/b/doc.xml" "$style"
if [ "$code" -ne 99 ]; then
  [ "$code" -eq 1 ] || fail "full disk: exit $code, expected 1: $(cat "$full.err")"
  grep -qE "^$full/doc\.(pdf|html): error: cannot write .*: No space left on device" "$full.err" ||
    fail "full disk: message: $(cat "$full.err")"
  [ "$(sort "$full.ls" | tr '\n' ' ')" = "doc.html doc.pdf filler " ] || fail "full disk: left $(cat "$full.ls")"
else
  echo "note: no tmpfs (mount refused); a file size limit stands in for a full disk"
  cp "$work/before.pdf" "$full/doc.pdf" && cp "$work/before.html" "$full/doc.html"
  run bash -c 'ulimit -f 16; exec "$@"' limit "$folio" build "$work/b/doc.xml" --style "$style" -o "$full"
  [ "$code" -eq 1 ] || fail "file size limit: exit $code, expected 1: $(cat "$work/last.err")"
  grep -qE "^$full/doc\.(pdf|html): error: cannot write .*: File too large" "$work/last.err" ||
    fail "file size limit: message: $(cat "$work/last.err")"
  cmp -s "$full/doc.pdf" "$work/before.pdf" || fail "file size limit: the earlier PDF changed"
  expect_only "$full" doc.pdf doc.html
fi

# 5b. The HTML is made and written beside the PDF (issue 23): a failure of either alone, while the
#     other is written whole, exits 1 naming the file that failed, replaces nothing and leaves no
#     temporary. A file size limit between the two files' sizes fails only the larger: the
#     default HTML (embedded font subsets) is larger than the PDF; with --no-embed-fonts smaller.
#     And an asset of the HTML that cannot be written (a file where its folder goes).
alone=$work/alone
for flags in "" "--no-embed-fonts"; do
  rm -rf "$alone" && mkdir -p "$alone/sizes"
  "$folio" build "$work/b/doc.xml" --style "$style" -o "$alone/sizes" $flags -q
  pdf_kb=$(( $(stat -c %s "$alone/sizes/doc.pdf") / 1024 ))
  html_kb=$(( $(stat -c %s "$alone/sizes/doc.html") / 1024 ))
  if [ "$html_kb" -gt "$pdf_kb" ]; then larger=html; else larger=pdf; fi
  [ $(( html_kb - pdf_kb )) -gt 8 ] || [ $(( pdf_kb - html_kb )) -gt 8 ] || fail "alone: sizes too close ($pdf_kb, $html_kb KB)"
  cp "$work/before.pdf" "$alone/doc.pdf" && cp "$work/before.html" "$alone/doc.html"
  run bash -c 'ulimit -f '$(( (pdf_kb + html_kb) / 2 ))'; exec "$@"' limit \
    "$folio" build "$work/b/doc.xml" --style "$style" -o "$alone" $flags
  [ "$code" -eq 1 ] || fail "alone ($larger fails): exit $code, expected 1: $(cat "$work/last.err")"
  grep -qE "^$alone/doc\.$larger: error: cannot write .*: File too large" "$work/last.err" ||
    fail "alone ($larger fails): message: $(cat "$work/last.err")"
  [ "$(grep -c ': error: ' "$work/last.err")" -eq 1 ] || fail "alone ($larger fails): $(cat "$work/last.err")"
  cmp -s "$alone/doc.pdf" "$work/before.pdf" || fail "alone ($larger fails): the earlier PDF changed"
  cmp -s "$alone/doc.html" "$work/before.html" || fail "alone ($larger fails): the earlier HTML changed"
  expect_only "$alone" doc.pdf doc.html sizes
done
[ "$larger" = pdf ] || fail "alone: with --no-embed-fonts the PDF should be the larger file"
rm -rf "$alone" && mkdir -p "$alone"
cp "$work/before.pdf" "$alone/doc.pdf" && cp "$work/before.html" "$alone/doc.html"
echo "not a folder" > "$alone/doc-assets"
run "$folio" build "$work/b/doc.xml" --style "$style" -o "$alone" --external-assets
[ "$code" -eq 1 ] || fail "assets: exit $code, expected 1: $(cat "$work/last.err")"
grep -qF "$alone/doc-assets: error: cannot create the folder: Not a directory" "$work/last.err" ||
  fail "assets: message: $(cat "$work/last.err")"
cmp -s "$alone/doc.pdf" "$work/before.pdf" || fail "assets: the earlier PDF changed"
cmp -s "$alone/doc.html" "$work/before.html" || fail "assets: the earlier HTML changed"
expect_only "$alone" doc.pdf doc.html doc-assets

# 6. A batch with a failing source and one that crashed folio when this test was written (a
#    non-character aborts libunibreak; once the reader refuses it, a positioned error): each is
#    one failed row, the others are written, the report is written safely and whole, and no
#    temporary or lock file is left anywhere.
mkdir -p "$work/batch"
cp "$work/a/doc.xml" "$work/batch/one.xml"
printf '<?xml version="1.0"?>\n<document version="1" xml:lang="en">\n  <meta><title>T</title></meta>\n  <para>x</para>\n</document>\n' > "$work/batch/bad.xml"
printf '<?xml version="1.0"?>\n<document version="1" xml:lang="en">\n  <meta><title>T</title></meta>\n  <p>a &#xFFFF; b</p>\n</document>\n' > "$work/batch/crash.xml"
cp "$work/b/doc.xml" "$work/batch/two.xml"
run "$folio" batch "$work/batch" --style "$style" -o "$work/batch-out" --report "$work/reports/report.json" -j 2
[ "$code" -eq 1 ] || fail "batch: exit $code, expected 1"
grep -qF "bad.xml:4:3: error: unknown element <para>" "$work/last.err" || fail "batch: message: $(cat "$work/last.err")"
grep -qE "crash.xml(:4:[0-9]+)?: error: " "$work/last.err" || fail "batch: no error for crash.xml: $(cat "$work/last.err")"
grep -q "2 ok, 2 failed" "$work/last.out" || fail "batch: summary: $(cat "$work/last.out")"
expect_only "$work/batch-out" one.pdf one.html two.pdf two.html
expect_only "$work/reports" report.json
python3 - "$work/reports/report.json" <<'PY' || fail "batch: the report is not whole"
import json, sys
r = json.load(open(sys.argv[1]))
status = {s["source"].rsplit("/", 1)[-1]: s["status"] for s in r["sources"]}
assert status == {"bad.xml": "failed", "crash.xml": "failed", "one.xml": "ok", "two.xml": "ok"}, status
PY

echo "safe writes: ok"
