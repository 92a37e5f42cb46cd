#!/bin/sh
# bench-gzip.sh TRACKER: compression of the real Grand Final and Group Stage
# pages. Bytes on the wire: ours (gzip, made once per data version) against
# nginx compressing the same body on the fly at gzip_comp_level 6. Requests/s
# with Accept-Encoding: gzip: ours against nginx gzip_static serving our
# very compressed bytes as a pre-compressed file (wrk -t2 -c64 -d$DUR on
# 127.0.0.1, alternating, best of $ROUNDS rounds each; the machine is
# shared). Both servers get two workers. Prints ROW lines (see run.sh);
# targets: no more bytes than nginx level 6, at least 0.9x gzip_static's
# requests/s. Stops both servers by PID.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
DUR=${DUR:-10s}
ROUNDS=${ROUNDS:-2}
w=$(mktemp -d)
spid= npid=
cleanup() {
	[ -n "$spid" ] && kill -TERM "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
	[ -n "$npid" ] && kill -QUIT "$npid" 2>/dev/null
	sleep 0.2
	rm -rf "$w"
}
trap cleanup EXIT
chmod 755 "$w"
db=$w/bench.db
T=t/ffws-brazil-2026-split-1

"$bin" --db "$db" import "$here/../../data/group-stage.json" "$here/../../data/grand-final.json" \
	>/dev/null 2>&1
"$bin" --db "$db" serve --listen 127.0.0.1:0 --threads 2 >"$w/serve.out" 2>"$w/serve.err" &
spid=$!
U=
for _i in $(seq 100); do
	U=$(sed -n 's/^tracker: serving \(http:[^ ]*\) .*/\1/p' "$w/serve.out")
	[ -n "$U" ] && break
	sleep 0.1
done
[ -n "$U" ] || { echo "tracker serve did not start: $(cat "$w/serve.err")" >&2; exit 1; }

# www-static: each page and our gzip of it beside it (gzip_static); www-6:
# the page alone, compressed by nginx at level 6.
mkdir -p "$w/www-static" "$w/www-6" "$w/tmp"
for p in grand-final group-stage; do
	curl -sf -o "$w/www-6/$p.html" "$U$T/$p"
	cp "$w/www-6/$p.html" "$w/www-static/$p.html"
	curl -sf -H 'Accept-Encoding: gzip' -o "$w/www-static/$p.html.gz" "$U$T/$p"
	gunzip -c <"$w/www-static/$p.html.gz" | cmp -s - "$w/www-6/$p.html" ||
		{ echo "our gzip of $p does not unzip to the page" >&2; exit 1; }
done

ports=
for port in $(seq 20280 20400); do
	[ -z "$(ss -Hltn "sport = :$port")" ] && ports="$ports $port"
	[ "$(echo $ports | wc -w)" = 2 ] && break
done
set -- $ports
ps=$1 p6=$2
cat >"$w/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 2;
pid $w/nginx.pid;
error_log $w/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000000;
	client_body_temp_path $w/tmp;
	proxy_temp_path $w/tmp;
	fastcgi_temp_path $w/tmp;
	uwsgi_temp_path $w/tmp;
	scgi_temp_path $w/tmp;
	types { text/html html; }
	server {
		listen 127.0.0.1:$ps;
		root $w/www-static;
		gzip_static on;
	}
	server {
		listen 127.0.0.1:$p6;
		root $w/www-6;
		gzip on;
		gzip_comp_level 6;
		gzip_types text/html;
	}
}
CONF
nginx -p "$w" -c "$w/nginx.conf" -g 'daemon off;' 2>"$w/nginx.err" &
npid=$!
NS=http://127.0.0.1:$ps/ N6=http://127.0.0.1:$p6/
for _i in $(seq 100); do
	curl -sf -o /dev/null "${N6}grand-final.html" && break
	sleep 0.1
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
# wire URL: bytes of the body sent with Accept-Encoding: gzip (and it must be gzip)
wire() {
	curl -sf -H 'Accept-Encoding: gzip' -D "$w/h" -o "$w/b" "$1"
	tr -d '\r' <"$w/h" | grep -qi '^Content-Encoding: gzip$' || { echo "$1: not gzip" >&2; exit 1; }
	wc -c <"$w/b"
}
# run URL: wrk with Accept-Encoding: gzip; sets rps
run() {
	wrk -t2 -c64 -d"$DUR" -H 'Accept-Encoding: gzip' "$1" >"$w/wrk" 2>&1
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$w/wrk")
	non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$w/wrk")
	echo "$1: ${rps} req/s${non2xx:+, NON-2XX: $non2xx}"
}

for p in grand-final:"Grand Final" group-stage:"Group Stage"; do
	f=${p%%:*} name=${p#*:}
	ours=$(wire "$U$T/$f") ng=$(wire "${N6}$f.html") ref=$(gzip -6 -n -c <"$w/www-6/$f.html" | wc -c)
	echo "$name page: $(wc -c <"$w/www-6/$f.html") B plain; gzip on the wire: ours $ours B, nginx level 6 $ng B (gzip -6 of the file: $ref B)"
	printf 'ROW\tgzip %s page (bytes)\t%s\t%s\t%s\t<= 1.0x nginx level 6\n' "$name" "$ours" "$ng" "$(ratio "$ours" "$ng")"
	orps=0 nrps=0
	for _r in $(seq "$ROUNDS"); do
		run "$U$T/$f"
		awk -v a="$rps" -v b="$orps" 'BEGIN { exit !(a > b) }' && orps=$rps
		run "${NS}$f.html"
		awk -v a="$rps" -v b="$nrps" 'BEGIN { exit !(a > b) }' && nrps=$rps
	done
	printf 'ROW\tgzip %s page (req/s)\t%.0f\t%.0f\t%s\t>= 0.9x nginx gzip_static\n' "$name" "$orps" "$nrps" \
		"$(ratio "$orps" "$nrps")"
done
