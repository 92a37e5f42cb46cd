# lib.sh: what the bench-*.sh scripts share. Source it with the TRACKER
# binary as $1; it sets bin (that binary, by an absolute path), here
# (tests/bench) and w (a new scratch directory that nginx's workers can
# read, in $scratch when the bench sets it, else in $TMPDIR or /tmp), and
# gives these helpers and those of tests/servers.sh. The servers they start
# are in spid (tracker) and npid (nginx), a client the bench runs in the
# background in cpid: on exit stop_servers stops them by PID, and w is
# removed.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
w=$(mktemp -d -p "${scratch:-${TMPDIR:-/tmp}}")
chmod 755 "$w"
spid= npid= cpid=
trap 'stop_servers; rm -rf "$w"' EXIT
. "$here/../servers.sh"

# serve DB ARGS...: `tracker serve` on DB at a free port of 127.0.0.1; sets
# spid, U (its URL, ending in /) and sport (its port), or ends the bench
# with serve's stderr
serve() {
	_db=$1
	shift
	: >"$w/serve.out"
	"$bin" --db "$_db" serve --listen 127.0.0.1:0 "$@" >"$w/serve.out" 2>"$w/serve.err" &
	spid=$!
	U=$(serving_url "$w/serve.out" "$spid")
	[ -n "$U" ] || { echo "tracker serve did not start: $(cat "$w/serve.err")" >&2; exit 1; }
	sport=${U#http://127.0.0.1:}
	sport=${sport%/}
}

# unserve: SIGTERM to the server serve started, and wait for it
unserve() {
	kill -TERM "$spid"
	wait "$spid" 2>/dev/null || true
	spid=
}

# stop_servers: the background client killed, SIGTERM to the tracker and
# nginx still running, and wait for them
stop_servers() {
	[ -n "$cpid" ] && kill "$cpid" 2>/dev/null
	[ -n "$spid" ] && kill -TERM "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
	[ -n "$npid" ] && kill -TERM "$npid" 2>/dev/null && wait "$npid" 2>/dev/null
	return 0
}

# nginx_up CONF [URL]: nginx with CONF in the prefix $w (its temporary
# files in $w/tmp, its stderr in $w/nginx.err); sets npid. With URL, waits
# until URL answers 2xx (10 s at most).
nginx_up() {
	mkdir -p "$w/tmp"
	nginx -p "$w" -c "$1" -g 'daemon off;' 2>"$w/nginx.err" &
	npid=$!
	[ $# = 2 ] || return 0
	for _i in $(seq 100); do
		curl -sf -o /dev/null "$2" && break
		sleep 0.1
	done
}

# nginx_main: the main lines of the benches' nginx.conf: two workers, its
# pid and error log in $w, and "user root;" when run as root (the workers
# read $w)
nginx_main() {
	[ "$(id -u)" = 0 ] && echo "user root;"
	printf 'worker_processes 2;\npid %s/nginx.pid;\nerror_log %s/nginx-error.log;\n' "$w" "$w"
}

# ratio A B: A / B as "N.NNx", or "-" when either is empty or B is not positive
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.2fx", a / b; else print "-" }'; }
