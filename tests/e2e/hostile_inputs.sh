#!/usr/bin/env bash
# A table of bad inputs (issue 16, docs/limits.md): sources, style sheets, images, fonts and the
# command line. Each case asserts the exit code (1 for bad input, 2 for usage, 0 where the input
# is only warned about), a message that names the problem (for input: `path:line:column: error:`),
# no crash and no hang (exit < 124), peak memory under a cap (/usr/bin/time -f %M) and that the
# outputs of an earlier good build into the same folder are untouched, byte for byte.
#
# A case is one line of the table at the bottom: NAME EXIT 'MESSAGE (extended regex)' ARGS...
# Before it runs, `make_NAME` (when defined) writes the case's files into $here/; the ARGS may
# use $here, $good (a good source, doc.xml, with an image), $style and $work. Every build goes
# to -o $out, where the good build left doc.pdf and doc.html (a case whose exit is 0 writes to
# $here/out instead). The file-system cases (kill -9, concurrent builds, full disk, read-only
# folder) live with the safe writes, in their own tests.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
command -v /usr/bin/time >/dev/null || fail "/usr/bin/time is needed (Debian package time)"
rm -rf "$work" && mkdir -p "$work/good/images" "$work/out"
style=$src/styles/brochure.xml
good=$work/good/doc.xml
out=$work/out
# the 20 MB paragraph is refused at about 70 MB; a good build takes about 40 MB. Under ASan its
# shadow memory more than doubles every figure: tests/sanitize sets FOLIO_TEST_MEM_CAP_KB.
mem_cap_kb=${FOLIO_TEST_MEM_CAP_KB:-300000}  # (400 MB while the tagged PDF cost more: docs/limits.md)

# --- the good build whose outputs every failing case must leave alone ---
cp "$src/source/images/bar-chart.png" "$work/good/images/chart.png"
head='<?xml version="1.0" encoding="UTF-8"?>
<document version="1" xml:lang="en">
<meta><title>Hostile</title></meta>'
printf '%s\n<p>Good text.</p>\n<figure src="images/chart.png" alt="A chart"/>\n</document>\n' "$head" > "$good"
"$folio" build "$good" --style "$style" -o "$out" -q
(cd "$out" && ls -A && sha256sum doc.pdf doc.html) > "$work/outputs.before"

# A source doc.xml in $here whose body (line 4 on) is the arguments, printed with printf %b.
body() { printf '%s\n' "$head" > "$here/doc.xml"; printf '%b' "$@" >> "$here/doc.xml"; printf '\n</document>\n' >> "$here/doc.xml"; }
# `count` copies of `open`, then `inner`, then `count` copies of `close`, as a source body.
nested() {
  local open=$1 inner=$2 close=$3 count=$4
  { printf '%s\n<p>' "$head"
    awk -v o="$open" -v n="$count" 'BEGIN { for (i = 0; i < n; i++) printf "%s", o }'
    printf '%s' "$inner"
    awk -v c="$close" -v n="$count" 'BEGIN { for (i = 0; i < n; i++) printf "%s", c }'
    printf '</p>\n</document>\n'; } > "$here/doc.xml"
}
# A figure of image `file` (written by the caller into $here).
figure() { body "<figure src=\"$1\" alt=\"x\"/>"; }
# A style sheet $here/style.xml whose third line is the argument.
sheet() { printf '<?xml version="1.0"?>\n<stylesheet version="1" name="x">\n%b\n</stylesheet>\n' "$1" > "$here/style.xml"; }
# One PNG chunk: TYPE and its data as printf escapes; the CRC-32 is the one gzip writes.
png_chunk() {
  local data="$1$2" len crc
  len=$(printf '%b' "$2" | wc -c)
  crc=$(printf '%b' "$data" | gzip -c | tail -c 8 | head -c 4 | od -An -tx1 | awk '{ print "\\x"$4"\\x"$3"\\x"$2"\\x"$1 }')
  printf '%b' "$(be32 "$len")$data$crc"
}
be32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) $(($1 >> 8 & 255)) $(($1 & 255)); }
# A PNG declaring WIDTH x HEIGHT pixels (8-bit RGB), with valid CRCs and an empty zlib stream.
png_header() {
  { printf '\x89PNG\r\n\x1a\n'
    png_chunk IHDR "$(be32 "$1")$(be32 "$2")\\x08\\x02\\x00\\x00\\x00"
    png_chunk IDAT '\x78\x9c\x03\x00\x00\x00\x00\x01'
    png_chunk IEND ''; } > "$3"
}

# --- sources: characters ---
make_nonchar_raw() { body '<p>a \xef\xbf\xbf b</p>'; }
make_nonchar_ref() { body '<p>a &#xFFFF; b</p>'; }
make_nonchar_fdd0() { body '<p>a &#xFDD0; b</p>'; }
make_nul_byte() { body '<p>a \x00 b</p>'; }
make_nul_ref() { body '<p>a &#0; b</p>'; }
make_control_c0() { body '<p>a \x01 b</p>'; }
make_control_c1() { body '<p>a \xc2\x85 b</p>'; }
make_surrogate_ref() { body '<p>a &#xD800; b</p>'; }
make_beyond_unicode() { body '<p>a &#x110000; b</p>'; }
make_invalid_utf8() { body '<p>a \xff b</p>'; }
make_non_bmp() { body '<p>a \xf0\x9f\x98\x80 b</p>'; }
# --- sources: XML ---
make_malformed() { body '<p>unclosed\n'; }
make_empty_file() { : > "$here/doc.xml"; }
make_wrong_root() { printf '<html/>\n' > "$here/doc.xml"; }
make_undefined_entity() { body '<p>a&nbsp;b</p>'; }
make_entity_expansion() {
  printf '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<document version="1" xml:lang="en"><meta><title>T</title></meta>\n<p>&b;&b;&b;</p></document>\n' > "$here/doc.xml"
}
make_external_entity() {
  printf '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<document version="1" xml:lang="en"><meta><title>T</title></meta>\n<p>&x;</p></document>\n' > "$here/doc.xml"
}
# --- sources: depth and size ---
make_deep_em() { nested '<em>' x '</em>' 20000; }
make_deep_list() { nested '<ul><li>' x '</li></ul>' 20000; }
make_deep_sections() { nested '<section><title>t</title>' x '</section>' 20000; }
make_deep_million() { nested '<em>' x '</em>' 1000000; }
make_long_paragraph() {
  { printf '%s\n<p>' "$head"; awk 'BEGIN { for (i = 0; i < 2000000; i++) printf "abcdefghi " }'; printf '</p>\n</document>\n'; } > "$here/doc.xml"
}
make_long_word() {
  { printf '%s\n<p>see ' "$head"; head -c 5000000 /dev/zero | tr '\0' 'w'; printf '</p>\n</document>\n'; } > "$here/doc.xml"
}
make_sections_one_line() { "$src/bench/generate-sections" 20000 "$here/doc.xml" one-line; }
make_long_attribute() { body "<p><a href=\"https://example.org/$(head -c 20000 /dev/zero | tr '\0' a)\">x</a></p>"; }
make_many_attributes() { body "<p $(awk 'BEGIN { for (i = 0; i < 50000; i++) printf "a%d=\"\" ", i }')>x</p>"; }
make_below_limits() {
  body "<p>$(awk 'BEGIN { for (i = 0; i < 19999; i++) printf "abcdefghi " }')</p>\\n<p>see $(head -c 9999 /dev/zero | tr '\0' w)</p>"
}
# --- sources: links and paths ---
make_javascript_link() { body '<p><a href="javascript:alert(1)">click</a> <a href="data:text/html,x">d</a></p>'; }
make_image_symlink() {
  mkdir -p "$here/images" "$work/outside"; cp "$src/source/images/bar-chart.png" "$work/outside/secret.png"
  ln -sf "$work/outside/secret.png" "$here/images/chart.png"; figure images/chart.png
}
make_image_dotdot() { figure ../good/images/chart.png; }
make_image_missing() { figure images/none.png; }
make_image_device() { figure /dev/zero; }
make_image_folder() { mkdir -p "$here/images/dir.png"; figure images/dir.png; }
# --- images ---
make_png_truncated() { head -c 60 "$src/source/images/bar-chart.png" > "$here/x.png"; figure x.png; }
make_png_huge() { png_header 20000 20000 "$here/x.png"; figure x.png; }
make_png_wide() { png_header 100000 1 "$here/x.png"; figure x.png; }
make_png_zero() { png_header 0 10 "$here/x.png"; figure x.png; }
make_image_magic() { printf 'GIF89a\x01\x00\x01\x00' > "$here/x.png"; figure x.png; }
make_image_empty() { : > "$here/x.png"; figure x.png; }
make_jpeg_truncated() { printf '\xff\xd8\xff\xe0\x00\x10JFIF' > "$here/x.jpg"; figure x.jpg; }
make_jpeg_huge() {
  # SOI, a quantization table, a 60000 x 60000 frame, a scan header, EOI
  printf '\xff\xd8\xff\xdb\x00\x43\x00' > "$here/x.jpg"
  head -c 64 /dev/zero | tr '\0' '\1' >> "$here/x.jpg"
  printf '\xff\xc0\x00\x11\x08\xea\x60\xea\x60\x03\x01\x11\x00\x02\x11\x00\x03\x11\x00' >> "$here/x.jpg"
  printf '\xff\xda\x00\x0c\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00\x00\x00\xff\xd9' >> "$here/x.jpg"
  figure x.jpg
}
# --- style sheets ---
make_style_malformed() { sheet '  <style match="p"'; }
make_style_nul() { sheet '  <footer content="a\x00"/>'; }
make_style_nonchar() { sheet '  <footer content="a&#xFFFF;"/>'; }
make_style_unknown_property() { sheet '  <style match="p" colour="#000"/>'; }
make_style_bad_length() { sheet '  <style match="p" font-size="12qq"/>'; }
make_style_long_value() { sheet "  <footer content=\"$(head -c 20000 /dev/zero | tr '\0' x)\"/>"; }
make_style_deep() {
  { printf '<?xml version="1.0"?>\n<stylesheet version="1" name="x">\n'
    awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "<style match=\"p\">" }'
    awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "</style>" }'
    printf '\n</stylesheet>\n'; } > "$here/style.xml"
}
# --- fonts ---
make_font_junk() { head -c 4096 /dev/urandom > "$here/bad.ttf"; sheet "  <style match=\"p\" font-family=\"$here/bad.ttf\"/>"; }
make_font_cut() {
  head -c 20000 /usr/share/fonts/truetype/lato/Lato-Regular.ttf > "$here/cut.ttf"
  sheet "  <style match=\"p\" font-family=\"$here/cut.ttf\"/>"
}
make_font_default() { sheet '  <style match="p" font-size="12pt"/>'; }
make_font_unknown() { sheet '  <style match="p" font-family="Latoo"/>'; }
# tables (issue 17): many rows, more columns than the measure holds (an error: a column narrower
# than two characters and a hyphen would put ink outside its cell), absurd spans
make_table_many_rows() {
  body "$(awk 'BEGIN { print "<table><thead><tr><th>A</th><th>B</th></tr></thead>"
    for (i = 0; i < 8000; i++) printf "<tr><td>a%d</td><td>b%d</td></tr>\n", i, i; print "</table>" }')"
}
make_table_many_columns() {
  body "$(awk 'BEGIN { printf "<table>"; for (r = 0; r < 3; r++) { printf "<tr>"
    for (i = 0; i < 1000; i++) printf "<td>x%d</td>", i; printf "</tr>" } print "</table>" }')"
}
make_table_huge_spans() { body '<table><tr><td rowspan="70000" colspan="5000">a</td></tr></table>'; }
# --- command line ---
make_directory_source() { mkdir -p "$here/dir.xml"; }

cases=0
run_case() {  # NAME EXIT MESSAGE ARGS...
  local name=$1 want=$2 pattern=$3
  shift 3
  here=$work/cases/$name
  mkdir -p "$here"
  if declare -F "make_$name" >/dev/null; then "make_$name"; fi
  local args=() a dest=$out
  for a in "$@"; do args+=("$(eval "printf '%s' \"$a\"")"); done
  [ "$want" -ne 0 ] || dest=$here/out
  set +e
  /usr/bin/time -f %M -o "$here/mem" timeout 120 "$folio" "${args[@]}" -o "$dest" >"$here/stdout" 2>"$here/stderr"
  local code=$?
  set -e
  [ "$code" -lt 124 ] || fail "$name: crashed or hung (exit $code): $(tail -3 "$here/stderr")"
  [ "$code" -eq "$want" ] || fail "$name: exit code $code, expected $want: $(head -c 600 "$here/stderr")"
  if [ "$pattern" = '!error' ]; then  # a build that must succeed without errors
    ! grep -q 'error:' "$here/stderr" || fail "$name: errors: $(head -c 600 "$here/stderr")"
  else
    grep -Eq -- "$pattern" "$here/stderr" || fail "$name: expected /$pattern/ in: $(head -c 600 "$here/stderr")"
  fi
  local kb
  kb=$(tail -1 "$here/mem")
  [ "$kb" -le "$mem_cap_kb" ] || fail "$name: peak memory $kb KB, above the cap of $mem_cap_kb KB"
  (cd "$out" && ls -A && sha256sum doc.pdf doc.html) > "$here/outputs.after"
  cmp -s "$work/outputs.before" "$here/outputs.after" ||
    fail "$name: the earlier outputs changed: $(diff "$work/outputs.before" "$here/outputs.after")"
  cases=$((cases + 1))
}

# The table. MESSAGE is an extended regex over stderr; $here etc. are expanded in ARGS only.
D='doc\.xml:[0-9]+:[0-9]+: error: '  # a positioned error in the case's source
S='style\.xml:[0-9]+:[0-9]+: error: '  # ... in its style sheet
while read -r name want pattern rest; do
  [ -n "$name" ] && [ "${name:0:1}" != '#' ] || continue
  pattern=${pattern//@D/$D} && pattern=${pattern//@S/$S} && pattern=${pattern//_/ }
  eval "args=($rest)"
  run_case "$name" "$want" "$pattern" "${args[@]}"
done <<'TABLE'
# sources: characters (MESSAGE: '_' stands for a space, @D for a positioned error in doc.xml)
nonchar_raw          1 doc\.xml:4:6:_error:_the_non-character_U\+FFFF_is_not_allowed        build '$here/doc.xml' --style '$style'
nonchar_ref          1 doc\.xml:4:6:_error:_the_non-character_U\+FFFF                           build '$here/doc.xml' --style '$style'
nonchar_fdd0         1 @Dthe_non-character_U\+FDD0                                              build '$here/doc.xml' --style '$style'
nul_byte             1 doc\.xml:4:6:_error:_the_NUL_character_U\+0000                           build '$here/doc.xml' --style '$style'
nul_ref              1 @Dthe_NUL_character_U\+0000                                              build '$here/doc.xml' --style '$style'
control_c0           1 @Dthe_control_character_U\+0001                                          build '$here/doc.xml' --style '$style'
control_c1           1 @Dthe_control_character_U\+0085                                          build '$here/doc.xml' --style '$style'
surrogate_ref        1 @Dthe_unpaired_surrogate_U\+D800                                         build '$here/doc.xml' --style '$style'
beyond_unicode       1 @Dthe_code_point_U\+110000.*Unicode_ends_at_U\+10FFFF                    build '$here/doc.xml' --style '$style'
invalid_utf8         1 @Dinvalid_UTF-8_\(byte_0xFF\)                                            build '$here/doc.xml' --style '$style'
non_bmp              1 @Dcharacter_U\+1F600_is_outside_the_Basic_Multilingual_Plane             build '$here/doc.xml' --style '$style'
# sources: XML
malformed            1 @Dmalformed_XML                                                          build '$here/doc.xml' --style '$style'
empty_file           1 doc\.xml:1:1:_error:_malformed_XML:_no_document_element                  build '$here/doc.xml' --style '$style'
wrong_root           1 doc\.xml:1:1:_error:_root_element_is_<html>                              build '$here/doc.xml' --style '$style'
undefined_entity     1 @Dmalformed_XML:_undefined_entity_&nbsp;                                 build '$here/doc.xml' --style '$style'
entity_expansion     1 @Dmalformed_XML:_undefined_entity_&b;                                    build '$here/doc.xml' --style '$style'
external_entity      1 @Dmalformed_XML:_undefined_entity_&x;                                    build '$here/doc.xml' --style '$style'
# sources: depth and size
deep_em              1 doc\.xml:4:1020:_error:_<em>_is_nested_257_elements_deep                 build '$here/doc.xml' --style '$style'
deep_list            1 @D<(ul|li)>_is_nested_257_elements_deep;_folio_reads_at_most_256          build '$here/doc.xml' --style '$style'
deep_sections        1 @D<[a-z]+>_is_nested_257_elements_deep                                    build '$here/doc.xml' --style '$style'
deep_million         1 @D<em>_is_nested_257_elements_deep                                        build '$here/doc.xml' --style '$style'
long_paragraph       1 doc\.xml:4:1:_error:_<p>_holds_19,999,999_characters.*at_most_200,000     build '$here/doc.xml' --style '$style'
long_word            1 doc\.xml:4:8:_error:_a_word_of_more_than_10,000_characters_\("wwww        build '$here/doc.xml' --style '$style'
long_attribute       1 doc\.xml:4:7:_error:_attribute_"href"_on_<a>_holds_20,020_characters;_folio_takes_at_most_10,000  build '$here/doc.xml' --style '$style'
many_attributes      1 doc\.xml:4:1:_error:_<p>_has_50,000_attributes;_folio_reads_at_most_256  build '$here/doc.xml' --style '$style'
below_limits         0 !error                                                                     build '$here/doc.xml' --style '$style'
sections_one_line    0 !error                                                                     build '$here/doc.xml' --style '$style'
table_many_rows      0 !error                                                                     build '$here/doc.xml' --style '$style'
table_many_columns   1 doc\.xml:4:1:_error:_the_table's_1000_columns_need_[0-9]+_pt_to_hold_a_piece_of_a_word_in_each  build '$here/doc.xml' --style '$style'
table_huge_spans     1 doc\.xml:4:[0-9]+:_error:_rowspan="70000"_is_not_a_whole_number_from_1_to_65534  build '$here/doc.xml' --style '$style'
# sources: links and paths
javascript_link      0 doc\.xml:4:7:_warning:_a_link_to_a_javascript:_URI_is_not_allowed        build '$here/doc.xml' --style '$style'
image_symlink        1 @Dimage_path_leaves_the_source's_folder:_images/chart\.png_\(through_a_symbolic_link  build '$here/doc.xml' --style '$style'
image_dotdot         1 @Dimage_path_leaves_the_source's_folder                                  build '$here/doc.xml' --style '$style'
image_device         1 @Dimage_is_not_a_regular_file:_/dev/zero                                   build '$here/doc.xml' --style '$style' --allow-outside
image_folder         1 @Dimage_is_not_a_regular_file:_.*images/dir\.png                          build '$here/doc.xml' --style '$style'
source_device        1 /dev/zero:_error:_the_file_is_larger_than_64_MiB                           build /dev/zero --style '$style'
style_device         1 /dev/urandom:_error:_the_file_is_larger_than_64_MiB                        build '$good' --style /dev/urandom
image_missing        1 @Dimage_file_not_found                                                   build '$here/doc.xml' --style '$style'
# images
png_truncated        1 @Dcannot_use_image_.*x\.png:_corrupt_PNG                                 build '$here/doc.xml' --style '$style'
png_huge             1 @D.*x\.png:_the_image_is_20000_x_20000_pixels.*at_most_50_megapixels    build '$here/doc.xml' --style '$style'
png_wide             1 @D.*the_image_is_100000_x_1_pixels.*at_most_65535_pixels_a_side          build '$here/doc.xml' --style '$style'
png_zero             1 @D.*the_image_declares_0_x_10_pixels                                     build '$here/doc.xml' --style '$style'
image_magic          1 @D.*not_a_PNG_or_JPEG_file                                               build '$here/doc.xml' --style '$style'
image_empty          1 @D.*x\.png:_the_file_is_empty                                            build '$here/doc.xml' --style '$style'
jpeg_truncated       1 @D.*x\.jpg:_corrupt_JPEG                                                 build '$here/doc.xml' --style '$style'
jpeg_huge            1 @D.*the_image_is_60000_x_60000_pixels                                    build '$here/doc.xml' --style '$style'
# style sheets
style_malformed      1 @Smalformed_XML                                                          build '$good' --style '$here/style.xml'
style_nul            1 style\.xml:3:21:_error:_the_NUL_character_U\+0000                        build '$good' --style '$here/style.xml'
style_nonchar        1 @Sthe_non-character_U\+FFFF                                              build '$good' --style '$here/style.xml'
style_unknown_property 1 style\.xml:3:20:_error:_unknown_property                               build '$good' --style '$here/style.xml'
style_bad_length     1 @Sinvalid_value_'12qq'_for_font-size                                     build '$good' --style '$here/style.xml'
style_long_value     1 style\.xml:3:11:_error:_attribute_"content"_on_<footer>_holds_20,000_characters  build '$good' --style '$here/style.xml'
style_deep           1 @S                                                                       build '$good' --style '$here/style.xml'
# fonts: the error names the file and sits at the declaration that asked for it (the default
# family, which no declaration names, has no line: the message says so)
font_junk            1 style\.xml:3:20:_error:_font_file_.*bad\.ttf:_cannot_be_opened           build '$good' --style '$here/style.xml'
font_cut             1 style\.xml:3:20:_error:_font_file_.*cut\.ttf:                            build '$good' --style '$here/style.xml'
font_default         1 style\.xml:_error:_unknown_font_family_'serif'.*it_is_the_default,_so_set_font-family  build '$good' --style '$here/style.xml'
font_unknown         1 style\.xml:3:20:_error:_unknown_font_family_'Latoo'                      build '$good' --style '$here/style.xml'
# command line: usage errors exit 2
unknown_flag         2 not_expected:_--bogus                                                    build '$good' --bogus
unknown_command      2 not_expected:.*frobnicate                                                frobnicate
missing_source       2 does_not_exist:_.*/none\.xml                                             build '$here/none.xml'
directory_source     2 is_actually_a_directory                                                  build '$here/dir.xml'
missing_style        2 --style:_File_does_not_exist                                             build '$good' --style '$here/none.xml'
directory_style      2 --style:_File_is_actually_a_directory                                    build '$good' --style '$work'
bad_threads          2 not_expected                                                             build '$good' --threads abc
TABLE

# Two cases whose outputs say more than their messages.
! grep -aq 'javascript\|/URI (data' "$work/cases/javascript_link/out/doc.pdf" || fail "javascript_link: a URI action in the PDF"
grep -q 'click' "$work/cases/javascript_link/out/doc.html" || fail "javascript_link: the link's text was lost"
[ "$cases" -ge 40 ] || fail "only $cases cases ran"
echo "ok: $cases hostile inputs"
