# t-layers.sh: importers/ is laid out in layers (doc.c at the bottom, the
# readers json.c and csv.c, store.c then stage.c, import.c on top): no two
# of its files call each other, and neither reader links the other's parser.
# Read from the objects the binary under test was built from (nm).
. "$TESTS/lib.sh"
OBJ=$(dirname "$TRACKER")/obj/importers

for o in "$OBJ"/*.o; do
	b=$(basename "$o" .o)
	nm --defined-only "$o" | awk '$2 ~ /^[TDRB]$/ { print $3 }' | sort >"$T/$b.def"
	nm -u "$o" | awk '{ print $2 }' | sort >"$T/$b.und"
done
# calls A B: the functions A's object uses that B's object defines
calls() {
	comm -12 "$T/$1.und" "$T/$2.def" | tr '\n' ' '
}

n=0
for a in "$OBJ"/*.o; do
	n=$((n + 1))
	a=$(basename "$a" .o)
	for b in "$OBJ"/*.o; do
		b=$(basename "$b" .o)
		[ "$a" \< "$b" ] || continue
		ab=$(calls "$a" "$b") ba=$(calls "$b" "$a")
		if [ -n "$ab" ] && [ -n "$ba" ]; then
			not_ok "no circle $a.c-$b.c" "$a.c calls $ab; $b.c calls $ba"
		else
			ok "no circle $a.c-$b.c"
		fi
	done
done
# the objects are there to read: import.c, doc.c, json.c, csv.c, store.c, stage.c at least
[ "$n" -ge 6 ] && ok "importers objects read ($n)" || not_ok "importers objects read" "$n in $OBJ"
eq "json.c links no CSV reader" "" "$(calls json csv)"
eq "csv.c links no JSON reader" "" "$(calls csv json)"
lacks "csv.c uses no cJSON" "cJSON_" "$(nm -u "$OBJ/csv.o")"
