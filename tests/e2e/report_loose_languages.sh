#!/usr/bin/env bash
# The quality report's loose lines and language changes (issue 22):
#   1. a justified paragraph in a narrow column is reported as loose (typography.loose-line, with
#      its ratio, at its line), once; `loose-line-tolerance: none` and ragged text are not, and a
#      tolerance above the paragraph's loosest line (checked by its ratio) reports nothing; a
#      tolerance below 1 is an error at its line;
#   2. an unmarked German and Polish paragraph in an English document are reported
#      (accessibility.unmarked-language, naming the language to mark), the same text marked is not;
#   3. the shipped sources, in both styles, have no unmarked language and no image whose
#      alternative repeats its file name (a <qr> has none).
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
words="An interdepartmental telecommunications infrastructure notwithstanding, the characteristically uncompromising administrators reconsidered internationalisation responsibilities."
cat > "$work/doc.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
  <meta><title>Loose lines</title></meta>
  <section id="s">
    <title>Loose</title>
    <p>$words</p>
    <p class="calm">$words</p>
    <p class="ragged">$words</p>
    <p class="ragged">Die Stadt ist nicht nur wegen der Bauten bekannt, sondern auch wegen der Bilder in den Museen.</p>
    <p class="ragged" xml:lang="de">Die Stadt ist nicht nur wegen der Bauten bekannt, sondern auch wegen der Bilder in den Museen.</p>
    <p class="ragged">Miasto jest znane z mostów oraz kąpielisk, które są nad Dunajem.</p>
  </section>
</document>
XML
style() {  # tolerance of the document
  cat > "$work/style.xml" <<XML
<stylesheet version="1" name="loose">
  <page size="A5" margin="15mm" column-count="3" column-gap="5mm"/>
  <style match="document" font-family="Caladea" font-size="10pt" text-align="justify" hyphens="manual"
         loose-line-tolerance="$1"/>
  <style match="p.calm" loose-line-tolerance="none"/>
  <style match="p.ragged" text-align="left"/>
</stylesheet>
XML
}
style 2
"$folio" check "$work/doc.xml" --style "$work/style.xml" --report json >"$work/r.json" 2>"$work/r.err" ||
  fail "check: $(cat "$work/r.err")"
loose=$(jq -c '[.findings[] | select(.rule == "typography.loose-line") | [.line, .column]]' "$work/r.json")
[ "$loose" = '[[6,8]]' ] || fail "loose lines at $loose, expected only the first paragraph's (6:8): $(jq -c .findings "$work/r.json")"
ratio=$(jq -r '.findings[] | select(.rule == "typography.loose-line") | .message' "$work/r.json" |
  sed -n 's/.*adjustment ratio \([0-9.]*\), above the style.s loose-line-tolerance 2).*/\1/p')
[ -n "$ratio" ] || fail "the loose line's message: $(jq -c .findings "$work/r.json")"
# layout's own warning (ratio above 4) is on stderr for both justified paragraphs, not twice in the report
[ "$(grep -c 'warning: a line could only be set very loose' "$work/r.err")" = 2 ] || fail "stderr: $(cat "$work/r.err")"
# a tolerance above that ratio: nothing is loose
style "$(awk -v r="$ratio" 'BEGIN { printf "%.1f", r + 0.2 }')"
"$folio" check "$work/doc.xml" --style "$work/style.xml" --report json >"$work/r2.json" 2>/dev/null
jq -e '[.findings[] | select(.rule == "typography.loose-line")] | length == 0' "$work/r2.json" >/dev/null ||
  fail "with a tolerance above $ratio: $(jq -c .findings "$work/r2.json")"

# a value out of range is an error at the style sheet's line, and nothing is laid out
style 0.5
set +e
"$folio" check "$work/doc.xml" --style "$work/style.xml" 2>"$work/bad.err"
code=$?
set -e
[ "$code" = 1 ] && grep -q "style.xml:4:10: error: invalid value '0.5' for loose-line-tolerance: expected a number from 1 to 100, or none" \
  "$work/bad.err" || fail "loose-line-tolerance 0.5: exit $code, $(cat "$work/bad.err")"

langs=$(jq -c '[.findings[] | select(.rule == "accessibility.unmarked-language") | [.line, (.message | capture("xml:lang=\"(?<l>[a-z]+)\"").l)]]' "$work/r.json")
[ "$langs" = '[[9,"de"],[11,"pl"]]' ] || fail "unmarked languages: $langs"

for s in "$src"/source/*.xml; do
  for st in brochure a5-booklet; do
    "$folio" check "$s" --style "$src/styles/$st.xml" --report json >"$work/seed.json" 2>/dev/null
    jq -e '[.findings[] | select(.rule == "accessibility.unmarked-language" or .rule == "accessibility.alt-is-file-name")] | length == 0' \
      "$work/seed.json" >/dev/null || fail "$(basename "$s") in $st: $(jq -c '[.findings[] | select(.category == "accessibility")]' "$work/seed.json")"
  done
done
echo "report_loose_languages: ok"
