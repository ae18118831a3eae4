#!/usr/bin/env bash
# Checks every content source against the source schema and every style sheet against the style
# schema with xmllint, and that each schema still rejects a known-bad file (so that a schema that
# accepts everything cannot pass). Usage: bash schema.sh FOLIO_BINARY SOURCE_DIR WORKDIR
# (the folio binary is not needed here; the argument keeps the e2e calling convention).
set -euo pipefail

if [[ $# -ne 3 ]]; then
    echo "usage: bash schema.sh FOLIO_BINARY SOURCE_DIR WORKDIR" >&2
    exit 2
fi
src_dir=$2
work=$3
source_rng=$src_dir/source/schema/folio-source.rng
style_rng=$src_dir/source/schema/folio-style.rng
mkdir -p "$work"
if ! command -v xmllint >/dev/null; then
    echo "schema.sh: xmllint not found (apt install libxml2-utils)" >&2
    exit 1
fi

failures=0
# validate SCHEMA FILE: xmllint must accept FILE.
validate() {
    if ! xmllint --noout --relaxng "$1" "$2"; then
        echo "FAIL: $2 does not match $(basename "$1")" >&2
        failures=$((failures + 1))
    fi
}
# reject SCHEMA FILE WHAT: xmllint must refuse FILE.
reject() {
    if xmllint --noout --relaxng "$1" "$2" 2>/dev/null; then
        echo "FAIL: $(basename "$1") accepts $3" >&2
        failures=$((failures + 1))
    fi
}

shopt -s nullglob

# 1. Content sources.
sources=("$src_dir"/source/*.xml)
if [[ ${#sources[@]} -eq 0 ]]; then
    echo "FAIL: no content source in $src_dir/source" >&2
    exit 1
fi
for f in "${sources[@]}"; do validate "$source_rng" "$f"; done
cat >"$work/no-alt.xml" <<'XML'
<document version="1" xml:lang="en"><meta><title>T</title></meta><figure src="a.png"/></document>
XML
reject "$source_rng" "$work/no-alt.xml" "a figure without alt"

# 2. Style sheets (none may exist yet).
styles=("$src_dir"/styles/*.xml)
if [[ ${#styles[@]} -eq 0 ]]; then
    echo "schema.sh: $src_dir/styles has no .xml yet; skipping the style-sheet check"
else
    for f in "${styles[@]}"; do validate "$style_rng" "$f"; done
fi
cat >"$work/bad-selector.xml" <<'XML'
<stylesheet version="1"><style match="p .lead" font-size="9pt"/></stylesheet>
XML
reject "$style_rng" "$work/bad-selector.xml" "the selector \"p .lead\""

if [[ $failures -gt 0 ]]; then
    echo "schema.sh: $failures failure(s)" >&2
    exit 1
fi
echo "schema.sh: ${#sources[@]} source(s) and ${#styles[@]} style sheet(s) valid"
