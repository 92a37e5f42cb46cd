#!/bin/sh
# bench-scenarios.sh TRACKER: `tracker scenarios` on the real Split 1 final
# after match 13 (12 teams, 3 matches left of 16), as the tracker times it
# itself (TRACKER_TIMING=1 prints "scenarios: N ms": the standings and every
# team's states and words), best of RUNS runs; no brute force can play out
# 3 matches of 12 teams, so there is no reference. Then how often the engine
# decides where the brute force of tests/unit/test-scenarios.c decides, on
# its tiny stages: that test, built against the release objects next to
# TRACKER, prints the counts. Prints one ROW line per figure (see run.sh).
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
RUNS=${RUNS:-9}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT

"$bin" --db "$w/s.db" import "$top/data/grand-final.json" >/dev/null 2>&1
q=
for i in $(seq "$RUNS"); do
	TRACKER_TIMING=1 "$bin" --db "$w/s.db" scenarios --stage "Grand Final" --after 13 \
		2>"$w/err" >/dev/null
	qi=$(sed -n 's/^scenarios: \([0-9.]*\) ms$/\1/p' "$w/err")
	q=$(awk -v a="$qi" -v b="${q:-$qi}" 'BEGIN { print (a < b ? a : b) }')
done
echo "scenarios after match 13 of the final: best of $RUNS: $q ms"
printf 'ROW\tscenarios, 12 teams, 3 matches left (ms)\t%s\t-\t-\t< 50 ms\n' "$q"

# the objects of the sources there are now (the Makefile's SRCS), main's left out
rel=$(dirname "$bin")/rel
objs="$rel/embed.o"
for f in "$top"/tracker/*.c "$top"/importers/*.c "$top"/web/*.c; do
	f=${f#"$top"/}
	[ "$f" = tracker/main.c ] || objs="$objs $rel/${f%.c}.o"
done
# shellcheck disable=SC2086
cc -O2 -std=c11 -D_GNU_SOURCE -I"$top/tracker" -I"$top/tests/unit" \
	$(pkg-config --cflags sqlite3 libcjson) -o "$w/test-scenarios" \
	"$top/tests/unit/test-scenarios.c" $objs $(pkg-config --libs sqlite3 libcjson libmicrohttpd zlib) \
	-lpthread -lm
line=$("$w/test-scenarios" | grep '^brute force decides')
echo "$line"
brute=$(printf '%s\n' "$line" | sed 's/^brute force decides \([0-9]*\) .*/\1/')
ours=$(printf '%s\n' "$line" | sed 's/.*the engine decides \([0-9]*\) of them.*/\1/')
printf 'ROW\tscenarios decided, of those brute force decides\t%s\t%s\t%s\t-\n' "$ours" "$brute" \
	"$(awk -v a="$ours" -v b="$brute" 'BEGIN { printf "%.2f", a / b }')"
