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
timed="t-attack t-browser t-cache t-cache-wal t-crash t-desk-browser t-hostile t-live t-live-browser t-load t-nchan t-nginx t-overlay t-streams t-systemd t-vanish t-web t-web-dbfault t-web-render"
check=
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
top=$(cd "$(dirname "$0")/.." && pwd)
TRACKER=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TESTS=$top/tests
export TRACKER TESTS
# JOBS tests at once (TESTS_JOBS, else the CPUs); the timed scripts run
# after them, one at a time, so that no other test shares their clock.
jobs=${TESTS_JOBS:-$(nproc 2>/dev/null || echo 1)}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0
only=${TESTS_ONLY:-}

# now_ms: the wall clock in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# run NAME CMD...: run CMD in tests/, its output in $dir/NAME.out, its exit
# status and time in $dir/NAME.rc and $dir/NAME.ms.
run() {
	_n=$1
	shift
	_t0=$(now_ms)
	(cd "$TESTS" && "$@") >"$dir/$_n.out" 2>&1
	echo $? >"$dir/$_n.rc"
	echo $(($(now_ms) - _t0)) >"$dir/$_n.ms"
}

# count NAME: add what NAME's output says, and a failure if it died
count() {
	_o=$dir/$1.out
	p=$(grep -c '^ok ' "$_o")
	f=$(grep -c '^not ok ' "$_o")
	grep '^not ok ' "$_o" | sed "s|^|  $1: |"
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$(cat "$dir/$1.rc")" != 0 ] && [ "$f" = 0 ]; then
		echo "  $1: exited with status $(cat "$dir/$1.rc")"
		fail=$((fail + 1))
	fi
	ms=$(cat "$dir/$1.ms")
	echo "$1: $p passed, $f failed ($((ms / 1000)).$((ms % 1000 / 100)) s)"
}

# The unit tests' binaries, built first (in parallel; a test that does not
# build says so below).
units=
for t in "$TESTS"/unit/test-*.c; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .c)
	case $name in *"$only"*) ;; *) continue ;; esac
	units="$units $name"
done
[ -z "$units" ] || make -s -C "$top" -j"$jobs" $(for u in $units; do printf ' build/asan/unit/%s' "$u"; done) >/dev/null 2>&1
built=
for name in $units; do
	if ! make -s -C "$top" "build/asan/unit/$name" >"$dir/$name.out" 2>&1; then
		cat "$dir/$name.out"
		echo "not ok $name: does not build" >"$dir/$name.out"
		echo 1 >"$dir/$name.rc"
		echo 0 >"$dir/$name.ms"
		continue
	fi
	built="$built $name"
done
scripts=
serial=
for t in "$TESTS"/t-*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	case $name in *"$only"*) ;; *) continue ;; esac
	case " $timed " in
	*" $name "*) [ -n "$check" ] || serial="$serial $name" ;;
	*) scripts="$scripts $name" ;;
	esac
done

# The correctness tests, $jobs at a time: $jobs workers take the next name
# from one queue (under a mkdir lock), longest first by the times of the last
# run (build/test-times), so that the longest does not start last.
times=$top/build/test-times
for name in $built $scripts; do
	echo "$(awk -v n="$name" '$1 == n { print $2 }' "$times" 2>/dev/null | tail -n 1) $name"
done | sort -k1,1nr -k2 | awk '{ print $NF }' >"$dir/queue"
next() { # the next name of the queue, or fail when it is empty
	until mkdir "$dir/lock" 2>/dev/null; do sleep 0.01; done
	_name=$(head -n 1 "$dir/queue")
	sed -i 1d "$dir/queue"
	rmdir "$dir/lock"
	[ -n "$_name" ] && echo "$_name"
}
worker() {
	while name=$(next); do
		case $name in
		test-*) run "$name" "$top/build/asan/unit/$name" ;;
		*) run "$name" sh "$TESTS/$name.sh" ;;
		esac
	done
}
i=0
while [ "$i" -lt "$jobs" ]; do
	worker &
	i=$((i + 1))
done
wait
for name in $serial; do
	run "$name" sh "$TESTS/$name.sh"
done

for name in $units $scripts $serial; do
	count "$name"
done
[ -n "$only" ] || for name in $built $scripts $serial; do
	echo "$name $(cat "$dir/$name.ms")"
done >"$times" 2>/dev/null

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
