# t-card.sh: tracker card on the real data: a 1080x1350 SVG with nothing
# outside it, the title, the stage, after which match, the champion or the
# teams on match point, a row per team; --png through rsvg-convert when it is
# installed (a note line says so when it is not: that case is not counted).
# Expected values: the data files (read with the sqlite3 CLI) and the
# published result (LOUD SNICKERS champion in match 14 on 193).
. "$TESTS/lib.sh"

status import 0 "$TRACKER" import "$DATA/group-stage.json" "$DATA/grand-final.json"
"$TRACKER" card --stage "Grand Final" >"$T/gf.svg"
svg=$(cat "$T/gf.svg")
eq "svg: 1080x1350" '<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1350" viewBox="0 0 1080 1350"' \
	"$(head -c 90 "$T/gf.svg")"
if command -v xmllint >/dev/null; then
	status "svg: well-formed XML" 0 xmllint --noout "$T/gf.svg"
else
	echo "note: xmllint not installed: the card's XML was not checked"
fi
eq "svg: no reference outside the file (href, url(), http other than xmlns)" 0 \
	"$(sed 's|xmlns="http://www.w3.org/2000/svg"||' "$T/gf.svg" | grep -c 'href\|url(\|http\|@import\|<image')"
contains "svg: tournament" ">FFWS Brazil 2026 Split 1<" "$svg"
contains "svg: stage" ">Grand Final<" "$svg"
contains "svg: after match 14" ">After match 14 · 14 of 14 matches played<" "$svg"
contains "svg: champion" "♛ Champion: LOUD SNICKERS</text>" "$svg"
contains "svg: decided in match 14" ">decided in match 14<" "$svg"
teams=$(sqlite3 -list :memory: "SELECT count(DISTINCT r.value->>'team') FROM json_each(readfile('$DATA/grand-final.json'), '\$.matches') m, json_each(m.value, '\$.results') r")
eq "svg: a row per team of the final" "$teams" "$(grep -c '^<g font-size="32">' "$T/gf.svg")"
first=$(grep -m1 '^<g font-size="32">' "$T/gf.svg")
contains "svg: the champion first" "♛ LOUD SNICKERS</text>" "$first"
contains "svg: on 193 points" ">193</text></g>" "$first"
# after match 13 nobody has won it yet; LOS has been on match point since match 11
after=$("$TRACKER" card --stage "Grand Final" --after 13)
contains "svg --after 13: on match point" ">On match point: " "$after"
contains "svg --after 13: LOS on match point" "LOS" "$(printf '%s\n' "$after" | grep 'On match point')"
lacks "svg --after 13: no champion" "Champion:" "$after"
contains "svg --after 13: after match 13" ">After match 13 · 13 of 14 matches played<" "$after"
gs=$(sqlite3 -list :memory: "SELECT count(DISTINCT r.value->>'team') FROM json_each(readfile('$DATA/group-stage.json'), '\$.matches') m, json_each(m.value, '\$.results') r")
eq "svg: the group stage's teams all fit" "$gs" "$("$TRACKER" card --stage "Group Stage" | grep -c '^<g font-size="32">')"

if command -v rsvg-convert >/dev/null; then
	status "png: written" 0 "$TRACKER" card --stage "Grand Final" --png "$T/gf.png"
	# the PNG signature, then IHDR's width and height (big-endian): 1080 = 0x438, 1350 = 0x546
	eq "png: signature and 1080x1350" "89504e470d0a1a0a 00000438 00000546" \
		"$(od -An -tx1 -N8 "$T/gf.png" | tr -d ' \n') $(od -An -tx1 -j16 -N4 "$T/gf.png" | tr -d ' \n') $(od -An -tx1 -j20 -N4 "$T/gf.png" | tr -d ' \n')"
else
	echo "note: rsvg-convert not installed (librsvg2-bin): tracker card --png was not tried"
fi
status "png: without rsvg-convert, says what to install" 1 env PATH=/nonexistent "$TRACKER" card \
	--stage "Grand Final" --png "$T/none.png"
contains "png: the package named" "--png needs rsvg-convert (Debian: apt-get install librsvg2-bin)" "$OUT"
status "card: --stage required" 2 "$TRACKER" card
