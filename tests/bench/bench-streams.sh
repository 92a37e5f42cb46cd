#!/bin/sh
# bench-streams.sh TRACKER: live event streams on one machine, `tracker serve`
# against nginx with Debian's nchan module holding the same number of
# subscribers, measured by the same client (build/streams, tests/streams.c):
# STREAMS streams (10,000 by default) opened from 101 loopback addresses,
# one update, its delay from the POST to each stream's receipt (p50, p99),
# and the server's RSS with them all held (nginx: master and workers).
# The tracker gets the POST of a new match; nchan gets the same event data
# POSTed to its publisher location. A third round times the deployed path:
# the POST to `tracker serve --publish` and the receipt at nchan's
# subscribers. Both servers have two threads / workers. Prints ROW lines
# (see run.sh); stops every server by PID.
set -eu
. "$(dirname "$0")/lib.sh"
top=$here/../..
N=${STREAMS:-10000}
MOD=/usr/lib/nginx/modules/ngx_nchan_module.so
CLIENT=$top/build/streams
[ -x "$CLIENT" ] || make -s -C "$top" build/streams
[ -e "$MOD" ] || { echo "nginx's nchan module is missing ($MOD: libnginx-mod-nchan)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
db=$w/bench.db
TOK=bench-$$-0123456789abcdef
printf 'bench %s\n' "$TOK" >"$w/token"
"$bin" --db "$db" import "$top/data/grand-final.json" >/dev/null 2>&1
for m in 15 16; do
	printf '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":%d,"map":"Bermuda","results":[{"team":"LOS","placement":1,"kills":10},{"team":"LOUD SNICKERS","placement":2,"kills":3}]}' \
		$m >"$w/m$m.json"
done
EVENTS=api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/events

# nginx + nchan on a free port, as root with its files in $w
port=$(free_ports 1 20280 20380)
cat >"$w/nginx.conf" <<EOF
load_module $MOD;
$(nginx_main)
worker_rlimit_nofile $((N + 1000));
events { worker_connections $((N + 500)); }
http {
	access_log off;
$(nginx_temp_paths "$w")
	server {
		listen 127.0.0.1:$port;
		include $top/docs/deploy/nchan.conf;
	}
}
EOF
nginx_up "$w/nginx.conf"
NU=http://127.0.0.1:$port/
for _i in $(seq 50); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data x "${NU}.tracker/publish")" = 201 ] && break
	sleep 0.1
done
npids="-r $npid $(pgrep -P "$npid" | sed 's/^/-r /' | tr '\n' ' ')"

# serve_capped ARGS...: tracker serve (the cap at N; --max-connections above it)
serve_capped() {
	serve "$db" --threads 2 --token-file "$w/token" --max-connections $((N + 2000)) --max-streams "$N" "$@"
}
fig() {
	sed -n "s/^$2 //p" "$w/$1"
}

serve_capped
"$CLIENT" -u "$U$EVENTS" -n "$N" -t 30 -r "$spid" -P "${U}api/v1/matches" -b "$w/m15.json" \
	-H "Authorization: Bearer $TOK" >"$w/ours"
unserve
printf '{"version":1}' >"$w/event.json"
# shellcheck disable=SC2086
"$CLIENT" -u "$NU$EVENTS" -n "$N" -t 30 $npids -P "${NU}.tracker/publish" -b "$w/event.json" \
	-H "X-EventSource-Event: update" -H "Content-Type: application/json" >"$w/nchan"
serve_capped --publish "${NU}.tracker/publish"
"$CLIENT" -u "$NU$EVENTS" -n "$N" -t 30 -P "${U}api/v1/matches" -b "$w/m16.json" \
	-H "Authorization: Bearer $TOK" >"$w/via"
unserve
for f in ours nchan via; do sed "s/^/$f: /" "$w/$f"; done

mb() { awk -v k="$1" 'BEGIN { if (k != "") printf "%.1f", k / 1024; else print "-" }'; }
row() { printf 'ROW\t%s\t%s\t%s\t%s\t%s\n' "$1" "${2:--}" "${3:--}" "$(ratio "${2:-}" "${3:-}")" "$4"; }
row "event streams held (of $N)" "$(fig ours held)" "$(fig nchan held)" "$N"
row "stream update delivered (of held)" "$(fig ours received)" "$(fig nchan received)" "all"
row "stream delivery p50 (ms)" "$(fig ours p50_ms)" "$(fig nchan p50_ms)" "-"
row "stream delivery p99 (ms)" "$(fig ours p99_ms)" "$(fig nchan p99_ms)" "< 1000 ms"
row "RSS with $N streams (MB)" "$(mb "$(fig ours rss_after_kb)")" "$(mb "$(fig nchan rss_after_kb)")" "< 200 MB"
row "--publish to nchan, delivery p99 (ms)" "$(fig via p99_ms)" "$(fig nchan p99_ms)" "< 1000 ms"
