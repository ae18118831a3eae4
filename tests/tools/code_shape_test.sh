#!/usr/bin/env bash
# ctest code_shape: the tree keeps the conventions' shape (code_shape.sh finds nothing), and the
# checker finds each of its three rules broken in a planted tree.
# Usage: code_shape_test.sh SOURCE_DIR WORK_DIR
set -euo pipefail
root=$1 work=$2
here=$(dirname "$0")
bash "$here/code_shape.sh" "$root"

rm -rf "$work" && mkdir -p "$work/src/planted"
{
    echo "struct Box { int m_size = 0; };"
    echo "void long_one(Box& b) {"
    for i in $(seq 1 120); do echo "    b.m_size += $i;"; done
    echo "}"
    for i in $(seq 1 500); do echo "// filler $i"; done
} >"$work/src/planted/big.cpp"
if found=$(bash "$here/code_shape.sh" "$work"); then
    echo "code_shape_test: the planted violations were not found" >&2
    exit 1
fi
for want in "file of 623 lines" "function long_one of" "m_ member set from outside"; do
    if ! grep -q "$want" <<<"$found"; then
        echo "code_shape_test: missing finding '$want' in:" >&2
        echo "$found" >&2
        exit 1
    fi
done
echo "code_shape: the tree is clean and the planted violations are found"
