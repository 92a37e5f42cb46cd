#!/bin/sh
# t-crash.sh: crash safety. `tracker import` of thousands of generated
# matches (stage files of many matches and single-match files) is killed
# with SIGKILL at random moments, 20 times; every fifth run starts afresh,
# the others resume on what the last left. After each kill: PRAGMA
# integrity_check is ok, no foreign key is dangling, every match has all its
# 12 team rows and 48 player rows or is absent, and every stage file is
# stored whole or not at all (one transaction per file). A last run
# completes the data: the totals equal the generator's, the stored results
# those of an uninterrupted import.
# CRASH_SEED=N repeats a run's kill moments.
. ./lib.sh
DB=$T/crash.db
STAGES=${CRASH_STAGES:-12}
PER=${CRASH_PER:-100}
LIVE=${CRASH_LIVE:-300}
KILLS=20
seed=${CRASH_SEED:-$(date +%s)}
echo "# crash seed $seed"

mkdir -p "$T/gen"
want=$(awk -f gen-matches.awk -v dir="$T/gen" -v stages="$STAGES" -v per="$PER" -v live="$LIVE")
set -- $want
w_matches=$2 w_results=$4 w_players=$6 w_kills=$8 w_damage=${10}
files=$(ls "$T"/gen/stage-*.json "$T"/gen/live-*.json)

# kill_fractions: KILLS repeatable pseudo-random numbers in [0, 1), one a
# line, from this run's seed.
kill_fractions() {
	awk -v s="$seed" -v n=$KILLS 'BEGIN { srand(s % 1000003); for (i = 0; i < n; i++) print rand() }'
}

# ms_sleep MS
ms_sleep() {
	sleep "$(awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }')"
}

# now_ms: wall clock in milliseconds, to choose kill moments (not a check).
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# consistent DB WHAT: print "" when DB is whole, else what is wrong.
consistent() {
	_ic=$(sql "$1" "PRAGMA integrity_check" 2>&1)
	[ "$_ic" = ok ] || { echo "$2: integrity_check: $_ic"; return; }
	# Killed before the schema was committed: an empty database is whole.
	[ "$(sql "$1" "SELECT count(*) FROM sqlite_schema WHERE name = 'match'")" = 0 ] && return
	_fk=$(sql "$1" "PRAGMA foreign_key_check" 2>&1)
	[ -z "$_fk" ] || { echo "$2: foreign_key_check: $_fk"; return; }
	_half=$(sql "$1" "SELECT group_concat(s.name || ' #' || m.number, ', ') FROM match m
		JOIN stage s ON s.id = m.stage_id
		WHERE (SELECT count(*) FROM result r WHERE r.match_id = m.id) != 12
		   OR (SELECT count(*) FROM player_result p WHERE p.match_id = m.id) != 48" 2>&1)
	[ -z "$_half" ] || { echo "$2: incomplete matches: $_half"; return; }
	_part=$(sql "$1" "SELECT group_concat(s.name || ' has ' || n, ', ') FROM
		(SELECT s.name, count(m.id) AS n FROM stage s LEFT JOIN match m ON m.stage_id = s.id
		 WHERE s.name LIKE 'Stage %' GROUP BY s.id) s WHERE n NOT IN (0, $PER)" 2>&1)
	[ -z "$_part" ] || { echo "$2: stage files stored in part: $_part"; return; }
}

# How long one whole import takes here, to spread the kills over it.
t0=$(now_ms)
"$TRACKER" --db "$T/whole.db" import $files >"$T/whole.out" 2>&1
rc=$?
span=$(($(now_ms) - t0))
if [ "$rc" != 0 ]; then
	not_ok crash-reference-import-succeeds "exit $rc: $(head -5 "$T/whole.out")"
	exit 0
fi
ok crash-reference-import-succeeds
echo "# a whole import of $w_matches matches takes ${span} ms here"

# Every fifth run starts from an empty database, the others resume on what
# the killed one before left. Kills that land after the import has finished
# test nothing: at least three in four must land mid-import.
killed=0 finished=0 bad=
i=1
for f in $(kill_fractions); do
	[ $((i % 5)) = 1 ] && rm -f "$DB" "$DB-wal" "$DB-shm"
	# A moment within the work left: a share of the whole import's time as
	# large as the share of matches missing (a fifth at least).
	have=$(sql "$DB" "SELECT count(*) FROM match" 2>/dev/null)
	at=$(awk -v f="$f" -v span="$span" -v have="${have:-0}" -v all="$w_matches" 'BEGIN {
		left = (all - have) / all; if (left < 0.2) left = 0.2
		print int(20 + f * 0.9 * span * left) }')
	"$TRACKER" --db "$DB" import $files >"$T/import.out" 2>&1 &
	pid=$!
	ms_sleep "$at"
	kill -KILL "$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null
	rc=$?
	if [ "$rc" = 137 ]; then
		killed=$((killed + 1))
	elif [ "$rc" = 0 ]; then
		finished=$((finished + 1))
	else
		bad="$bad run $i exited $rc: $(tail -3 "$T/import.out");"
	fi
	n=$(sql "$DB" "SELECT count(*) FROM match" 2>/dev/null)
	echo "# kill $i at ${at} ms: exit $rc, ${n:-0} matches stored"
	why=$(consistent "$DB" "after kill $i at ${at} ms")
	[ -z "$why" ] || bad="$bad $why;"
	i=$((i + 1))
done
eq crash-import-kills-leave-whole-database "" "$bad"
if [ "$killed" -ge $((KILLS * 3 / 4)) ]; then
	ok crash-import-kills-land-mid-import
else
	not_ok crash-import-kills-land-mid-import "only $killed of $KILLS kills hit a running import ($finished had finished)"
fi

status crash-import-rerun-completes 0 "$TRACKER" --db "$DB" import $files
eq crash-import-complete-after-rerun "" "$(consistent "$DB" "after the last run")"
eq crash-import-totals "$w_matches $w_results $w_players $w_kills $w_damage" \
	"$(sql "$DB" "SELECT (SELECT count(*) FROM match), (SELECT count(*) FROM result),
		(SELECT count(*) FROM player_result), (SELECT sum(kills) FROM player_result),
		(SELECT sum(damage) FROM player_result)" | tr '|' ' ')"
eq crash-import-same-as-uninterrupted "$(sql "$T/whole.db" "SELECT s.name, m.number, m.map, t.name, r.placement, r.kills
	FROM result r JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id
	JOIN team t ON t.id = r.team_id ORDER BY 1, 2, 4" | md5sum)" \
	"$(sql "$DB" "SELECT s.name, m.number, m.map, t.name, r.placement, r.kills
	FROM result r JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id
	JOIN team t ON t.id = r.team_id ORDER BY 1, 2, 4" | md5sum)"

# The server: killed with SIGKILL while four clients POST single-match files
# to it, 20 times (every fifth time on an empty database). After each kill
# the database is whole as above, and every match whose POST was answered
# 200 or 201 is stored.
SDB=$T/serve.db
TOKEN=crash-token-0123456789
NPOST=${CRASH_POSTS:-2000}
mkdir -p "$T/post"
pwant=$(awk -f gen-matches.awk -v dir="$T/post" -v stages=0 -v per=0 -v live="$NPOST")
set -- $pwant
p_matches=$2 p_kills=$8

# serve_start: a server on $SDB; sets $spid and $surl ("" when it did not start).
serve_start() {
	: >"$T/serve.out"
	TRACKER_TOKEN=$TOKEN "$TRACKER" --db "$SDB" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" &
	spid=$!
	_i=0
	while ! grep -qs 'http://' "$T/serve.out" && [ $_i -lt 500 ]; do
		sleep 0.02
		_i=$((_i + 1))
	done
	surl=$(sed -n 's|.*\(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$T/serve.out")
}

# The four posters' curl configurations, each a quarter of the files, the
# server's URL left as @URL@.
for c in 0 1 2 3; do
	ls "$T"/post/live-*.json | awk -v c=$c 'NR % 4 == c' | while read -r f; do
		n=${f##*live-}
		n=$((1${n%.json} - 100000))
		printf 'url = "@URL@/api/v1/matches"\nheader = "Authorization: Bearer %s"\n' "$TOKEN"
		printf 'data-binary = "@%s"\noutput = /dev/null\nwrite-out = "%%{http_code} %d\\n"\nnext\n' "$f" "$n"
	done >"$T/post.$c.in"
done

# posters: four curl processes POSTing every file (each a quarter, over one
# kept-alive connection), each answer a line "STATUS MATCH" in $T/acks.N;
# sets $cpids.
posters() {
	cpids=
	for c in 0 1 2 3; do
		sed "s|@URL@|$surl|" "$T/post.$c.in" >"$T/post.$c.cfg"
		curl -s -K "$T/post.$c.cfg" >"$T/acks.$c" 2>/dev/null &
		cpids="$cpids $!"
	done
}

bad= killed=0 midway=0
i=1
for f in $(kill_fractions); do
	[ $((i % 5)) = 1 ] && rm -f "$SDB" "$SDB-wal" "$SDB-shm"
	serve_start
	if [ -z "$surl" ]; then
		bad="$bad server $i did not start: $(head -3 "$T/serve.err");"
		kill -KILL $spid 2>/dev/null
		{ wait $spid; } 2>/dev/null
		break
	fi
	posters
	at=$(awk -v f="$f" 'BEGIN { print int(100 + f * 900) }')
	ms_sleep "$at"
	kill -KILL $spid
	{ wait $spid; } 2>/dev/null
	[ $? = 137 ] && killed=$((killed + 1))
	for p in $cpids; do wait $p; done
	cat "$T"/acks.* | awk '$1 == 200 || $1 == 201 { print $2 }' >"$T/acked"
	sql "$SDB" "SELECT m.number FROM match m JOIN stage s ON s.id = m.stage_id
		WHERE s.name = 'Live'" >"$T/stored" 2>/dev/null
	lost=$(awk 'NR == FNR { s[$1] = 1; next } !($1 in s)' "$T/stored" "$T/acked" | tr '\n' ' ')
	[ -z "$lost" ] || bad="$bad after server kill $i, answered but not stored: $lost;"
	echo "# server kill $i at ${at} ms: $(wc -l <"$T/acked") POSTs answered 2xx, $(wc -l <"$T/stored") matches stored"
	[ "$(wc -l <"$T/acked")" -lt "$NPOST" ] && midway=$((midway + 1))
	why=$(consistent "$SDB" "after server kill $i")
	[ -z "$why" ] || bad="$bad $why;"
	i=$((i + 1))
done
eq crash-server-kills-leave-whole-database "" "$bad"
if [ "$killed" = "$KILLS" ] && [ "$midway" -ge $((KILLS * 3 / 4)) ]; then
	ok crash-server-kills-land-mid-posts
else
	not_ok crash-server-kills-land-mid-posts "$killed of $KILLS servers running when killed, $midway with POSTs unanswered"
fi

# A last server takes every POST; the data is complete. A POST answered
# 503 (the server's writes queued past its 2 s timeout, on a machine this
# loaded) was not acknowledged: its poster sends it again, as a desk does,
# up to 5 times.
serve_start
posters
for p in $cpids; do wait $p; done
echo "# last server: $(cat "$T"/acks.[0-3] | grep -c '^503 ') of $NPOST POSTs answered 503 at first"
cat "$T"/acks.[0-3] | awk '$1 == 503 { print $2 }' | while read -r m; do
	for _i in 1 2 3 4 5; do
		c=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
			--data-binary @"$(printf '%s/post/live-%05d.json' "$T" "$m")" "$surl/api/v1/matches")
		[ "$c" = 503 ] || break
		sleep 0.5
	done
	echo "$c $m"
done >"$T/acks.retried"
eq crash-server-last-run-all-2xx "$NPOST 2xx" "$({ grep -hv '^503 ' "$T"/acks.[0-3]; cat "$T/acks.retried"; } | awk '$1 == 200 || $1 == 201 { n++; next }
	{ other = other " " $1 " (match " $2 ")" } END { print n + 0 " 2xx" other }')"
kill $spid
wait $spid
eq crash-server-stops-cleanly 0 "$?"
eq crash-server-complete "" "$(consistent "$SDB" "after the last server")"
eq crash-server-totals "$p_matches $p_kills" \
	"$(sql "$SDB" "SELECT count(DISTINCT match_id), sum(kills) FROM player_result" | tr '|' ' ')"
