#!/bin/sh
# bench-nginx.sh TRACKER: the shipped docs/deploy/nginx.conf in front of
# the release tracker (tests/servers.sh), on the real Grand Final page:
# requests/s through nginx against the tracker direct (wrk -t2 -c64 -d$DUR
# on 127.0.0.1, alternating, best of $ROUNDS rounds each; nginx has two
# workers, the tracker two threads, and wrk shares the same 2 cores), and
# how many requests a second reached the tracker during the nginx rounds
# (nginx's log of upstream requests, background updates included). Prints
# ROW lines (see run.sh); targets: at least the tracker's own req/s, a
# handful a second reaching it. Stops both servers by PID.
set -eu
DUR=${DUR:-10}
ROUNDS=${ROUNDS:-2}
. "$(dirname "$0")/lib.sh"
"$bin" --db "$w/bench.db" import "$here/../../data/group-stage.json" "$here/../../data/grand-final.json" \
	>/dev/null 2>&1
serve "$w/bench.db" --threads 2
hostport=${U#http://}
nginx_front "$w/nginx" "${hostport%/}" "$here/../../docs/deploy/nginx.conf"
npid=$NPID
PAGE=t/ffws-brazil-2026-split-1/grand-final
curl -sf -o "$w/a" "$U$PAGE" && curl -sf -o "$w/b" "$N$PAGE" && cmp -s "$w/a" "$w/b" ||
	{ echo "nginx does not serve the page: $(cat "$w/nginx/stderr" "$w/nginx/logs/error.log" 2>/dev/null)" >&2; exit 1; }

run() {
	wrk -t2 -c64 -d"${DUR}s" "$1" >"$w/wrk" 2>&1
	wrk_figures "$w/wrk"
	echo "$1: ${rps} req/s${non2xx:+, NON-2XX: $non2xx}"
}
orps=0 nrps=0 reached=0
for _r in $(seq "$ROUNDS"); do
	run "$U$PAGE"
	awk -v a="$rps" -v b="$orps" 'BEGIN { exit !(a > b) }' && orps=$rps
	before=$(wc -l <"$w/nginx/logs/upstream.log")
	run "$N$PAGE"
	awk -v a="$rps" -v b="$nrps" 'BEGIN { exit !(a > b) }' && nrps=$rps
	reached=$((reached + $(tail -n +$((before + 1)) "$w/nginx/logs/upstream.log" | grep -cv '^STALE ')))
done
per=$(awk -v n="$reached" -v t="$((ROUNDS * DUR))" 'BEGIN { printf "%.1f", n / t }')
echo "requests that reached the tracker during the nginx rounds: $reached in $((ROUNDS * DUR)) s"
printf 'ROW\tnginx proxy_cache, Grand Final page (req/s)\t%.0f\t%.0f\t%s\t>= 1.0x tracker direct\n' \
	"$nrps" "$orps" "$(ratio "$nrps" "$orps")"
printf 'ROW\tnginx proxy_cache: requests reaching the tracker (/s)\t%s\t-\t-\ta handful\n' "$per"
