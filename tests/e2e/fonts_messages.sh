#!/usr/bin/env bash
# Messages about fonts (issue 20), each at the style sheet's line that asked: a family installed
# only in a format folio cannot embed (here P052 as Type 1 alone, through a fontconfig
# configuration of its own) says so and what to use instead; a Type 1 file named directly says
# why; a family lacking the weight asked for is a warning naming the face used instead; a
# misspelt family suggests the real one, never itself.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work/fonts" "$work/cache"
cat > "$work/doc.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
  <meta><title>Fonts</title></meta>
  <section id="one"><title>Fonts</title><p>Some text.</p></section>
</document>
XML
style() {  # style NAME FAMILY [WEIGHT]
  cat > "$work/$1.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<stylesheet version="1" name="test">
  <page size="A4" margin="20mm"/>
  <style match="document" font-family="Lato" font-size="11pt"/>
  <style match="p" font-family="$2" font-weight="${3:-400}"/>
</stylesheet>
XML
}
expect_error() {  # expect_error NAME MESSAGE-PATTERN
  if "$folio" check "$work/doc.xml" -s "$work/$1.xml" 2>"$work/$1.err"; then fail "$1: accepted"; fi
  grep -qE "^$work/$1.xml:5:[0-9]+: error: $2" "$work/$1.err" || fail "$1: $(cat "$work/$1.err")"
}

# A family installed only as Type 1.
cp /usr/share/fonts/type1/urw-base35/P052-Roman.t1 /usr/share/fonts/truetype/lato/Lato-Regular.ttf "$work/fonts/"
cat > "$work/fonts.conf" <<XML
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$work/fonts</dir><cachedir>$work/cache</cachedir></fontconfig>
XML
style type1-family P052
FONTCONFIG_FILE=$work/fonts.conf expect_error type1-family \
  "font family 'P052' is installed only as Type 1 \(.*P052-Roman.t1\), which folio cannot embed; use the family's OpenType \(.otf\) or TrueType \(.ttf\) version"

# A Type 1 file named directly, a damaged file.
style type1-file /usr/share/fonts/type1/urw-base35/P052-Roman.t1
expect_error type1-file "font file .*P052-Roman.t1: is a PostScript Type 1 font \(.pfb/.t1\), which folio cannot embed; use"
head -c 4000 /usr/share/fonts/opentype/urw-base35/P052-Roman.otf > "$work/cut.otf"
style damaged "$work/cut.otf"
expect_error damaged "font file .*cut.otf: "

# A misspelt family: the suggestion is the real family.
style misspelt P05
expect_error misspelt "unknown font family 'P05'; closest installed: P052"

# A family without the weight: a warning, and the build goes on.
style heavy Cantarell 900
"$folio" check "$work/doc.xml" -s "$work/heavy.xml" 2>"$work/heavy.err" || fail "heavy: $(cat "$work/heavy.err")"
grep -qE "^$work/heavy.xml:5:[0-9]+: warning: font family 'Cantarell' has no upright face of weight 900; using its 'Extra Bold' face \(upright, weight 800\) instead$" \
  "$work/heavy.err" || fail "heavy: $(cat "$work/heavy.err")"
# An exact face: no word.
style exact P052 400
"$folio" check "$work/doc.xml" -s "$work/exact.xml" 2>"$work/exact.err" || fail "exact: $(cat "$work/exact.err")"
[ ! -s "$work/exact.err" ] || fail "exact: $(cat "$work/exact.err")"
echo "fonts_messages: ok"
