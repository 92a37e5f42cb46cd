# t-counts.sh: the counts the listings read (schema/005-counts.sql: matches
# played and voided and teams per stage, results per stage and team,
# matches per team), kept by triggers, after each write a user can make on
# the real data: JSON and CSV imports, a roster, head starts by rules set,
# a POST, the desk's commit and undo, void and unvoid, --replace, a rename,
# a merge, removals of a stage and of a tournament, and the migration of a
# database made before the counts were stored. After each, every stored
# count equals the same count computed from the rows by the sqlite3 CLI.
. "$TESTS/lib.sh"

GS=$DATA/group-stage.json
GF=$DATA/grand-final.json

# stored: the counts the listings read, one line each, for every stage and
# team (none stored: 0), every (stage, team) row, and any row whose stage or
# team is gone
stored() {
	sql "$TRACKER_DB" "SELECT 'stage', s.id, coalesce(c.played, 0), coalesce(c.voided, 0),
		coalesce(c.teams, 0), coalesce(c.listed, 0) FROM stage s LEFT JOIN stage_count c ON c.stage_id = s.id
	UNION ALL SELECT 'stage team', stage_id, team_id, results, roster, headstart FROM stage_team_count
	UNION ALL SELECT 'team', t.id, coalesce(c.matches, 0), '', '', '' FROM team t
		LEFT JOIN team_count c ON c.team_id = t.id
	UNION ALL SELECT 'gone stage', stage_id, '', '', '', '' FROM stage_count WHERE stage_id NOT IN (SELECT id FROM stage)
	UNION ALL SELECT 'gone team', team_id, '', '', '', '' FROM team_count WHERE team_id NOT IN (SELECT id FROM team)
	ORDER BY 1, 2, 3"
}
# recomputed: the same lines from match, result, stage_team and headstart
recomputed() {
	sql "$TRACKER_DB" "SELECT 'stage', s.id,
		(SELECT count(*) FROM match m WHERE m.stage_id = s.id AND m.void IS NULL),
		(SELECT count(*) FROM match m WHERE m.stage_id = s.id AND m.void IS NOT NULL),
		(SELECT count(DISTINCT r.team_id) FROM match m JOIN result r ON r.match_id = m.id WHERE m.stage_id = s.id),
		(SELECT count(*) FROM (SELECT r.team_id FROM match m JOIN result r ON r.match_id = m.id WHERE m.stage_id = s.id
			UNION SELECT team_id FROM stage_team WHERE stage_id = s.id
			UNION SELECT team_id FROM headstart WHERE stage_id = s.id)) FROM stage s
	UNION ALL SELECT 'stage team', stage_id, team_id, sum(n), max(roster), max(hs) FROM (
		SELECT m.stage_id, r.team_id, 1 AS n, 0 AS roster, 0 AS hs FROM match m JOIN result r ON r.match_id = m.id
		UNION ALL SELECT stage_id, team_id, 0, 1, 0 FROM stage_team
		UNION ALL SELECT stage_id, team_id, 0, 0, 1 FROM headstart) GROUP BY stage_id, team_id
	UNION ALL SELECT 'team', t.id, (SELECT count(*) FROM result r WHERE r.team_id = t.id), '', '', '' FROM team t
	ORDER BY 1, 2, 3"
}
# exact NAME: the stored counts are the recomputed ones
exact() {
	stored >"$T/stored"
	recomputed >"$T/recomputed"
	same_file "$1: stored counts exact" "$T/recomputed" "$T/stored"
}
# matches STAGE-SLUG: the stage's stored "played voided teams listed"
counts() {
	sql "$TRACKER_DB" "SELECT c.played, c.voided, c.teams, c.listed FROM stage_count c
		JOIN stage s ON s.id = c.stage_id WHERE s.slug = '$1'" | tr '|' ' '
}

status "import the group stage (JSON)" 0 "$TRACKER" import "$GS"
exact "group stage imported"
# data/group-stage.json: 120 matches, none void, 16 teams
eq "group stage: 120 played, 16 teams" "120 0 16 16" "$(counts group-stage)"
status "import the grand final (JSON)" 0 "$TRACKER" import "$GF"
exact "grand final imported"
# data/grand-final.json: 14 matches, 12 teams
eq "grand final: 14 played, 12 teams" "14 0 12 12" "$(counts grand-final)"

# The listings print the stored counts: the same as counting the rows.
eq "tracker tournaments: matches and teams per stage" \
	"$(sql "$TRACKER_DB" "SELECT s.name, (SELECT count(*) FROM match m WHERE m.stage_id = s.id),
		(SELECT count(DISTINCT r.team_id) FROM match m JOIN result r ON r.match_id = m.id WHERE m.stage_id = s.id)
		FROM stage s ORDER BY s.id" | tr '|' ,)" \
	"$("$TRACKER" tournaments --format csv | awk -F, 'NR > 1 { print $3 "," $5 "," $6 }' | tr -d '\r"')"
eq "tracker teams: matches per team" \
	"$(sql "$TRACKER_DB" "SELECT t.name, (SELECT count(*) FROM result r WHERE r.team_id = t.id) FROM team t ORDER BY t.name" | tr '|' ,)" \
	"$("$TRACKER" teams --format csv | awk -F, 'NR > 1 { print $1 "," $3 }' | tr -d '\r"')"

# A CSV import: the grand final again as another stage, LOS spelled "L0S
# ESPORTS" (a team of its own until the merge below).
"$TRACKER" export --stage grand-final --format csv |
	sed -e 's/,Grand Final,/,Grand Final Replay,/' -e 's/,LOS,/,L0S ESPORTS,/' >"$T/replay.csv"
status "import the replay (CSV)" 0 "$TRACKER" import "$T/replay.csv"
exact "CSV imported"
eq "replay: 14 played, 12 teams" "14 0 12 12" "$(counts grand-final-replay)"

# A stage with a roster of 13, one of which never plays, and head starts.
sql :memory: "SELECT json_set(CAST(readfile('$GF') AS TEXT), '\$.stage', 'Roster Final',
	'\$.teams', json_array('LOS', 'LOUD SNICKERS', 'FLUXO W7M', 'VIRTUS PRO', 'RISE GAMING', 'E1 SPORTS',
	'INTZ', 'TEAM SOLID', 'ALPHA7', 'AXS FUSION', 'RUSH GAMING', 'INFLUENCE RAGE', 'BENCH SIDE'))" >"$T/roster.json"
status "import a stage with a roster" 0 "$TRACKER" import "$T/roster.json"
exact "roster imported"
# 12 teams played, the 13th is on the roster only
eq "roster final: 12 teams played, 13 listed" "14 0 12 13" "$(counts roster-final)"
printf '{"name": "ffws", "placement_points": [12, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0], "kill_points": 1, "headstart": {"LOS": 5, "CIVIS": 3}}' >"$T/hs.json"
status "rules set with head starts" 0 "$TRACKER" rules set --stage roster-final --file "$T/hs.json"
exact "head starts set"
# CIVIS neither played the final nor is on its roster: 14th listed
eq "roster final: CIVIS listed for its head start" "14 0 12 14" "$(counts roster-final)"
printf '{"name": "ffws", "placement_points": [12, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0], "kill_points": 1, "headstart": {"LOS": 5}}' >"$T/hs1.json"
status "rules set with one head start fewer" 0 "$TRACKER" rules set --stage roster-final --file "$T/hs1.json"
exact "head start dropped"
eq "roster final: 13 listed again" "14 0 12 13" "$(counts roster-final)"
# A merge that moves a roster place and a head start: BENCH SIDE into CIVIS.
printf '{"name": "ffws", "placement_points": [12, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0], "kill_points": 1, "headstart": {"LOS": 5, "BENCH SIDE": 2}}' >"$T/hs2.json"
status "rules set with a head start for the bench" 0 "$TRACKER" rules set --stage roster-final --file "$T/hs2.json"
exact "bench head start set"
status "merge BENCH SIDE into CIVIS" 0 "$TRACKER" teams merge "BENCH SIDE" CIVIS
exact "roster place and head start merged"
eq "roster final: CIVIS in BENCH SIDE's place, 13 listed" "14 0 12 13" "$(counts roster-final)"
# The roster declared again without CIVIS, which keeps its head start.
sql :memory: "SELECT json_remove(CAST(readfile('$T/roster.json') AS TEXT), '\$.teams[12]')" >"$T/roster12.json"
status "import the roster again without CIVIS" 0 "$TRACKER" import --replace "$T/roster12.json"
exact "roster declared again"
eq "roster final: CIVIS off the roster" 0 "$(sql "$TRACKER_DB" "SELECT count(*) FROM stage_team st JOIN team t ON t.id = st.team_id WHERE t.name = 'CIVIS'")"

# Through the server: a POST, then the desk's commit and its undo.
TOKEN="counts test token 0123456789"
printf 'desk-1 %s\n' "$TOKEN" >"$T/tokens"
start "server starts" --token-file "$T/tokens"
printf '%s' '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":15,"map":"Bermuda","results":[{"team":"LOS","placement":1,"kills":10},{"team":"CIVIS","placement":2,"kills":3}]}' >"$T/m15.json"
eq "POST match 15 201" 201 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOKEN" --data-binary @"$T/m15.json")"
exact "POST stored"
# CIVIS had no final result: 13 teams
eq "grand final: 15 played, 13 teams" "15 0 13 13" "$(counts grand-final)"
code "${U}desk/login" --data-urlencode "token=$TOKEN" >/dev/null
C=$(header Set-Cookie | sed 's/;.*//')
code "${U}desk/ffws-brazil-2026-split-1/grand-final" -b "$C" >/dev/null
CS=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
printf '%s' '{"match":16,"map":"Purgatory","results":[{"team":"LOS","placement":2,"kills":1},{"team":"VASCO ESPORTS","placement":1,"kills":8}]}' >"$T/m16.json"
P=${U}desk/ffws-brazil-2026-split-1/grand-final
eq "desk commit of match 16 201" 201 "$(code "$P/commit" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/m16.json")"
exact "desk commit stored"
eq "grand final: 16 played, 14 teams" "16 0 14 14" "$(counts grand-final)"
eq "desk undo of match 16 303" 303 "$(code "$P/void" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "match=16" --data-urlencode "reason=entered twice")"
exact "desk undo (void)"
# a void match keeps its results: still 14 teams
eq "grand final: 15 played, 1 voided" "15 1 14 14" "$(counts grand-final)"
stop "server stops"

# The corrections.
status "void group stage match 3" 0 "$TRACKER" void --stage group-stage 3 --reason "server crash"
exact "voided"
eq "group stage: 119 played, 1 voided" "119 1 16 16" "$(counts group-stage)"
status "unvoid group stage match 3" 0 "$TRACKER" unvoid --stage group-stage 3
exact "unvoided"
eq "group stage: 120 played again" "120 0 16 16" "$(counts group-stage)"
# --replace: the final with NEW BLOOD in VIRTUS PRO's place
sql :memory: "SELECT replace(CAST(readfile('$GF') AS TEXT), '\"VIRTUS PRO\"', '\"NEW BLOOD\"')" >"$T/gf-new.json"
status "import --replace, another team in every match" 0 "$TRACKER" import --replace --new-team "NEW BLOOD" "$T/gf-new.json"
exact "replaced"
status "rename a team" 0 "$TRACKER" teams rename "NEW BLOOD" "NEW BLOOD GAMING"
exact "renamed"
status "merge L0S ESPORTS into LOS" 0 "$TRACKER" teams merge "L0S ESPORTS" LOS
exact "merged"
# LOS: 104 matches (tracker teams on data/) + the roster final's 14 + 15 and 16
# of the final (16 void, its results kept) + the replay's 14 = 134
eq "LOS has the replay's 14 results" 134 "$(sql "$TRACKER_DB" "SELECT c.matches FROM team_count c JOIN team t ON t.id = c.team_id WHERE t.name = 'LOS'")"
status "remove the replay stage" 0 "$TRACKER" stages remove --stage grand-final-replay --force
exact "stage removed"
# Another tournament, removed with its stage.
sql :memory: "SELECT replace(CAST(readfile('$GF') AS TEXT), 'FFWS Brazil 2026 Split 1', 'Other Cup')" >"$T/other.json"
status "import another tournament" 0 "$TRACKER" import "$T/other.json"
exact "other tournament imported"
status "remove it" 0 "$TRACKER" tournaments remove other-cup --force
exact "tournament removed"
eq "no count left of removed stages" 0 "$(sql "$TRACKER_DB" "SELECT count(*) FROM stage_team_count WHERE stage_id NOT IN (SELECT id FROM stage)")"

# A write no command makes, by hand in SQL: a match moved to another stage.
sql "$TRACKER_DB" "UPDATE match SET number = 99, stage_id = (SELECT id FROM stage WHERE slug = 'roster-final')
	WHERE number = 15 AND stage_id = (SELECT id FROM stage WHERE slug = 'grand-final')"
exact "a match moved by hand"
eq "roster final: 15 played, CIVIS played" "15 0 13 13" "$(counts roster-final)"
# and one moved and voided in the same statement
sql "$TRACKER_DB" "UPDATE match SET number = 98, void = 'moved', stage_id = (SELECT id FROM stage WHERE slug = 'roster-final')
	WHERE number = 14 AND stage_id = (SELECT id FROM stage WHERE slug = 'grand-final')"
exact "a match moved and voided by hand"

# A database made before the counts: the migration fills them in.
"$TRACKER" --db "$T/old.db" import "$GS" "$GF" "$T/roster.json" >/dev/null 2>&1
# with a voided match and a head start for a team off the roster, which the back-fill must count
status "old: void match 3 of the grand final" 0 "$TRACKER" --db "$T/old.db" void --stage grand-final 3 --reason "lobby bug"
status "old: a head start for the bench" 0 "$TRACKER" --db "$T/old.db" rules set --stage roster-final --file "$T/hs2.json"
sql "$T/old.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema WHERE type = 'trigger'" | sqlite3 "$T/old.db"
sql "$T/old.db" "DROP TABLE stage_count; DROP TABLE stage_team_count; DROP TABLE team_count;
	DROP INDEX team_name; DROP INDEX stage_tournament; PRAGMA user_version = 4"
eq "the old database has no counts" 0 "$(sql "$T/old.db" "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%count%' OR type = 'trigger'")"
status "a command migrates it" 0 "$TRACKER" --db "$T/old.db" tournaments
TRACKER_DB=$T/old.db exact "migrated"
eq "migrated: version 5" 5 "$(sql "$T/old.db" "PRAGMA user_version")"
