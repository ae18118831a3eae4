#!/usr/bin/env bash
# The HTML of every shipped source with every shipped style sheet (and of the test source with every
# element, tests/browser/fixtures/everything.xml) is valid HTML5 (vnu), has no axe-core violation of
# WCAG 2.2 AA or best practice in Chromium, reflows at 320 px, survives 200% text and shows focus.
# Missing tools (Node.js, the npm packages, Java, Chromium) fail the test with a clear message.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
browser=$src/tests/browser

command -v node >/dev/null || fail "Node.js is not installed (apt-get install nodejs); run .ci/install-deps"
[ -d "$browser/node_modules/axe-core" ] && [ -d "$browser/node_modules/playwright-core" ] &&
  [ -d "$browser/node_modules/vnu-jar" ] ||
  fail "the npm packages of tests/browser are not installed; run bash .ci/install-browser-deps"
command -v java >/dev/null || fail "Java is not installed (apt-get install default-jre-headless); vnu needs it"
[ -x /usr/bin/chromium ] || fail "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"

# Build every source with every style sheet; any diagnostic (a contrast warning too) fails.
htmls=()
shopt -s nullglob
sources=("$src"/source/*.xml "$browser"/fixtures/*.xml)
styles=("$src"/styles/*.xml)
[ ${#styles[@]} -gt 0 ] || fail "no style sheets in $src/styles"
for source_xml in "${sources[@]}"; do
  for style in "${styles[@]}"; do
    name=$(basename "$source_xml" .xml)--$(basename "$style" .xml)
    out=$work/$name
    "$folio" build "$source_xml" --style "$style" -o "$out" -q 2> "$work/$name.stderr" ||
      fail "folio build failed for $name: $(cat "$work/$name.stderr")"
    [ ! -s "$work/$name.stderr" ] || fail "unexpected diagnostics for $name: $(cat "$work/$name.stderr")"
    html=$out/$(basename "$source_xml" .xml).html
    [ -s "$html" ] || fail "no HTML written for $name"
    htmls+=("$html")
  done
done

# And once with the images beside the HTML (the browser reports any file that fails to load).
"$folio" build "$browser/fixtures/everything.xml" -o "$work/external" --external-assets -q ||
  fail "folio build --external-assets failed"
htmls+=("$work/external/everything.html")

# One Chromium for all files; check_html.mjs exits 2 when a tool cannot run, 1 on a finding.
status=0
node "$browser/check_html.mjs" "${htmls[@]}" || status=$?
case $status in
  0) echo "html_accessibility: ok (${#htmls[@]} files)" ;;
  2) fail "the accessibility tools could not run (see the ERROR above): this is a failure, not a pass" ;;
  *) fail "accessibility problems in the HTML (listed above)" ;;
esac
