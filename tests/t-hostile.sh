#!/bin/sh
# t-hostile.sh: what anyone on the internet may send `tracker serve`. Each
# case checks the answer it gets (never a 5xx, never a crash), that the
# server still answers another client during the attack where it lasts and
# after it, and prints the server's RSS (VmRSS) before and after, which must
# stay under twice the first plus 20 MB. The limits (body, header, connection
# total and per IP, timeout) are set on the command line and tested too.
# Hostile requests curl cannot send come from tests/hostile/client.c.
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
if ! cc -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -Werror -o "$CLIENT" hostile/client.c 2>"$T/cc.err"; then
	not_ok hostile-client-builds "$(head -20 "$T/cc.err")"
	exit 0
fi
status hostile-import 0 "$TRACKER" --db "$DB" import "$DATA/grand-final.json"
before_dump=$(dump "$DB")
SPIDS=
trap 'for p in $SPIDS; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT

# serve NAME ARGS...: start a server with ARGS; sets $pid, $port, $url.
serve() {
	_n=$1
	shift
	TRACKER_TOKEN=$TOKEN "$TRACKER" --db "$DB" serve --listen 127.0.0.1:0 "$@" \
		>"$T/$_n.out" 2>"$T/$_n.err" &
	pid=$!
	SPIDS="$SPIDS $pid"
	_i=0
	while ! grep -q 'http://' "$T/$_n.out" && [ $_i -lt 100 ]; do
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

# rss: the server's resident memory in kB.
rss() {
	sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' /proc/$pid/status 2>/dev/null
}

# alive NAME: another client (curl from 127.0.0.1) gets the home page.
alive() {
	eq "$1" 200 "$(code "$url/")"
}

# begin NAME / end NAME: the RSS before and after a case, and the checks after it.
begin() {
	rss0=$(rss)
}
end() {
	alive "hostile-$1-answers-after"
	_r=$(rss)
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

# Slowloris: 400 connections from 127.0.0.2 dribbling headers, never done
# (the default per-IP limit keeps 200 of them).
begin slowloris
"$CLIENT" slow "$port" 127.0.0.2 400 8 >"$T/slow.out" &
cl=$!
sleep 3
alive hostile-slowloris-answers-during
wait $cl
echo "# slowloris: $(cat "$T/slow.out")"
end slowloris

# Headers: one of 100 KB, and 2,000 of them.
begin headers
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
c=$(code -H "Authorization: Bearer $TOKEN" -H "Transfer-Encoding: chunked" --data-binary @"$T/big.json" "$url/api/v1/matches")
case $c in 413|400|000) ok hostile-body-2mb-chunked-refused ;; *) not_ok hostile-body-2mb-chunked-refused "status $c" ;; esac
"$CLIENT" chunked "$port" 20 "Bearer $TOKEN" >"$T/chunked.out" &
cl=$!
sleep 1
alive hostile-chunked-endless-answers-during
wait $cl
echo "# endless chunked body: $(cat "$T/chunked.out")"
set -- $(cat "$T/chunked.out")
if [ "${1:-}" = closed ] && [ "${3:-0}" -le 4194304 ]; then
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
for req in 'get / HTTP/1.1' 'GET / HTTP/9.9' 'G\001T / HTTP/1.1' 'GET' '\377\376 / HTTP/1.1' 'GET /\r\n'; do
	line=$(printf "$req\r\nHost: x\r\n\r\n" | raw)
	case $line in
	"HTTP/1."[01]" "[2345]*) case $line in *" 5"??*) not_ok "hostile-request-line-$req" "$line" ;; *) ok "hostile-request-line-$req" ;; esac ;;
	closed) ok "hostile-request-line-$req" ;;
	*) not_ok "hostile-request-line-$req" "$line" ;;
	esac
done
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
end tokens

kill $pid
wait $pid
eq hostile-main-server-stops-cleanly 0 "$?"
lacks hostile-main-server-sanitizers-quiet "Sanitizer" "$(cat "$T/main.err")"

# The limits, configured small: connections per IP, in total, the timeout.
serve limits --per-ip 10 --max-connections 40 --timeout 2 --max-streams 4 --max-body 1000
[ -n "$url" ] || exit 0
eq hostile-limit-body 413 "$(code -H "Authorization: Bearer $TOKEN" --data-binary @"$T/big.json" "$url/api/v1/matches")"
begin limits
"$CLIENT" idle "$port" 127.0.0.3 30 1 >"$T/perip.out"
set -- $(cat "$T/perip.out")
echo "# per-ip limit 10, 30 connections: $(cat "$T/perip.out")"
if [ "${6:-0}" -ge 20 ]; then ok hostile-limit-per-ip; else not_ok hostile-limit-per-ip "$(cat "$T/perip.out")"; fi
"$CLIENT" idle "$port" 127.0.0.4 8 6 >"$T/timeout.out"
echo "# timeout 2 s, 8 idle connections for 6 s: $(cat "$T/timeout.out")"
eq hostile-limit-timeout "closed 8 of 8" "$(cut -d' ' -f1-4 "$T/timeout.out")"
for ip in 5 6 7 8 9 10; do
	"$CLIENT" idle "$port" 127.0.0.$ip 10 3 >"$T/total-$ip.out" &
	eval "cl$ip=\$!"
done
sleep 1
during=$(code "$url/")
for ip in 5 6 7 8 9 10; do eval "wait \$cl$ip"; done
closed=$(cat "$T"/total-*.out | awk '{ n += $6 } END { print n + 0 }')
echo "# connection limit 40, 60 idle connections from 6 addresses: $closed closed in the first second, a 61st client got $during"
if [ "$closed" -ge 20 ]; then ok hostile-limit-total; else not_ok hostile-limit-total "only $closed of 60 closed"; fi
end limits
kill $pid
wait $pid
eq hostile-limits-server-stops-cleanly 0 "$?"
lacks hostile-limits-server-sanitizers-quiet "Sanitizer" "$(cat "$T/limits.err")"

status hostile-help-lists-limits 0 "$TRACKER" serve --help
for opt in --max-body --max-connections --per-ip --timeout; do
	contains "hostile-help-lists$opt" "$opt" "$OUT"
done
