# t-team.sh: tracker team, the coach's page, on the real data. Expected
# numbers come from tests/scoring/*.sql (the sqlite3 CLI over the data
# files) and from the published result.
. "$TESTS/lib.sh"
S=$TESTS/scoring

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1

status "team LOS" 0 "$TRACKER" team LOS
page=$OUT
contains "sections" "Standings" "$page"
contains "maps section" "Maps" "$page"
contains "last matches section" "Last 10 matches" "$page"
contains "players section" "Players" "$page"

"$TRACKER" team "loud snickers" --format json >"$T/team.json"
j() { sqlite3 -list :memory: "CREATE TABLE d AS SELECT readfile('/dev/stdin') AS j; $1" <"$T/team.json"; }
eq "name by any case" "LOUD SNICKERS" "$(j "SELECT j->>'\$.team' FROM d")"
# standings rows: totals from expected.sql; champion of the final
g=$(sqlite3 -list -separator , :memory: ".read $S/expected.sql" <"$DATA/group-stage.json" | grep '^LOUD SNICKERS,')
eq "group stage row" "$g" "$(j "SELECT 'LOUD SNICKERS,' || (j->>'\$.standings[0].matches') || ',' ||
	(j->>'\$.standings[0].booyahs') || ',' || (j->>'\$.standings[0].kills') || ',' ||
	(j->>'\$.standings[0].placement_points') || ',' || (j->>'\$.standings[0].points') FROM d")"
eq "final row: champion, first" "Grand Final|1|193|1" \
	"$(j "SELECT j->>'\$.standings[1].stage', j->>'\$.standings[1].rank', j->>'\$.standings[1].points', j->>'\$.standings[1].champion' FROM d")"
# last 10 matches: the final's matches 14 down to 5, placements and kills as in the file
want=$(sqlite3 -list -separator , :memory: "SELECT m.value->>'match', m.value->>'map',
	r.value->>'placement', r.value->>'kills' FROM json_each(readfile('/dev/stdin'), '\$.matches') AS m,
	json_each(m.value, '\$.results') AS r WHERE r.value->>'team' = 'LOUD SNICKERS'
	ORDER BY m.value->>'match' DESC LIMIT 10" <"$DATA/grand-final.json")
eq "last 10 matches" "$want" "$(j "SELECT value->>'match', value->>'map', value->>'placement',
	value->>'kills' FROM d, json_each(j, '\$.last_matches')" | tr '|' ',')"
# points of the latest match by hand (grand-final.json, match 14: LOUD
# SNICKERS 1st with 9 kills): 12 + 9
eq "latest match points" "14|1|21" "$(j "SELECT j->>'\$.last_matches[0].match', j->>'\$.last_matches[0].placement', j->>'\$.last_matches[0].points' FROM d")"
eq "maps" 5 "$(j "SELECT json_array_length(j, '\$.maps') FROM d")"
eq "players of the team" "$(over_data players.sql "$DATA/group-stage.json" "$DATA/grand-final.json" | grep -c ',LOUD SNICKERS,')" \
	"$(j "SELECT json_array_length(j, '\$.players') FROM d")"

# --format csv is one table with one header row, chosen by --table
for tb in standings maps matches players; do
	"$TRACKER" team LOS --tournament "FFWS Brazil 2026 Split 1" --format csv --table $tb >"$T/los-$tb.csv"
	eq "csv $tb: one header row, no blank line" "1 0" \
		"$(grep -cxF "$(head -1 "$T/los-$tb.csv")" "$T/los-$tb.csv") $(grep -c '^.\?$' "$T/los-$tb.csv")"
done
contains "csv: standings table" "tournament,stage,rank,teams,matches" "$(head -1 "$T/los-standings.csv")"
contains "csv: players table" "player,team,matches,kills" "$(head -1 "$T/los-players.csv")"
# LOS played 20 group-stage and 14 final matches (the data files); the last 10 are listed
eq "csv matches: 10 rows" 11 "$(wc -l <"$T/los-matches.csv")"
eq "csv stages: 2 rows" 3 "$(wc -l <"$T/los-standings.csv")"
status "csv without --table" 2 "$TRACKER" team LOS --format csv
contains "csv without --table says why" "--format csv writes one table: choose it with --table" "$OUT"
status "unknown --table" 2 "$TRACKER" team LOS --table grid
contains "unknown --table message" "--table: 'grid' is not standings, maps, matches or players" "$OUT"

status "did you mean" 1 "$TRACKER" team "LOUD SNICKER"
contains "did you mean message" "no team named 'LOUD SNICKER' (did you mean 'LOUD SNICKERS'?)" "$OUT"
status "nothing near" 1 "$TRACKER" team "Zzzzzzzzzzzzzz"
contains "nothing near message" "no team named 'Zzzzzzzzzzzzzz'" "$OUT"
status "no team" 2 "$TRACKER" team
status "unknown tournament" 1 "$TRACKER" team LOS --tournament "World Cup"

# tests/scoring/rules-cup.json with rules-cup.sql: Mako's matches are 6, 5,
# 4 (its dq: placement 1 stored, 0 points) and 2, 1 (3 is voided); match
# 5's map is unknown, so Mako's maps leave 1 match out
"$TRACKER" import "$S/rules-cup.json" >/dev/null 2>&1
sqlite3 "$TRACKER_DB" <"$S/rules-cup.sql"
"$TRACKER" team Mako --format json >"$T/team.json"
eq "rules cup: last matches with status" "6,played,12|5,played,7|4,dq,0|2,played,7|1,played,11|" \
	"$(j "SELECT group_concat((value->>'match') || ',' || (value->>'status') || ',' || (value->>'points'), '|') || '|'
	FROM d, json_each(j, '\$.last_matches')")"
# its row in the final: 5 matches, 1 of them its dq, 37 points (t-standings counts them)
eq "rules cup: stage row with the dq" "5|1|0|37" "$(j "SELECT j->>'\$.standings[0].matches',
	j->>'\$.standings[0].dq', j->>'\$.standings[0].adjustment', j->>'\$.standings[0].points' FROM d")"
eq "rules cup: unknown map" "null|1" "$(j "SELECT json_quote(j->'\$.last_matches[1].map'), j->>'\$.maps_unknown' FROM d")"
page=$("$TRACKER" team Mako)
# rules-cup.json match 4: Mako dq'd at placement 1 with 5 kills. Its own
# listings show neither (they count nowhere), 0 points, the dq mark; the
# match's own view shows the stored 1 and 5, 0 points, dq
contains "rules cup: dq marked, no placement or kills" "Final      4  Kalahari                          0  dq" "$page"
"$TRACKER" team Mako --format json >"$T/team.json"
eq "rules cup: dq in last matches json" "4|null|null|0|dq" "$(j "SELECT value->>'match',
	json_quote(value->'placement'), json_quote(value->'kills'), value->>'points', value->>'status'
	FROM d, json_each(j, '\$.last_matches') WHERE value->>'match' = 4")"
contains "rules cup: matches --team, dq without placement or kills" \
	"Final      4  Kalahari                      0  dq         18           4" "$("$TRACKER" matches --tournament "Rules Cup" --team Mako)"
"$TRACKER" matches --tournament "Rules Cup" --team Mako --format json >"$T/team.json"
eq "rules cup: matches --team json" "null|null|0|dq" "$(j "SELECT json_quote(value->'placement'),
	json_quote(value->'kills'), value->>'points', value->>'status' FROM d, json_each(j) WHERE value->>'match' = 4")"
contains "rules cup: the match's view keeps the dq's placement and kills" \
	"    1  Mako      5       0  dq      Cerol 3" "$("$TRACKER" match --tournament "Rules Cup" --stage Final 4)"
"$TRACKER" match --tournament "Rules Cup" --stage Final 4 --format json >"$T/team.json"
eq "rules cup: match json keeps them" "1|5|0|dq" "$(j "SELECT value->>'placement', value->>'kills',
	value->>'points', value->>'status' FROM d, json_each(j, '\$.teams') WHERE value->>'team' = 'Mako'")"
eq "rules cup: a dq at 1 is no Booyah" "null" "$(j "SELECT json_quote(j->'\$.booyah') FROM d")"
# Lynx played all its 5 matches: piped, its Status column (played on
# every row) says nothing and is left out; --wide keeps it
lynx=$("$TRACKER" matches --tournament "Rules Cup" --team Lynx)
eq "matches --team: all-played Status left out" "" "$(printf '%s\n' "$lynx" | grep -c Status | grep -v '^0$')"
contains "matches --team --wide: Status kept" "Status" "$("$TRACKER" matches --tournament "Rules Cup" --team Lynx --wide)"
contains "rules cup: maps say what they left out" "left out: 1 match with an unknown map" "$page"
# over every tournament, a team's map ranks are among the teams of the
# tournaments it played: LOS's Bermuda among the teams that played Bermuda
# in the two FFWS files, not the Rules Cup's teams as well
want=$(for f in "$DATA/group-stage.json" "$DATA/grand-final.json"; do
	sqlite3 -list :memory: "SELECT lower(r.value->>'team') FROM json_each(readfile('/dev/stdin'), '\$.matches') AS m,
		json_each(m.value, '\$.results') AS r WHERE m.value->>'map' = 'Bermuda'" <"$f"
done | sort -u | wc -l)
"$TRACKER" team LOS --format json >"$T/team.json"
eq "team: map ranks among the teams of its tournaments" "$want" \
	"$(j "SELECT value->>'map_teams' FROM d, json_each(j, '\$.maps') WHERE value->>'map' = 'Bermuda'")"
# Nova's row carries its penalty: -5, 45 points (t-standings counts them)
"$TRACKER" team Nova --format json >"$T/team.json"
eq "rules cup: stage row with the adjustment" "-5|45" \
	"$(j "SELECT j->>'\$.standings[0].adjustment', j->>'\$.standings[0].points' FROM d")"
