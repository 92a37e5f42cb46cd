# t-web-dbfault.sh: `tracker serve` on a database whose schema text was
# altered under it (tests/dbfault/result-placement.sql) survives a GET of a
# page that reads the altered column: that request answers 500, the server
# goes on serving the pages that do not read it, and once the schema text
# is back (its version bumped, so that the server's connections read it
# again) the same page answers 200. curl on 127.0.0.1, a free port.
. ./lib.sh

PAGE=t/ffws-brazil-2026-split-1/grand-final
API=api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/standings

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1
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
stop "clean stop"
