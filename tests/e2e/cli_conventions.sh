#!/usr/bin/env bash
# Command-line conventions (#21): `-` reads standard input, `-o -` writes the PDF to standard
# output, `-o NAME.pdf` / `NAME.html` write that one file, `-o DIR/` a folder; `folio build`
# with no source outside the repository asks for one; --version; each subcommand's own --help;
# plurals; usage errors annotated; --diagnostic-format; colour on a terminal only and NO_COLOR.
set -euo pipefail
folio=$(realpath "$1") src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
source_xml=$src/source/iom-budapest.xml
sampler=$src/source/feature-sampler.xml
style=$src/styles/brochure.xml
"$folio" build "$source_xml" -s "$style" -o "$work/ref" -q
ref=$work/ref/iom-budapest.pdf

# Standard input in, the PDF on standard output: the same bytes as a file build.
mkdir -p "$work/tmp"
TMPDIR=$work/tmp "$folio" build - -s "$style" --pdf-only -o - < "$source_xml" > "$work/piped.pdf"
cmp "$ref" "$work/piped.pdf" || fail "build - -o - differs from the file build"
[ -z "$(ls -A "$work/tmp")" ] || fail "-o - left its temporary folder: $(ls -A "$work/tmp")"
set +e
"$folio" build "$source_xml" -s "$style" -o - > /dev/null 2> "$work/nopdfonly.err"; code=$?
set -e
[ "$code" -eq 2 ] && grep -q -- "--pdf-only" "$work/nopdfonly.err" || fail "-o - without --pdf-only: exit $code"

# -o - --html-only: the HTML on standard output, as an --html-only file build writes it.
"$folio" build "$source_xml" -s "$style" -o "$work/ref-html" --html-only -q
"$folio" build - -s "$style" --html-only -o - < "$source_xml" | cmp - "$work/ref-html/iom-budapest.html" ||
  fail "build - --html-only -o - differs from the file build"

# Images of a source on standard input: relative to the current folder, or to --base.
(cd "$src/source" && "$folio" build - -s "$style" -o "$work/stdin-here" -q < "$sampler")
[ -s "$work/stdin-here/stdin.pdf" ] && [ -s "$work/stdin-here/stdin.html" ] || fail "build - wrote no stdin.pdf/html"
"$folio" build - --base "$src/source" -s "$style" -o "$work/stdin-base.pdf" -q < "$sampler"
[ "$(pdfimages -list "$work/stdin-base.pdf" | tail -n +3 | wc -l)" -ge 1 ] || fail "--base: the sampler's image is missing"
set +e
(cd "$work" && "$folio" build - -s "$style" -o out -q < "$sampler" 2> "$work/stdin-noimg.err"); code=$?
set -e
[ "$code" -eq 1 ] && grep -q "^<stdin>:[0-9]*:[0-9]*: error: .*bar-chart.png" "$work/stdin-noimg.err" ||
  fail "an image missing beside the current folder: exit $code, $(cat "$work/stdin-noimg.err")"

# Standard input above folio's 64 MiB limit: an input error, nothing written.
set +e
head -c 67108900 /dev/zero | "$folio" build - -s "$style" -o "$work/huge" 2> "$work/huge.err"; code=$?
set -e
[ "$code" -eq 1 ] && grep -q "^<stdin>: error: standard input is larger than 64 MiB" "$work/huge.err" && [ ! -e "$work/huge" ] ||
  fail "a huge standard input: exit $code, $(cat "$work/huge.err")"

# -o NAME.pdf / NAME.html: that file only; -o DIR/ and -o DIR: the folder as always.
"$folio" build "$source_xml" -s "$style" -o "$work/one/brochure.pdf" -q
[ -f "$work/one/brochure.pdf" ] && [ "$(ls "$work/one")" = brochure.pdf ] || fail "-o x.pdf: $(ls -R "$work/one")"
cmp "$ref" "$work/one/brochure.pdf" || fail "-o x.pdf differs from the folder build"
"$folio" build "$source_xml" -s "$style" -o "$work/one/page.html" -q
[ "$(ls "$work/one" | sort | tr '\n' ' ')" = "brochure.pdf page.html " ] || fail "-o x.html: $(ls "$work/one")"
grep -q '<html' "$work/one/page.html" || fail "-o x.html is not HTML"
"$folio" build "$source_xml" -s "$style" -o "$work/dir/" -q
[ -s "$work/dir/iom-budapest.pdf" ] && [ -s "$work/dir/iom-budapest.html" ] || fail "-o DIR/"
set +e
"$folio" build "$source_xml" -s "$style" -o "$work/x.pdf" --html-only 2>/dev/null; code=$?
set -e
[ "$code" -eq 2 ] || fail "-o x.pdf --html-only must be a usage error"

# No source outside the repository: a usage error that names the example; in it, the demo.
mkdir -p "$work/elsewhere"
set +e
(cd "$work/elsewhere" && "$folio" build) > "$work/nosource.out" 2> "$work/nosource.err"; code=$?
set -e
[ "$code" -eq 2 ] || fail "build with no source elsewhere: exit $code"
grep -q "no source given" "$work/nosource.err" && grep -q "iom-budapest.xml. the example brochure" "$work/nosource.err" ||
  fail "no source: $(cat "$work/nosource.err")"
[ ! -e "$work/elsewhere/output" ] || fail "build with no source wrote into the current folder"

# --version and -V: folio, the libraries and the data folder.
"$folio" --version > "$work/version"
"$folio" -V | cmp - "$work/version" || fail "-V differs from --version"
for lib in 'folio [0-9]' 'libharu [0-9]' 'HarfBuzz [0-9]' 'FreeType [0-9]' 'pugixml [0-9]' 'data folder: /'; do
  grep -q "^$lib" "$work/version" || fail "--version lacks '$lib': $(cat "$work/version")"
done
FOLIO_DATA_DIR=/nonexistent "$folio" --version | grep -q "^data folder: none (FOLIO_DATA_DIR=/nonexistent" ||
  fail "--version with a wrong FOLIO_DATA_DIR"

# Each subcommand's --help: its own options and examples, not the others'.
"$folio" build --help > "$work/help-build"
"$folio" batch --help > "$work/help-batch"
grep -q -- "--pdf-only" "$work/help-build" && grep -q "^Examples:" "$work/help-build" || fail "build --help"
grep -q -- "--merge-reports" "$work/help-batch" && grep -q "^Examples:" "$work/help-batch" || fail "batch --help"
! grep -q -- "--merge-reports" "$work/help-build" || fail "build --help shows batch's options"
! grep -q -- "--external-assets" "$work/help-batch" || fail "batch --help shows build's options"
"$folio" check --help | grep -q "folio check doc.xml" || fail "check --help has no examples"

# Plurals.
printf '<?xml version="1.0"?>\n<document version="1" xml:lang="en">\n  <meta><title>T</title></meta>\n  <p>One page.</p>\n</document>\n' > "$work/one-page.xml"
"$folio" check "$work/one-page.xml" -s "$style" | grep -q ": ok, 1 page$" || fail "check: not '1 page'"
"$folio" check "$source_xml" -s "$style" | grep -q ": ok, [0-9]* pages$" || fail "check: not 'N pages'"

# Usage errors: exit 2, and a GitHub annotation under --annotations github.
set +e
"$folio" build --no-such-option --annotations github > "$work/usage.out" 2> "$work/usage.err"; code=$?
set -e
[ "$code" -eq 2 ] || fail "unknown option: exit $code"
grep -q "^::error::folio: .*no-such-option" "$work/usage.out" || fail "usage error not annotated: $(cat "$work/usage.out")"
set +e
(cd "$work/elsewhere" && "$folio" build --annotations=github) > "$work/usage2.out" 2>/dev/null
set -e
grep -q "^::error::folio: no source given" "$work/usage2.out" || fail "no-source usage error not annotated"

# Diagnostic formats, on a source with an error on line 4.
printf '<?xml version="1.0"?>\n<document version="1" xml:lang="en">\n  <meta><title>T</title></meta>\n  <para>x</para>\n</document>\n' > "$work/bad.xml"
diag() {  # format, then extra arguments; stderr to $work/diag.err
  set +e
  "$folio" check "$work/bad.xml" -s "$style" --diagnostic-format "$@" > /dev/null 2> "$work/diag.err"
  local c=$?
  set -e
  [ "$c" -eq 1 ] || fail "--diagnostic-format $1: exit $c"
}
diag short
grep -q "^$work/bad.xml:4:3: error: unknown element <para> in <document>" "$work/diag.err" || fail "short: $(cat "$work/diag.err")"
[ "$(grep -c . "$work/diag.err")" -eq 2 ] || fail "short: more than the line and the summary"
diag human
grep -q "^$work/bad.xml:4:3: error: unknown element <para> .* \[source.unknown-element\]$" "$work/diag.err" &&
  grep -q "^ 4 |   <para>x</para>$" "$work/diag.err" && grep -q "^   |   ^$" "$work/diag.err" ||
  fail "human: $(cat "$work/diag.err")"
diag json
head -1 "$work/diag.err" | jq -e '.file and .line == 4 and .column == 3 and .severity == "error" and
  .code == "source.unknown-element"' > /dev/null || fail "json: $(cat "$work/diag.err")"
# The human format shows a line of standard input too.
"$folio" check - -s "$style" --diagnostic-format human < "$work/bad.xml" 2> "$work/stdin-human.err" || true
grep -q "^<stdin>:4:3: error: unknown element" "$work/stdin-human.err" && grep -q "^ 4 |   <para>x</para>$" "$work/stdin-human.err" ||
  fail "human format of standard input: $(cat "$work/stdin-human.err")"

# check reports every problem in one run: a corrupt image besides a source error.
mkdir -p "$work/both/images" && printf 'not a PNG at all' > "$work/both/images/broken.png"
printf '<?xml version="1.0"?>\n<document version="1" xml:lang="en">\n  <meta><title>T</title></meta>\n  <para>x</para>\n  <figure src="images/broken.png" alt="A chart."/>\n</document>\n' > "$work/both/doc.xml"
set +e
"$folio" check "$work/both/doc.xml" -s "$style" > /dev/null 2> "$work/both.err"; code=$?
set -e
[ "$code" -eq 1 ] || fail "check of two problems: exit $code"
grep -q "doc.xml:4:3: error: unknown element <para>" "$work/both.err" && grep -q "doc.xml:5:[0-9]*: error: .*broken.png" "$work/both.err" &&
  grep -q "^folio: 2 errors$" "$work/both.err" || fail "check did not report both problems: $(cat "$work/both.err")"

# Colour: none in a pipe, on a pseudo-terminal by default, never with NO_COLOR or --color never.
esc=$'\033['
grep -qF "$esc" "$work/diag.err" && fail "colour in a pipe"
set +e
"$folio" check "$work/bad.xml" -s "$style" --color always 2> "$work/always.err"
script -qec "'$folio' check '$work/bad.xml' -s '$style'" /dev/null > "$work/tty.out"
NO_COLOR=1 script -qec "'$folio' check '$work/bad.xml' -s '$style'" /dev/null > "$work/nocolor.out"
script -qec "'$folio' check '$work/bad.xml' -s '$style' --color never" /dev/null > "$work/never.out"
set -e
grep -qF "${esc}1;31merror" "$work/always.err" || fail "--color always: no red error"
grep -qF "${esc}1;31merror" "$work/tty.out" || fail "no colour on a terminal: $(cat -v "$work/tty.out")"
grep -q " 4 |   <para>x</para>" "$work/tty.out" || fail "a terminal's default is not the human format"
grep -qF "$esc" "$work/nocolor.out" && fail "colour despite NO_COLOR"
grep -qF "$esc" "$work/never.out" && fail "colour despite --color never"
grep -q "error: unknown element" "$work/nocolor.out" || fail "NO_COLOR: no diagnostic at all"

# batch too (its progress line is the only other escape it writes on a terminal).
mkdir -p "$work/b" && cp "$work/bad.xml" "$work/b/"
set +e
script -qec "'$folio' batch '$work/b' -s '$style' -o '$work/b-out' -j 1" /dev/null > "$work/b-tty.out"
NO_COLOR=1 script -qec "'$folio' batch '$work/b' -s '$style' -o '$work/b-out' -j 1" /dev/null > "$work/b-nocolor.out"
"$folio" batch "$work/b" -s "$style" -o "$work/b-out" -j 1 > /dev/null 2> "$work/b-pipe.err"
set -e
grep -qF "${esc}1;31merror" "$work/b-tty.out" || fail "batch: no colour on a terminal: $(cat -v "$work/b-tty.out")"
grep -qF "${esc}1;31m" "$work/b-nocolor.out" && fail "batch: colour despite NO_COLOR"
grep -q "bad.xml:4:3: error: unknown element" "$work/b-pipe.err" || fail "batch in a pipe: $(cat "$work/b-pipe.err")"
grep -qF "$esc" "$work/b-pipe.err" && fail "batch: colour in a pipe"

# -v: progress detail on stderr; -q: nothing on stdout.
"$folio" build "$source_xml" -s "$style" -o "$work/v" -v > "$work/v.out" 2> "$work/v.err"
grep -q "^folio: source " "$work/v.err" && grep -q "^folio: [0-9]* pages in " "$work/v.err" || fail "-v: $(cat "$work/v.err")"
"$folio" build "$source_xml" -s "$style" -o "$work/q" -q > "$work/q.out"
[ ! -s "$work/q.out" ] || fail "-q printed to stdout"
echo "cli_conventions: ok"
