#!/usr/bin/env bash
# Soft hyphens in the HTML (issue 20): text styled hyphens: auto carries U+00AD at folio's
# hyphenation points, and nothing else changes (the HTML without them and without the copy script
# is byte for byte the --no-soft-hyphens HTML); section titles (hyphens: manual) get none. In headless
# Chromium, which has no hyphenation dictionaries (tests/browser/check_soft_hyphens.mjs), the
# seed brochure's paragraphs at 380 px break words at line ends only with them; find in page finds
# a hyphenated word; and the text a reader copies holds no soft hyphen (it would without the
# page's copy script: checked too, so the check can fail).
set -euo pipefail
folio=$1 src=$2 work=$3 browser=$2/tests/browser source=$2/source/iom-budapest.xml
. "$src/tests/e2e/lib.bash"
need_browser "$browser"
rm -rf "$work" && mkdir -p "$work"
shy=$'\u00ad'
"$folio" build "$source" -o "$work/shy" -q
"$folio" build "$source" -o "$work/plain" -q --no-soft-hyphens
html=$work/shy/iom-budapest.html
n=$(grep -o "$shy" "$html" | wc -l)
[ "$n" -ge 100 ] || fail "only $n soft hyphens in the brochure's HTML"
grep -q "Bu${shy}da${shy}pest" "$html" || fail "no Bu-da-pest in the HTML"
grep -o "<h2[^>]*>[^<]*</h2>" "$html" | grep -q "$shy" && fail "a section title (hyphens: manual) has soft hyphens"
grep -q "<h2" "$html" || fail "no h2 in the HTML"
grep -q "$shy" "$work/plain/iom-budapest.html" && fail "--no-soft-hyphens wrote soft hyphens"
grep -q '<script>' "$work/plain/iom-budapest.html" && fail "--no-soft-hyphens wrote the copy script"
python3 - "$html" "$work/stripped.html" <<'PY'
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
open(sys.argv[2], 'w', encoding='utf-8').write(re.sub(r'<script>.*?</script>\n', '', s, flags=re.S).replace('\u00ad', ''))
PY
cmp -s "$work/stripped.html" "$work/plain/iom-budapest.html" ||
  fail "without its soft hyphens and script, the HTML differs from the --no-soft-hyphens one"

measure() { node "$browser/check_soft_hyphens.mjs" "$1" international "${@:2}" || fail "Chromium could not measure $1"; }
with=$(measure "$html" --screenshot "$work/soft-hyphens.png")
without=$(measure "$work/plain/iom-budapest.html")
echo "$with" | jq -e '.broken >= 5 and .found and .soft_hyphens_in_text > 0 and .copied_characters > 100 and .copied_soft_hyphens == 0' >/dev/null ||
  fail "with soft hyphens: $with"
echo "$without" | jq -e '.broken == 0 and .found' >/dev/null || fail "without soft hyphens: $without"
# the copy script is what keeps U+00AD out of the clipboard
python3 -c "import re,sys; s=open(sys.argv[1],encoding='utf-8').read(); open(sys.argv[2],'w',encoding='utf-8').write(re.sub(r'<script>.*?</script>\n','',s,flags=re.S))" \
  "$html" "$work/noscript.html"
echo "$(measure "$work/noscript.html")" | jq -e '.copied_soft_hyphens > 0' >/dev/null ||
  fail "without the copy script Chromium copied no soft hyphen: the check cannot fail"
echo "html_soft_hyphens: ok ($(echo "$with" | jq -c '{broken, examples}'))"
