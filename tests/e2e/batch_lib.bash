# Helpers for the batch and snapshot end-to-end tests (sourced, like lib.bash; ctest runs only *.sh).

# make_batch DIR GOOD BROKEN: writes GOOD copies of the brochure source with distinct titles
# (doc-01.xml ...) and BROKEN ones with an unknown element on line 13 (broken-1.xml ...).
make_batch() {
  local dir=$1 good=$2 broken=$3 i
  mkdir -p "$dir"
  for i in $(seq -w 1 "$good"); do
    sed "s|<title>About IOM Budapest</title>|<title>Batch document $i</title>|" \
      "$src/source/iom-budapest.xml" > "$dir/doc-$i.xml"
  done
  for i in $(seq 1 "$broken"); do
    # An unknown element at the start of the first section's line.
    sed "s|^  <section id=\"iom-budapest\">|  <bogus-$i/><section id=\"iom-budapest\">|" \
      "$src/source/iom-budapest.xml" > "$dir/broken-$i.xml"
    grep -q "<bogus-$i/>" "$dir/broken-$i.xml" || fail "make_batch: could not break broken-$i.xml"
  done
}

# The line number of the unknown element in a broken source.
bogus_line() { grep -n '<bogus-' "$1" | cut -d: -f1; }
