#!/usr/bin/env bash
# `folio snapshot` writes a BagIt bag (RFC 8493) with the PDF/A, the HTML, the source, its image,
# the style sheet, the fonts and a provenance file; `folio verify` accepts it and catches a flipped
# byte, a deleted file and an added file (exit 1, naming the file); the same inputs give the same
# payload; a non-empty folder is refused; a broken source leaves no bag.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work/src/images"
# A source with a figure (a 1x1 PNG), so that an image is among the inputs.
base64 -d > "$work/src/images/dot.png" <<<'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
sed 's|^\(    <p>Since 2011\)|    <figure src="images/dot.png" alt="A dot"><caption>A dot</caption></figure>\n\1|' \
  "$src/source/iom-budapest.xml" > "$work/src/doc.xml"
grep -q 'images/dot.png' "$work/src/doc.xml" || fail "could not add the figure"
export SOURCE_DATE_EPOCH=1700000000
bag=$work/bag

"$folio" snapshot "$work/src/doc.xml" --style "$src/styles/brochure.xml" -o "$bag" >"$work/snap.out" ||
  fail "snapshot failed: $(cat "$work/snap.out")"
ls -a "$work" | grep -q '\.tmp' && fail "a temporary folder was left behind"

# The layout of the bag.
for f in bagit.txt bag-info.txt manifest-sha256.txt tagmanifest-sha256.txt data/doc.pdf data/doc.html \
         data/source/doc.xml data/source/images/dot.png data/style/brochure.xml data/provenance.json; do
  [ -f "$bag/$f" ] || fail "the bag lacks $f"
done
ls "$bag"/data/fonts/*.ttf >/dev/null 2>&1 || fail "the bag has no fonts"
printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' | cmp - "$bag/bagit.txt" || fail "wrong bagit.txt"
grep -qx 'Source-Organization: IOM Budapest' "$bag/bag-info.txt" || fail "no Source-Organization"
grep -qx 'Bagging-Date: 2023-11-14' "$bag/bag-info.txt" || fail "Bagging-Date is not from SOURCE_DATE_EPOCH"
grep -q '^External-Description: IOM Budapest, the IOM Regional Office' "$bag/bag-info.txt" || fail "no External-Description"
grep -qx "External-Identifier: sha256:$(sha256sum "$work/src/doc.xml" | cut -d' ' -f1)" "$bag/bag-info.txt" ||
  fail "no External-Identifier"
grep -qx 'Bag-Software-Agent: folio [0-9.]*' "$bag/bag-info.txt" || fail "no Bag-Software-Agent"
octets=$(find "$bag/data" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
count=$(find "$bag/data" -type f | wc -l)
grep -qx "Payload-Oxum: $octets.$count" "$bag/bag-info.txt" || fail "wrong Payload-Oxum (want $octets.$count)"
(cd "$bag" && sha256sum --quiet -c manifest-sha256.txt && sha256sum --quiet -c tagmanifest-sha256.txt) ||
  fail "sha256sum disagrees with the manifests"
[ "$(wc -l < "$bag/manifest-sha256.txt")" -eq "$count" ] || fail "the manifest does not list every payload file"
cmp "$work/src/images/dot.png" "$bag/data/source/images/dot.png" || fail "the image is not copied as it is"
jq -e '.format == "folio-provenance" and .version == 1 and .options.pdfa == true' "$bag/data/provenance.json" \
  >/dev/null || fail "bad provenance.json"
jq -e --arg h "$(sha256sum "$src/styles/brochure.xml" | cut -d' ' -f1)" \
  '.inputs | any(.role == "style" and .sha256 == $h)' "$bag/data/provenance.json" >/dev/null ||
  fail "provenance lacks the style sheet's hash"
jq -e '.inputs | any(.role == "image" and .path == "data/source/images/dot.png")' "$bag/data/provenance.json" \
  >/dev/null || fail "provenance lacks the image"
# The PDF is PDF/A and the HTML self-contained (its image is a data URI).
pdfinfo -meta "$bag/data/doc.pdf" | grep 'pdfaid:part' >/dev/null || fail "the PDF declares no PDF/A part"
grep -q 'data:image/png;base64,' "$bag/data/doc.html" || fail "the HTML is not self-contained"
# The copied source renders again from inside the bag.
"$folio" check "$bag/data/source/doc.xml" --style "$bag/data/style/brochure.xml" >/dev/null ||
  fail "the source in the bag does not check"

# verify: OK.
out=$("$folio" verify "$bag") || fail "verify rejected a fresh bag: $out"
[ "$(wc -l <<<"$out")" -eq 1 ] && [[ "$out" == *": OK, $count payload files"* ]] || fail "verify said: $out"

expect_invalid() {  # what, expected line fragment
  set +e
  "$folio" verify "$bag" >"$work/verify.out" 2>&1
  local code=$?
  set -e
  [ "$code" -eq 1 ] || fail "$1: verify exited $code, expected 1"
  grep -qF -- "$2" "$work/verify.out" || fail "$1: expected '$2' in: $(cat "$work/verify.out")"
}
cp -a "$bag" "$work/pristine"
# A flipped byte.
printf '\x00' | dd of="$bag/data/doc.pdf" bs=1 seek=400 conv=notrunc status=none
expect_invalid "flipped byte" "altered: data/doc.pdf"
rm -rf "$bag" && cp -a "$work/pristine" "$bag"
# A deleted file.
rm "$bag/data/style/brochure.xml"
expect_invalid "deleted file" "missing: data/style/brochure.xml"
rm -rf "$bag" && cp -a "$work/pristine" "$bag"
# An added file, in the payload and beside it.
echo extra > "$bag/data/notes.txt"
expect_invalid "added payload file" "extra: data/notes.txt"
rm "$bag/data/notes.txt" && echo extra > "$bag/notes.txt"
expect_invalid "added tag file" "extra: notes.txt"
rm -rf "$bag" && cp -a "$work/pristine" "$bag"
# An altered tag file.
sed -i 's|Source-Organization: .*|Source-Organization: Someone else|' "$bag/bag-info.txt"
expect_invalid "altered bag-info" "altered: bag-info.txt"
rm -rf "$bag" && cp -a "$work/pristine" "$bag"

# Reproducible: a second bag has the same payload, byte for byte.
"$folio" snapshot "$work/src/doc.xml" --style "$src/styles/brochure.xml" -o "$work/bag2" -q
cmp "$bag/manifest-sha256.txt" "$work/bag2/manifest-sha256.txt" || fail "two snapshots differ: $(diff "$bag/manifest-sha256.txt" "$work/bag2/manifest-sha256.txt")"
cmp "$bag/bag-info.txt" "$work/bag2/bag-info.txt" || fail "bag-info.txt differs between snapshots"
# Without SOURCE_DATE_EPOCH or a <date>, there is no Bagging-Date (never the clock).
env -u SOURCE_DATE_EPOCH "$folio" snapshot "$work/src/doc.xml" --style "$src/styles/brochure.xml" -o "$work/bag3" -q
grep -q '^Bagging-Date:' "$work/bag3/bag-info.txt" && fail "a Bagging-Date without a date source"

# A non-empty folder is refused (usage error) and left alone; an empty one is used.
set +e
"$folio" snapshot "$work/src/doc.xml" -o "$bag" >/dev/null 2>"$work/refuse.err"
code=$?
set -e
[ "$code" -eq 2 ] || fail "snapshot into a non-empty folder exited $code"
grep -q "non-empty" "$work/refuse.err" || fail "no reason given: $(cat "$work/refuse.err")"
"$folio" verify "$bag" >/dev/null || fail "the refused snapshot touched the existing bag"
mkdir "$work/empty"
"$folio" snapshot "$work/src/doc.xml" -o "$work/empty" -q || fail "snapshot into an empty folder failed"
"$folio" verify "$work/empty" >/dev/null || fail "the bag in the empty folder does not verify"

# A broken source: exit 1, the error with its position, no bag and no temporary folder.
sed 's|^  <section id="iom-budapest">|  <bogus/><section id="iom-budapest">|' "$src/source/iom-budapest.xml" > "$work/src/bad.xml"
set +e
"$folio" snapshot "$work/src/bad.xml" -o "$work/badbag" >/dev/null 2>"$work/bad.err"
code=$?
set -e
[ "$code" -eq 1 ] || fail "a broken source exited $code"
grep -q "bad.xml:13:3: error: " "$work/bad.err" || fail "no positioned error: $(cat "$work/bad.err")"
[ ! -e "$work/badbag" ] || fail "a bag was written for a broken source"
ls -a "$work" | grep -q '\.tmp' && fail "a temporary folder was left behind"
echo "snapshot_bag: ok ($count payload files)"
