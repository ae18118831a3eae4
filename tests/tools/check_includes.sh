#!/usr/bin/env bash
# Checks every #include in src/ against the dependency table (docs/dependencies.txt): a file of a
# stage may include its own headers, the headers of the stages it uses (directly or through
# others) that are not private, and the library headers the table gives to it; nothing with "..".
# Prints one line per crossing, "src/FILE:LINE: ...", and exits 1 when there is any (2 when the
# table itself is wrong). Usage: check_includes.sh SOURCE_DIR [TABLE]
# (TABLE defaults to SOURCE_DIR/docs/dependencies.txt). A stage of the table without a folder is
# fine; a folder of src/ without a stage in the table is an error.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: check_includes.sh SOURCE_DIR [TABLE]" >&2
    exit 2
fi
root=$1
table=${2:-$root/docs/dependencies.txt}
[[ -d $root/src ]] || { echo "check_includes: no folder $root/src" >&2; exit 2; }
[[ -f $table ]] || { echo "check_includes: no table $table" >&2; exit 2; }
table=$(realpath "$table")

cd "$root"
# Every include line of src/, as "FILE:LINE:#include ..." (grep -n), for awk to judge.
mapfile -t files < <(find src -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \) | LC_ALL=C sort)
[[ ${#files[@]} -gt 0 ]] || { echo "check_includes: no sources under $root/src" >&2; exit 2; }

{ grep -Hn -E '^[[:space:]]*#[[:space:]]*include' "${files[@]}" || true; } |
awk -v table="$table" '
function fail_table(msg) { print "check_includes: " table ": " msg > "/dev/stderr"; bad_table = 1 }
# A shell pattern (* ? only) as an anchored regular expression; * does not cross a "/".
function glob_re(p,   r, i, c) {
    r = "^"
    for (i = 1; i <= length(p); i++) {
        c = substr(p, i, 1)
        if (c == "*") r = r "[^/]*"
        else if (c == "?") r = r "[^/]"
        else if (index(".+^$()[]{}|\\", c)) r = r "\\" c
        else r = r c
    }
    return r "$"
}
# Adds to reach[s] every stage s uses, directly or not (depth-first over uses[]).
function close_over(s, t,   n, i, parts) {
    n = split(uses[t], parts, " ")
    for (i = 1; i <= n; i++) {
        if (!(parts[i] in is_stage)) { fail_table("stage " t " uses unknown stage " parts[i]); continue }
        if (parts[i] == s) { fail_table("stage " s " depends on itself (a cycle)"); continue }
        if ((s SUBSEP parts[i]) in reach) continue
        reach[s, parts[i]] = 1
        close_over(s, parts[i])
    }
}
function is_private(path,   i) {
    for (i = 1; i <= n_public; i++) if (path ~ public_re[i]) return 0
    for (i = 1; i <= n_private; i++) if (path ~ private_re[i]) return 1
    return 0
}
# The stages that may include library header `h`, or "*" when it is free to all.
function system_owners(h,   i) {
    for (i = 1; i <= n_system; i++) if (h ~ system_re[i]) return system_owner[i]
    return "*"
}
function report(where, msg) { print where ": " msg; violations++ }
BEGIN {
    while ((getline line < table) > 0) {
        sub(/#.*/, "", line)
        n = split(line, w, " ")
        if (n == 0) continue
        if (w[1] == "stage") {
            if (n < 2) { fail_table("stage without a name"); continue }
            is_stage[w[2]] = 1; uses[w[2]] = ""; n_stages++
            for (i = 3; i <= n; i++) uses[w[2]] = uses[w[2]] " " w[i]
        } else if (w[1] == "private" && n == 2) {
            private_re[++n_private] = glob_re(w[2])
        } else if (w[1] == "public" && n == 2) {
            public_re[++n_public] = glob_re(w[2])
        } else if (w[1] == "system" && n >= 3) {
            system_re[++n_system] = glob_re(w[2])
            owners = ""
            for (i = 3; i <= n; i++) owners = owners " " w[i]
            system_owner[n_system] = owners " "
        } else {
            fail_table("cannot read: " line)
        }
    }
    if (!n_stages) fail_table("no stage lines")
    for (s in is_stage) close_over(s, s)
    for (i = 1; i <= n_system; i++) {
        n = split(system_owner[i], parts, " ")
        for (j = 1; j <= n; j++) if (!(parts[j] in is_stage)) fail_table("system header owned by unknown stage " parts[j])
    }
    if (bad_table) exit 2
}
{
    # $0 is "src/STAGE/FILE:LINE:#include ..."
    colon = index($0, ":"); file = substr($0, 1, colon - 1); rest = substr($0, colon + 1)
    colon = index(rest, ":"); lineno = substr(rest, 1, colon - 1); text = substr(rest, colon + 1)
    where = file ":" lineno
    split(file, fparts, "/"); stage = fparts[2]
    if (!(stage in is_stage)) {
        if (!(stage in unknown_seen)) report(file, "folder src/" stage " is not a stage of the dependency table")
        unknown_seen[stage] = 1
        next
    }
    sub(/^[[:space:]]*#[[:space:]]*include[[:space:]]*/, "", text)
    if (text ~ /^"/) { quoted = 1; sub(/^"/, "", text); sub(/".*/, "", text) }
    else if (text ~ /^</) { quoted = 0; sub(/^</, "", text); sub(/>.*/, "", text) }
    else { quoted = 0; sub(/[[:space:]].*/, "", text) }  # a macro such as FT_FREETYPE_H
    header = text
    if (header ~ /(^|\/)\.\.(\/|$)/) { report(where, stage " includes \"" header "\": no \"..\" in includes"); next }
    slash = index(header, "/")
    target = slash ? substr(header, 1, slash - 1) : ""
    if (target in is_stage) {
        if (target == stage) next
        if (!((stage SUBSEP target) in reach)) {
            report(where, stage " may not include " header " (" stage " does not use " target ")")
        } else if (is_private(header)) {
            report(where, stage " may not include " header " (private to " target ")")
        }
        next
    }
    owners = system_owners(header)
    if (owners != "*" && index(owners, " " stage " ") == 0)
        report(where, stage " may not include <" header "> (only" substr(owners, 1, length(owners) - 1) ")")
}
END {
    if (bad_table) exit 2
    if (violations) { print violations " include(s) cross the dependency table (" table ")"; exit 1 }
}
'
