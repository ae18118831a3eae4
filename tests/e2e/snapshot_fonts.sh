#!/usr/bin/env bash
# A snapshot bag carries its fonts' licences and a README.txt that tells a future reader how to
# render it again (issue 20): the copyright file of each font package (fonts-lato and, for the
# brochure with Caladea replaced by the CFF P052, fonts-urw-base35) is in data/fonts/licences/, listed
# in the manifest and in provenance.json; the README names every font with its package and
# licence and gives the build command; and following the README with nothing but the bag's own
# fonts (a fontconfig configuration that knows only data/fonts/) gives the bag's PDF byte for byte.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000
sed -e 's/font-family="Caladea"/font-family="P052"/' "$src/styles/brochure.xml" > "$work/style.xml"
grep -q 'font-family="P052"' "$work/style.xml" || fail "the brochure style names no Caladea to replace"
"$folio" snapshot "$src/source/iom-budapest.xml" --style "$work/style.xml" -o "$work/bag" >"$work/snap.out" 2>&1 ||
  fail "snapshot failed: $(cat "$work/snap.out")"
bag=$work/bag
for p in fonts-lato fonts-urw-base35; do
  cmp -s "$bag/data/fonts/licences/$p.txt" "/usr/share/doc/$p/copyright" || fail "the bag lacks the licence of $p"
  grep -q "^[0-9a-f]*  data/fonts/licences/$p.txt$" "$bag/manifest-sha256.txt" || fail "$p's licence is not in the manifest"
  grep -q "\"path\": \"data/fonts/licences/$p.txt\"" "$bag/data/provenance.json" || fail "$p's licence is not in the provenance"
done
[ ! -e "$bag/data/fonts/licences/fonts-crosextra-caladea.txt" ] || fail "the licence of an unused font is in the bag"
readme=$bag/data/README.txt
[ -s "$readme" ] || fail "the bag has no data/README.txt"
for f in "$bag"/data/fonts/*.*; do
  name=$(basename "$f")
  grep -q "data/fonts/$name$" "$readme" || fail "the README does not name $name"
done
grep -q "from the Debian package fonts-lato; licence: data/fonts/licences/fonts-lato.txt" "$readme" || fail "the README does not give Lato's licence"
grep -q "SOURCE_DATE_EPOCH=1700000000 folio build data/source/iom-budapest.xml --style data/style/style.xml --pdfa -o out/" "$readme" ||
  fail "the README does not give the command that renders the bag again: $(cat "$readme")"
"$folio" verify "$bag" >/dev/null || fail "folio verify refuses the bag"

# Follow the README, with the bag's fonts only.
mkdir -p "$work/cache"
cat > "$work/fonts.conf" <<XML
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$bag/data/fonts</dir><cachedir>$work/cache</cachedir></fontconfig>
XML
(cd "$bag" && FONTCONFIG_FILE=$work/fonts.conf "$folio" build data/source/iom-budapest.xml --style data/style/style.xml \
   --pdfa -o "$work/again" -q) || fail "the bag does not render again with its own fonts"
cmp -s "$work/again/iom-budapest.pdf" "$bag/data/iom-budapest.pdf" || fail "the bag renders again to a different PDF"
echo "snapshot_fonts: ok"
