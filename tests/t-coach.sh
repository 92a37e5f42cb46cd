# t-coach.sh: the coach's CLI on the real data: one match's lobby, a team's
# own matches on a map, the best teams on a map, sorting and cutting, day
# filters, head to head, 80-column output, "did you mean", colour, --version
# and the man page. Expected values come from the data files through the
# sqlite3 CLI (json_each over the files), never from the tracker.
. "$TESTS/lib.sh"

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1

# q SQL: a query over the table r of both files' results, built once with the
# sqlite3 CLI: stage, number, day, map, team, placement, kills, points (the
# FFWS table 12,9,8,7,6,5,4,3,2,1,0,0 and 1 point per kill, as both stages are)
{ printf '['; cat "$DATA/group-stage.json"; printf ','; cat "$DATA/grand-final.json"; printf ']'; } >"$T/all.json"
sqlite3 "$T/data.db" "CREATE TABLE r AS
	SELECT d.value ->> 'stage' AS stage, m.value ->> 'match' AS number,
	       m.value ->> 'day' AS day, m.value ->> 'map' AS map, x.value ->> 'team' AS team,
	       x.value ->> 'placement' AS placement, x.value ->> 'kills' AS kills,
	       coalesce(json_extract('[12,9,8,7,6,5,4,3,2,1,0,0]',
	                             '\$[' || ((x.value ->> 'placement') - 1) || ']'), 0)
	           + (x.value ->> 'kills') AS points
	FROM json_each(readfile('$T/all.json')) AS d, json_each(d.value, '\$.matches') AS m,
	     json_each(m.value, '\$.results') AS x"
q() { sqlite3 -list -separator , "$T/data.db" "$1"; }
csv() { "$TRACKER" "$@" --format csv | tr -d '\r' | sed 1d; }

# tracker matches --team "LOUD SNICKERS" --map Bermuda: its Bermuda games, each
# with the stage, number, placement and kills of the file
want=$(q "SELECT stage, number, placement, kills FROM r WHERE team = 'LOUD SNICKERS'
          AND map = 'Bermuda' ORDER BY stage = 'Grand Final', number")
got=$(csv matches --team "LOUD SNICKERS" --map Bermuda | cut -d, -f1,2,5,6)
eq "matches --team --map: as many Bermuda games as the files have" \
	"$(printf '%s\n' "$want" | wc -l)" "$(printf '%s\n' "$got" | wc -l)"
eq "matches --team --map: stage, match, placement, kills of each" "$want" "$got"
# 23 of them: 21 in the group stage and 2 in the Grand Final (matches 5 and 9)
eq "matches --team --map: LOUD SNICKERS played 23 Bermuda games" 23 "$(printf '%s\n' "$got" | wc -l)"
# rank after Grand Final match 9: total after 9 matches, ranked among the 12
want9=$(q "WITH t AS (SELECT team, sum(points) AS p FROM r WHERE stage = 'Grand Final'
           AND number <= 9 GROUP BY team) SELECT 1 + count(*) FROM t
           WHERE p > (SELECT p FROM t WHERE team = 'LOUD SNICKERS')")
eq "matches --team: rank after Grand Final match 9" "$want9" \
	"$(csv matches --team "LOUD SNICKERS" --map Bermuda | grep '^Grand Final,9,' | cut -d, -f10)"
status "matches --team --day: the days of the stage only" 0 \
	"$TRACKER" matches --team LOS --stage "Grand Final" --day 1 --format csv
eq "matches --team --day 1: LOS's Grand Final day-1 games" \
	"$(q "SELECT count(*) FROM r WHERE team = 'LOS' AND stage = 'Grand Final' AND day = 1")" \
	"$(printf '%s\n' "$OUT" | tr -d '\r' | sed 1d | wc -l)"
status "matches: a second --team is refused" 2 "$TRACKER" matches --team LOS --team INTZ

# tracker match --stage "Grand Final" 9: the whole lobby, 12 teams, each with
# its placement and kills from the file
want=$(q "SELECT placement, team, kills FROM r WHERE stage = 'Grand Final' AND number = 9
          ORDER BY placement")
got=$(csv match --stage "Grand Final" 9 | cut -d, -f1-3)
eq "match: 12 teams in Grand Final match 9" 12 "$(printf '%s\n' "$got" | wc -l)"
eq "match: placement, team and kills of each" "$want" "$got"
booyah=$(q "SELECT team FROM r WHERE stage = 'Grand Final' AND number = 9 AND placement = 1")
contains "match: the table names the map and the Booyah" "Bermuda; Booyah: $booyah" \
	"$(COLUMNS=200 "$TRACKER" match --stage "Grand Final" 9)"
"$TRACKER" match --stage "Grand Final" 9 --format json >"$T/m9.json"
# 12 teams of 4 players in the file's match 9
eq "match --format json: 12 teams, 4 players each" "12,48" "$(sqlite3 -list -separator , :memory: \
	"SELECT json_array_length(readfile('$T/m9.json'), '\$.teams'),
	 (SELECT sum(json_array_length(t.value, '\$.players'))
	  FROM json_each(readfile('$T/m9.json'), '\$.teams') AS t)")"
status "match: a match the stage does not have" 1 "$TRACKER" match --stage "Grand Final" 99

# tracker maps --map Bermuda --top 3: the best three by points per match there
want=$(q "SELECT team FROM r WHERE map = 'Bermuda' GROUP BY team
          ORDER BY avg(points) DESC LIMIT 3")
eq "maps --map --top 3: the best three on Bermuda, best first" "$want" \
	"$(csv maps --map Bermuda --top 3 | cut -d, -f1)"
got=$(csv maps --team LOS --team "LOUD SNICKERS" | cut -d, -f1 | sort -u | tr '\n' ' ')
eq "maps --team A --team B: both teams" "LOS LOUD SNICKERS " "$got"
eq "maps --day 1: matches on day 1 of the stages only" \
	"$(q "SELECT count(*) FROM r WHERE team = 'LOS' AND day = 1")" \
	"$(csv maps --team LOS --day 1 | awk -F, '{ n += $3 } END { print n }')"

# --sort and --top on every listing: players by damage, the five most
want=$(sqlite3 -list :memory: "SELECT sum(p.value ->> 'damage') FROM
	json_each(readfile('$T/all.json')) AS d, json_each(d.value, '\$.matches') AS m,
	json_each(m.value, '\$.results') AS x, json_each(x.value, '\$.players') AS p
	GROUP BY p.value ->> 'name' ORDER BY 1 DESC LIMIT 5")
eq "players --sort damage --top 5: the five most damage, most first" "$want" \
	"$(csv players --sort damage --top 5 | cut -d, -f5)"
# team: --sort sorts the sections that have the column (players by damage)
want=$(sqlite3 -list :memory: "SELECT p.value ->> 'name' FROM
	json_each(readfile('$T/all.json')) AS d, json_each(d.value, '\$.matches') AS m,
	json_each(m.value, '\$.results') AS x, json_each(x.value, '\$.players') AS p
	WHERE x.value ->> 'team' = 'LOS' GROUP BY 1 ORDER BY sum(p.value ->> 'damage') DESC LIMIT 1")
eq "team --sort damage: its players by damage" "$want" \
	"$(COLUMNS=200 "$TRACKER" team LOS --sort damage | sed -n '/^Players/{n;n;p;}' | cut -d' ' -f1)"
status "--sort: a column that is not there gets the nearest" 1 "$TRACKER" players --sort damag
contains "--sort: did you mean" "did you mean 'damage'" "$OUT"
eq "--sort -COLUMN: fewest kills first" \
	"$(csv standings --stage "Grand Final" | sort -t, -k5n | head -1 | cut -d, -f2)" \
	"$(csv standings --stage "Grand Final" --sort -kills --top 1 | cut -d, -f2)"

# standings --day 2: what the day-2 matches made (no head start, no adjustment)
want=$(q "SELECT team || ',' || sum(points) FROM r WHERE stage = 'Grand Final' AND day = 2
          GROUP BY team ORDER BY sum(points) DESC LIMIT 1")
eq "standings --day 2: the best team of day 2 and its points" "$want" \
	"$(csv standings --stage "Grand Final" --day 2 --top 1 | awk -F, '{ print $2 "," $9 }')"

# standings --stage all: each of the 2 stages the files hold
"$TRACKER" standings --stage all --format json >"$T/all-standings.json"
eq "standings --stage all --format json: an array of the 2 stages" \
	"$(q "SELECT group_concat(stage, ',') FROM (SELECT DISTINCT stage FROM r)")" \
	"$(sqlite3 -list :memory: "SELECT group_concat(s.value ->> 'stage', ',')
	   FROM json_each(readfile('$T/all-standings.json')) AS s")"

# compare: in the 14 Grand Final lobbies both played, how often each placed higher
want=$(q "SELECT count(*) || ',' || sum(a.placement < b.placement) || ',' ||
          sum(b.placement < a.placement) || ',' || (sum(a.points) - sum(b.points))
          FROM r a JOIN r b ON a.stage = b.stage AND a.number = b.number
          WHERE a.stage = 'Grand Final' AND a.team = 'LOUD SNICKERS' AND b.team = 'LOS'")
eq "compare: lobbies, A higher, B higher, points difference" "$want" \
	"$(csv compare "LOUD SNICKERS" LOS --stage "Grand Final" | head -1 | cut -d, -f2,3,4,8)"

# every command fits 80 columns (display width: UTF-8 continuation bytes not counted)
wide=
for args in "tournaments" "teams" "matches --stage Group Stage" "standings --stage Grand Final" \
	"standings --stage Group Stage --after 60" "maps" "maps --map Bermuda" "team LOS" \
	"players" "rules show" "match --stage Grand Final 9" "compare LOS INTZ" \
	"matches --team LOS --map Bermuda" "help" "standings --help" "rules --help" \
	"serve --help" "maps --help" "players --help" "log" "void --help" "teams merge --help" \
	"stages remove --help" "tournaments remove --help" "backup --help" "import --help"; do
	# the stage names have a space: the words after --stage are one argument
	set -- $args
	case $args in
	*"--stage Group Stage"*) set -- $(printf '%s' "$args" | sed 's/--stage Group Stage.*//') \
		--stage "Group Stage" $(printf '%s' "$args" | sed 's/.*--stage Group Stage//') ;;
	*"--stage Grand Final"*) set -- $(printf '%s' "$args" | sed 's/--stage Grand Final.*//') \
		--stage "Grand Final" $(printf '%s' "$args" | sed 's/.*--stage Grand Final//') ;;
	esac
	over=$(COLUMNS=80 "$TRACKER" "$@" 2>&1 | LC_ALL=C awk '{ s = $0; gsub(/[\200-\277]/, "", s) }
		length(s) > 80 { print length(s) ": " $0; exit }')
	[ -n "$over" ] && wide="$wide [$args] $over"
done
eq "every command fits 80 columns" "" "$wide"
got=$(COLUMNS=80 "$TRACKER" standings --stage "Grand Final" | sed -n '/^Rank/p')
lacks "80 columns: no Head start column when every head start is 0" "Head start" "$got"
lacks "80 columns: no Kill pts column when kill points equal kills" "Kill pts" "$got"
contains "--wide: every column" "Head start" "$(COLUMNS=80 "$TRACKER" standings --stage "Grand Final" --wide)"

# a typo gets a suggestion
status "typo: a command" 2 "$TRACKER" standigns
contains "typo: a command gets the nearest" "did you mean 'standings'" "$OUT"
status "typo: an option" 2 "$TRACKER" standings --stage "Grand Final" --sortt kills
contains "typo: an option gets the nearest" "did you mean --sort" "$OUT"
status "typo: a stage" 1 "$TRACKER" standings --stage "grand finl"
contains "typo: a stage gets the nearest" "did you mean 'Grand Final'" "$OUT"
status "typo: a map" 1 "$TRACKER" maps --map Bermda
contains "typo: a map gets the nearest" "did you mean 'Bermuda'" "$OUT"
status "typo: a player" 1 "$TRACKER" players --player MT8
contains "typo: a player gets the nearest" "did you mean 'MT7'" "$OUT"
status "typo: a team" 1 "$TRACKER" team "LOUD SNIKERS"
contains "typo: a team gets the nearest" "did you mean 'LOUD SNICKERS'" "$OUT"

# colour: never in a pipe or with NO_COLOR; --color=always paints (so the
# checks for no escape can fail)
esc=$(printf '\033')
lacks "colour: none in a pipe" "$esc" "$("$TRACKER" standings --stage "Grand Final")"
lacks "colour: none with NO_COLOR" "$esc" \
	"$(NO_COLOR=1 "$TRACKER" standings --stage "Grand Final" --color auto)"
contains "colour: --color always paints the champion" "$esc[1;33mLOUD SNICKERS" \
	"$("$TRACKER" standings --stage "Grand Final" --color always)"
lacks "colour: --color never" "$esc" "$("$TRACKER" standings --stage "Grand Final" --color never)"

# --version prints a version
status "--version" 0 "$TRACKER" --version
case $OUT in "tracker "?*) ok "--version: tracker VERSION" ;; *) not_ok "--version" "$OUT" ;; esac

# the man page names every command and every option of its --help
man=$TESTS/../tracker/tracker.1
missing=
"$TRACKER" test-complete commands >"$T/commands"
while IFS= read -r c; do
	grep -qF ".SS \"$(printf '%s' "$c" | sed 's/-/\\-/g')" "$man" || missing="$missing [$c]"
	for o in $("$TRACKER" test-complete options "$c"); do
		grep -qF -- "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$man" || missing="$missing $c:$o"
	done
done <"$T/commands"
eq "tracker.1 has every command and every --help option" "" "$missing"

# completion: the stage and team names of the database
eq "test-complete stages" "$(q "SELECT DISTINCT stage FROM r ORDER BY stage")" \
	"$("$TRACKER" test-complete stages)"
eq "test-complete teams: as many as the files name" \
	"$(q "SELECT count(DISTINCT team) FROM r")" "$("$TRACKER" test-complete teams | wc -l)"

# bash completion: stage names after --stage, the subcommands of teams
if command -v bash >/dev/null; then
	dir=$(dirname "$TRACKER")
	comp() {
		PATH=$dir:$PATH bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
			_tracker; printf "%s\n" "${COMPREPLY[@]}"' sh "$TESTS/../tracker/tracker.bash" "$@"
	}
	# the tracker on PATH is called tracker: link the one under test
	ln -sf "$TRACKER" "$T/tracker"
	dir=$T
	eq "completion: --stage offers the stages" 'Grand\ Final' "$(comp tracker standings --stage Gra)"
	eq "completion: teams offers its subcommands" "merge rename alias" \
		"$(comp tracker teams "" | tr '\n' ' ' | sed 's/ $//')"
fi

# Headers name the stored team and stage, not the user's spelling: LOS
# played every one of grand-final.json's matches (its results list each team)
n=$(sqlite3 -list :memory: "SELECT count(*) FROM json_each(readfile('/dev/stdin'), '\$.matches') AS m,
	json_each(m.value, '\$.results') AS r WHERE r.value->>'team' = 'LOS'" <"$DATA/grand-final.json")
got=$("$TRACKER" matches --team los --stage grand-final | head -1)
eq "matches --team header: stored team name" "LOS: $n matches; rank after: its rank in the stage after the match" "$got"
got=$("$TRACKER" compare los "loud snickers" --stage grand-final | head -1)
contains "compare header: stored stage name" "lobbies both played, stage Grand Final;" "$got"
contains "players header: stored stage and team names" "Players, stage Grand Final, team LOS," \
	"$("$TRACKER" players --stage grand-final --team los | head -1)"
contains "team header: stored stage name" "LOS, stage Grand Final" "$("$TRACKER" team los --stage grand-final | head -1)"
contains "maps header: stored stage name" "(stage Grand Final)" "$("$TRACKER" maps --stage grand-final | head -1)"

# A --sort the table lacks fails before anything is printed: stdout empty
for c in "players --sort dmage --top 2" "matches --team los --sort nope" "compare los intz --sort nope" \
	"match --stage grand-final 1 --sort nope" "standings --stage grand-final --sort nope" \
	"maps --stage grand-final --sort nope" "team los --sort nope" "players --stage grand-final --team los --sort nope"; do
	# shellcheck disable=SC2086
	out=$("$TRACKER" $c 2>"$T/err")
	s=$?
	eq "bad --sort, nothing on stdout: $c" "1|" "$s|$out"
done
contains "bad --sort: did you mean" "did you mean 'damage'" "$("$TRACKER" players --sort dmage 2>&1)"
