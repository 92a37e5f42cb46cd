#!/bin/sh
# bench-attack.sh TRACKER: a legitimate client during the connection attacks
# of issue 11 (tests/hostile/flood.c; tests/t-attack.sh asserts the same
# figures), against `tracker serve` and against nginx serving the same home
# page as a static file, with the same connection limit (600: tracker
# --max-connections 600, nginx 2 workers x 300 worker_connections) and the
# same idle timeout (4 s), in the same run:
#   F1   5 addresses x 200 keep-alive connections, a small GET every 3 s
#        each; a connection closed by the server comes back 0.1 s later
#   F1b  the same connections idle; then sending their head a line a second
# The client opens a new connection every 150 ms for one GET of the home
# page: the row is the share of its requests answered 200 within 1 s, and
# the slowest answer. F2: the RSS of a server with the default limits while
# 1,000 POSTs without a token each announce 1 MiB, send all of it but a
# byte and stall, next to its RSS before. SECS (default 20) is F1's length;
# F1b's runs are half that. Stops every process by PID.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
SECS=${SECS:-20}
SRCS=127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6
w=$(mktemp -d)
spid= npid= apid=
cleanup() {
	[ -n "$apid" ] && kill "$apid" 2>/dev/null
	[ -n "$spid" ] && kill -TERM "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
	[ -n "$npid" ] && kill -QUIT "$npid" 2>/dev/null
	sleep 0.2
	rm -rf "$w"
}
trap cleanup EXIT
chmod 755 "$w"
cc -std=c11 -D_GNU_SOURCE -O2 -o "$w/flood" "$here/../hostile/flood.c"
db=$w/bench.db
"$bin" --db "$db" import "$here/../../data/group-stage.json" "$here/../../data/grand-final.json" \
	>/dev/null 2>&1

# serve ARGS...: start tracker serve; sets spid and sport
serve() {
	: >"$w/serve.out"
	"$bin" --db "$db" serve --listen 127.0.0.1:0 "$@" >"$w/serve.out" 2>"$w/serve.err" &
	spid=$!
	sport=
	for _i in $(seq 100); do
		sport=$(sed -n 's/^tracker: serving http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$w/serve.out")
		[ -n "$sport" ] && break
		sleep 0.1
	done
	[ -n "$sport" ] || { echo "tracker serve did not start: $(cat "$w/serve.err")" >&2; exit 1; }
}
unserve() {
	kill -TERM "$spid"
	wait "$spid" || true
	spid=
}

# measure PORT SECS ATTACK...: the probe's line during ATTACK into $probe
measure() {
	_p=$1 _s=$2
	shift 2
	"$w/flood" "$@" >"$w/attack" &
	apid=$!
	sleep 2
	probe=$("$w/flood" probe "$_p" $((_s - 3)) 150 /)
	wait "$apid" || true
	apid=
	echo "port $_p, $*: attack: $(cat "$w/attack"); client: $probe" >&2
}
share() { set -- $probe; awk -v a="$6" -v n="$2" 'BEGIN { printf "%.1f", n ? 100 * a / n : 0 }'; }
slowest() { set -- $probe; echo "$8"; }

serve --max-connections 600 --timeout 4
mkdir -p "$w/www"
curl -sf -o "$w/www/index.html" "http://127.0.0.1:$sport/"

for port in $(seq 20280 20380); do
	[ -z "$(ss -Hltn "sport = :$port")" ] && break
done
cat >"$w/nginx.conf" <<EOF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 2;
worker_rlimit_nofile 4096;
pid $w/nginx.pid;
error_log $w/nginx-error.log;
events { worker_connections 300; }
http {
	access_log off;
	keepalive_timeout 4s;
	client_header_timeout 4s;
	client_body_temp_path $w/tmp;
	proxy_temp_path $w/tmp;
	fastcgi_temp_path $w/tmp;
	uwsgi_temp_path $w/tmp;
	scgi_temp_path $w/tmp;
	types { text/html html; text/css css; }
	server {
		listen 127.0.0.1:$port;
		root $w/www;
		location /static/ { return 200 "body{}"; }
	}
}
EOF
mkdir -p "$w/tmp"
nginx -p "$w" -c "$w/nginx.conf" -g 'daemon off;' 2>"$w/nginx.err" &
npid=$!
for _i in $(seq 100); do
	curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
	sleep 0.1
done

row() { # WHAT: the two ROW lines of the last two probes ($o: ours, $n: nginx)
	probe=$o
	os=$(share) ot=$(slowest)
	probe=$n
	ns=$(share) nt=$(slowest)
	printf 'ROW\t%s: client answered within 1 s (%%)\t%s\t%s\t%s\t>= 99%%\n' "$1" "$os" "$ns" \
		"$(awk -v a="$os" -v b="$ns" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')"
	printf 'ROW\t%s: slowest answer (ms)\t%s\t%s\t-\t<= 1000\n' "$1" "$ot" "$nt"
}
half=$((SECS / 2))
measure "$sport" "$SECS" keepalive "$sport" $SRCS 200 3 "$SECS"
o=$probe
measure "$port" "$SECS" keepalive "$port" $SRCS 200 3 "$SECS"
n=$probe
row "F1 5x200 keep-alive, limit 600"
measure "$sport" "$half" idle "$sport" $SRCS 200 "$half"
o=$probe
measure "$port" "$half" idle "$port" $SRCS 200 "$half"
n=$probe
row "F1b 5x200 idle, limit 600"
measure "$sport" "$half" slow "$sport" $SRCS 200 "$half"
o=$probe
measure "$port" "$half" slow "$port" $SRCS 200 "$half"
n=$probe
row "F1b 5x200 slowloris, limit 600"
unserve

TRACKER_TOKEN=bench-token-0123456789 serve
rss() { sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' /proc/$spid/status; }
r0=$(rss)
"$w/flood" post "$sport" $SRCS 200 8 >"$w/post" &
apid=$!
sleep 5
r1=$(rss)
wait "$apid" || true
apid=
echo "F2: $(cat "$w/post"); RSS $r0 kB before, $r1 kB during" >&2
awk -v a="$r1" -v b="$r0" 'BEGIN { printf "ROW\tF2 1000 stalled POSTs without a token: RSS (MB, before: reference)\t%.1f\t%.1f\t%.2fx\t< 100 MB\n", a / 1024, b / 1024, a / b }'
unserve
