# t-players.sh: tracker players on the real data. Expected numbers come from
# tests/scoring/players.sql (the sqlite3 CLI over the data files).
. "$TESTS/lib.sh"
S=$TESTS/scoring

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1

# expect FILE...: players.sql over the given files
expect() {
	over_data players.sql "$@"
}

# ours ARGS...: player,team,matches,kills,damage,assists,mvps from --format csv
ours() {
	"$TRACKER" players --format csv "$@" | tr -d '\r' | sed 1d | cut -d, -f1-7
}

final=$(expect "$DATA/grand-final.json")
all=$(expect "$DATA/group-stage.json" "$DATA/grand-final.json")
got=$(ours)
# every player of three teams over the tournament
for team in LOS "LOUD SNICKERS" "FLUXO W7M"; do
	printf '%s\n' "$all" | grep ",$team," | while IFS=, read -r player rest; do
		eq "tournament $player" "$player,$rest" "$(printf '%s\n' "$got" | grep -F "$player,$team,")"
	done
done
eq "player count" "$(printf '%s\n' "$all" | wc -l)" "$(printf '%s\n' "$got" | wc -l)"
# sorted by kills: the first row has the most kills in the data
eq "most kills first" "$(printf '%s\n' "$all" | sort -t, -k4,4nr | head -1)" "$(printf '%s\n' "$got" | head -1)"

# a stage and a team
got=$(ours --stage "Grand Final" --team "loud snickers")
printf '%s\n' "$final" | grep ",LOUD SNICKERS," | while IFS=, read -r player rest; do
	eq "final $player" "$player,$rest" "$(printf '%s\n' "$got" | grep -F "$player,")"
done
eq "final team only" "" "$(printf '%s\n' "$got" | grep -v ',LOUD SNICKERS,')"

# a map: Yago's kills on Nexterra over both stages ($T/over-data.json, from over_data), from the data
want=$(sqlite3 :memory: "SELECT sum(p.value->>'kills') FROM json_each(readfile('/dev/stdin')) AS f,
	json_each(f.value, '\$.matches') AS m, json_each(m.value, '\$.results') AS r,
	json_each(r.value, '\$.players') AS p
	WHERE m.value->>'map' = 'Nexterra' AND p.value->>'name' = 'Yago'" <"$T/over-data.json")
"$TRACKER" players --map nexterra --format json >"$T/p.json"
eq "map filter" "$want" "$(sqlite3 :memory: "SELECT value->>'kills' FROM json_each(readfile('/dev/stdin'))
	WHERE value->>'player' = 'Yago'" <"$T/p.json")"
eq "json keys" 9 "$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('/dev/stdin'), '\$[0]')
	WHERE key IN ('player', 'team', 'matches', 'kills', 'damage', 'assists', 'mvps',
	'kills_per_match', 'damage_per_match')" <"$T/p.json")"

status "unknown team" 1 "$TRACKER" players --team "Fluxo"
contains "did you mean" "did you mean 'FLUXO W7M'" "$OUT"
status "unknown map" 1 "$TRACKER" players --map Atlantis
status "stray argument" 2 "$TRACKER" players LOS

# tests/scoring/rules-cup.json with rules-cup.sql: Nobru played for Lynx
# (matches 1 and 2: 2 + 1 kills) and then Orca (matches 5 and 6: 2 + 0);
# Cerol's kills in the voided match 3 (4) and in Mako's dq in match 4 (3)
# count nowhere, leaving match 1's 2.
"$TRACKER" import "$S/rules-cup.json" >/dev/null 2>&1
sqlite3 "$TRACKER_DB" <"$S/rules-cup.sql"
eq "rules cup: one row for a player who moved" "Nobru,Lynx / Orca,4,5|Cerol,Mako,1,2|" \
	"$(ours --tournament "Rules Cup" | cut -d, -f1-4 | tr '\n' '|')"
eq "rules cup: a row per team" "Nobru,Lynx,2,3|Cerol,Mako,1,2|Nobru,Orca,2,2|" \
	"$(ours --tournament "Rules Cup" --by-team | cut -d, -f1-4 | tr '\n' '|')"
"$TRACKER" players --tournament "Rules Cup" --format json >"$T/p.json"
# rules-cup.json gives no player's damage: unknown, not 0, in the total as in
# the per-match figure
eq "rules cup: damage not given is blank, not 0" "Nobru,," \
	"$("$TRACKER" players --tournament "Rules Cup" --format csv | tr -d '\r' | grep '^Nobru,' | cut -d, -f1,5,9)"
eq "rules cup json: damage not given is null" "null|null" \
	"$(sqlite3 :memory: "SELECT json_quote(value->'damage'), json_quote(value->'damage_per_match')
	FROM json_each(readfile('/dev/stdin')) WHERE value->>'player' = 'Nobru'" <"$T/p.json")"
eq "rules cup json: latest team and every team" "Orca|Lynx / Orca" \
	"$(sqlite3 :memory: "SELECT value->>'team', value->>'teams' FROM json_each(readfile('/dev/stdin'))
	WHERE value->>'player' = 'Nobru'" <"$T/p.json")"
