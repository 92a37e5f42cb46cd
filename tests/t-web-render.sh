# t-web-render.sh: renders under `tracker serve` (issue 11): a page has a
# deadline (--render-timeout), a client that leaves stops its render, and
# slow pages cannot take every thread: with 2 pool threads and two slow
# pages asked for at once, a static file and a cached page are answered
# within 1 s. The slow pages: a stage of 15,000 generated matches (100
# imported, copied 150 times by SQL), whose players page reads 720,000
# player rows, doubled while `tracker players` over it takes under 1.5 s
# (up to 4 times: renders that get faster still leave this test slow pages).
# curl on 127.0.0.1, a free port.
. ./lib.sh

mkdir -p "$T/gen"
awk -f gen-matches.awk -v dir="$T/gen" -v stages=1 -v per=100 -v live=0 >/dev/null
"$TRACKER" import "$T"/gen/stage-*.json >/dev/null 2>&1
sqlite3 "$TRACKER_DB" <slow-stage.sql
eq "15,000 matches in the stage" 15000 "$(sql "$TRACKER_DB" "SELECT count(*) FROM match")"
# ms CMD...: how long CMD takes, in milliseconds
ms() {
	_t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	echo $((($(date +%s%N) - _t0) / 1000000))
}
for _i in 1 2 3 4; do
	took=$(ms "$TRACKER" players --stage "$(sql "$TRACKER_DB" "SELECT slug FROM stage")")
	[ "$took" -ge 1500 ] && break
	echo "# tracker players over $(sql "$TRACKER_DB" "SELECT count(*) FROM match") matches: $took ms; doubled"
	sqlite3 "$TRACKER_DB" "PRAGMA foreign_keys=OFF; BEGIN;
		CREATE TEMP TABLE o AS SELECT max(id) AS id, max(number) AS number FROM match;
		INSERT INTO match (id, stage_id, number, day, map)
			SELECT m.id + o.id, m.stage_id, m.number + o.number, m.day, m.map FROM match m, o;
		INSERT INTO result (match_id, team_id, placement, kills, status)
			SELECT r.match_id + o.id, r.team_id, r.placement, r.kills, r.status FROM result r, o;
		INSERT INTO player_result (match_id, player_id, team_id, kills, damage, assists, mvp)
			SELECT p.match_id + o.id, p.player_id, p.team_id, p.kills, p.damage, p.assists, p.mvp
			FROM player_result p, o;
		COMMIT;"
done
echo "# tracker players over $(sql "$TRACKER_DB" "SELECT count(*) FROM match") matches: $took ms"
STAGE=t/$(sql "$TRACKER_DB" "SELECT t.slug || '/' || s.slug FROM stage s JOIN tournament t ON t.id = s.tournament_id")
SLOW1=$STAGE/players
SLOW2=api/v1/tournaments/${STAGE#t/}
SLOW2=$(echo "$SLOW2" | sed 's|/\([^/]*\)$|/stages/\1/players|')

# timed URL [CURL ARGS]: "STATUS SECONDS"
timed() {
	_u=$1
	shift
	curl -s -o /dev/null -w '%{http_code} %{time_total}' "$@" "$_u"
}
# under LIMIT "STATUS SECONDS": 1 when SECONDS < LIMIT
under() {
	echo "$2" | awk -v l="$1" '{ print ($2 < l) ? 1 : 0 }'
}

start "serving, 2 threads" --threads 2
eq "the home page, cached" 200 "$(code "$U")"
t=$(timed "$U$SLOW1")
echo "# one render of the players page alone: $t"
# Two slow pages at once, then a static file and the cached home page.
timed "$U$SLOW1?lang=es" -D "$T/slow1.head" >"$T/slow1" &
s1=$!
sleep 0.1 # the first has a thread: the second goes to the other one
timed "$U$SLOW2" -D "$T/slow2.head" >"$T/slow2" &
s2=$!
sleep 0.5
st=$(timed "${U}static/style.css")
home=$(timed "$U")
wait $s1 $s2
echo "# during two slow renders: static $st, home $home; the renders: $(cat "$T/slow1"), $(cat "$T/slow2")"
eq "two slow renders: a static file answered within 1 s" "200 1" "${st% *} $(under 1 "$st")"
eq "two slow renders: the cached home page answered within 1 s" "200 1" "${home% *} $(under 1 "$home")"
eq "two slow renders: the first is made, the second answered 503" "200 503" \
	"$(cut -d' ' -f1 "$T/slow1") $(cut -d' ' -f1 "$T/slow2")"
eq "the slow render refused: with Retry-After" "Retry-After: 1" "$(tr -d '\r' <"$T/slow2.head" | grep '^Retry-After')"
stop "2 threads: clean stop"

# The deadline.
start "serving, --render-timeout 0.3" --render-timeout 0.3
t=$(timed "$U$SLOW1")
eq "past the deadline: 503 within 1 s" "503 1" "${t% *} $(under 1 "$t")"
code "$U$SLOW1" >/dev/null
eq "past the deadline: with Retry-After" 5 "$(header Retry-After)"
contains "past the deadline: it says so" "took too long" "$(cat "$T/body")"
eq "past the deadline: the same page again is not a cached part of it" 503 "$(code "$U$SLOW1")"
eq "past the deadline: other pages answered" 200 "$(code "${U}static/app.js")"
if kill -0 "$PID" 2>/dev/null; then ok "past the deadline: the server lives"; else not_ok "past the deadline: the server lives" "$(tail -3 "$T/serve.err")"; fi
stop "deadline: clean stop"

# A client that leaves: one thread; the client of a slow page hangs up
# after 0.3 s; the next request is answered at once, not after the render.
start "serving, 1 thread" --threads 1 --render-timeout 60
curl -s -o /dev/null -m 0.3 "$U$SLOW1" 2>/dev/null
st=$(timed "${U}static/style.css")
echo "# a static file just after a slow page's client left: $st"
eq "a client that leaves: its render stops, the next request answered within 1 s" "200 1" "${st% *} $(under 1 "$st")"
t=$(timed "$U$SLOW1")
eq "the same page, its client waiting: made" 200 "${t% *}"
echo "# the page made in full: $t"
stop "1 thread: clean stop"
