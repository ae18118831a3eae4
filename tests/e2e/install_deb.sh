#!/usr/bin/env bash
# Install anywhere (#21): CPack builds the .deb (its library dependencies from dpkg-shlibdeps, the
# fonts and hyphenation patterns named); unpacked into a scratch root, its folio alone (no
# FOLIO_DATA_DIR, no path of this tree compiled in) renders the default brochure from another
# folder, byte for byte as the build tree's folio does, and finds its man pages and completions.
set -euo pipefail
folio=$(realpath "$1") src=$(realpath "$2") work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work/elsewhere"
build=$(dirname "$folio")
unset FOLIO_DATA_DIR

# No path of the source tree in the program (debug information included).
if strings "$folio" | grep -F "$src/" > "$work/paths"; then fail "the build's paths are in $folio: $(head -3 "$work/paths")"; fi

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/pkg" > "$work/cpack.log" 2>&1 || fail "cpack: $(tail -5 "$work/cpack.log")"
deb=$(ls "$work"/pkg/folio_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libhpdf libharfbuzz libfreetype libc6 fonts-lato fonts-crosextra-caladea hyphen-en-us hyphen-hu; do
  [[ $depends == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done
# Each shared library the program loads comes from a package in Depends (FOLIO_STATIC_DEPS links
# some statically, #23: those are not named, and need not be).
# The preview server is a module that only watch --serve loads (#23): the program itself needs
# neither cpp-httplib nor OpenSSL, the module does, and Depends names it for the module.
module=$build/libfolio-serve.so
readelf -d "$folio" | grep -E 'Shared library: \[lib(ssl|crypto|cpp-httplib)' && fail "the program links OpenSSL or cpp-httplib"
readelf -d "$module" | grep -q 'Shared library: \[libcpp-httplib' || fail "the module does not link cpp-httplib"
PATH=$PATH:/sbin:/usr/sbin ldconfig -p > "$work/ldcache"
for lib in $(readelf -d "$folio" "$module" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | sort -u); do
  path=$(awk -v l="$lib" '$1 == l && !found {print $NF; found = 1}' "$work/ldcache")
  [ -n "$path" ] || fail "$lib: not in the linker cache"
  pkg=$( (dpkg -S "$path" || dpkg -S "$(realpath "$path")") 2>/dev/null | sed -n '1s/:.*//p')
  [ -n "$pkg" ] || fail "$lib ($path): no package owns it"
  [[ $depends == *"$pkg "* || $depends == *"$pkg," || $depends == *"$pkg" ]] ||
    fail "Depends lacks $pkg (for $lib): $depends"
done
dpkg-deb -c "$deb" | awk '{print $6}' > "$work/contents"
for f in ./usr/bin/folio ./usr/share/folio/folio-data ./usr/share/folio/styles/brochure.xml \
  ./usr/share/folio/styles/a5-booklet.xml ./usr/share/folio/schemas/folio-source.rng \
  ./usr/share/folio/examples/iom-budapest.xml ./usr/share/folio/examples/images/bar-chart.png \
  ./usr/share/doc/folio/README.md ./usr/share/man/man1/folio.1.gz ./usr/share/man/man1/folio-build.1.gz \
  ./usr/share/man/man1/folio-batch.1.gz ./usr/share/bash-completion/completions/folio \
  ./usr/share/zsh/vendor-completions/_folio ./usr/lib/folio/libfolio-serve.so; do
  grep -qx -- "$f" "$work/contents" || fail "the .deb lacks $f"
done

# Unpacked into a scratch root: the program finds its data beside it, from any folder.
dpkg -x "$deb" "$work/root"
installed=$work/root/usr/bin/folio
(cd "$work/elsewhere" && "$installed" --version) > "$work/version"
grep -qx "data folder: $work/root/usr/share/folio (beside the program)" "$work/version" || fail "$(cat "$work/version")"
(cd "$work/elsewhere" && "$installed" build "$work/root/usr/share/folio/examples/iom-budapest.xml" -o out -q)
"$folio" build "$src/source/iom-budapest.xml" -s "$src/styles/brochure.xml" -o "$work/ref" -q
cmp "$work/elsewhere/out/iom-budapest.pdf" "$work/ref/iom-budapest.pdf" || fail "the installed folio's PDF differs"
cmp "$work/elsewhere/out/iom-budapest.html" "$work/ref/iom-budapest.html" || fail "the installed folio's HTML differs"
[ "$(pdfinfo "$work/elsewhere/out/iom-budapest.pdf" | awk '/^Pages:/ {print $2}')" -ge 2 ] || fail "too few pages"
set +e
(cd "$work/elsewhere" && "$installed" build) 2> "$work/nosource.err"; code=$?
set -e
[ "$code" -eq 2 ] && grep -qF "$work/root/usr/share/folio/examples/iom-budapest.xml" "$work/nosource.err" ||
  fail "build without a source: exit $code, $(cat "$work/nosource.err")"
# A copy of the program alone: no data folder, said so; a style sheet given, it renders.
mkdir -p "$work/lone" && cp "$installed" "$work/lone/folio"
"$work/lone/folio" --version | grep -q "^data folder: none (no data folder beside the program" || fail "a lone folio's --version"
set +e
"$work/lone/folio" check "$src/source/iom-budapest.xml" 2> "$work/lone.err"; code=$?
set -e
[ "$code" -eq 2 ] && grep -q "give a style sheet with --style" "$work/lone.err" || fail "a lone folio without --style: exit $code"
"$work/lone/folio" check "$src/source/iom-budapest.xml" -s "$src/styles/brochure.xml" -q || fail "a lone folio with --style"

# The installed watch --serve finds its module in lib/folio and serves.
(cd "$work/elsewhere" && exec "$installed" watch "$work/root/usr/share/folio/examples/iom-budapest.xml" \
  -o served --serve > "$work/watch.log" 2>&1) &
watch_pid=$!
for i in $(seq 100); do grep -q 'http://127.0.0.1:[0-9]*/' "$work/watch.log" && break; sleep 0.1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/watch.log" | grep -o '[0-9]*/$' | tr -d / || true)
status=$( [ -n "$port" ] && curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/status" || true)
kill -TERM "$watch_pid" 2>/dev/null; wait "$watch_pid" || true
[ "$status" = 200 ] || fail "the installed watch --serve did not serve: $(cat "$work/watch.log")"

# folio init finds its template in the installed data folder.
(cd "$work/elsewhere" && "$installed" init project -q) || fail "the installed folio init failed"
(cd "$work/elsewhere/project" && "$installed" build document.xml --style style.xml -o out -q) ||
  fail "the project folio init wrote does not build"
[ -s "$work/elsewhere/project/out/document.pdf" ] || fail "folio init's project made no PDF"
grep -qx ./usr/share/folio/templates/starter/document.xml "$work/contents" || fail "the .deb lacks the starter template"
# FOLIO_DATA_DIR wins; a wrong one is said so.
FOLIO_DATA_DIR=$work/root/usr/share/folio "$folio" --version | grep -q "(FOLIO_DATA_DIR)$" || fail "FOLIO_DATA_DIR not used"
set +e
FOLIO_DATA_DIR=$work/elsewhere "$installed" check "$src/source/iom-budapest.xml" 2> "$work/baddata.err"; code=$?
set -e
[ "$code" -eq 2 ] && grep -q "is not a folio data folder" "$work/baddata.err" || fail "a wrong FOLIO_DATA_DIR: exit $code"

# The man pages read; the completion completes.
zcat "$work/root/usr/share/man/man1/folio-build.1.gz" | grep -q -- "--pdf-only" || fail "folio-build.1 lacks --pdf-only"
man -l "$work/root/usr/share/man/man1/folio.1.gz" 2>/dev/null | grep -q "FOLIO_DATA_DIR" ||
  zcat "$work/root/usr/share/man/man1/folio.1.gz" | grep -q "FOLIO_DATA_DIR" || fail "folio.1 lacks FOLIO_DATA_DIR"
words=$(bash -c ". '$work/root/usr/share/bash-completion/completions/folio'
  COMP_WORDS=(folio build --pdf); COMP_CWORD=2; _folio; echo \"\${COMPREPLY[*]}\"")
[[ $words == *--pdf-only* && $words == *--pdfa* ]] || fail "bash completion of 'folio build --pdf': $words"
words=$(bash -c ". '$work/root/usr/share/bash-completion/completions/folio'
  COMP_WORDS=(folio ba); COMP_CWORD=1; _folio; echo \"\${COMPREPLY[*]}\"")
[ "$words" = batch ] || fail "bash completion of 'folio ba': $words"
echo "install_deb: ok"
