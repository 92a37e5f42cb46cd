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
DUR=${DUR:-10s}
ROUNDS=${ROUNDS:-2}
. "$(dirname "$0")/lib.sh"
db=$w/bench.db
T=t/ffws-brazil-2026-split-1

"$bin" --db "$db" import "$here/../../data/group-stage.json" "$here/../../data/grand-final.json" \
	>/dev/null 2>&1
serve "$db" --threads 2

# www-static: each page and our gzip of it beside it (gzip_static); www-6:
# the page alone, compressed by nginx at level 6.
mkdir -p "$w/www-static" "$w/www-6"
for p in grand-final group-stage; do
	curl -sf -o "$w/www-6/$p.html" "$U$T/$p"
	cp "$w/www-6/$p.html" "$w/www-static/$p.html"
	curl -sf -H 'Accept-Encoding: gzip' -o "$w/www-static/$p.html.gz" "$U$T/$p"
	gunzip -c <"$w/www-static/$p.html.gz" | cmp -s - "$w/www-6/$p.html" ||
		{ echo "our gzip of $p does not unzip to the page" >&2; exit 1; }
done

set -- $(free_ports 2 20280 20400)
ps=$1 p6=$2
cat >"$w/nginx.conf" <<CONF
$(nginx_main)
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000000;
$(nginx_temp_paths "$w")
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
NS=http://127.0.0.1:$ps/ N6=http://127.0.0.1:$p6/
nginx_up "$w/nginx.conf" "${N6}grand-final.html"

# wire URL: bytes of the body sent with Accept-Encoding: gzip (and it must be gzip)
wire() {
	curl -sf -H 'Accept-Encoding: gzip' -D "$w/h" -o "$w/b" "$1"
	tr -d '\r' <"$w/h" | grep -qi '^Content-Encoding: gzip$' || { echo "$1: not gzip" >&2; exit 1; }
	wc -c <"$w/b"
}
# run URL: wrk with Accept-Encoding: gzip; sets rps
run() {
	wrk -t2 -c64 -d"$DUR" -H 'Accept-Encoding: gzip' "$1" >"$w/wrk" 2>&1
	wrk_figures "$w/wrk"
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
