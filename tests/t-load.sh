#!/bin/sh
# t-load.sh: the server under wrk (64 connections) on a stage's leaderboard
# page and its standings API while `tracker import` adds 1,000 matches to
# the same database, one file (one transaction) each, spread over ten stages
# of the tournament (each grows from 20 to 120 matches, a real stage's size),
# the stage under load among them. Checks: no response other than 2xx (a
# wrk Lua script counts them), no socket error, no "database is locked" in
# the server's or the importer's output, and every standings snapshot
# fetched during the import shows whole matches only: with M =
# sum(matches)/12 complete matches of the stage (12 teams each, one Booyah
# each, no ruleset so FFWS points and 1 point a kill), sum(booyahs) = M,
# sum(kills) = the generator's kills of the stage's first M matches,
# sum(placement_points) = 57 M and sum(points) = 57 M + those kills.
# wrk runs 8 s, or 30 s with TRACKER_LONG=1.
. ./lib.sh
STAGES=10
BASE=20
ADD=100
DUR=8
[ -n "${TRACKER_LONG:-}" ] && DUR=30
for tool in wrk curl; do
	if ! command -v $tool >/dev/null; then
		not_ok load-needs-$tool "$tool is not installed"
		exit 0
	fi
done

mkdir -p "$T/gen" "$T/snap"
# BASE then ADD matches per stage, all stages in turn.
awk -f gen-matches.awk -v dir="$T/gen" -v stages=0 -v per=0 -v live=$(((BASE + ADD) * STAGES)) \
	-v livestages=$STAGES -v cum="$T/cum.all" >/dev/null
grep '^live-01 ' "$T/cum.all" | cut -d' ' -f2- >"$T/cum"
ls "$T"/gen/live-*.json | head -n $((BASE * STAGES)) >"$T/base"
ls "$T"/gen/live-*.json | tail -n $((ADD * STAGES)) >"$T/add"
status load-base-import 0 "$TRACKER" import $(cat "$T/base")

"$TRACKER" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" &
spid=$!
trap 'kill $spid 2>/dev/null; rm -rf "$T"' EXIT
i=0
while ! grep -qs 'http://' "$T/serve.out" && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
url=$(sed -n 's|.*\(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$T/serve.out")
if [ -z "$url" ]; then
	not_ok load-server-starts "$(cat "$T/serve.out" "$T/serve.err" | head -20)"
	exit 0
fi
page=/t/crash-cup/live-01
api=/api/v1/tournaments/crash-cup/stages/live-01/standings
eq load-page-answers 200 "$(curl -s -o /dev/null -w '%{http_code}' "$url$page")"
eq load-api-answers 200 "$(curl -s -o /dev/null -w '%{http_code}' "$url$api")"

# Count every response by status class, over all of wrk's threads.
cat >"$T/count.lua" <<'EOF'
local threads = {}
function setup(thread)
	table.insert(threads, thread)
end
function init(args)
	paths = {}
	for p in string.gmatch(os.getenv("LOAD_PATHS"), "%S+") do
		table.insert(paths, p)
	end
	n, bad, i = 0, 0, 0
end
function request()
	i = i + 1
	return wrk.format("GET", paths[i % #paths + 1])
end
function response(status, headers, body)
	n = n + 1
	if status < 200 or status > 299 then
		bad = bad + 1
	end
end
function done(summary, latency, requests)
	local n, bad = 0, 0
	for _, t in ipairs(threads) do
		n = n + t:get("n")
		bad = bad + t:get("bad")
	end
	io.write(string.format("responses %d non2xx %d\n", n, bad))
end
EOF

"$TRACKER" import $(cat "$T/add") >"$T/import.out" 2>"$T/import.err" &
ipid=$!
# Standings snapshots, as fast as curl goes, for as long as the import runs.
(
	n=0
	while kill -0 $ipid 2>/dev/null; do
		n=$((n + 1))
		curl -sS -o "$T/snap/$n.json" -w '%{http_code}\n' "$url$api" >>"$T/snap-status" 2>>"$T/snap-err"
	done
) &
cpid=$!
LOAD_PATHS="$page $api" wrk -t2 -c64 -d${DUR}s --timeout 30s -s "$T/count.lua" "$url" >"$T/wrk.out" 2>&1
wait $ipid
irc=$?
wait $cpid
# The server sees another process's last commit within its 200 ms poll of
# the database: the final snapshot is the first one taken after that, up to 3 s.
for _i in $(seq 30); do
	curl -s -o "$T/snap/final.json" "$url$api"
	[ "$(sql ":memory:" "SELECT sum(json_extract(value, '\$.matches'))
		FROM json_each(readfile('$T/snap/final.json'), '\$.standings')")" = $(((BASE + ADD) * 12)) ] && break
	sleep 0.1
done
sed 's/^/# /' "$T/wrk.out"

eq load-import-succeeds 0 "$irc"
set -- $(sed -n 's/^responses \([0-9]*\) non2xx \([0-9]*\)$/\1 \2/p' "$T/wrk.out")
echo "# wrk: ${1:-?} responses in ${DUR} s, ${2:-?} not 2xx, while importing $((ADD * STAGES)) matches"
if [ "${1:-0}" -gt 0 ] && [ "${2:-x}" = 0 ]; then
	ok load-no-non-2xx
else
	not_ok load-no-non-2xx "responses ${1:-?}, non-2xx ${2:-?}: $(head -20 "$T/wrk.out")"
fi
# Every request answered: no connection refused, reset or left unanswered
# (wrk waits up to 30 s for an answer: a slow one is not a failure here).
lacks load-no-socket-errors "Socket errors" "$(cat "$T/wrk.out")"
eq load-snapshots-all-200 "" "$({ grep -v '^200$' "$T/snap-status" | sort | uniq -c; head -3 "$T/snap-err"; })"
lacks load-no-database-locked "locked" "$(cat "$T/serve.err" "$T/import.out" "$T/import.err" "$T"/snap/*.json)"

# Per snapshot: file, sum(matches), sum(booyahs), sum(kills), sum(placement_points), sum(points).
ls "$T"/snap/*.json | sed "s/.*/('&'),/; \$s/,\$//" >"$T/files"
sql ":memory:" "WITH f(name) AS (VALUES $(cat "$T/files"))
	SELECT name, sum(json_extract(value, '\$.matches')), sum(json_extract(value, '\$.booyahs')),
	       sum(json_extract(value, '\$.kills')), sum(json_extract(value, '\$.placement_points')),
	       sum(json_extract(value, '\$.points'))
	FROM f, json_each(readfile(name), '\$.standings') GROUP BY name" | tr '|' ' ' >"$T/sums"
bad=$(awk -v base=$BASE -v total=$((BASE + ADD)) 'NR == FNR { cum[$1] = $2; next }
	{
		m = $2 / 12
		if ($2 % 12 || m < base || m > total || $3 != m || $4 != cum[m] || $5 != 57 * m ||
		    $6 != 57 * m + cum[m])
			print $0 " (M=" m ", kills of the first M: " cum[m] ")"
	}' "$T/cum" "$T/sums")
eq load-snapshots-show-whole-matches "" "$bad"
mid=$(awk -v base=$BASE -v total=$((BASE + ADD)) '$2 / 12 > base && $2 / 12 < total' "$T/sums" | wc -l)
echo "# $(wc -l <"$T/sums") standings snapshots, $mid of them taken mid-import"
if [ "$mid" -ge 5 ]; then
	ok load-snapshots-taken-mid-import
else
	not_ok load-snapshots-taken-mid-import "only $mid snapshots between $BASE and $((BASE + ADD)) matches"
fi
eq load-final-snapshot-complete "$(((BASE + ADD) * 12))" "$(grep "final.json" "$T/sums" | cut -d' ' -f2)"

kill $spid
wait $spid
eq load-server-stops-cleanly 0 "$?"
lacks load-server-sanitizers-quiet "ERROR: AddressSanitizer" "$(cat "$T/serve.err")"
