# t-live-browser.sh: live updates carried by their event, in a real browser
# (tests/web/live.mjs): the Group Stage of the real data with matches
# 1..119 stored, match 120 imported from the CLI while the page is open, in
# English and in Portuguese (other separators and words); the updated page
# must equal a fresh load without having re-fetched itself. Then a page
# refused its stream (--max-streams 1, held by another client) says so and
# polls (tests/web/live-refused.mjs).
. "$TESTS/lib.sh"

if [ ! -d "$TESTS/web/node_modules/playwright-core" ]; then
	(cd "$TESTS/web" && npm ci --no-audit --no-fund --loglevel=error) >"$T/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/web" "$(tail -5 "$T/npm.log")"; exit 0; }
fi
command -v node >/dev/null || { not_ok "node" "not installed (make test-deps)"; exit 0; }
[ -x /usr/bin/chromium ] || { not_ok "chromium" "/usr/bin/chromium missing (make test-deps)"; exit 0; }

# The real Group Stage cut in two: matches 1..119, and match 120 alone.
matches_of "$DATA/group-stage.json" 0 119 >"$T/gs-119.json"
matches_of "$DATA/group-stage.json" 119 120 >"$T/gs-120.json"
for l in en pt-BR; do
	export TRACKER_DB=$T/$l.db
	"$TRACKER" import "$T/gs-119.json" >/dev/null 2>&1
	start "$l: server starts"
	node "$TESTS/web/live.mjs" "$U" "$TRACKER" "$T/gs-120.json" "$DATA/grand-final.json" "$l" ||
		not_ok "$l: live.mjs ran to its end" "node exited with status $?"
	stop "$l: server stops cleanly"
done

# A page refused its stream: another client holds the only one.
export TRACKER_DB=$T/refused.db
"$TRACKER" import "$T/gs-119.json" >/dev/null 2>&1
start "refused: server starts" --max-streams 1
curl -sN "${U}api/v1/events" >/dev/null 2>&1 &
HOLD=$!
sleep 0.3
node "$TESTS/web/live-refused.mjs" "$U" "$TRACKER" "$T/gs-120.json" ||
	not_ok "live-refused.mjs ran to its end" "node exited with status $?"
kill "$HOLD"
stop "refused: server stops cleanly"
