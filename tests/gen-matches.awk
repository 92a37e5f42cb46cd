# gen-matches.awk: a deterministic generator of match JSON v1 for the crash
# and load tests. Run as
#   awk -f gen-matches.awk -v dir=DIR -v stages=S -v per=P -v live=L [-v livestages=K]
#       [-v seed=N] [-v first=F] [-v cum=FILE]
# It writes DIR/stage-NN.json (S stage files "Stage NN" of P matches each,
# numbered F, F+1, ...) and DIR/live-NNNNN.json (L single-match files of
# stage "Live", matches F..F+L-1; with K, spread over stages "Live 01" to
# "Live K", each numbered from F), all in tournament "Crash Cup". A live file
# is a stage file of one match that declares the stage's roster (the 24
# teams), so that its teams are let in whichever file arrives first. Every match
# has 12 of 24 teams, placements 1..12, 4 players per team whose kills add up
# to the team's. Prints on stdout the totals an import of all of it must
# store: "matches M results R players P kills K damage D". With -v cum=FILE,
# also writes to FILE after each live match "STAGE M K": the stage's slug,
# its number of live matches so far and their kills.
function shuffle(a, n, i, j, t) {
	for (i = n; i > 1; i--) {
		j = int(rand() * i) + 1
		t = a[i]; a[i] = a[j]; a[j] = t
	}
}

# One match object (without the braces' surrounding file), with extra fields
# (already JSON, "" for none) in front.
function match_json(number, extra, s, t, p, k, left, pk, dmg, team, order, places, pl) {
	for (t = 1; t <= 24; t++)
		order[t] = t
	shuffle(order, 24)
	for (t = 1; t <= 12; t++)
		places[t] = t
	shuffle(places, 12)
	mkills = 0
	s = "{" extra "\"match\":" number ",\"day\":" (int((number - 1) / 6) + 1) \
	    ",\"map\":\"" maps[number % 5] "\",\"results\":["
	for (t = 1; t <= 12; t++) {
		team = order[t]
		k = int(rand() * 16)
		s = s (t > 1 ? "," : "") "{\"team\":\"" teams[team] "\",\"placement\":" places[t] \
		    ",\"kills\":" k ",\"players\":["
		left = k
		for (p = 1; p <= 4; p++) {
			pk = p < 4 ? int(rand() * (left + 1)) : left
			left -= pk
			dmg = int(rand() * 3000) + pk * 200
			s = s (p > 1 ? "," : "") "{\"name\":\"" teams[team] " P" p "\",\"kills\":" pk \
			    ",\"damage\":" dmg ",\"assists\":" int(rand() * 6) ",\"mvp\":" \
			    (places[t] == 1 && p == 1 ? 1 : 0) "}"
			kills += pk
			mkills += pk
			damage += dmg
		}
		s = s "]}"
	}
	matches++
	return s "]}"
}

BEGIN {
	srand(seed == "" ? 42 : seed)
	if (first == "")
		first = 1
	split("Bermuda Purgatory Kalahari Alpine Nexterra", m, " ")
	for (i = 1; i <= 5; i++)
		maps[i % 5] = m[i]
	for (i = 1; i <= 24; i++) {
		teams[i] = sprintf("Crash Team %02d", i)
		roster = roster (i > 1 ? "," : "") "\"" teams[i] "\""
	}
	for (s = 1; s <= stages; s++) {
		f = sprintf("%s/stage-%02d.json", dir, s)
		printf "{\"tournament\":\"Crash Cup\",\"stage\":\"Stage %02d\",\"matches\":[", s > f
		for (n = 0; n < per; n++)
			printf "%s%s", (n ? "," : ""), match_json(first + n, "") > f
		print "]}" > f
		close(f)
	}
	for (n = 0; n < live; n++) {
		f = sprintf("%s/live-%05d.json", dir, first + n)
		stage = livestages ? sprintf("Live %02d", n % livestages + 1) : "Live"
		number = first + (livestages ? int(n / livestages) : n)
		printf "{\"tournament\":\"Crash Cup\",\"stage\":\"%s\",\"teams\":[%s],\"matches\":[", stage,
		    roster > f
		print match_json(number, "") "]}" > f
		close(f)
		slug = tolower(stage)
		sub(/ /, "-", slug)
		done[slug]++
		sofar[slug] += mkills
		if (cum != "")
			print slug, done[slug], sofar[slug] > cum
	}
	printf "matches %d results %d players %d kills %d damage %d\n", matches, matches * 12,
	    matches * 48, kills, damage
}
