# nginx-front.sh: what t-nginx.sh and bench/bench-nginx.sh share. Source it.
#
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
	_p=
	for _q in $(seq $((20500 + $$ % 2000)) $((20600 + $$ % 2000))); do
		[ -z "$(ss -Hltn "sport = :$_q")" ] && _p=$_q && break
	done
	mkdir -p "$_d/cache" "$_d/tmp" "$_d/logs"
	sed -e "s|/var/cache/nginx/tracker|$_d/cache|" -e "s|server 127.0.0.1:8080;|server $2;|" \
		-e "s|listen 80;|listen 127.0.0.1:$_p;|" "$3" >"$_d/tracker.conf"
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
	client_body_temp_path $_d/tmp;
	proxy_temp_path $_d/tmp;
	fastcgi_temp_path $_d/tmp;
	uwsgi_temp_path $_d/tmp;
	scgi_temp_path $_d/tmp;
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
