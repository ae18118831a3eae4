#!/usr/bin/env bash
# No ink outside its box (issue 16). Every source of the adversarial corpus (tests/adversarial:
# long URLs, words of 200 letters, deep lists, long titles in every element that shows one) is
# rendered with both shipped style sheets and with the corpus's own (a very narrow measure, huge
# and tiny type); tests/tools/ink_check then checks the layout dump and the PDF's word boxes
# (pdftotext -bbox-layout): every text run within its column and the trim box, no word space
# below its minimum, no two words overlapping; and no text is left without the background it is
# set on (the tiny style's asides span the columns in white on the brand colour). The checker
# must also catch planted violations.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
tools=$(dirname "$folio")/tests
check=$tools/ink_check dump=$tools/layout_dump
[ -x "$check" ] && [ -x "$dump" ] || fail "build the tools first: $check and $dump"

# The checker catches what it is meant to: a run pushed past its column, a word past the trim
# box and two overlapping words (a doctored dump and word-box file), and spaces set negative.
"$dump" "$src/source/feature-sampler.xml" "$src/styles/brochure.xml" > "$work/good.dump"
pdf_dir=$work/good && "$folio" build "$src/source/feature-sampler.xml" -o "$pdf_dir" --pdf-only -q
pdftotext -bbox-layout "$pdf_dir/feature-sampler.pdf" "$work/good.bbox"
"$check" "$work/good.dump" "$work/good.bbox" > "$work/good.out" || fail "the shipped sampler fails: $(cat "$work/good.out")"
planted() {  # NAME FILE(dump|bbox) EXPECTED-MESSAGE FILTER...: the good file through FILTER
  local name=$1 kind=$2 expected=$3
  shift 3
  "$@" < "$work/good.$kind" > "$work/planted-$name.$kind"
  local d=$work/good.dump b=$work/good.bbox
  if [ "$kind" = dump ]; then d=$work/planted-$name.dump; else b=$work/planted-$name.bbox; fi
  cmp -s "$work/good.$kind" "$work/planted-$name.$kind" && fail "planting $name changed nothing"
  if "$check" "$d" "$b" > "$work/planted-$name.out"; then fail "the checker missed a planted violation: $name"; fi
  grep -q "$expected" "$work/planted-$name.out" || fail "planted $name: expected '$expected', got: $(cat "$work/planted-$name.out")"
}
# a full body line of the first column made 40pt wider; a line's spaces set 3pt negative
planted wide dump "past its column" sed -E '0,/ w 229\.61 "Caladea/s// w 269.61 "Caladea/'
planted spaces dump "below their minimum" sed -E '0,/ rgb\(0\.11/s// ws -3.00 rgb(0.11/'
# a word moved left of the trim box; the second word of the first line moved onto the first
planted trim bbox "outside the trim box" sed -E '0,/<word xMin="[0-9.]+"/s//<word xMin="-30.000000"/'
planted overlap bbox "overlaps the word before it" awk '
  /<word / && ++words == 1 { match($0, /xMin="[0-9.]+"/); first = substr($0, RSTART + 6, RLENGTH - 7) }
  /<word / && words == 2 { sub(/xMin="[0-9.]+"/, "xMin=\"" first + 1 "\"") }
  { print }'

# The corpus, with every style: each run's diagnostics are allowed (long words warn), a crash is not.
status=0
for source in "$src"/tests/adversarial/*.xml; do
  for style in "$src"/styles/brochure.xml "$src"/styles/a5-booklet.xml "$src"/tests/adversarial/styles/*.xml; do
    name=$(basename "$source" .xml)--$(basename "$style" .xml)
    out=$work/$name
    code=0
    "$folio" build "$source" --style "$style" -o "$out" --pdf-only -q 2> "$work/$name.stderr" || code=$?
    [ "$code" -eq 0 ] || fail "$name: folio build exited $code: $(cat "$work/$name.stderr")"
    if grep -q "missing from the PDF" "$work/$name.stderr"; then fail "$name: $(grep "missing from the PDF" "$work/$name.stderr")"; fi
    "$dump" "$source" "$style" > "$work/$name.dump" 2> /dev/null || fail "$name: layout_dump failed"
    pdftotext -bbox-layout "$out/$(basename "$source" .xml).pdf" "$work/$name.bbox"
    if ! "$check" "$work/$name.dump" "$work/$name.bbox" > "$work/$name.out"; then
      echo "$name: $(wc -l < "$work/$name.out") violations, the first:" >&2
      head -5 "$work/$name.out" >&2
      status=1
    fi
  done
done
[ "$status" -eq 0 ] || fail "ink outside its box (the lists are in $work/*.out)"
echo "ink bounds: the adversarial corpus stays in its boxes with every style; planted violations caught"
