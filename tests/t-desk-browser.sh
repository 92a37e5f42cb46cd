# t-desk-browser.sh: the results desk in a real browser (tests/web/desk.mjs):
# headless Chromium at 375x800 enters the real match 14 of the Split 1 Grand
# Final by keyboard into a database holding matches 1 to 13, previews,
# commits and undoes it, then pastes a spreadsheet block into the next form
# and checks what the checks and the importer say beside the fields; it
# prints the keystrokes the entry took. Last, on the corrections page, it
# voids match 13 by keyboard: the standings become those after match 12. The expected standings come from the
# CLI: the full Grand Final imported into another database, and the 13
# matches before the entry.
. ./lib.sh

if [ ! -d "$TESTS/web/node_modules/playwright-core" ]; then
	(cd "$TESTS/web" && npm ci --no-audit --no-fund --loglevel=error) >"$T/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/web" "$(tail -5 "$T/npm.log")"; exit 0; }
fi
command -v node >/dev/null || { not_ok "node" "not installed (make test-deps)"; exit 0; }
[ -x /usr/bin/chromium ] || { not_ok "chromium" "/usr/bin/chromium missing (make test-deps)"; exit 0; }

# The Grand Final without its match 14 (the sqlite3 CLI's JSON functions cut it out).
sql :memory: "SELECT json_set(f, '\$.matches', (SELECT json_group_array(json(value))
	FROM json_each(f, '\$.matches') WHERE json_extract(value, '\$.match') <> 14))
	FROM (SELECT CAST(readfile('$DATA/grand-final.json') AS TEXT) AS f)" >"$T/gf13.json"
status "import the Grand Final but match 14" 0 "$TRACKER" import "$T/gf13.json"
"$TRACKER" standings --stage grand-final --format json >"$T/after13.json"
"$TRACKER" --db "$T/full.db" import "$DATA/grand-final.json" >/dev/null 2>&1
"$TRACKER" --db "$T/full.db" standings --stage grand-final --format json >"$T/full.json"
contains "the full import is after match 14" '"after_match":14' "$(cat "$T/full.json")"
# The standings after matches 1 to 12, for the void of match 13 on the corrections page.
sql :memory: "SELECT json_set(f, '\$.matches', (SELECT json_group_array(json(value))
	FROM json_each(f, '\$.matches') WHERE json_extract(value, '\$.match') < 13))
	FROM (SELECT CAST(readfile('$DATA/grand-final.json') AS TEXT) AS f)" >"$T/gf12.json"
"$TRACKER" --db "$T/m12.db" import "$T/gf12.json" >/dev/null 2>&1
"$TRACKER" --db "$T/m12.db" standings --stage grand-final --format json >"$T/after12.json"
contains "the 12 matches' standings are after match 12" '"after_match":12' "$(cat "$T/after12.json")"

TOKEN="correct horse battery staple"
printf '# who may write\nresults-desk %s\n' "$TOKEN" >"$T/tokens"
: >"$T/serve.out"
"$TRACKER" serve --listen 127.0.0.1:0 --token-file "$T/tokens" >"$T/serve.out" 2>"$T/serve.err" &
PID=$!
trap 'kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT
U=$(serving_url "$T/serve.out" "$PID")
[ -n "$U" ] || { not_ok "server starts" "$(cat "$T/serve.err")"; exit 0; }

node "$TESTS/web/desk.mjs" "$U" "$TOKEN" "$DATA/grand-final.json" "$T/full.json" "$T/after13.json" "$T/after12.json" ||
	not_ok "desk.mjs ran to its end" "node exited with status $?"

kill -TERM "$PID"
wait "$PID"
eq "server stops cleanly after the desk" 0 "$?"
