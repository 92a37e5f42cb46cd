# t-overlay.sh: the broadcast overlays in a real browser (tests/web/overlay.mjs):
# headless Chromium at 1920x1080 over the real Grand Final stored up to match
# 13; then match 14, imported from the CLI, reaches the open overlays without a
# reload. The screenshots go to $SCREENSHOTS (a directory), else are dropped.
. ./lib.sh

if [ ! -d "$TESTS/web/node_modules/playwright-core" ]; then
	(cd "$TESTS/web" && npm ci --no-audit --no-fund --loglevel=error) >"$T/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/web" "$(tail -5 "$T/npm.log")"; exit 0; }
fi
command -v node >/dev/null || { not_ok "node" "not installed (make test-deps)"; exit 0; }
[ -x /usr/bin/chromium ] || { not_ok "chromium" "/usr/bin/chromium missing (make test-deps)"; exit 0; }

# the Grand Final up to match 13, and match 14 alone (a desk's post after it)
sqlite3 -list :memory: "SELECT json_set(j, '\$.matches', (SELECT json_group_array(json(value))
	FROM json_each(j, '\$.matches') WHERE value->>'match' <= 13)) FROM (SELECT readfile('$DATA/grand-final.json') AS j)" >"$T/gf13.json"
sqlite3 -list :memory: "SELECT json_set(value, '\$.tournament', j->>'tournament', '\$.stage', j->>'stage')
	FROM (SELECT readfile('$DATA/grand-final.json') AS j), json_each(j, '\$.matches') WHERE value->>'match' = 14" >"$T/m14.json"
status "import up to match 13" 0 "$TRACKER" import "$DATA/group-stage.json" "$T/gf13.json"

"$TRACKER" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" &
PID=$!
trap 'kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT
U=$(serving_url "$T/serve.out" "$PID")
[ -n "$U" ] || { not_ok "server starts" "$(cat "$T/serve.err")"; exit 0; }

mkdir -p "${SCREENSHOTS:=$T/shots}"
node "$TESTS/web/overlay.mjs" "$U" "$TRACKER" "$T/m14.json" "$SCREENSHOTS" ||
	not_ok "overlay.mjs ran to its end" "node exited with status $?"

kill -TERM "$PID"
wait "$PID"
eq "server stops cleanly after the browser" 0 "$?"
