# t-rules.sh: tracker rules show / set: presets, ruleset files, precise errors
# that change nothing, and standings following the stored ruleset at once.
. "$TESTS/lib.sh"
S=$TESTS/scoring

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1

status "show" 0 "$TRACKER" rules show
contains "show: group stage on the default" "Group Stage  ffws-points  no (the default)" "$OUT"
contains "show: the final's Champion Rush from its file" "160 in 16" "$OUT"
contains "show: the presets, by what they hold" "Presets (--preset, --ruleset): ffws-points (or ffws), pubgm-points (or pubgm), algs-points (or algs): a placement table and 1 point per kill, nothing else." "$OUT"
# the preset's old name still works, and says which preset it is
status "what-if by the old name" 0 "$TRACKER" standings --stage "Grand Final" --ruleset ffws
contains "what-if by the old name, named" "ruleset ffws-points (what-if" "$OUT"
status "show one stage as json" 0 "$TRACKER" rules show --stage "Grand Final" --format json
contains "show json" '"champion_rush":{"threshold":160,"max_matches":16}' "$OUT"

# set a preset: the group stage is scored by PUBG Mobile's table from now on; the preset's
# old name pubgm is an alias of pubgm-points, the name it is stored under
status "set preset" 0 "$TRACKER" rules set --stage "Group Stage" --preset pubgm
eq "stored" "pubgm-points" "$(sql "$TRACKER_DB" "SELECT ruleset->>'name' FROM stage WHERE slug = 'group-stage'")"
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
bad placement '{"placement_points": [12, 9, "8"]}' "placement_points[2]: expected an integer, got a string (\"8\")"
bad tiebreaker '{"tiebreakers": ["booyahs", "luck"]}' "tiebreakers[1]: expected one of booyahs"
bad key '{"kill_point": 1}' "kill_point: unknown key"
bad rush '{"champion_rush": {"threshold": "160"}}' "champion_rush.threshold: expected an integer, got a string (\"160\")"
bad headstart '{"headstart": {"LOS": 1.5}}' "headstart.LOS: expected an integer, got 1.5"
bad syntax '{"kill_points": 1,,}' "invalid JSON at line 1, column"
bad top '[1, 2]' "expected an object, got an array"
# the text is checked as a match file's is
bad garbage '{"kill_points":2} x' "trailing garbage after the JSON value at byte 18 (line 1, column 19)"
bad twice '{"kill_points":2,"kill_points":7}' "kill_points: key given twice"
bad twice-nested '{"champion_rush": {"threshold": 160, "threshold": 9}}' "champion_rush.threshold: key given twice"
bad empty '' "empty document: expected a ruleset object"
bad nul-escape '{"name": "a\u0000b"}' "\u0000 (NUL) at byte 11 (line 1, column 12): not allowed in a string"
bad name-control '{"name": "a\u001b[31m"}' "name: must not hold control characters, got U+001B at byte 1"
bad headstart-control '{"headstart": {"L\u0007OS": 1}}' "headstart.L?OS: must not hold control characters, got U+0007 at byte 1"
printf '{"name": "\377"}\n' >"$T/latin1.json"
status "bad utf8" 1 "$TRACKER" rules set --stage "Grand Final" --file "$T/latin1.json"
contains "bad utf8 message" "$T/latin1.json: invalid UTF-8 at byte 10 (line 1, column 11)" "$OUT"
# bounds that keep every total within an int
bad placement-bound '{"placement_points": [12, 1001]}' "placement_points[1]: must be at most 1000, got 1001"
bad kill-points-bound '{"kill_points": 101}' "kill_points: must be at most 100, got 101"
bad kill-cap-bound '{"kill_cap": 1001}' "kill_cap: must be at most 1000, got 1001"
bad headstart-high '{"headstart": {"LOS": 100001}}' "headstart.LOS: must be at most 100000, got 100001"
bad headstart-low '{"headstart": {"LOS": -100001}}' "headstart.LOS: must be at least -100000, got -100001"
bad rush-bound '{"champion_rush": {"threshold": 1000001}}' "champion_rush.threshold: must be at most 1000000, got 1000001"
bad rush-matches-bound '{"champion_rush": {"threshold": 160, "max_matches": 10001}}' "champion_rush.max_matches: must be at most 10000, got 10001"
status "missing file" 1 "$TRACKER" rules set --stage "Grand Final" --file "$T/none.json"
contains "missing file message" "none.json: cannot open" "$OUT"
status "unknown preset" 1 "$TRACKER" rules set --stage "Grand Final" --preset fortnite
contains "unknown preset message" "no preset named 'fortnite' (presets: ffws-points (or ffws), pubgm-points (or pubgm), algs-points (or algs)" "$OUT"
status "unknown stage" 1 "$TRACKER" rules set --stage "Quarter Final" --preset ffws
eq "nothing changed" "$before" "$(dump "$TRACKER_DB")"

status "set without stage" 2 "$TRACKER" rules set --preset ffws
status "set with both" 2 "$TRACKER" rules set --stage "Grand Final" --preset ffws --file "$T/rules.json"
status "no verb" 2 "$TRACKER" rules
status "bad verb" 2 "$TRACKER" rules edit

# the bounds themselves are accepted
printf '%s\n' '{"name": "max", "placement_points": [1000], "kill_points": 100, "kill_cap": 1000,
 "headstart": {"LOS": 100000, "ALPHA7": -100000}, "champion_rush": {"threshold": 1000000, "max_matches": 10000}}' >"$T/max.json"
status "bounds accepted" 0 "$TRACKER" rules set --stage "Grand Final" --file "$T/max.json"

# a ruleset without a name is "custom", not the "ffws" its defaults come from
printf '{"kill_points": 2}\n' >"$T/nameless.json"
status "set nameless" 0 "$TRACKER" rules set --stage "Group Stage" --file "$T/nameless.json"
contains "set nameless message" "Group Stage: ruleset custom stored" "$OUT"
status "show nameless" 0 "$TRACKER" rules show --stage "Group Stage" --format csv
contains "show nameless as custom" "Group Stage,custom,yes," "$OUT"
# ... and a what-if ruleset file without one goes by the file's name
status "what-if nameless" 0 "$TRACKER" standings --stage "Group Stage" --ruleset "$T/nameless.json"
contains "what-if named by its file" "ruleset $T/nameless.json (what-if" "$OUT"

# a head start for a team no import has named creates the team, with a warning; head starts
# are stored by team id, and shown by the teams' names
printf '{"headstart": {"Nobody": 5, "los": 3}}\n' >"$T/hs.json"
status "set unknown head-start team" 0 "$TRACKER" rules set --stage "Grand Final" --file "$T/hs.json"
contains "unknown head-start team warned" "warning: ruleset.headstart: 'Nobody' is not a known team: added as a new team" "$OUT"
lacks "known head-start team not warned" "'los' is not a known team" "$OUT"
eq "head starts stored by team" "LOS|3
Nobody|5" "$(sql "$TRACKER_DB" "SELECT t.name, h.points FROM headstart h JOIN team t ON t.id = h.team_id
	JOIN stage s ON s.id = h.stage_id WHERE s.slug = 'grand-final' ORDER BY t.name")"
eq "head starts not in the text" "" "$(sql "$TRACKER_DB" "SELECT ruleset -> '\$.headstart' FROM stage WHERE slug = 'grand-final'")"
status "show head starts" 0 "$TRACKER" rules show --stage "Grand Final"
contains "show head starts by name" "Nobody +5, LOS +3" "$OUT"
# setting another ruleset replaces the stage's head starts
status "set without head starts" 0 "$TRACKER" rules set --stage "Grand Final" --preset ffws
eq "head starts replaced" 0 "$(sql "$TRACKER_DB" "SELECT count(*) FROM headstart")"

# a database of schema 1 whose rulesets name head starts: migrating moves them into headstart
# by team key ("  los " is LOS; "Nobody" is created, so the standings can list it) and out of
# the ruleset's text, which keeps the rest
M=$T/v1.db
sqlite3 "$M" ".read $TESTS/../schema/001-init.sql" "PRAGMA user_version = 1" \
	"INSERT INTO tournament VALUES (1, 'Cup', 'cup')" \
	"INSERT INTO stage VALUES (1, 1, 'Final', 'final', '{\"kill_points\":2,\"headstart\":{\"  los \":3,\"Nobody\":5}}', NULL)" \
	"INSERT INTO stage VALUES (2, 1, 'Groups', 'groups', '{\"headstart\":{}}', NULL)" \
	"INSERT INTO team VALUES (1, 'LOS', 'los', 'los')" \
	"INSERT INTO team VALUES (2, 'nobody', 'nobody-x', 'nobody')"
status "migrate head starts" 0 "$TRACKER" --db "$M" rules show --format csv
eq "migrated head starts" "1|LOS|3
1|Nobody|5" "$(sql "$M" "SELECT h.stage_id, t.name, h.points FROM headstart h JOIN team t ON t.id = h.team_id ORDER BY 2")"
eq "migrated team's slug is free" "nobody-2" "$(sql "$M" "SELECT slug FROM team WHERE name = 'Nobody'")"
eq "migrated text" '1|{"kill_points":2}
2|{}' "$(sql "$M" "SELECT id, ruleset FROM stage ORDER BY id")"
contains "migrated shown" "Final,custom,yes,\"12,9,8,7,6,5,4,3,2,1,0,0\",2,,\"Nobody +5, LOS +3\"" "$OUT"
