# t-cache.sh: the page cache over a socket. F4: distinct ?after=N pages of
# a 2,000-match stage, each a different cache key of about 1-2.4 MB, asked
# for until far more than the budget was served (or the time is up), and
# the server's peak RSS must stay under 150 MB with the default
# --cache-mb 64. Then gzip (curl --compressed gives the very bytes of the
# plain fetch, no more bytes than gzip -6 of the same body, Vary, its own
# ETag, 304 for it), the headers that let a shared cache keep a page, the
# ?v= of a page's re-fetch, and single flight (eight requests at once for
# one page not yet rendered cost about one render, not four).
. "$TESTS/lib.sh"

awk -f "$TESTS/gen-matches.awk" -v dir="$T" -v stages=1 -v per=2000 -v live=0 >/dev/null
status "import a 2,000-match stage" 0 "$TRACKER" import "$T/stage-01.json"
# ASan keeps freed memory in quarantine (256 MB by default), which is no
# memory of the program's: keep it small so that RSS is the program's.
ASAN_OPTIONS=quarantine_size_mb=16:detect_leaks=1 start "server starts (default --cache-mb)"
P=${U}t/crash-cup/stage-01

echo "# RSS at start: $(mem_kb VmRSS "$PID") kB"

# Batches of 8 distinct ?after=N, 4 at a time, from N = 2000 down (the
# biggest pages), for 20 s at most, until 2,000 were asked for or 300 MB
# were served.
n=2000 served=0 asked=0 t0=$(date +%s)
while [ "$n" -gt 0 ] && [ $(($(date +%s) - t0)) -lt 20 ] && [ "$served" -lt 300000000 ]; do
	: >"$T/urls"
	for _i in 1 2 3 4 5 6 7 8; do
		[ "$n" -gt 0 ] && echo "url = \"$P?after=$n\"" >>"$T/urls" && n=$((n - 1)) && asked=$((asked + 1))
	done
	served=$((served + $(curl -s -Z --parallel-max 4 -K "$T/urls" -o /dev/null -o /dev/null \
		-o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null \
		-w '%{size_download}\n' | awk '{ s += $1 } END { print s + 0 }')))
done
echo "# F4: $asked distinct pages asked for in $(($(date +%s) - t0)) s, $((served / 1000000)) MB served; RSS $(mem_kb VmRSS "$PID") kB, peak $(mem_kb VmHWM "$PID") kB"
# A cache bounded by entries (4,096 of them) would have kept all of it: over
# 100 MB of bodies and their gzip twins (about 8% more), with the 15 MB the
# server starts with and the 55 MB that the server holds beyond its cache
# here (renders in progress, answers still being sent, SQLite's page
# caches, ASan's quarantine: peak 135-137 MB with 64 MB cached), make over
# 150 MB.
[ "$served" -gt 100000000 ] && ok "F4: over 100 MB of distinct pages served" ||
	not_ok "F4: over 100 MB of distinct pages served" "only $served bytes in 20 s"
[ "$(mem_kb VmHWM "$PID")" -lt 153600 ] && ok "F4: peak RSS under 150 MB" ||
	not_ok "F4: peak RSS under 150 MB" "VmHWM $(mem_kb VmHWM "$PID") kB"
eq "F4: the server still answers" 200 "$(code "$U")"

# Single flight: one render for eight requests at once of a page not yet
# rendered. A render of that size alone (?after=1 ... are far smaller, so
# the reference is a page of the same size: ?after=N with N just below the
# ones asked above, each rendered alone once).
ms() { echo $(($(date +%s%N) / 1000000)); }
m=$n
t=$(ms)
curl -s -o /dev/null "$P?after=$m"
one=$(($(ms) - t))
m=$((m - 1))
: >"$T/urls"
for _i in 1 2 3 4 5 6 7 8; do echo "url = \"$P?after=$m\"" >>"$T/urls"; done
t=$(ms)
codes=$(curl -s -Z --parallel-max 8 -K "$T/urls" -o /dev/null -o /dev/null -o /dev/null \
	-o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null -w '%{http_code} ')
eight=$(($(ms) - t))
echo "# single flight: one render alone $one ms; eight requests at once for one new page $eight ms"
eq "single flight: the eight answered 200" "200 200 200 200 200 200 200 200 " "$codes"
# Two pool threads rendering eight times would take about four renders.
[ "$eight" -lt $((2 * one + 200)) ] && ok "single flight: eight at once cost about one render" ||
	not_ok "single flight: eight at once cost about one render" "$eight ms against $one ms for one"
stop "server stops, exit 0"

# gzip, on the real data.
export TRACKER_DB=$T/real.db
status "import the real data" 0 "$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json"
start "server on the real data"
for page in grand-final group-stage; do
	u=${U}t/ffws-brazil-2026-split-1/$page
	curl -s -o "$T/plain" -D "$T/plain.h" "$u"
	curl -s --compressed -o "$T/comp" "$u"
	same_file "$page: curl --compressed gives the plain bytes" "$T/plain" "$T/comp"
	code "$u" -H 'Accept-Encoding: gzip' >/dev/null
	cp "$T/head" "$T/gz.h"
	eq "$page: Content-Encoding: gzip" gzip "$(header Content-Encoding)"
	eq "$page: Vary (the language came from Accept-Language)" "Accept-Encoding, Accept-Language" \
		"$(header Vary)"
	gz_etag=$(header ETag)
	cp "$T/body" "$T/gz"
	ours=$(wc -c <"$T/gz") ref=$(gzip -6 -n -c <"$T/plain" | wc -c)
	echo "# $page: $(wc -c <"$T/plain") B plain, $ours B gzip (gzip -6: $ref B)"
	[ "$ours" -le "$ref" ] && ok "$page: no more bytes than gzip -6" ||
		not_ok "$page: no more bytes than gzip -6" "$ours > $ref"
	gunzip -c <"$T/gz" >"$T/gunzip"
	same_file "$page: the gzip body unzips to the plain bytes" "$T/plain" "$T/gunzip"
	cp "$T/plain.h" "$T/head"
	plain_etag=$(header ETag)
	case $gz_etag in "$plain_etag" | "") not_ok "$page: the gzip twin has its own ETag" "$gz_etag" ;;
	*) ok "$page: the gzip twin has its own ETag" ;; esac
	eq "$page: plain answer Vary too" "Accept-Encoding, Accept-Language" "$(header Vary)"
	eq "$page: Cache-Control lets a shared cache keep it" "public, max-age=1" "$(header Cache-Control)"
	eq "$page: 304 for the gzip ETag" 304 "$(code "$u" -H 'Accept-Encoding: gzip' -H "If-None-Match: $gz_etag")"
	eq "$page: the plain ETag is no match for the gzip twin" 200 \
		"$(code "$u" -H 'Accept-Encoding: gzip' -H "If-None-Match: $plain_etag")"
	eq "$page: gzip;q=0 is not sent gzip" "" "$(code "$u" -H 'Accept-Encoding: gzip;q=0, identity' >/dev/null; header Content-Encoding)"
done
eq "a small body (an API error) is not compressed" "" \
	"$(code "${U}api/v1/tournaments/nope/stages/none/standings" -H 'Accept-Encoding: gzip' >/dev/null; header Content-Encoding)"
eq "an error is kept by no cache" no-store "$(header Cache-Control)"
code "${U}api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/standings" -H 'Accept-Encoding: gzip' >/dev/null
eq "API: Cache-Control lets a shared cache keep it" "public, max-age=1" "$(header Cache-Control)"
eq "API: gzip" gzip "$(header Content-Encoding)"

# ?v=N: the version a re-fetch names; the page says the current one (its
# event stream's ?since=).
u=${U}t/ffws-brazil-2026-split-1/grand-final
curl -s -o "$T/plain" "$u"
ev=$(sed -n 's/.*data-events="[^"]*since=\([0-9]*\)".*/\1/p' "$T/plain" | head -1)
case $ev in [0-9]*) ok "the page names the data version ($ev)" ;; *) not_ok "the page names the data version" "$ev" ;; esac
eq "?v= of the current version: 200" 200 "$(code "$u?v=$ev")"
eq "?v= of the current version: a shared cache may keep it" "public, max-age=1" "$(header Cache-Control)"
same_file "?v= of the current version: the page" "$T/plain" "$T/body"
eq "?v= ahead of the server: 200 with what it has" 200 "$(code "$u?v=$((ev + 1000))")"
eq "?v= ahead of the server: kept by no cache" no-store "$(header Cache-Control)"
same_file "?v= ahead of the server: the current page" "$T/plain" "$T/body"
eq "no ?v= after that: still cacheable" "public, max-age=1" "$(code "$u" >/dev/null; header Cache-Control)"
eq "static files: cacheable for 5 minutes" "public, max-age=300" "$(code "${U}static/app.js" >/dev/null; header Cache-Control)"
eq "the event stream: not buffered by a proxy" no \
	"$(curl -s -m 1 -D - -o /dev/null "${U}api/v1/events" 2>/dev/null | tr -d '\r' | sed -n 's/^X-Accel-Buffering: //Ip')"
stop "server on the real data stops, exit 0"
