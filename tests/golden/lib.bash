# Shared by the layout golden test (check.sh) and tests/update-goldens.
# A case is a folder tests/golden/SOURCE--STYLE: source/SOURCE.xml laid out under styles/STYLE.xml.

# golden_dump LAYOUT_DUMP SRC_DIR CASE THREADS: the case's dump and diagnostics on stdout, made
# from the repository root with relative paths, so that it names no folder of this machine.
# Fails only when the tool crashed or was misused (status above 1); a failed render is a dump too.
golden_dump() {
  local tool=$1 src=$2 case=$3 threads=$4 status=0
  local source=source/${case%%--*}.xml style=styles/${case#*--}.xml
  (cd "$src" && "$tool" "$source" "$style" "$threads") || status=$?
  [ "$status" -le 1 ] || { echo "layout_dump failed on $case with status $status" >&2; return 1; }
}
