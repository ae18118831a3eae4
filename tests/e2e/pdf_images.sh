#!/usr/bin/env bash
# Figures end to end: PNG (RGBA, 16-bit) and JPEG (gray, RGB, CMYK) images made by Ghostscript are
# embedded once each, render in their colours, and a corrupt image stops the build with an error
# at the <figure> that names the file, writing nothing.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/pdf_lib.bash"
rm -rf "$work" && mkdir -p "$work"

# A 60 x 40 px image filled with one colour (PostScript setrgbcolor / setcmykcolor operands),
# through Ghostscript device $1 into $work/$2.
make_image() {
  gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE="$1" -r72 -g60x40 -sOutputFile="$work/$2" \
    -c "$3 0 0 ${4:-60} 40 rectfill showpage"
}

# Copies JPEG $1 to $2 without its APP2 (ICC profile) segments: Ghostscript's 64 KB CMYK profile
# pushes the frame header past the part of the file layout reads for the image size.
strip_app2() {
  local in=$1 out=$2 off=2 m1 m2 l1 l2 len
  head -c 2 "$in" > "$out"
  while read -r m1 m2 l1 l2 < <(od -An -tu1 -j "$off" -N4 "$in") && [ "$m1" = 255 ] && [ "$m2" != 218 ]; do
    len=$((l1 * 256 + l2))
    [ "$m2" = 226 ] || dd if="$in" bs=1 skip="$off" count="$((len + 2))" status=none >> "$out"
    off=$((off + 2 + len))
  done
  tail -c +"$((off + 1))" "$in" >> "$out"
}
# red on the left three quarters, transparent on the right: an alpha channel
make_image pngalpha rgba.png "1 0 0 setrgbcolor" 45
make_image png48 deep.png "0 0.6 0 setrgbcolor"
make_image jpeggray gray.jpg "0.3 setgray"
make_image jpeg rgb.jpg "0 0 1 setrgbcolor"
make_image jpegcmyk cmyk-icc.jpg "0 0 1 0 setcmykcolor"
strip_app2 "$work/cmyk-icc.jpg" "$work/cmyk.jpg"
figures=""
for f in rgba.png deep.png gray.jpg rgb.jpg cmyk.jpg rgba.png; do
  figures+="<figure src=\"$f\" alt=\"A flat $f\"><caption>$f</caption></figure>"
done
write_source "$work" "$figures"
write_style "$work" style.xml ''
"$folio" build "$work/doc.xml" -s "$work/style.xml" -o "$work/out" -q 2>/dev/null || fail "build with figures failed"
pdf=$work/out/doc.pdf
check_readers "$pdf"

# Each file once (rgba.png is used twice), the PNG alpha as a soft mask, JPEGs as DCT.
pdfimages -list "$pdf" > "$work/images.txt"
[ "$(awk '$3 == "image" { print $11 }' "$work/images.txt" | sort -u | wc -l)" -eq 5 ] ||
  fail "expected 5 distinct image objects: $(cat "$work/images.txt")"
[ "$(awk '$3 == "smask" { print $11 }' "$work/images.txt" | sort -u | wc -l)" -eq 1 ] || fail "expected 1 soft mask: $(cat "$work/images.txt")"
[ "$(awk '$3 == "image" && $9 == "jpeg"' "$work/images.txt" | wc -l)" -eq 3 ] || fail "JPEGs not passed through"
awk '$3 == "image" && $8 != 8 { exit 1 }' "$work/images.txt" || fail "an image is not 8 bits per component"
head -c 9 "$pdf" | grep -q '^%PDF-1\.[4-7]' || fail "soft masks need PDF 1.4 (tagged files are 1.7)"

# Colours as rendered: the image boxes, found through pdfimages' page order, are checked by the
# average colour of the middle of each placed image (pdftoppm at 72 dpi, 1 px = 1 pt).
qpdf --qdf --object-streams=disable "$pdf" "$work/q.pdf"
# (the first cm of a page places the trim box: 1 0 0 1 offset offset)
grep -ao '^[0-9.]* 0 0 [0-9.]* [0-9.]* [0-9.]* cm$' "$work/q.pdf" | grep -v '^1 0 0 1 ' > "$work/placements.txt" || true
[ "$(wc -l < "$work/placements.txt")" -ge 5 ] || fail "images not placed: $(cat "$work/placements.txt")"
expected=("255 0 0" "0 153 0" "77 77 77" "0 0 255" "255 255 0")
pdftoppm -r 72 -f 1 -l 1 "$work/out/doc.pdf" "$work/page"
H=$(head -c 20 "$work/page-1.ppm" | tr '\n' ' ' | awk '{ print $3 }')
i=0
while read -r w _ _ h x y _; do
  [ "$i" -lt 5 ] || break
  x0=$(awk -v x="$x" -v w="$w" 'BEGIN { print int(x + w / 3) }')
  x1=$(awk -v x="$x" -v w="$w" 'BEGIN { print int(x + 2 * w / 3) }')
  y0=$(awk -v y="$y" -v h="$h" -v H="$H" 'BEGIN { print int(H - y - 2 * h / 3) }')
  y1=$(awk -v y="$y" -v h="$h" -v H="$H" 'BEGIN { print int(H - y - h / 3) }')
  got=$(ppm_average "$work/page-1.ppm" "$x0" "$y0" "$x1" "$y1")
  read -r er eg eb <<< "${expected[$i]}"
  read -r r g b <<< "$got"
  awk -v r="$r" -v g="$g" -v b="$b" -v er="$er" -v eg="$eg" -v eb="$eb" \
    'function d(a, b) { return a > b ? a - b : b - a } BEGIN { exit !(d(r, er) < 24 && d(g, eg) < 24 && d(b, eb) < 24) }' ||
    fail "image $((i + 1)) renders as ($got), expected (${expected[$i]})"
  i=$((i + 1))
done < "$work/placements.txt"
[ "$i" -ge 4 ] || fail "only $i images on page 1"

# A corrupt image: exit 1, path:line:col at the <figure>, the file named, nothing written.
head -c 300 "$work/rgb.jpg" > "$work/broken.jpg"
printf 'garbage' > "$work/garbage.png"
for bad in broken.jpg garbage.png; do
  write_source "$work" "<figure src=\"$bad\" alt=\"Broken\"><caption>x</caption></figure>"
  line=$(grep -n "<figure" "$work/doc.xml" | cut -d: -f1)
  rm -rf "$work/bad"
  set +e
  "$folio" build "$work/doc.xml" -s "$work/style.xml" -o "$work/bad" 2>"$work/bad.err"
  code=$?
  set -e
  [ "$code" -eq 1 ] || fail "$bad: exit code $code, expected 1"
  grep -q "^$work/doc.xml:$line:[0-9]*: error: .*$work/$bad" "$work/bad.err" ||
    fail "$bad: no error at the figure naming the file: $(cat "$work/bad.err")"
  [ ! -e "$work/bad/doc.pdf" ] && [ ! -e "$work/bad/doc.html" ] || fail "$bad: output written"
done
echo "pdf_images: ok"
