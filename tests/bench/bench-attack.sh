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
SECS=${SECS:-20}
SRCS=127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6
. "$(dirname "$0")/lib.sh"
cc -std=c11 -D_GNU_SOURCE -O2 -o "$w/flood" "$here/../hostile/flood.c" "$here/../hostile/net.c"
db=$w/bench.db
"$bin" --db "$db" import "$here/../../data/group-stage.json" "$here/../../data/grand-final.json" \
	>/dev/null 2>&1

# measure PORT SECS ATTACK...: the probe's line during ATTACK into $probe
measure() {
	_p=$1 _s=$2
	shift 2
	"$w/flood" "$@" >"$w/attack" &
	cpid=$!
	sleep 2
	probe=$("$w/flood" probe "$_p" $((_s - 3)) 150 /)
	wait "$cpid" || true
	cpid=
	echo "port $_p, $*: attack: $(cat "$w/attack"); client: $probe" >&2
}
share() { set -- $probe; awk -v a="$6" -v n="$2" 'BEGIN { printf "%.1f", n ? 100 * a / n : 0 }'; }
slowest() { set -- $probe; echo "$8"; }

serve "$db" --max-connections 600 --timeout 4
mkdir -p "$w/www"
curl -sf -o "$w/www/index.html" "$U"

port=$(free_ports 1 20280 20380)
cat >"$w/nginx.conf" <<EOF
$(nginx_main)
worker_rlimit_nofile 4096;
events { worker_connections 300; }
http {
	access_log off;
	keepalive_timeout 4s;
	client_header_timeout 4s;
$(nginx_temp_paths "$w")
	types { text/html html; text/css css; }
	server {
		listen 127.0.0.1:$port;
		root $w/www;
		location /static/ { return 200 "body{}"; }
	}
}
EOF
nginx_up "$w/nginx.conf" "http://127.0.0.1:$port/"

row() { # WHAT: the two ROW lines of the last two probes ($o: ours, $n: nginx)
	probe=$o
	os=$(share) ot=$(slowest)
	probe=$n
	ns=$(share) nt=$(slowest)
	printf 'ROW\t%s: client answered within 1 s (%%)\t%s\t%s\t%s\t>= 99%%\n' "$1" "$os" "$ns" \
		"$(ratio "$os" "$ns")"
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

TRACKER_TOKEN=bench-token-0123456789 serve "$db"
r0=$(mem_kb VmRSS "$spid")
"$w/flood" post "$sport" $SRCS 200 8 >"$w/post" &
cpid=$!
sleep 5
r1=$(mem_kb VmRSS "$spid")
wait "$cpid" || true
cpid=
echo "F2: $(cat "$w/post"); RSS $r0 kB before, $r1 kB during" >&2
awk -v a="$r1" -v b="$r0" 'BEGIN { printf "ROW\tF2 1000 stalled POSTs without a token: RSS (MB, before: reference)\t%.1f\t%.1f\t%.2fx\t< 100 MB\n", a / 1024, b / 1024, a / b }'
unserve
