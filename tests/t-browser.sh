# t-browser.sh: the stage page in a real browser (tests/web/browser.mjs):
# headless Chromium at 375x800 on the real Grand Final, then a match imported
# from the CLI shows up on the open page without a reload; then the Rules Cup
# and the Carry Cup (tests/scoring/) at 375 px. The screenshots go to
# $SCREENSHOT (docs/screenshot.png is one such run) and $RULES_SCREENSHOT.
# Then tests/web/pages.mjs: every fan page at 375 and 1366 px, light and
# dark, checked with axe-core, and live when match 16 is imported; its
# screenshots go to $PAGES_SCREENSHOTS (a directory).
. ./lib.sh

if [ ! -d "$TESTS/web/node_modules/playwright-core" ]; then
	(cd "$TESTS/web" && npm ci --no-audit --no-fund --loglevel=error) >"$T/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/web" "$(tail -5 "$T/npm.log")"; exit 0; }
fi
command -v node >/dev/null || { not_ok "node" "not installed (make test-deps)"; exit 0; }
[ -x /usr/bin/chromium ] || { not_ok "chromium" "/usr/bin/chromium missing (make test-deps)"; exit 0; }

"$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json" >/dev/null 2>&1
"$TRACKER" import "$TESTS/scoring/rules-cup-v2.json" "$TESTS/scoring/carry-point-rush.json" \
	"$TESTS/scoring/carry-final.json" >/dev/null 2>&1
: >"$T/serve.out"
"$TRACKER" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" &
PID=$!
trap 'kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT
U=$(serving_url "$T/serve.out" "$PID")
[ -n "$U" ] || { not_ok "server starts" "$(cat "$T/serve.err")"; exit 0; }

printf '%s' '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":15,"day":3,"map":"Bermuda","results":[{"team":"LOS","placement":1,"kills":12},{"team":"LOUD SNICKERS","placement":2,"kills":5},{"team":"RUSH GAMING","placement":3,"kills":4}]}' >"$T/m15.json"
node "$TESTS/web/browser.mjs" "$U" "$TRACKER" "$T/m15.json" "${SCREENSHOT:-$T/screenshot.png}" \
	"${RULES_SCREENSHOT:-$T/rules-cup.png}" ||
	not_ok "browser.mjs ran to its end" "node exited with status $?"
printf '%s' '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":16,"day":3,"map":"Purgatory","results":[{"team":"FLUXO W7M","placement":1,"kills":9},{"team":"LOS","placement":2,"kills":3}]}' >"$T/m16.json"
mkdir -p "${PAGES_SCREENSHOTS:=$T/pages}"
node "$TESTS/web/pages.mjs" "$U" "$TRACKER" "$T/m16.json" "$PAGES_SCREENSHOTS" ||
	not_ok "pages.mjs ran to its end" "node exited with status $?"

kill -TERM "$PID"
wait "$PID"
eq "server stops cleanly after the browser" 0 "$?"
