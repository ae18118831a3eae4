#!/usr/bin/env bash
# The shape of the code against the conventions (docs/architecture.md, "Rules the code keeps"):
# files of src/ over 600 lines, functions over 100 lines, and m_ members set from outside their
# class (the Knuth-Plass main loop may be longer: long_functions_allowed). Prints one line per
# finding, "FILE:LINE: ...", and exits 1 when there is any. ctest runs it as code_shape
# (tools/code_shape_test.sh, which also plants a violation of each rule).
# Usage: code_shape.sh SOURCE_DIR [--files] [--functions] [--members] (default: all three)
#
# Heuristics, not a parser: a function is a brace block opened outside any other function whose
# text since the previous `;`, `{` or `}` holds a `)` and is not a class, struct, enum, union,
# namespace or an initializer (`= {`); comments, string, character and raw string literals are
# skipped; its length runs from the line of its name to its closing brace. A member is "set from
# outside" when `x.m_name` or `x->m_name` (x not `this`, `other` or `rhs`) is assigned,
# incremented, or has push_back/emplace_back/insert/clear/erase/assign/resize/reset/swap called.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: code_shape.sh SOURCE_DIR [--files] [--functions] [--members]" >&2
    exit 2
fi
root=$1
shift
files=0 functions=0 members=0
[[ $# -eq 0 ]] && files=1 functions=1 members=1
for arg in "$@"; do
    case $arg in
        --files) files=1 ;;
        --functions) functions=1 ;;
        --members) members=1 ;;
        *) echo "code_shape: unknown option $arg" >&2; exit 2 ;;
    esac
done
max_file_lines=600
max_function_lines=100
# FILE:FUNCTION pairs that may be longer (issue 15: the Knuth-Plass main loop), space-separated.
long_functions_allowed="src/layout/linebreak.cpp:run_pass"

cd "$root"
mapfile -t sources < <(find src -type f \( -name '*.hpp' -o -name '*.cpp' \) | LC_ALL=C sort)
findings=$(mktemp)
trap 'rm -f "$findings"' EXIT

if [[ $files -eq 1 ]]; then
    for f in "${sources[@]}"; do
        n=$(wc -l <"$f")
        if [[ $n -gt $max_file_lines ]]; then echo "$f:1: file of $n lines (at most $max_file_lines)"; fi
    done >>"$findings"
fi

if [[ $functions -eq 1 ]]; then
    for f in "${sources[@]}"; do
        awk -v file="$f" -v limit="$max_function_lines" -v allowed=" $long_functions_allowed " '
        # Blocks: kind[d] is "f" (a function), "o" (inside a function) or "s" (a scope: namespace,
        # class, initializer) for the block opened at depth d.
        function header_kind(h,   t) {
            t = h
            gsub(/[[:space:]]+/, " ", t)
            if (t ~ /(^| )(namespace|class|struct|enum|union)( |$)/ && t !~ /\)/) return "s"
            if (t ~ /(^| )(class|struct|union|enum)( [A-Za-z_][A-Za-z0-9_:<>, ]*)?( final)?( ?:[^()]*)?$/) return "s"
            if (t ~ /=[[:space:]]*$/ || t ~ /^[[:space:]]*$/) return "s"
            if (t ~ /\)/) return "f"
            return "s"
        }
        function name_of(h,   t, p) {
            t = h
            gsub(/[[:space:]]+/, " ", t)
            p = index(t, "(")
            if (p == 0) return "?"
            t = substr(t, 1, p - 1)
            sub(/ +$/, "", t)
            sub(/.* /, "", t)
            return t
        }
        BEGIN { depth = 0; in_fn = 0; header = ""; header_line = 0; in_comment = 0; raw_end = "" }
        {
            line = $0
            i = 1
            n = length(line)
            if (line ~ /^[[:space:]]*#/ && raw_end == "" && !in_comment) next  # preprocessor
            while (i <= n) {
                c = substr(line, i, 1)
                if (raw_end != "") {  # inside a raw string literal
                    p = index(substr(line, i), raw_end)
                    if (p == 0) { i = n + 1; continue }
                    i += p - 1 + length(raw_end); raw_end = ""; continue
                }
                if (in_comment) {
                    p = index(substr(line, i), "*/")
                    if (p == 0) { i = n + 1; continue }
                    i += p + 1; in_comment = 0; continue
                }
                two = substr(line, i, 2)
                if (two == "//") break
                if (two == "/*") { in_comment = 1; i += 2; continue }
                if (c == "R" && substr(line, i + 1, 1) == "\"" && (i == 1 || substr(line, i - 1, 1) !~ /[A-Za-z0-9_]/)) {
                    rest = substr(line, i + 2)
                    p = index(rest, "(")
                    raw_end = ")" substr(rest, 1, p - 1) "\""
                    i += 2 + p
                    continue
                }
                if (c == "\"" || c == "\047") {  # a string or character literal
                    j = i + 1
                    while (j <= n && substr(line, j, 1) != c) { if (substr(line, j, 1) == "\\") j++; j++ }
                    i = j + 1
                    continue
                }
                if (c == "{") {
                    depth++
                    if (in_fn) kind[depth] = "o"
                    else {
                        kind[depth] = header_kind(header)
                        if (kind[depth] == "f") { in_fn = depth; fn_start = header_line ? header_line : NR; fn_name = name_of(header) }
                    }
                    header = ""; header_line = 0
                } else if (c == "}") {
                    if (in_fn == depth) {
                        len = NR - fn_start + 1
                        if (len > limit && !index(allowed, " " file ":" fn_name " ")) printf "%s:%d: function %s of %d lines (at most %d)\n", file, fn_start, fn_name, len, limit
                        in_fn = 0
                    }
                    if (depth > 0) depth--
                    header = ""; header_line = 0
                } else if (c == ";") {
                    header = ""; header_line = 0
                } else if (!in_fn) {
                    if (c !~ /[[:space:]]/ && header_line == 0) header_line = NR
                    header = header c
                }
                i++
            }
            if (!in_fn) header = header " "
        }' "$f"
    done >>"$findings"
fi

if [[ $members -eq 1 ]]; then
    for f in "${sources[@]}"; do
        awk -v file="$f" '
        {
            t = $0
            sub(/\/\/.*/, "", t)
            gsub(/(this|other|rhs)[[:space:]]*(\.|->)[[:space:]]*m_/, "", t)
            if (t ~ /(\.|->)[[:space:]]*m_[A-Za-z0-9_]+[[:space:]]*((=[^=])|\+=|-=|\*=|\/=|\|=|&=|\+\+|--|(\.|->)(push_back|emplace_back|insert|clear|erase|assign|resize|reset|swap)\()/) {
                line = $0
                sub(/^[[:space:]]+/, "", line)
                printf "%s:%d: m_ member set from outside its class: %s\n", file, NR, line
            }
        }' "$f"
    done >>"$findings"
fi

cat "$findings"
[[ ! -s $findings ]]
