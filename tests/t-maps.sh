# t-maps.sh: tracker maps on the real data. Expected numbers come from
# tests/scoring/maps.sql, which computes them from the data files with the
# sqlite3 CLI, not from the tracker.
. "$TESTS/lib.sh"
S=$TESTS/scoring

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1

# expect FILE...: maps.sql over the given files
expect() {
	over_data maps.sql "$@"
}

# check NAME TEAM EXPECTED ARGS...: each of TEAM's maps in tracker maps
# --format csv ARGS against the expected rows (integers exact, averages,
# rates and deltas to the 2 or 3 decimals printed); there must be expected
# rows for TEAM, and ours must have as many
check() {
	_name=$1 _team=$2 _want=$3
	shift 3
	"$TRACKER" maps --format csv "$@" | tr -d '\r' | sed 1d >"$T/ours.csv"
	printf '%s\n' "$_want" | grep "^$_team," | while IFS= read -r line; do
		map=$(printf '%s' "$line" | cut -d, -f2)
		got=$(grep "^$_team,$map," "$T/ours.csv")
		verdict=$(printf '%s\n%s\n' "$line" "$got" | awk -F, '
			NR == 1 { for (i = 1; i <= NF; i++) w[i] = $i; next }
			{
				# ours: team,map,matches,booyahs,kills,points,booyah_rate,avg_placement,
				#       avg_kills,points_per_match,top3_rate,delta,map_rank,map_teams
				bad = ""
				if ($3 != w[3] || $4 != w[4] || $5 != w[5] || $6 != w[6]) bad = bad " counts"
				if (d($7, w[4] / w[3]) > 0.0006) bad = bad " booyah_rate"
				if (d($8, w[7]) > 0.006) bad = bad " avg_placement"
				if (d($9, w[8]) > 0.006) bad = bad " avg_kills"
				if (d($10, w[9]) > 0.006) bad = bad " points_per_match"
				if (d($11, w[10]) > 0.0006) bad = bad " top3_rate"
				if (d($12, w[11]) > 0.006) bad = bad " delta"
				if ($13 != w[12]) bad = bad " map_rank"
				print bad == "" ? "same" : "differs:" bad
			}
			function d(a, b) { return a > b ? a - b : b - a }')
		eq "$_name $_team $map" "same" "${verdict:-missing}"
	done
	# no expected rows would make the loop above check nothing
	_rows=$(printf '%s\n' "$_want" | grep -c "^$_team,")
	if [ "$_rows" -gt 0 ]; then
		ok "$_name $_team has expected maps"
	else
		not_ok "$_name $_team has expected maps" "maps.sql gave no rows for '$_team'"
	fi
	eq "$_name $_team map count" "$_rows" "$(grep -c "^$_team," "$T/ours.csv")"
}

all=$(expect "$DATA/group-stage.json" "$DATA/grand-final.json")
final=$(expect "$DATA/grand-final.json")

for team in "LOUD SNICKERS" LOS "FLUXO W7M" "ANGELS OUTPLAY"; do
	check tournament "$team" "$all" --team "$team"
done
check "all teams" "RUSH GAMING" "$all"
check "every tournament" "VIRTUS PRO" "$all" --all
for team in "LOUD SNICKERS" LOS ALPHA7; do
	check final "$team" "$final" --stage "Grand Final" --team "$team"
done
# a map filter keeps the rank among every team on that map
check "map filter" LOS "$(printf '%s\n' "$all" | grep '^LOS,Bermuda,')" --team LOS --map bermuda

# LOS's maps, strongest first: by points per match over its average
want=$(printf '%s\n' "$all" | grep '^LOS,' | sort -t, -k11,11gr | cut -d, -f2 | tr '\n' ' ')
got=$("$TRACKER" maps --team los --format csv | tr -d '\r' | sed 1d | cut -d, -f2 | tr '\n' ' ')
eq "strongest map first" "$want" "$got"
# hand count from the group stage and final files: LOS played 19 matches on
# Nexterra and won 8 of them, its best map
eq "LOS on Nexterra" "LOS,Nexterra,19,8" \
	"$("$TRACKER" maps --team LOS --format csv | tr -d '\r' | sed -n 2p | cut -d, -f1-4)"

# JSON: the documented keys on every row
"$TRACKER" maps --team "LOUD SNICKERS" --format json >"$T/maps.json"
eq "json rows" 5 "$(sqlite3 :memory: "SELECT json_array_length(readfile('/dev/stdin'))" <"$T/maps.json")"
eq "json keys" 11 "$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('/dev/stdin'), '\$[0]')
	WHERE key IN ('team', 'map', 'matches', 'booyahs', 'kills', 'points', 'avg_placement',
	'avg_kills', 'points_per_match', 'delta_points_per_match', 'map_rank')" <"$T/maps.json")"

status "unknown team" 1 "$TRACKER" maps --team "LOUD SNICKER"
contains "did you mean" "did you mean 'LOUD SNICKERS'" "$OUT"
status "unknown map" 1 "$TRACKER" maps --map Atlantis
contains "unknown map message" "no team played on map 'Atlantis'" "$OUT"
status "--all with --stage" 2 "$TRACKER" maps --all --stage "Grand Final"

# tests/scoring/rules-cup.json with rules-cup.sql: match 3 (Bermuda) voided,
# Mako dq in match 4 (Kalahari), match 5 (Nexterra in the file) on an
# unknown map. Counted by hand, FFWS table, 1 point per kill:
#   Lynx on Bermuda: match 1 1st 3 kills (15) + match 6 2nd (9) = 24, 2 matches
#   Mako on Bermuda: match 1 2nd 2 kills (11) + match 6 1st (12) = 23, 1 Booyah
#   Mako on Kalahari: only its dq: no row; nobody on Nexterra
"$TRACKER" import "$S/rules-cup.json" >/dev/null 2>&1
sqlite3 "$TRACKER_DB" <"$S/rules-cup.sql"
"$TRACKER" maps --tournament "Rules Cup" --format csv | tr -d '\r' | sed 1d >"$T/cup.csv"
eq "rules cup: voided match left out" "Lynx,Bermuda,2,1,3,24" "$(grep '^Lynx,Bermuda,' "$T/cup.csv" | cut -d, -f1-6)"
eq "rules cup: dq left out" "Mako,Bermuda,2,1,2,23|Mako,Purgatory,1,0,0,7|" \
	"$(grep '^Mako,' "$T/cup.csv" | cut -d, -f1-6 | tr '\n' '|')"
eq "rules cup: unknown map left out" 0 "$(grep -c -e Nexterra -e unknown "$T/cup.csv")"
contains "rules cup: says what it left out" "Left out: 1 match with an unknown map" \
	"$("$TRACKER" maps --tournament "Rules Cup")"
lacks "real data: nothing left out" "Left out" "$("$TRACKER" maps --tournament "FFWS Brazil 2026 Split 1")"
