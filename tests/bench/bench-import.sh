#!/bin/sh
# bench-import.sh TRACKER: import 10,000 generated matches (12 teams x 4
# players each, 100 stage files from gen.c) with `tracker import` into a
# fresh database, then load the same files into a fresh database of the same
# schema with the sqlite3 CLI (readfile() + json_each, one transaction per
# file, the same rows: tournament, stages, teams and players with their
# aliases, matches, results, player results) with the connection settings
# tracker import uses (WAL, synchronous=NORMAL, foreign keys, a 64 MiB page
# cache). Best of RUNS runs each. Prints
# both rates and one ROW line (see run.sh).
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
MATCHES=${MATCHES:-10000}
RUNS=${RUNS:-3}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT

cc -O2 -o "$w/gen" "$here/gen.c"
mkdir "$w/data"
"$w/gen" "$w/data" "$MATCHES"

# The reference: one sqlite3 script, one transaction per file.
{
	echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
	echo "PRAGMA cache_size=-65536;" # what tracker import sets
	echo "CREATE TEMP TABLE doc(j TEXT); CREATE TEMP TABLE cur(stage_id INTEGER);"
	for f in "$w"/data/*.json; do
		cat <<SQL
BEGIN;
DELETE FROM doc; DELETE FROM cur;
INSERT INTO doc SELECT readfile('$f');
INSERT OR IGNORE INTO tournament(name, slug)
  SELECT j->>'tournament', lower(replace(j->>'tournament', ' ', '-')) FROM doc;
INSERT INTO stage(tournament_id, name, slug, ruleset, source)
  SELECT t.id, d.j->>'stage', lower(replace(d.j->>'stage', ' ', '-')), d.j->'ruleset', d.j->>'source'
  FROM doc d JOIN tournament t ON t.slug = lower(replace(d.j->>'tournament', ' ', '-'));
INSERT INTO cur SELECT last_insert_rowid();
INSERT OR IGNORE INTO team(name, key, slug)
  SELECT r.value->>'team', lower(trim(r.value->>'team')), lower(replace(trim(r.value->>'team'), ' ', '-'))
  FROM doc, json_each(doc.j, '\$.matches') m, json_each(m.value, '\$.results') r;
INSERT OR IGNORE INTO team_alias(spelling, team_id)
  SELECT r.value->>'team', t.id FROM doc, json_each(doc.j, '\$.matches') m, json_each(m.value, '\$.results') r
  JOIN team t ON t.key = lower(trim(r.value->>'team'));
INSERT OR IGNORE INTO player(name, key)
  SELECT p.value->>'name', lower(trim(p.value->>'name'))
  FROM doc, json_each(doc.j, '\$.matches') m, json_each(m.value, '\$.results') r, json_each(r.value, '\$.players') p;
INSERT OR IGNORE INTO player_alias(spelling, player_id)
  SELECT p.value->>'name', pl.id
  FROM doc, json_each(doc.j, '\$.matches') m, json_each(m.value, '\$.results') r, json_each(r.value, '\$.players') p
  JOIN player pl ON pl.key = lower(trim(p.value->>'name'));
INSERT INTO match(stage_id, number, day, map, played_at)
  SELECT cur.stage_id, m.value->>'match', m.value->>'day', m.value->>'map', m.value->>'played_at'
  FROM cur, doc, json_each(doc.j, '\$.matches') m;
INSERT INTO result(match_id, team_id, placement, kills)
  SELECT mt.id, t.id, r.value->>'placement', r.value->>'kills'
  FROM cur, doc, json_each(doc.j, '\$.matches') m, json_each(m.value, '\$.results') r
  JOIN match mt ON mt.stage_id = cur.stage_id AND mt.number = m.value->>'match'
  JOIN team t ON t.key = lower(trim(r.value->>'team'));
INSERT INTO player_result(match_id, player_id, team_id, kills, damage, assists, mvp)
  SELECT mt.id, pl.id, t.id, p.value->>'kills', p.value->>'damage', p.value->>'assists', p.value->>'mvp'
  FROM cur, doc, json_each(doc.j, '\$.matches') m, json_each(m.value, '\$.results') r,
    json_each(r.value, '\$.players') p
  JOIN match mt ON mt.stage_id = cur.stage_id AND mt.number = m.value->>'match'
  JOIN team t ON t.key = lower(trim(r.value->>'team'))
  JOIN player pl ON pl.key = lower(trim(p.value->>'name'));
COMMIT;
SQL
	done
} >"$w/load.sql"

now() { date +%s.%N; }
# fresh NAME: an empty database with the tracker's schema, its path printed
fresh() {
	rm -f "$w/$1.db" "$w/$1.db-wal" "$w/$1.db-shm"
	"$bin" --db "$w/$1.db" tournaments >/dev/null
	echo "$w/$1.db"
}
counts() {
	sqlite3 "$1" "SELECT (SELECT count(*) FROM match), (SELECT count(*) FROM result),
		(SELECT count(*) FROM player_result), (SELECT count(*) FROM team), (SELECT count(*) FROM player),
		(SELECT count(*) FROM team_alias), (SELECT count(*) FROM player_alias)"
}

best_ours=0 best_ref=0
for i in $(seq "$RUNS"); do
	db=$(fresh ours)
	t0=$(now)
	"$bin" --db "$db" import "$w"/data/*.json >"$w/ours.out"
	t1=$(now)
	ref=$(fresh ref)
	t2=$(now)
	sqlite3 "$ref" <"$w/load.sql" >/dev/null
	t3=$(now)
	o=$(awk -v a="$t0" -v b="$t1" -v n="$MATCHES" 'BEGIN { printf "%d", n / (b - a) }')
	r=$(awk -v a="$t2" -v b="$t3" -v n="$MATCHES" 'BEGIN { printf "%d", n / (b - a) }')
	echo "run $i: tracker import $o matches/s, sqlite3 CLI $r matches/s ($(cat "$w/ours.out"))"
	[ "$o" -gt "$best_ours" ] && best_ours=$o
	[ "$r" -gt "$best_ref" ] && best_ref=$r
done
c1=$(counts "$db")
c2=$(counts "$ref")
echo "rows (matches|results|player results|teams|players|team aliases|player aliases): tracker $c1, sqlite3 $c2"
if [ "$c1" != "$c2" ]; then
	echo "bench-import: the two databases differ: the comparison is void" >&2
	exit 1
fi
ratio=$(awk -v a="$best_ours" -v b="$best_ref" 'BEGIN { printf "%.2f", a / b }')
printf 'ROW\timport %s matches (matches/s)\t%s\t%s\t%sx\t>= 1.5x\n' \
	"$(printf '%s' "$MATCHES" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')" "$best_ours" "$best_ref" "$ratio"
