# t-import.sh: tracker import end to end: the real data with exact counts and
# content (expected values computed from the files by the sqlite3 CLI's JSON
# functions), re-import, changed content and --replace, aliases, warnings,
# stdin, the shapes of a document, and every bad input in import/bad/ (each
# NAME.json with its expected message in NAME.expect) plus the ones a file
# cannot hold (bad bytes, a 200 MB file, a directory, unreadable paths), each
# leaving the database exactly as it was.
. "$TESTS/lib.sh"

GS=$DATA/group-stage.json
GF=$DATA/grand-final.json

# jsql QUERY: a query over the data files, with f(stage, j) their stage names and text
jsql() {
	sqlite3 -batch -noheader :memory: "WITH f(stage, j) AS (SELECT 'Group Stage', readfile('$GS')
		UNION ALL SELECT 'Grand Final', readfile('$GF')),
	m AS (SELECT f.stage, mm.value v FROM f, json_each(f.j, '\$.matches') mm),
	r AS (SELECT m.stage, m.v->>'match' num, m.v->>'day' day, m.v->>'map' map, rr.value v
		FROM m, json_each(m.v, '\$.results') rr),
	p AS (SELECT r.stage, r.num, r.v->>'team' team, pp.value v
		FROM r, json_each(r.v, '\$.players') pp)
	$1"
}
db() { sql "$TRACKER_DB" "$1"; }

# --- the real data
status real-import 0 "$TRACKER" import "$GS" "$GF"
contains real-summary "2 files: 134 matches added, 0 unchanged, 0 replaced; 2 stages new; 1 ruleset stored; 16 teams, 83 players new; 2 warnings" "$OUT"
# each file's log row is its stage's, and names the matches it added (data/: 1 to 120, 1 to 14)
eq real-log "import,Grand Final,$GF: matches 1-14 added, stage created, ruleset stored" \
	"$("$TRACKER" log --stage "Grand Final" --format csv | awk -F, 'NR == 2 { print $3 "," $5 "," $7 "," $8 "," $9 }' | tr -d '\r"')"
contains real-warning-group "group-stage.json: matches[74]: warning: match 75: placement 11 is shared by 'INFLUENCE RAGE' and 'VASCO ESPORTS'" "$OUT"
contains real-warning-final "grand-final.json: matches[6]: warning: match 7: placement 11 is shared by 'FLUXO W7M' and 'VIRTUS PRO'" "$OUT"
eq real-warning-lines 2 "$(printf '%s\n' "$OUT" | grep -c 'warning:')"

eq real-matches-data "$(jsql 'SELECT count(*) FROM m')" "$(db 'SELECT count(*) FROM match')"
eq real-teams-data "$(jsql 'SELECT count(DISTINCT lower(trim(v->>'"'team'"'))) FROM r')" "$(db 'SELECT count(*) FROM team')"
eq real-players-data "$(jsql 'SELECT count(DISTINCT lower(trim(v->>'"'name'"'))) FROM p')" "$(db 'SELECT count(*) FROM player')"
eq real-maps-data "$(jsql 'SELECT count(DISTINCT map) FROM r')" "$(db 'SELECT count(DISTINCT map) FROM match')"
eq real-results-data "$(jsql 'SELECT count(*) FROM r')" "$(db 'SELECT count(*) FROM result')"
eq real-player-results-data "$(jsql 'SELECT count(*) FROM p')" "$(db 'SELECT count(*) FROM player_result')"
eq real-matches-issue 134 "$(db 'SELECT count(*) FROM match')"
eq real-teams-issue 16 "$(db 'SELECT count(*) FROM team')"
eq real-players-issue 83 "$(db 'SELECT count(*) FROM player')"
eq real-maps-issue 5 "$(db 'SELECT count(DISTINCT map) FROM match')"
eq real-results-issue 1608 "$(db 'SELECT count(*) FROM result')"
eq real-stage-matches "Grand Final|14
Group Stage|120" "$(db 'SELECT s.name, count(*) FROM match m JOIN stage s ON s.id = m.stage_id GROUP BY s.name ORDER BY s.name')"

jsql "SELECT stage, num, day, map, v->>'team', v->>'placement', v->>'kills' FROM r ORDER BY 1, 2, 5" >"$T/want-results"
db "SELECT s.name, m.number, m.day, m.map, t.name, r.placement, r.kills FROM result r
	JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id JOIN team t ON t.id = r.team_id
	ORDER BY 1, 2, 5" >"$T/got-results"
same_file real-results-content "$T/want-results" "$T/got-results"
jsql "SELECT stage, num, team, v->>'name', v->>'kills', v->>'damage', v->>'assists', v->>'mvp' FROM p ORDER BY 1, 2, 4" >"$T/want-players"
db "SELECT s.name, m.number, t.name, p.name, x.kills, x.damage, x.assists, x.mvp FROM player_result x
	JOIN match m ON m.id = x.match_id JOIN stage s ON s.id = m.stage_id JOIN team t ON t.id = x.team_id
	JOIN player p ON p.id = x.player_id ORDER BY 1, 2, 4" >"$T/got-players"
same_file real-players-content "$T/want-players" "$T/got-players"
eq real-ruleset "$(sqlite3 :memory: "SELECT json(readfile('$GF') -> '\$.ruleset')")" \
	"$(db "SELECT ruleset FROM stage WHERE slug = 'grand-final'")"
eq real-no-ruleset "" "$(db "SELECT ruleset FROM stage WHERE slug = 'group-stage'")"
eq real-source "$(sqlite3 :memory: "SELECT readfile('$GS') ->> '\$.source'")" \
	"$(db "SELECT source FROM stage WHERE slug = 'group-stage'")"
eq real-tournament "FFWS Brazil 2026 Split 1|ffws-brazil-2026-split-1" "$(db 'SELECT name, slug FROM tournament')"

# --- identical re-import (every bad input is tests/t-import-bad.sh's)
dump "$TRACKER_DB" >"$T/dump-real"
eq dump-holds-rows "$(jsql 'SELECT count(*) FROM p')" "$(grep -c '^INSERT INTO player_result' "$T/dump-real")"
status reimport 0 "$TRACKER" import "$GS" "$GF"
contains reimport-summary "2 files: 0 matches added, 134 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"
dump "$TRACKER_DB" >"$T/dump-after"
same_file reimport-dump "$T/dump-real" "$T/dump-after"

# --- the names one import's files share: a team created by a file that is then refused
# (its match 1 differs from the stored one) is gone with it, and the next file of the same
# import creates it again, rather than reusing the row that was rolled back
cat >"$T/rolled-back.json" <<'JSON'
{"tournament": "FFWS Brazil 2026 Split 1", "stage": "Group Stage", "matches": [
 {"match": 121, "results": [{"team": "Zeta", "placement": 1, "kills": 2}, {"team": "LOS", "placement": 2, "kills": 1}]},
 {"match": 1, "results": [{"team": "LOS", "placement": 1, "kills": 99}]}]}
JSON
cat >"$T/after-rollback.json" <<'JSON'
{"tournament": "FFWS Brazil 2026 Split 1", "stage": "Group Stage", "match": 121,
 "results": [{"team": "Zeta", "placement": 1, "kills": 2}, {"team": "LOS", "placement": 2, "kills": 1}]}
JSON
cp "$TRACKER_DB" "$T/rollback.db"
status rollback-names 1 "$TRACKER" --db "$T/rollback.db" import --new-team Zeta "$T/rolled-back.json" "$T/after-rollback.json"
contains rollback-names-summary "2 files: 1 match added, 0 unchanged, 0 replaced; 1 team, 0 players new" "$OUT"
contains rollback-names-failed "failed: $T/rolled-back.json" "$OUT"
eq rollback-names-stored "Zeta|1" "$(sqlite3 "$T/rollback.db" "SELECT t.name, r.placement FROM result r JOIN team t ON t.id = r.team_id JOIN match m ON m.id = r.match_id WHERE m.number = 121 AND t.name = 'Zeta'")"
# the spellings of one team over three files of one import: each new one warned about once
# (as alias-1, -2, -3 imported one by one, below)
status alias-one-import 0 "$TRACKER" --db "$T/alias-one.db" import import/good/alias-1.json import/good/alias-2.json import/good/alias-3.json
contains alias-one-import-2 "import/good/alias-2.json: results[0].team: warning: 'RRQ KAZU' is a new spelling of team 'RRQ Kazu'" "$OUT"
contains alias-one-import-3 "import/good/alias-3.json: results[0].team: warning: 'rrq kazu' is a new spelling of team 'RRQ Kazu'" "$OUT"
eq alias-one-import-warnings 3 "$(printf '%s\n' "$OUT" | grep -c 'is a new spelling')"

# --- look-alike names (F9): a new team or player whose name looks like one there is stored,
# with a warning naming both; a new name like no other is not warned about (2 warnings:
# LΟS with a Greek Omicron, TRАP with a Cyrillic A; Time Novo none)
cp "$TRACKER_DB" "$T/lookalike.db"
status lookalike 0 "$TRACKER" --db "$T/lookalike.db" import --new-team "LΟS" --new-team "Time Novo" \
	import/good/lookalike.json
contains lookalike-team "import/good/lookalike.json: matches[0].results[1].team: warning: 'LΟS' looks like 'LOS', another team ('Ο' is U+039F, not 'O'): stored as a new team" "$OUT"
contains lookalike-player "import/good/lookalike.json: matches[0].results[0].players[0].name: warning: 'TRАP' looks like 'TRAP', another player ('А' is U+0410, not 'A'): stored as a new player" "$OUT"
contains lookalike-summary "1 file: 1 match added, 0 unchanged, 0 replaced; 2 teams, 1 player new; 2 warnings" "$OUT"
eq lookalike-stored "3" "$(sqlite3 "$T/lookalike.db" "SELECT count(*) FROM result r JOIN match m ON m.id = r.match_id WHERE m.number = 121")"
# the same in a CSV, at its lines (LΟS on line 4, TRАP on line 2)
cp "$TRACKER_DB" "$T/lookalike-csv.db"
status lookalike-csv 0 "$TRACKER" --db "$T/lookalike-csv.db" import --new-team "LΟS" import/good/lookalike.csv
contains lookalike-csv-team "import/good/lookalike.csv:4: team: warning: 'LΟS' looks like 'LOS', another team ('Ο' is U+039F, not 'O'): stored as a new team" "$OUT"
contains lookalike-csv-player "import/good/lookalike.csv:2: player: warning: 'TRАP' looks like 'TRAP', another player ('А' is U+0410, not 'A'): stored as a new player" "$OUT"

# --- names in other scripts pass (F9): Thai, Portuguese accents, 64 characters of 2 bytes each
# with spaces around (folded away); stored as written, spaces folded
status names 0 "$TRACKER" --db "$T/names.db" import import/good/names.json
contains names-summary "1 file: 1 match added, 0 unchanged, 0 replaced; 1 stage new; 3 teams, 2 players new; 0 warnings" "$OUT"
eq names-teams "ทีมไทย ยอดเยี่ยม|Pão de Açúcar|$(printf 'ã%.0s' $(seq 64))" \
	"$(sqlite3 "$T/names.db" "SELECT group_concat(name, '|') FROM (SELECT name FROM team ORDER BY id)")"
eq names-players "João|ผู้เล่น" "$(sqlite3 "$T/names.db" "SELECT group_concat(name, '|') FROM (SELECT name FROM player ORDER BY id)")"

# --- a bad file among good ones: the good ones land, the summary names the bad one
status mixed 1 "$TRACKER" --db "$T/mixed.db" import --new-team "Team B" --new-team "Team C" \
	import/good/alias-1.json import/bad/kills-negative.json import/good/array.json
contains mixed-summary "3 files: 3 matches added, 0 unchanged, 0 replaced" "$OUT"
contains mixed-failed "failed: import/bad/kills-negative.json" "$OUT"
lacks mixed-good-not-failed "failed: import/good" "$OUT"
eq mixed-matches 3 "$(sql "$T/mixed.db" 'SELECT count(*) FROM match')"

# --- changed content is refused naming the difference, then --replace stores it
team=$(sqlite3 :memory: "SELECT readfile('$GF') ->> '\$.matches[2].results[2].team'")
kills=$(sqlite3 :memory: "SELECT readfile('$GF') ->> '\$.matches[2].results[2].kills'")
sqlite3 :memory: "SELECT json_set(readfile('$GF'), '\$.matches[2].results[2].kills', 99)" >"$T/gf-kills.json"
bad changed-kills "$T/gf-kills.json: matches[2]: match 3 differs from the stored one: results[2] ($team) kills 99, stored $kills" "$T/gf-kills.json"
map=$(sqlite3 :memory: "SELECT readfile('$GF') ->> '\$.matches[0].map'")
sqlite3 :memory: "SELECT json_set(readfile('$GF'), '\$.matches[0].map', 'Solara')" >"$T/gf-map.json"
bad changed-map "$T/gf-map.json: matches[0]: match 1 differs from the stored one: map Solara, stored $map" "$T/gf-map.json"
sqlite3 :memory: "SELECT json_set(readfile('$GF'), '\$.ruleset.kill_points', 2)" >"$T/gf-rules.json"
kp=$(sqlite3 :memory: "SELECT readfile('$GF') ->> '\$.ruleset.kill_points'")
bad changed-ruleset "$T/gf-rules.json: ruleset.kill_points: 2, stored $kp (the ruleset stored for stage 'Grand Final' of 'FFWS Brazil 2026 Split 1' differs; --replace stores this one)" "$T/gf-rules.json"
sqlite3 :memory: "SELECT json_set(readfile('$GF'), '\$.ruleset.champion_rush.threshold', 150)" >"$T/gf-rush.json"
rush=$(sqlite3 :memory: "SELECT readfile('$GF') ->> '\$.ruleset.champion_rush.threshold'")
bad changed-rush "$T/gf-rush.json: ruleset.champion_rush.threshold: 150, stored $rush (" "$T/gf-rush.json"
# the same ruleset written otherwise (keys reordered, trailing zero places dropped, defaults
# spelled out) is no change
sqlite3 :memory: "SELECT json_set(json_remove(readfile('$GF'), '\$.ruleset'), '\$.ruleset',
	json_object('champion_rush', readfile('$GF') -> '\$.ruleset.champion_rush', 'kill_cap', NULL,
	'kill_points', readfile('$GF') -> '\$.ruleset.kill_points', 'name', readfile('$GF') ->> '\$.ruleset.name',
	'headstart', json('{}'), 'placement_points', json('[12,9,8,7,6,5,4,3,2,1]')))" >"$T/gf-same-rules.json"
status same-ruleset-otherwise 0 "$TRACKER" import "$T/gf-same-rules.json"
contains same-ruleset-otherwise-summary "1 file: 0 matches added, 14 unchanged, 0 replaced" "$OUT"
day=$(sqlite3 :memory: "SELECT readfile('$GF') ->> '\$.matches[1].day'")
sqlite3 :memory: "SELECT json_set(readfile('$GF'), '\$.matches[1].day', 9)" >"$T/gf-day.json"
bad changed-day "$T/gf-day.json: matches[1]: match 2 differs from the stored one: day 9, stored $day" "$T/gf-day.json"
sqlite3 :memory: "SELECT json_remove(readfile('$GF'), '\$.matches[4].results[11]')" >"$T/gf-fewer.json"
bad changed-fewer "$T/gf-fewer.json: matches[4]: match 5 differs from the stored one: 11 results, stored 12" "$T/gf-fewer.json"
pname=$(sqlite3 :memory: "SELECT readfile('$GF') ->> '\$.matches[0].results[0].players[1].name'")
sqlite3 :memory: "SELECT json_set(readfile('$GF'), '\$.matches[0].results[0].players[1].damage', 1)" >"$T/gf-damage.json"
bad changed-player "$T/gf-damage.json: matches[0]: match 1 differs from the stored one: results[0].players[1] ($pname) kills/damage/assists/mvp" "$T/gf-damage.json"
status replace-ruleset 0 "$TRACKER" import --replace "$T/gf-rules.json"
eq replace-ruleset-stored 2 "$(db "SELECT ruleset ->> '\$.kill_points' FROM stage WHERE slug = 'grand-final'")"
status replace 0 "$TRACKER" import --replace "$T/gf-kills.json"
# the file carries the ruleset that replace-ruleset replaced: --replace stores it back
contains replace-summary "1 file: 0 matches added, 13 unchanged, 1 replaced; 1 ruleset stored; 0 teams, 0 players new; 1 warning" "$OUT"
sum=$(sqlite3 :memory: "SELECT sum(value ->> 'kills') FROM json_each(readfile('$GF'), '\$.matches[2].results[2].players')")
contains replace-kills-warning "gf-kills.json: matches[2].results[2]: warning: match 3: $team's players' kills add up to $sum, the team's kills are 99" "$OUT"
eq replace-stored 99 "$(db "SELECT r.kills FROM result r JOIN match m ON m.id = r.match_id JOIN team t ON t.id = r.team_id
	JOIN stage s ON s.id = m.stage_id WHERE s.slug = 'grand-final' AND m.number = 3 AND t.name = '$team'")"
eq replace-players-kept "$(sqlite3 :memory: "SELECT sum(json_array_length(value, '\$.players')) FROM json_each(readfile('$GF'), '\$.matches[2].results')")" \
	"$(db "SELECT count(*) FROM player_result x JOIN match m ON m.id = x.match_id JOIN stage s ON s.id = m.stage_id
	WHERE s.slug = 'grand-final' AND m.number = 3")"
status replace-back 0 "$TRACKER" import --replace "$GF"
eq replace-back-ruleset "$(sqlite3 :memory: "SELECT json(readfile('$GF') -> '\$.ruleset')")" \
	"$(db "SELECT ruleset FROM stage WHERE slug = 'grand-final'")"
contains replace-back-summary "1 file: 0 matches added, 13 unchanged, 1 replaced" "$OUT"
db "SELECT s.name, m.number, m.day, m.map, t.name, r.placement, r.kills FROM result r
	JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id JOIN team t ON t.id = r.team_id
	ORDER BY 1, 2, 5" >"$T/got-results"
same_file replace-back-content "$T/want-results" "$T/got-results"
# the two replacing imports are in the log; the data is as before
dump "$TRACKER_DB" | grep -v '^INSERT INTO log ' >"$T/dump-after"
grep -v '^INSERT INTO log ' "$T/dump-real" | same_file replace-back-dump - "$T/dump-after"

# --- the Grand Final's own ruleset stored by `tracker rules set` (which rewrites its text)
# is the one the file carries: the file imports unchanged
cp "$TRACKER_DB" "$T/rules.db"
sqlite3 :memory: "SELECT json(readfile('$GF') -> '\$.ruleset')" >"$T/gf-ruleset.json"
status rules-set-same 0 "$TRACKER" --db "$T/rules.db" rules set --stage "grand final" --file "$T/gf-ruleset.json"
status rules-set-then-import 0 "$TRACKER" --db "$T/rules.db" import "$GF"
contains rules-set-then-import-summary "1 file: 0 matches added, 14 unchanged, 0 replaced" "$OUT"
# a head start for a team no import has named yet creates the team, with a warning; head
# starts are stored by team id, not in the ruleset's text
sqlite3 :memory: "SELECT json_set(readfile('$GF'), '\$.ruleset.headstart', json('{\"Nobody\": 5, \"los\": 3}'))" >"$T/gf-hs.json"
status headstart-unknown 0 "$TRACKER" --db "$T/rules.db" import --replace "$T/gf-hs.json"
contains headstart-unknown-warning "$T/gf-hs.json: ruleset.headstart: warning: 'Nobody' is not a known team: added as a new team" "$OUT"
lacks headstart-known-team "'los' is not a known team" "$OUT"
contains headstart-unknown-summary "0 replaced; 1 ruleset stored; 1 team, 0 players new; 1 warning;" "$OUT"
hs() { sql "$T/rules.db" "SELECT t.name, h.points FROM headstart h JOIN team t ON t.id = h.team_id
	JOIN stage s ON s.id = h.stage_id WHERE s.slug = 'grand-final' ORDER BY t.name"; }
eq headstart-stored "LOS|3
Nobody|5" "$(hs)"
eq headstart-not-in-text "" "$(sql "$T/rules.db" "SELECT ruleset -> '\$.headstart' FROM stage WHERE slug = 'grand-final'")"
status headstart-reimport 0 "$TRACKER" --db "$T/rules.db" import "$T/gf-hs.json"
contains headstart-reimport-unchanged "1 file: 0 matches added, 14 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"
status headstart-show 0 "$TRACKER" --db "$T/rules.db" rules show --stage "grand final" --format json
contains headstart-show-names '"headstart":{"Nobody":5,"LOS":3}' "$OUT"
# a renamed team keeps its head start (the rename is what the results desk will do)
sql "$T/rules.db" "UPDATE team SET name = 'LOS Grandes' WHERE name = 'LOS'" >/dev/null
status headstart-renamed 0 "$TRACKER" --db "$T/rules.db" standings --stage "grand final" --format csv
contains headstart-renamed-row ",LOS Grandes,14," "$OUT"
eq headstart-renamed-points 3 "$(printf '%s\n' "$OUT" | tr -d '\r' | awk -F, '$2 == "LOS Grandes" { print $8 }')"

# --- the bounds themselves are accepted (import/bad/*-too-large: one more is not)
status bounds 0 "$TRACKER" --db "$T/bounds.db" import import/good/bounds.json
eq bounds-stored "10000|1000|1000|1000|10000000|1000|1000" "$(sql "$T/bounds.db" "SELECT m.number, m.day,
	(SELECT max(kills) FROM result), x.kills, x.damage, x.assists, x.mvp
	FROM match m JOIN player_result x ON x.match_id = m.id WHERE x.damage IS NOT NULL")"
# placement 1000 needs a lobby of 1000 teams (a placement beyond the lobby is an error)
awk 'BEGIN { printf "{\"tournament\": \"Bounds\", \"stage\": \"Lobby\", \"match\": 1, \"results\": ["
	for (i = 1; i <= 1000; i++) printf "%s{\"team\": \"T%d\", \"placement\": %d, \"kills\": 0}", (i > 1 ? "," : ""), i, i
	print "]}" }' >"$T/lobby.json"
status bounds-placement 0 "$TRACKER" --db "$T/bounds.db" import "$T/lobby.json"
eq bounds-placement-stored 1000 "$(sql "$T/bounds.db" "SELECT max(placement) FROM result")"

# --- aliases: three spellings in three files are one team
A=$T/alias.db
status alias-1 0 "$TRACKER" --db "$A" import import/good/alias-1.json
contains alias-1-summary "1 match added, 0 unchanged, 0 replaced; 1 stage new; 2 teams, 0 players new; 0 warnings" "$OUT"
status alias-2 0 "$TRACKER" --db "$A" import import/good/alias-2.json
contains alias-2-warning "import/good/alias-2.json: results[0].team: warning: 'RRQ KAZU' is a new spelling of team 'RRQ Kazu'" "$OUT"
contains alias-2-summary "0 teams, 0 players new; 1 warning" "$OUT"
status alias-3 0 "$TRACKER" --db "$A" import import/good/alias-3.json
contains alias-3-warning "import/good/alias-3.json: results[0].team: warning: 'rrq kazu' is a new spelling of team 'RRQ Kazu'" "$OUT"
contains alias-3-warning-b "import/good/alias-3.json: results[1].team: warning: 'team a' is a new spelling of team 'Team A'" "$OUT"
eq alias-teams 2 "$(sql "$A" 'SELECT count(*) FROM team')"
status alias-list 0 "$TRACKER" --db "$A" teams --format csv
contains alias-list-row "RRQ Kazu,rrq-kazu,3,RRQ KAZU | rrq kazu" "$OUT"
status alias-again 0 "$TRACKER" --db "$A" import import/good/alias-2.json
contains alias-again-summary "0 matches added, 1 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"

# --- an array of match objects, and a single match object on stdin with warnings. Stage
# Day 1 already has a match (alias-1), so teams no stage has seen join it only when named
status array-new-teams 1 "$TRACKER" --db "$A" import import/good/array.json
contains array-new-teams-refused "import/good/array.json: [0].results[0].team: 'Team B' is a team no stage has seen, and stage 'Day 1' has matches without it (did you mean Team A?); name it in the file's teams, or import with --new-team 'Team B'" "$OUT"
contains array-new-teams-once "import/good/array.json: [0].results[1].team: 'Team C' is a team no stage has seen" "$OUT"
eq array-new-teams-one-line 1 "$(printf '%s\n' "$OUT" | grep -c "'Team B' is a team")"
status array 0 "$TRACKER" --db "$A" import --new-team "team b" --new-team "Team C" import/good/array.json
contains array-summary "1 file: 2 matches added, 0 unchanged, 0 replaced; 2 teams, 0 players new" "$OUT"
eq array-played-at "2026-03-01T14:00:00-03:00" "$(sql "$A" 'SELECT played_at FROM match WHERE number = 5')"
OUT=$("$TRACKER" --db "$A" import - <import/good/warnings.json 2>&1)
eq stdin-status 0 "$?"
contains stdin-summary "1 file: 1 match added" "$OUT"
contains stdin-shared "-: warning: match 1: placement 2 is shared by 'Team B' and 'Team C'" "$OUT"
contains stdin-kills "-: results[0]: warning: match 1: Team B's players' kills add up to 5, the team's kills are 6" "$OUT"
eq stdin-players "Bee|4
Bop|1" "$(sql "$A" 'SELECT p.name, x.kills FROM player_result x JOIN player p ON p.id = x.player_id ORDER BY 1')"

# --- a slug two teams would share gets -2; null stands for an optional key left out
OUT=$(printf '{"tournament": "Alias Cup", "stage": "Day 3", "match": 1, "day": null, "played_at": null, "map": "Alpine",
 "results": [{"team": "Team-A", "placement": 1, "kills": 0, "players": null}]}' | "$TRACKER" --db "$A" import - 2>&1)
eq slug-status 0 "$?"
eq slug-unique "team-a|Team A
team-a-2|Team-A" "$(sql "$A" "SELECT slug, name FROM team WHERE slug LIKE 'team-a%' ORDER BY slug")"
eq null-optional "||0" "$(sql "$A" "SELECT m.day, m.played_at, (SELECT count(*) FROM player_result x WHERE x.match_id = m.id)
	FROM match m JOIN stage s ON s.id = m.stage_id WHERE s.slug = 'day-3'")"

# --- a stage file without matches creates the stage with its ruleset
OUT=$(printf '{"tournament": "Alias Cup", "stage": "Finals", "ruleset": {"kill_points": 2}, "matches": []}' |
	"$TRACKER" --db "$A" import - 2>&1)
eq empty-stage-status 0 "$?"
contains empty-stage-summary "1 file: 0 matches added, 0 unchanged, 0 replaced" "$OUT"
eq empty-stage-ruleset '{"kill_points":2}' "$(sql "$A" "SELECT ruleset FROM stage WHERE slug = 'finals'")"

# --- a head start for a team the same document brings is no warning
OUT=$(printf '{"tournament": "Alias Cup", "stage": "Head Start", "ruleset": {"headstart": {"New Team": 4}},
 "matches": [{"match": 1, "map": "Alpine", "results": [{"team": "New Team", "placement": 1, "kills": 0}]}]}' |
	"$TRACKER" --db "$A" import - 2>&1)
eq headstart-same-doc-status 0 "$?"
contains headstart-same-doc-summary "1 file: 1 match added, 0 unchanged, 0 replaced; 1 stage new; 1 ruleset stored; 1 team, 0 players new; 0 warnings" "$OUT"

# --- usage errors exit 2
status usage-no-file 2 "$TRACKER" import
status usage-bad-option 2 "$TRACKER" import --bogus "$GS"
status usage-stdin-twice 2 "$TRACKER" import - -

# --- the additions of docs/match-json-v1.md, each in a fresh database
N=$T/additions.db
ndb() { sql "$N" "$1"; }
# unknown maps: absent, null, "" and white space are all stored as unknown (NULL); the
# matches score as any other (Alpha: 12+3, 9+0, 12+1, 9+0, 12+0 = 58)
status unknown-map 0 "$TRACKER" --db "$N" import import/good/unknown-map.json
contains unknown-map-summary "1 file: 5 matches added, 0 unchanged, 0 replaced; 1 stage new; 2 teams, 0 players new; 0 warnings" "$OUT"
eq unknown-map-stored "1|
2|
3|
4|
5|Bermuda" "$(ndb "SELECT number, map FROM match ORDER BY number")"
eq unknown-map-null 4 "$(ndb "SELECT count(*) FROM match WHERE map IS NULL")"
status unknown-map-standings 0 "$TRACKER" --db "$N" standings --tournament "Additions Cup" --stage "Unknown Maps" --format csv
eq unknown-map-points 58 "$(printf '%s\n' "$OUT" | tr -d '\r' | awk -F, '$2 == "Alpha" { print $9 }')"
status unknown-map-again 0 "$TRACKER" --db "$N" import import/good/unknown-map.json
contains unknown-map-unchanged "1 file: 0 matches added, 5 unchanged, 0 replaced" "$OUT"
sqlite3 :memory: "SELECT json_set(readfile('import/good/unknown-map.json'), '\$.matches[0].map', 'Alpine')" >"$T/map-known.json"
status unknown-map-changed 1 "$TRACKER" --db "$N" import "$T/map-known.json"
contains unknown-map-changed-message "matches[0]: match 1 differs from the stored one: map Alpine, stored unknown" "$OUT"

# statuses: a disqualified team at placement 1 is no second Booyah; a forfeit needs no
# placement nor kills; a status change is a difference
status status 0 "$TRACKER" --db "$N" import import/good/status.json
contains status-summary "1 file: 1 match added, 0 unchanged, 0 replaced; 1 stage new; 2 teams, 0 players new; 0 warnings" "$OUT"
eq status-stored "Alpha|dq|1|9
Bravo|played|1|2
Charlie|played|2|1
Delta|forfeit||" "$(ndb "SELECT t.name, r.status, r.placement, r.kills FROM result r JOIN team t ON t.id = r.team_id
	JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id WHERE s.slug = 'statuses' ORDER BY t.name")"
status status-again 0 "$TRACKER" --db "$N" import import/good/status.json
contains status-unchanged "0 matches added, 1 unchanged" "$OUT"
# a CSV's status cells in any case, as its team names: DQ, Forfeit, PLAYED
status status-csv 0 "$TRACKER" --db "$N" import import/good/status.csv
eq status-csv-stored "Alpha|dq|1|9
Bravo|played|1|2
Charlie|played|2|1
Delta|forfeit||" "$(ndb "SELECT t.name, r.status, r.placement, r.kills FROM result r JOIN team t ON t.id = r.team_id
	JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id WHERE s.slug = 'csv-statuses' ORDER BY t.name")"
sqlite3 :memory: "SELECT json_set(readfile('import/good/status.json'), '\$.matches[0].results[0].status', 'forfeit')" >"$T/status-forfeit.json"
status status-changed 1 "$TRACKER" --db "$N" import "$T/status-forfeit.json"
contains status-changed-message "results[0] (Alpha) status forfeit, stored dq" "$OUT"
# without its status, Alpha played: a second Booyah
sqlite3 :memory: "SELECT json_remove(readfile('import/good/status.json'), '\$.matches[0].results[0].status')" >"$T/status-played.json"
status status-played 1 "$TRACKER" --db "$N" import "$T/status-played.json"
contains status-played-message "matches[0].results[1].placement: a second Booyah: 'Alpha' (matches[0].results[0]) is placed 1st too" "$OUT"

# voided matches are stored with their reason; one may have no results
status void 0 "$TRACKER" --db "$N" import import/good/void.json
contains void-summary "1 file: 4 matches added" "$OUT"
eq void-stored "1||2
2|server crash at minute 12|2
3|lobby never started|0
4||2" "$(ndb "SELECT m.number, m.void, (SELECT count(*) FROM result r WHERE r.match_id = m.id) FROM match m
	JOIN stage s ON s.id = m.stage_id WHERE s.slug = 'voided' ORDER BY m.number")"
sqlite3 :memory: "SELECT json_remove(readfile('import/good/void.json'), '\$.matches[1].void')" >"$T/unvoid.json"
status void-changed 1 "$TRACKER" --db "$N" import "$T/unvoid.json"
contains void-changed-message "match 2 differs from the stored one: void not given, stored server crash at minute 12" "$OUT"

# adjustments: the stage's whole list; again unchanged; another list refused, then replaced
adj() { ndb "SELECT t.name, a.points, a.after_match, a.reason FROM adjustment a JOIN team t ON t.id = a.team_id
	JOIN stage s ON s.id = a.stage_id WHERE s.slug = 'penalties' ORDER BY a.id"; }
status adjustments 0 "$TRACKER" --db "$N" import import/good/adjustments.json
eq adjustments-stored "Alpha|-5|1|late to lobby, match 1
Bravo|2|0|fair play bonus" "$(adj)"
status adjustments-again 0 "$TRACKER" --db "$N" import import/good/adjustments.json
contains adjustments-again-summary "1 file: 0 matches added, 2 unchanged, 0 replaced" "$OUT"
dump "$N" >"$T/dump-adj"
status adjustments-differ 1 "$TRACKER" --db "$N" import import/good/adjustments-only.json
contains adjustments-differ-message "import/good/adjustments-only.json: the adjustments differ from the ones stored for stage 'Penalties': 3 adjustments, stored 2 (--replace stores this list)" "$OUT"
dump "$N" >"$T/dump-after"
same_file adjustments-differ-unchanged "$T/dump-adj" "$T/dump-after"
sqlite3 :memory: "SELECT json_set(readfile('import/good/adjustments.json'), '\$.adjustments[0].points', -4)" >"$T/adj-points.json"
status adjustments-points 1 "$TRACKER" --db "$N" import "$T/adj-points.json"
contains adjustments-points-message "adjustments[0] (Alpha) points -4, stored -5" "$OUT"
status adjustments-replace 0 "$TRACKER" --db "$N" import --replace import/good/adjustments-only.json
contains adjustments-replace-summary "1 file: 0 matches added, 0 unchanged, 0 replaced; 1 adjustment list stored; 0 teams" "$OUT"
# what changed only the stage's adjustments is in the log, as the stage's row
eq adjustments-replace-log "import,Penalties,import/good/adjustments-only.json: adjustments stored" \
	"$("$TRACKER" --db "$N" log --stage Penalties --limit 1 --format csv | awk -F, 'NR == 2 { print $3 "," $5 "," $7 }' | tr -d '\r')"
eq adjustments-replaced "Alpha|-5|1|late to lobby, match 1
Bravo|2|0|fair play bonus
Bravo|-3|2|unsporting conduct, match 2" "$(adj)"
dump "$N" >"$T/dump-adj"
status adjustments-only-again 0 "$TRACKER" --db "$N" import import/good/adjustments-only.json
dump "$N" >"$T/dump-after"
same_file adjustments-only-again-unchanged "$T/dump-adj" "$T/dump-after"
contains adjustments-only-again-summary "1 file: 0 matches added, 0 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"
# an empty list is the stage's whole list too
printf '{"tournament": "Additions Cup", "stage": "Penalties", "adjustments": []}' >"$T/none.json"
status adjustments-empty-differs 1 "$TRACKER" --db "$N" import "$T/none.json"
contains adjustments-empty-differs-message "0 adjustments, stored 3 (--replace stores this list)" "$OUT"
status adjustments-cleared 0 "$TRACKER" --db "$N" import --replace "$T/none.json"
eq adjustments-none 0 "$(ndb "SELECT count(*) FROM adjustment")"

# groups and a roster, with a ruleset using zones, headstart_from and the new tiebreakers
status groups 0 "$TRACKER" --db "$N" import import/good/groups.json
contains groups-summary "1 file: 2 matches added, 0 unchanged, 0 replaced; 1 stage new; 1 ruleset, 1 roster stored; 2 teams, 0 players new; 0 warnings" "$OUT"
eq groups-stored "Alpha|A
Bravo|A
Charlie|A
Delta|B
Echo|B
Foxtrot|B" "$(ndb "SELECT t.name, x.grp FROM stage_team x JOIN team t ON t.id = x.team_id
	JOIN stage s ON s.id = x.stage_id WHERE s.slug = 'knockout' ORDER BY t.name")"
eq groups-ruleset '[{"to":2,"label":"Grand Final"},{"to":4,"label":"Point Rush"}]|1|Statuses|["booyahs","counted_kills","countback"]' \
	"$(ndb "SELECT ruleset -> '\$.zones', ruleset ->> '\$.zones_per_group', ruleset -> '\$.headstart_from' ->> 'stage', ruleset -> '\$.tiebreakers' FROM stage WHERE slug = 'knockout'")"
dump "$N" >"$T/dump-groups"
status groups-again 0 "$TRACKER" --db "$N" import import/good/groups.json
dump "$N" >"$T/dump-after"
same_file groups-again-unchanged "$T/dump-groups" "$T/dump-after"
contains groups-again-summary "0 matches added, 2 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"
status groups-rules-show 0 "$TRACKER" --db "$N" rules show --tournament "Additions Cup" --stage Knockout
contains groups-rules-show-zones "1-2 Grand Final, 3-4 Point Rush  Statuses: 3,1" "$OUT"
# a roster that is not the stored one is refused, then replaced
sqlite3 :memory: "SELECT json_set(readfile('import/good/groups.json'), '\$.groups.B', json('[\"Delta\", \"Echo\"]'),
	'\$.teams', json('[\"Alpha\", \"Bravo\", \"Charlie\", \"Delta\", \"Echo\"]'), '\$.matches', json('[]'))" >"$T/roster.json"
status roster-differs 1 "$TRACKER" --db "$N" import "$T/roster.json"
contains roster-differs-message "roster.json: the roster (teams and groups) differs from the one stored for stage 'Knockout' (6 teams; --replace stores this one)" "$OUT"
status roster-replace 0 "$TRACKER" --db "$N" import --replace "$T/roster.json"
eq roster-replaced 5 "$(ndb "SELECT count(*) FROM stage_team x JOIN stage s ON s.id = x.stage_id WHERE s.slug = 'knockout'")"
# now Foxtrot is out of the declared roster: its results are refused
sqlite3 :memory: "SELECT json_remove(readfile('import/good/groups.json'), '\$.teams', '\$.groups')" >"$T/no-roster.json"
status roster-outside 1 "$TRACKER" --db "$N" import "$T/no-roster.json"
contains roster-outside-message "matches[1].results[1].team: 'Foxtrot' is not in the roster of stage 'Knockout' (its teams: Alpha, Bravo, Charlie, Delta, Echo)" "$OUT"
# one run, the files in order: a roster of Alpha, Bravo and Charlie, a match of Alpha and
# Bravo (checked against it), a roster of Alpha and Bravo alone, a match with Charlie: the
# last is refused as the roster then stored says, whatever the run read before
printf '{"tournament": "Roster Cup", "stage": "Final", "teams": ["Alpha", "Bravo", "%s"]}' Charlie >"$T/roster-abc.json"
printf '{"tournament": "Roster Cup", "stage": "Final", "teams": ["Alpha", "Bravo"]}' >"$T/roster-ab.json"
printf '{"tournament": "Roster Cup", "stage": "Final", "match": %d, "results": [{"team": "Alpha", "placement": 1, "kills": 0}, {"team": "%s", "placement": 2, "kills": 0}]}' 1 Bravo >"$T/match-ab.json"
printf '{"tournament": "Roster Cup", "stage": "Final", "match": %d, "results": [{"team": "Alpha", "placement": 1, "kills": 0}, {"team": "%s", "placement": 2, "kills": 0}]}' 2 Charlie >"$T/match-ac.json"
status roster-run 1 "$TRACKER" --db "$T/roster-run.db" import --replace "$T/roster-abc.json" "$T/match-ab.json" "$T/roster-ab.json" "$T/match-ac.json"
contains roster-run-refused "match-ac.json: results[1].team: 'Charlie' is not in the roster of stage 'Final' (its teams: Alpha, Bravo)" "$OUT"
contains roster-run-summary "4 files: 1 match added, 0 unchanged, 0 replaced; 1 stage new; 2 rosters stored; 3 teams, 0 players new; 0 warnings" "$OUT"
# a stage a ruleset takes head starts from that is not there yet is a warning
status carry-missing 0 "$TRACKER" --db "$T/carry.db" import import/good/groups.json
contains carry-missing-warning "import/good/groups.json: ruleset.headstart_from.stage: warning: no stage 'Statuses' in tournament 'Additions Cup' yet" "$OUT"

# Champion Rush, 20 points then a Booyah, within 3 matches played (FFWS table, 1 per kill):
#   match 1: Alpha 1st with 10 kills, 12 + 10 = 22 (over 20); Bravo 2nd, 9
#   match 2: void (a server crash): counts for nothing
#   match 3: Alpha had 22 before it and wins it: champion, decided in match 3
#   match 4: played after the champion was decided (the 3rd match played: within 3)
#   match 5: the 4th match played, beyond max_matches 3
status rush 0 "$TRACKER" --db "$N" import import/good/rush.json
contains rush-summary "1 file: 5 matches added, 0 unchanged, 0 replaced; 1 stage new; 1 ruleset stored; 0 teams, 0 players new; 2 warnings" "$OUT"
contains rush-after-champion "import/good/rush.json: matches[3]: warning: match 4 was played after the champion was decided (Alpha, in match 3)" "$OUT"
contains rush-beyond "import/good/rush.json: matches[4]: warning: match 5 is the 4th match played, beyond Champion Rush's max_matches (3)" "$OUT"
eq rush-stored 5 "$(ndb "SELECT count(*) FROM match m JOIN stage s ON s.id = m.stage_id WHERE s.slug = 'rush'")"
status rush-again 0 "$TRACKER" --db "$N" import import/good/rush.json
contains rush-again-quiet "0 matches added, 5 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"

# A roster names a team before any result does: the team's spelling is
# recorded then, so its first result in a later file is no new spelling.
printf '{"tournament":"Roster Cup","stage":"Live","teams":["Kite","Lark"]}' >"$T/roster.json"
printf '{"tournament":"Roster Cup","stage":"Live","match":1,"map":"Bermuda","results":[{"team":"Kite","placement":1,"kills":2},{"team":"Lark","placement":2,"kills":0}]}' >"$T/roster-m1.json"
status roster-first 0 "$TRACKER" --db "$N" import "$T/roster.json"
contains roster-first-teams "0 matches added, 0 unchanged, 0 replaced; 1 stage new; 1 roster stored; 2 teams, 0 players new; 0 warnings" "$OUT"
status roster-then-result 0 "$TRACKER" --db "$N" import "$T/roster-m1.json"
contains roster-then-result-quiet "1 match added, 0 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"

# --- CSV: the real stages as spreadsheets export and paste them give what their JSON gives
# csvq FILE SEP HEADER? SELECT: rows of the query over a data file's matches (m: v, k) and
# results (r: v, k, mv)
csvq() {
	sqlite3 -batch -noheader -separator "$2" :memory: "WITH m AS (SELECT mm.key k, mm.value v
		FROM json_each(readfile('$1'), '\$.matches') mm),
	r AS (SELECT m.k mk, m.v mv, rr.key k, rr.value v FROM m, json_each(m.v, '\$.results') rr)
	$3"
}
# the Grand Final, one row per player, as Excel in a pt-BR locale saves it: a byte order
# mark, semicolons, CRLF, columns in its own order and case, a name in quotes
{
	printf '\357\273\277Player;Player_Kills;Damage;Assists;MVP;Team;Kills;Placement;Map;Day;Match;Stage;Tournament\r\n'
	csvq "$GF" ';' "SELECT p.value ->> 'name', p.value ->> 'kills', p.value ->> 'damage', p.value ->> 'assists',
		p.value ->> 'mvp', '\"' || (r.v ->> 'team') || '\"', r.v ->> 'kills', r.v ->> 'placement', r.mv ->> 'map',
		r.mv ->> 'day', r.mv ->> 'match', 'Grand Final', 'FFWS Brazil 2026 Split 1' || char(13)
		FROM r, json_each(r.v, '\$.players') p ORDER BY r.mk, r.k, p.key"
	printf ';;;;;;;;;;;;\r\n;;;;;;;;;;;;\r\n'
} >"$T/gf.csv"
# the Group Stage, one row per team, as a copy from a spreadsheet pastes it: tabs, LF, no
# stage columns (given on the command line)
{
	printf 'match\tday\tmap\tteam\tplacement\tkills\n'
	csvq "$GS" '	' "SELECT r.mv ->> 'match', r.mv ->> 'day', r.mv ->> 'map', r.v ->> 'team', r.v ->> 'placement',
		r.v ->> 'kills' FROM r ORDER BY r.mk, r.k"
} >"$T/gs.tsv"
C=$T/csv.db J=$T/json.db
status csv-real-gf 0 "$TRACKER" --db "$C" import "$T/gf.csv"
# 14 matches x 12 teams x 4 players = 672 rows; match 7 starts after the header and
# 6 x 48 rows: line 290
contains csv-real-gf-summary "1 file: 14 matches added, 0 unchanged, 0 replaced; 1 stage new; 12 teams, 52 players new; 1 warning" "$OUT"
contains csv-real-gf-warning "$T/gf.csv:290: warning: match 7: placement 11 is shared by 'FLUXO W7M' and 'VIRTUS PRO'" "$OUT"
status csv-real-gs 0 "$TRACKER" --db "$C" import --tournament "FFWS Brazil 2026 Split 1" --stage "Group Stage" "$T/gs.tsv"
contains csv-real-gs-summary "1 file: 120 matches added, 0 unchanged, 0 replaced; 1 stage new; 4 teams, 0 players new; 1 warning" "$OUT"
status csv-real-json 0 "$TRACKER" --db "$J" import "$GF" "$GS"
# the Grand Final's ruleset, which a spreadsheet does not carry, set as a desk sets it
sqlite3 :memory: "SELECT json(readfile('$GF') -> '\$.ruleset')" >"$T/gf-rules.json"
status csv-real-rules 0 "$TRACKER" --db "$C" rules set --stage "Grand Final" --file "$T/gf-rules.json"
for s in grand-final group-stage; do
	"$TRACKER" --db "$J" standings --stage $s --format csv >"$T/want-$s" 2>&1
	"$TRACKER" --db "$C" standings --stage $s --format csv >"$T/got-$s" 2>&1
	same_file "csv-real-standings-$s" "$T/want-$s" "$T/got-$s"
done
contains csv-real-champion "Champion: LOUD SNICKERS, decided in match 14" "$("$TRACKER" --db "$C" standings --stage grand-final)"
rows="SELECT s.name, m.number, m.day, m.map, t.name, r.placement, r.kills, r.status FROM result r
	JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id JOIN team t ON t.id = r.team_id ORDER BY 1, 2, 5"
# (the pasted Group Stage has no player rows)
prows="SELECT m.number, t.name, p.name, x.kills, x.damage, x.assists, x.mvp FROM player_result x
	JOIN match m ON m.id = x.match_id JOIN stage s ON s.id = m.stage_id JOIN team t ON t.id = x.team_id
	JOIN player p ON p.id = x.player_id WHERE s.slug = 'grand-final' ORDER BY 1, 3"
eq csv-real-results "$(sql "$J" "$rows")" "$(sql "$C" "$rows")"
eq csv-real-player-results "$(sql "$J" "$prows")" "$(sql "$C" "$prows")"
eq csv-real-player-count 672 "$(sql "$C" 'SELECT count(*) FROM player_result')"

# the same files again: unchanged, nothing written; standard input with --format csv too
dump "$C" >"$T/dump-csv"
status csv-again 0 "$TRACKER" --db "$C" import "$T/gf.csv"
contains csv-again-summary "1 file: 0 matches added, 14 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"
OUT=$("$TRACKER" --db "$C" import --format csv --tournament ffws-brazil-2026-split-1 --stage group-stage - <"$T/gs.tsv" 2>&1)
contains csv-stdin-unchanged "1 file: 0 matches added, 120 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"
dump "$C" >"$T/dump-after"
same_file csv-again-dump "$T/dump-csv" "$T/dump-after"

# a changed cell is refused naming the difference, then --replace stores it: match 3's
# rows of TEAM are each 4 players' (the kills of every row of the team change). Match 3
# starts after the header and 2 x 48 rows, on line 98; TEAM, its 3rd team, 2 x 4 rows later
# on line 106
team=$(sqlite3 :memory: "SELECT readfile('$GF') ->> '\$.matches[2].results[2].team'")
kills=$(sqlite3 :memory: "SELECT readfile('$GF') ->> '\$.matches[2].results[2].kills'")
awk -F';' -v OFS=';' -v t="\"$team\"" '$11 == 3 && $6 == t { $7 = 99 } { print }' "$T/gf.csv" >"$T/gf-kills.csv"
status csv-changed 1 "$TRACKER" --db "$C" import "$T/gf-kills.csv"
contains csv-changed-message "$T/gf-kills.csv:98: match 3 differs from the stored one: line 106 ($team) kills 99, stored $kills (--replace stores the new content)" "$OUT"
dump "$C" >"$T/dump-after"
same_file csv-changed-unchanged "$T/dump-csv" "$T/dump-after"
status csv-replace 0 "$TRACKER" --db "$C" import --replace "$T/gf-kills.csv"
contains csv-replace-summary "1 file: 0 matches added, 13 unchanged, 1 replaced; 0 teams, 0 players new" "$OUT"
eq csv-replaced 99 "$(sql "$C" "SELECT r.kills FROM result r JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id
	JOIN team t ON t.id = r.team_id WHERE s.slug = 'grand-final' AND m.number = 3 AND t.name = '$team'")"

# --tournament and --stage: what the columns say must agree; JSON names its own stage
status csv-stage-disagrees 1 "$TRACKER" --db "$C" import --stage "Group Stage" "$T/gf.csv"
contains csv-stage-disagrees-message "$T/gf.csv:2: stage: 'Grand Final' here, while the stage given with the file is 'Group Stage'" "$OUT"
status csv-stage-agrees 0 "$TRACKER" --db "$C" import --replace --stage grand-final "$T/gf.csv"
contains csv-stage-agrees-summary "1 file: 0 matches added, 13 unchanged, 1 replaced" "$OUT"
status csv-stage-json 2 "$TRACKER" --db "$C" import --stage "Grand Final" "$GF"
contains csv-stage-json-message "--tournament and --stage are for CSV files; $GF is read as JSON" "$OUT"
status csv-format-bad 2 "$TRACKER" --db "$C" import --format xml -
status csv-no-stage 1 "$TRACKER" --db "$C" import "$T/gs.tsv"
contains csv-no-stage-message "$T/gs.tsv:1: tournament: required column is missing" "$OUT"
contains csv-no-stage-message-stage "$T/gs.tsv:1: stage: required column is missing" "$OUT"

# --- warnings: a gap in placements, a gap in match numbers (JSON and CSV alike)
G=$T/gaps.db
# match 1: placements 1, 2, 4, 5 of a 5-team lobby, no 3rd; match 3 follows match 1 (no 2)
printf 'tournament,stage,match,team,placement,kills\n' >"$T/gaps.csv"
for x in 1,Alpha,1,3 1,Bravo,2,1 1,Charlie,4,0 1,Delta,5,0 1,Echo,5,0 3,Alpha,1,2 3,Bravo,2,0; do
	printf 'Gap Cup,Day 1,%s\n' "$x" >>"$T/gaps.csv"
done
status gaps 0 "$TRACKER" --db "$G" import "$T/gaps.csv"
contains gaps-placement "$T/gaps.csv:2: warning: match 1: no team has placement 3 (a gap in placements 1 to 5)" "$OUT"
contains gaps-number "$T/gaps.csv:7: warning: match 3: stage 'Day 1' has no match 2 (a gap in match numbers)" "$OUT"
contains gaps-summary "1 file: 2 matches added, 0 unchanged, 0 replaced; 1 stage new; 5 teams, 0 players new; 3 warnings" "$OUT"
status gaps-again 0 "$TRACKER" --db "$G" import "$T/gaps.csv"
contains gaps-again-quiet "0 matches added, 2 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"
# JSON: match 6 after the stored 1 and 3 leaves 2, 4 and 5 out; only the gap it follows is
# told (4 to 5); its placements 1 and 3 leave out the 2nd
OUT=$(printf '{"tournament": "Gap Cup", "stage": "Day 1", "match": 6, "results": [{"team": "Alpha",
 "placement": 1, "kills": 0}, {"team": "Bravo", "placement": 3, "kills": 0}, {"team": "Charlie", "placement": 3, "kills": 0}]}' |
	"$TRACKER" --db "$G" import - 2>&1)
contains gaps-json-number "-: warning: match 6: stage 'Day 1' has no matches 4 to 5 (a gap in match numbers)" "$OUT"
contains gaps-json-placement "-: warning: match 6: no team has placement 2 (a gap in placements 1 to 3)" "$OUT"
contains gaps-json-summary "1 file: 1 match added, 0 unchanged, 0 replaced; 0 teams, 0 players new; 3 warnings" "$OUT"
# match 6 replaced alone (Bravo 2nd now): the gap it follows is still 4 to 5, after the stored 3
OUT=$(printf '{"tournament": "Gap Cup", "stage": "Day 1", "match": 6, "results": [{"team": "Alpha",
 "placement": 1, "kills": 0}, {"team": "Bravo", "placement": 2, "kills": 0}, {"team": "Charlie", "placement": 3, "kills": 0}]}' |
	"$TRACKER" --db "$G" import --replace - 2>&1)
contains gaps-replaced-number "-: warning: match 6: stage 'Day 1' has no matches 4 to 5 (a gap in match numbers)" "$OUT"
contains gaps-replaced-summary "1 file: 0 matches added, 0 unchanged, 1 replaced; 0 teams, 0 players new; 1 warning" "$OUT"
# many matches in one file (numbers 1 to 5 and 7 to 11 of a new stage): the same warning, for
# the one that follows the gap only
awk 'BEGIN { printf "{\"tournament\": \"Gap Cup\", \"stage\": \"Day 2\", \"matches\": ["
	for (n = 1; n <= 11; n++) if (n != 6) printf "%s{\"match\": %d, \"results\": [{\"team\": \"Alpha\", \"placement\": 1, \"kills\": 0}]}", (n > 1 ? ", " : ""), n
	print "]}" }' >"$T/gaps-many.json"
status gaps-many 0 "$TRACKER" --db "$G" import "$T/gaps-many.json"
contains gaps-many-number "$T/gaps-many.json: matches[5]: warning: match 7: stage 'Day 2' has no match 6 (a gap in match numbers)" "$OUT"
contains gaps-many-summary "1 file: 10 matches added, 0 unchanged, 0 replaced; 1 stage new; 0 teams, 0 players new; 1 warning" "$OUT"

# --- a new stage named like an existing one of its tournament is refused, unless --new-stage
# (the database as it is now, the log rows of the imports above with it)
dump "$TRACKER_DB" >"$T/dump-real"
sqlite3 :memory: "SELECT json_set(readfile('import/good/match-121.json'), '\$.stage', 'Grand Finals')" >"$T/finals.json"
bad stage-near "$T/finals.json: stage: 'Grand Finals' is not a stage of 'FFWS Brazil 2026 Split 1', which has a stage 'Grand Final' (a typo? import with --new-stage 'Grand Finals' to create it)" "$T/finals.json"
# (a slug that is not the stage's: GroupStage is groupstage, Group Stage group-stage)
sqlite3 :memory: "SELECT json_set(readfile('$GS'), '\$.stage', 'GroupStage', '\$.matches', json('[]'))" >"$T/group-stage.json"
bad stage-near-spelling "$T/group-stage.json: stage: 'GroupStage' is not a stage of 'FFWS Brazil 2026 Split 1', which has a stage 'Group Stage'" "$T/group-stage.json"
for s in GrandFinal "Grand Finall" "grand FINALS"; do
	sqlite3 :memory: "SELECT json_set(readfile('import/good/match-121.json'), '\$.stage', '$s')" >"$T/near.json"
	bad "stage-near-$s" "$T/near.json: stage: '$s' is not a stage of 'FFWS Brazil 2026 Split 1', which has a stage 'Grand Final'" "$T/near.json"
done
cp "$TRACKER_DB" "$T/near.db"
status stage-near-allowed 0 "$TRACKER" --db "$T/near.db" import --new-stage "grand finals" --new-team "LOUD SNICKERS" "$T/finals.json"
contains stage-near-allowed-summary "1 file: 1 match added" "$OUT"
eq stage-near-stages 3 "$(sql "$T/near.db" 'SELECT count(*) FROM stage')"
# stage names that differ in a number or a one-letter word are different stages
printf '{"tournament": "Near Cup", "stage": "Group A", "matches": []}' | "$TRACKER" --db "$T/near.db" import - >/dev/null 2>&1
status stage-near-letter 0 "$TRACKER" --db "$T/near.db" import - <<'JSON'
[{"tournament": "Near Cup", "stage": "Group B", "match": 1, "results": [{"team": "LOS", "placement": 1, "kills": 0}]},
 {"tournament": "Near Cup", "stage": "Day 1", "match": 1, "results": [{"team": "LOS", "placement": 1, "kills": 0}]},
 {"tournament": "Near Cup", "stage": "Day 2", "match": 1, "results": [{"team": "LOS", "placement": 1, "kills": 0}]},
 {"tournament": "Near Cup", "stage": "Day 12", "match": 1, "results": [{"team": "LOS", "placement": 1, "kills": 0}]}]
JSON
eq stage-near-letter-stored "Day 1
Day 12
Day 2
Group A
Group B" "$(sql "$T/near.db" "SELECT s.name FROM stage s JOIN tournament t ON t.id = s.tournament_id WHERE t.slug = 'near-cup' ORDER BY 1")"

# --- bytes a CSV cannot hold
printf 'match,team,placement,kills\n1,L\377S,1,0\n' >"$T/latin1.csv"
# the header is 27 bytes with its line feed; then "1,L": byte 30
bad csv-utf8 "$T/latin1.csv:2: invalid UTF-8 at byte 30" "$T/latin1.csv"
printf 'match,team,placement,kills\n1,LOS,1,0\r2,LOS,1,0\n' >"$T/cr.csv"
bad csv-bare-cr "$T/cr.csv:2: kills: a carriage return without a line feed after it" --tournament x --stage y "$T/cr.csv"
printf 'match,team,placement,kills\n1,LOS,1,0\000\n' >"$T/nul.csv"
# 27 bytes, then "1,LOS,1,0" (9): byte 36
bad csv-nul "$T/nul.csv:2: NUL byte (not allowed in a CSV file) at byte 36" "$T/nul.csv"
