#!/usr/bin/env bash
# Contents, cross-references and internal links end to end: a source with a table of contents,
# sections forced onto later pages and references to them. The printed page numbers must be the
# pages the titles land on, and every internal link must point at that page (read with qpdf --json).
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
cat > "$work/links.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
  <meta><title>Links</title><organisation>Test</organisation><cover/></meta>
  <contents/>
  <p>First see <ref to="gamma"/>, then <ref to="beta"/>.</p>
  <section id="alpha"><title>Alpha section</title><p>Alpha text.</p></section>
  <break/>
  <section id="beta"><title>Beta section</title><p>Beta text, before <ref to="alpha"/>.</p></section>
  <break/>
  <section id="gamma"><title>Gamma section</title><p>Gamma text.</p>
    <section id="delta"><title>Delta subsection</title><p>Delta text.</p></section>
  </section>
</document>
XML
"$folio" build "$work/links.xml" --style "$src/styles/brochure.xml" -o "$work" --pdf-only -q
pdf=$work/links.pdf
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -eq 4 ] || fail "expected 4 pages (cover + 3), got $pages"

page_of() {  # the last page with the title $1 as a line of its own (the contents list it too)
  local p
  for p in $(seq "$pages" -1 2); do
    if pdftotext -f "$p" -l "$p" "$pdf" - | grep -qx "$1"; then echo "$p"; return; fi
  done
  echo 0
}
alpha=$(page_of "Alpha section"); beta=$(page_of "Beta section"); gamma=$(page_of "Gamma section")
delta=$(page_of "Delta subsection")
[ "$alpha" -eq 2 ] && [ "$beta" -eq 3 ] && [ "$gamma" -eq 4 ] && [ "$delta" -eq 4 ] ||
  fail "titles landed on unexpected pages: $alpha $beta $gamma $delta"

# The contents: one line per title with its page number after the dot leaders.
toc=$(pdftotext -layout -f 2 -l 2 "$pdf" - | sed -n '/Contents/,$p')
for entry in "Alpha section:$alpha" "Beta section:$beta" "Gamma section:$gamma" "Delta subsection:$delta"; do
  title=${entry%:*} number=${entry#*:}
  echo "$toc" | grep -Eq "^ *$title *[. ]{3,} *$number *$" || fail "contents line for '$title' does not end in $number: $toc"
done

# The cross-references print title and page.
text=$(pdf_text "$pdf")
[[ "$text" == *"First see Gamma section, page $gamma, then Beta section, page $beta."* ]] || fail "reference text wrong: $text"
[[ "$text" == *"before Alpha section, page $alpha."* ]] || fail "back reference wrong"

# Every internal link points at the page of its target: links on page 2 (contents and the
# first paragraph) and on the Beta page.
qpdf --json=2 --json-key=pages --json-key=qpdf "$pdf" > "$work/pdf.json"
jq -r '
  .qpdf[1] as $o
  | (.pages | map({(.object): .pageposfrom1}) | add) as $num
  | .pages[] | .pageposfrom1 as $from | .object as $pobj
  | ($o["obj:" + $pobj].value["/Annots"] // []) as $annots
  | (if ($annots | type) == "string" then $o["obj:" + $annots].value else $annots end)[]
  | $o["obj:" + .].value
  | select(.["/Subtype"] == "/Link" and .["/Dest"] != null)
  | (.["/Dest"] | if type == "string" then $o["obj:" + .].value else . end) as $dest
  | "\($from) \($num[$dest[0]]) \(.["/Rect"][1] | floor)"' "$work/pdf.json" > "$work/links.txt"
# (from page, target page) pairs: the contents and two references on page 2, one on page 3 (a
# reference broken across lines has one link area per line, so pairs are compared as a set)
[ "$(wc -l < "$work/links.txt")" -ge 7 ] || fail "expected at least 7 internal links: $(cat "$work/links.txt")"
awk '{print $1, $2}' "$work/links.txt" | sort -u > "$work/links-sorted.txt"
printf '%s\n' "2 $alpha" "2 $beta" "2 $gamma" "2 $delta" "3 $alpha" | sort -u > "$work/expected.txt"
diff "$work/expected.txt" "$work/links-sorted.txt" || fail "internal links do not point at their targets' pages"
echo "layout_links: ok"
