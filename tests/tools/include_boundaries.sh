#!/usr/bin/env bash
# The include test (ctest include_boundaries): every #include in src/ keeps to the dependency
# table (docs/dependencies.txt), and a planted crossing is caught twice: by the checker
# (check_includes.sh), which names the file and line, and by the build, whose include roots do
# not give layout the PDF writer's headers nor the pipeline layout's private ones.
# The build cannot refuse a library header such as <hpdf.h>: it is in /usr/include, which every
# target searches whatever it links; that part is the checker's alone.
# Usage: include_boundaries.sh SOURCE_DIR WORK_DIR CXX INCLUDE_DIRS_FOLDER
# (INCLUDE_DIRS_FOLDER holds layout.txt and pipeline.txt, one include directory a line, as
# tests/CMakeLists.txt writes them).
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
[[ $# -eq 4 ]] || { echo "usage: include_boundaries.sh SOURCE_DIR WORK_DIR CXX INCLUDE_DIRS_FOLDER" >&2; exit 2; }
src_dir=$1 work=$2 cxx=$3 dirs=$4
checker=$(dirname "$0")/check_includes.sh
rm -rf "$work"
mkdir -p "$work"

# 1. The real tree keeps to the table.
bash "$checker" "$src_dir" || fail "src/ crosses the dependency table (lines above)"

# ... and docs/architecture.md shows the table as it is: the code block of its "Dependency table"
# section holds the table's lines without comments.
table_lines() { sed -e 's/[[:space:]]*#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1"; }
doc_lines() {
    awk '/^## Dependency table/ { in_section = 1; next } /^## / { in_section = 0 }
         in_section && /^```/ { in_block = !in_block; next } in_section && in_block' "$1" | sed -e '/^$/d'
}
if ! diff <(table_lines "$src_dir/docs/dependencies.txt") <(doc_lines "$src_dir/docs/architecture.md") \
    >"$work/table.diff"; then
    cat "$work/table.diff"
    fail "docs/architecture.md (Dependency table) does not show docs/dependencies.txt (< table, > doc)"
fi

# 2. A copy with a layout file that includes the libharu adapter and hpdf.h fails, naming both.
copy=$work/tree
mkdir -p "$copy/docs"
cp -r "$src_dir/src" "$copy/src"
cp "$src_dir/docs/dependencies.txt" "$copy/docs/"
victim=src/layout/paged_document.cpp
lines=$(wc -l <"$copy/$victim")
printf '#include "pdf/hpdf_adapter.hpp"\n#include <hpdf.h>\n' >>"$copy/$victim"
status=0
bash "$checker" "$copy" >"$work/planted.out" 2>&1 || status=$?
cat "$work/planted.out"
[[ $status -eq 1 ]] || fail "the checker exited $status on a planted crossing, not 1"
grep -qxF "$victim:$((lines + 1)): layout may not include pdf/hpdf_adapter.hpp (layout does not use pdf)" \
    "$work/planted.out" || fail "the checker did not name $victim:$((lines + 1)) (pdf/hpdf_adapter.hpp)"
grep -qxF "$victim:$((lines + 2)): layout may not include <hpdf.h> (only pdf)" "$work/planted.out" ||
    fail "the checker did not name $victim:$((lines + 2)) (<hpdf.h>)"
[[ $(grep -c 'may not include' "$work/planted.out") -eq 2 ]] || fail "the checker reported more than the two plants"

# 3. A private header of another stage, a library header of another stage and a ".." path fail.
cp "$src_dir/src/pipeline/pipeline.cpp" "$copy/src/pipeline/pipeline.cpp"
cp "$src_dir/$victim" "$copy/$victim"
printf '#include "layout/units.hpp"\n#include <pugixml.hpp>\n#include "../pdf/draw_page.hpp"\n' \
    >>"$copy/src/pipeline/pipeline.cpp"
status=0
bash "$checker" "$copy" >"$work/private.out" 2>&1 || status=$?
cat "$work/private.out"
[[ $status -eq 1 ]] || fail "the checker exited $status on a private include, not 1"
for want in 'pipeline may not include layout/units.hpp (private to layout)' \
            'pipeline may not include <pugixml.hpp> (only xml)' \
            'pipeline includes "../pdf/draw_page.hpp": no ".." in includes'; do
    grep -F "$want" "$work/private.out" | grep -q '^src/pipeline/pipeline\.cpp:[0-9]*: ' ||
        fail "the checker did not report: $want"
done

# 4. The build refuses what the checker refuses between stages: compiled with folio_layout's
# include directories (as a file of src/layout/ is), a layout header resolves, a private one of
# its own too, but the PDF writer's and the HTML writer's do not; with folio_pipeline's, the
# private layout header does not.
compiles() {  # compiles TARGET_DIRS_FILE INCLUDE: whether a file holding the include compiles
    local flags=() dir
    while IFS= read -r dir; do [[ -n $dir ]] && flags+=("-I$dir"); done <"$dirs/$1"
    printf '#include %s\n' "$2" >"$work/planted.cpp"
    "$cxx" -std=c++20 -fsyntax-only "${flags[@]}" "$work/planted.cpp" 2>"$work/compile.err"
}
[[ -s $dirs/layout.txt && -s $dirs/pipeline.txt ]] || fail "no include directories in $dirs"
compiles layout.txt '"layout/layout.hpp"' || { cat "$work/compile.err"; fail "layout/layout.hpp does not compile for layout"; }
compiles layout.txt '"layout/units.hpp"' || { cat "$work/compile.err"; fail "layout cannot include its own private header"; }
compiles pipeline.txt '"pdf/write_pdf.hpp"' || { cat "$work/compile.err"; fail "the pipeline cannot include pdf/write_pdf.hpp"; }
for header in '"pdf/hpdf_adapter.hpp"' '"pdf/write_pdf.hpp"' '"html/write_html.hpp"'; do
    if compiles layout.txt "$header"; then fail "a layout file including $header compiles"; fi
    grep -q 'No such file' "$work/compile.err" || { cat "$work/compile.err"; fail "$header failed for another reason"; }
done
for header in '"layout/units.hpp"' '"pdf/hpdf_adapter.hpp"'; do
    if compiles pipeline.txt "$header"; then fail "a pipeline file including $header compiles"; fi
    grep -q 'No such file' "$work/compile.err" || { cat "$work/compile.err"; fail "$header failed for another reason"; }
done
echo "include boundaries: ok"
