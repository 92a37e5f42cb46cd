#!/bin/sh
# run.sh TRACKER: run every tests/bench/bench-*.sh with the given binary.
# Each prints what it measures and lines "ROW<TAB>what<TAB>ours<TAB>reference
# <TAB>ratio<TAB>target"; their other output goes to stderr as it comes, and
# the ROW lines of all of them end up in one aligned table on stdout, under a
# header naming the machine. Benchmarks print; nothing here passes or fails.
set -u
[ $# = 1 ] || { echo "usage: sh tests/bench/run.sh TRACKER" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
status=0
for b in "$here"/bench-*.sh; do
	[ -e "$b" ] || continue
	echo "== $(basename "$b")" >&2
	{ sh "$b" "$bin" || echo "FAILED $(basename "$b")"; } | while IFS= read -r line; do
		case $line in
		ROW"	"*) printf '%s\n' "$line" >>"$rows" ;;
		"FAILED "*) printf 'ROW\t%s\t-\t-\t-\tfailed\n' "${line#FAILED }" >>"$rows" ;;
		*) printf '%s\n' "$line" >&2 ;;
		esac
	done
done
grep -q 'failed$' "$rows" && status=1
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo
echo "tracker benchmarks: $(nproc) CPUs, ${cpu:-unknown CPU}, $(date -u '+%Y-%m-%d %H:%M UTC')"
{ printf 'ROW\tWhat\tOurs\tReference\tRatio\tTarget\n'; cat "$rows"; } | awk -F'\t' '
	{ n++; for (i = 2; i <= NF; i++) { cell[n, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
	END {
		for (r = 1; r <= n; r++) {
			line = sprintf("%-" w[2] "s", cell[r, 2])
			for (i = 3; i <= 6; i++)
				line = line sprintf("  %" (i == 6 ? "-" : "") w[i] "s", cell[r, i])
			print line
			if (r == 1) { s = ""; for (i = 2; i <= 6; i++) s = s sprintf("%" w[i] "s", ""); gsub(/ /, "-", s); print substr(s "--------", 1, length(line)) }
		}
	}'
exit $status
