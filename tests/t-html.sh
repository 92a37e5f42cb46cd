# t-html.sh: the pages write their markup only through htmlf, and only from
# literals: the format of every htmlf call in web/*.c is a literal, each of
# its conversions is one htmlf has, a raw %r is given literals only, and a
# file that writes HTML (includes html.h) appends to no buffer otherwise
# (html-check.awk); the compiler checks each argument against its conversion
# (-DHTMLF_CHECK gives htmlf printf's format checking, with %a %p %j %r read
# as %s). Each file in html/bad/ has one fault and must be refused with the
# message in its .expect.
. ./lib.sh
top=$TESTS/..

# check FILE...: html-check.awk over the files, then the compiler over those that include html.h
check() {
	awk -f "$TESTS/html-check.awk" "$@" || return 1
	for _f; do
		grep -q '^#include "html.h"' "$_f" || continue
		sed 's/%\([+.0-9]*\)[apjr]/%\1s/g' "$_f" >"$T/$(basename "$_f")"
		# shellcheck disable=SC2046 # pkg-config prints several flags
		${CC:-cc} -std=c11 -D_GNU_SOURCE -DHTMLF_CHECK -fsyntax-only -Wformat -Werror=format \
			-I"$top/tracker" -I"$top/importers" -I"$top/web" -I"$top/build" \
			$(pkg-config --cflags sqlite3 libcjson libmicrohttpd) "$T/$(basename "$_f")" ||
			return 1
	done
}

status "web/*.c: markup through htmlf from literals" 0 check "$top"/web/*.c
eq "web/*.c: nothing to say" "" "$OUT"
contains "the pages are checked" "page_stage.c" "$(grep -l '^#include "html.h"' "$top"/web/*.c)"

for f in html/bad/*.c; do
	n=$(basename "$f" .c)
	status "bad-$n" 1 check "$f"
	contains "bad-$n-message" "$(cat "html/bad/$n.expect")" "$OUT"
done
