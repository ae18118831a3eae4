#!/usr/bin/env bash
# The HTML's WOFF2 subsets from the cache folder (issue 23, html/font_cache.hpp): a render with
# the cache filled, and one after a cache file was damaged, give the bytes of a render with an
# empty cache; the damaged file is rebuilt, never trusted, and no temporary file is left.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
rm -rf "$work" && mkdir -p "$work"
export XDG_CACHE_HOME=$work/cache
render() { "$folio" build "$src/source/iom-budapest.xml" --html-only -o "$work/$1" -q; }

render cold
cache=$work/cache/folio/woff2
n=$(find "$cache" -name '*.woff2' | wc -l)
[ "$n" -ge 2 ] || fail "expected a WOFF2 file per face in $cache, found $n"
render warm
cmp "$work/cold/iom-budapest.html" "$work/warm/iom-budapest.html" || fail "the cached subsets changed the HTML"

# Damage one file (a byte flipped in its WOFF2 data) and cut another short: both are made anew.
first=$(find "$cache" -name '*.woff2' | sort | head -1)
second=$(find "$cache" -name '*.woff2' | sort | sed -n 2p)
good=$(sha256sum < "$first")
printf '\x00\x00\x00\x00' | dd of="$first" bs=1 seek=40 conv=notrunc status=none
head -c 100 "$second" > "$second.cut" && mv "$second.cut" "$second"
render damaged
cmp "$work/cold/iom-budapest.html" "$work/damaged/iom-budapest.html" || fail "a damaged cache file reached the HTML"
[ "$(sha256sum < "$first")" = "$good" ] || fail "the damaged cache file was not rebuilt"
[ -z "$(find "$cache" -name '*.tmp-*')" ] || fail "temporary files left in $cache"

# Without a cache folder (no XDG_CACHE_HOME nor HOME) the HTML is the same too.
(unset XDG_CACHE_HOME; HOME= render none)
cmp "$work/cold/iom-budapest.html" "$work/none/iom-budapest.html" || fail "the HTML depends on the cache"
echo "html_font_cache: ok"
