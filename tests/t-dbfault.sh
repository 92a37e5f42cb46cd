# t-dbfault.sh: a database whose schema text was altered under the program
# (tests/dbfault/*.sql, each naming the commands it breaks) makes each of
# those commands print "tracker: database: ..." and exit 1, without an abort or a
# sanitizer report; import names its file. The same commands on the good
# database still work.
. "$TESTS/lib.sh"

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1
cp "$TRACKER_DB" "$T/good.db"

for f in "$TESTS"/dbfault/*.sql; do
	name=$(basename "$f" .sql)
	cp "$T/good.db" "$T/$name.db"
	sqlite3 "$T/$name.db" <"$f"
	sed -n 's/^-- commands: //p' "$f" | tr ';' '\n' | while read -r cmd; do
		[ -n "$cmd" ] || continue
		# shellcheck disable=SC2086 # a command is words
		status "$name: $cmd: exit 1" 1 "$TRACKER" --db "$T/$name.db" $cmd
		contains "$name: $cmd: says DB" "tracker: database: no such column: " "$OUT"
		lacks "$name: $cmd: no sanitizer report" "Sanitizer" "$OUT"
		# shellcheck disable=SC2086
		status "$name: $cmd: good database" 0 "$TRACKER" --db "$T/good.db" $cmd
	done
done

# The corrections, on the broken databases only (on the good one they would
# change it): refused with the database's words, nothing aborts.
for c in "team-name:teams rename LOS LOSX" "team-name:teams alias LOS L0S" \
	"team-name:teams merge LOS E1" "tournament-name:void --stage grand-final 3 --reason x" \
	"tournament-name:stages remove --stage grand-final"; do
	db=${c%%:*} cmd=${c#*:}
	# shellcheck disable=SC2086 # a command is words
	status "$db: $cmd: exit 1" 1 "$TRACKER" --db "$T/$db.db" $cmd
	contains "$db: $cmd: says database" "tracker: database: no such column: " "$OUT"
	lacks "$db: $cmd: no sanitizer report" "Sanitizer" "$OUT"
done

status "import: exit 1" 1 "$TRACKER" --db "$T/result-placement.db" import "$DATA/grand-final.json"
contains "import: names the file and says DB" "grand-final.json: database: no such column: placement" "$OUT"
lacks "import: no sanitizer report" "Sanitizer" "$OUT"
