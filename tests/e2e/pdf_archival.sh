#!/usr/bin/env bash
# Archival and reproducible PDF: --pdfa writes PDF/A-2b metadata (XMP consistent with the Info
# dictionary), an sRGB ICC v2 output intent, header 1.7 and an /ID; dates come only from
# SOURCE_DATE_EPOCH or the source's <date>; two builds at different times, in different folders
# and time zones give the same bytes. See docs/pdf-output.md for what is checked and what is not.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/pdf_lib.bash"
rm -rf "$work" && mkdir -p "$work"
write_source "$work"
write_style "$work" style.xml 'bleed="3mm"'
build() { "$folio" build "$work/doc.xml" -s "$work/style.xml" -o "$1" -q "${@:2}" 2>/dev/null; }

# 1. PDF/A-2a (tagged, the default; PDF/UA-1 too, with pdfuaid declared as an extension
#    schema), and PDF/A-2b with --no-tags.
build "$work/b" --pdfa --pdf-only --no-tags
meta=$(pdfinfo -meta "$work/b/doc.pdf")
[[ "$meta" == *'<pdfaid:conformance>B</pdfaid:conformance>'* ]] || fail "untagged PDF/A is not 2b"
[[ "$meta" != *pdfuaid* ]] || fail "an untagged PDF claims PDF/UA"
build "$work/a" --pdfa --pdf-only
pdf=$work/a/doc.pdf
head -c 9 "$pdf" | grep -q '^%PDF-1.7' || fail "PDF/A header is not %PDF-1.7"
meta=$(pdfinfo -meta "$pdf")
for want in '<pdfaid:part>2</pdfaid:part>' '<pdfaid:conformance>A</pdfaid:conformance>' \
            '<pdfuaid:part>1</pdfuaid:part>' '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>' \
            '<dc:format>application/pdf</dc:format>'; do
  [[ "$meta" == *"$want"* ]] || fail "XMP lacks $want"
done
echo "$meta" | xmllint --noout - || fail "the XMP packet is not well-formed XML"
# --pdf-standard names the same standards; a tagged one cannot be had untagged.
build "$work/s" --pdf-only --pdf-standard a-2a,ua-1
cmp -s "$work/s/doc.pdf" "$pdf" || fail "--pdf-standard a-2a,ua-1 differs from --pdfa"
if "$folio" build "$work/doc.xml" -s "$work/style.xml" -o "$work/x" -q --no-tags --pdf-standard ua-1 2>/dev/null; then
  fail "--no-tags --pdf-standard ua-1 was accepted"
fi
xmp() { echo "$meta" | sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" | sed -e 's/<\/\?rdf:[^>]*>//g' -e 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g'; }
info() { pdfinfo "$pdf" | sed -n "s/^$1: *//p"; }
[ "$(xmp dc:title)" = "$(info Title)" ] || fail "dc:title '$(xmp dc:title)' != Title '$(info Title)'"
[ "$(info Title)" = "Print & <test>" ] || fail "Title is '$(info Title)'"
[ "$(xmp dc:creator)" = "$(info Author)" ] || fail "dc:creator != Author"
[ "$(xmp dc:description)" = "$(info Subject)" ] || fail "dc:description != Subject"
[ "$(xmp pdf:Keywords)" = "$(info Keywords)" ] || fail "pdf:Keywords != Keywords"
[ "$(xmp pdf:Producer)" = "$(info Producer)" ] || fail "pdf:Producer != Producer"
[ "$(xmp xmp:CreatorTool)" = "$(info Creator)" ] || fail "xmp:CreatorTool != Creator"
# Dates: the source's <date> at midnight UTC, the same in Info and XMP.
[ "$(xmp xmp:CreateDate)" = "2024-05-17T00:00:00+00:00" ] || fail "xmp:CreateDate is '$(xmp xmp:CreateDate)'"
qpdf --qdf --object-streams=disable "$pdf" "$work/a.qdf"
grep -aq "/CreationDate (D:20240517000000+00'00')" "$work/a.qdf" || fail "Info CreationDate differs from the XMP"
grep -aq "/ModDate (D:20240517000000+00'00')" "$work/a.qdf" || fail "Info ModDate differs from the XMP"
# The metadata stream is not filtered (PDF/A forbids it) and hangs from the catalog.
grep -aq '/Subtype /XML' "$work/a.qdf" || fail "no XMP metadata stream"
# Output intent: GTS_PDFA1 with an RGB ICC profile of version 2.
grep -aq '/S /GTS_PDFA1' "$work/a.qdf" || fail "no PDF/A output intent"
grep -aq '/OutputConditionIdentifier (sRGB IEC61966-2.1)' "$work/a.qdf" || fail "output intent is not sRGB"
icc_obj=$(qpdf --json "$pdf" | grep -o '"/DestOutputProfile": *"[0-9]* 0 R"' | grep -o '[0-9][0-9]* 0 R' | cut -d' ' -f1 | head -1)
[ -n "$icc_obj" ] || fail "no DestOutputProfile"
qpdf --show-object="$icc_obj" --filtered-stream-data "$pdf" > "$work/profile.icc"
[ "$(head -c 9 "$work/profile.icc" | tail -c 1 | od -An -tu1 | tr -d ' ')" = "2" ] || fail "output profile is not ICC version 2"
[ "$(head -c 20 "$work/profile.icc" | tail -c 4)" = "RGB " ] || fail "output profile is not RGB"
# The file identifier, fonts embedded, links printable, no forbidden things.
tail -c 400 "$pdf" | grep -aq '/ID \[ <[0-9A-F]\{32\}> <[0-9A-F]\{32\}> \]' || fail "no /ID in the trailer"
pdffonts "$pdf" | tail -n +3 | awk '{ if ($(NF-4) != "yes") exit 1 }' || fail "a font is not embedded"
grep -aEq '/(Encrypt|JavaScript|JS|Launch|EmbeddedFile)\b' "$work/a.qdf" && fail "PDF/A forbids what the file contains"
grep -aEq '^0 0 0 1 k$|^[0-9. ]+ (k|K)$' "$work/a.qdf" && fail "PDF/A with an sRGB intent uses DeviceCMYK"
check_readers "$pdf"
# --pdfa with --cmyk is refused.
if "$folio" build "$work/doc.xml" -s "$work/style.xml" -o "$work/x" --pdfa --cmyk -q 2>"$work/x.err"; then
  fail "--pdfa --cmyk was accepted"
fi
grep -q 'cannot be combined' "$work/x.err" || fail "--pdfa --cmyk: $(cat "$work/x.err")"

# 2. Dates: SOURCE_DATE_EPOCH wins over the source's date; without either there is none.
SOURCE_DATE_EPOCH=1700000000 build "$work/epoch" --pdf-only
qpdf --qdf --object-streams=disable "$work/epoch/doc.pdf" "$work/epoch.qdf"
grep -aq "/CreationDate (D:20231114221320+00'00')" "$work/epoch.qdf" || fail "SOURCE_DATE_EPOCH not used"
sed -e '/<date>/d' "$work/doc.xml" > "$work/undated.xml"
"$folio" build "$work/undated.xml" -s "$work/style.xml" -o "$work/undated" --pdf-only -q 2>/dev/null
pdfinfo "$work/undated/undated.pdf" | grep -q CreationDate && fail "a date without SOURCE_DATE_EPOCH or <date>"

# 3. Reproducible: another folder, another time zone, a second later, an unrelated current
# directory; PDF (plain and PDF/A) and HTML byte-identical.
sleep 1
mkdir -p "$work/elsewhere"
(cd "$work/elsewhere" && TZ=Pacific/Kiritimati build "$work/b" --pdfa --pdf-only)
cmp "$pdf" "$work/b/doc.pdf" || fail "PDF/A differs between two builds"
(cd / && TZ=America/Los_Angeles build "$work/c1")
sleep 1
(cd "$work" && TZ=Asia/Kolkata LC_ALL=C build "$work/c2")
cmp "$work/c1/doc.pdf" "$work/c2/doc.pdf" || fail "PDF differs between two builds"
cmp "$work/c1/doc.html" "$work/c2/doc.html" || fail "HTML differs between two builds"
# The /ID follows the content: a different title gives a different ID.
sed -e 's/Print &amp;/Printed &amp;/' "$work/doc.xml" > "$work/other.xml"
"$folio" build "$work/other.xml" -s "$work/style.xml" -o "$work/other" --pdf-only -q 2>/dev/null
id() { tail -c 400 "$1" | grep -ao '/ID \[ <[0-9A-F]*>'; }
[ "$(id "$work/c1/doc.pdf")" != "$(id "$work/other/other.pdf")" ] || fail "/ID does not depend on the content"
echo "pdf_archival: ok"
