# t-desk.sh: the results desk (/desk) and the token file, over a socket with
# curl: tokens refused at startup, a token with spaces, the session cookie
# and its flags, pages without a session, CSRF and cross-site refusals, the
# preview leaving the database as it was (a dump compared), the importer's
# messages by JSON path, the commit giving the standings of the full
# import, the undo (a void with its reason), the audit log naming the
# token, logout, and wrong tokens throttled. Expected standings come from
# the CLI importing the data file. Then the corrections page on the hand
# counted fixture of t-corrections.sh: void, unvoid, merges, rename, alias,
# removals, each refusal beside its form with the database unchanged.
. ./lib.sh

command -v curl >/dev/null || { not_ok "curl" "not installed (make test-deps)"; exit 0; }
STAGE=ffws-brazil-2026-split-1/grand-final
API=api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final

# The token file, refused at startup: each line with the message it must produce.
printf 'desk-1 0123456789abcdef\n# a comment\n\ndesk-2 short\n' >"$T/short"
status "a token under 16 characters is refused" 1 "$TRACKER" serve --listen 127.0.0.1:0 --token-file "$T/short"
contains "the refusal names file:line and the name" "$T/short:4: the token of 'desk-2' has 5 characters; at least 16" "$OUT"
printf 'lonely\n' >"$T/oneword"
status "a line without a token is refused" 1 "$TRACKER" serve --listen 127.0.0.1:0 --token-file "$T/oneword"
contains "the refusal says NAME TOKEN" "$T/oneword:1: expected NAME TOKEN, got one word" "$OUT"
printf 'a 0123456789abcdef\na 0123456789abcdeg\n' >"$T/twice"
status "a name given twice is refused" 1 "$TRACKER" serve --listen 127.0.0.1:0 --token-file "$T/twice"
contains "the refusal names the second line" "$T/twice:2: the name 'a' is given twice" "$OUT"
printf '# nobody\n\n' >"$T/none"
status "a file without a token is refused" 1 "$TRACKER" serve --listen 127.0.0.1:0 --token-file "$T/none"
contains "the refusal says the file has none" "no token in the file" "$OUT"
TRACKER_TOKEN=short status "a TRACKER_TOKEN under 16 characters is refused" 1 "$TRACKER" serve --listen 127.0.0.1:0
contains "the refusal says how long" "TRACKER_TOKEN has 5 characters; a token has at least 16" "$OUT"

# The Grand Final but match 14, which the desk enters; the expected
# standings from the full file imported by the CLI into another database.
sql :memory: "SELECT json_set(f, '\$.matches', (SELECT json_group_array(json(value))
	FROM json_each(f, '\$.matches') WHERE json_extract(value, '\$.match') <> 14))
	FROM (SELECT CAST(readfile('$DATA/grand-final.json') AS TEXT) AS f)" >"$T/gf13.json"
sql :memory: "SELECT json_extract(CAST(readfile('$DATA/grand-final.json') AS TEXT), '\$.matches[13]')" >"$T/m14.json"
"$TRACKER" import "$T/gf13.json" >/dev/null 2>&1
"$TRACKER" standings --stage grand-final --format json >"$T/after13.json"
"$TRACKER" --db "$T/full.db" import "$DATA/grand-final.json" >/dev/null 2>&1
"$TRACKER" --db "$T/full.db" standings --stage grand-final --format json >"$T/full.json"

TOKEN="correct horse battery staple"
printf '# the desks of the final\ndesk-1   %s  \ndesk-2 another token of the desk\n' "$TOKEN" >"$T/tokens"
start "server starts with a token file of two desks" --token-file "$T/tokens"

# A token is the whole rest of its line.
printf '%s' '{"tournament":"Other Cup","stage":"Final","match":1,"map":"Bermuda","results":[{"team":"A","placement":1,"kills":1}]}' >"$T/other.json"
eq "POST with the first word of a token 401" 401 "$(code "${U}api/v1/matches" -H "Authorization: Bearer correct" --data-binary @"$T/other.json")"
eq "POST with the whole token with spaces 201" 201 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOKEN" --data-binary @"$T/other.json")"
eq "POST with the second desk's token 200" 200 "$(code "${U}api/v1/matches" -H "Authorization: Bearer another token of the desk" --data-binary @"$T/other.json")"

# Without a session: how to get in, and nothing else.
eq "GET /desk without a session 200" 200 "$(code "${U}desk")"
contains "it says how to get in" "tracker serve --token-file" "$(cat "$T/body")"
lacks "it lists no stage" "Grand Final" "$(cat "$T/body")"
eq "GET /desk/STAGE without a session 200" 200 "$(code "${U}desk/$STAGE")"
lacks "it shows no team" "LOUD SNICKERS" "$(cat "$T/body")"
contains "it shows the login form" 'action="/desk/login"' "$(cat "$T/body")"
eq "desk pages are not stored" no-store "$(header Cache-Control)"
eq "desk pages have no CORS" "" "$(header Access-Control-Allow-Origin)"
contains "desk pages carry the CSP" "default-src 'none'" "$(header Content-Security-Policy)"

# Login.
eq "login with a wrong token 401" 401 "$(code "${U}desk/login" --data-urlencode "token=correct")"
contains "the wrong token is said beside the field" 'id="token-error">that is not one of the server' "$(cat "$T/body")"
eq "a wrong token opens no session" "" "$(header Set-Cookie)"
eq "login with the token 303" 303 "$(code "${U}desk/login" --data-urlencode "token=$TOKEN")"
eq "login sends the desk home" /desk "$(header Location)"
cookie=$(header Set-Cookie)
contains "the cookie is HttpOnly" "; HttpOnly" "$cookie"
contains "the cookie is SameSite=Strict" "; SameSite=Strict" "$cookie"
contains "the cookie is for /desk" "; Path=/desk" "$cookie"
lacks "the cookie is not Secure without --secure-cookie" "Secure" "$cookie"
C=$(printf '%s' "$cookie" | sed 's/;.*//')
case $C in desk=[0-9a-f]*) ok "the session id is hex" ;; *) not_ok "the session id is hex" "$C" ;; esac
eq "/desk with the session 200" 200 "$(code "${U}desk" -b "$C")"
contains "/desk names the desk" "Desk <b>desk-1</b>" "$(cat "$T/body")"
contains "/desk lists the stage" "href=\"/desk/$STAGE\"" "$(cat "$T/body")"
eq "the stage's desk page 200" 200 "$(code "${U}desk/$STAGE" -b "$C")"
page=$(cat "$T/body")
contains "the form is for match 14" 'id="match" inputmode="numeric" pattern="[0-9]*" size="3" value="14"' "$page"
eq "the form has the 12 teams" 12 "$(printf '%s' "$page" | grep -o '<tr class="entry"' | wc -l)"
contains "the first row is the leader after match 13 (LOS)" '<tr class="entry" data-team="LOS" data-row="0">' "$page"
contains "the page loads desk.js" '<script src="/static/desk.js" defer></script>' "$page"
lacks "the page has no inline script" '<script>' "$page"
eq "every script is the server's own" "/static/app.js /static/desk.js" \
	"$(printf '%s' "$page" | grep -o '<script[^>]*>' | sed 's/.*src="\([^"]*\)".*/\1/' | tr '\n' ' ' | sed 's/ $//')"
CS=$(printf '%s' "$page" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
[ ${#CS} = 32 ] && ok "the form carries a CSRF token" || not_ok "the form carries a CSRF token" "'$CS'"
eq "desk.js is served" 200 "$(code "${U}static/desk.js")"
same_file "desk.js is web/assets/desk.js, byte for byte" ../web/assets/desk.js "$T/body"

# Every POST needs the session, its CSRF token and the same origin.
P=${U}desk/$STAGE
eq "preview without a session 401" 401 "$(code "$P/preview" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/m14.json")"
eq "preview without the CSRF token 403" 403 "$(code "$P/preview" -b "$C" --data-urlencode "doc@$T/m14.json")"
eq "preview with a wrong CSRF token 403" 403 "$(code "$P/preview" -b "$C" --data-urlencode "csrf=0123456789abcdef0123456789abcdef" --data-urlencode "doc@$T/m14.json")"
eq "preview from another site 403" 403 "$(code "$P/preview" -b "$C" -H "Sec-Fetch-Site: cross-site" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/m14.json")"
eq "preview with another Origin 403" 403 "$(code "$P/preview" -b "$C" -H "Origin: http://evil.example" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/m14.json")"
eq "commit without the CSRF token 403" 403 "$(code "$P/commit" -b "$C" --data-urlencode "doc@$T/m14.json")"
eq "void without the CSRF token 403" 403 "$(code "$P/void" -b "$C" --data-urlencode "match=13" --data-urlencode "reason=x")"
eq "the refused POSTs stored nothing" 13 "$(sql "$TRACKER_DB" "SELECT count(*) FROM match m JOIN stage s ON s.id = m.stage_id WHERE s.slug = 'grand-final'")"

# The preview: the standings after match 14, the database as it was.
dump "$TRACKER_DB" >"$T/before.sql"
eq "preview 200" 200 "$(code "$P/preview" -b "$C" -H "Sec-Fetch-Site: same-origin" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/m14.json")"
contains "preview: LOUD SNICKERS would be champion in match 14" '<b>LOUD SNICKERS</b> would be champion, decided in match 14' "$(cat "$T/body")"
contains "preview: LOUD SNICKERS first on 193, up one" '<tr data-team="LOUD SNICKERS" class="champion"><td class="rank">1</td><td class="move up">▲1</td><td class="team">LOUD SNICKERS</td><td class="total">193</td>' "$(cat "$T/body")"
contains "preview: LOS second on 208, down one" '<td class="rank">2</td><td class="move down">▼1</td><td class="team">LOS</td><td class="total">208</td>' "$(cat "$T/body")"
dump "$TRACKER_DB" >"$T/after.sql"
same_file "preview leaves the database unchanged (dump)" "$T/before.sql" "$T/after.sql"

# The importer's messages, by JSON path, the CLI's words.
sed 's/"kills":9,/"kills":-9,/' "$T/m14.json" >"$T/bad.json"
sql :memory: "SELECT json_set(json(CAST(readfile('$T/bad.json') AS TEXT)), '\$.tournament', 'FFWS Brazil 2026 Split 1', '\$.stage', 'Grand Final')" >"$T/bad-cli.json"
cli_msg=$("$TRACKER" import "$T/bad-cli.json" 2>&1 | grep 'results\[0\].kills' | sed 's/.*results\[0\]\.kills: //')
contains "the CLI refuses the same match" "got -9" "$cli_msg"
eq "preview of a refused match 400" 400 "$(code "$P/preview" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/bad.json")"
contains "the message names its field's path" "<li class=\"error\" data-path=\"results[0].kills\">$cli_msg</li>" "$(cat "$T/body")"
eq "commit of a refused match 400" 400 "$(code "$P/commit" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/bad.json")"
contains "commit says the same" "data-path=\"results[0].kills\">$cli_msg</li>" "$(cat "$T/body")"
sed 's/"team":"LOS"/"team":"L0S"/' "$T/m14.json" >"$T/typo.json"
eq "a typo of a team's name 400" 400 "$(code "$P/commit" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/typo.json")"
contains "the typo is refused beside its row, naming the roster's LOS" "did you mean LOS" "$(grep -o '<li class="error" data-path="results\[[0-9]*\].team">[^<]*' "$T/body")"
eq "a doc that is not a match object 400" 400 "$(code "$P/preview" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "doc=[1,2]")"
dump "$TRACKER_DB" >"$T/after.sql"
same_file "refused previews and commits leave the database unchanged (dump)" "$T/before.sql" "$T/after.sql"

# Commit: the standings of the full import.
eq "commit 201" 201 "$(code "$P/commit" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/m14.json")"
contains "commit says match 14 stored" 'Match 14 stored.' "$(cat "$T/body")"
code "$U$API/standings" >/dev/null
same_file "standings after the commit = the CLI's after the full import" "$T/full.json" "$T/body"
eq "commit of the same match again 200" 200 "$(code "$P/commit" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/m14.json")"
contains "it says unchanged" 'was already stored, unchanged' "$(cat "$T/body")"
code "${U}desk/$STAGE" -b "$C" >/dev/null
contains "the last writes start with match 14" '<li data-match="14">Match 14 · Purgatory · Booyah LOUD SNICKERS' "$(cat "$T/body")"
contains "the undo offered is for match 14" 'Undo match 14</button>' "$(cat "$T/body")"

# Undo: a void with a reason.
eq "void without a reason 400" 400 "$(code "$P/void" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "match=14" --data-urlencode "reason=  ")"
# Another process holds the database's write lock past the server's 2 s
# wait: the undo is not the desk's fault (503 with Retry-After, not 400).
( sqlite3 "$TRACKER_DB" ".timeout 5000" "BEGIN IMMEDIATE;" ".shell touch $T/held; sleep 2.6" \
	"COMMIT;" >/dev/null ) &
hold=$!
for _i in $(seq 50); do [ -e "$T/held" ] && break; sleep 0.1; done
eq "void while another process holds the database 503" 503 "$(code "$P/void" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "match=14" --data-urlencode "reason=locked")"
eq "void while another process holds the database: Retry-After" 1 "$(header Retry-After)"
wait $hold
eq "void of a match not stored 400" 400 "$(code "$P/void" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "match=15" --data-urlencode "reason=typo")"
eq "void of match 14 303" 303 "$(code "$P/void" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "match=14" --data-urlencode "reason=entered on the wrong stage")"
eq "void goes back to the stage's desk" "/desk/$STAGE" "$(header Location)"
eq "match 14 is void with its reason" "entered on the wrong stage" "$(sql "$TRACKER_DB" "SELECT m.void FROM match m JOIN stage s ON s.id = m.stage_id WHERE s.slug = 'grand-final' AND m.number = 14")"
eq "void of a void match 400" 400 "$(code "$P/void" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "match=14" --data-urlencode "reason=again")"
contains "it says the match is void already" "is already void (entered on the wrong stage)" "$(cat "$T/body")"
code "$U$API/standings" >/dev/null
# the rows (after "standings":), each file read as one line
rows() { tr -d '\n' <"$1" | sed -n 's/.*"standings":\[/[/p'; }
contains "the rows after match 13 are there to compare" '[{"rank":1,"team":"LOS"' "$(rows "$T/after13.json")"
rows "$T/after13.json" >"$T/rows13"
rows "$T/body" >"$T/rows-undone"
same_file "after the undo: the standings after match 13" "$T/rows13" "$T/rows-undone"

# The log names the desk (the token's name) and the address.
"$TRACKER" log --tournament ffws-brazil-2026-split-1 --stage grand-final --format csv >"$T/log.csv"
contains "the log has the desk's entry by desk-1" ",http 127.0.0.1 token desk-1,desk," "$(cat "$T/log.csv")"
contains "the entry says what it stored" "desk: match 14 added" "$(cat "$T/log.csv")"
contains "the log has the undo by desk-1 with its reason" ",http 127.0.0.1 token desk-1,void," "$(grep 'entered on the wrong stage' "$T/log.csv")"
eq "the preview and the refused writes left no row" 2 "$(grep -c 'token desk-1' "$T/log.csv")"
"$TRACKER" log --format csv >"$T/log-all.csv"
contains "a POST is logged with its token's name" ",http 127.0.0.1 token desk-1,post," "$(cat "$T/log-all.csv")"
lacks "an unchanged POST is not logged" "token desk-2" "$(cat "$T/log-all.csv")"
code "${U}desk/$STAGE" -b "$C" >/dev/null
contains "the desk page shows the last writes" '<h2>Last writes</h2>' "$(cat "$T/body")"
contains "with who made them" 'http 127.0.0.1 token desk-1</span> void: match 14' "$(cat "$T/body")"

# Logout ends the session.
eq "logout 303" 303 "$(code "${U}desk/logout" -b "$C" --data-urlencode "csrf=$CS")"
contains "logout clears the cookie" "desk=; Path=/desk; HttpOnly; SameSite=Strict; Max-Age=0" "$(header Set-Cookie)"
code "${U}desk/$STAGE" -b "$C" >/dev/null
lacks "the old cookie opens nothing" "LOUD SNICKERS" "$(cat "$T/body")"

# Wrong tokens are throttled per address: five, then 429 even for the right one.
for _i in 1 2 3; do code "${U}desk/login" --data-urlencode "token=nope-$_i" >/dev/null; done
eq "the fifth wrong token (the first was above) 401" 401 "$(code "${U}desk/login" --data-urlencode "token=nope-4")"
eq "the next try 429" 429 "$(code "${U}desk/login" --data-urlencode "token=$TOKEN")"
contains "429 says when to retry" "too many wrong tokens" "$(cat "$T/body")"
case $(header Retry-After) in [1-9]*) ok "429 has Retry-After" ;; *) not_ok "429 has Retry-After" "'$(header Retry-After)'" ;; esac
eq "the API's tokens are not throttled" 200 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOKEN" --data-binary @"$T/other.json")"
stop "server stops cleanly"

start "server starts with --secure-cookie" --token-file "$T/tokens" --secure-cookie --max-body 2000
code "${U}desk/login" --data-urlencode "token=$TOKEN" >/dev/null
contains "--secure-cookie: the cookie is Secure" "; Secure" "$(header Set-Cookie)"
C=$(header Set-Cookie | sed 's/;.*//')
eq "--max-body 2000: a preview of match 14 with its players ($(wc -c <"$T/m14.json") bytes of JSON) 413" 413 \
	"$(code "${U}desk/$STAGE/preview" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/m14.json")"
stop "server with --secure-cookie stops cleanly"

start "server starts without a token"
code "${U}desk" >/dev/null
contains "without a token the desk says writes are off" "Writes are off" "$(cat "$T/body")"
eq "login without a token 403" 403 "$(code "${U}desk/login" --data-urlencode "token=$TOKEN")"
stop "server without a token stops cleanly"

# Corrections through the desk (/desk/{t}/{s}/fix), on the fixture of
# t-corrections.sh, counted by hand there (FFWS points: 12, 9, 8, 7 for
# places 1 to 4, one point a kill):
# ALPHA   m1 1st 5 kills 17, m2 3rd 2 kills 10, m3 2nd 0 kills 9: 36
# BRAVO   m1 2nd 3 kills 12, m2 1st 4 kills 16, m3 3rd 2 kills 10: 38
# CHARLIE m1 3rd 2 kills 10, m2 2nd 1 kill 10: 20
# Charly  m3 1st 6 kills 18 (CHARLIE misspelled)
# DELTA   m1 4th 0 kills 7, m2 4th 1 kill 8, m3 4th 3 kills 10: 25
export TRACKER_DB="$T/cup.db"
CUP=$TESTS/corrections
"$TRACKER" import "$CUP/desk-cup.json" >/dev/null 2>&1
# totals: "TEAM:MATCHES:POINTS" for each team of the Final, by name
totals() {
	"$TRACKER" standings --stage Final --format csv | awk -F, 'NR > 1 { print $2 ":" $3 ":" $9 }' |
		sort | tr '\n' ' '
}
eq "cup: imported" "ALPHA:3:36 BRAVO:3:38 CHARLIE:2:20 Charly:1:18 DELTA:3:25 " "$(totals)"
tid() { sql "$TRACKER_DB" "SELECT id FROM team WHERE name = '$1'"; }
pid() { sql "$TRACKER_DB" "SELECT id FROM player WHERE name = '$1'"; }
start "server starts on the cup" --token-file "$T/tokens"
code "${U}desk/login" --data-urlencode "token=$TOKEN" >/dev/null
C=$(header Set-Cookie | sed 's/;.*//')
F=${U}desk/desk-cup/final/fix
eq "the stage's desk page links to its corrections" 200 "$(code "${U}desk/desk-cup/final" -b "$C")"
contains "the link" 'href="/desk/desk-cup/final/fix">Corrections</a>' "$(cat "$T/body")"
dump "$TRACKER_DB" >"$T/before.sql"
eq "the corrections page 200" 200 "$(code "$F" -b "$C")"
page=$(cat "$T/body")
CS=$(printf '%s' "$page" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
contains "it lists match 3 with its Booyah team and a void" \
	'<li data-match="3">Match 3 · Booyah Charly <form class="fix" id="match-3"' "$page"
contains "the void asks a reason" 'id="match-3-reason" required' "$page"
contains "the merge offers the tournament's teams" "<option value=\"$(tid Charly)\">Charly</option>" "$page"
contains "the players' merge offers its players" "<option value=\"$(pid C33)\">C33</option>" "$page"
eq "the corrections page without a session 200" 200 "$(code "$F")"
lacks "without a session it shows no team" "Charly" "$(cat "$T/body")"
dump "$TRACKER_DB" >"$T/after.sql"
same_file "GETs change nothing (dump)" "$T/before.sql" "$T/after.sql"

# fix NAME CODE FIELD=VALUE...: a correction posted with the session and its CSRF token
fix() {
	_n=$1 _c=$2
	shift 2
	for _f; do
		set -- "$@" --data-urlencode "$_f"
		shift
	done
	eq "$_n: $_c" "$_c" "$(code "$F" -b "$C" --data-urlencode "csrf=$CS" "$@")"
}
# refused NAME FORM MESSAGE FIELD=VALUE...: 400, MESSAGE beside FORM, the database unchanged
refused() {
	_r=$1 _i=$2 _m=$3
	shift 3
	dump "$TRACKER_DB" >"$T/before.sql"
	fix "$_r" 400 "$@"
	contains "$_r: the message beside its form" "id=\"$_i-e\">$_m</span>" "$(cat "$T/body")"
	dump "$TRACKER_DB" >"$T/after.sql"
	same_file "$_r: unchanged (dump)" "$T/before.sql" "$T/after.sql"
}

# Every POST needs the session, its CSRF token and the same origin.
dump "$TRACKER_DB" >"$T/before.sql"
eq "a correction without a session 401" 401 "$(code "$F" --data-urlencode "csrf=$CS" -d do=void -d match=2 -d reason=x)"
eq "a correction without the CSRF token 403" 403 "$(code "$F" -b "$C" -d do=void -d match=2 -d reason=x)"
eq "a correction from another site 403" 403 "$(code "$F" -b "$C" -H "Sec-Fetch-Site: cross-site" --data-urlencode "csrf=$CS" -d do=void -d match=2 -d reason=x)"
eq "a correction by GET changes nothing: 200" 200 "$(code "$F?csrf=$CS&do=void&match=2&reason=x" -b "$C")"
dump "$TRACKER_DB" >"$T/after.sql"
same_file "the refused corrections changed nothing (dump)" "$T/before.sql" "$T/after.sql"
fix "an unknown correction" 400 do=drop
contains "it says so" "do: not one of the desk's corrections" "$(cat "$T/body")"

# Teams merge: the confirmation names what moves, then the merge.
refused "merge: a team of no tournament" merge "pick two of the tournament's teams" \
	do=merge from=999999 "into=$(tid CHARLIE)" confirm=1
refused "merge: into itself" merge "'CHARLIE' and 'CHARLIE' are the same team" \
	do=merge "from=$(tid CHARLIE)" "into=$(tid CHARLIE)"
refused "merge: both played match 1" merge "'ALPHA' and 'BRAVO' both played match 1 of Desk Cup / Final: they are two teams, not one" \
	do=merge "from=$(tid ALPHA)" "into=$(tid BRAVO)" confirm=1
dump "$TRACKER_DB" >"$T/before.sql"
fix "merge Charly into CHARLIE, unconfirmed" 200 do=merge "from=$(tid Charly)" "into=$(tid CHARLIE)"
# Charly: match 3 (1 result, C33's 1 player result), 1 spelling (its own name, stored by the
# import), no head start, adjustment or roster place
contains "the confirmation names what moves" \
	"Moves to 'CHARLIE': 1 result, 1 player result, 1 spelling, 0 head starts, 0 adjustments, 0 roster places. 'Charly' is removed and stays a spelling of 'CHARLIE'." \
	"$(cat "$T/body")"
contains "the confirmation's form merges" '<input type="hidden" name="confirm" value="1">' "$(cat "$T/body")"
dump "$TRACKER_DB" >"$T/after.sql"
same_file "the confirmation changes nothing (dump)" "$T/before.sql" "$T/after.sql"
fix "merge Charly into CHARLIE, confirmed" 303 do=merge "from=$(tid Charly)" "into=$(tid CHARLIE)" confirm=1
eq "the merge goes back to the corrections" /desk/desk-cup/final/fix "$(header Location)"
# CHARLIE 20 + Charly's 18 = 38 over 3 matches
eq "merged totals" "ALPHA:3:36 BRAVO:3:38 CHARLIE:3:38 DELTA:3:25 " "$(totals)"
code "$F" -b "$C" >/dev/null
contains "the last writes show the merge by the desk" \
	"http 127.0.0.1 token desk-1</span> merge: merged team 'Charly' into 'CHARLIE' (1 result moved" "$(cat "$T/body")"
contains "match 3's Booyah is CHARLIE now" '<li data-match="3">Match 3 · Booyah CHARLIE' "$(cat "$T/body")"

# Void and unvoid.
refused "void: no reason" match-2 "a void needs a reason (it is kept with the match)" do=void match=2 "reason=  "
refused "void: a reason of two lines" match-2 "at most 200 characters of one line of text" do=void match=2 "reason=a
b"
refused "void: no such match" match-9 "Desk Cup / Final has no match 9 (its last match is 3)" do=void match=9 reason=typo
refused "unvoid: not void" match-2 "match 2 of Desk Cup / Final is not void" do=unvoid match=2
fix "void match 2" 303 do=void match=2 "reason=wrong lobby"
# match 2 out: ALPHA 36-10=26, BRAVO 38-16=22, CHARLIE 38-10=28, DELTA 25-8=17
eq "voided totals" "ALPHA:2:26 BRAVO:2:22 CHARLIE:2:28 DELTA:2:17 " "$(totals)"
code "$F" -b "$C" >/dev/null
contains "the list shows match 2 void, with its unvoid" \
	'<li data-match="2">Match 2 · Booyah BRAVO <span class="void">void: wrong lobby</span> <form class="fix" id="match-2"' "$(cat "$T/body")"
contains "with its unvoid" 'Unvoid match 2</button>' "$(cat "$T/body")"
refused "void: already void" match-2 "match 2 of Desk Cup / Final is already void (wrong lobby)" do=void match=2 reason=again
fix "unvoid match 2" 303 do=unvoid match=2
eq "unvoided totals" "ALPHA:3:36 BRAVO:3:38 CHARLIE:3:38 DELTA:3:25 " "$(totals)"

# Rename and alias.
refused "rename: a name another team has" rename "'bravo' already names team 'BRAVO' (tracker teams merge 'DELTA' 'BRAVO' makes them one)" \
	do=rename "team=$(tid DELTA)" name=bravo
refused "rename: an empty name" rename "a team's new name cannot be empty" do=rename "team=$(tid DELTA)" "name= "
fix "rename DELTA" 303 do=rename "team=$(tid DELTA)" "name=DELTA  FORCE"
eq "renamed totals" "ALPHA:3:36 BRAVO:3:38 CHARLIE:3:38 DELTA FORCE:3:25 " "$(totals)"
refused "alias: another team's name" alias "'Alpha' already names team 'ALPHA' (tracker teams merge makes two teams one)" \
	do=alias "team=$(tid CHARLIE)" spelling=Alpha
refused "alias: already a spelling" alias "'charly' is already a spelling of team 'CHARLIE'" \
	do=alias "team=$(tid CHARLIE)" spelling=charly
fix "alias CHRLIE" 303 do=alias "team=$(tid CHARLIE)" spelling=CHRLIE
"$TRACKER" import "$CUP/match-4.json" >"$T/out" 2>&1
contains "match 4 naming CHRLIE imports with no new team" "1 match added, 0 unchanged, 0 replaced; 0 teams" "$(cat "$T/out")"
# match 4: CHRLIE (CHARLIE) 1st 2 kills 12+2=14: 38+14=52; ALPHA 2nd 1 kill 9+1=10: 46
eq "alias totals" "ALPHA:4:46 BRAVO:3:38 CHARLIE:4:52 DELTA FORCE:3:25 " "$(totals)"

# Players merge.
refused "players merge: both played match 1" pmerge "'Ace' and 'Bo' both played match 1 of Desk Cup / Final: they are two players, not one" \
	do=pmerge "from=$(pid Ace)" "into=$(pid Bo)" confirm=1
fix "players merge C33 into Cee, unconfirmed" 200 do=pmerge "from=$(pid C33)" "into=$(pid Cee)"
# C33: 1 player result (match 3), 1 spelling (its own name)
contains "the confirmation names what moves" "Moves to 'Cee': 1 player result, 1 spelling." "$(cat "$T/body")"
fix "players merge C33 into Cee, confirmed" 303 do=pmerge "from=$(pid C33)" "into=$(pid Cee)" confirm=1
# Cee: m1 2 kills, m2 1, and C33's m3 6: 9 kills in 3 matches
eq "players merged" "Cee|3|9" "$(sql "$TRACKER_DB" "SELECT p.name, count(*), sum(x.kills) FROM player_result x
	JOIN player p ON p.id = x.player_id WHERE p.name IN ('Cee', 'C33') GROUP BY p.id")"

# Remove: refused while it holds matches; forced, the backup first, its path shown.
refused "remove the stage: holds matches" remove-stage \
	"stage 'Desk Cup / Final' holds 4 matches: --force removes it with them, after a backup" do=remove-stage
refused "remove the tournament: holds matches" remove-tournament \
	"tournament 'Desk Cup' holds 4 matches: --force removes it with them, after a backup" do=remove-tournament
fix "remove the stage, forced" 200 do=remove-stage force=1
contains "the answer names the backup" "removed stage 'Desk Cup / Final' with 4 matches (backup first: $TRACKER_DB.backup-" "$(cat "$T/body")"
backup=$(sed -n 's/.*backup first: \([^,]*\), .*/\1/p' "$T/body")
eq "the backup holds the 4 matches" 4 "$(sql "$backup" "SELECT count(*) FROM match")"
eq "the stage is gone with its rows" "0|0|0|1" "$(sql "$TRACKER_DB" "SELECT (SELECT count(*) FROM stage),
	(SELECT count(*) FROM match), (SELECT count(*) FROM result), (SELECT count(*) FROM tournament)")"
eq "its corrections page is gone" 404 "$(code "$F" -b "$C")"
"$TRACKER" import "$CUP/desk-cup.json" >/dev/null 2>&1
fix "remove the tournament, forced" 200 do=remove-tournament force=1
contains "the answer names the backup" "removed tournament 'Desk Cup' with 3 matches (backup first: $TRACKER_DB.backup-" "$(cat "$T/body")"
eq "the tournament is gone" 0 "$(sql "$TRACKER_DB" "SELECT count(*) FROM tournament")"

# The log names the desk's token for each correction.
"$TRACKER" log --format csv >"$T/log.csv"
eq "the log: the desk's corrections, oldest first" \
	"merge void unvoid rename alias merge remove remove " \
	"$(grep ',http 127.0.0.1 token desk-1,' "$T/log.csv" | cut -d, -f3 | tac | tr '\n' ' ')"
eq "the refusals and confirmations left no row" 8 "$(grep -c 'token desk-1' "$T/log.csv")"
stop "server on the cup stops cleanly"
