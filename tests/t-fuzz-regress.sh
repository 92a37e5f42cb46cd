#!/bin/sh
# t-fuzz-regress.sh: every fuzz driver (tests/fuzz/fuzz_NAME.c) built with
# the test build's compiler, ASan and UBSan, and tests/fuzz/replay.c instead
# of libFuzzer, replays each crashing input kept in
# tests/fuzz/regressions/NAME/ (one case per input) and then its whole seed
# corpus (the importer's also gets the real data and the bad inputs of
# tests/import/, the CSV importer's the CSV files there). A case fails when
# the driver aborts, a sanitizer reports, or nothing was replayed.
. ./lib.sh
top=$TESTS/..

# replay NAME CASE ARGS...: run the replay binary of driver NAME over ARGS.
replay() {
	_bin=$top/build/asan/fuzz/fuzz_$1 _case=$2
	shift 2
	"$_bin" "$@" >"$T/replay.out" 2>&1
	_rc=$?
	_n=$(sed -n 's/^replayed \([0-9]*\) inputs$/\1/p' "$T/replay.out")
	if [ "$_rc" = 0 ] && [ "${_n:-0}" -gt 0 ]; then
		ok "$_case"
	else
		not_ok "$_case" "exit $_rc after $(grep '^replay: ' "$T/replay.out" | tail -1): $(grep -v '^replay: ' "$T/replay.out" | head -30)"
	fi
}

for src in "$TESTS"/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	if ! make -s -C "$top" "build/asan/fuzz/fuzz_$name" >"$T/build.out" 2>&1; then
		not_ok "fuzz-$name-builds" "$(head -30 "$T/build.out")"
		continue
	fi
	for f in "$TESTS/fuzz/regressions/$name"/*; do
		[ -f "$f" ] || continue
		replay "$name" "fuzz-$name-regression-$(basename "$f")" "$f"
	done
	extra=
	if [ "$name" = import ]; then
		extra="$DATA/group-stage.json $DATA/grand-final.json"
		[ -d "$TESTS/import" ] && extra="$extra $(find "$TESTS/import" -type f -size -1024k | sort)"
	elif [ "$name" = csv ]; then
		extra=$(find "$TESTS/import" -type f -name '*.csv' | sort)
	fi
	replay "$name" "fuzz-$name-corpus" "$TESTS/fuzz/corpus/$name" $extra
done
