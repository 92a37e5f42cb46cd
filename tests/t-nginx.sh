# t-nginx.sh: the shipped docs/deploy/nginx.conf in front of the tracker,
# with the real nginx in a prefix of its own (the file templated only for
# its ports and cache directory). During a wrk run through nginx only a
# handful of requests per second reach the tracker (counted in nginx's own
# log of upstream requests, its background updates included: the count
# that the no-cache plan failed, every request queued behind a revalidation);
# req/s through nginx and direct are printed, not judged (tests do not time
# things: tests/bench/bench-nginx.sh compares them); a match POSTed to the tracker shows
# through nginx within a second; a re-fetch naming the new data version
# (?v=N) gets the new page at once; an event stream passes through as it
# comes.
. "$TESTS/lib.sh"
command -v nginx >/dev/null || { not_ok "nginx installed" "no nginx (make test-deps)"; exit 0; }

TOK=nginx-test-$$-0123456789
status "import the real data" 0 "$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json"
TRACKER_TOKEN=$TOK start "tracker starts"
TU=$U
hostport=${U#http://}
hostport=${hostport%/}

nginx_front "$T/nginx" "$hostport" "$TESTS/../docs/deploy/nginx.conf"
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; kill -QUIT "$NPID" 2>/dev/null; sleep 0.2; rm -rf "$T"' EXIT
PAGE=t/ffws-brazil-2026-split-1/grand-final
API=api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final
eq "nginx answers the page" 200 "$(code "$N$PAGE")"
curl -s -o "$T/direct" "$TU$PAGE"
same_file "nginx: the tracker's bytes" "$T/direct" "$T/body"
# HIT, or STALE when the second fetch falls in the next second (answered
# from the copy while a background request revalidates it)
case $(code "$N$PAGE" >/dev/null; header X-Cache-Status) in
HIT | STALE) ok "nginx: the second fetch comes from nginx's cache" ;;
*) not_ok "nginx: the second fetch comes from nginx's cache" "X-Cache-Status: $(header X-Cache-Status)" ;;
esac
eq "nginx: gzip from the tracker, cached as a variant" gzip \
	"$(code "$N$PAGE" -H 'Accept-Encoding: gzip' >/dev/null; header Content-Encoding)"
eq "nginx: the plain variant stays plain" "" "$(code "$N$PAGE" >/dev/null; header Content-Encoding)"

# wrk: direct, then through nginx; requests that reached the tracker during
# the second run counted in nginx's log.
DUR=5
wrk -t2 -c32 -d${DUR}s "$TU$PAGE" >"$T/wrk.direct" 2>&1
before=$(wc -l <"$T/nginx/logs/upstream.log")
wrk -t2 -c32 -d${DUR}s "$N$PAGE" >"$T/wrk.nginx" 2>&1
sleep 0.2
reached=$(tail -n +$((before + 1)) "$T/nginx/logs/upstream.log" | grep -cv '^STALE ')
wrk_figures "$T/wrk.direct"
d=$rps
wrk_figures "$T/wrk.nginx"
n=$rps
echo "# wrk -t2 -c32 -d${DUR}s, the Grand Final page: direct $d req/s, through nginx $n req/s; $reached requests reached the tracker during the nginx run"
tail -n +$((before + 1)) "$T/nginx/logs/upstream.log" | grep -v '^STALE ' | head -20 | sed 's/^/# /'
grep -q 'Non-2xx' "$T/wrk.nginx" && not_ok "nginx: every answer 2xx" "$(grep Non-2xx "$T/wrk.nginx")" ||
	ok "nginx: every answer 2xx"
# a handful per second: about one per second per page (X-Accel-Expires:
# the end of the current second), and its background update
[ "$reached" -le $((3 * DUR)) ] && ok "nginx: a handful of requests per second reach the tracker" ||
	not_ok "nginx: a handful of requests per second reach the tracker" "$reached in ${DUR} s"
# A POSTed match shows through nginx within a second, under a steady
# reader (each poll 20 ms apart, as a crowd would keep the entry warm).
worst=0
for m in 15 16 17; do
	curl -s -o /dev/null "$N$API/standings"
	sleep 0.$((m * 7 % 10))
	printf '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":%d,"map":"Purgatory","results":[{"team":"LOS","placement":1,"kills":5}]}' "$m" >"$T/m.json"
	c=$(code "${TU}api/v1/matches" -H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' --data-binary @"$T/m.json")
	t0=$(($(date +%s%N) / 1000000))
	[ "$c" = 201 ] || not_ok "POST match $m" "$c $(cat "$T/body")"
	seen=
	while [ $(($(date +%s%N) / 1000000 - t0)) -lt 3000 ]; do
		curl -s "$N$API/standings" | grep -q "\"after_match\":$m," && seen=$(($(date +%s%N) / 1000000 - t0)) && break
		sleep 0.02
	done
	echo "# match $m: through nginx after ${seen:-over 3000} ms"
	[ -n "$seen" ] && [ "$seen" -gt "$worst" ] && worst=$seen
	[ -n "$seen" ] || worst=9999
done
# nginx keeps a copy to the end of the second it got it in, so a match
# shows at the next second's revalidation: within 1 s of the POST, plus
# that revalidation and this loop's 20 ms polls (100 ms allowed for them).
[ "$worst" -le 1100 ] && ok "a POSTed match shows through nginx within 1 s (worst ${worst} ms)" ||
	not_ok "a POSTed match shows through nginx within 1 s" "worst ${worst} ms"

# A re-fetch naming the version of the event gets the new page at once.
v=$(curl -s "$TU$PAGE" | sed -n 's/.*events?since=\([0-9]*\)".*/\1/p')
curl -s -o /dev/null "$N$PAGE?v=$v" # a ?v= nginx has, as an earlier re-fetch left it
curl -s -N -m 3 "$N$API/events?since=$v" >"$T/events" 2>/dev/null &
lpid=$!
sleep 0.3
printf '{"tournament":"FFWS Brazil 2026 Split 1","stage":"Grand Final","match":18,"map":"Bermuda","results":[{"team":"LOS","placement":1,"kills":5}]}' >"$T/m.json"
eq "POST match 18" 201 "$(code "${TU}api/v1/matches" -H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' --data-binary @"$T/m.json")"
t0=$(($(date +%s%N) / 1000000))
while ! grep -q '^data:' "$T/events" && [ $(($(date +%s%N) / 1000000 - t0)) -lt 2000 ]; do sleep 0.02; done
ev=$(sed -n 's/^data: {"version":\([0-9]*\).*/\1/p' "$T/events" | head -1)
echo "# event through nginx after $(($(date +%s%N) / 1000000 - t0)) ms: version ${ev:-none}"
case $ev in [0-9]*) ok "an event passes through nginx as it comes" ;; *) not_ok "an event passes through nginx as it comes" "$(cat "$T/events")" ;; esac
code "$N$PAGE?v=$ev" >/dev/null
contains "the re-fetch ?v= of the event has the new match at once" '>M18<' "$(cat "$T/body")"
wait "$lpid"

stop "tracker stops, exit 0"
