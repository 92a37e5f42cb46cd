#!/bin/sh
# bench-renders.sh TRACKER: what one stage, one team and their pages cost as
# the database grows, every render a cache miss. In databases of 1,000,
# 100,000 and 1,000,000 matches (SIZES; gen-db.sh: gen.c -t, a tournament
# per 1,000 matches, 12 teams x 4 players a match, kept in build/bench/: the
# first run makes them, the 1M-match one in 27 minutes and 3.0 GB on the
# shared 2-core machine; one made before schema 005 migrates once, in 49 to
# 62 s at 1M matches: the stored counts' back-fill), it times:
#   - `tracker players --stage` of a 100-match stage of the middle tournament
#     and `tracker team` of a team of the last one, the whole process, and
#     the listings of every stage and team: `tracker tournaments` and
#     `tracker teams` (10,000 and 24,024 lines at 1M matches);
#   - through `tracker serve`, the team page, that stage's players page and
#     its leaderboard page, the middle tournament's page, the home page and
#     the first page of the teams (GET /teams):
#     curl's time_total, each request in another language or asking for it
#     another way (?lang= or Accept-Language: ten cache keys), so none is
#     answered from the cache.
# Best of RUNS (at most 10 for a page) each, the machine being shared.
# The reference of a row is the same render in the 1,000-match database, so
# the ratio is the growth; target: under 50 ms at every size (for the two
# listings too, which print one line per stage or team: their counts are
# stored, schema/005-counts.sql). Prints what it measured and ROW lines (see
# run.sh). Stops the server by PID.
set -eu
SIZES=${SIZES:-1000 100000 1000000}
RUNS=${RUNS:-10}
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$top/build/bench"
scratch=$top/build/bench # beside the databases, not in a shared /tmp
. "$(dirname "$0")/lib.sh"
langs="en pt-BR id es th"

now() { date +%s%N; }
# the least of the numbers on standard input, one a line
best() { sort -n | awk 'NR == 1 { printf "%.1f", $1 }'; }
# cli CMD...: best process ms of RUNS runs
cli() {
	for _i in $(seq "$RUNS"); do
		t0=$(now)
		"$bin" --db "$db" "$@" >/dev/null
		t1=$(now)
		echo $(((t1 - t0) / 1000))
	done | best | awk '{ printf "%.1f", $1 / 1000 }'
}
# page PATH: best ms of RUNS GETs of PATH (at most 10), each in another
# language or asking for it another way (?lang=, Accept-Language)
page() {
	for l in $langs; do
		curl -sf -o /dev/null -w '%{time_total}\n' "$U$1?lang=$l"
		curl -sf -o /dev/null -w '%{time_total}\n' -H "Accept-Language: $l" "$U$1"
	done | head -n "$RUNS" | awk '{ print $1 * 1000 }' | best
}

for n in $SIZES; do
	t0=$(now)
	db=$(sh "$here/gen-db.sh" "$bin" "$n")
	t1=$(now)
	echo "$n matches: $db ($(du -h "$db" | cut -f1)), ready in $(((t1 - t0) / 1000000000)) s"
	"$bin" --db "$db" log --limit 1 >/dev/null # migrates an older database once, untimed
	cups=$(((n + 999) / 1000))
	tour=$(printf 'bench-cup-%04d' $(((cups + 1) / 2)))
	team=$(printf 'Bench Team %05d' $(((cups - 1) * 24 + 40))) # of the last tournament only
	slug=$(printf 'bench-team-%05d' $(((cups - 1) * 24 + 40)))
	players=$(cli players --tournament "$tour" --stage "Stage 05")
	teamcli=$(cli team "$team")
	tourscli=$(cli tournaments)
	teamscli=$(cli teams)
	serve "$db"
	U=${U%/}
	curl -sf -o /dev/null "$U/t/$tour/stage-05/maps" # a page not timed: the database opened
	teampage=$(page "/teams/$slug")
	playerspage=$(page "/t/$tour/stage-05/players")
	stagepage=$(page "/t/$tour/stage-05")
	tourpage=$(page "/t/$tour")
	homepage=$(page "/")
	teamspage=$(page "/teams")
	unserve
	echo "$n matches: players --stage $players ms, team $teamcli ms, tournaments $tourscli ms, teams $teamscli ms; pages: team $teampage ms, players $playerspage ms, stage $stagepage ms, tournament $tourpage ms, home $homepage ms, teams $teamspage ms"
	echo "$n $players $teamcli $teampage $playerspage $stagepage $tourpage $homepage $tourscli $teamscli $teamspage" >>"$w/rows"
done

# a ROW per figure and size, the reference the first size's same figure
awk 'BEGIN {
	split("tracker players --stage (100-match stage)|tracker team|team page (cache miss)|" \
	      "players page (cache miss)|stage page (cache miss)|tournament page (cache miss)|" \
	      "home page (cache miss)|tracker tournaments (every stage)|tracker teams (every team)|" \
	      "teams page 1 (cache miss)", what, "|")
}
{ n[NR] = $1; for (i = 2; i <= 11; i++) v[NR, i] = $i }
END {
	for (i = 2; i <= 11; i++)
		for (r = 1; r <= NR; r++) {
			size = n[r] >= 1000000 ? n[r] / 1000000 "M" : n[r] / 1000 "k"
			printf "ROW\t%s, %s-match db (ms)\t%s\t%s\t%.2fx\t%s\n", what[i - 1], size,
			    v[r, i], v[1, i], (v[1, i] > 0 ? v[r, i] / v[1, i] : 0), "< 50 ms"
		}
}' "$w/rows"
