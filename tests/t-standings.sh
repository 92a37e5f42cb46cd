# t-standings.sh: tracker standings on the real FFWS Brazil 2026 Split 1 data.
# Expected numbers come from tests/scoring/expected.sql and champion.sql, which
# compute them from the data files with the sqlite3 CLI, not from the tracker,
# and from the published result (LOUD SNICKERS champion on 193, LOS 208).
. "$TESTS/lib.sh"
S=$TESTS/scoring

# expect FILE [OPT_SELECT]: team,matches,booyahs,kills,placement_points,points per team
expect() {
	if [ $# -gt 1 ]; then
		sqlite3 -list -separator , -cmd "CREATE TABLE opt AS SELECT $2" :memory: \
			".read $S/expected.sql" <"$1"
	else
		sqlite3 -list -separator , :memory: ".read $S/expected.sql" <"$1"
	fi
}

# ours ARGS...: the same columns from tracker standings --format csv
ours() {
	"$TRACKER" standings --format csv "$@" | tr -d '\r' | sed 1d |
		awk -F, '{ print $2 "," $3 "," $4 "," $5 "," $6 "," $9 }' | sort
}

# compare NAME EXPECTED ACTUAL: one case per team, by the team's name
compare() {
	printf '%s\n' "$2" | while IFS=, read -r team rest; do
		got=$(printf '%s\n' "$3" | grep "^$team," | head -1)
		eq "$1 $team" "$team,$rest" "$got"
	done
	eq "$1 team count" "$(printf '%s\n' "$2" | wc -l)" "$(printf '%s\n' "$3" | wc -l)"
}

status import 0 "$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json"

# points, Booyahs, kills, placement points, matches of each of the 16 and 12 teams
compare group "$(expect "$DATA/group-stage.json")" "$(ours --stage "Group Stage")"
compare final "$(expect "$DATA/grand-final.json")" "$(ours --stage "Grand Final")"

# group stage: no Champion Rush, no ties on points, so the order is by points
order=$(expect "$DATA/group-stage.json" | sort -t, -k6,6nr | cut -d, -f1 | head -16 | tr '\n' '|')
got=$("$TRACKER" standings --stage group-stage --format csv | tr -d '\r' | sed 1d | cut -d, -f2 |
	tr '\n' '|')
eq "group order by points" "$order" "$got"
top3=$("$TRACKER" standings --stage group-stage --format csv | tr -d '\r' | sed -n 2,4p |
	cut -d, -f1,2,9 | tr '\n' ' ')
eq "group top 3" "1,FLUXO W7M,1379 2,LOS,1282 3,LOUD SNICKERS,1271 " "$top3"

# Champion Rush: the published result, and champion.sql agrees
"$TRACKER" standings --stage "Grand Final" --format json >"$T/final.json"
# j QUERY: a query over the JSON output, as the text j of the one row of table d
j() { sqlite3 -list :memory: "CREATE TABLE d AS SELECT readfile('/dev/stdin') AS j; $1" <"$T/final.json"; }
eq "champion" "LOUD SNICKERS|14" "$(j "SELECT j->>'\$.champion.team', j->>'\$.champion.decided_in_match' FROM d")"
eq "champion ranked first on 193" "1|LOUD SNICKERS|193" \
	"$(j "SELECT j->>'\$.standings[0].rank', j->>'\$.standings[0].team', j->>'\$.standings[0].points' FROM d")"
eq "LOS second on 208" "2|LOS|208" \
	"$(j "SELECT j->>'\$.standings[1].rank', j->>'\$.standings[1].team', j->>'\$.standings[1].points' FROM d")"
eq "champion.sql agrees" "LOUD SNICKERS,14,193" \
	"$(sqlite3 -list -separator , :memory: ".read $S/champion.sql" <"$DATA/grand-final.json")"
eq "json keys" "after_match champion ruleset stage standings tournament " \
	"$(j "SELECT group_concat(key, ' ') FROM (SELECT key FROM d, json_each(j) WHERE key IN ('tournament',
	 'stage', 'ruleset', 'after_match', 'champion', 'standings') ORDER BY key)" | tr -d '\n') "
eq "row keys" "13" "$(j "SELECT count(*) FROM d, json_each(j, '\$.standings[0]') WHERE key IN ('rank',
	'team', 'matches', 'booyahs', 'kills', 'placement_points', 'kill_points', 'headstart',
	'points', 'avg_placement', 'last_placement', 'tiebreak', 'rush_since')")"
# rush_since: the first match after which each team's running total (from
# expected.sql over the first n matches) reaches the threshold of 160
for team in "LOUD SNICKERS" LOS "RUSH GAMING" "TEAM SOLID"; do
	since=null n=1
	while [ $n -le 14 ]; do
		pts=$(expect "$DATA/grand-final.json" "$n AS upto, '[12,9,8,7,6,5,4,3,2,1,0,0]' AS tbl, 1000000 AS cap" |
			grep "^$team," | cut -d, -f6)
		if [ "$pts" -ge 160 ]; then since=$n; break; fi
		n=$((n + 1))
	done
	eq "rush_since $team" "$since" "$(j "SELECT json_quote(value->'rush_since') FROM d, json_each(j, '\$.standings') WHERE value->>'team' = '$team'")"
done
table=$("$TRACKER" standings --stage "Grand Final")
contains "table names the champion" "Champion: LOUD SNICKERS, decided in match 14" "$table"

# --after 13: every team's numbers over the first 13 matches
compare after13 "$(expect "$DATA/grand-final.json" "13 AS upto, '[12,9,8,7,6,5,4,3,2,1,0,0]' AS tbl, 1000000 AS cap")" \
	"$(ours --stage "Grand Final" --after 13)"
"$TRACKER" standings --stage "Grand Final" --after 13 --format json >"$T/final.json"
eq "after 13: no champion yet" "null" "$(j "SELECT json_quote(j->'\$.champion') FROM d")"
# movement in match 14: the order by points after 13 (expected.sql, no ties
# among LOS 199 and LOUD SNICKERS 181) against the ranks after 14
prev=$(expect "$DATA/grand-final.json" "13 AS upto, '[12,9,8,7,6,5,4,3,2,1,0,0]' AS tbl, 1000000 AS cap" |
	sort -t, -k6,6nr | cut -d, -f1 | awk '{ print $0 "," NR }' | sort)
got=$("$TRACKER" standings --stage "Grand Final" --after 14 --format csv | tr -d '\r' | sed 1d |
	awk -F, '{ print $2 "," $14 }' | sort)
eq "after 14: prev_rank is the order after 13" "$prev" "$got"
mv=$("$TRACKER" standings --stage "Grand Final" --after 14 --format csv | tr -d '\r' |
	awk -F, '$2 == "LOS" || $2 == "LOUD SNICKERS" { print $2 ":" $15 }' | tr '\n' ' ')
eq "after 14: movement" "LOUD SNICKERS:1 LOS:-1 " "$mv"

# --ruleset: what-if under PUBG Mobile's table; the stored ruleset is untouched
before=$(dump "$TRACKER_DB")
compare pubgm "$(expect "$DATA/grand-final.json" "1000000 AS upto, '[15,12,10,8,6,4,2,1,1,1,1,1,0,0,0,0]' AS tbl, 1000000 AS cap")" \
	"$(ours --stage "Grand Final" --ruleset pubgm)"
eq "what-if leaves the database alone" "$before" "$(dump "$TRACKER_DB")"
printf '{"name":"cap10","kill_cap":10}\n' >"$T/cap.json"
compare cap10 "$(expect "$DATA/group-stage.json" "1000000 AS upto, '[12,9,8,7,6,5,4,3,2,1,0,0]' AS tbl, 10 AS cap")" \
	"$(ours --stage "Group Stage" --ruleset "$T/cap.json")"

# errors
status "no --stage" 2 "$TRACKER" standings
status "unknown stage" 1 "$TRACKER" standings --stage "Semi Final"
contains "unknown stage message" "no stage named 'Semi Final'" "$OUT"
status "after beyond" 1 "$TRACKER" standings --stage "Grand Final" --after 15
contains "after beyond message" "has matches up to 14" "$OUT"
status "after not a number" 2 "$TRACKER" standings --stage "Grand Final" --after x
status "unknown ruleset" 1 "$TRACKER" standings --stage "Grand Final" --ruleset nosuch
contains "unknown ruleset message" "no preset or file named 'nosuch'" "$OUT"
printf '{"kill_points": -1}\n' >"$T/bad.json"
status "bad ruleset file" 1 "$TRACKER" standings --stage "Grand Final" --ruleset "$T/bad.json"
contains "bad ruleset message" "bad.json: kill_points: must be at least 0, got -1" "$OUT"

# A constructed stage (tests/scoring/ties.json), counted by hand with the
# FFWS table, kills capped at 10, a head start of 3 for Echo:
#   Alpha   1st 0 kills (12) + 4th 5 kills (7+5)           = 24, 1 Booyah
#   Echo    5th 0 (6) + 6th 12 kills capped to 10 (5+10) + 3 = 24, 12 kills
#   Bravo   2nd 3 (9+3) + 2nd 3 (9+3)                      = 24, 6 kills
#   Charlie 3rd 1 (8+1) + 1st 0 (12)                       = 21
#   Delta   4th 2 (7+2) + 3rd 1 (8+1)                      = 18
#   Foxtrot 5th 0 in match 2 only (6)                      = 6 (a lobby of 6 has a 6th place)
# Alpha is above Echo on Booyahs; Echo above Bravo on kills (12 against 6).
"$TRACKER" import "$S/ties.json" >/dev/null 2>&1
got=$("$TRACKER" standings --tournament "Fixture Cup" --stage Ties --format csv | tr -d '\r' |
	sed 1d | cut -d, -f1,2,5,7,8,9,12 | tr '\n' ' ')
eq "fixture: order, cap, head start, tiebreak" \
	"1,Alpha,5,5,0,24, 2,Echo,12,10,3,24,booyahs 3,Bravo,6,6,0,24,kills 4,Charlie,1,1,0,21, 5,Delta,3,3,0,18, 6,Foxtrot,0,0,0,6, " "$got"
table=$("$TRACKER" standings --tournament "Fixture Cup" --stage Ties)
contains "fixture: the table names the tiebreaker" "Echo     2        0     12         11        10           3     24       5.50     6  booyahs" "$table"

# tests/scoring/rules-cup.json with rules-cup.sql (what match JSON v1 cannot
# say yet): match 3 voided, Mako dq in match 4, Nova -5 from the standings
# after match 2 on, groups A (Lynx, Mako) and B (Nova, Orca). Counted by
# hand, FFWS table, 1 point per kill, matches 1, 2, 4, 5, 6:
#   Lynx 15 + 10 + 11 + 8 + 9 = 53: placement 12+9+9+8+9 = 47, kills 6,
#        placements 1,2,2,3,2: avg 2.00
#   Orca 7 + 10 + 8 + 14 + 7 = 46: placement 41, kills 5, avg 16/5 = 3.20
#   Nova 9 + 16 + 8 + 9 + 8 - 5 = 45: placement 45, kills 5, avg 12/5 = 2.40
#   Mako 11 + 7 + 0 (dq) + 7 + 12 = 37: 5 matches, 1 dq, placement 35,
#        kills 2 (match 4's 5 count nowhere), avg (2+4+4+1)/4 = 2.75
# Champion Rush 30 within 4 matches played: before match 4 (the 3rd played)
# nobody has 30 (Lynx 25) and Mako's 1st place there is a dq; before match
# 5 (the 4th) Lynx 36, Nova 28, Orca 25, and Orca wins it with 25. Nobody
# converts: Lynx, first after match 5 (44 to Orca's 39), is champion on
# points; match 6 is beyond max_matches. Reached 30 (Rush): Lynx after 4,
# Orca and Nova after 5, Mako after 6.
"$TRACKER" import "$S/rules-cup.json" >/dev/null 2>&1
sqlite3 "$TRACKER_DB" <"$S/rules-cup.sql"
# pick KEY,...: those columns of CSV on stdin, by header (the Group, DQ/FF and
# Adj columns are there only when the stage has groups, dq results, adjustments)
pick() {
	tr -d '\r' | awk -F, -v want="$1" 'NR == 1 { n = split(want, w, ","); for (i = 1; i <= NF; i++) at[$i] = i; next }
		{ s = ""; for (k = 1; k <= n; k++) s = s (k > 1 ? "," : "") $(at[w[k]]); printf "%s ", s }'
}
# the real final's CSV says on the champion's row how it won (the published
# result: match 14, a Booyah on match point); the rows below leave it empty
eq "grand final csv: the champion's row says how it was decided" \
	"LOUD SNICKERS|decided in match 14 by a Booyah on match point;LOS|;RUSH GAMING|;" \
	"$("$TRACKER" standings --stage "Grand Final" --tournament "FFWS Brazil 2026 Split 1" --format csv |
		tr -d '\r' | awk -F, 'NR == 1 { c = NF } NR > 1 && NR < 5 { printf "%s|%s;", $2, $c }')"
got=$("$TRACKER" standings --tournament "Rules Cup" --stage Final --format csv | tr -d '\r')
# the champion cell says how Lynx won (rules-cup.sql: on points after the 4th
# match played); the reasons cell is the file's adjustment of Nova
eq "rules cup: csv" "rank,team,group,matches,dq,booyahs,kills,placement_points,kill_points,headstart,adjustment,points,avg_placement,last_placement,tiebreak,rush_since,prev_rank,movement,champion,adjustment_reasons
1,Lynx,A,5,0,1,6,47,6,0,0,53,2.00,2,,4,1,0,\"decided on points after match 5, match 4 of 4 played (max_matches)\",
2,Orca,B,5,0,1,5,41,5,0,0,46,3.20,4,,5,2,0,,
3,Nova,B,5,0,1,5,45,5,0,-5,45,2.40,3,,5,3,0,,\"-5 after match 2: late to lobby, match 2\"
4,Mako,A,5,1,1,2,35,2,0,0,37,2.75,1,,6,4,0,," "$got"
table=$("$TRACKER" standings --tournament "Rules Cup" --stage Final)
contains "rules cup: label counts numbers and matches played" \
	"Rules Cup / Final: after match 6 (5 of 5 matches played), ruleset cup" "$table"
contains "rules cup: champion on points" \
	"Champion: Lynx, decided on points after match 5, match 4 of 4 played (max_matches)" "$table"
contains "rules cup: void listed" "Match 3 voided (server crash): it counts for nothing" "$table"
contains "rules cup: adjustment with its reason" \
	"Adjustment: Nova -5 from the standings after match 2 on (late to lobby, match 2)" "$table"
contains "rules cup: late match marked" \
	"Match 6 was played beyond max_matches (4): it counts in the totals, not for the title" "$table"
contains "rules cup: adjustment beside the total" "-5      45" "$table"
"$TRACKER" standings --tournament "Rules Cup" --stage Final --format json >"$T/final.json"
eq "rules cup json: champion" "Lynx|5|4|points" "$(j "SELECT j->>'\$.champion.team',
	j->>'\$.champion.decided_in_match', j->>'\$.champion.decided_played', j->>'\$.champion.decided_by' FROM d")"
eq "rules cup json: voided and late" '[{"match":3,"reason":"server crash"}]|[{"match":6,"beyond_max_matches":true}]|5|6' \
	"$(j "SELECT j->'\$.voided', j->'\$.late_matches', j->>'\$.matches_played', j->>'\$.after_match' FROM d")"
eq "rules cup json: Nova's adjustment" '-5|45|[{"points":-5,"after_match":2,"reason":"late to lobby, match 2"}]|B' \
	"$(j "SELECT value->>'adjustment', value->>'points', value->'adjustments', value->>'group'
	FROM d, json_each(j, '\$.standings') WHERE value->>'team' = 'Nova'")"
eq "rules cup json: Mako's dq" "1|5|2|0" "$(j "SELECT value->>'dq', value->>'matches', value->>'kills',
	json_array_length(value->'adjustments') FROM d, json_each(j, '\$.standings') WHERE value->>'team' = 'Mako'")"
# --group B: only Orca and Nova, on all their matches
got=$("$TRACKER" standings --tournament "Rules Cup" --stage Final --group b --format csv |
	pick rank,team,group,matches,adjustment,points)
eq "rules cup: group B" "1,Orca,B,5,0,46 2,Nova,B,5,-5,45 " "$got"
contains "rules cup: group header" "Rules Cup / Final, group B: after match 6" \
	"$("$TRACKER" standings --tournament "Rules Cup" --stage Final --group B)"
status "rules cup: unknown group" 1 "$TRACKER" standings --tournament "Rules Cup" --stage Final --group C
contains "rules cup: unknown group message" "--group C: the stage 'Final' has groups A, B" "$OUT"
# --after 0: every team of the roster, none with a point yet (level on
# everything: all rank 1); --after 3, the voided match: matches 1 and 2 with
# Nova's penalty (after match 2): Lynx 25, Nova 25 - 5 = 20, Mako 18, Orca 17
got=$("$TRACKER" standings --tournament "Rules Cup" --stage Final --after 0 --format csv |
	pick rank,team,matches,points)
eq "rules cup: before the first match" "1,Lynx,0,0 1,Mako,0,0 1,Nova,0,0 1,Orca,0,0 " "$got"
contains "rules cup: before the first match label" "before the first match (0 of 5 matches played)" \
	"$("$TRACKER" standings --tournament "Rules Cup" --stage Final --after 0)"
got=$("$TRACKER" standings --tournament "Rules Cup" --stage Final --after 3 --format csv |
	pick team,points)
eq "rules cup: after the voided match 3" "Lynx,25 Nova,20 Mako,18 Orca,17 " "$got"
contains "rules cup: after the voided match label" \
	"after match 3 (2 of 5 matches played; match 3 was voided)" \
	"$("$TRACKER" standings --tournament "Rules Cup" --stage Final --after 3)"
# the matches listing: the void reason, Mako's dq; match 4 has no Booyah and
# 2 + 0 + 1 = 3 lobby kills (Mako's 5 left out); match 5's map is unknown
got=$("$TRACKER" matches --tournament "Rules Cup" --stage Final --format csv | tr -d '\r' |
	sed -n '1p;4,6p' | cut -d, -f1,3,4,6,9,10)
eq "rules cup: matches listing" "match,map,booyah,lobby_kills,void,dq
3,Bermuda,Mako,9,server crash,
4,Kalahari,,3,,Mako (dq)
5,unknown,Orca,2,," "$got"
# what-if under pubgm-points keeps the stage's Champion Rush and the adjustment
table=$("$TRACKER" standings --tournament "Rules Cup" --stage Final --ruleset pubgm-points)
contains "what-if says what it keeps" "What-if: the placement table, kill points, kill cap and tiebreakers of pubgm-points; head starts, adjustments and Champion Rush as the stage's ruleset (cup) has them" "$table"
contains "what-if keeps Champion Rush" "Champion Rush: 30 points, then a Booyah, within 4 matches" "$table"

# The same Rules Cup in match JSON v1 with the additions (a void match, a dq
# result, a null map, adjustments, groups: tests/scoring/rules-cup-v2.json)
# through tracker import into a database of its own: the same standings,
# byte for byte, in every format.
status "rules cup v2: imports" 0 "$TRACKER" --db "$T/v2.db" import "$S/rules-cup-v2.json"
for f in table csv json; do
	"$TRACKER" standings --tournament "Rules Cup" --stage Final --format $f >"$T/sql.$f"
	"$TRACKER" --db "$T/v2.db" standings --stage Final --format $f >"$T/v2.$f"
	same_file "rules cup v2: $f as with the SQL" "$T/sql.$f" "$T/v2.$f"
	"$TRACKER" standings --tournament "Rules Cup" --stage Final --group A --format $f >"$T/sql.$f"
	"$TRACKER" --db "$T/v2.db" standings --stage Final --group A --format $f >"$T/v2.$f"
	same_file "rules cup v2: group A $f as with the SQL" "$T/sql.$f" "$T/v2.$f"
done

# Head starts carried from another stage's ranking, and zones
# (tests/scoring/carry-point-rush.json and carry-final.json), by hand:
#   Point Rush, Champion Rush at 5: m1 Kite 1st (12), Lark 2nd (9), Moth 3rd
#   (8); m2 Moth 1st with 8 before it: champion; Lark 2nd (18), Kite 3rd (20).
#   Its final ranking: Moth (the champion first), Kite 20, Lark 18.
#   Final: 10 and 8 carried by rank, 2 for Lark by name; zones 1st "Champion
#   slot", 2nd "Runner-up". m1: Lark 1st (12 + 2 = 14), Kite 2nd (9 + 8 =
#   17), Moth 3rd (8 + 10 = 18).
status "carry cup: imports" 0 "$TRACKER" --db "$T/carry.db" import "$S/carry-point-rush.json" "$S/carry-final.json"
eq "carry cup: carried head starts and zones" "Moth,10,18,Champion slot Kite,8,17,Runner-up Lark,2,14, " \
	"$("$TRACKER" --db "$T/carry.db" standings --stage Final --format csv | pick team,headstart,points,zone)"
eq "carry cup: before the first match" "1,Moth,10 2,Kite,8 3,Lark,2 " \
	"$("$TRACKER" --db "$T/carry.db" standings --stage Final --after 0 --format csv | pick rank,team,points)"
contains "carry cup: says where they come from" "Head starts carried from Point Rush: by its final ranking, from 1st down, 10, 8" \
	"$("$TRACKER" --db "$T/carry.db" standings --stage Final)"
"$TRACKER" --db "$T/carry.db" standings --stage Final --format json >"$T/final.json"
eq "carry cup json" "Point Rush|10|0|Champion slot" "$(j "SELECT j->>'\$.headstart_from',
	j->>'\$.standings[0].headstart_carried', j->>'\$.standings[2].headstart_carried', j->>'\$.standings[0].zone' FROM d")"
