# t-web.sh: `tracker serve` end to end with curl on 127.0.0.1 and a free
# port (the server picks it: --listen 127.0.0.1:0, and says which): status
# codes, headers, ETag/304, CORS, keep-alive, the API against the CLI's
# --format json bytes, the write token, the body limit, escaping of hostile
# names, an event after an import from another process, a clean stop.
. ./lib.sh

API=api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final
PAGE=t/ffws-brazil-2026-split-1/grand-final
# listen FILE URL [CURL ARGS...]: an event stream read into FILE in the
# background for at most 4 s; sets SPID
listen() {
	_f=$1
	shift
	: >"$_f"
	curl -sN --max-time 4 "$@" >"$_f" 2>/dev/null &
	SPID=$!
}

# heard FILE: wait until the stream of listen FILE carries an update or
# ends (at its 4 s), then close it
heard() {
	while kill -0 "$SPID" 2>/dev/null && ! grep -q 'event: update' "$1"; do
		sleep 0.05
	done
	kill "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
}

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1
status "serve --help lists the limits" 0 "$TRACKER" serve --help
for opt in --listen --token-file --max-connections --per-ip --timeout --max-body --max-header --max-streams; do
	contains "serve --help names $opt" "$opt" "$OUT"
done
status "bad --listen is a usage error" 2 "$TRACKER" serve --listen nowhere
status "bad --max-body is a usage error" 2 "$TRACKER" serve --max-body -5
status "--max-header below 1024 is a usage error" 2 "$TRACKER" serve --max-header 100

start "server starts without a token"
eq "home 200" 200 "$(code "$U")"
eq "home is HTML" "text/html; charset=utf-8" "$(header Content-Type)"
contains "CSP on pages" "default-src 'none'" "$(header Content-Security-Policy)"
lacks "CSP names no other host" "http" "$(header Content-Security-Policy)"
lacks "CSP allows no inline script" "unsafe-inline" "$(header Content-Security-Policy)"
eq "nosniff" nosniff "$(header X-Content-Type-Options)"
eq "Referrer-Policy" no-referrer "$(header Referrer-Policy)"
eq "CORS on GET" "*" "$(header Access-Control-Allow-Origin)"
eq "Cache-Control: a shared cache may keep it a second" "public, max-age=1" "$(header Cache-Control)"

eq "stage page 200" 200 "$(code "$U$PAGE")"
etag=$(header ETag)
contains "ETag is quoted" '"' "$etag"
page=$(cat "$T/body")
contains "champion row is LOUD SNICKERS" '<tr class="champion" data-team="LOUD SNICKERS">' "$page"
contains "champion decided in match 14" "decided in match 14" "$page"
contains "race chart threshold line" 'class="rush-line"' "$page"
contains "page listens for events" "data-events=\"/$API/events?since=" "$page"
eq "304 on a matching If-None-Match" 304 "$(code "$U$PAGE" -H "If-None-Match: $etag")"
eq "304 keeps the ETag" "$etag" "$(header ETag)"
eq "304 keeps the security headers" nosniff "$(header X-Content-Type-Options)"
eq "200 on another If-None-Match" 200 "$(code "$U$PAGE" -H 'If-None-Match: "x"')"
eq "HEAD 200" 200 "$(code "$U$PAGE" -I)"
eq "static CSS 200" 200 "$(code "${U}static/style.css")"
eq "static CSS type" "text/css; charset=utf-8" "$(header Content-Type)"
same_file "static CSS is web/assets/style.css, byte for byte" ../web/assets/style.css "$T/body"
eq "static JS type" "text/javascript; charset=utf-8" "$(code "${U}static/app.js" >/dev/null; header Content-Type)"

verbose=$(curl -sv -o /dev/null -o /dev/null "$U$PAGE" "$U$API/standings" 2>&1)
contains "keep-alive: the second request reuses the connection" "Re-using existing connection" "$verbose"
lacks "keep-alive: no Connection: close" "Connection: close" "$verbose"

# The API says what the CLI says, byte for byte.
"$TRACKER" standings --stage grand-final --format json >"$T/cli.json"
code "$U$API/standings" >/dev/null
same_file "standings API = tracker standings --format json" "$T/cli.json" "$T/body"
eq "API is JSON" application/json "$(header Content-Type)"
eq "CORS on the API" "*" "$(header Access-Control-Allow-Origin)"
contains "ETag on the API" '"' "$(header ETag)"
"$TRACKER" standings --stage grand-final --after 7 --format json >"$T/cli.json"
code "$U$API/standings?after=7" >/dev/null
same_file "standings?after=7 = tracker standings --after 7" "$T/cli.json" "$T/body"
"$TRACKER" standings --stage group-stage --format json >"$T/cli.json"
code "${U}api/v1/tournaments/ffws-brazil-2026-split-1/stages/group-stage/standings" >/dev/null
same_file "group stage standings API = CLI" "$T/cli.json" "$T/body"
"$TRACKER" matches --stage grand-final --format json >"$T/cli.json"
code "$U$API/matches" >/dev/null
same_file "matches API = tracker matches --format json" "$T/cli.json" "$T/body"
"$TRACKER" maps --stage grand-final --format json >"$T/cli.json"
code "$U$API/maps" >/dev/null
same_file "maps API = tracker maps --format json" "$T/cli.json" "$T/body"
"$TRACKER" players --stage grand-final --format json >"$T/cli.json"
code "$U$API/players" >/dev/null
same_file "players API = tracker players --stage S --format json" "$T/cli.json" "$T/body"
# The real final's match 14 (data/grand-final.json): LOUD SNICKERS' Booyah on
# Purgatory with 9 kills, 12 + 9 = 21 points under the FFWS table.
"$TRACKER" match --stage grand-final 14 --format json >"$T/cli.json"
eq "match 14 API 200" 200 "$(code "$U$API/matches/14")"
same_file "match API = tracker match --stage S N --format json" "$T/cli.json" "$T/body"
contains "match 14: LOUD SNICKERS' Booyah on Purgatory" \
	'"map":"Purgatory","played_at":' "$(cat "$T/body")"
contains "match 14: 1st, 9 kills, 21 points" \
	'{"team":"LOUD SNICKERS","slug":"loud-snickers","placement":1,"kills":9,"points":21' \
	"$(cat "$T/body")"
eq "match 14 page 200" 200 "$(code "$U$PAGE/m/14")"
contains "match 14 page names the Booyah" "Booyah: <strong>LOUD SNICKERS</strong>" "$(cat "$T/body")"
eq "players page 200" 200 "$(code "$U$PAGE/players?sort=mvps")"
eq "tournament page 200" 200 "$(code "${U}t/ffws-brazil-2026-split-1")"
eq "a trailing slash: 308" 308 "$(code "$U$PAGE/")"
eq "a trailing slash: to the path without it" "/$PAGE" "$(header Location)"
eq "a near stage: 404" 404 "$(code "${U}t/ffws-brazil-2026-split-1/grand-finale")"
contains "a near stage: did you mean" "Did you mean <a href=\"/$PAGE\">" "$(cat "$T/body")"
# After match 13 of the final (issue 12): four teams on 160+ (LOS 203, LOUD
# SNICKERS 172, RUSH GAMING 171, FLUXO W7M 162), 16 - 13 = 3 matches left,
# TEAM SOLID 156: 160 - 156 = 4 points to go.
eq "stage page after 13: 200" 200 "$(code "$U$PAGE?after=13")"
contains "after 13: the teams on match point" \
	"<li>On match point (160 points): the next Booyah by LOS, LOUD SNICKERS, RUSH GAMING or FLUXO W7M wins the title</li>" \
	"$(cat "$T/body")"
contains "after 13: the matches left" "<li>Matches left: 3 of 16</li>" "$(cat "$T/body")"
contains "after 13: TEAM SOLID's 4" "Points to reach 160: TEAM SOLID 4," "$(cat "$T/body")"
# the same story in Portuguese (web/i18n/pt-BR.txt's story.*), and a 404's "did you mean"
eq "stage page after 13 in pt-BR: 200" 200 "$(code "$U$PAGE?after=13&lang=pt-BR")"
contains "after 13 in pt-BR: the teams on match point" \
	"<li>No match point (160 pontos): o próximo Booyah de LOS, LOUD SNICKERS, RUSH GAMING ou FLUXO W7M vale o título</li>" \
	"$(cat "$T/body")"
contains "after 13 in pt-BR: the matches left" "<li>Partidas restantes: 3 de 16</li>" "$(cat "$T/body")"
eq "a near stage in pt-BR: 404" 404 "$(code "${U}t/ffws-brazil-2026-split-1/grand-finale?lang=pt-BR")"
contains "a near stage in pt-BR: the detail and its link" \
	"nenhuma fase 'grand-finale' em um torneio 'ffws-brazil-2026-split-1'.</p><p class=\"dym\">Você quis dizer <a href=\"/$PAGE?lang=pt-BR\">" \
	"$(cat "$T/body")"
lacks "after 14: no match-point story once decided" 'class="story"' "$(curl -s "$U$PAGE")"
eq "scenarios page after 13: 200" 200 "$(code "$U$PAGE/scenarios?after=13")"
contains "scenarios page: TEAM SOLID alive, 4 points then a Booyah" \
	'TEAM SOLID</a></td><td class="total">156</td><td class="state s0">alive</td><td class="needs">4 points to reach 160, then a Booyah</td>' \
	"$(cat "$T/body")"
eq "scenarios page of a group: 400" 400 "$(code "$U$PAGE/scenarios?group=A")"
# Day 2 of the final is matches 7 to 14 (data/grand-final.json's "day").
"$TRACKER" standings --stage grand-final --day 2 --format json >"$T/cli.json"
code "$U$API/days/2" >/dev/null
same_file "day 2 API = tracker standings --day 2" "$T/cli.json" "$T/body"
eq "day 2 page 200" 200 "$(code "$U$PAGE/day/2")"
contains "day 2 page: its first match" "/m/7\">Match 7</a>" "$(cat "$T/body")"
contains "day 2 page: its last match" "/m/14\">Match 14</a>" "$(cat "$T/body")"
lacks "day 2 page: not day 1's" "/m/6\">Match 6</a>" "$(cat "$T/body")"
# LOUD SNICKERS on day 2 (FFWS table, 1 a kill): 6th 5 (5+5), 4th 9 (7+9), 2nd 15
# (9+15), 5th 4 (6+4), 2nd 6 (9+6), 5th 3 (6+3), 6th 11 (5+11), 1st 9 (12+9) = 121
contains "day 2 page: LOUD SNICKERS made 121 that day" \
	'LOUD SNICKERS</a></td><td>8</td><td>1</td><td>62</td><td class="total">121</td>' \
	"$(cat "$T/body")"
eq "no day 9: 404" 404 "$(code "$U$PAGE/day/9")"
"$TRACKER" tournaments --format json >"$T/cli.json"
code "${U}api/v1/tournaments" >/dev/null
same_file "tournaments API = tracker tournaments --format json" "$T/cli.json" "$T/body"
"$TRACKER" team loud-snickers --format json >"$T/cli.json"
eq "team API 200" 200 "$(code "${U}api/v1/teams/loud-snickers")"
same_file "team API = tracker team --format json" "$T/cli.json" "$T/body"
eq "team page 200" 200 "$(code "${U}teams/loud-snickers")"
eq "maps page 200" 200 "$(code "$U$PAGE/maps")"

eq "unknown path 404" 404 "$(code "${U}nope")"
eq "unknown stage 404" 404 "$(code "${U}t/ffws-brazil-2026-split-1/nope")"
eq "unknown API path 404 is JSON" application/json "$(code "${U}api/v1/nope" >/dev/null; header Content-Type)"
eq "path escape 404" 404 "$(code "${U}t/../../etc/passwd" --path-as-is)"
eq "encoded NUL 404" 404 "$(code "${U}teams/a%00b")"
eq "bad after 400" 400 "$(code "$U$API/standings?after=99")"
eq "DELETE 405" 405 "$(code "$U$PAGE" -X DELETE)"
eq "405 says Allow" "GET, HEAD" "$(header Allow)"
eq "GET on the write path 405" 405 "$(code "${U}api/v1/matches")"
eq "405 Allow POST" POST "$(header Allow)"
eq "security headers on errors" nosniff "$(header X-Content-Type-Options)"

printf '%s' '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":15,"map":"Bermuda","results":[{"team":"LOS","placement":1,"kills":10},{"team":"LOUD SNICKERS","placement":2,"kills":3}]}' >"$T/m15.json"
eq "POST with no token configured 403" 403 "$(code "${U}api/v1/matches" -H 'Authorization: Bearer x' --data-binary @"$T/m15.json")"
eq "refused POST has no CORS" "" "$(header Access-Control-Allow-Origin)"
stop "server stops on SIGTERM, exit 0"

TOK=tok-$$-0123456789abcdef
printf '# the desks\ndesk-1 %s\n' "$TOK" >"$T/token"
start "server starts with --token-file" --token-file "$T/token"
eq "POST without Authorization 401" 401 "$(code "${U}api/v1/matches" --data-binary @"$T/m15.json")"
eq "POST wrong token 401" 401 "$(code "${U}api/v1/matches" -H "Authorization: Bearer ${TOK}x" --data-binary @"$T/m15.json")"
printf '%s' '{"tournament":"A","stage":"B","match":1,"map":"M","results":[{"team":"X","placement":1,"kills":-1}]}' >"$T/neg.json"
cli_msg=$("$TRACKER" import "$T/neg.json" 2>&1 | grep 'kills' | sed "s|^$T/neg.json: ||")
eq "POST bad JSON 400" 400 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOK" --data-binary @"$T/neg.json")"
contains "400 carries the importer's message" "\"POST body: $cli_msg\"" "$(cat "$T/body")"
head -c 1100000 /dev/zero | tr '\0' ' ' >"$T/big.json"
eq "POST over 1 MB 413" 413 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOK" --data-binary @"$T/big.json")"
eq "nothing stored by refused POSTs" 14 "$(sql "$TRACKER_DB" "SELECT count(*) FROM match m JOIN stage s ON s.id = m.stage_id WHERE s.slug = 'grand-final'")"
eq "POST right token 201" 201 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOK" --data-binary @"$T/m15.json")"
contains "POST says one match added" '"matches_added":1' "$(cat "$T/body")"
# the POST's log row is the Grand Final's and names the match it added
eq "the POST's log row names its stage and match" "post,Grand Final,POST body: match 15 added" \
	"$("$TRACKER" log --stage "Grand Final" --limit 1 --format csv | awk -F, 'NR == 2 { print $3 "," $5 "," $7 }' | tr -d '\r')"
eq "POST the same again 200" 200 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOK" --data-binary @"$T/m15.json")"

# A POST while another process (a CLI import) holds the write lock: 503
# with Retry-After once the server's busy timeout passes, not the
# importer's 400, and nothing stored.
mkfifo "$T/lock.fifo"
sqlite3 "$TRACKER_DB" <"$T/lock.fifo" >/dev/null &
lpid=$!
exec 3>"$T/lock.fifo"
echo "BEGIN IMMEDIATE;" >&3
for _i in $(seq 50); do
	sql "$TRACKER_DB" "PRAGMA busy_timeout=0; BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 || break
	sleep 0.1
done
printf '%s' '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":17,"map":"Bermuda","results":[{"team":"LOS","placement":1,"kills":1}]}' >"$T/m17.json"
eq "POST while the database is locked 503" 503 "$(code "${U}api/v1/matches" --max-time 60 -H "Authorization: Bearer $TOK" --data-binary @"$T/m17.json")"
eq "503 says when to retry" 1 "$(header Retry-After)"
contains "503 says the database is busy" '"error":"the database is busy' "$(cat "$T/body")"
echo "ROLLBACK;" >&3
exec 3>&-
wait "$lpid"
eq "nothing stored by the refused POST" 15 "$(sql "$TRACKER_DB" "SELECT count(*) FROM match m JOIN stage s ON s.id = m.stage_id WHERE s.slug = 'grand-final'")"
code "$U$API/standings" >/dev/null
contains "the POSTed match is in the standings" '"after_match":15' "$(cat "$T/body")"
"$TRACKER" standings --stage grand-final --format json >"$T/cli.json"
same_file "API after the POST = CLI" "$T/cli.json" "$T/body"
# a spreadsheet's rows (semicolons, CRLF) as text/csv, the stage in the query
printf 'match;team;placement;kills\r\n1;Alpha;1;4\r\n1;Bravo;2;1\r\n' >"$T/m1.csv"
csv_url="${U}api/v1/matches?tournament=CSV%20Cup&stage=Final"
eq "POST text/csv 201" 201 "$(code "$csv_url" -H "Authorization: Bearer $TOK" -H 'Content-Type: text/csv; charset=utf-8' --data-binary @"$T/m1.csv")"
eq "POST text/csv stored" "Alpha|1|4
Bravo|2|1" "$(sql "$TRACKER_DB" "SELECT t.name, r.placement, r.kills FROM result r JOIN team t ON t.id = r.team_id
	JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id JOIN tournament u ON u.id = s.tournament_id
	WHERE u.slug = 'csv-cup' ORDER BY 1")"
eq "POST text/csv again 200" 200 "$(code "$csv_url" -H "Authorization: Bearer $TOK" -H 'Content-Type: text/csv' --data-binary @"$T/m1.csv")"
printf 'match;team;placement;kills\r\n2;Alpha;1;-1\r\n' >"$T/m2.csv"
eq "POST bad text/csv 400" 400 "$(code "$csv_url" -H "Authorization: Bearer $TOK" -H 'Content-Type: text/csv' --data-binary @"$T/m2.csv")"
contains "400 names the line and the column" '"POST body:2: kills: must be at least 0, got -1"' "$(cat "$T/body")"

# An import by another process reaches an open event stream. The stream
# names the version the page was rendered at, as the page's script does, so
# an import before the stream is up still gets its event.
sleep 0.5 # the watcher's own notice of the POSTs above (200 ms polls) is in
v=$(curl -s "$U$PAGE" | sed -n 's/.*events?since=\([0-9]*\)".*/\1/p')
listen "$T/events" "$U$API/events?since=$v"
printf '%s' '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":16,"map":"Purgatory","results":[{"team":"LOS","placement":1,"kills":5}]}' >"$T/m16.json"
"$TRACKER" import "$T/m16.json" >/dev/null 2>&1
heard "$T/events"
contains "event stream opens" "retry: 1000" "$(cat "$T/events")"
contains "event after a CLI import" "event: update" "$(cat "$T/events")"
code "$U$API/standings" >/dev/null
contains "the imported match is served" '"after_match":16' "$(cat "$T/body")"

# Hostile names are text everywhere.
printf '%s' '{"tournament":"Hostile <Cup>","stage":"Final","matches":[{"match":1,"map":"Ber\"muda","results":[{"team":"<script>alert(1)</script>","placement":1,"kills":2},{"team":"Tom & \"Jerry\"","placement":2,"kills":1}]}]}' >"$T/hostile.json"
"$TRACKER" import "$T/hostile.json" >/dev/null 2>&1
eq "hostile stage page 200" 200 "$(code "${U}t/hostile-cup/final")"
page=$(cat "$T/body")
lacks "no raw script tag from data" "<script>alert(1)" "$page"
contains "script name as text" "&lt;script&gt;alert(1)&lt;/script&gt;" "$page"
contains "quotes escaped in attributes" 'data-team="Tom &amp; &quot;Jerry&quot;"' "$page"
contains "map escaped in attributes" 'title="match 1: Ber&quot;muda"' "$page"
contains "name as text in the SVG" "<title>Tom &amp; \"Jerry\": 10 points</title>" "$page"
lacks "tournament not raw" "Hostile <Cup>" "$page"
code "${U}api/v1/tournaments/hostile-cup/stages/final/standings" >/dev/null
contains "JSON escapes markup" '"team":"\u003cscript\u003ealert(1)\u003c/script\u003e"' "$(cat "$T/body")"
eq "server still answers" 200 "$(code "$U")"

# The Rules Cup (tests/scoring/rules-cup-v2.json: a voided match, a dq, a
# penalty, groups A and B, an unknown map): the API as the CLI, for the
# whole stage, a group, before the first match and after the voided match.
"$TRACKER" import "$TESTS/scoring/rules-cup-v2.json" >/dev/null 2>&1
RC=api/v1/tournaments/rules-cup/stages/final
for q in "" "?group=A" "?group=B&after=4" "?after=0" "?after=3"; do
	args=
	case $q in *group=A*) args="--group A" ;; *group=B*) args="--group B" ;; esac
	case $q in *after=*) args="$args --after ${q##*after=}" ;; esac
	# shellcheck disable=SC2086 # args holds options
	"$TRACKER" standings --tournament "Rules Cup" --stage Final $args --format json >"$T/cli.json"
	code "$U$RC/standings$q" >/dev/null
	same_file "rules cup standings$q = tracker standings $args" "$T/cli.json" "$T/body"
done
eq "rules cup: group=C 400" 400 "$(code "$U$RC/standings?group=C")"
contains "rules cup: group=C names the groups" "the stage has groups A, B" "$(cat "$T/body")"
eq "rules cup page for group A 200" 200 "$(code "${U}t/rules-cup/final?group=A&after=0")"
contains "rules cup page: group A before the first match" "Before the first match (0 of 5 matches played) · group A" "$(cat "$T/body")"
"$TRACKER" maps --tournament "Rules Cup" --stage Final --format json >"$T/cli.json"
code "$U$RC/maps" >/dev/null
same_file "rules cup maps API = tracker maps --format json" "$T/cli.json" "$T/body"
# tracker maps' table: "Left out: 1 match with an unknown map" (match 5)
eq "rules cup maps API: the unknown map's match left out" 1 "$(header X-Unknown-Map-Matches)"

# A page rendered at an older version gets an update at once (?since=, Last-Event-ID).
listen "$T/events" "$U$API/events?since=1"
heard "$T/events"
contains "stale ?since= gets an update at once" "event: update" "$(cat "$T/events")"
listen "$T/events" -H 'Last-Event-ID: 1' "$U$API/events"
heard "$T/events"
contains "stale Last-Event-ID gets an update at once" "event: update" "$(cat "$T/events")"
sleep 0.5 # the watcher's notice of the hostile import above is in
page_version=$(curl -s "$U$PAGE" | sed -n 's/.*events?since=\([0-9]*\)".*/\1/p')
case $page_version in '' | *[!0-9]*) not_ok "page names its data version" "'$page_version'" ;; *) ok "page names its data version" ;; esac
lacks "current ?since= waits for a change" "event: update" \
	"$(curl -sN --max-time 1 "$U$API/events?since=$page_version" 2>/dev/null)"

# A body without Content-Length (chunked) that runs over the limit: 413
# once it ends.
eq "chunked body over the limit 413" 413 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOK" -H "Transfer-Encoding: chunked" --data-binary @"$T/big.json")"
contains "chunked 413 says why" "over the size limit" "$(cat "$T/body")"
eq "server still answers after a refused chunked body" 200 "$(code "$U")"
stop "server with a token stops on SIGTERM, exit 0"

# The token from the environment, smaller limits, SIGINT.
TRACKER_TOKEN=env-$$-0123456789abcdef start "server starts with TRACKER_TOKEN and limits" --max-streams 1 --max-body 2000
eq "POST with the TRACKER_TOKEN token" 200 "$(code "${U}api/v1/matches" -H "Authorization: Bearer env-$$-0123456789abcdef" --data-binary @"$T/m15.json")"
head -c 3000 /dev/zero | tr '\0' ' ' >"$T/3k.json"
eq "--max-body 2000: a 3000-byte body 413" 413 "$(code "${U}api/v1/matches" -H "Authorization: Bearer env-$$-0123456789abcdef" --data-binary @"$T/3k.json")"
eq "--max-body 2000: a 3000-byte chunked body 413" 413 "$(code "${U}api/v1/matches" -H "Authorization: Bearer env-$$-0123456789abcdef" -H "Transfer-Encoding: chunked" --data-binary @"$T/3k.json")"
# still going past twice the limit: the connection is dropped, no answer
head -c 5000 /dev/zero | tr '\0' ' ' >"$T/5k.json"
eq "--max-body 2000: a 5000-byte chunked body dropped" 000 "$(code "${U}api/v1/matches" -H "Authorization: Bearer env-$$-0123456789abcdef" -H "Transfer-Encoding: chunked" --data-binary @"$T/5k.json")"
eq "server answers after a dropped body" 200 "$(code "$U")"
cookie=$(head -c 6000 /dev/zero | tr '\0' c)
eq "default --max-header: a 6 KB cookie is served" 200 "$(code "$U" -H "Cookie: a=$cookie")"
listen "$T/first" "$U$API/events"
for _i in $(seq 50); do
	grep -q retry "$T/first" && break
	sleep 0.1
done
eq "--max-streams 1: a second stream 503" 503 "$(code "$U$API/events" --max-time 3)"
kill "$SPID"
wait "$SPID" 2>/dev/null
kill -INT "$PID"
wait "$PID"
eq "server stops on SIGINT, exit 0" 0 "$?"
PID=

start "server starts with --max-header 2048" --max-header 2048
eq "--max-header 2048: a 3 KB header is refused with 431" 431 "$(code "$U" -H "Cookie: a=$(head -c 3000 /dev/zero | tr '\0' c)")"
eq "--max-header 2048: a small request is served" 200 "$(code "$U")"
stop "server with --max-header stops cleanly"
