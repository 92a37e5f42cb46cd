#!/bin/sh
# t-nchan.sh: live updates fanned out by real nginx + nchan with the shipped
# docs/deploy/nchan.conf, included in the shipped docs/deploy/nginx.conf in
# place of its event-stream location. nginx runs in its own prefix under $T on a free
# port (killed by PID), in front of `tracker serve --publish` pointed at its
# publisher location. 200 fans (tests/streams.c, from 4 addresses) subscribe
# at nginx to the Grand Final's event stream; a POST of a new match to the
# tracker must reach every one of them through nchan (p99 within 1 s), and so
# must a `tracker import` of another match by another process. Then:
# the publisher location refuses another address; with nginx stopped a POST
# is still stored at once and the tracker warns that it skips updates; with
# nginx back the next update reaches new subscribers and the tracker says it
# publishes again. Then two nginx edges sharing the channel through Redis
# (a redis-server of its own): a match published to edge A reaches 100 fans
# at edge B. About 10 s.
. ./lib.sh
N=200
MOD=/usr/lib/nginx/modules/ngx_nchan_module.so
for tool in nginx curl make ss shuf; do
	command -v $tool >/dev/null || { not_ok nchan-needs-$tool "$tool is not installed (make test-deps)"; exit 0; }
done
[ -e "$MOD" ] || { not_ok nchan-needs-module "$MOD is missing (libnginx-mod-nchan; make test-deps)"; exit 0; }
make -s -C "$TESTS/.." build/streams >"$T/make.out" 2>&1 ||
	{ not_ok nchan-client-builds "$(tail -5 "$T/make.out")"; exit 0; }
CLIENT=$TESTS/../build/streams

status nchan-import 0 "$TRACKER" import "$DATA/grand-final.json"
TOK=tok-$$-0123456789abcdef
printf 'desk %s\n' "$TOK" >"$T/token"
for m in 15 16 17 18 19 20; do
	printf '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":%d,"map":"Bermuda","results":[{"team":"LOS","placement":1,"kills":10},{"team":"LOUD SNICKERS","placement":2,"kills":3}]}' \
		$m >"$T/m$m.json"
done

# free_port: a random port nobody listens on now (another test may still
# take it first: nginx then says so and nginx_start tries another)
free_port() {
	_s=$(shuf -i 20000-49900 -n 1)
	free_ports 1 "$_s" $((_s + 100))
}
chmod 755 "$T"
NPIDS=
# nginx_start DIR PORT INCLUDE [HTTP LINES]: nginx in its own prefix $T/DIR on
# PORT (0: a free one), with INCLUDE in its server block and the rest proxied
# to the tracker ($TPORT); sets NG_PID and NG_PORT; fails when it cannot start
nginx_start() {
	_dir=$T/$1 _want=$2 _inc=$3 _extra=${4:-}
	mkdir -p "$_dir/tmp"
	for _try in 1 2 3 4 5; do
		NG_PORT=$_want
		[ "$_want" != 0 ] || NG_PORT=$(free_port)
		cat >"$_dir/nginx.conf" <<EOF
load_module $MOD;
$([ "$(id -u)" = 0 ] && echo "user root;")
worker_processes 1;
pid $_dir/nginx.pid;
error_log $_dir/error.log;
events { worker_connections 2048; }
http {
	access_log off;
$(nginx_temp_paths "$_dir")
	$_extra
	include $_dir/site.conf;
}
EOF
		if [ -n "${NG_SITE:-}" ]; then
			# the shipped nginx.conf (its ports and cache directory set) with
			# INCLUDE in place of its own event-stream location
			mkdir -p "$_dir/cache"
			awk -v inc="$_inc" -v port="$NG_PORT" -v tport="$TPORT" -v cache="$_dir/cache" '
				/^\tlocation ~ .*events\$ \{$/ { print "\tinclude " inc ";"; skip = 1; next }
				skip { if ($0 ~ /^\t\}$/) skip = 0; next }
				{
					sub("/var/cache/nginx/tracker", cache)
					if (match($0, /listen 80[ ;]/))
						$0 = substr($0, 1, RSTART + 6) "127.0.0.1:" port substr($0, RSTART + 9)
					sub("server 127.0.0.1:8080;", "server 127.0.0.1:" tport ";")
					print
				}' "$TESTS/../docs/deploy/nginx.conf" >"$_dir/site.conf"
		else
			printf 'server {\n\tlisten 127.0.0.1:%s;\n\tinclude %s;\n\tlocation / { proxy_pass http://127.0.0.1:%s; }\n}\n' \
				"$NG_PORT" "$_inc" "$TPORT" >"$_dir/site.conf"
		fi
		nginx -p "$_dir" -c "$_dir/nginx.conf" -g 'daemon off;' 2>"$_dir/stderr" &
		NG_PID=$!
		NPIDS="$NPIDS $NG_PID"
		for _i in $(seq 50); do
			kill -0 "$NG_PID" 2>/dev/null || break
			[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NG_PORT/")" = 200 ] &&
				! grep -q 'bind()' "$_dir/stderr" && return 0
			sleep 0.1
		done
		nginx_stop "$NG_PID"
		[ "$_want" = 0 ] || return 1
	done
	return 1
}
# nginx_stop PID: stop that nginx and wait for it
nginx_stop() {
	kill -TERM "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}
RPID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; for p in $NPIDS $RPID; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

# The tracker first (nginx proxies the pages to it), publishing to the port
# nginx is to get; when another test took it, the tracker restarts for the
# one nginx got.
NPORT=$(free_port)
start nchan-tracker-starts --token-file "$T/token" \
	--publish "http://127.0.0.1:$NPORT/.tracker/publish"
TPORT=${U#http://127.0.0.1:}
TPORT=${TPORT%/}
CONF=$TESTS/../docs/deploy/nchan.conf
NG_SITE=1 # the main nginx: the shipped nginx.conf with nchan.conf in it
if nginx_start main "$NPORT" "$CONF"; then :; elif nginx_start main 0 "$CONF"; then
	NPORT=$NG_PORT
	stop nchan-tracker-restarts-for-the-port
	start nchan-tracker-starts-again --token-file "$T/token" \
		--publish "http://127.0.0.1:$NPORT/.tracker/publish"
	TPORT=${U#http://127.0.0.1:}
	TPORT=${TPORT%/}
fi
if [ "${NG_PORT:-}" = "$NPORT" ] && kill -0 "$NG_PID" 2>/dev/null; then ok nchan-nginx-starts; else
	not_ok nchan-nginx-starts "$(cat "$T/main/stderr" "$T/main/error.log" 2>/dev/null | tail -5)"
	exit 0
fi
MAIN=$NG_PID
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
# a `tracker import` by another process: the server sees the write (its
# 200 ms poll of the database) and publishes it too
"$CLIENT" -u "$N_URL$EVENTS" -n $N -a 4 -t 10 -w 300 -c "\"$TRACKER\" import \"$T/m20.json\"" \
	>"$T/cli" 2>&1
sed "s/^/# cli: /" "$T/cli"
eq nchan-cli-import-succeeds 0 "$(fig cli cmd_status)"
eq nchan-every-subscriber-got-the-cli-import $N "$(fig cli received)"

# the event the fans got at nginx is the one the tracker's own stream sends:
# the same name and the same data
curl -s -N -m 2 -H 'Accept: text/event-stream' "$N_URL$EVENTS" >"$T/via-nchan" &
cpid=$!
curl -s -N -m 2 "$U$EVENTS" >"$T/direct" &
dpid=$!
sleep 0.3
eq nchan-second-post-stored 201 "$(code "${U}api/v1/matches" -H "Authorization: Bearer $TOK" --data-binary @"$T/m16.json")"
wait $cpid $dpid
data=$(grep '^data: ' "$T/direct" | tail -n 1)
case $data in "data: {"*) ok nchan-direct-stream-has-the-event ;; *) not_ok nchan-direct-stream-has-the-event "$(cat "$T/direct")" ;; esac
eq nchan-same-data-as-the-tracker "$data" "$(grep '^data: ' "$T/via-nchan" | tail -n 1)"
eq nchan-same-event-name "$(grep '^event: ' "$T/direct" | tail -n 1)" "$(grep '^event: ' "$T/via-nchan" | tail -n 1)"
# and it came from nchan (which numbers its messages TIME:TAG), not from the
# tracker's own stream passed through nginx
case $(grep '^id: ' "$T/via-nchan" | tail -n 1) in
"id: "[0-9]*:[0-9]*) ok nchan-fans-served-by-nchan ;;
*) not_ok nchan-fans-served-by-nchan "$(cat "$T/via-nchan") (site.conf: $(grep -n 'include\|events' "$T/main/site.conf"))" ;;
esac
# a page that subscribes after the update (rendered just before it) still gets it, at once
curl -s -N -m 1 -H 'Accept: text/event-stream' "$N_URL$EVENTS" >"$T/late"
contains nchan-late-subscriber-gets-last-event "$data" "$(cat "$T/late")"

# the publisher location answers this machine's loopback address only
eq nchan-publisher-refuses-other-address 403 \
	"$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 -X POST --data x "${N_URL}.tracker/publish")"

# nginx down: the POST is stored at once, the tracker skips the update and says so
nginx_stop "$MAIN"
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
if nginx_start main "$NPORT" "$CONF"; then ok nchan-nginx-restarts; else not_ok nchan-nginx-restarts "$(tail -3 "$T/main/error.log")"; fi
MAIN=$NG_PID
"$CLIENT" -u "$N_URL$EVENTS" -n 20 -a 1 -t 10 -w 300 -P "${U}api/v1/matches" -b "$T/m18.json" \
	-H "Authorization: Bearer $TOK" >"$T/back" 2>&1
sed "s/^/# back: /" "$T/back"
eq nchan-back-every-subscriber-got-it 20 "$(fig back received)"
contains nchan-back-says-so "publishing again (skipped 1 update)" "$(cat "$T/serve.err")"

# Several machines: two nginx edges share the channel through Redis (nchan's
# storage: the shipped locations with nchan_redis_pass added); the tracker
# publishes to edge A, and fans at edge B get the match.
if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
	RPORT=$(free_port)
	mkdir -p "$T/redis"
	redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$T/redis" \
		>"$T/redis/out" 2>&1 &
	RPID=$!
	for _i in $(seq 50); do
		[ "$(redis-cli -p "$RPORT" ping 2>/dev/null)" = PONG ] && break
		sleep 0.1
	done
	sed 's/^\([[:space:]]*\)nchan_channel_id tracker;/&\n\1nchan_redis_pass tracker_redis;/' \
		"$CONF" >"$T/nchan-redis.conf"
	UP="upstream tracker_redis { nchan_redis_server redis://127.0.0.1:$RPORT; }"
	NG_SITE=
	A= B=
	nginx_start edge-a 0 "$T/nchan-redis.conf" "$UP" && A=$NG_PORT
	nginx_start edge-b 0 "$T/nchan-redis.conf" "$UP" && B=$NG_PORT
	if [ -n "$A" ] && [ -n "$B" ]; then ok nchan-redis-edges-start; else
		not_ok nchan-redis-edges-start "$(cat "$T"/edge-*/stderr "$T"/edge-*/error.log 2>/dev/null | tail -5)"
	fi
	stop nchan-tracker-stops-for-the-edges
	start nchan-tracker-publishes-to-edge-a --token-file "$T/token" \
		--publish "http://127.0.0.1:$A/.tracker/publish"
	"$CLIENT" -u "http://127.0.0.1:$B/$EVENTS" -n 100 -a 2 -t 10 -w 500 -P "${U}api/v1/matches" \
		-b "$T/m19.json" -H "Authorization: Bearer $TOK" >"$T/fans-b" 2>&1
	sed "s/^/# fans-b: /" "$T/fans-b"
	eq nchan-redis-post-stored 201 "$(fig fans-b post_status)"
	eq nchan-redis-every-fan-at-edge-b-got-it 100 "$(fig fans-b received)"
else
	not_ok nchan-redis-needs-redis-server "redis-server is not installed (make test-deps)"
fi

stop nchan-tracker-stops-cleanly
nginx_stop "$MAIN"
lacks nchan-sanitizers-quiet "ERROR: AddressSanitizer" "$(cat "$T/serve.err")"
