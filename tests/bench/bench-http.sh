#!/bin/sh
# bench-http.sh TRACKER: requests/s and p99 latency of `tracker serve` for the
# real Grand Final's leaderboard page and its standings JSON, against nginx
# serving the very same bytes as static files, in the same run: wrk -t2 -c64
# -d$DUR on 127.0.0.1 against each of the four, alternating, best of
# $ROUNDS rounds each (the machine is shared). Both servers get two
# workers. Prints what it measured and ROW lines (see run.sh); target: at
# least 0.7x nginx's requests/s. Stops both servers by PID.
set -eu
DUR=${DUR:-10s}
ROUNDS=${ROUNDS:-2}
. "$(dirname "$0")/lib.sh"
db=$w/bench.db
PAGE=t/ffws-brazil-2026-split-1/grand-final
API=api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/standings

"$bin" --db "$db" import "$here/../../data/group-stage.json" "$here/../../data/grand-final.json" \
	>/dev/null 2>&1
serve "$db" --threads 2

mkdir -p "$w/www"
curl -sf -o "$w/www/grand-final.html" "$U$PAGE"
curl -sf -o "$w/www/standings.json" "$U$API"

# nginx on the first free port from 20080, as root with its files in $w.
port=$(free_ports 1 20080 20180)
cat >"$w/nginx.conf" <<EOF
$(nginx_main)
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000000;
$(nginx_temp_paths "$w")
	types { text/html html; application/json json; }
	server {
		listen 127.0.0.1:$port;
		root $w/www;
	}
}
EOF
N=http://127.0.0.1:$port/
nginx_up "$w/nginx.conf" "${N}standings.json"
curl -sf -o "$w/n.html" "${N}grand-final.html" && cmp -s "$w/n.html" "$w/www/grand-final.html" ||
	{ echo "nginx does not serve the page: $(cat "$w/nginx.err" "$w/nginx-error.log" 2>/dev/null)" >&2; exit 1; }
echo "same bytes: page $(wc -c <"$w/www/grand-final.html") B, standings $(wc -c <"$w/www/standings.json") B"

# run URL: wrk; sets rps and p99 (ms)
run() {
	wrk -t2 -c64 -d"$DUR" --latency "$1" >"$w/wrk" 2>&1
	wrk_figures "$w/wrk"
	p99=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
		m = u == "us" ? v / 1000 : u == "s" ? v * 1000 : v; printf "%.2f", m }' "$w/wrk")
	echo "$1: ${rps} req/s, p99 ${p99} ms${non2xx:+, NON-2XX: $non2xx}"
}

# pair WHAT OURS_URL NGINX_URL: ROUNDS rounds of ours then nginx (the machine is
# shared, so each side keeps its best round), then the two ROW lines.
pair() {
	orps=0 nrps=0 op99=- np99=-
	for _r in $(seq "$ROUNDS"); do
		run "$2"
		if awk -v a="$rps" -v b="$orps" 'BEGIN { exit !(a > b) }'; then orps=$rps op99=$p99; fi
		run "$3"
		if awk -v a="$rps" -v b="$nrps" 'BEGIN { exit !(a > b) }'; then nrps=$rps np99=$p99; fi
	done
	printf 'ROW\tHTTP %s (req/s)\t%.0f\t%.0f\t%s\t>= 0.7x nginx\n' "$1" "$orps" "$nrps" \
		"$(ratio "$orps" "$nrps")"
	printf 'ROW\tHTTP %s p99 (ms)\t%s\t%s\t%s\t-\n' "$1" "$op99" "$np99" "$(ratio "$op99" "$np99")"
}

pair "leaderboard HTML" "$U$PAGE" "${N}grand-final.html"
pair "standings JSON" "$U$API" "${N}standings.json"
