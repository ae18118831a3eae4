#!/usr/bin/env bash
# A browser's print of the HTML (Chromium's print to PDF) hides the navigation: no "Print pages"
# list and no contents nav, with both shipped style sheets. The page list's own rule
# (nav.page-list{display:flex}) once outranked the print rule that hides it (issue 16).
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
[ -x /usr/bin/chromium ] || fail "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"

for style in "$src"/styles/*.xml; do
  name=$(basename "$style" .xml)
  "$folio" build "$src/source/iom-budapest.xml" --style "$style" -o "$work/$name" --html-only -q ||
    fail "folio build failed for $name"
  html=$work/$name/iom-budapest.html
  grep -q 'aria-label="Print pages"' "$html" || fail "$name: the HTML has no page list to hide"
  # A fresh profile per run, so that a concurrent Chromium does not hand the job over.
  timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile-$name" \
    --no-pdf-header-footer --print-to-pdf="$work/$name.pdf" "file://$html" >/dev/null 2>&1 ||
    fail "$name: Chromium's print to PDF failed"
  [ -s "$work/$name.pdf" ] || fail "$name: Chromium wrote no PDF"
  text=$(pdftotext -enc UTF-8 "$work/$name.pdf" -)
  if grep -q "Print pages" <<<"$text"; then fail "$name: the browser's print shows the page list"; fi
  grep -q "IOM" <<<"$text" || fail "$name: the printed HTML has no text (did the print fail?)"
done
echo "html print: the page list is hidden in print with every style"
