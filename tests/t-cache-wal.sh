# t-cache-wal.sh: two `tracker serve` processes on one WAL database while
# a third process imports one match at a time. Each server sees each new
# match within its live poll (200 ms; asserted within 600 ms, curl and a
# shared machine included), and neither ever serves a half state: every
# standings answer read during the imports has the kills of exactly the
# matches it says it is after (gen-matches.awk's running totals), and every
# stage page's description names the leader's points as the CLI computes
# them after that match.
. "$TESTS/lib.sh"

awk -f "$TESTS/gen-matches.awk" -v dir="$T" -v stages=1 -v per=5 -v live=15 -v cum="$T/cum" >/dev/null
status "import the roster stage" 0 "$TRACKER" import "$T/stage-01.json"
status "import the first live match" 0 "$TRACKER" import "$T/live-00001.json"
start "server A starts"
PA=$PID UA=$U
start "server B starts"
PB=$PID UB=$U
trap 'kill "$PA" "$PB" 2>/dev/null; rm -rf "$T"' EXIT
API=api/v1/tournaments/crash-cup/stages/live/standings
PAGE=t/crash-cup/live

# read URL OUT: until $T/done exists, the API's "after_match kills" and the
# page's "after points" as lines in OUT (R 1 122, P 1 22, ...)
reader() {
	while [ ! -e "$T/done" ]; do
		curl -s "$1$API" | awk '{ if (match($0, /"after_match":[0-9]+/)) m = substr($0, RSTART + 14, RLENGTH - 14)
			while (match($0, /"kills":[0-9]+/)) { k += substr($0, RSTART + 8, RLENGTH - 8); $0 = substr($0, RSTART + RLENGTH) } }
			END { if (m != "") print "R", m, k }' >>"$2"
		curl -s "$1$PAGE" | sed -n 's/.*<meta property="og:description" content="[^"]* with \([0-9]*\) points after match \([0-9]*\)".*/P \2 \1/p' >>"$2"
	done
}
reader "$UA" "$T/a.log" &
ra=$!
reader "$UB" "$T/b.log" &
rb=$!

# seen URL M: milliseconds until URL's standings are after match M (3000: never)
ms() { echo $(($(date +%s%N) / 1000000)); }
worst=0
for i in $(seq 2 15); do
	f=$(printf '%s/live-%05d.json' "$T" "$i")
	"$TRACKER" import "$f" >/dev/null 2>&1 || not_ok "import live match $i" "exit $?"
	t0=$(ms)
	for u in "$UA" "$UB"; do
		while ! curl -s "$u$API" | grep -q "\"after_match\":$i,"; do
			[ $(($(ms) - t0)) -gt 3000 ] && break
			sleep 0.01
		done
	done
	lat=$(($(ms) - t0))
	[ "$lat" -gt "$worst" ] && worst=$lat
done
touch "$T/done"
wait "$ra" "$rb"
echo "# worst time from an import's end to both servers serving it: $worst ms"
[ "$worst" -le 600 ] && ok "both servers serve each import within 600 ms" ||
	not_ok "both servers serve each import within 600 ms" "worst $worst ms"

# The truth after each match: the running kills, and the leader's points.
for m in $(seq 1 15); do
	"$TRACKER" standings --stage live --after "$m" --format json |
		sed -n 's/.*"points":\([0-9]*\).*/\1/p' | head -1 | sed "s/^/P $m /"
done >"$T/truth"
awk '{ print "R", $2, $3 }' "$T/cum" >>"$T/truth"
for s in a b; do
	n=$(wc -l <"$T/$s.log")
	echo "# server $s: $(grep -c "^P" "$T/$s.log") page and $(grep -c "^R" "$T/$s.log") standings answers; truth: $(head -2 "$T/truth" | tr "\n" " ")"
	bad=$(awk 'NR == FNR { t[$1 " " $2] = $3; next } !(($1 " " $2) in t) || t[$1 " " $2] != $3' "$T/truth" "$T/$s.log" | head -3)
	eq "server $(echo $s | tr ab AB): no half state in $n answers read during the imports" "" "$bad"
	[ "$n" -gt 20 ] && ok "server $(echo $s | tr ab AB): read during the imports" || not_ok "server $(echo $s | tr ab AB): read during the imports" "only $n answers"
done
PID=$PA
stop "server A stops, exit 0"
PID=$PB
stop "server B stops, exit 0"
