# t-web-dbfault.sh: `tracker serve` when its database fails under it (issue
# 11, F6 to F8), with curl on 127.0.0.1 and a free port.
# - F8: a schema whose text was altered (tests/dbfault/result-placement.sql,
#   and a schema that no longer parses) answers 500 with the database's
#   words and a stderr line on the pages that read it; the server goes on
#   serving the others and static files, and once the schema text is back
#   the same page answers 200.
# - F6: the database's files moved away or deleted while serving: every
#   write is refused 503 with Retry-After, pages are still read from the
#   files open, stderr says so once (reads alone look once a second), no
#   file is created at the path, and
#   every POST answered 201, also those racing the move, is in the moved
#   file; the files moved back, writes are taken again.
# - F7 (as root, on a small tmpfs): a full disk answers a POST, and the
#   desk's undo, void, unvoid and match entry (each failing at its COMMIT),
#   503 with Retry-After and SQLite's words, never a 4xx or a 500; nothing
#   is half-written (the matches and the audit log, by the sqlite3 CLI);
#   pages and static files are still served, and once there is room the
#   same writes are stored, once each. On a read-only file system the
#   server does not start, and says why. A file system that turns read-only
#   while serving (ext4 on a loop device, an error triggered): a POST and
#   the desk's undo 503 with Retry-After, nothing written, and once it is
#   checked and mounted again the same writes are stored once.
. ./lib.sh

PAGE=t/ffws-brazil-2026-split-1/grand-final
API=api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/standings
TOKEN=dbfault-token-0123456789

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1
cp "$TRACKER_DB" "$T/good.db"
sqlite3 "$TRACKER_DB" <"$TESTS/dbfault/result-placement.sql"

start "serving"
eq "altered: leaderboard 500" 500 "$(code "$U$PAGE")"
eq "altered: standings API 500" 500 "$(code "$U$API")"
contains "altered: the API says what failed" "database: no such column" "$(cat "$T/body")"
if kill -0 "$PID" 2>/dev/null; then ok "altered: the server lives"; else not_ok "altered: the server lives" "$(tail -5 "$T/serve.err")"; fi
eq "altered: the home page, which reads no placement, 200" 200 "$(code "$U")"

v=$(sql "$TRACKER_DB" "PRAGMA schema_version")
sqlite3 "$TRACKER_DB" "PRAGMA writable_schema=ON;
	UPDATE sqlite_schema SET sql = replace(sql, 'placement_x', 'placement') WHERE name = 'result';
	PRAGMA writable_schema=OFF; PRAGMA schema_version=$((v + 1));"
eq "fixed: leaderboard 200" 200 "$(code "$U$PAGE")"
eq "fixed: standings API 200" 200 "$(code "$U$API")"

# The schema text of result made unparsable while serving (its version
# bumped, so that the open connections read it again).
v=$(sql "$TRACKER_DB" "PRAGMA schema_version")
sqlite3 "$TRACKER_DB" "PRAGMA writable_schema=ON;
	UPDATE sqlite_schema SET sql = 'CREATE TABLE result(' WHERE name = 'result';
	PRAGMA writable_schema=OFF; PRAGMA schema_version=$((v + 1));"
sleep 0.5 # the server's watcher sees the change (200 ms polls): its cached pages go
eq "unparsable: standings API 500" 500 "$(code "$U$API")"
contains "unparsable: the API says what failed" "database: malformed database schema (result)" "$(cat "$T/body")"
eq "unparsable: a page 500" 500 "$(code "$U$PAGE/players")"
contains "unparsable: the page says what failed" "malformed database schema" "$(cat "$T/body")"
eq "unparsable: a static file 200" 200 "$(code "${U}static/style.css")"
contains "unparsable: stderr names the request and the fault" \
	"GET /$API: database: malformed database schema (result)" "$(cat "$T/serve.err")"
if kill -0 "$PID" 2>/dev/null; then ok "unparsable: the server lives"; else not_ok "unparsable: the server lives" "$(tail -5 "$T/serve.err")"; fi
stop "altered: clean stop"

# F6. Single-match files of the stage "Live" to POST.
mkdir -p "$T/gen"
awk -f gen-matches.awk -v dir="$T/gen" -v stages=0 -v per=0 -v live=60 >/dev/null
DB=$T/serve.db
cp "$T/good.db" "$DB"
# post N: POST match N, print its status; the body in $T/body, the headers in $T/head.
post() {
	code "${U}api/v1/matches" -H "Authorization: Bearer $TOKEN" \
		--data-binary @"$(printf '%s/gen/live-%05d.json' "$T" "$1")"
}
absent() { # NAME FILE: ok when FILE does not exist
	if [ -e "$2" ]; then not_ok "$1" "$(ls -la "$(dirname "$2")")"; else ok "$1"; fi
}
stored() { # DB: the numbers of the stage Live's matches
	sql "$1" "SELECT m.number FROM match m JOIN stage s ON s.id = m.stage_id WHERE s.name = 'Live' ORDER BY 1"
}
TRACKER_TOKEN=$TOKEN start "moved: serving" --db "$DB"
acked=
for n in 1 2 3; do
	c=$(post $n)
	[ "$c" = 201 ] && acked="$acked $n"
done
eq "moved: 3 POSTs before the move, 201" " 1 2 3" "$acked"
# A poster sends matches 4 to 40 one after another while the files move.
for n in $(seq 4 40); do echo "$(post "$n") $n"; done >"$T/race" &
rpid=$!
sleep 0.3
for f in "" -wal -shm; do mv "$DB$f" "$T/moved.db$f" 2>/dev/null; done
wait $rpid
absent "moved: no file at the path" "$DB"
eq "moved: a POST after the move, 503" 503 "$(post 41)"
eq "moved: with Retry-After" 10 "$(header Retry-After)"
contains "moved: it says why" "deleted or replaced while serving" "$(cat "$T/body")"
eq "moved: the leaderboard still answers, from the files open" 200 "$(code "$U$PAGE" -H 'Cache-Control: no-cache')"
eq "moved: the race's answers are 201 or 503" "" "$(awk '$1 != 201 && $1 != 503' "$T/race")"
racing=$(awk '$1 == 201 { printf " %s", $2 }' "$T/race")
if [ -n "$racing" ] && [ "$(grep -c '^503 ' "$T/race")" -gt 0 ]; then
	echo "# the move landed mid-race:$racing answered 201 before it"
else
	echo "# the move did not land mid-race: $(tr '\n' ' ' <"$T/race")"
fi
lost=$(stored "$T/moved.db" | awk -v want="$acked$racing" 'BEGIN { n = split(want, w, " ") }
	{ s[$1] = 1 } END { for (i = 1; i <= n; i++) if (!(w[i] in s)) printf " %s", w[i] }')
eq "moved: every match answered 201 is in the moved file" "" "$lost"
absent "moved: still no file at the path" "$DB"
eq "moved: stderr says so once" 1 "$(grep -c 'serve.db was deleted or moved while serving: writes are refused' "$T/serve.err")"
# Moved back: the files are those the server opened; writes are taken again.
for f in "" -wal -shm; do mv "$T/moved.db$f" "$DB$f" 2>/dev/null; done
eq "moved back: a POST 201" 201 "$(post 42)"
contains "moved back: stored" " 42" " $(stored "$DB" | tr '\n' ' ')"
# Deleted.
rm -f "$DB" "$DB-wal" "$DB-shm"
eq "deleted: the stage page still answers" 200 "$(code "$U$PAGE")"
sleep 1.1 # reads look at the files once a second
eq "deleted: and again" 200 "$(code "$U$PAGE?lang=es")"
eq "deleted: reads alone make stderr say so" 2 "$(grep -c 'serve.db was deleted or moved while serving' "$T/serve.err")"
eq "deleted: a POST 503" 503 "$(post 43)"
absent "deleted: no file created at the path" "$DB"
# A file now at the path of the -wal (another database's, say) is not the
# server's to delete when it stops.
echo "another database's WAL" >"$DB-wal"
stop "deleted: clean stop"
absent "deleted: no file created at the path by the stop" "$DB"
eq "deleted: the stop leaves the file at the -wal path" "another database's WAL" "$(cat "$DB-wal" 2>&1)"

# A write that waits for the database past --request-timeout: the request
# came in whole, so its answer is not cut (the deadline is the request's
# arrival, not its answer). Another process holds the write lock 1.5 s.
cp "$T/good.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
TRACKER_TOKEN=$TOKEN start "slow write: serving" --db "$DB" --request-timeout 1
( sqlite3 "$DB" ".timeout 100" "BEGIN IMMEDIATE;" ".shell sleep 1.5" "COMMIT;" >/dev/null ) &
hold=$!
sleep 0.2
eq "slow write: answered 201 after waiting for the lock" 201 "$(post 44)"
wait $hold
contains "slow write: stored" " 44" " $(stored "$DB" | tr '\n' ' ')"
stop "slow write: clean stop"

# F7, on a tmpfs of 4 MB of our own (mounting needs root: without it, said and skipped;
# as root, a mount that fails is a failure).
if [ "$(id -u)" != 0 ]; then
	echo "ok full: skipped # SKIP mounting a tmpfs needs root"
	exit 0
fi
SMALL=$T/small
mkdir -p "$SMALL"
if ! mount -t tmpfs -o size=4m tmpfs "$SMALL" 2>"$T/mount.err"; then
	not_ok "full: a tmpfs of 4 MB" "$(cat "$T/mount.err")"
	exit 0
fi
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID"; umount "$SMALL" 2>/dev/null; rm -rf "$T"' EXIT
cp "$T/good.db" "$SMALL/serve.db"
DB=$SMALL/serve.db
TRACKER_TOKEN=$TOKEN start "full: serving" --db "$DB"
eq "full: a POST with room, 201" 201 "$(post 50)"
# desk_login NAME: a desk session on the server at $U (303), for the desk of
# the Grand Final at $D and of the stage Live at $DL: sets C and CS
desk_login() {
	D=${U}desk/ffws-brazil-2026-split-1/grand-final
	DL=${U}desk/crash-cup/live
	eq "$1" 303 "$(code "${U}desk/login" --data-urlencode "token=$TOKEN")"
	C=$(header Set-Cookie | sed 's/;.*//')
	code "$D" -b "$C" >/dev/null
	CS=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
}
# The desk, with a session; match 13 voided while there is room.
desk_login "full: desk login 303"
# desk WHAT FIELD=VALUE...: a desk POST (WHAT: void, fix, commit) with the session; its status
desk() {
	_w=$1
	shift
	for _f; do
		set -- "$@" --data-urlencode "$_f"
		shift
	done
	code "$D/$_w" -b "$C" --data-urlencode "csrf=$CS" "$@"
}
eq "full: the void of match 13 with room, 303" 303 "$(desk fix do=void match=13 reason=rehearsal)"
# The desk's entry of Live match 52 (the match object of its file).
sql :memory: "SELECT json_extract(CAST(readfile('$T/gen/live-00052.json') AS TEXT), '\$.matches[0]')" >"$T/m52.json"
# state: what a write changes, read by the sqlite3 CLI: the matches, the
# audit log's rows and its last, and the void matches with their reasons
state() {
	sql "$DB" "SELECT (SELECT count(*) FROM match) || ' matches, ' || (SELECT count(*) FROM log)
		|| ' log rows (last ' || (SELECT max(id) FROM log) || '), void:'
		|| coalesce((SELECT group_concat(number || '=' || void, ',') FROM
		(SELECT m.number, m.void FROM match m JOIN stage s ON s.id = m.stage_id
		WHERE s.slug = 'grand-final' AND m.void IS NOT NULL ORDER BY 1)), '')"
}
before=$(state)
contains "full: before the fault, match 13 is void" "void:13=rehearsal" "$before"
dd if=/dev/zero of="$SMALL/fill" bs=4096 2>/dev/null # until the disk is full
c=$(post 51)
eq "full: a POST on a full disk, 503" 503 "$c"
eq "full: with Retry-After" 1 "$(header Retry-After)"
contains "full: it says what SQLite said" "database or disk is full" "$(cat "$T/body")"
eq "full: the leaderboard still answers" 200 "$(code "$U$PAGE" -H 'Cache-Control: no-cache')"
# The desk's writes fail at their COMMIT (the WAL cannot grow): each is the
# database's fault for now, 503 with Retry-After, never a 4xx or a 500.
eq "full: the desk's undo (void) of match 14, 503" 503 "$(desk void match=14 "reason=wrong lobby")"
eq "full: the undo: Retry-After" 1 "$(header Retry-After)"
contains "full: the undo says what SQLite said" "database or disk is full" "$(cat "$T/body")"
eq "full: a correction's void of match 12, 503" 503 "$(desk fix do=void match=12 reason=typo)"
eq "full: the void: Retry-After" 1 "$(header Retry-After)"
eq "full: a correction's unvoid of match 13, 503" 503 "$(desk fix do=unvoid match=13)"
eq "full: the unvoid: Retry-After" 1 "$(header Retry-After)"
eq "full: the desk's entry of Live match 52, 503" 503 "$(code "$DL/commit" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/m52.json")"
eq "full: the entry: Retry-After" 1 "$(header Retry-After)"
contains "full: the entry says what SQLite said" "database or disk is full" "$(cat "$T/body")"
eq "full: nothing half-written (matches, log, voids as before)" "$before" "$(state)"
eq "full: the home page still answers" 200 "$(code "$U")"
eq "full: a static file still answers" 200 "$(code "${U}static/style.css")"
if kill -0 "$PID" 2>/dev/null; then ok "full: the server lives"; else not_ok "full: the server lives" "$(tail -5 "$T/serve.err")"; fi
rm -f "$SMALL/fill"
eq "full: the same POST once there is room, 201" 201 "$(post 51)"
eq "full: the same undo once there is room, 303" 303 "$(desk void match=14 "reason=wrong lobby")"
eq "full: the same void, 303" 303 "$(desk fix do=void match=12 reason=typo)"
eq "full: the same unvoid, 303" 303 "$(desk fix do=unvoid match=13)"
eq "full: the same entry, 201" 201 "$(code "$DL/commit" -b "$C" --data-urlencode "csrf=$CS" --data-urlencode "doc@$T/m52.json")"
# Each write stored once: 2 matches (51, 52) and 5 log rows more than before the fault.
# ($7 is before's "N),": the log's last id, each new row the next one)
eq "full: each write stored once" "$(printf '%s' "$before" | awk '{ printf "%d matches, %d log rows (last %d)", $1 + 2, $3 + 5, $7 + 5 }'), void:12=typo,14=wrong lobby" "$(state)"
eq "full: the log rows are those writes, in order" "post void void unvoid desk" "$(sql "$DB" "SELECT action FROM log ORDER BY id DESC LIMIT 5" | tac | tr '\n' ' ' | sed 's/ $//')"
eq "full: the undo again is refused (void already), 400" 400 "$(desk void match=14 "reason=wrong lobby")"
stop "full: clean stop"
eq "full: every match answered 201 is stored" "50 51 52" "$(stored "$DB" | tr '\n' ' ' | sed 's/ $//')"
# A file system read-only from the start (Linux refuses to make one
# read-only while a server has its files open for writing): the server says
# so and exits 1.
mount -o remount,ro "$SMALL"
status "read-only: serve exits 1" 1 "$TRACKER" --db "$DB" serve --listen 127.0.0.1:0
contains "read-only: it names the file" "$DB: " "$OUT"
umount "$SMALL"

# Read-only while serving: Linux makes a file system read-only under open
# files only when it fails, as ext4 with errors=remount-ro does on an error
# (here triggered through sysfs, on an ext4 image of our own on a loop
# device). SQLite's writes then fail with EROFS (SQLITE_IOERR_WRITE): a POST
# and the desk's undo answer 503 with Retry-After, pages and static files
# are still served, nothing is written; the file system stays read-only
# until it is checked and mounted again, after which, served anew, the
# same writes are stored once.
RO=$T/ro
mkdir -p "$RO"
truncate -s 32M "$T/ro.img"
if ! mkfs.ext4 -q -F "$T/ro.img" 2>"$T/mkfs.err" || ! mount -o loop,errors=remount-ro "$T/ro.img" "$RO" 2>>"$T/mkfs.err"; then
	not_ok "read-only mid-serve: an ext4 image on a loop device" "$(cat "$T/mkfs.err")"
	exit 0
fi
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID"; umount "$RO" 2>/dev/null; rm -rf "$T"' EXIT
cp "$T/good.db" "$RO/serve.db"
DB=$RO/serve.db
sync -f "$DB" # the database as copied is on the disk before it is served
TRACKER_TOKEN=$TOKEN start "read-only mid-serve: serving" --db "$DB"
desk_login "read-only mid-serve: desk login 303"
eq "read-only mid-serve: a POST while writable, 201" 201 "$(post 55)"
before=$(state)
# The failing file system drops what it had not written yet, as a power
# cut would: what the server acknowledged must be on the disk already.
echo 1 2>"$T/trigger.err" >"/sys/fs/ext4/$(basename "$(findmnt -no SOURCE "$RO")")/trigger_fs_error" ||
	not_ok "read-only mid-serve: an ext4 error triggered" "$(cat "$T/trigger.err")"
if touch "$RO/probe" 2>/dev/null; then
	not_ok "read-only mid-serve: the file system is read-only" "a file was created"
else
	ok "read-only mid-serve: the file system is read-only"
fi
eq "read-only mid-serve: a POST, 503" 503 "$(post 56)"
eq "read-only mid-serve: the POST: Retry-After" 1 "$(header Retry-After)"
contains "read-only mid-serve: it says what SQLite said" "disk I/O error" "$(cat "$T/body")"
eq "read-only mid-serve: the desk's undo of match 14, 503" 503 "$(desk void match=14 "reason=wrong lobby")"
eq "read-only mid-serve: the undo: Retry-After" 1 "$(header Retry-After)"
eq "read-only mid-serve: the leaderboard still answers" 200 "$(code "$U$PAGE" -H 'Cache-Control: no-cache')"
eq "read-only mid-serve: the home page still answers" 200 "$(code "$U")"
eq "read-only mid-serve: a static file still answers" 200 "$(code "${U}static/style.css")"
if kill -0 "$PID" 2>/dev/null; then ok "read-only mid-serve: the server lives"; else not_ok "read-only mid-serve: the server lives" "$(tail -5 "$T/serve.err")"; fi
stop "read-only mid-serve: clean stop"
# e2fsck exits 1 when it repaired something (the error recorded), 0 when there was nothing
if ! umount "$RO" 2>"$T/remount.err" || { e2fsck -fy "$T/ro.img" >"$T/fsck.out" 2>&1; [ $? -gt 1 ]; } ||
	! mount -o loop "$T/ro.img" "$RO" 2>>"$T/remount.err"; then
	not_ok "read-only mid-serve: checked and mounted again" "$(cat "$T/remount.err" "$T/fsck.out")"
	exit 0
fi
eq "read-only mid-serve: the POST answered 201 kept, nothing else written (matches, log, voids)" "$before" "$(state)"
TRACKER_TOKEN=$TOKEN start "read-only, checked and mounted again: serving" --db "$DB"
desk_login "mounted again: desk login 303"
eq "mounted again: the same POST, 201" 201 "$(post 56)"
eq "mounted again: the same undo, 303" 303 "$(desk void match=14 "reason=wrong lobby")"
stop "mounted again: clean stop"
eq "mounted again: each write stored once" "$(printf '%s' "$before" | awk '{ printf "%d matches, %d log rows (last %d)", $1 + 1, $3 + 2, $7 + 2 }'), void:14=wrong lobby" "$(state)"
umount "$RO"
