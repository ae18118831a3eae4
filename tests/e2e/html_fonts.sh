#!/usr/bin/env bash
# The HTML carries its fonts (issue 20): each face the pages use is embedded as a WOFF2 subset
# (an @font-face url() data URI before the local() names), as files beside the HTML with
# --external-assets, and not at all with --no-embed-fonts (local() only). In Chromium
# (tests/browser/check_fonts.mjs) every face loads and the embedded face, under a name only it
# has, sets text exactly as the installed face does and not as the fallback: for the TrueType
# brochure (Lato, Caladea) and a CFF one (P052, Cantarell). The same check fails on the
# --no-embed-fonts page, so it can fail. The seed brochure's HTML stays under 120 KB.
set -euo pipefail
folio=$1 src=$2 work=$3 browser=$2/tests/browser source=$2/source/iom-budapest.xml
. "$src/tests/e2e/lib.bash"
need_browser "$browser"
rm -rf "$work" && mkdir -p "$work"

# Embedded.
"$folio" build "$source" -o "$work/embedded" -q
html=$work/embedded/iom-budapest.html
n=$(grep -o '@font-face { font-family: "[A-Za-z]*"; font-weight: [0-9]*; font-style: [a-z]*; src: url("data:font/woff2;base64,[A-Za-z0-9+/=]*") format("woff2"), local(' "$html" | wc -l)
[ "$n" -ge 5 ] || fail "expected the 5 faces of the brochure embedded, found $n"
size=$(stat -c %s "$html")
[ "$size" -lt 122880 ] || fail "the HTML with its fonts is $size bytes, more than 120 KB: are the subsets whole fonts?"
node "$browser/check_fonts.mjs" "$html" Lato Caladea || fail "the embedded fonts do not work in Chromium"

# Beside the HTML.
"$folio" build "$source" -o "$work/external" --external-assets -q
html=$work/external/iom-budapest.html
for f in Lato-Regular Lato-Bold Caladea-Regular; do
  [ -s "$work/external/iom-budapest-assets/$f.woff2" ] || fail "$f.woff2 is not beside the HTML"
  grep -q "url(\"iom-budapest-assets/$f.woff2\") format(\"woff2\")" "$html" || fail "the HTML does not use $f.woff2"
  [ "$(head -c 4 "$work/external/iom-budapest-assets/$f.woff2")" = wOF2 ] || fail "$f.woff2 is not a WOFF2 file"
done
if grep -q 'data:font' "$html"; then fail "--external-assets still embeds a font"; fi
node "$browser/check_fonts.mjs" "$html" Lato Caladea || fail "the fonts beside the HTML do not work in Chromium"

# Not at all.
"$folio" build "$source" -o "$work/local" --no-embed-fonts -q
html=$work/local/iom-budapest.html
if grep -q 'url(' "$html"; then fail "--no-embed-fonts still gives a url()"; fi
grep -q 'src: local("Lato' "$html" || fail "--no-embed-fonts lost the local() names"
if node "$browser/check_fonts.mjs" "$html" Lato 2>"$work/local.err"; then fail "check_fonts passed a page without embedded fonts"; fi
grep -q "no url() source" "$work/local.err" || fail "check_fonts failed for another reason: $(cat "$work/local.err")"

# CFF faces.
sed -e 's/font-family="Caladea"/font-family="P052"/g' -e 's/font-family="Lato"/font-family="Cantarell"/g' \
  "$src/styles/brochure.xml" > "$work/cff.xml"
"$folio" build "$source" -s "$work/cff.xml" -o "$work/cff" -q 2>/dev/null
node "$browser/check_fonts.mjs" "$work/cff/iom-budapest.html" P052 Cantarell || fail "the embedded CFF fonts do not work in Chromium"
echo "html_fonts: ok"
