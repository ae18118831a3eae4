# Helpers for the pdf_*.sh end-to-end tests (sourced after lib.bash).

# A minimal source in $1/doc.xml: a dated document with a CMYK-coloured paragraph; extra body
# XML (figures) from $2.
write_source() {
  cat > "$1/doc.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
  <meta>
    <title>Print &amp; &lt;test&gt;</title>
    <author>Tester</author>
    <date>2024-05-17</date>
    <keywords>print, test</keywords>
    <description>A small document for the PDF tests.</description>
  </meta>
  <section id="one">
    <title>Colours</title>
    <p class="ink">Dark red text in CMYK.</p>
    <p>Black text in RGB.</p>
    ${2:-}
  </section>
</document>
XML
}

# A style sheet in $1/$2: A4 with the page attributes $3 (e.g. bleed="3mm" marks="crop").
write_style() {
  cat > "$1/$2" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<stylesheet version="1" name="test">
  <page size="A4" margin="20mm" $3/>
  <style match="document" font-family="Lato" font-size="11pt" color="#000000"/>
  <style match=".ink" color="cmyk(0, 1, 1, 0.4)"/>
</stylesheet>
XML
}

# Box NAME of page 1 as "left bottom right top", from pdfinfo -box.
box() { pdfinfo -box "$1" | awk -v n="$2:" '$1 == n { print $2, $3, $4, $5 }'; }

# Fails unless the numbers $1 and $2 differ by less than 0.02.
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(d < 0.02 && d > -0.02) }' || fail "$3: $1, expected $2"; }

# Runs every reader on PDF $1; any failure or any output on stderr fails. Debian's mutool is
# built without lcms2 and says "warning: ICC support is not available" on every run: that line
# is about the tool, not the file, and is the only one ignored.
check_readers() {
  local pdf=$1 err
  err=$( {
    pdfinfo "$pdf" >/dev/null || echo "pdfinfo failed"
    pdftoppm -r 20 -png "$pdf" "$pdf.render" || echo "pdftoppm failed"
    qpdf --check "$pdf" >/dev/null || echo "qpdf --check failed"
    gs -q -dNOPAUSE -dBATCH -sDEVICE=nullpage "$pdf" >/dev/null || echo "gs failed"
    mutool info "$pdf" >/dev/null || echo "mutool info failed"
    mutool draw -q -o /dev/null "$pdf" >/dev/null || echo "mutool draw failed"
  } 2>&1 | grep -v '^warning: ICC support is not available$' || true)
  rm -f "$pdf".render*
  [ -z "$err" ] || fail "$pdf: $err"
}

# Pixel values of a gray PGM rendered by pdftoppm ($1), as "x y value" lines, for awk.
pgm_pixels() {
  local header width
  header=$(head -c 20 "$1" | tr '\n' ' ')
  width=$(echo "$header" | awk '{ print $2 }')
  local offset
  offset=$(head -c 20 "$1" | awk 'BEGIN { n = 0 } { n += length($0) + 1; if (NR == 3) { print n; exit } }')
  tail -c +"$((offset + 1))" "$1" | od -An -tu1 -v | tr -s ' ' '\n' | grep -v '^$' |
    awk -v w="$width" '{ print (NR - 1) % w, int((NR - 1) / w), $1 }'
}

# Average RGB of the pixels of PPM $1 within x0 y0 x1 y1 (pixels), as "r g b".
ppm_average() {
  local f=$1 x0=$2 y0=$3 x1=$4 y1=$5 width offset
  width=$(head -c 20 "$f" | tr '\n' ' ' | awk '{ print $2 }')
  offset=$(head -c 20 "$f" | awk 'BEGIN { n = 0 } { n += length($0) + 1; if (NR == 3) { print n; exit } }')
  tail -c +"$((offset + 1))" "$f" | od -An -tu1 -v | tr -s ' ' '\n' | grep -v '^$' |
    awk -v w="$width" -v x0="$x0" -v y0="$y0" -v x1="$x1" -v y1="$y1" '
      { i = NR - 1; p = int(i / 3); c = i % 3; x = p % w; y = int(p / w)
        if (x >= x0 && x < x1 && y >= y0 && y < y1) { s[c] += $1; if (c == 0) n++ } }
      END { if (n) printf "%d %d %d\n", s[0] / n, s[1] / n, s[2] / n }'
}
