#!/usr/bin/env bash
# Bad input: `path:line:column: error: message`, exit code 1, no file written and earlier outputs
# kept. Usage errors exit 2.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work/out"
style=$src/styles/brochure.xml

# A good build first, so we can check that a failed one keeps it.
"$folio" build "$src/source/iom-budapest.xml" --style "$style" -o "$work/out" -q
cp "$work/out/iom-budapest.pdf" "$work/before.pdf"

expect_error() {  # name, expected "line:col: error: text" fragment, file to build
  local name=$1 expected=$2 file=$3 style_file=${4:-$style}
  set +e
  "$folio" build "$file" --style "$style_file" -o "$work/out" >"$work/$name.out" 2>"$work/$name.err"
  local code=$?
  set -e
  [ "$code" -eq 1 ] || fail "$name: exit code $code, expected 1"
  grep -qF -- "$expected" "$work/$name.err" || fail "$name: expected '$expected' in: $(cat "$work/$name.err")"
}

# Each bad source is written with the error on a known line.
mkdir -p "$work/src"
cp "$src/source/iom-budapest.xml" "$work/src/iom-budapest.xml"
printf '<?xml version="1.0"?>\n<document version="1" xml:lang="en">\n  <meta><title>T</title></meta>\n  <p>unclosed\n</document>\n' > "$work/src/iom-budapest.xml"
expect_error malformed "iom-budapest.xml:5:" "$work/src/iom-budapest.xml"
grep -q "iom-budapest.xml:5:[0-9]*: error: " "$work/malformed.err" || fail "malformed: no line:column in $(cat "$work/malformed.err")"
cmp "$work/before.pdf" "$work/out/iom-budapest.pdf" || fail "a failed build changed the earlier PDF"

printf '<?xml version="1.0"?>\n<document version="1" xml:lang="en">\n  <meta><title>T</title></meta>\n  <para>x</para>\n</document>\n' > "$work/src/unknown.xml"
expect_error unknown "unknown.xml:4:3: error: unknown element <para>" "$work/src/unknown.xml"
[ ! -e "$work/out/unknown.pdf" ] || fail "unknown: a PDF was written"
[ ! -e "$work/out/unknown.html" ] || fail "unknown: an HTML file was written"

printf '<?xml version="1.0"?>\n<document version="1" xml:lang="en">\n  <meta><title>T</title></meta>\n  <figure src="x.png"><caption>c</caption></figure>\n</document>\n' > "$work/src/noalt.xml"
expect_error noalt "noalt.xml:4:3: error:" "$work/src/noalt.xml"

printf '<?xml version="1.0"?>\n<document version="1" xml:lang="en">\n  <meta><title>T</title></meta>\n  <section id="a"><title>A</title></section>\n  <section id="a"><title>B</title></section>\n</document>\n' > "$work/src/dup.xml"
expect_error duplicate "dup.xml:5:" "$work/src/dup.xml"

# A bad style sheet: unknown property and a bad length, each at its position.
printf '<?xml version="1.0"?>\n<stylesheet version="1" name="x">\n  <style match="p" colour="#000"/>\n  <style match="h2" font-size="12qq"/>\n</stylesheet>\n' > "$work/bad-style.xml"
expect_error badstyle "bad-style.xml:3:" "$src/source/iom-budapest.xml" "$work/bad-style.xml"
grep -q "bad-style.xml:4:[0-9]*: error: invalid value '12qq' for font-size" "$work/badstyle.err" || fail "bad length not reported: $(cat "$work/badstyle.err")"

# An unknown font family names the closest installed family.
printf '<?xml version="1.0"?>\n<stylesheet version="1" name="x">\n  <style match="document" font-family="Latoo"/>\n</stylesheet>\n' > "$work/bad-font.xml"
expect_error badfont "bad-font.xml:3:" "$src/source/iom-budapest.xml" "$work/bad-font.xml"
grep -q "closest installed: .*Lato" "$work/badfont.err" || fail "no suggestion for the unknown family"

# check validates without writing.
"$folio" check "$src/source/iom-budapest.xml" > "$work/check.out"
grep -q "ok, [0-9]* pages" "$work/check.out" || fail "check did not report ok"

# Usage errors exit 2; --version and --help exit 0.
set +e
"$folio" build --no-such-option >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown option must exit 2"
"$folio" build /nonexistent.xml >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing source file must exit 2"
set -e
"$folio" --version | grep -q '^folio [0-9]' || fail "--version"
"$folio" --help | grep -q 'Examples' || fail "--help has no examples"
echo "cli_errors: ok"
