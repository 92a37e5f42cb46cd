# servers.sh: what the shell tests (through lib.sh) and the benches
# (through bench/lib.sh) share about the servers they run: free ports,
# nginx in a scratch prefix, wrk's figures, a process's memory. Source it;
# it only defines functions.

# serving_url OUT PID: the URL `tracker serve` (PID) prints into file OUT,
# waited for at most 10 s and while PID lives; empty when it printed none
serving_url() {
	_u=
	for _i in $(seq 100); do
		_u=$(sed -n 's/^tracker: serving \(http:[^ ]*\) .*/\1/p' "$1")
		[ -n "$_u" ] && break
		kill -0 "$2" 2>/dev/null || break
		sleep 0.1
	done
	printf '%s' "$_u"
}

# free_ports N FROM TO: the first N ports of FROM..TO nothing listens on
free_ports() {
	_n=$1 _got=
	for _q in $(seq "$2" "$3"); do
		[ -z "$(ss -Hltn "sport = :$_q")" ] && _got="$_got $_q" && _n=$((_n - 1))
		[ "$_n" = 0 ] && break
	done
	echo $_got
}

# nginx_temp_paths DIR: the nginx.conf lines that keep nginx's temporary
# files in DIR/tmp
nginx_temp_paths() {
	for _k in client_body proxy fastcgi uwsgi scgi; do
		printf '\t%s_temp_path %s/tmp;\n' "$_k" "$1"
	done
}

# wrk_figures FILE: from wrk's output in FILE, sets rps (requests/s), nreq
# (requests in all) and non2xx (the count of non-2xx/3xx answers, empty
# when there were none)
wrk_figures() {
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1")
	nreq=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$1")
	non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$1")
}

# mem_kb FIELD PID: FIELD of /proc/PID/status (VmRSS: resident memory,
# VmHWM: its peak) in kB; empty when the process is gone
mem_kb() {
	sed -n "s/^$1:[^0-9]*\([0-9]*\).*/\1/p" "/proc/$2/status" 2>/dev/null
}

# nginx_front DIR HOSTPORT CONF: the real nginx with CONF (the shipped
# docs/deploy/nginx.conf) in front of the tracker at HOSTPORT, in its own
# prefix DIR, on a free port found now; CONF is templated only for its
# ports and cache directory. Sets NPID (stop it with kill -QUIT) and N (its
# URL, ending in /). DIR/logs/upstream.log gets one line per request that
# reached the tracker, background updates included ("STATUS CODE URI
# MSEC"; the request a background update answers from the stale copy is
# logged too, as STALE).
nginx_front() {
	_d=$1
	_p=$(free_ports 1 $((20500 + $$ % 2000)) $((20600 + $$ % 2000)))
	mkdir -p "$_d/cache" "$_d/tmp" "$_d/logs"
	sed -e "s|/var/cache/nginx/tracker|$_d/cache|" -e "s|server 127.0.0.1:8080;|server $2;|" \
		-e "s|listen 80\([ ;]\)|listen 127.0.0.1:$_p\1|" "$3" >"$_d/tracker.conf"
	cat >"$_d/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 2;
pid $_d/nginx.pid;
error_log $_d/logs/error.log;
events { worker_connections 1024; }
http {
	log_format upstream '\$upstream_cache_status \$status \$request_uri \$msec';
	map \$upstream_addr \$to_tracker { "" 0; default 1; }
	log_subrequest on;
	access_log $_d/logs/upstream.log upstream if=\$to_tracker;
$(nginx_temp_paths "$_d")
	types { text/html html; }
	include $_d/tracker.conf;
}
CONF
	nginx -p "$_d" -c "$_d/nginx.conf" -g 'daemon off;' 2>"$_d/stderr" &
	NPID=$!
	N=http://127.0.0.1:$_p/
	for _i in $(seq 50); do
		curl -s -o /dev/null "$N" && break
		sleep 0.1
	done
}
