#!/bin/sh
# bench-import.sh TRACKER: `tracker import` against a bare loop (ref-import.c: cJSON, or a
# split at commas for CSV, and prepared INSERTs of the same rows into the same schema, one
# transaction per file with its audit-log row, the connection set as tracker import sets
# it), both built and run here, on the files gen.c writes in every shape an import meets
# (12 teams x 4 players a match): one stage file of 10,000 matches, 100 stage files of 100,
# 1,000 one-match files (each stage's roster first, as a desk posts them) and 100 CSV files
# of 100 matches. Each shape into fresh databases, best of RUNS runs each; the two databases
# must hold the same rows, the log's included. Prints the rates and CPU seconds (user +
# system, for a machine that others load), the one-match files' WAL frames per match, and
# one ROW line per shape (see run.sh).
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
MATCHES=${MATCHES:-10000}
ONE=${ONE:-1000}
RUNS=${RUNS:-3}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT

cc -O2 -o "$w/gen" "$here/gen.c"
# shellcheck disable=SC2046
cc -O2 -o "$w/ref" "$here/ref-import.c" $(pkg-config --cflags --libs libcjson sqlite3)
mkdir "$w/big" "$w/stages" "$w/one" "$w/csv"
"$w/gen" -s json "$MATCHES" "$w/big" "$MATCHES"
"$w/gen" "$w/stages" "$MATCHES"
"$w/gen" -s match 100 "$w/one" "$ONE"
"$w/gen" -s csv 100 "$w/csv" "$MATCHES"

# glibc gives the top of its heap back once 128 KiB of it are free. The bare loop holds the
# whole stage file's cJSON tree below the memory SQLite's statements take and free, and so
# gave it back and took it again (brk) 286,715 times for the 10,000-match file: 60% of its
# time (7.7 s against 2.9 s). Both programs run with the same larger threshold, so neither
# measures that.
export MALLOC_TRIM_THRESHOLD_=67108864
now() { date +%s.%N; }
# fresh NAME: an empty database with the tracker's schema, its path printed
fresh() {
	rm -f "$w/$1.db" "$w/$1.db-wal" "$w/$1.db-shm"
	"$bin" --db "$w/$1.db" tournaments >/dev/null
	echo "$w/$1.db"
}
counts() {
	sqlite3 "$1" "SELECT (SELECT count(*) FROM match), (SELECT count(*) FROM result),
		(SELECT count(*) FROM player_result), (SELECT count(*) FROM team), (SELECT count(*) FROM player),
		(SELECT count(*) FROM team_alias), (SELECT count(*) FROM player_alias),
		(SELECT count(*) FROM stage_team), (SELECT count(*) FROM stage), (SELECT count(*) FROM log)"
}
# rate N A B: N matches in the seconds from A to B, per second
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%d", n / (b - a) }'; }

# shape NAME DIR N WHAT: both importers on DIR's files (N matches), a ROW line
shape() {
	best_ours=0 best_ref=0
	for i in $(seq "$RUNS"); do
		db=$(fresh ours)
		t0=$(now)
		/usr/bin/time -f '%U %S' -o "$w/ours.cpu" "$bin" --db "$db" import "$2"/* >"$w/ours.out"
		t1=$(now)
		ref=$(fresh ref)
		t2=$(now)
		/usr/bin/time -f '%U %S' -o "$w/ref.cpu" "$w/ref" "$ref" "$2"/*
		t3=$(now)
		o=$(rate "$3" "$t0" "$t1") r=$(rate "$3" "$t2" "$t3")
		echo "$1 run $i: tracker import $o matches/s ($(awk '{ print $1 + $2 }' "$w/ours.cpu") s CPU), bare loop $r matches/s ($(awk '{ print $1 + $2 }' "$w/ref.cpu") s CPU) ($(cat "$w/ours.out"))"
		[ "$o" -gt "$best_ours" ] && best_ours=$o
		[ "$r" -gt "$best_ref" ] && best_ref=$r
	done
	c1=$(counts "$db") c2=$(counts "$ref")
	echo "$1 rows (matches|results|player results|teams|players|team aliases|player aliases|roster|stages|log rows): tracker $c1, bare loop $c2"
	if [ "$c1" != "$c2" ]; then
		echo "bench-import: $1: the two databases differ: the comparison is void" >&2
		exit 1
	fi
	printf 'ROW\timport %s (matches/s)\t%s\t%s\t%sx\t>= 0.9x bare loop\n' "$4" "$best_ours" "$best_ref" \
		"$(awk -v a="$best_ours" -v b="$best_ref" 'BEGIN { printf "%.2f", a / b }')"
}

shape big "$w/big" "$MATCHES" "1 file of $MATCHES matches"
shape stages "$w/stages" "$MATCHES" "$((MATCHES / 100)) files of 100 matches"
shape one "$w/one" "$ONE" "$ONE one-match files"
shape csv "$w/csv" "$MATCHES" "CSV, $((MATCHES / 100)) files of 100"

# the one-match files' cost beyond their rows: WAL frames (pages) written per match, tracker
# and bare loop, while a reader's open transaction keeps every frame in the WAL (no
# checkpoint can restart it)
wal() {
	db=$(fresh "$1")
	shift
	rm -f "$w/hold"
	mkfifo "$w/hold"
	sqlite3 "$db" <"$w/hold" >/dev/null &
	reader=$!
	exec 3>"$w/hold"
	echo "BEGIN; SELECT count(*) FROM match;" >&3
	sleep 0.5
	"$@" "$db" "$w"/one/* >/dev/null
	frames=$(($(stat -c %s "$db-wal") / ($(sqlite3 "$db" "PRAGMA page_size") + 24)))
	exec 3>&- # the reader reads its end and leaves
	wait "$reader"
	echo "$frames"
}
ow=$(wal walours sh -c 'b=$0 d=$1; shift; exec "$b" --db "$d" import "$@"' "$bin")
rw=$(wal walref "$w/ref")
echo "one-match files: $ow WAL frames for $ONE matches, $((ow / ONE)) per match (tracker); $rw, $((rw / ONE)) per match (bare loop)"
