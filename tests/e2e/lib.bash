# Shared helpers for the end-to-end tests (sourced; ctest runs only the *.sh files).
# Each test is called as: bash TEST.sh FOLIO_BINARY SOURCE_DIR WORK_DIR

fail() { echo "FAIL: $*" >&2; exit 1; }

# Plain text of a PDF, on one line, whitespace collapsed. Running footers ("... 3 / 7") are left
# out, so that a sentence across a page break reads as one. A line ending in a letter and '-' is
# either a word folio hyphenated ("organi-" / "zation") or a real hyphen ("counter-" /
# "trafficking"), so the text is given twice: first with such hyphens removed, then kept.
pdf_text() {
  local raw letter='[^[:space:][:punct:][:digit:]]'
  raw=$(pdftotext -enc UTF-8 "$1" - | grep -Ev '[0-9]+ / [0-9]+ *$')
  {
    printf '%s\n' "$raw" | sed -z -E "s/($letter)-\n[\n\f]*([^[:space:]])/\1\2/g"
    printf '\n'
    printf '%s\n' "$raw" | sed -z -E "s/($letter-)\n[\n\f]*([^[:space:]])/\1\2/g"
    # poppler's reading order drops a hyphen at a line end, even a real one ("South-|Eastern",
    # a UAX #14 break): its raw order keeps it; joined as a hyphenation before a lower-case letter
    printf '\n'
    pdftotext -raw -enc UTF-8 "$1" - | grep -Ev '[0-9]+ / [0-9]+ *$' |
      sed -z -E "s/($letter)-\n[\n\f]*([[:lower:]])/\1\2/g; s/($letter-)\n[\n\f]*([^[:space:]])/\1\2/g"
  } | tr '\n\f' '  ' | tr -s ' '
}

# Text of an HTML file as a reader sees it: tags and soft hyphens (U+00AD, invisible unless a line
# breaks there) stripped, the entities folio writes decoded, whitespace collapsed.
html_text() {
  sed -e 's/<[^>]*>/ /g' -e 's/\xc2\xad//g' "$1" | tr '\n' ' ' |
    sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&apos;/'"'"'/g; s/&amp;/\&/g' | tr -s ' '
}

# Sentences of the <p> elements of a folio source, one per line (split after ". ").
source_sentences() {
  grep -o '<p[ >].*</p>' "$1" | sed -e 's/<[^>]*>//g' -e 's/\. /.\n/g' | sed -e 's/^ *//; s/ *$//' | grep -v '^$'
}

# Checks that every sentence of SOURCE occurs in TEXT (a string).
expect_sentences() {
  local source=$1 text=$2 what=$3 missing=0
  while IFS= read -r s; do
    if [[ "$text" != *"$s"* ]]; then echo "missing from $what: $s" >&2; missing=$((missing + 1)); fi
  done < <(source_sentences "$source")
  [ "$missing" -eq 0 ] || fail "$missing sentences missing from $what"
}

# Fails unless headless Chromium's tooling (Node.js and tests/browser's npm packages) is there.
need_browser() {
  command -v node >/dev/null && [ -d "$1/node_modules/playwright-core" ] ||
    fail "Node.js or the npm packages of tests/browser are missing: run .ci/install-deps and .ci/install-browser-deps"
}

# The layout dump tool built beside FOLIO (tests/tools/layout_dump.cpp), or a failure.
layout_dump_of() {
  local dump
  dump=$(dirname "$1")/tests/layout_dump
  [ -x "$dump" ] || fail "build the layout dump tool first: $dump"
  echo "$dump"
}

# A fresh project made by `folio init` in WORK/p, and the shell moved into it.
new_project() {  # FOLIO WORK
  rm -rf "$2" && mkdir -p "$2"
  "$1" init "$2/p" -q
  cd "$2/p"
}
