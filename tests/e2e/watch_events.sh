#!/usr/bin/env bash
# folio watch --serve's server-sent events (issue 22): /events answers text/event-stream with the
# current build at once, then one event per rebuild (a source edit gives `id: 2`, with the build's
# status as data); /status, the page's fallback, agrees; the preview page listens to /events; and
# SIGTERM stops the watcher cleanly (exit 0) while a stream is open.
set -euo pipefail
folio=$1 src=$2 work=$3
. "$src/tests/e2e/lib.bash"
new_project "$folio" "$work"
log=$work/watch.log pid= curl_pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$curl_pid" ] && kill "$curl_pid" 2>/dev/null; true' EXIT
wait_for() {  # FILE PATTERN: until the file has a line matching (10 s at most)
  local i
  for i in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  fail "no '$2' in $1: $(cat "$1")"
}

"$folio" watch document.xml --style style.xml -o out --serve >"$log" 2>&1 &
pid=$!
wait_for "$log" ' build 1 (first build): ok'
port=$(grep -o 'http://127.0.0.1:[0-9]*/' "$log" | grep -o '[0-9]*/$' | tr -d /)
[ -n "$port" ] || fail "no preview address: $(cat "$log")"
curl -s "http://127.0.0.1:$port/" | grep -q "new EventSource('/events')" || fail "the page does not listen to /events"

curl -sN -D "$work/headers" "http://127.0.0.1:$port/events" >"$work/events" &
curl_pid=$!
wait_for "$work/events" '^data: {"build":1,"ok":true'
grep -qi '^content-type: text/event-stream' "$work/headers" || fail "headers: $(cat "$work/headers")"
head -2 "$work/events" | tr '\n' ' ' | grep -q '^id: 1 event: build ' || fail "the first event: $(cat "$work/events")"

sed -i 's/>Introduction</>Opening</' document.xml
wait_for "$work/events" '^data: {"build":2,"ok":true'
grep -q '^id: 2$' "$work/events" || fail "no id of build 2: $(cat "$work/events")"
[ "$(grep -c '^event: build$' "$work/events")" = 2 ] || fail "expected two events: $(cat "$work/events")"
curl -s "http://127.0.0.1:$port/status" | jq -e '.build == 2 and .ok' >/dev/null || fail "status disagrees"

kill -TERM "$pid"
for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
wait "$pid" && code=0 || code=$?
pid=
[ "$code" -eq 0 ] || fail "SIGTERM with an event stream open: exit $code"
tail -1 "$log" | grep -q '^folio: stopped$' || fail "no clean stop: $(tail -1 "$log")"
for i in $(seq 50); do kill -0 "$curl_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$curl_pid" 2>/dev/null && fail "the event stream stayed open after the watcher stopped"
curl_pid=
echo "watch_events: ok"
