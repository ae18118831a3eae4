#!/usr/bin/env bash
# The HTML's contrast check (html::check_contrast) runs where HTML is made and for `folio check`,
# not for a --pdf-only build (issue 15): pale body text warns in the first two, not the third.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
sed 's|color="#1d232b"|color="#cccccc"|' "$src/styles/brochure.xml" > "$work/pale.xml"
grep -q 'color="#cccccc"' "$work/pale.xml" || fail "the brochure's body colour has changed: update this test"
source=$src/source/iom-budapest.xml
warning="warning: text colour #cccccc on background #ffffff has a contrast ratio of 1.61:1"

"$folio" build "$source" -s "$work/pale.xml" -o "$work/both" -q 2> "$work/both.err"
grep -qF "$warning" "$work/both.err" || fail "build: no contrast warning: $(cat "$work/both.err")"
"$folio" check "$source" -s "$work/pale.xml" > /dev/null 2> "$work/check.err"
grep -qF "$warning" "$work/check.err" || fail "check: no contrast warning: $(cat "$work/check.err")"
"$folio" build "$source" -s "$work/pale.xml" -o "$work/pdf" -q --pdf-only 2> "$work/pdf.err"
[ ! -s "$work/pdf.err" ] || fail "--pdf-only: unexpected diagnostics: $(cat "$work/pdf.err")"
[ -s "$work/pdf/iom-budapest.pdf" ] && [ ! -e "$work/pdf/iom-budapest.html" ] || fail "--pdf-only: wrong outputs"
echo "contrast scope: ok"
