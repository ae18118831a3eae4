#!/usr/bin/env bash
# Languages end to end (issue 20): German, French and Czech paragraphs hyphenate with their own
# patterns (found by tag with fallbacks: de-AT -> de), a language without patterns gets exactly
# one warning naming it and its element, the compiled patterns are cached under
# $XDG_CACHE_HOME/folio and mapped on the next run (same bytes out), and a cache folder that
# cannot be written changes nothing but speed.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
cat > "$work/langs.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
  <meta><title>Languages</title><organisation>Test</organisation></meta>
  <p xml:lang="de-AT">In Wien und Linz gibt die Donaudampfschifffahrtsgesellschaft Informationsbroschüren über
    Arbeitnehmerfreizügigkeit, Aufenthaltsgenehmigungen, Sozialversicherungsabkommen und
    Staatsangehörigkeitsbestimmungen; Verwaltungsvorschriften, Anerkennungsverfahren und
    Integrationsvereinbarungen ergänzen die Übersichten.</p>
  <p xml:lang="fr">Les organisations internationales publient régulièrement des recommandations
    interministérielles, des déclarations intergouvernementales et des communications
    institutionnelles sur l’hébergement, l’enregistrement administratif et la reconnaissance.</p>
  <p xml:lang="cs">Mezinárodní organizace zveřejňují pravidelně doporučení, prohlášení a metodické
    příručky o zaměstnávání, ubytování, zdravotním pojištění a registraci cizinců.</p>
  <p xml:lang="tlh">Klingon paragraph without patterns, long enough to wrap across several lines of the
    column, so that it would have been hyphenated.</p>
  <p xml:lang="tlh">A second Klingon paragraph: still one warning for the language.</p>
</document>
XML
export XDG_CACHE_HOME=$work/cache
"$folio" build "$work/langs.xml" --style "$src/styles/brochure.xml" -o "$work/out1" --pdf-only 2> "$work/err1"

# One warning for tlh, at the first <p> in it; none for de-AT, fr or cs.
[ "$(grep -c 'no hyphenation patterns' "$work/err1")" -eq 1 ] || fail "expected one warning: $(cat "$work/err1")"
line=$(grep -n 'xml:lang="tlh"' "$work/langs.xml" | head -1 | cut -d: -f1)
grep -q "langs.xml:$line:[0-9]*: warning: no hyphenation patterns for language 'tlh' (in <p>)" "$work/err1" ||
  fail "the warning does not name tlh, <p> and line $line: $(cat "$work/err1")"

# Each language hyphenated its long words with its own patterns (content-stream order: one
# line of the column per line of text).
raw=$(pdftotext -raw -enc UTF-8 "$work/out1/langs.pdf" -)
hyphenated_in() {  # lines ending in letter + '-' from the line starting $1 to the line starting $2
  printf '%s\n' "$raw" | sed -n "/^$1/,/^$2/p" | grep -cE '[[:alpha:]]-$' || true
}
[ "$(hyphenated_in 'In Wien' 'ergänzen')" -ge 3 ] || fail "German not hyphenated: $raw"
[ "$(hyphenated_in 'Les organisations' 'trement')" -ge 2 ] || fail "French not hyphenated: $raw"
[ "$(hyphenated_in 'Mezinárodní' 'ubytování')" -ge 1 ] || fail "Czech not hyphenated: $raw"
printf '%s\n' "$raw" | grep -q 'Donaudampfschiff-$' || fail "not the German patterns' break: $raw"
pdf_text "$work/out1/langs.pdf" | grep -q "Donaudampfschifffahrtsgesellschaft" || fail "German text lost"

# The patterns were compiled into the cache; a second run maps them and writes the same bytes.
ls "$work/cache/folio/"hyph_de*.bin "$work/cache/folio/"hyph_fr*.bin "$work/cache/folio/"hyph_cs*.bin >/dev/null ||
  fail "no cached images: $(ls -R "$work/cache" 2>&1)"
[ -z "$(find "$work/cache" -name '*.bin.*')" ] || fail "a temporary file was left in the cache"
export SOURCE_DATE_EPOCH=1700000000
"$folio" build "$work/langs.xml" --style "$src/styles/brochure.xml" -o "$work/out2" --pdf-only -q 2>/dev/null
"$folio" build "$work/langs.xml" --style "$src/styles/brochure.xml" -o "$work/out3" --pdf-only -q 2>/dev/null
cmp -s "$work/out2/langs.pdf" "$work/out3/langs.pdf" || fail "a mapped run wrote other bytes"

# A damaged image is rebuilt, not trusted: same bytes again.
for f in "$work/cache/folio/"*.bin; do printf 'garbage' | dd of="$f" bs=1 seek=4000 conv=notrunc status=none; done
"$folio" build "$work/langs.xml" --style "$src/styles/brochure.xml" -o "$work/out4" --pdf-only -q 2>/dev/null
cmp -s "$work/out2/langs.pdf" "$work/out4/langs.pdf" || fail "a damaged cache changed the output"

# No writable cache folder: built in memory, same bytes.
mkdir -p "$work/ro" && touch "$work/ro/folio"
XDG_CACHE_HOME=$work/ro "$folio" build "$work/langs.xml" --style "$src/styles/brochure.xml" -o "$work/out5" --pdf-only -q 2>/dev/null
cmp -s "$work/out2/langs.pdf" "$work/out5/langs.pdf" || fail "without a cache the output differs"
echo "ok"
