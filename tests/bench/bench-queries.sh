#!/bin/sh
# bench-queries.sh TRACKER: the query work of `tracker standings` (one stage)
# and `tracker maps` (every team of one tournament) in a generated database
# of 100,000 matches (gen-queries.sql, loaded with the sqlite3 CLI into the
# tracker's own schema). The tracker measures its query work itself
# (TRACKER_TIMING=1 prints "query: N ms" on stderr); the whole process is
# timed around it. The reference is the sqlite3 CLI running the equivalent
# aggregate (GROUP BY team, resp. team and map, with the FFWS table as a
# CASE), timed by its .timer over REPS runs in one statement. Best of RUNS
# runs each. Prints what it measured and one ROW line per figure (see run.sh).
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-7}
REPS=${REPS:-50}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
db=$w/q.db

"$bin" --db "$db" tournaments >/dev/null
sqlite3 "$db" <"$here/gen-queries.sql"
echo "generated: $(sqlite3 "$db" "SELECT (SELECT count(*) FROM match) || ' matches, ' ||
	(SELECT count(*) FROM result) || ' results, ' || (SELECT count(*) FROM tournament) ||
	' tournaments'")"
stage=$(sqlite3 "$db" "SELECT s.id FROM stage s JOIN tournament t ON t.id = s.tournament_id
	WHERE t.slug = 'cup-250' AND s.slug = 'group-stage'")
tour=$(sqlite3 "$db" "SELECT id FROM tournament WHERE slug = 'cup-250'")

now() { date +%s%N; }
# best CMD...: run RUNS times; sets q (best query ms) and p (best process ms)
best() {
	q= p=
	for i in $(seq "$RUNS"); do
		t0=$(now)
		TRACKER_TIMING=1 "$@" 2>"$w/err" >/dev/null
		t1=$(now)
		qi=$(sed -n 's/^query: \([0-9.]*\) ms$/\1/p' "$w/err")
		pi=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e6 }')
		q=$(awk -v a="$qi" -v b="${q:-$qi}" 'BEGIN { print (a < b ? a : b) }')
		p=$(awk -v a="$pi" -v b="${p:-$pi}" 'BEGIN { print (a < b ? a : b) }')
	done
}
# reference SQL: best per-run ms of SQL (a query over n.i) repeated REPS times
reference() {
	r=
	for i in $(seq "$RUNS"); do
		ri=$(printf '.timer on\nWITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
			WHERE i < %s) SELECT sum((%s)) FROM n;\n' "$REPS" "$1" | sqlite3 "$db" |
			sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p')
		ri=$(awk -v a="$ri" -v n="$REPS" 'BEGIN { printf "%.3f", a * 1000 / n }')
		r=$(awk -v a="$ri" -v b="${r:-$ri}" 'BEGIN { print (a < b ? a : b) }')
	done
}
PP="CASE r.placement WHEN 1 THEN 12 WHEN 2 THEN 9 WHEN 3 THEN 8 WHEN 4 THEN 7 WHEN 5 THEN 6
	WHEN 6 THEN 5 WHEN 7 THEN 4 WHEN 8 THEN 3 WHEN 9 THEN 2 WHEN 10 THEN 1 ELSE 0 END"

best "$bin" --db "$db" standings --tournament cup-250 --stage group-stage
sq=$q sp=$p
reference "SELECT count(*) FROM (SELECT r.team_id, count(*), sum(r.placement = 1), sum(r.kills),
	sum($PP) + sum(r.kills) AS points FROM match m JOIN result r ON r.match_id = m.id
	WHERE m.stage_id = $stage + 0 * n.i GROUP BY r.team_id ORDER BY points DESC)"
sr=$r
best "$bin" --db "$db" maps --tournament cup-250
mq=$q mp=$p
reference "SELECT count(*) FROM (SELECT r.team_id, m.map, count(*), sum(r.placement = 1),
	sum(r.kills), avg(r.placement), sum($PP) + sum(r.kills), avg(r.placement <= 3)
	FROM stage s JOIN match m ON m.stage_id = s.id JOIN result r ON r.match_id = m.id
	WHERE s.tournament_id = $tour + 0 * n.i GROUP BY r.team_id, m.map)"
mr=$r

echo "standings (cup-250 group stage, 160 matches): query $sq ms, process $sp ms; sqlite3 CLI aggregate $sr ms"
echo "maps (cup-250, 200 matches, every team): query $mq ms, process $mp ms; sqlite3 CLI aggregate $mr ms"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }
printf 'ROW\tstandings, 1 stage of 100k-match db (query ms)\t%s\t%s\t%s\t< 1 ms\n' "$sq" "$sr" "$(ratio "$sq" "$sr")"
printf 'ROW\tstandings, 1 stage of 100k-match db (process ms)\t%s\t-\t-\t-\n' "$sp"
printf 'ROW\tmaps, 1 tournament of 100k-match db (query ms)\t%s\t%s\t%s\t< 20 ms\n' "$mq" "$mr" "$(ratio "$mq" "$mr")"
printf 'ROW\tmaps, 1 tournament of 100k-match db (process ms)\t%s\t-\t-\t-\n' "$mp"
