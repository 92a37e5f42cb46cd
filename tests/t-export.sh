# t-export.sh: tracker export. The JSON export re-imports into an empty
# database to byte-identical standings (the real data, the Rules Cup with
# the match JSON v1 additions, the Carry Cup's head starts by name and
# carried from another stage), and so does the CSV export, the ruleset,
# roster and adjustments given apart; every --format csv is one table; the
# wikitext passes tests/export/wikitext.awk, a checker of the template
# parameters Liquipedia's modules read. Expected values come from the data
# files (read with the sqlite3 CLI) or from hand counts beside the case.
. "$TESTS/lib.sh"
S=$TESTS/scoring
A=$T/a.db
B=$T/b.db
FF="FFWS Brazil 2026 Split 1"

status import 0 "$TRACKER" --db "$A" import "$DATA/group-stage.json" "$DATA/grand-final.json" \
	"$S/rules-cup-v2.json" "$S/carry-point-rush.json" "$S/carry-final.json"

# stages: tournament|stage of every stage in A
stages="$FF|Group Stage
$FF|Grand Final
Rules Cup|Final
Carry Cup|Point Rush
Carry Cup|Final"

# export every stage as JSON, then import them all into an empty database
n=0
printf '%s\n' "$stages" | while IFS='|' read -r tn st; do
	n=$((n + 1))
	"$TRACKER" --db "$A" export --tournament "$tn" --stage "$st" --format json >"$T/s$n.json" ||
		echo "not ok export json $tn/$st: exit $?"
done
status "json: import into an empty database" 0 "$TRACKER" --db "$B" import "$T/s1.json" "$T/s2.json" \
	"$T/s3.json" "$T/s4.json" "$T/s5.json"

# same OUTPUT_NAME ARGS...: tracker ARGS in A and in B, byte for byte
same() {
	_n=$1
	shift
	"$TRACKER" --db "$A" "$@" >"$T/same-a" 2>&1
	"$TRACKER" --db "$B" "$@" >"$T/same-b" 2>&1
	same_file "$_n" "$T/same-a" "$T/same-b"
}
printf '%s\n' "$stages" | while IFS='|' read -r tn st; do
	same "json round trip: standings csv $tn/$st" standings --tournament "$tn" --stage "$st" --format csv
	same "json round trip: standings table $tn/$st" standings --tournament "$tn" --stage "$st"
	same "json round trip: matches $tn/$st" matches --tournament "$tn" --stage "$st" --format csv
done
same "json round trip: players" players --tournament "$FF" --format csv
same "json round trip: rules of the Carry Cup final" rules show --tournament "Carry Cup" --stage Final
same "json round trip: standings as of match 2 of the Rules Cup" standings --tournament "Rules Cup" \
	--stage Final --after 2 --format csv
# exporting what was imported from an export gives the same file again
"$TRACKER" --db "$B" export --tournament "Rules Cup" --stage Final --format json >"$T/again.json"
same_file "json: export of the re-import is the export" "$T/s3.json" "$T/again.json"

# the additions, as rules-cup-v2.json gives them: the same value at the same path
# jv FILE PATH: the JSON value at PATH in FILE, as the sqlite3 CLI reads it
jv() { sqlite3 -list :memory: "SELECT json_extract(readfile('$1'), '$2')"; }
for p in '$.ruleset.name' '$.ruleset.champion_rush' '$.groups' '$.adjustments' '$.matches[2].void' \
	'$.matches[3].results[0].status' '$.matches[3].results[0].team' '$.matches[4].map' \
	'$.matches[0].results[0].players' '$.tournament' '$.stage' '$.source'; do
	eq "json carries $p" "$(jv "$S/rules-cup-v2.json" "$p")" "$(jv "$T/s3.json" "$p")"
done
eq "json: unknown map as null" "null" "$(sqlite3 -list :memory: "SELECT json_type(readfile('$T/s3.json'), '\$.matches[4].map')")"
# the Carry Cup final's head start by the team's name, its carry and roster, as the file gives them
for p in '$.ruleset.headstart' '$.ruleset.headstart_from' '$.ruleset.zones' '$.teams'; do
	eq "json carries $p (carry cup)" "$(jv "$S/carry-final.json" "$p")" "$(jv "$T/s5.json" "$p")"
done

# match CSV: one header row, a row per team per match (per player where the
# match has players), voided matches left out, and a note of what CSV cannot carry
"$TRACKER" --db "$A" export --tournament "$FF" --stage "Grand Final" --format csv >"$T/gf.csv" 2>"$T/gf.err"
eq "csv: header" "tournament,stage,match,day,map,played_at,team,placement,kills,status,player,player_kills,damage,assists,mvp" \
	"$(head -1 "$T/gf.csv" | tr -d '\r')"
# rows: per result, its players or 1 when it has none, from the data file
want=$(sqlite3 -list :memory: "SELECT sum(max(1, coalesce(json_array_length(r.value, '\$.players'), 0)))
	FROM json_each(readfile('$DATA/grand-final.json'), '\$.matches') m, json_each(m.value, '\$.results') r")
eq "csv: a row per player of each result" "$want" "$(($(wc -l <"$T/gf.csv") - 1))"
eq "csv: every row has 15 fields" "15" "$(tr -d '\r' <"$T/gf.csv" | awk -F, '{ print NF }' | sort -u)"
# grand-final.json, match 14 (day 2, Purgatory): LOUD SNICKERS Booyah with 9 kills, the title
contains "csv: the deciding match" "$FF,Grand Final,14,2,Purgatory,,LOUD SNICKERS,1,9,played," "$(cat "$T/gf.csv")"
contains "csv: the ruleset left out, said on stderr" "match CSV has no columns for the ruleset: left out" \
	"$(cat "$T/gf.err")"
"$TRACKER" --db "$A" export --tournament "Rules Cup" --stage Final --format csv >"$T/cup.csv" 2>"$T/cup.err"
# rules-cup-v2.json: 6 matches of 4 teams, match 3 voided: 5 x 4 rows, each a
# team's (a team row's player cells empty when it has no player numbers)
eq "csv: voided match left out" "20" "$(($(wc -l <"$T/cup.csv") - 1))"
lacks "csv: no row of match 3" "Rules Cup,Final,3," "$(cat "$T/cup.csv")"
contains "csv: dq status" "Rules Cup,Final,4,,Kalahari,,Mako,1,5,dq,Cerol,3,,," "$(tr -d '\r' <"$T/cup.csv")"
contains "csv: unknown map empty" "Rules Cup,Final,5,,,,Orca,1,2,played,Nobru,2,,," "$(tr -d '\r' <"$T/cup.csv")"
contains "csv: what was left out" \
	"the ruleset, the roster of 4 teams, 1 adjustment, 1 voided match: left out" "$(cat "$T/cup.err")"
"$TRACKER" --db "$A" export --tournament "Carry Cup" --stage "Point Rush" --format csv >"$T/pr.csv" 2>/dev/null
eq "csv: no player columns without player numbers" "tournament,stage,match,day,map,played_at,team,placement,kills,status" \
	"$(head -1 "$T/pr.csv" | tr -d '\r')"

# wikitext: the checker accepts every stage's, and refuses what it must
printf '%s\n' "$stages" | while IFS='|' read -r tn st; do
	"$TRACKER" --db "$A" export --tournament "$tn" --stage "$st" --format wikitext >"$T/w.wiki"
	contains "wikitext checks: $tn/$st" "templates" "$(awk -f "$TESTS/export/wikitext.awk" "$T/w.wiki")"
done
for bad in "$TESTS"/export/bad-*.wiki; do
	want=$(sed -n 's/^<!-- expect: \(.*\) -->$/\1/p' "$bad")
	got=$(awk -f "$TESTS/export/wikitext.awk" "$bad")
	contains "wikitext checker refuses $(basename "$bad")" "$want" "$got"
done
"$TRACKER" --db "$A" export --tournament "Rules Cup" --stage Final --format wikitext >"$T/cup.wiki"
w=$(cat "$T/cup.wiki")
# rounds: matches 1, 2, 4, 5, 6 (3 voided)
eq "wikitext: a round per counted match" 5 "$(grep -c '^|round[0-9]*={{Round|title=Match [0-9]*|started=true|finished=true}}$' "$T/cup.wiki")"
contains "wikitext: voided match said" "<!-- match 3 was voided (server crash) and is left out -->" "$w"
# Lynx, match 1: 1st (12) + 3 kills = 15; match 2: 2nd (9) + 1 = 10; match 4:
# 2nd (9) + 2 = 11; match 5: 3rd (8) + 0; match 6: 2nd (9) + 0
contains "wikitext: Lynx's points per round" "|{{TeamOpponent|Lynx|r1=15|r2=10|r3=11|r4=8|r5=9}}" "$w"
# Nova's -5 after match 2 is its starting points
contains "wikitext: adjustment as startingpoints" "|r5=8|startingpoints=-5}}" "$w"
# Mako dq in match 4 (the third counted): no points, {{MS|-|}}
contains "wikitext: dq scores 0" "{{TeamOpponent|Mako|r1=11|r2=7|r3=0|" "$w"
contains "wikitext: dq as MS -" "m2={{MS|4|0}}|m3={{MS|-|}}" "$w"
contains "wikitext: placement table and kill points" "|p_kill=1 |p1=12 |p2=9 |p3=8" "$w"
contains "wikitext: unknown map has no map=" "|map4={{Map|finished=true}}<!-- match 5 -->" "$w"
contains "wikitext: champion said" "<!-- Champion Rush: Lynx is champion" "$w"
"$TRACKER" --db "$A" export --tournament "Carry Cup" --stage Final --format wikitext >"$T/carry.wiki"
# Carry Cup final zones: rank 1 "Champion slot", rank 2 "Runner-up"
contains "wikitext: zones as bg" "|bg=1-1=up, 2-2=down" "$(cat "$T/carry.wiki")"

status "export: --format required" 2 "$TRACKER" --db "$A" export --stage Final --tournament "Rules Cup"
contains "export: --format message" "--format is required (json, csv or wikitext)" "$OUT"
status "export: unknown format" 2 "$TRACKER" --db "$A" export --stage Final --tournament "Rules Cup" --format xml
contains "export: unknown format message" "--format: 'xml' is not json, csv or wikitext" "$OUT"
status "export: unknown stage" 1 "$TRACKER" --db "$A" export --stage Nope --tournament "Rules Cup" --format json

# a team name that would split a template argument, a reason that would end a comment
printf '%s' '{"tournament":"W","stage":"S","adjustments":[{"team":"A|B","points":-1,"after_match":0,"reason":"x --> y"}],"matches":[{"match":1,"results":[{"team":"A|B","placement":1,"kills":1},{"team":"C","placement":2,"kills":0}]}]}' >"$T/w.json"
status "hostile names: import" 0 "$TRACKER" --db "$T/w.db" import "$T/w.json"
"$TRACKER" --db "$T/w.db" export --stage S --format wikitext >"$T/w.wiki"
contains "hostile names: the checker accepts the wikitext" "templates" "$(awk -f "$TESTS/export/wikitext.awk" "$T/w.wiki")"
contains "hostile names: | as a character reference" "{{TeamOpponent|A&#124;B|r1=13|startingpoints=-1}}" "$(cat "$T/w.wiki")"
contains "hostile names: --> cannot end the comment" "<!-- adjustment: A|B -1 after match 0: x --&gt; y -->" "$(cat "$T/w.wiki")"

# CSV round trip: the match CSV of every stage into an empty database, with
# what match CSV has no columns for given the way a user would: the ruleset
# and roster first (a stage file without matches), the adjustments after the
# matches they follow; the standings are then the same, byte for byte
C=$T/c.db
n=0
printf '%s\n' "$stages" | while IFS='|' read -r tn st; do
	n=$((n + 1))
	sqlite3 -list :memory: "SELECT json_set(json_remove(j, '\$.adjustments'), '\$.matches', json('[]'))
		FROM (SELECT readfile('$T/s$n.json') AS j)" >"$T/frame$n.json"
	sqlite3 -list :memory: "SELECT json_object('tournament', j->>'tournament', 'stage', j->>'stage',
		'adjustments', j->'\$.adjustments') FROM (SELECT readfile('$T/s$n.json') AS j)
		WHERE j->'\$.adjustments' IS NOT NULL" >"$T/adj$n.json"
	"$TRACKER" --db "$A" export --tournament "$tn" --stage "$st" --format csv >"$T/s$n.csv" 2>/dev/null
	status "csv round trip: ruleset and roster of $tn/$st" 0 "$TRACKER" --db "$C" import "$T/frame$n.json"
	status "csv round trip: import the CSV of $tn/$st" 0 "$TRACKER" --db "$C" import "$T/s$n.csv"
	if [ -s "$T/adj$n.json" ]; then
		status "csv round trip: adjustments of $tn/$st" 0 "$TRACKER" --db "$C" import "$T/adj$n.json"
	fi
	"$TRACKER" --db "$A" standings --tournament "$tn" --stage "$st" --format csv >"$T/csv-a"
	"$TRACKER" --db "$C" standings --tournament "$tn" --stage "$st" --format csv >"$T/csv-c"
	same_file "csv round trip: standings csv $tn/$st" "$T/csv-a" "$T/csv-c"
done

# every --format csv is one table: one header row, no blank line, as many
# fields on every row as in the header (a field's own commas quoted)
while IFS='|' read -r name args; do
	# shellcheck disable=SC2086
	"$TRACKER" --db "$A" $args --format csv 2>/dev/null | tr -d '\r' >"$T/one.csv"
	head=$(head -1 "$T/one.csv")
	fields=$(awk -F, 'NR == 1 { print NF; exit }' "$T/one.csv")
	eq "one table: $name" "1 0 $fields" "$(grep -cxF "$head" "$T/one.csv") $(grep -c '^$' "$T/one.csv") $(
		sed 's/"[^"]*"/x/g' "$T/one.csv" | awk -F, '{ print NF }' | sort -u | tr '\n' ' ' | sed 's/ $//')"
done <<'LIST'
tournaments|tournaments
teams|teams
matches|matches --tournament Rules-Cup --stage Final
standings (groups, dq, adjustments, champion)|standings --tournament Rules-Cup --stage Final
standings (zones)|standings --tournament Carry-Cup --stage Final
maps|maps --tournament Rules-Cup
players|players --tournament Rules-Cup
rules show|rules show --tournament Rules-Cup --stage Final
team standings|team Lynx --table standings
team maps|team Lynx --table maps
team matches|team Lynx --table matches
team players|team Lynx --table players
LIST
