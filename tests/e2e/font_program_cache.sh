#!/usr/bin/env bash
# The embedded font programs' cache (#23, src/pdf/font_program_cache.hpp): a second build reads
# the subset TrueType programs from folio's cache folder instead of making them, and its PDF is
# byte for byte the first's; a damaged or cut cache file is not trusted: the PDF is still the
# same, and the file is made anew.
set -euo pipefail
folio=$(realpath "$1") src=$(realpath "$2") work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
export XDG_CACHE_HOME=$work/cache SOURCE_DATE_EPOCH=1700000000
build() { "$folio" build "$src/source/iom-budapest.xml" -s "$src/styles/brochure.xml" -o "$work/$1" -q --pdf-only; }
build first
cache=$XDG_CACHE_HOME/folio/pdf-fonts
files=("$cache"/*.bin)
[ -f "${files[0]}" ] || fail "no font program cached in $cache"
fonts=$(pdffonts "$work/first/iom-budapest.pdf" | tail -n +3 | grep -c TrueType || true)
[ "${#files[@]}" -eq "$fonts" ] || fail "${#files[@]} cached programs for $fonts TrueType fonts"
stamp=$(stat -c %i.%s "${files[0]}")  # a file stored again is a new inode (rename)
build second
cmp "$work/first/iom-budapest.pdf" "$work/second/iom-budapest.pdf" || fail "the PDF from the cache differs"
[ "$(stat -c %i.%s "${files[0]}")" = "$stamp" ] || fail "a cached program was made again"
# Damaged: one byte changed in the first file; cut: the second file halved.
printf 'X' | dd of="${files[0]}" bs=1 seek=100 conv=notrunc status=none
size=$(stat -c %s "${files[1]:-${files[0]}}")
truncate -s $((size / 2)) "${files[1]:-${files[0]}}"
build third
cmp "$work/first/iom-budapest.pdf" "$work/third/iom-budapest.pdf" || fail "the PDF after damaged cache files differs"
[ "$(stat -c %s "${files[1]:-${files[0]}}")" -eq "$size" ] || fail "the cut cache file was not made anew"
pdftotext "$work/third/iom-budapest.pdf" - | grep -q "Budapest" || fail "no text in the PDF"
echo "font_program_cache: ok"
