#!/bin/sh
# gen-db.sh TRACKER MATCHES: print the path of a database holding MATCHES
# matches of `gen -t` (gen.c: a tournament per 1,000 matches), imported by
# TRACKER. Databases are kept in build/bench/, named by the count and by the
# checksum of what gen writes for the first two tournaments, so a rerun
# reuses them and a generator that writes other data makes new ones; the JSON is written and imported 500 files (50,000 matches) at a time
# and deleted after each slice. Progress goes to stderr.
set -eu
bin=$1 n=$2
here=$(cd "$(dirname "$0")" && pwd)
dir=$here/../../build/bench
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
cc -O2 -o "$dir/gen.$$" "$here/gen.c"
mv "$dir/gen.$$" "$dir/gen"
rm -rf "$dir/json-$n"
mkdir "$dir/json-$n"
"$dir/gen" -t "$dir/json-$n" 2000
sum=$(cat "$dir"/json-$n/*.json | cksum | cut -d' ' -f1)
rm -rf "$dir/json-$n"
db=$dir/renders-$n-$sum.db
if [ ! -e "$db" ]; then
	rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
	files=$(((n + 99) / 100)) first=1 t0=$(date +%s)
	while [ "$first" -le "$files" ]; do
		mkdir "$dir/json-$n"
		"$dir/gen" -t "$dir/json-$n" "$n" "$first" 500
		"$bin" --db "$db.tmp" import "$dir"/json-$n/*.json >/dev/null
		rm -rf "$dir/json-$n"
		first=$((first + 500))
		echo "gen-db: $n matches: $(((first - 1) * 100 < n ? (first - 1) * 100 : n)) imported, $(($(date +%s) - t0)) s" >&2
	done
	"$bin" --db "$db.tmp" backup "$db" >/dev/null
	rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
	echo "gen-db: $n matches in $(($(date +%s) - t0)) s, $(du -h "$db" | cut -f1)" >&2
fi
echo "$db"
