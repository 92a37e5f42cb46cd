# t-rules.sh: tracker rules show / set: presets, ruleset files, precise errors
# that change nothing, and standings following the stored ruleset at once.
. "$TESTS/lib.sh"
S=$TESTS/scoring

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1

status "show" 0 "$TRACKER" rules show
contains "show: group stage on the default" "Group Stage  ffws     no (ffws default)" "$OUT"
contains "show: the final's Champion Rush from its file" "160 in 16" "$OUT"
status "show one stage as json" 0 "$TRACKER" rules show --stage "Grand Final" --format json
contains "show json" '"champion_rush":{"threshold":160,"max_matches":16}' "$OUT"

# set a preset: the group stage is scored by PUBG Mobile's table from now on
status "set preset" 0 "$TRACKER" rules set --stage "Group Stage" --preset pubgm
eq "stored" "pubgm" "$(sql "$TRACKER_DB" "SELECT ruleset->>'name' FROM stage WHERE slug = 'group-stage'")"
# FLUXO W7M under 15,12,10,8,6,4,2,1,1,1,1,1 and 1 per kill, by expected.sql
want=$(sqlite3 -list -separator , -cmd "CREATE TABLE opt AS SELECT 1000000 AS upto,
	'[15,12,10,8,6,4,2,1,1,1,1,1,0,0,0,0]' AS tbl, 1000000 AS cap" :memory: \
	".read $S/expected.sql" <"$DATA/group-stage.json" | grep '^FLUXO W7M,' | cut -d, -f6)
got=$("$TRACKER" standings --stage "Group Stage" --format csv | tr -d '\r' |
	awk -F, '$2 == "FLUXO W7M" { print $9 }')
eq "standings follow the stored preset" "$want" "$got"

# a ruleset file with a head start and a kill cap
cat >"$T/rules.json" <<'EOF'
{"name": "final-hs", "placement_points": [12, 9, 8, 7, 6, 5, 4, 3, 2, 1],
 "kill_points": 1, "kill_cap": 12, "headstart": {"los": 10},
 "champion_rush": {"threshold": 160, "max_matches": 16},
 "tiebreakers": ["booyahs", "kills", "placement_points", "last_placement"]}
EOF
status "set file" 0 "$TRACKER" rules set --stage "Grand Final" --file "$T/rules.json"
# LOS: 104 placement points (expected.sql) + kills capped at 12 per match + 10
want=$(sqlite3 -list -separator , -cmd "CREATE TABLE opt AS SELECT 1000000 AS upto,
	'[12,9,8,7,6,5,4,3,2,1,0,0]' AS tbl, 12 AS cap" :memory: \
	".read $S/expected.sql" <"$DATA/grand-final.json" | grep '^LOS,' | cut -d, -f6)
got=$("$TRACKER" standings --stage "Grand Final" --format csv | tr -d '\r' |
	awk -F, '$2 == "LOS" { print $8 "," $9 }')
eq "head start and cap" "10,$((want + 10))" "$got"

# malformed files: precise message, exit 1, nothing changed
before=$(dump "$TRACKER_DB")
bad() { # bad NAME JSON MESSAGE
	printf '%s\n' "$2" >"$T/bad.json"
	status "bad $1" 1 "$TRACKER" rules set --stage "Grand Final" --file "$T/bad.json"
	contains "bad $1 message" "$T/bad.json: $3" "$OUT"
}
bad placement '{"placement_points": [12, 9, "8"]}' "placement_points[2]: expected a non-negative integer"
bad tiebreaker '{"tiebreakers": ["booyahs", "luck"]}' "tiebreakers[1]: expected one of booyahs"
bad key '{"kill_point": 1}' "kill_point: unknown key"
bad rush '{"champion_rush": {"threshold": "160"}}' "champion_rush.threshold: expected a positive integer"
bad headstart '{"headstart": {"LOS": 1.5}}' "headstart.LOS: expected an integer (points)"
bad syntax '{"kill_points": 1,,}' "line 1: not valid JSON"
bad top '[1, 2]' "expected a ruleset object"
status "missing file" 1 "$TRACKER" rules set --stage "Grand Final" --file "$T/none.json"
contains "missing file message" "none.json: cannot open" "$OUT"
status "unknown preset" 1 "$TRACKER" rules set --stage "Grand Final" --preset fortnite
contains "unknown preset message" "no preset named 'fortnite'" "$OUT"
status "unknown stage" 1 "$TRACKER" rules set --stage "Quarter Final" --preset ffws
eq "nothing changed" "$before" "$(dump "$TRACKER_DB")"

status "set without stage" 2 "$TRACKER" rules set --preset ffws
status "set with both" 2 "$TRACKER" rules set --stage "Grand Final" --preset ffws --file "$T/rules.json"
status "no verb" 2 "$TRACKER" rules
status "bad verb" 2 "$TRACKER" rules edit
