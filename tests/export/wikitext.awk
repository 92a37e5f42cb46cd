# wikitext.awk: check the template calls of a wikitext file against the
# parameters Liquipedia's modules read (docs/broadcast.md names them):
# balanced {{ }}, known templates, known parameter names, rounds and maps
# numbered 1..N and an opponent's r<i> and m<i> within them. Prints one
# line per fault, "wikitext: N templates" when there is none, and exits 1
# on a fault.
function fault(msg) { print "wikitext: " msg; bad = 1 }

# known(TEMPLATE, PARAM): whether TEMPLATE takes PARAM (a name, or a number for positional ones)
function known(t, p) {
	if (t == "FfaStandings") return p ~ /^(title|bg|matches|date|round[1-9][0-9]*)$/ || p ~ /^[0-9]+$/
	if (t == "Round") return p ~ /^(title|started|finished|matches|matchgroups)$/
	if (t == "TeamOpponent") return p == "1" || p ~ /^(r|m)[1-9][0-9]*$/ || p ~ /^(startingpoints|tiebreaker)$/
	if (t == "Match") return p ~ /^(finished|p_kill|bg|twitch|youtube|(p|map|opponent)[1-9][0-9]*)$/
	if (t == "Map") return p ~ /^(date|finished|map|vod|comment|winner)$/
	if (t == "MS") return p ~ /^(1|2|p)$/
	return 0
}

# parse(): read one template call starting at pos (just after "{{"), up to
# its "}}"; returns its name. Nested calls are checked by recursion.
function parse(depth,    name, arg, argn, c, np, ci, key, val, eq, inner) {
	ntemplates++
	name = ""; arg = ""; argn = 0
	while (pos <= len) {
		c = substr(text, pos, 2)
		if (c == "{{") {
			pos += 2
			inner = parse(depth + 1)
			arg = arg "{{" inner "}}"
			if (name == "" && argn == 0) fault("a template inside a template name")
			continue
		}
		if (substr(c, 1, 1) == "|" || c == "}}") {
			if (argn == 0)
				name = arg
			else {
				eq = index(arg, "=")
				if (eq && arg !~ /^\{\{/) {
					key = substr(arg, 1, eq - 1); val = substr(arg, eq + 1)
				} else {
					np++; key = np; val = arg
				}
				gsub(/^[ \n\t]+|[ \n\t]+$/, "", key)
				if (!known(name, key)) fault("{{" name "}} has no parameter '" key "'")
				if (seen[depth, key]++) fault("{{" name "}}: '" key "' given twice")
				note(name, key, val)
			}
			argn++
			arg = ""
			if (c == "}}") {
				pos += 2
				for (k in seen) { split(k, kk, SUBSEP); if (kk[1] == depth) delete seen[k] }
				gsub(/^[ \n\t]+|[ \n\t]+$/, "", name)
				if (name !~ /^(FfaStandings|Round|TeamOpponent|Match|Map|MS)$/)
					fault("unknown template {{" name "}}")
				if (name == "TeamOpponent" && np < 1) fault("{{TeamOpponent}} without a team")
				return name
			}
			pos++
			continue
		}
		if (substr(text, pos, 4) == "<!--") {
			ci = index(substr(text, pos), "-->")
			if (ci == 0) { fault("an unclosed comment"); pos = len + 1; break }
			pos += ci + 2
			continue
		}
		arg = arg substr(text, pos, 1)
		pos++
	}
	fault("{{" name " is not closed")
	return name
}

# note(TEMPLATE, PARAM, VALUE): the numbering checks
function note(t, p, v) {
	if (t == "FfaStandings" && p ~ /^round/) rounds[substr(p, 6) + 0] = 1
	if (t == "Match" && p ~ /^map[0-9]/) maps[substr(p, 4) + 0] = 1
	if (t == "TeamOpponent" && p ~ /^r[0-9]/) { if (substr(p, 2) + 0 > maxr) maxr = substr(p, 2) + 0 }
	if (t == "TeamOpponent" && p ~ /^m[0-9]/) { if (substr(p, 2) + 0 > maxm) maxm = substr(p, 2) + 0 }
	if (t == "MS" && p == "1" && v !~ /^([0-9]+|-)$/) fault("{{MS}}: placement '" v "' is not a number or -")
	if (t == "MS" && p == "2" && v !~ /^[0-9]*$/) fault("{{MS}}: kills '" v "' is not a number")
	if (t == "TeamOpponent" && p ~ /^r[0-9]/ && v !~ /^(-?[0-9]+|-)$/) fault("{{TeamOpponent}}: " p "='" v "' is not points or -")
}

{ text = text $0 "\n" }
END {
	len = length(text)
	pos = 1
	while (pos <= len) {
		if (substr(text, pos, 4) == "<!--") {
			ci = index(substr(text, pos), "-->")
			if (ci == 0) { fault("an unclosed comment"); break }
			pos += ci + 2
			continue
		}
		if (substr(text, pos, 2) == "{{") { pos += 2; parse(0); continue }
		if (substr(text, pos, 2) == "}}") fault("a }} without its {{")
		pos++
	}
	for (i = 1; i in rounds; i++) nr = i
	for (i = 1; i in maps; i++) nm = i
	if (length(rounds) != nr) fault("rounds are not numbered 1.." length(rounds))
	if (length(maps) != nm) fault("maps are not numbered 1.." length(maps))
	if (maxr > nr) fault("an opponent has r" maxr " of " nr " rounds")
	if (maxm > nm) fault("an opponent has m" maxm " of " nm " maps")
	if (!bad) print "wikitext: " ntemplates " templates"
	exit bad
}
