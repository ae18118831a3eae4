#!/usr/bin/env bash
# The HTML is self-contained by default (CSS inline, images as data URIs of the original files, no
# other file referred to but the PDF), and with --external-assets the images are written beside it,
# byte for byte, and referred to relatively. Both are reproducible; no temporary file is left.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
fixture=$src/tests/browser/fixtures/everything.xml

# Self-contained: no src other than data URIs, no stylesheet or script files.
"$folio" build "$fixture" -o "$work/inline" -q
html=$work/inline/everything.html
[ -s "$html" ] || fail "no HTML written"
grep -o ' src="[^"]*' "$html" | grep -v '^ src="data:image/\(png\|jpeg\);base64,' &&
  fail "an image is not embedded as a data URI"
grep -q 'src="data:image/png;base64,' "$html" || fail "the PNG figure is not embedded"
grep -q 'src="data:image/jpeg;base64,' "$html" || fail "the JPEG images are not embedded"
grep -Eq '<script[^>]* src=|<link rel="stylesheet"' "$html" && fail "the HTML refers to a script or style file"  # (inline ones are fine)
# The PNG's data URI is the original file, byte for byte.
png64=$(base64 -w0 "$src/tests/browser/fixtures/map.png")
grep -qF "data:image/png;base64,$png64\"" "$html" || fail "the PNG data URI is not the original file"
ls "$work/inline" | grep -q 'assets' && fail "assets written without --external-assets"

# External assets: files beside the HTML, identical to the originals, referred to relatively.
"$folio" build "$fixture" -o "$work/external" --external-assets -q
html=$work/external/everything.html
assets=$work/external/everything-assets
[ -d "$assets" ] || fail "--external-assets wrote no everything-assets folder"
cmp "$assets/map.png" "$src/tests/browser/fixtures/map.png" || fail "map.png differs from the original"
cmp "$assets/cover.jpg" "$src/tests/browser/fixtures/cover.jpg" || fail "cover.jpg differs from the original"
# (the fonts' WOFF2 subsets are there too: tests/e2e/html_fonts.sh checks them)
[ "$(ls "$assets" | grep -vc '\.woff2$')" -eq 2 ] || fail "expected each image once in $assets: $(ls "$assets")"
grep -q 'src="everything-assets/map.png"' "$html" || fail "the figure does not refer to everything-assets/map.png"
grep -q 'data:image' "$html" && fail "--external-assets still embeds an image"
find "$work" -name '*.tmp' | grep -q . && fail "a temporary file was left behind"

# Reproducible: the same bytes twice.
"$folio" build "$fixture" -o "$work/again" --external-assets -q
cmp "$html" "$work/again/everything.html" || fail "the HTML differs between two builds"
cmp "$assets/map.png" "$work/again/everything-assets/map.png" || fail "an asset differs between two builds"
echo "html_assets: ok"
