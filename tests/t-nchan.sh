#!/bin/sh
# t-nchan.sh: live updates fanned out by real nginx + nchan with the shipped
# docs/deploy/nchan.conf. nginx runs in its own prefix under $T on a free
# port (killed by PID), in front of `tracker serve --publish` pointed at its
# publisher location. 200 fans (tests/streams.c, from 4 addresses) subscribe
# at nginx to the Grand Final's event stream; a POST of a new match to the
# tracker must reach every one of them through nchan (p99 within 1 s). Then:
# the publisher location refuses another address; with nginx stopped a POST
# is still stored at once and the tracker warns that it skips updates; with
# nginx back the next update reaches new subscribers and the tracker says it
# publishes again. About 10 s.
. ./lib.sh
N=200
MOD=/usr/lib/nginx/modules/ngx_nchan_module.so
for tool in nginx curl make ss; do
	command -v $tool >/dev/null || { not_ok nchan-needs-$tool "$tool is not installed (make test-deps)"; exit 0; }
done
[ -e "$MOD" ] || { not_ok nchan-needs-module "$MOD is missing (libnginx-mod-nchan; make test-deps)"; exit 0; }
make -s -C "$TESTS/.." build/streams >"$T/make.out" 2>&1 ||
	{ not_ok nchan-client-builds "$(tail -5 "$T/make.out")"; exit 0; }
CLIENT=$TESTS/../build/streams

status nchan-import 0 "$TRACKER" import "$DATA/grand-final.json"
TOK=tok-$$-0123456789abcdef
printf 'desk %s\n' "$TOK" >"$T/token"
for m in 15 16 17 18; do
	printf '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":%d,"map":"Bermuda","results":[{"team":"LOS","placement":1,"kills":10},{"team":"LOUD SNICKERS","placement":2,"kills":3}]}' \
		$m >"$T/m$m.json"
done

# nginx: a port nobody listens on (another test may take it first: then
# nginx says so and the next one is tried)
NPID=
mkdir -p "$T/nginx/tmp"
chmod 755 "$T"
nginx_start() {
	for _try in 1 2 3 4 5; do
		[ -n "${NPORT:-}" ] && [ "$_try" = 1 ] || NPORT=$(awk -v s="$$$_try" 'BEGIN { srand(s); print 20000 + int(rand() * 30000) }')
		[ -n "$(ss -Hltn "sport = :$NPORT")" ] && continue
		cat >"$T/nginx/nginx.conf" <<EOF
load_module $MOD;
$([ "$(id -u)" = 0 ] && echo "user root;")
worker_processes 1;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
events { worker_connections 2048; }
http {
	access_log off;
	client_body_temp_path $T/nginx/tmp;
	proxy_temp_path $T/nginx/tmp;
	fastcgi_temp_path $T/nginx/tmp;
	uwsgi_temp_path $T/nginx/tmp;
	scgi_temp_path $T/nginx/tmp;
	server {
		listen 127.0.0.1:$NPORT;
		include $TESTS/../docs/deploy/nchan.conf;
		location / { proxy_pass http://127.0.0.1:$TPORT; }
	}
}
EOF
		nginx -p "$T/nginx" -c "$T/nginx/nginx.conf" -g 'daemon off;' 2>>"$T/nginx/stderr" &
		NPID=$!
		for _i in $(seq 50); do
			[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NPORT/")" = 200 ] && return 0
			kill -0 "$NPID" 2>/dev/null || break
			sleep 0.1
		done
		kill "$NPID" 2>/dev/null
		wait "$NPID" 2>/dev/null
		NPID=
	done
	return 1
}
nginx_stop() {
	[ -n "$NPID" ] || return 0
	kill -TERM "$NPID" 2>/dev/null
	wait "$NPID" 2>/dev/null
	NPID=
}
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; nginx_stop; rm -rf "$T"' EXIT

# The tracker first (nginx proxies the pages to it), publishing to nginx's
# port, chosen before either starts.
NPORT=$(awk -v s="$$" 'BEGIN { srand(s); print 20000 + int(rand() * 30000) }')
start nchan-tracker-starts --token-file "$T/token" \
	--publish "http://127.0.0.1:$NPORT/.tracker/publish"
TPORT=${U#http://127.0.0.1:}
TPORT=${TPORT%/}
want=$NPORT
if nginx_start; then ok nchan-nginx-starts; else
	not_ok nchan-nginx-starts "$(cat "$T/nginx/stderr" "$T/nginx/error.log" 2>/dev/null | tail -5)"
	exit 0
fi
if [ "$NPORT" != "$want" ]; then
	# the port was taken: the tracker publishes to the one nginx got
	stop nchan-tracker-restarts-for-the-port
	start nchan-tracker-starts-again --token-file "$T/token" \
		--publish "http://127.0.0.1:$NPORT/.tracker/publish"
fi
N_URL=http://127.0.0.1:$NPORT/
EVENTS=api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/events
eq nchan-nginx-proxies-pages 200 "$(code "${N_URL}t/ffws-brazil-2026-split-1/grand-final")"

# sub NAME MATCH: N fans at nginx, a POST of MATCH to the tracker; figures in $T/NAME
sub() {
	"$CLIENT" -u "$N_URL$EVENTS" -n $N -a 4 -t 10 -w 300 \
		-P "${U}api/v1/matches" -b "$T/m$2.json" -H "Authorization: Bearer $TOK" >"$T/$1" 2>&1
	sed "s/^/# $1: /" "$T/$1"
}
fig() {
	sed -n "s/^$2 //p" "$T/$1"
}

sub first 15
eq nchan-all-subscribed $N "$(fig first held)"
eq nchan-post-stored 201 "$(fig first post_status)"
eq nchan-every-subscriber-got-the-match $N "$(fig first received)"
if awk -v v="$(fig first p99_ms)" 'BEGIN { exit !(v != "" && v < 1000) }'; then
	ok nchan-delivery-p99-under-1s
else
	not_ok nchan-delivery-p99-under-1s "p99 '$(fig first p99_ms)' ms"
fi
# the event the fans got is the tracker's: event update, data its version
curl -s -N -m 2 -H 'Accept: text/event-stream' "$N_URL$EVENTS" >"$T/one" &
cpid=$!
sleep 0.3
eq nchan-second-post-stored 201 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOK" --data-binary @"$T/m16.json")"
wait $cpid
v=$(sed -n 's/^data: {"version":\([0-9]*\)}$/\1/p' "$T/one")
contains nchan-event-is-update "event: update" "$(cat "$T/one")"
case $v in [1-9]*) ok nchan-event-carries-version ;; *) not_ok nchan-event-carries-version "$(cat "$T/one")" ;; esac

# the publisher location answers this machine's loopback address only
eq nchan-publisher-refuses-other-address 403 \
	"$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 -X POST --data x "${N_URL}.tracker/publish")"

# nginx down: the POST is stored at once, the tracker skips the update and says so
nginx_stop
t0=$(date +%s%N)
eq nchan-down-post-stored 201 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOK" --data-binary @"$T/m17.json")"
ms=$((($(date +%s%N) - t0) / 1000000))
if [ $ms -lt 1000 ]; then ok nchan-down-post-does-not-wait; else not_ok nchan-down-post-does-not-wait "$ms ms"; fi
for _i in $(seq 40); do
	grep -q 'skipping updates' "$T/serve.err" && break
	sleep 0.1
done
contains nchan-down-warns "--publish http://127.0.0.1:$NPORT/.tracker/publish: connection refused; skipping updates" "$(cat "$T/serve.err")"

# nginx back on the same port: the next update is published again
if nginx_start; then ok nchan-nginx-restarts; else not_ok nchan-nginx-restarts "$(tail -3 "$T/nginx/error.log")"; fi
"$CLIENT" -u "$N_URL$EVENTS" -n 20 -a 1 -t 10 -w 300 -P "${U}api/v1/matches" -b "$T/m18.json" \
	-H "Authorization: Bearer $TOK" >"$T/back" 2>&1
sed "s/^/# back: /" "$T/back"
eq nchan-back-every-subscriber-got-it 20 "$(fig back received)"
contains nchan-back-says-so "publishing again (skipped 1 update)" "$(cat "$T/serve.err")"

stop nchan-tracker-stops-cleanly
nginx_stop
lacks nchan-sanitizers-quiet "ERROR: AddressSanitizer" "$(cat "$T/serve.err")"
