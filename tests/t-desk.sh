# t-desk.sh: the results desk (/desk) and the token file, over a socket with
# curl: tokens refused at startup, a token with spaces, the session cookie
# and its flags, pages without a session, CSRF and cross-site refusals, the
# preview leaving the database as it was (a dump compared), the importer's
# messages by JSON path, the commit giving the standings of the full
# import, the undo (a void with its reason), the audit log naming the
# token, logout, and wrong tokens throttled. Expected standings come from
# the CLI importing the data file.
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
contains "the entry says what it stored" "desk: matches added 1, replaced 0" "$(cat "$T/log.csv")"
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
