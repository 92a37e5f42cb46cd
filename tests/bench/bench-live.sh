#!/bin/sh
# bench-live.sh TRACKER: what a fan downloads per live update on the real
# Group Stage page (120 matches): the bytes of the event for match 120
# (the delta the page places, tests/t-live.sh) against the whole page the
# page would re-fetch instead (as a browser asks for it, gzip accepted),
# both measured in this run; and the time from a write to its event on a
# stream, beside the 200 ms target: an import by another process (from its
# exit), and a POST to the server (from the request). Prints ROW lines
# (see run.sh). Stops the server by PID.
set -eu
. "$(dirname "$0")/lib.sh"
data=$here/../../data/group-stage.json
db=$w/bench.db
PAGE=t/ffws-brazil-2026-split-1/group-stage
EV=api/v1/tournaments/ffws-brazil-2026-split-1/stages/group-stage/events

# matches FROM TO: the Group Stage file with its matches FROM..TO-1 (0-based)
matches() {
	sqlite3 :memory: "SELECT json_set(d, '\$.matches', (SELECT json_group_array(json(value))
		FROM json_each(d, '\$.matches') WHERE key >= $1 AND key < $2))
		FROM (SELECT CAST(readfile('$data') AS TEXT) AS d)"
}
matches 0 119 >"$w/gs-119.json"
matches 119 120 >"$w/m120.json"
sqlite3 :memory: "SELECT json_set(CAST(readfile('$w/m120.json') AS TEXT), '\$.matches[0].match', 121)" \
	>"$w/m121.json"
TOK=bench-$$-0123456789abcdef
"$bin" --db "$db" import "$w/gs-119.json" >/dev/null 2>&1
TRACKER_TOKEN=$TOK serve "$db"

curl -sN "$U$EV" >"$w/stream" 2>/dev/null &
cpid=$!
sleep 0.5
t0=$(date +%s%N)
"$bin" --db "$db" import "$w/m120.json" >/dev/null 2>&1
t1=$(date +%s%N)
for _i in $(seq 1000); do
	grep -q '^event: update' "$w/stream" && break
	sleep 0.001
done
t2=$(date +%s%N)
sleep 0.2
sed -n '/^id: /,/^$/p' "$w/stream" >"$w/event"
event=$(wc -c <"$w/event" | tr -d ' ')
v=$(sed -n 's/^id: //p' "$w/event")
page=$(curl -s --compressed -o /dev/null -w '%{size_download}' "$U$PAGE?v=$v")
raw=$(curl -s -o /dev/null -w '%{size_download}' "$U$PAGE?v=$v")
t3=$(date +%s%N)
curl -s -o /dev/null -H "Authorization: Bearer $TOK" --data-binary @"$w/m121.json" "${U}api/v1/matches"
for _i in $(seq 1000); do
	[ "$(grep -c '^event: update' "$w/stream")" -ge 2 ] && break
	sleep 0.001
done
t4=$(date +%s%N)
echo "event for match 120: $event bytes; the page at ?v=$v: $page bytes (gzip accepted), $raw raw"
echo "import by another process: ran $(((t1 - t0) / 1000000)) ms; its event $(((t2 - t1) / 1000000)) ms after it exited"
printf 'ROW\tlive update, Group Stage m120 (bytes per fan; ref: page re-fetch)\t%s\t%s\t%s\t< 5120 bytes\n' \
	"$event" "$page" "$(awk -v a="$event" -v b="$page" 'BEGIN { printf "%.3fx", a / b }')"
printf 'ROW\tlive update, import by another process to event (ms)\t%s\t-\t-\t< 200 ms\n' \
	"$(((t2 - t1) / 1000000))"
printf 'ROW\tlive update, POST to its event (ms)\t%s\t-\t-\t< 200 ms\n' "$(((t4 - t3) / 1000000))"
