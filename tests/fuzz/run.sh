#!/bin/sh
# run.sh LIMIT [DRIVER...]: build each libFuzzer driver tests/fuzz/fuzz_NAME.c
# (all of them, or the NAMEs given: import, csv, rules, http) with
# clang -fsanitize=fuzzer,address,undefined and run it over its corpus.
# LIMIT is seconds per driver, or "runs=N" for N executions. The corpus grows
# in build/fuzz/corpus/NAME, seeded from tests/fuzz/corpus/NAME, the kept
# crashing inputs in tests/fuzz/regressions/NAME and, for the importer, the
# real data and the bad inputs of tests/import/ (for the CSV importer, the
# CSV files there). Prints each driver's execution count; a crash leaves its input in build/fuzz/ (copy it into
# tests/fuzz/regressions/NAME/ so that `make test` replays it) and makes the
# script exit 1.
set -u
limit=${1:-60}
shift 2>/dev/null
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
out=build/fuzz
drivers=${*:-$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')}
PKGS="sqlite3 libcjson libmicrohttpd"
CFLAGS="-g -O1 -std=c11 -D_GNU_SOURCE -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
INC="-Itracker -Iimporters -Iweb -Ibuild $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lpthread -lm"

case $limit in
runs=*) budget="-runs=${limit#runs=}" ;;
*) budget="-max_total_time=$limit" ;;
esac

# Every source but main.c, instrumented once, linked into each driver.
make -s build/embed.c || exit 1
mkdir -p "$out/obj"
objs=
for src in $(ls tracker/*.c importers/*.c web/*.c 2>/dev/null | grep -v '^tracker/main\.c$') build/embed.c; do
	obj=$out/obj/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
	clang $CFLAGS -fsanitize=fuzzer-no-link,address,undefined $INC -c -o "$obj" "$src" || exit 1
	objs="$objs $obj"
done

status=0
for name in $drivers; do
	bin=$out/fuzz_$name
	clang $CFLAGS -fsanitize=fuzzer,address,undefined $INC -o "$bin" \
		"tests/fuzz/fuzz_$name.c" $objs $LIBS || exit 1
	corpus=$out/corpus/$name
	mkdir -p "$corpus"
	cp tests/fuzz/corpus/"$name"/* tests/fuzz/regressions/"$name"/* "$corpus"/ 2>/dev/null
	if [ "$name" = import ]; then
		# The real data and every bad input small enough to mutate.
		for f in data/*.json $(find tests/import -type f -size -64k 2>/dev/null); do
			cp "$f" "$corpus/seed-$(echo "$f" | tr / _)"
		done
	elif [ "$name" = csv ]; then
		for f in $(find tests/import -type f -name '*.csv' 2>/dev/null); do
			cp "$f" "$corpus/seed-$(echo "$f" | tr / _)"
		done
	fi
	case $name in
	import | csv) maxlen=65536 ;;
	http) maxlen=16384 ;;
	*) maxlen=4096 ;;
	esac
	dict=
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	log=$out/fuzz_$name.log
	echo "fuzz_$name: running ($limit)"
	"$bin" $budget $dict -max_len=$maxlen -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$out/crash-$name-" "$corpus" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	echo "fuzz_$name: ${execs:-?} executions, exit $rc, corpus $(ls "$corpus" | wc -l) files, log $log"
	if [ "$rc" != 0 ]; then
		grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" | head -5
		status=1
	fi
done
exit $status
