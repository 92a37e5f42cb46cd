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
#
# Where the time goes, beside it: the CPU time a request of each server
# (all its threads or processes, /proc/PID/task/*/stat) and of wrk (this
# shell's children), the least of the rounds, and with strace (when
# installed) the system calls a request of each during a 2 s wrk run of
# its own. wrk's CPU counts as much as the server's: with the 2 cores the
# limit, each side serves 2 cores / (server + wrk) a request, so the ratio
# to expect is (tracker + wrk) / (nginx + wrk), the line printed before
# the ROW lines. On a machine shared with other work, req/s follows how the
# scheduler shares the cores more than these costs: compare the ratios of
# one run, and the CPU figures.
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
# nginx's workers, cache manager and loader
nprocs=$(pgrep -P "$npid" | tr '\n' ' ')
hz=$(getconf CLK_TCK)

# ticks PID...: the CPU time (user and system) of every thread of the PIDs
# so far, in clock ticks
ticks() {
	for _p; do cat /proc/"$_p"/task/*/stat 2>/dev/null || true; done | sed 's/.*) //' |
		awk '{ t += $12 + $13 } END { print t + 0 }'
}
# children: the CPU time of this shell's children that ended, in clock ticks
children() { sed 's/.*) //' "/proc/$$/stat" | awk '{ print $14 + $15 }'; }
# per TICKS: TICKS as microseconds a request of wrk's last run ($nreq)
per() { awk -v t="$1" -v hz="$hz" -v n="$nreq" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }'; }
# least A B: the smaller of A and B ("" counts as none)
least() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }

# run URL PID...: wrk on URL; sets rps, cpu (the PIDs' CPU a request, us)
# and wcpu (wrk's)
run() {
	_u=$1
	shift
	_s=$(ticks "$@") _c=$(children)
	wrk -t2 -c64 -d"${DUR}s" "$_u" >"$w/wrk" 2>&1
	_s=$(($(ticks "$@") - _s)) _c=$(($(children) - _c))
	wrk_figures "$w/wrk"
	cpu=$(per "$_s") wcpu=$(per "$_c")
	echo "$_u: ${rps} req/s; CPU a request: ${cpu} us the server, ${wcpu} us wrk${non2xx:+; NON-2XX: $non2xx}"
}

# syscalls URL PID...: "N (CALL N ...)", the system calls a request of the
# PIDs (strace -c -f) during a 2 s wrk run on URL, those of at least 0.05 a
# request named; "-" without strace
syscalls() {
	_u=$1
	shift
	command -v strace >/dev/null || { echo -; return; }
	_a=
	for _p; do _a="$_a -p $_p"; done
	# shellcheck disable=SC2086 # one -p PID per process
	strace -c -f -o "$w/strace" $_a 2>/dev/null &
	_st=$!
	sleep 0.5
	wrk -t2 -c64 -d2s "$_u" >"$w/wrk" 2>&1
	kill -INT "$_st"
	wait "$_st" || true
	wrk_figures "$w/wrk"
	awk -v n="$nreq" '
		$NF == "total" { t = $4 / n; next }
		$4 ~ /^[0-9]+$/ && $4 / n >= 0.05 { s = s sprintf(" %s %.1f", $NF, $4 / n) }
		END { if (n > 0) printf "%.1f (%s)\n", t, substr(s, 2); else print "-" }' "$w/strace"
}

orps=0 nrps=0 reached=0 ocpu='' ncpu='' owcpu='' nwcpu=''
for _r in $(seq "$ROUNDS"); do
	run "$U$PAGE" "$spid"
	awk -v a="$rps" -v b="$orps" 'BEGIN { exit !(a > b) }' && orps=$rps
	ocpu=$(least "$cpu" "$ocpu") owcpu=$(least "$wcpu" "$owcpu")
	before=$(wc -l <"$w/nginx/logs/upstream.log")
	# shellcheck disable=SC2086 # one argument per process
	run "$N$PAGE" $nprocs
	awk -v a="$rps" -v b="$nrps" 'BEGIN { exit !(a > b) }' && nrps=$rps
	ncpu=$(least "$cpu" "$ncpu") nwcpu=$(least "$wcpu" "$nwcpu")
	reached=$((reached + $(tail -n +$((before + 1)) "$w/nginx/logs/upstream.log" | grep -cv '^STALE ')))
done
per=$(awk -v n="$reached" -v t="$((ROUNDS * DUR))" 'BEGIN { printf "%.1f", n / t }')
echo "requests that reached the tracker during the nginx rounds: $reached in $((ROUNDS * DUR)) s"
osys=$(syscalls "$U$PAGE" "$spid")
# shellcheck disable=SC2086 # one argument per process
nsys=$(syscalls "$N$PAGE" $nprocs)
echo "system calls a request: the tracker $osys; nginx $nsys"
echo "CPU a request (least of the rounds): the tracker ${ocpu} us and wrk ${owcpu} us; nginx ${ncpu} us and wrk ${nwcpu} us"
awk -v o="$ocpu" -v ow="$owcpu" -v n="$ncpu" -v nw="$nwcpu" 'BEGIN {
	printf "with the 2 cores the limit (wrk on them too), nginx would serve (%.1f + %.1f) / (%.1f + %.1f) = %.2fx the tracker'"'"'s req/s\n",
		o, ow, n, nw, (o + ow) / (n + nw) }'
printf 'ROW\tnginx proxy_cache, Grand Final page (req/s)\t%.0f\t%.0f\t%s\t>= 1.0x tracker direct\n' \
	"$nrps" "$orps" "$(ratio "$nrps" "$orps")"
printf 'ROW\tnginx proxy_cache: CPU a request (us)\t%s\t%s\t%s\t-\n' "$ncpu" "$ocpu" "$(ratio "$ncpu" "$ocpu")"
printf 'ROW\tnginx proxy_cache: requests reaching the tracker (/s)\t%s\t-\t-\ta handful\n' "$per"
