# lib.sh: what the shell tests share. Source it; it gives each script a
# scratch directory $T (removed on exit) and these checks, each printing
# "ok NAME" or "not ok NAME: why".
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# dash runs an EXIT trap only on exit: a signal exits, so that the script's
# EXIT trap (servers, mounts, namespaces) runs then too
trap 'exit 130' INT
trap 'exit 143' TERM HUP
DATA=$TESTS/../data
export TRACKER_DB=$T/tracker.db
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
. "$TESTS/servers.sh"

ok() { echo "ok $1"; }
not_ok() { echo "not ok $1: $2"; }

# eq NAME EXPECTED ACTUAL
eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected '$2', got '$3'"; fi
}

# contains NAME NEEDLE HAYSTACK
contains() {
	case $3 in *"$2"*) ok "$1" ;; *) not_ok "$1" "'$2' not in: $(printf '%s' "$3" | head -c 600)" ;; esac
}

# lacks NAME NEEDLE HAYSTACK
lacks() {
	case $3 in *"$2"*) not_ok "$1" "'$2' should not be in: $(printf '%s' "$3" | head -c 600)" ;; *) ok "$1" ;; esac
}

# status NAME EXPECTED_EXIT CMD...: run CMD, its stdout+stderr in $OUT
status() {
	_n=$1 _e=$2
	shift 2
	OUT=$("$@" 2>&1)
	_s=$?
	if [ "$_s" = "$_e" ]; then ok "$_n"; else not_ok "$_n" "exit $_s, expected $_e: $(printf '%s' "$OUT" | head -c 600)"; fi
}

# same_file NAME EXPECTED_FILE ACTUAL_FILE
same_file() {
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$(diff "$2" "$3" | head -20)"; fi
}

# dump DB: every row of every table, in a stable order, for before/after compares
dump() {
	sqlite3 "$1" .dump 2>/dev/null | grep -v '^PRAGMA'
}

# sql DB QUERY: one query through the sqlite3 CLI
sql() {
	sqlite3 -batch -noheader "$1" "$2"
}

# over_data SQL FILE...: the independent computation tests/scoring/SQL run
# by the sqlite3 CLI over the given stage files, read as one JSON array
# (which stays in $T/over-data.json for further queries)
over_data() {
	_q=$1
	shift
	_sep=
	{
		printf '['
		for _f; do
			printf '%s' "$_sep"
			cat "$_f"
			_sep=,
		done
		printf ']'
	} >"$T/over-data.json"
	sqlite3 -list -separator , :memory: ".read $TESTS/scoring/$_q" <"$T/over-data.json"
}

# matches_of FILE FROM TO: the match JSON v1 FILE with only its matches
# FROM..TO-1 (0-based), by the sqlite3 CLI
matches_of() {
	sqlite3 :memory: "SELECT json_set(d, '\$.matches', (SELECT json_group_array(json(value))
		FROM json_each(d, '\$.matches') WHERE key >= $2 AND key < $3))
		FROM (SELECT CAST(readfile('$1') AS TEXT) AS d)"
}

# The server, for the scripts that talk to it with curl (t-web.sh, t-desk.sh).
PID=

# start NAME [ARGS...]: a server on the test database; sets PID and U (ends in /)
start() {
	_n=$1
	shift
	: >"$T/serve.out"
	"$TRACKER" serve --listen 127.0.0.1:0 "$@" >"$T/serve.out" 2>"$T/serve.err" &
	PID=$!
	U=$(serving_url "$T/serve.out" "$PID")
	case $U in
	http://127.0.0.1:*/) ok "$_n" ;;
	*) not_ok "$_n" "no URL printed: $(cat "$T/serve.out" "$T/serve.err")" ;;
	esac
}

# stop NAME: SIGTERM, then the exit status must be 0 (ASan's leak check included)
stop() {
	kill -TERM "$PID"
	wait "$PID"
	_s=$?
	if [ "$_s" = 0 ]; then ok "$1"; else not_ok "$1" "exit $_s: $(tail -5 "$T/serve.err")"; fi
	PID=
}
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT

# code URL [CURL ARGS...]: the status code, the body in $T/body, the headers in $T/head
code() {
	_u=$1
	shift
	curl -s -o "$T/body" -D "$T/head" -w '%{http_code}' "$@" "$_u"
}

# header NAME: the value of header NAME in $T/head
header() {
	tr -d '\r' <"$T/head" | sed -n "s/^$1: //Ip" | head -1
}

# bad NAME MESSAGE FILE...: import the FILEs, expect exit 1, MESSAGE, and the
# database as $T/dump-real holds it
bad() {
	_n=$1 _m=$2
	shift 2
	status "bad-$_n" 1 "$TRACKER" import "$@"
	contains "bad-$_n-message" "$_m" "$OUT"
	dump "$TRACKER_DB" >"$T/dump-after"
	same_file "bad-$_n-unchanged" "$T/dump-real" "$T/dump-after"
}
