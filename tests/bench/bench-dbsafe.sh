#!/bin/sh
# bench-dbsafe.sh TRACKER: the database under `tracker serve` (issue 11; the
# tests t-web-dbfault.sh and t-web-render.sh assert the same figures):
#   writes  4 clients POST 600 single-match files at once (tests/gen-matches.awk),
#           one kept-alive connection each: the slowest answer, next to the
#           slowest of the same POSTs sent by one client, one after another
#           (no other writer to wait for); target: under 2 s (past it, 503)
#   renders a static file fetched while two slow pages (the players of a
#           stage of 15,000 generated matches) are asked for on 2 threads,
#           next to the same file fetched with nothing else running; target:
#           under 1 s
# Stops every process by PID.
set -eu
TOKEN=bench-token-0123456789
. "$(dirname "$0")/lib.sh"
export TRACKER_TOKEN=$TOKEN

# posters N: N curl clients sharing the files, each over one connection; the
# slowest answer in ms on stdout, any status but 201 on stderr
posters() {
	_n=$1
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		ls "$w"/post/live-*.json | awk -v c="$_i" -v n="$_n" 'NR % n == c' | while read -r f; do
			printf 'url = "%sapi/v1/matches"\nheader = "Authorization: Bearer %s"\n' "$U" "$TOKEN"
			printf 'data-binary = "@%s"\noutput = /dev/null\nwrite-out = "%%{http_code} %%{time_total}\\n"\n' "$f"
		done | sed '1!s/^url/next\nurl/' >"$w/post.$_i.cfg"
		_i=$((_i + 1))
	done
	_pids=
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		curl -s -K "$w/post.$_i.cfg" >"$w/acks.$_i" &
		_pids="$_pids $!"
		_i=$((_i + 1))
	done
	for _p in $_pids; do wait "$_p"; done
	cat "$w"/acks.* | awk '$1 != 201 { print "POST answered " $1 >"/dev/stderr" }
		$2 > max { max = $2 } END { printf "%d\n", max * 1000 }'
	rm -f "$w"/acks.*
}

mkdir -p "$w/post"
awk -f "$here/../gen-matches.awk" -v dir="$w/post" -v stages=0 -v per=0 -v live=600 >/dev/null
rm -f "$w/p.db"*
"$bin" --db "$w/p.db" import "$here/../../data/grand-final.json" >/dev/null 2>&1
serve "$w/p.db"
one=$(posters 1)
unserve
rm -f "$w/p.db"*
"$bin" --db "$w/p.db" import "$here/../../data/grand-final.json" >/dev/null 2>&1
serve "$w/p.db"
four=$(posters 4)
unserve
echo "writes: slowest POST of 600, 4 clients at once: $four ms; one client: $one ms" >&2
printf 'ROW\tslowest POST, 4 clients at once (ms)\t%s\t%s\t%s\t< 2000\n' "$four" "$one" \
	"$(awk -v a="$four" -v b="$one" 'BEGIN { printf "%.1fx", b ? a / b : 0 }')"

# The slow stage of t-web-render.sh (slow-stage.sql).
mkdir -p "$w/gen"
awk -f "$here/../gen-matches.awk" -v dir="$w/gen" -v stages=1 -v per=100 -v live=0 >/dev/null
"$bin" --db "$w/r.db" import "$w"/gen/stage-*.json >/dev/null 2>&1
sqlite3 "$w/r.db" <"$here/../slow-stage.sql"
stage=$(sqlite3 "$w/r.db" "SELECT t.slug || '/' || s.slug FROM stage s JOIN tournament t ON t.id = s.tournament_id")
serve "$w/r.db" --threads 2
ms() { curl -s -o /dev/null -w '%{time_total}' "$1" | awk '{ printf "%.1f\n", $1 * 1000 }'; }
idle=$(ms "${U}static/style.css")
curl -s -o /dev/null "${U}t/$stage/players" &
c1=$!
sleep 0.1
curl -s -o /dev/null "${U}t/$stage/players?lang=es" &
c2=$!
sleep 0.5
busy=$(ms "${U}static/style.css")
wait "$c1" "$c2"
unserve
echo "renders: a static file during two slow renders: $busy ms; idle: $idle ms" >&2
printf 'ROW\tstatic file during 2 slow renders (ms)\t%s\t%s\t%s\t< 1000\n' "$busy" "$idle" \
	"$(awk -v a="$busy" -v b="$idle" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')"
