#!/bin/sh
# run.sh TRACKER: run every test against the given binary and end with one
# line "N passed, N failed". Each tests/t-*.sh script and each unit test
# prints "ok NAME" or "not ok NAME: why" per case; a script that dies
# without saying so counts as one failure. TRACKER_LONG=1 adds long variants.
set -u
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
TRACKER=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TESTS=$top/tests
export TRACKER TESTS
out=$(mktemp)
trap 'rm -f "$out"' EXIT
pass=0
fail=0
only=${TESTS_ONLY:-}

count() { # count NAME: add what $out says, and a failure if the script died
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	grep '^not ok ' "$out" | sed "s|^|  $1: |"
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$2" != 0 ] && [ "$f" = 0 ]; then
		echo "  $1: exited with status $2"
		fail=$((fail + 1))
	fi
	echo "$1: $p passed, $f failed"
}

for t in "$TESTS"/unit/test-*.c; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .c)
	case $name in *"$only"*) ;; *) continue ;; esac
	bin=$top/build/asan/unit/$name
	if ! make -s -C "$top" "build/asan/unit/$name" >"$out" 2>&1; then
		cat "$out"
		echo "not ok $name: does not build" >"$out"
		count "$name" 1
		continue
	fi
	(cd "$TESTS" && "$bin") >"$out" 2>&1
	count "$name" $?
done

for t in "$TESTS"/t-*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	case $name in *"$only"*) ;; *) continue ;; esac
	(cd "$TESTS" && sh "$t") >"$out" 2>&1
	count "$name" $?
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
