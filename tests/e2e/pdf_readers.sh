#!/usr/bin/env bash
# Every shipped example (source/*.xml with each styles/*.xml), plain, --pdfa and --marks, opens
# without a warning in poppler (pdfinfo, pdftoppm), qpdf --check, Ghostscript and MuPDF.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
. "$src/tests/e2e/pdf_lib.bash"
rm -rf "$work" && mkdir -p "$work"
n=0
for source in "$src"/source/*.xml; do
  for style in "$src"/styles/*.xml; do
    for flags in "" "--pdfa" "--marks"; do
      out="$work/$(basename "$source" .xml)-$(basename "$style" .xml)${flags:+-${flags#--}}"
      # shellcheck disable=SC2086  # flags is one word or none
      "$folio" build "$source" -s "$style" -o "$out" --pdf-only -q $flags 2>"$out.err" ||
        fail "folio $flags failed on $source with $style: $(cat "$out.err")"
      check_readers "$out/$(basename "$source" .xml).pdf"
      n=$((n + 1))
    done
  done
done
[ "$n" -gt 0 ] || fail "no examples found"
echo "pdf_readers: ok ($n PDFs)"
