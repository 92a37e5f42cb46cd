#!/bin/sh
# t-streams.sh: how many live event streams one `tracker serve` holds with its
# default --max-streams, and what they cost. tests/streams.c (the load client)
# opens the streams from 101 source addresses (127.1.0.x, under the 200 per
# address), POSTs one new match and times its update event at every stream,
# then closes 1,000 streams and times until 1,000 new ones are held again.
#
# The figures are the release build's (build/tracker, what `make install`
# ships): 10,000 streams held, one more refused (503), RSS under 200 MB,
# every stream told of the match, p99 within 1 s of the POST, and the 1,000
# slots of departed clients free again within 5 s. The binary under test
# ($TRACKER, ASan) then does the same at --max-streams 2000 and must stop cleanly
# with its sanitizers quiet, and a parked stream's socket must have TCP
# keepalive on (a vanished client found within about 5 s). About 12 s.
. ./lib.sh
N=10000
for tool in make curl; do
	command -v $tool >/dev/null || { not_ok streams-needs-$tool "$tool is not installed"; exit 0; }
done
make -s -C "$TESTS/.." build/tracker build/streams >"$T/make.out" 2>&1 ||
	{ not_ok streams-client-builds "$(tail -5 "$T/make.out")"; exit 0; }
REL=$TESTS/../build/tracker
CLIENT=$TESTS/../build/streams
# 10,000 streams and the client's as many sockets: both need the descriptors
ulimit -n "$(ulimit -Hn)" 2>/dev/null
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((N + 500)) ]; then
	not_ok streams-descriptors "only $(ulimit -n) file descriptors allowed (ulimit -Hn); $N streams need $((N + 500))"
	exit 0
fi

status streams-import 0 "$TRACKER" import "$DATA/grand-final.json"
TOK=tok-$$-0123456789abcdef
printf 'desk %s\n' "$TOK" >"$T/token"
EVENTS=api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/events
# match 15 and 16 of the Grand Final: new, so each POST stores one (201) and
# announces it
for m in 15 16; do
	printf '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":%d,"map":"Bermuda","results":[{"team":"LOS","placement":1,"kills":10},{"team":"LOUD SNICKERS","placement":2,"kills":3}]}' \
		$m >"$T/m$m.json"
done

# load BINARY NAME N MATCH [SERVE ARGS]: serve with BINARY (its default
# limits unless SERVE ARGS), run the client with N streams, its figures in $T/NAME
load() {
	l_bin=$1 l_name=$2 l_n=$3 l_m=$4
	shift 4
	_under_test=$TRACKER
	TRACKER=$l_bin
	start "$l_name-server-starts" --token-file "$T/token" "$@"
	TRACKER=$_under_test
	"$CLIENT" -u "$U$EVENTS" -n "$l_n" -x -d 1000 -t 15 -r "$PID" \
		-P "${U}api/v1/matches" -b "$T/m$l_m.json" -H "Authorization: Bearer $TOK" \
		>"$T/$l_name" 2>&1
	sed "s/^/# $l_name: /" "$T/$l_name"
}
# fig NAME KEY: the client's figure KEY
fig() {
	sed -n "s/^$2 //p" "$T/$1"
}
# below NAME VALUE LIMIT: ok when VALUE is a number under LIMIT
below() {
	if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v != "" && v >= 0 && v + 0 < l + 0) }'; then
		ok "$1"
	else
		not_ok "$1" "'$2', expected under $3"
	fi
}

load "$REL" release $N 15
eq streams-default-cap-holds-10000 $N "$(fig release held)"
eq streams-one-more-refused-503 503 "$(fig release extra_status)"
eq streams-post-stored 201 "$(fig release post_status)"
eq streams-every-stream-told $N "$(fig release received)"
below streams-delivery-p99-under-1s "$(fig release p99_ms)" 1000
below streams-rss-under-200mb "$(fig release rss_after_kb)" 204800
below streams-departed-freed-within-5s "$(fig release freed_ms)" 5000
eq streams-none-dropped-by-server 0 "$(fig release closed_held)"
stop streams-release-stops-cleanly

load "$TRACKER" asan 2000 16 --max-streams 2000
eq streams-asan-held 2000 "$(fig asan held)"
eq streams-asan-one-more-refused-503 503 "$(fig asan extra_status)"
eq streams-asan-every-stream-told 2000 "$(fig asan received)"
below streams-asan-departed-freed-within-5s "$(fig asan freed_ms)" 5000
# a parked stream's socket has TCP keepalive on, first probe within 3 s, so
# that a client whose network vanished is found (ss shows the timer)
if command -v ss >/dev/null; then
	curl -s -N -m 10 "$U$EVENTS" >/dev/null &
	cpid=$!
	sleep 1
	port=${U#http://127.0.0.1:}
	port=${port%/}
	for _i in 1 2 3 4 5 6 7 8 9 10; do
		timer=$(ss -Htno state established "( sport = :$port )" | grep -o 'timer:(keepalive,[^)]*)' | head -1)
		[ -n "$timer" ] && break
		sleep 0.2
	done
	kill $cpid
	wait $cpid 2>/dev/null
	# e.g. timer:(keepalive,2.9sec,0), timer:(keepalive,2sec,0), timer:(keepalive,850ms,0)
	secs=$(printf '%s' "$timer" | sed -n 's/^timer:(keepalive,\([0-9.]*\)\(ms\|sec\),.*/\1 \2/p' |
		awk '{ print $2 == "ms" ? $1 / 1000 : $1 }')
	if [ -n "$secs" ] && awk -v s="$secs" 'BEGIN { exit !(s <= 3) }'; then
		ok streams-keepalive-on-parked-stream
	else
		not_ok streams-keepalive-on-parked-stream "ss says '$timer'"
	fi
else
	not_ok streams-keepalive-needs-ss "ss is not installed (make test-deps: iproute2)"
fi
stop streams-asan-stops-cleanly
lacks streams-sanitizers-quiet "ERROR: AddressSanitizer" "$(cat "$T/serve.err")"
lacks streams-ubsan-quiet "runtime error" "$(cat "$T/serve.err")"
