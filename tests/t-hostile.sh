#!/bin/sh
# t-hostile.sh: what anyone on the internet may send `tracker serve`. Each
# case checks the answer it gets (never a 5xx, never a crash), that the
# server still answers another client during the attack where it lasts and
# after it, and prints the server's RSS (VmRSS) before and after, which must
# stay under twice the first plus 20 MB (ASan's quarantine of freed memory
# held to 16 MB, so that RSS shows what the server keeps). The limits (body,
# header, connections in total and per IP, timeout) are set on the command
# line and tested too. What curl cannot send comes from tests/hostile/client.c.
. ./lib.sh
TOKEN=s3cret-token-0123456789
DB=$T/hostile.db
for tool in curl cc; do
	if ! command -v $tool >/dev/null; then
		not_ok hostile-needs-$tool "$tool is not installed"
		exit 0
	fi
done
CLIENT=$T/client
if ! cc -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -Werror -o "$CLIENT" hostile/client.c hostile/net.c 2>"$T/cc.err"; then
	not_ok hostile-client-builds "$(head -20 "$T/cc.err")"
	exit 0
fi
status hostile-import 0 "$TRACKER" --db "$DB" import "$DATA/grand-final.json" "$DATA/group-stage.json"
before_dump=$(dump "$DB")
SPIDS=
trap 'for p in $SPIDS; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT

# serve NAME ARGS...: start a server with ARGS; sets $pid, $port, $url.
serve() {
	_n=$1
	shift
	TRACKER_TOKEN=$TOKEN ASAN_OPTIONS=$ASAN_OPTIONS:quarantine_size_mb=16 \
		"$TRACKER" --db "$DB" serve --listen 127.0.0.1:0 "$@" \
		>"$T/$_n.out" 2>"$T/$_n.err" &
	pid=$!
	SPIDS="$SPIDS $pid"
	_i=0
	while ! grep -qs 'http://' "$T/$_n.out" && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	url=$(sed -n 's|.*\(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$T/$_n.out")
	port=${url##*:}
	[ -n "$url" ] || not_ok "hostile-$_n-server-starts" "$(cat "$T/$_n.out" "$T/$_n.err" | head)"
}

# code ARGS...: the status curl gets for ARGS ("000": no answer).
code() {
	curl -s -o "$T/body" -D "$T/head" -w '%{http_code}' --max-time 20 "$@"
}

# alive NAME: another client (curl from 127.0.0.1) gets the home page.
alive() {
	eq "$1" 200 "$(code "$url/")"
}

# begin NAME / end NAME: the RSS before and after a case, and the checks after it.
begin() {
	rss0=$(mem_kb VmRSS "$pid")
}
end() {
	alive "hostile-$1-answers-after"
	_r=$(mem_kb VmRSS "$pid")
	echo "# $1: RSS before ${rss0:-?} kB, after ${_r:-?} kB"
	if [ -n "$_r" ] && [ -n "$rss0" ] && [ "$_r" -lt $((rss0 * 2 + 20480)) ]; then
		ok "hostile-$1-rss-bounded"
	else
		not_ok "hostile-$1-rss-bounded" "RSS ${rss0:-?} kB before, ${_r:-?} kB after"
	fi
}

# not5xx NAME CODE: a client error or a success, never a server error or no answer.
not5xx() {
	case $2 in
	[234]??) ok "$1" ;;
	*) not_ok "$1" "status $2: $(head -c 300 "$T/body" 2>/dev/null)" ;;
	esac
}

# raw NAME: the status line the server answers the bytes on stdin with.
raw() {
	"$CLIENT" raw "$port"
}

serve main
[ -n "$url" ] || exit 0
for i in 1 2 3; do code "$url/" >/dev/null; code "$url/t/ffws-brazil-2026-split-1/grand-final" >/dev/null; done

# Slowloris: 400 connections from 127.0.0.2 dribbling headers for 5 s,
# never done. The default per-IP limit keeps 200 of them, and the default
# request timeout (30 s) cuts none of those (the control for the short one
# tested below).
begin slowloris
"$CLIENT" slow "$port" 127.0.0.2 400 5 >"$T/slow.out" &
cl=$!
sleep 2
alive hostile-slowloris-answers-during
wait $cl
echo "# slowloris: $(cat "$T/slow.out")"
eq hostile-slowloris-per-ip-default "open 400 closed 200" "$(cat "$T/slow.out")"
end slowloris

# Headers: an ordinary large one (a 3 KB cookie) is served; one of 100 KB
# and 2,000 of them are refused.
begin headers
eq hostile-header-3k-served 200 "$(code -H "Cookie: c=$(head -c 3000 /dev/zero | tr '\0' a)" "$url/")"
big=$(head -c 102400 /dev/zero | tr '\0' a)
c=$(code -H "X-Big: $big" "$url/")
case $c in 4??|000) ok hostile-header-100k-refused ;; *) not_ok hostile-header-100k-refused "status $c" ;; esac
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "X-H%d: %0100d\n", i, i }' >"$T/many.h"
c=$(code -H @"$T/many.h" "$url/")
case $c in 4??|000) ok hostile-header-2000-refused ;; *) not_ok hostile-header-2000-refused "status $c" ;; esac
end headers

# Bodies: over the limit with a Content-Length (413), without one
# (chunked, dropped), and a chunked body that never ends.
begin bodies
head -c 2000000 /dev/zero | tr '\0' ' ' >"$T/big.json"
eq hostile-body-2mb-413 413 "$(code -H "Authorization: Bearer $TOKEN" --data-binary @"$T/big.json" "$url/api/v1/matches")"
c=$(code -H "Authorization: Bearer $TOKEN" -H "Transfer-Encoding: chunked" -H "Expect:" --data-binary @"$T/big.json" "$url/api/v1/matches")
case $c in 413|000) ok hostile-body-2mb-chunked-refused ;; *) not_ok hostile-body-2mb-chunked-refused "status $c" ;; esac
"$CLIENT" chunked "$port" 20 "Bearer $TOKEN" >"$T/chunked.out" &
cl=$!
sleep 1
alive hostile-chunked-endless-answers-during
wait $cl
echo "# endless chunked body: $(cat "$T/chunked.out")"
set -- $(cat "$T/chunked.out")
# The client counts what it wrote, socket buffers included: far below what
# 20 s of loopback would carry when the server reads on.
if [ "${1:-}" = closed ] && [ "${3:-0}" -le 33554432 ]; then
	ok hostile-chunked-endless-cut
else
	not_ok hostile-chunked-endless-cut "$(cat "$T/chunked.out")"
fi
end bodies

# Methods: unknown ones, lowercase, garbage request lines.
begin methods
for m in FOO DELETE PUT PATCH TRACE CONNECT OPTIONS; do
	not5xx "hostile-method-$m" "$(code -X $m "$url/api/v1/tournaments")"
done
eq hostile-method-post-on-get-route-405 405 "$(code -X POST "$url/api/v1/tournaments")"
# A client error or no answer; HTTP/9.9 may get 505 (version not supported).
while read -r name req; do
	line=$(printf "$req\r\nHost: x\r\n\r\n" | raw)
	case $line in
	"HTTP/1."[01]" "[234]??" "* | "HTTP/1.1 505 "* | closed) ok "hostile-request-$name" ;;
	*) not_ok "hostile-request-$name" "$line" ;;
	esac
done <<'REQS'
lowercase-method get / HTTP/1.1
version-9.9 GET / HTTP/9.9
control-in-method G\001T / HTTP/1.1
method-only GET
invalid-utf8-method \377\376 / HTTP/1.1
http-0.9 GET /\r\n
host-twice GET / HTTP/1.1\r\nHost: a\r\nHost: b
length-negative GET / HTTP/1.1\r\nContent-Length: -1
length-huge GET / HTTP/1.1\r\nContent-Length: 99999999999999999999
header-no-name GET / HTTP/1.1\r\n: no-name
control-in-header-name GET / HTTP/1.1\r\nX\001: y
folded-header GET / HTTP/1.1\r\n folded: header
post-length-lies POST /api/v1/matches HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}
REQS
end methods

# Paths: malformed percent-encoding, traversal, encoded slashes, 100 KB.
begin paths
for p in '/%' '/%zz' '/t/%g1/%' '/teams/%' '/teams/%%%' '/teams/%00' '/teams/%c0%ae%c0%ae' \
	'/api/v1/teams/%e0%80' '/static/../../../../etc/passwd' '/static/%2e%2e/%2e%2e/etc/passwd' \
	'/static/..%2f..%2f..%2fetc%2fpasswd' '/t/..%2F..%2F/grand-final' '/static/%2fetc%2fpasswd' \
	'/../../etc/passwd' '/t/ffws-brazil-2026-split-1/grand-final/../../../etc/passwd' \
	'//etc/passwd'; do
	c=$(code --path-as-is "$url$p")
	case $c in 4??) ok "hostile-path-$p" ;; *) not_ok "hostile-path-$p" "status $c" ;; esac
	lacks "hostile-path-$p-no-file" "root:" "$(cat "$T/body")"
done
long=$(head -c 102400 /dev/zero | tr '\0' a)
c=$(code "$url/teams/$long")
case $c in 4??|000) ok hostile-url-100k ;; *) not_ok hostile-url-100k "status $c" ;; esac
c=$(code "$url/api/v1/tournaments?q=$long")
case $c in 2??|4??|000) ok hostile-query-100k ;; *) not_ok hostile-query-100k "status $c" ;; esac
end paths

# Query parameters: unknown, repeated, odd values.
begin query
st=/api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/standings
for q in 'x=1' 'after=1&after=2' 'after=3&after=3&after=3' 'after=' 'after' 'after=-1' \
	'after=abc' 'after=99999999999999999999' 'after=1e3' 'after=0x10' 'after=%00' \
	'a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&after=2' '&&&=&=' '%=%' 'after=%zz'; do
	not5xx "hostile-query-$q" "$(code "$url$st?$q")"
done
many=$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "p%d=%d&", i, i }')
not5xx hostile-query-2000-params "$(code "$url$st?$many")"
end query

# Cache flood: the same page asked for under 3,000 spellings of after=60
# ("060", "0060", ...); none may take a cache entry of its own.
begin cache-flood
st2=/api/v1/tournaments/ffws-brazil-2026-split-1/stages/group-stage/standings
z=
for i in $(seq 1 1500); do
	z="0$z"
	printf 'url = "%s"\noutput = /dev/null\n' "$url/t/ffws-brazil-2026-split-1/group-stage?after=${z}60" \
		"$url$st2?after=${z}60"
done >"$T/flood.cfg"
eq hostile-cache-flood-refused "3000 400" "$(curl -s -K "$T/flood.cfg" -w '%{http_code}\n' | sort | uniq -c | awk '{ print $1, $2 }')"
end cache-flood

# Slugs: control characters, invalid UTF-8, markup, SQL metacharacters,
# in every place a slug or parameter goes. The database must not change.
begin slugs
for s in '%01%02%03' '%7f' '%ff%fe' '%c3%28' '%ed%a0%80' '%e2%80%ae' 'a%0d%0aSet-Cookie:x=1' \
	'%3cscript%3ealert(1)%3c%2fscript%3e' "'" '%27%20OR%201%3d1--' '%22%3b%20DROP%20TABLE%20team%3b--' \
	'x%27%29%3b%20DELETE%20FROM%20match%3b--' '%25' '%5c' '*' '%2a' '%3f'; do
	for path in "/t/$s/grand-final" "/t/ffws-brazil-2026-split-1/$s" "/t/$s/$s/maps" "/teams/$s" \
		"/api/v1/teams/$s" "/api/v1/tournaments/$s/stages/grand-final/standings" \
		"/api/v1/tournaments/ffws-brazil-2026-split-1/stages/$s/matches" \
		"/api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/standings?after=$s"; do
		c=$(code "$url$path")
		case $c in 4??) ;; *) echo "$path: $c" ;; esac
		grep -q '<script>' "$T/body" && echo "$path: markup in the body"
		grep -qi '^set-cookie' "$T/head" && echo "$path: a header injected"
	done
done >"$T/slugs.out"
eq hostile-slugs-refused "" "$(cat "$T/slugs.out")"
eq hostile-slugs-database-unchanged "$before_dump" "$(dump "$DB")"
end slugs

# Tokens: missing, wrong, almost right; then the right one.
begin tokens
printf '{"tournament":"Token Cup","stage":"Final","match":1,"map":"Bermuda","results":[{"team":"A","placement":1,"kills":1}]}' >"$T/match.json"
post() {
	code -X POST --data-binary @"$T/match.json" "$@" "$url/api/v1/matches"
}
c=$(post)
case $c in 401|403) ok hostile-token-missing ;; *) not_ok hostile-token-missing "status $c" ;; esac
short=${TOKEN%?}
upper=$(printf '%s' "$TOKEN" | tr a-z A-Z)
for a in "Bearer wrong" "Bearer $short" "Bearer ${short}8" "Bearer ${TOKEN}x" "Bearer $upper" \
	"Bearer $TOKEN$TOKEN" "Bearer$TOKEN" "Basic $TOKEN" "$TOKEN" "Bearer" "Bearer " \
	"Bearer $(printf '%s' "$TOKEN" | head -c 1)" "Bearer ${short}%00"; do
	c=$(post -H "Authorization: $a")
	case $c in 401|403) ok "hostile-token-$a" ;; *) not_ok "hostile-token-$a" "status $c" ;; esac
done
eq hostile-token-wrong-wrote-nothing "$before_dump" "$(dump "$DB")"
c=$(post -H "Authorization: Bearer $TOKEN")
case $c in 200|201) ok hostile-token-right ;; *) not_ok hostile-token-right "status $c: $(head -c 300 "$T/body")" ;; esac
eq hostile-token-right-stored 1 "$(sql "$DB" "SELECT count(*) FROM tournament WHERE name = 'Token Cup'")"
# Names full of SQL and markup, posted with the right token to a stage of
# their own (a stage with matches lets in only the teams it has seen):
# stored as written, every table still there, shown as text.
printf '%s' '{"tournament":"Token Cup","stage":"Names","match":1,"map":"Bermuda'"'"'--","results":[{"team":"x'"'"'); DROP TABLE team;--","placement":1,"kills":1,"players":[{"name":"\" OR 1=1 --","kills":1}]},{"team":"<img src=x onerror=alert(1)>","placement":2,"kills":0}]}' >"$T/match.json"
c=$(post -H "Authorization: Bearer $TOKEN")
eq hostile-sql-names-stored 201 "$c"
eq hostile-sql-names-verbatim "x'); DROP TABLE team;--" "$(sql "$DB" "SELECT name FROM team WHERE name LIKE 'x%DROP%'")"
eq hostile-sql-names-tables-intact 9 "$(sql "$DB" "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('tournament', 'stage', 'team', 'team_alias', 'player', 'player_alias', 'match', 'result', 'player_result')")"
code "$url/t/token-cup/names" >/dev/null
lacks hostile-sql-names-escaped "<img src=x" "$(cat "$T/body")"
contains hostile-sql-names-shown "&lt;img src=x onerror=alert(1)&gt;" "$(cat "$T/body")"
end tokens

kill $pid
wait $pid
eq hostile-main-server-stops-cleanly 0 "$?"
lacks hostile-main-server-sanitizers-quiet "Sanitizer" "$(cat "$T/main.err")"

# The limits, configured small: connections per IP and in total; the
# idle timeout on a server of its own.
serve limits --per-ip 10 --max-connections 40 --max-streams 4 --max-body 1000 --max-header 4096
[ -n "$url" ] || exit 0
eq hostile-limit-body 413 "$(code -H "Authorization: Bearer $TOKEN" --data-binary @"$T/big.json" "$url/api/v1/matches")"
eq hostile-limit-header-under 200 "$(code -H "Cookie: c=$(head -c 2000 /dev/zero | tr '\0' a)" "$url/")"
c=$(code -H "Cookie: c=$(head -c 6000 /dev/zero | tr '\0' a)" "$url/")
case $c in 431|000) ok hostile-limit-header-over ;; *) not_ok hostile-limit-header-over "status $c" ;; esac
begin limits
"$CLIENT" idle "$port" 127.0.0.3 30 1 >"$T/perip.out"
set -- $(cat "$T/perip.out")
echo "# per-ip limit 10, 30 connections from one address: $(cat "$T/perip.out")"
if [ "${6:-0}" -ge 20 ]; then ok hostile-limit-per-ip; else not_ok hostile-limit-per-ip "$(cat "$T/perip.out")"; fi
alive hostile-limit-per-ip-others-served
# 30 held connections (10 from each of 3 addresses) leave room under 40;
# 50 do not, and idle ones are closed to make room: a 51st client is served
# (within 2 s here) while the others are held.
for n in 30 50; do
	cls=
	for ip in 5 6 7 8 9; do
		[ $ip -le $((4 + n / 10)) ] || continue
		"$CLIENT" idle "$port" 127.0.0.$ip 10 6 >/dev/null &
		cls="$cls $!"
	done
	sleep 1
	got=$(code --max-time 2 "$url/")
	for p in $cls; do
		kill $p 2>/dev/null
		wait $p 2>/dev/null
	done
	echo "# connection limit 40, $n held: another client got $got"
	case $n in
	30) eq hostile-limit-total-under 200 "$got" ;;
	50) eq hostile-limit-total-over-idle-reclaimed 200 "$got" ;;
	esac
done
# Event streams beyond --max-streams 4: refused with 503, the rest served.
ev=$url/api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/events
evpids=
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -s -N -o /dev/null -w '%{http_code}\n' --max-time 3 "$ev" >"$T/ev.$i" &
	evpids="$evpids $!"
done
sleep 1
alive hostile-limit-streams-others-served
for p in $evpids; do wait $p; done
eq hostile-limit-streams "4 200 6 503" "$(cat "$T"/ev.* | sort | uniq -c | awk '{ print $1, $2 }' | xargs)"
end limits
kill $pid
wait $pid
eq hostile-limits-server-stops-cleanly 0 "$?"
lacks hostile-limits-server-sanitizers-quiet "Sanitizer" "$(cat "$T/limits.err")"

# The idle timeout and the request timeout, each on a server of its own,
# tested at once. Idle connections are closed once --timeout passes, and
# not within the first second. Headers trickled a line a second never make
# a whole request, so each connection is cut once --request-timeout
# passes, though it is never idle long enough for --timeout; an event
# stream, once answered, has no deadline and stays open past it. The
# clients stop once every connection is closed (at most 6 s).
serve timeout --timeout 2
[ -n "$url" ] || exit 0
tpid=$pid turl=$url
"$CLIENT" idle "$port" 127.0.0.4 8 6 >"$T/timeout.out" &
tcl=$!
serve reqtimeout --timeout 30 --request-timeout 2
[ -n "$url" ] || exit 0
curl -s -N --max-time 4 "$url/api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/events" >"$T/rt-stream" 2>/dev/null &
rtc=$!
"$CLIENT" slow "$port" 127.0.0.5 8 6 >"$T/reqtimeout.out"
echo "# request timeout 2 s, 8 connections trickling headers: $(cat "$T/reqtimeout.out")"
eq hostile-limit-request-timeout "open 8 closed 8" "$(cat "$T/reqtimeout.out")"
wait $rtc
eq hostile-limit-request-timeout-stream-kept "28" "$?"
contains hostile-limit-request-timeout-stream-answered "retry:" "$(cat "$T/rt-stream")"
alive hostile-limit-request-timeout-others-served
kill $pid
wait $pid
eq hostile-reqtimeout-server-stops-cleanly 0 "$?"

pid=$tpid url=$turl
wait $tcl
echo "# timeout 2 s, 8 idle connections: $(cat "$T/timeout.out")"
eq hostile-limit-timeout "closed 8 of 8 early 0" "$(cat "$T/timeout.out")"
alive hostile-limit-timeout-others-served
kill $pid
wait $pid
eq hostile-timeout-server-stops-cleanly 0 "$?"

status hostile-help-lists-limits 0 "$TRACKER" serve --help
for opt in --max-body --max-header --max-connections --per-ip --timeout --request-timeout; do
	contains "hostile-help-lists$opt" "$opt" "$OUT"
done
