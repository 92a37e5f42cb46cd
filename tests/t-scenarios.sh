# t-scenarios.sh: the match-point story (tracker standings, its JSON) and
# tracker scenarios (CLI and API, the same bytes) on the real Split 1 final,
# and on a small constructed stage whose states were worked out by hand.
# The real numbers come from the data file through the sqlite3 CLI (the
# totals after match 13, the file's threshold and max_matches), not from
# the tracker.
. "$TESTS/lib.sh"
F=$DATA/grand-final.json

status import 0 "$TRACKER" import "$F"

# total N: TEAM|POINTS after match N, points first, from the file (FFWS table, 1 point a kill)
total() {
	sqlite3 -list :memory: "WITH doc(j) AS (SELECT readfile('$F')),
	res AS (SELECT r.value ->> 'team' AS team,
	               coalesce(json_extract(j, '\$.ruleset.placement_points[' ||
	                        ((r.value ->> 'placement') - 1) || ']'), 0) + (r.value ->> 'kills') AS pts
	        FROM doc, json_each(j, '\$.matches') AS m, json_each(m.value, '\$.results') AS r
	        WHERE m.value ->> 'match' <= $1)
	SELECT team, sum(pts) FROM res GROUP BY team ORDER BY sum(pts) DESC"
}
th=$(sqlite3 :memory: "SELECT readfile('$F') ->> '\$.ruleset.champion_rush.threshold'")
max=$(sqlite3 :memory: "SELECT readfile('$F') ->> '\$.ruleset.champion_rush.max_matches'")
eq "file: threshold and max_matches" "160 16" "$th $max"
total 13 >"$T/after13"
# the teams at or over the threshold after match 13, in points order
mp=$(awk -F'|' -v th="$th" '$2 >= th { print $1 }' "$T/after13")
eq "file: four teams on match point after 13" 4 "$(printf '%s\n' "$mp" | wc -l)"
list=$(printf '%s\n' "$mp" | awk '{ a[NR] = $0 } END { for (i = 1; i <= NR; i++) printf "%s%s", (i == 1 ? "" : i == NR ? " or " : ", "), a[i] }')
solid=$(awk -F'|' -v th="$th" '$1 == "TEAM SOLID" { print th - $2 }' "$T/after13")
eq "file: TEAM SOLID needs 4" 4 "$solid"

# the standings header and JSON after match 13
out=$("$TRACKER" standings --stage "Grand Final" --after 13)
contains "standings: on match point" "On match point ($th points): the next Booyah by $list wins the title" "$out"
contains "standings: matches left" "Matches left: $((max - 13)) of $max" "$out"
contains "standings: what TEAM SOLID needs" "Points to reach $th: TEAM SOLID $solid," "$out"
"$TRACKER" standings --stage "Grand Final" --after 13 --format json >"$T/s13.json"
j() { sqlite3 -list :memory: "SELECT $2 FROM (SELECT readfile('$T/$1') AS j)"; }
eq "standings json: teams on match point" "$(printf '%s\n' "$mp" | tr '\n' '|')" \
	"$(j s13.json "(SELECT group_concat(value, '|') || '|' FROM json_each(j, '\$.match_point.teams'))")"
eq "standings json: matches left" "$((max - 13))" "$(j s13.json "j ->> '\$.match_point.matches_left'")"
eq "standings json: TEAM SOLID needs" "$solid" \
	"$(j s13.json "(SELECT value ->> 'points' FROM json_each(j, '\$.match_point.needs') WHERE value ->> 'team' = 'TEAM SOLID')")"
# every team under the threshold has its need, and only those
eq "standings json: needs of the others" "$(awk -F'|' -v th="$th" '$2 < th { print $1 "=" th - $2 }' "$T/after13" | tr '\n' ' ')" \
	"$(j s13.json "(SELECT group_concat((value ->> 'team') || '=' || (value ->> 'points'), ' ') || ' ' FROM json_each(j, '\$.match_point.needs'))")"

# after match 14: LOUD SNICKERS won on a Booyah on match point (the published result)
out=$("$TRACKER" standings --stage "Grand Final" --after 14)
contains "standings 14: how" "Champion: LOUD SNICKERS, decided in match 14 by a Booyah on match point" "$out"
lacks "standings 14: no match point once decided" "On match point" "$out"
"$TRACKER" standings --stage "Grand Final" --after 14 --format json >"$T/s14.json"
eq "standings json 14" "LOUD SNICKERS|booyah|1" \
	"$(j s14.json "j ->> '\$.champion.team', j ->> '\$.champion.decided_by', j -> '\$.match_point' IS 'null'")"

# scenarios after 13: a team scores 0 to 12 + 44 points a match (11 other teams of 4
# players), so with 3 left every team can still reach 160 before the last match
# (AXS FUSION, the last on 77: 77 + 2 * 56 = 189): all alive
out=$("$TRACKER" scenarios --stage "Grand Final" --after 13)
contains "scenarios: bounds" "kills at most 44, the players of the other 11 teams (the lobby at most 47): it scores 0 to 56 points" "$out"
contains "scenarios: on match point" "the next Booyah by $list wins the title" "$out"
contains "scenarios: TEAM SOLID" "TEAM SOLID         156  alive  4 points to reach 160, then a Booyah" "$out"
contains "scenarios: LOS" "LOS                203  alive  on match point: its next Booyah wins the title" "$out"
eq "scenarios: nobody out after 13" 0 \
	"$("$TRACKER" scenarios --stage "Grand Final" --after 13 --format csv | grep -c ',eliminated,')"
"$TRACKER" scenarios --stage "Grand Final" --after 14 --format csv | tr -d '\r' >"$T/c14"
eq "scenarios 14: LOUD SNICKERS clinched" "the title,LOUD SNICKERS,193,clinched" "$(grep '^the title,LOUD SNICKERS,' "$T/c14" | cut -d, -f1-4)"
eq "scenarios 14: the other 11 eliminated" 11 "$(grep -c ',eliminated,' "$T/c14")"

# a small stage, worked out by hand: table 10,6,3,1, 1 point a kill, Champion
# Rush 100 within 3 matches, top 2 "Final"; 4 teams of 2 players, so a team
# kills at most 6 and scores 1 (4th) to 16 (a Booyah and 6 kills) a match.
# Matches 1 and 2 alike: A 1st 3 kills (13), B 2nd 4 kills (10), C 3rd (3),
# D 4th (1): A 26, B 20, C 6, D 2, 1 match left, no team can reach 100 before
# it, so the leader after it wins the title.
# Title: C's best 22 and D's 18 are under A's worst 27: eliminated; B's best
# 36 is over it: A and B alive, B needs 26 - 20 + 1 = 7 more than A.
# Top 2: A clinched (only B can end on 27 or more; C, D cannot win the title);
# D eliminated (A and B end on 27 and 21 at least, over its best of 18); C
# alive, 20 - 6 + 1 = 15 more than B; B alive, 20 - 6 = 14 ahead of C.
cat >"$T/small.json" <<'JSON'
{"tournament": "Small", "stage": "Final",
 "ruleset": {"name": "small", "placement_points": [10, 6, 3, 1], "kill_points": 1,
             "champion_rush": {"threshold": 100, "max_matches": 3},
             "zones": [{"to": 2, "label": "Final"}]},
 "matches": [
JSON
for m in 1 2; do
	[ $m = 2 ] && echo "," >>"$T/small.json"
	cat >>"$T/small.json" <<JSON
 {"match": $m, "results": [
  {"team": "A", "placement": 1, "kills": 3, "players": [{"name": "a1", "kills": 2}, {"name": "a2", "kills": 1}]},
  {"team": "B", "placement": 2, "kills": 4, "players": [{"name": "b1", "kills": 4}, {"name": "b2", "kills": 0}]},
  {"team": "C", "placement": 3, "kills": 0, "players": [{"name": "c1", "kills": 0}, {"name": "c2", "kills": 0}]},
  {"team": "D", "placement": 4, "kills": 0, "players": [{"name": "d1", "kills": 0}, {"name": "d2", "kills": 0}]}]}
JSON
done
echo "]}" >>"$T/small.json"
status "import small" 0 "$TRACKER" import "$T/small.json"
"$TRACKER" scenarios --tournament small --stage final --format csv | tr -d '\r"' >"$T/small.csv"
row() { grep "^$1,$2," "$T/small.csv" | cut -d, -f4-; }
eq "small: title A" "alive,cannot reach 100 before the last match: it must stay ahead on points, with no Booyah on match point" "$(row "the title" A)"
eq "small: title B" "alive,cannot reach 100 before the last match: on points only, 7 more than A in the last 1 match, with no Booyah on match point" "$(row "the title" B)"
eq "small: title C" "eliminated,cannot reach 100 before the last match, and A ends on at least 27 points, more than its best of 22" "$(row "the title" C)"
eq "small: title D" "eliminated" "$(row "the title" D | cut -d, -f1)"
eq "small: top 2 A" "clinched,in the top 2 whatever happens" "$(row "top 2 (Final)" A)"
eq "small: top 2 B" "alive,14 points ahead of C, the first team outside" "$(row "top 2 (Final)" B)"
eq "small: top 2 C" "alive,needs 15 points more than B scores in the last 1 match to pass it" "$(row "top 2 (Final)" C)"
eq "small: top 2 D" "eliminated,at least 2 teams finish above it whatever happens" "$(row "top 2 (Final)" D)"

# the same stage without max_matches: the matches left cannot be bounded, so
# nothing is decided, and the output says so
sed -e 's/"stage": "Final"/"stage": "Open"/' -e 's/, "max_matches": 3//' "$T/small.json" >"$T/open.json"
status "import open" 0 "$TRACKER" import "$T/open.json"
out=$("$TRACKER" scenarios --tournament small --stage open)
contains "open: says what cannot be bounded" "The ruleset sets no max_matches: the matches left cannot be bounded" "$out"
contains "open: no matches left line" "Matches left: not bounded (the ruleset has no max_matches)" "$out"
eq "open: every state alive" "alive" \
	"$("$TRACKER" scenarios --tournament small --stage open --format csv | tr -d '\r' | sed 1d | cut -d, -f4 | sort -u)"

# usage and data errors
status "no --stage" 2 "$TRACKER" scenarios
status "bad --after" 2 "$TRACKER" scenarios --stage "Grand Final" --after x
status "after beyond the last match" 1 "$TRACKER" scenarios --tournament ffws-brazil-2026-split-1 --stage "Grand Final" --after 99
contains "after beyond: says why" "the stage 'Grand Final' has matches up to 14" "$OUT"

# the API answers the same bytes as the CLI's JSON
"$TRACKER" scenarios --stage "Grand Final" --tournament ffws-brazil-2026-split-1 --after 13 --format json >"$T/cli.json"
"$TRACKER" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" &
PID=$!
trap 'kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT
U=$(serving_url "$T/serve.out" "$PID")
eq "api: status" 200 "$(curl -s -o "$T/api.json" -w '%{http_code}' "${U}api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/scenarios?after=13")"
same_file "api: same bytes as the CLI" "$T/cli.json" "$T/api.json"
eq "api: unknown stage" 404 "$(curl -s -o /dev/null -w '%{http_code}' "${U}api/v1/tournaments/ffws-brazil-2026-split-1/stages/nope/scenarios")"
eq "api: bad after" 400 "$(curl -s -o /dev/null -w '%{http_code}' "${U}api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/scenarios?after=99")"
eq "api: no group" 400 "$(curl -s -o /dev/null -w '%{http_code}' "${U}api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/scenarios?group=A")"
curl -s -o "$T/api0.json" "${U}api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/scenarios?after=0"
eq "api: after=0 is before the first match" "0|16" "$(j api0.json "j ->> '\$.matches_played', j ->> '\$.matches_left'")"
kill -TERM "$PID"
wait "$PID"
eq "server stops cleanly" 0 "$?"
PID=

# a database whose player rows cannot be read (their table gone from the
# schema text; the standings do not read it): the squad size cannot be
# known, so scenarios says so and exits 1, and the server answers 500 for
# it and goes on serving the standings
cp "$TRACKER_DB" "$T/fault.db"
sqlite3 "$T/fault.db" "PRAGMA writable_schema=ON;
	DELETE FROM sqlite_schema WHERE tbl_name = 'player_result';"
status "fault: exit 1" 1 "$TRACKER" --db "$T/fault.db" scenarios --tournament ffws-brazil-2026-split-1 --stage grand-final
contains "fault: says database" "tracker: database: no such table: player_result" "$OUT"
lacks "fault: no sanitizer report" "Sanitizer" "$OUT"
"$TRACKER" --db "$T/fault.db" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" &
PID=$!
U=$(serving_url "$T/serve.out" "$PID")
eq "fault: api 500" 500 "$(curl -s -o /dev/null -w '%{http_code}' "${U}api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/scenarios")"
eq "fault: standings still 200" 200 "$(curl -s -o /dev/null -w '%{http_code}' "${U}api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/standings")"
kill -TERM "$PID"
wait "$PID"
eq "fault: server stops cleanly" 0 "$?"
PID=
