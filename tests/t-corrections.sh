# t-corrections.sh: void and unvoid, teams merge, rename and alias, players
# merge, stages and tournaments remove, on a small stage counted by hand
# (tests/corrections/desk-cup.json, FFWS points: 12, 9, 8, 7 for places 1 to
# 4, one point a kill). Every refusal says why, exits 1 and leaves the
# database dump as it was; every write is in the log with its origin.
. "$TESTS/lib.sh"
C=$TESTS/corrections

# totals: "TEAM:MATCHES:POINTS" for each team of the Final, by name
totals() {
	"$TRACKER" standings --stage Final --format csv | awk -F, 'NR > 1 { print $2 ":" $3 ":" $9 }' |
		sort | tr '\n' ' '
}
# refused NAME MESSAGE CMD...: exit status 1, MESSAGE on stderr, nothing changed
refused() {
	_r=$1 _m=$2
	shift 2
	dump "$TRACKER_DB" >"$T/before"
	status "$_r: exit 1" 1 "$@"
	contains "$_r: message" "$_m" "$OUT"
	dump "$TRACKER_DB" >"$T/after"
	same_file "$_r: unchanged" "$T/before" "$T/after"
}

"$TRACKER" import "$C/desk-cup.json" >/dev/null 2>&1
# ALPHA   m1 1st 5 kills 12+5=17, m2 3rd 2 kills 8+2=10, m3 2nd 0 kills 9+0=9: 36
# BRAVO   m1 2nd 3 kills 9+3=12,  m2 1st 4 kills 12+4=16, m3 3rd 2 kills 8+2=10: 38
# CHARLIE m1 3rd 2 kills 8+2=10,  m2 2nd 1 kill 9+1=10: 20
# Charly  m3 1st 6 kills 12+6=18 (CHARLIE misspelled)
# DELTA   m1 4th 0 kills 7,       m2 4th 1 kill 7+1=8, m3 4th 3 kills 7+3=10: 25
eq "imported" "ALPHA:3:36 BRAVO:3:38 CHARLIE:2:20 Charly:1:18 DELTA:3:25 " "$(totals)"

# --- teams merge
refused "merge: both played match 1" \
	"'ALPHA' and 'BRAVO' both played match 1 of Desk Cup / Final" \
	"$TRACKER" teams merge ALPHA BRAVO
refused "merge: a team into itself" "'CHARLIE' and 'CHARLIE' are the same team" \
	"$TRACKER" teams merge charlie CHARLIE
refused "merge: unknown team" "no team named 'CHARLEY' (did you mean" \
	"$TRACKER" teams merge CHARLEY CHARLIE
# a second stage, without matches, where Charly has a head start, an
# adjustment and a roster place beside CHARLIE, both in group A
sql "$TRACKER_DB" "INSERT INTO stage (tournament_id, name, slug) SELECT id, 'Warmup', 'warmup' FROM tournament;
	INSERT INTO headstart SELECT s.id, t.id, 3 FROM stage s, team t WHERE s.slug = 'warmup' AND t.name = 'Charly';
	INSERT INTO adjustment (stage_id, team_id, points, after_match, reason)
		SELECT s.id, t.id, -2, 0, 'late' FROM stage s, team t WHERE s.slug = 'warmup' AND t.name = 'Charly';
	INSERT INTO stage_team SELECT s.id, t.id, 'A' FROM stage s, team t
		WHERE s.slug = 'warmup' AND t.name IN ('Charly', 'CHARLIE')"
sql "$TRACKER_DB" "INSERT INTO headstart SELECT s.id, t.id, 1 FROM stage s, team t WHERE s.slug = 'warmup' AND t.name = 'CHARLIE'"
refused "merge: both have a head start" "'Charly' and 'CHARLIE' both have a head start in Desk Cup / Warmup" \
	"$TRACKER" teams merge Charly CHARLIE
sql "$TRACKER_DB" "DELETE FROM headstart WHERE points = 1; UPDATE stage_team SET grp = 'B'
	WHERE team_id = (SELECT id FROM team WHERE name = 'CHARLIE')"
refused "merge: different groups" "'Charly' and 'CHARLIE' are in different groups of Desk Cup / Warmup" \
	"$TRACKER" teams merge Charly CHARLIE
sql "$TRACKER_DB" "UPDATE stage_team SET grp = 'A'"
status "merge Charly into CHARLIE" 0 "$TRACKER" teams merge Charly CHARLIE
eq "merged: head start, adjustment, roster place" "CHARLIE|3|CHARLIE|-2|CHARLIE|A|1" "$(sql "$TRACKER_DB" "SELECT
	(SELECT t.name FROM headstart h JOIN team t ON t.id = h.team_id), (SELECT points FROM headstart),
	(SELECT t.name FROM adjustment a JOIN team t ON t.id = a.team_id), (SELECT points FROM adjustment),
	(SELECT t.name FROM stage_team r JOIN team t ON t.id = r.team_id), (SELECT grp FROM stage_team),
	(SELECT count(*) FROM stage_team)" | tr '\n' '|' | sed 's/|$//')"
contains "merge: says what moved" "merged team 'Charly' into 'CHARLIE' (1 result moved; 'Charly' stays a spelling of 'CHARLIE')" "$OUT"
# CHARLIE 20 + Charly's 18 = 38 over 3 matches; Charly is gone
eq "merged totals" "ALPHA:3:36 BRAVO:3:38 CHARLIE:3:38 DELTA:3:25 " "$(totals)"
eq "merged: Charly is a spelling of CHARLIE" "CHARLIE|Charly" \
	"$(sql "$TRACKER_DB" "SELECT t.name, a.spelling FROM team_alias a JOIN team t ON t.id = a.team_id
	WHERE a.spelling = 'Charly'")"
eq "merged: player results follow" "3" \
	"$(sql "$TRACKER_DB" "SELECT count(*) FROM player_result x JOIN team t ON t.id = x.team_id
	WHERE t.name = 'CHARLIE'")"
# the old file imports again as it was: unchanged, no new team
status "merge: reimport" 0 "$TRACKER" import "$C/desk-cup.json"
contains "merge: reimport unchanged" "0 matches added, 3 unchanged, 0 replaced; 0 teams" "$OUT"

# --- void and unvoid
refused "void: no such match" "Desk Cup / Final has no match 9 (its last match is 3)" \
	"$TRACKER" void --stage Final 9 --reason typo
dump "$TRACKER_DB" >"$T/before"
status "void: --reason is required" 2 "$TRACKER" void --stage Final 2
contains "void: --reason message" "--reason is required: say why the match does not count" "$OUT"
dump "$TRACKER_DB" >"$T/after"
same_file "void: --reason: unchanged" "$T/before" "$T/after"
refused "unvoid: not void" "match 2 of Desk Cup / Final is not void" \
	"$TRACKER" unvoid --stage Final 2
status "void match 2" 0 "$TRACKER" void --stage final 2 --reason "wrong lobby"
contains "void: says so" "match 2 of Desk Cup / Final voided: wrong lobby" "$OUT"
# match 2 out: ALPHA 36-10=26, BRAVO 38-16=22, CHARLIE 38-10=28, DELTA 25-8=17
eq "voided totals" "ALPHA:2:26 BRAVO:2:22 CHARLIE:2:28 DELTA:2:17 " "$(totals)"
eq "voided: still stored" "2|wrong lobby" "$(sql "$TRACKER_DB" "SELECT number, void FROM match WHERE void IS NOT NULL")"
refused "void: already void" "match 2 of Desk Cup / Final is already void (wrong lobby)" \
	"$TRACKER" void --stage Final 2 --reason again
status "log --stage: the void" 0 "$TRACKER" log --stage Final --limit 1 --format csv
contains "log --stage: the void's stage, match and reason" \
	"cli,void,Desk Cup,Final,match=2,match 2 of Desk Cup / Final voided: wrong lobby" "$OUT"
status "unvoid match 2" 0 "$TRACKER" unvoid --stage Final 2
eq "unvoided totals" "ALPHA:3:36 BRAVO:3:38 CHARLIE:3:38 DELTA:3:25 " "$(totals)"

# --- teams rename
refused "rename: a name another team has" "'bravo' already names team 'BRAVO'" \
	"$TRACKER" teams rename DELTA bravo
refused "rename: to its own name" "team 'DELTA' is already called that" \
	"$TRACKER" teams rename DELTA DELTA
status "rename DELTA" 0 "$TRACKER" teams rename DELTA "DELTA  FORCE"
contains "rename: says so" "renamed team 'DELTA' to 'DELTA FORCE' (slug delta-force)" "$OUT"
eq "renamed totals" "ALPHA:3:36 BRAVO:3:38 CHARLIE:3:38 DELTA FORCE:3:25 " "$(totals)"
status "rename: old name still finds it" 0 "$TRACKER" team delta --format json
contains "rename: old name's page" '"team":"DELTA FORCE"' "$OUT"
printf '{"headstart": {"DELTA": 2}}\n' >"$T/headstart.json"
status "rename: a ruleset naming the old name" 0 "$TRACKER" rules set --stage Warmup --file "$T/headstart.json"
eq "rename: its head start is the renamed team's" "DELTA FORCE|2|4" "$(sql "$TRACKER_DB" "SELECT t.name, h.points,
	(SELECT count(*) FROM team) FROM headstart h JOIN team t ON t.id = h.team_id")"
status "rename: reimport" 0 "$TRACKER" import "$C/desk-cup.json"
contains "rename: old file unchanged" "0 matches added, 3 unchanged, 0 replaced; 0 teams" "$OUT"

# --- teams alias
refused "alias: another team's name" "'Alpha' already names team 'ALPHA'" \
	"$TRACKER" teams alias CHARLIE Alpha
refused "alias: already a spelling" "'charly' is already a spelling of team 'CHARLIE'" \
	"$TRACKER" teams alias CHARLIE charly
status "alias CHRLIE" 0 "$TRACKER" teams alias CHARLIE CHRLIE
contains "alias: says so" "'CHRLIE' is now a spelling of team 'CHARLIE'" "$OUT"
status "alias: import with it" 0 "$TRACKER" import "$C/match-4.json"
contains "alias: no new team" "1 match added, 0 unchanged, 0 replaced; 0 teams" "$OUT"
# match 4: CHRLIE (CHARLIE) 1st 2 kills 12+2=14: 38+14=52; ALPHA 2nd 1 kill 9+1=10: 46
eq "alias totals" "ALPHA:4:46 BRAVO:3:38 CHARLIE:4:52 DELTA FORCE:3:25 " "$(totals)"

# --- players merge
refused "players merge: both played match 1" "'Ace' and 'Bo' both played match 1 of Desk Cup / Final" \
	"$TRACKER" players merge Ace Bo
refused "players merge: unknown player" "no player named 'Cie' (did you mean 'Cee'?)" \
	"$TRACKER" players merge Cie Cee
status "players merge C33 into Cee" 0 "$TRACKER" players merge C33 Cee
contains "players merge: says what moved" "merged player 'C33' into 'Cee' (1 player result moved" "$OUT"
# Cee: m1 2 kills, m2 1, and C33's m3 6: 9 kills in 3 matches
eq "players merged" "Cee|3|9" "$(sql "$TRACKER_DB" "SELECT p.name, count(*), sum(x.kills) FROM player_result x
	JOIN player p ON p.id = x.player_id WHERE p.name IN ('Cee', 'C33') GROUP BY p.id")"
status "players merge: reimport" 0 "$TRACKER" import "$C/desk-cup.json"
contains "players merge: old file unchanged" "0 matches added, 3 unchanged, 0 replaced; 0 teams, 0 players" "$OUT"

# --- stages remove, tournaments remove
refused "stages remove: holds matches" \
	"stage 'Desk Cup / Final' holds 4 matches: --force removes it with them, after a backup" \
	"$TRACKER" stages remove --stage Final
refused "tournaments remove: holds matches" \
	"tournament 'Desk Cup' holds 4 matches: --force removes it with them, after a backup" \
	"$TRACKER" tournaments remove "Desk Cup"
refused "stages remove: unknown stage" "no stage named 'Finals' in this tournament" \
	"$TRACKER" stages remove --stage Finals
status "stages remove --force" 0 "$TRACKER" stages remove --stage Final --force
contains "stages remove: says so" "removed stage 'Desk Cup / Final' with 4 matches (backup first: $TRACKER_DB.backup-" "$OUT"
backup=$(printf '%s' "$OUT" | sed -n 's/.*backup first: \([^,]*\), .*/\1/p')
eq "stages remove: the backup holds the 4 matches" "4" "$(sql "$backup" "SELECT count(*) FROM match")"
eq "stages remove: the backup is whole" "ok" "$(sql "$backup" "PRAGMA integrity_check")"
eq "stages remove: gone with its rows" "1|0|0|1" "$(sql "$TRACKER_DB" "SELECT (SELECT count(*) FROM stage),
	(SELECT count(*) FROM match), (SELECT count(*) FROM result), (SELECT count(*) FROM tournament)")"
status "tournaments remove: empty, no --force needed" 0 "$TRACKER" tournaments remove desk-cup
contains "tournaments remove: says so" "removed tournament 'Desk Cup' with 0 matches" "$OUT"
eq "tournaments remove: gone, Warmup's rows with it" "0|0|0|0|0" "$(sql "$TRACKER_DB" "SELECT
	(SELECT count(*) FROM tournament), (SELECT count(*) FROM stage), (SELECT count(*) FROM headstart),
	(SELECT count(*) FROM adjustment), (SELECT count(*) FROM stage_team)")"
"$TRACKER" import "$C/desk-cup.json" >/dev/null 2>&1
status "tournaments remove --force" 0 "$TRACKER" tournaments remove "Desk Cup" --force
contains "tournaments remove --force: backup" "removed tournament 'Desk Cup' with 3 matches (backup first:" "$OUT"

# --- the log: every write above, newest first, with its origin
"$TRACKER" log --format csv >"$T/log.csv"
eq "log: actions, oldest first" \
	"cli,import cli,merge cli,void cli,unvoid cli,rename cli,rules cli,alias cli,import cli,merge cli,remove cli,remove cli,import cli,remove " \
	"$(awk -F, 'NR > 1 { print $2 "," $3 }' "$T/log.csv" | tac | tr '\n' ' ')"
contains "log: the merge's ids" "merge,,,team=" "$(cat "$T/log.csv")"
"$TRACKER" log --limit 2 --format json >"$T/log.json"
eq "log: --limit" "2" "$(sqlite3 -list :memory: "SELECT json_array_length(readfile('$T/log.json'))")"
eq "log: UTC ISO 8601 times" "0" "$(awk -F, 'NR > 1 && $1 !~ /^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9][0-9][0-9]Z$/' "$T/log.csv" | wc -l | tr -d ' ')"
contains "log: an import names its file and what it stored" "desk-cup.json: matches 1-3 added, stage created" "$(cat "$T/log.csv")"
rows=$(sqlite3 "$TRACKER_DB" "SELECT count(*) FROM log")
printf '{"tournament":"Desk Cup","stage":"Final","match":1,"map":"Bermuda","results":[{"team":"ALPHA","placement":0,"kills":1}]}' >"$T/bad.json"
status "log: a refused import" 1 "$TRACKER" import "$T/bad.json"
eq "log: a refused import writes no row" "$rows" "$(sqlite3 "$TRACKER_DB" "SELECT count(*) FROM log")"
status "log: unknown stage" 1 "$TRACKER" log --stage Nowhere
status "log: bad --limit" 2 "$TRACKER" log --limit none
