#!/bin/sh
# run.sh [--check] TRACKER: run every test against the given binary and end
# with one line "N passed, N failed". Each tests/t-*.sh script and each unit
# test prints "ok NAME" or "not ok NAME: why" per case; a script that dies
# without saying so counts as one failure. Each test's line says how long it
# took. --check (make check) leaves out the scripts named in $timed below.
# TESTS_ONLY=NAME runs the tests whose name contains NAME; TRACKER_LONG=1
# adds long variants.
set -u
LC_ALL=C
export LC_ALL
# The scripts that wait on real clocks (kill moments, timeouts, load for a
# duration) or need more than the build's packages (curl, wrk, Chromium).
timed="t-browser t-crash t-desk-browser t-hostile t-load t-web t-web-dbfault"
check=
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
top=$(cd "$(dirname "$0")/.." && pwd)
TRACKER=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TESTS=$top/tests
export TRACKER TESTS
out=$(mktemp)
trap 'rm -f "$out"' EXIT
pass=0
fail=0
only=${TESTS_ONLY:-}

# now_ms: the wall clock in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

count() { # count NAME STATUS START_MS: add what $out says, and a failure if the script died
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	grep '^not ok ' "$out" | sed "s|^|  $1: |"
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$2" != 0 ] && [ "$f" = 0 ]; then
		echo "  $1: exited with status $2"
		fail=$((fail + 1))
	fi
	ms=$(($(now_ms) - $3))
	echo "$1: $p passed, $f failed ($((ms / 1000)).$((ms % 1000 / 100)) s)"
}

for t in "$TESTS"/unit/test-*.c; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .c)
	case $name in *"$only"*) ;; *) continue ;; esac
	t0=$(now_ms)
	bin=$top/build/asan/unit/$name
	if ! make -s -C "$top" "build/asan/unit/$name" >"$out" 2>&1; then
		cat "$out"
		echo "not ok $name: does not build" >"$out"
		count "$name" 1 "$t0"
		continue
	fi
	(cd "$TESTS" && "$bin") >"$out" 2>&1
	count "$name" $? "$t0"
done

for t in "$TESTS"/t-*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	case $name in *"$only"*) ;; *) continue ;; esac
	case " $timed " in *" $name "*) [ -n "$check" ] && continue ;; esac
	t0=$(now_ms)
	(cd "$TESTS" && sh "$t") >"$out" 2>&1
	count "$name" $? "$t0"
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
