# t-backup.sh: tracker backup copies the database whole while a server has
# it open and while an import writes to it from another process: the copy
# holds every match committed before it began, only whole files (one
# transaction each), and passes PRAGMA integrity_check. It refuses to
# overwrite a file unless --force. Counts come from the sqlite3 CLI.
. "$TESTS/lib.sh"
PID= IPID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; [ -n "$IPID" ] && kill "$IPID" 2>/dev/null; rm -rf "$T"' EXIT

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1
real=$(sql "$TRACKER_DB" "SELECT count(*) FROM match")
eq "the real data" 134 "$real"

# --- while a server has the database open (its -wal stays beside it)
"$TRACKER" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" &
PID=$!
i=0
while ! grep -qs '^tracker: serving http' "$T/serve.out" && kill -0 "$PID" 2>/dev/null && [ $i -lt 250 ]; do
	sleep 0.02
	i=$((i + 1))
done
contains "server up" "tracker: serving http://127.0.0.1:" "$(cat "$T/serve.out")"
# a write the server has not checkpointed: the last match voided
"$TRACKER" void --stage "Grand Final" 14 --reason "backup test" >/dev/null
status "backup while serving" 0 "$TRACKER" backup "$T/serving.db"
size=$(wc -c <"$T/serving.db" | tr -d ' ')
contains "backup says what it copied" "to $T/serving.db: 134 matches, $size bytes" "$OUT"
eq "backup: every match" "$real" "$(sql "$T/serving.db" "SELECT count(*) FROM match")"
eq "backup: the last write (in the -wal) too" "backup test" "$(sql "$T/serving.db" "SELECT void FROM match WHERE void IS NOT NULL")"
eq "backup: integrity_check" ok "$(sql "$T/serving.db" "PRAGMA integrity_check")"
eq "backup: one file, no -wal beside it" "no" "$([ -e "$T/serving.db-wal" ] && echo yes || echo no)"
kill -TERM "$PID"
wait "$PID"
eq "server stops cleanly" 0 "$?"
PID=

# --- refusing to overwrite
cp "$T/serving.db" "$T/serving.copy"
status "backup: an existing file is refused" 1 "$TRACKER" backup "$T/serving.db"
contains "backup: refusal message" "$T/serving.db exists: name a new file, or --force to replace it" "$OUT"
same_file "backup: the existing file is untouched" "$T/serving.copy" "$T/serving.db"
status "backup --force replaces it" 0 "$TRACKER" backup --force "$T/serving.db"
eq "backup --force: whole" ok "$(sql "$T/serving.db" "PRAGMA integrity_check")"
cp "$TRACKER_DB" "$T/live.copy"
status "backup: never onto the database itself" 1 "$TRACKER" backup --force "$TRACKER_DB"
contains "backup: onto itself, message" "$TRACKER_DB is the database itself: name another file" "$OUT"
same_file "backup: the database is untouched" "$T/live.copy" "$TRACKER_DB"
status "backup: no FILE" 2 "$TRACKER" backup
status "backup: a directory that is not there" 1 "$TRACKER" backup "$T/no/such/dir/x.db"
contains "backup: says why" "cannot create" "$OUT"

# --- while an import runs in another process: 12 files of 40 matches,
# one transaction each
mkdir "$T/gen"
awk -f gen-matches.awk -v dir="$T/gen" -v stages=12 -v per=40 -v live=0 >/dev/null
"$TRACKER" import "$T"/gen/stage-*.json >"$T/import.out" 2>&1 &
IPID=$!
i=0
while [ "$(sql "$TRACKER_DB" "SELECT count(*) FROM match" 2>/dev/null)" = "$real" ] && kill -0 "$IPID" 2>/dev/null && [ $i -lt 500 ]; do
	sleep 0.02
	i=$((i + 1))
done
before=$(sql "$TRACKER_DB" "SELECT count(*) FROM match")
status "backup during an import" 0 "$TRACKER" backup "$T/importing.db"
running=$(kill -0 "$IPID" 2>/dev/null && echo yes || echo no)
wait "$IPID"
eq "the import succeeds" 0 "$?"
IPID=
after=$(sql "$TRACKER_DB" "SELECT count(*) FROM match")
eq "the import stored all" $((real + 480)) "$after"
got=$(sql "$T/importing.db" "SELECT count(*) FROM match")
eq "backup during an import: every match committed before it" 1 "$([ "$got" -ge "$before" ] && [ "$got" -le "$after" ] && echo 1 || echo "0 ($before <= $got <= $after)")"
eq "backup during an import: whole files only" 0 "$(sql "$T/importing.db" "SELECT count(*) FROM (SELECT s.id FROM stage s
	JOIN match m ON m.stage_id = s.id WHERE s.name LIKE 'Stage %' GROUP BY s.id HAVING count(*) <> 40)")"
eq "backup during an import: results of every match" 0 "$(sql "$T/importing.db" "SELECT count(*) FROM match m
	WHERE NOT EXISTS (SELECT 1 FROM result r WHERE r.match_id = m.id)")"
eq "backup during an import: integrity_check" ok "$(sql "$T/importing.db" "PRAGMA integrity_check")"
echo "# backup during an import: $before committed before it, $got in it, $after after; import still running after it: $running"

# --- the log
"$TRACKER" log --format csv >"$T/log.csv"
eq "log: the backups, with their origin" 3 "$(grep -c "^[^,]*,cli,backup,,,,\"copied to " "$T/log.csv")"
