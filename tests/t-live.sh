# t-live.sh: the live events of `tracker serve`, over curl, on the real Group
# Stage stored up to match 100 and the next matches written one at a time:
# one event per write (a POST, an import by another process), each heard
# on a stream within 200 ms of the write; the event for the 120th match
# carries its delta (the published totals) in under 5 KB, against the page
# a re-fetch downloads; streams whose client stopped reading are closed by
# the write deadline (--stream-write-timeout) once what they were sent is
# stuck, and another fan then gets a stream and its updates.
. "$TESTS/lib.sh"

TOK=live-$$-0123456789abcdef
EV=api/v1/tournaments/ffws-brazil-2026-split-1/stages/group-stage/events
PAGE=t/ffws-brazil-2026-split-1/group-stage
matches_of "$DATA/group-stage.json" 0 100 >"$T/gs-100.json"
matches_of "$DATA/group-stage.json" 102 119 >"$T/gs-103-119.json"
for i in 101 102 120; do
	matches_of "$DATA/group-stage.json" $((i - 1)) "$i" >"$T/m$i.json"
done
"$TRACKER" import "$T/gs-100.json" >/dev/null 2>&1

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# hear NAME URL: a stream read in the background into $T/NAME.raw, with
# the time (ms) each update arrived, one a line, in $T/NAME.at; sets HPID
hear() {
	: >"$T/$1.raw"
	: >"$T/$1.at"
	curl -sN "$U$2" 2>/dev/null | tee "$T/$1.raw" | while IFS= read -r _l; do
		case $_l in "event: update"*) now_ms >>"$T/$1.at" ;; esac
	done &
	HPID=$!
}

# updates NAME: how many updates the stream NAME heard so far
updates() { wc -l <"$T/$1.at" | tr -d ' '; }

# heard NAME N: wait (at most 3 s) until stream NAME heard N updates; the
# arrival time of the Nth in $AT
heard() {
	for _i in $(seq 300); do
		[ "$(updates "$1")" -ge "$2" ] && break
		sleep 0.01
	done
	AT=$(sed -n "${2}p" "$T/$1.at")
	AT=${AT:-999999999999999}
}

# post FILE: POST a match file with the write token; prints the status
post() {
	curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOK" --data-binary @"$1" \
		"${U}api/v1/matches"
}

TRACKER_TOKEN=$TOK start "server starts" --max-streams 4 --stream-write-timeout 3
hear fan "$EV"
FAN=$HPID
sleep 0.3

# A POST: announced by the request that wrote, once.
t0=$(now_ms)
eq "POST match 101: 201" 201 "$(post "$T/m101.json")"
heard fan 1
post_ms=$((AT - t0))
[ "$post_ms" -lt 200 ] && ok "POST: its event within 200 ms of the request ($post_ms ms)" ||
	not_ok "POST: its event within 200 ms of the request" "$post_ms ms"
sleep 1
eq "POST: one event, not two" 1 "$(updates fan)"

# An import by another process: seen by the watcher, once.
"$TRACKER" import "$T/m102.json" >/dev/null 2>&1
t1=$(now_ms)
heard fan 2
cli_ms=$((AT - t1))
[ "$cli_ms" -lt 200 ] && ok "CLI import: its event within 200 ms of its exit ($cli_ms ms)" ||
	not_ok "CLI import: its event within 200 ms of its exit" "$cli_ms ms"
sleep 1
eq "CLI import: one event" 2 "$(updates fan)"
contains "the event names the stored match" '"match":102,"prev":101' "$(cat "$T/fan.raw")"

# The 120th match's event against the page it saves re-fetching.
"$TRACKER" import "$T/gs-103-119.json" >/dev/null 2>&1
heard fan 3
sleep 0.3
n0=$(wc -c <"$T/fan.raw")
"$TRACKER" import "$T/m120.json" >/dev/null 2>&1
heard fan 4
sleep 0.2
tail -c +"$((n0 + 1))" "$T/fan.raw" | sed -n '/^id: /,/^$/p' >"$T/event"
bytes=$(wc -c <"$T/event" | tr -d ' ')
page=$(curl -s "$U$PAGE" | wc -c | tr -d ' ')
contains "match 120's event carries the delta" '"match":120,"prev":119,"played":120,"of":120' "$(cat "$T/event")"
[ "$bytes" -gt 0 ] && [ "$bytes" -lt 5120 ] &&
	ok "match 120's event under 5 KB ($bytes bytes; the page a re-fetch gets: $page bytes)" ||
	not_ok "match 120's event under 5 KB" "$bytes bytes"
# Its rows against the published totals computed from the data file by
# tests/scoring/expected.sql: team, matches, Booyahs, kills, placement
# points, total, sorted by team.
sed -n 's/^data: //p' "$T/event" >"$T/event.json"
sqlite3 -list -separator , :memory: "SELECT value ->> 1, value ->> 4, value ->> 5, value ->> 6,
	value ->> 7, value ->> 8 FROM json_each(CAST(readfile('$T/event.json') AS TEXT), '\$.rows')
	ORDER BY 1" >"$T/delta.csv"
sqlite3 -list -separator , :memory: ".read $TESTS/scoring/expected.sql" <"$DATA/group-stage.json" >"$T/expected.csv"
same_file "the delta's rows are the published totals after match 120" "$T/expected.csv" "$T/delta.csv"

# F5: three clients that never read hold the other streams; a fourth fan
# is refused. Each asks for its stream with a receive buffer of a few KB
# (a slow phone's) and then reads nothing.
port=${U##*:}
port=${port%/}
STUCK=
for i in 1 2 3; do
	perl -MSocket -e '
		my ($port, $path) = @ARGV;
		socket(my $s, PF_INET, SOCK_STREAM, 0) or die;
		setsockopt($s, SOL_SOCKET, SO_RCVBUF, 2048);
		connect($s, pack_sockaddr_in($port, inet_aton("127.0.0.1"))) or die;
		syswrite($s, "GET /$path HTTP/1.1\r\nHost: x\r\n\r\n");
		sleep 60;' "$port" "$EV" 2>/dev/null &
	STUCK="$STUCK $!"
done
sleep 0.5
eq "4 streams held: another fan is refused" 503 "$(code "$U$EV" --max-time 2)"
# 30 more matches (match 120's lobby as matches 121..150), POSTed: about
# 30 KB of events, more than the stuck clients' buffers take; then the
# deadline runs.
for i in $(seq 121 150); do
	sqlite3 :memory: "SELECT json_set(CAST(readfile('$T/m120.json') AS TEXT), '\$.matches[0].match', $i)" >"$T/m.json"
	post "$T/m.json" >/dev/null
done
t2=$(now_ms)
got=
for _i in $(seq 100); do
	got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 0.3 "$U$EV" 2>/dev/null)
	[ "$got" = 200 ] && break # a stream (cut by --max-time) rather than 503
	sleep 0.1
done
freed_ms=$(($(now_ms) - t2))
eq "after the deadline, another fan gets a stream" 200 "$got"
[ "$freed_ms" -lt 6000 ] &&
	ok "stuck streams closed within the 3 s deadline (+ 3 s) of the last write ($freed_ms ms)" ||
	not_ok "stuck streams closed within the 3 s deadline (+ 3 s)" "$freed_ms ms"
hear late "$EV"
LATE=$HPID
sleep 0.3
sqlite3 :memory: "SELECT json_set(CAST(readfile('$T/m120.json') AS TEXT), '\$.matches[0].match', 151)" >"$T/m.json"
"$TRACKER" import "$T/m.json" >/dev/null 2>&1
heard late 1
contains "that fan gets the next update" '"match":151' "$(cat "$T/late.raw")"
sleep 0.3
contains "the fan that reads was never cut off" '"match":151' "$(tail -c 2000 "$T/fan.raw")"
kill $STUCK 2>/dev/null

kill "$FAN" "$LATE" 2>/dev/null
stop "server stops cleanly"
