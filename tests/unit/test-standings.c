/*
 * test-standings.c: the scoring function on small constructed stages whose
 * standings were counted by hand: each tiebreaker, shared ranks, kill cap,
 * head start, Champion Rush (the crossing match does not count, the
 * max_matches fallback), the rank movement of --after and the points race
 * over match numbers with a gap. Points use the
 * FFWS table 12,9,8,7,6,5,4,3,2,1 and 1 point per kill unless said.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "standings.h"
#include "unit.h"
#include "util.h"

/* Run sql with one text bound to ?1, or die. */
static void
exec_text(sqlite3 *db, const char *sql, const char *text)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE) {
		printf("not ok sql: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_finalize(st);
}

/* Add team to the database when new. */
static void
team(sqlite3 *db, const char *name)
{
	exec_text(db,
	          "INSERT OR IGNORE INTO team(name, key, slug) VALUES (?1, lower(?1), lower(?1))",
	          name);
}

/*
 * Store one result of match id m: "TEAM PLACE KILLS", "TEAM PLACE KILLS
 * STATUS" (dq or forfeit with the placement and kills stored) or "TEAM
 * STATUS" (dq or forfeit without them).
 */
static void
result(sqlite3 *db, int m, const char *e)
{
	char name[16], a[16], b[16], status[16] = "played";
	int n = sscanf(e, " %15s %15s %15s %15s", name, a, b, status);
	if (n == 2)
		strcpy(status, a);
	else if (n < 3)
		abort();
	team(db, name);
	sqlite3_stmt *st =
	    db_prepare(db, "INSERT INTO result(match_id, team_id, placement, kills, status)"
	                   " SELECT ?1, id, ?2, ?3, ?5 FROM team WHERE name = ?4");
	sqlite3_bind_int(st, 1, m);
	if (n >= 3) {
		sqlite3_bind_int(st, 2, atoi(a));
		sqlite3_bind_int(st, 3, atoi(b));
	}
	sqlite3_bind_text(st, 4, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, status, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
}

/*
 * A fresh in-memory database with one stage scored by ruleset (JSON text or
 * NULL) and the given matches numbered 1..n, one string per match: results
 * (see result()) separated by ';', e.g. "A 1 0;B 2 3;C dq".
 */
static sqlite3 *
stage(const char *ruleset, const char *const *matches, int nmatches)
{
	sqlite3 *db;
	char *err;
	if (db_open(":memory:", 0, &db, &err) != 0) {
		printf("not ok open: %s\n", err);
		exit(1);
	}
	db_exec(db, "INSERT INTO tournament(id, name, slug) VALUES (1, 'Cup', 'cup')");
	sqlite3_stmt *st =
	    db_prepare(db, "INSERT INTO stage(id, tournament_id, name, slug, ruleset)"
	                   " VALUES (1, 1, 'Final', 'final', ?1)");
	sqlite3_bind_text(st, 1, ruleset, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
	for (int m = 0; m < nmatches; m++) {
		st =
		    db_prepare(db, "INSERT INTO match(id, stage_id, number, map) VALUES (?1, 1, ?1,"
		                   " 'Bermuda')");
		sqlite3_bind_int(st, 1, m + 1);
		sqlite3_step(st);
		sqlite3_finalize(st);
		char *copy = xstrdup(matches[m]), *save = NULL;
		for (char *e = strtok_r(copy, ";", &save); e; e = strtok_r(NULL, ";", &save))
			result(db, m + 1, e);
		free(copy);
	}
	return db;
}

/* The row of team in s, or NULL. */
static const struct standing *
row(const struct standings *s, const char *team)
{
	for (int i = 0; i < s->nrows; i++)
		if (strcmp(s->rows[i].team, team) == 0)
			return &s->rows[i];
	return NULL;
}

/* Compute the standings after match `after` or die. */
static void
compute(sqlite3 *db, int after, struct standings *s)
{
	char *err;
	if (standings_compute(db, 1, NULL, after, s, &err) != 0) {
		printf("not ok compute: %s\n", err);
		exit(1);
	}
}

/* The standings under o, or die. */
static void
get(sqlite3 *db, const struct standings_opts *o, struct standings *s)
{
	char *err;
	if (standings_get(db, 1, o, s, &err) != 0) {
		printf("not ok get: %s\n", err);
		exit(1);
	}
}

/* 1 when a note of s, in the CLI's English, starts with prefix. */
static int
note_of(const struct standings *s, const char *prefix)
{
	int found = 0;
	for (int i = 0; i < s->nnotes && !found; i++) {
		char *text = msg_english(&s->notes[i]);
		found = strncmp(text, prefix, strlen(prefix)) == 0;
		free(text);
	}
	return found;
}

/*
 * One tiebreaker over the n matches ms: winner and loser are level on
 * points, and `by` must be what ranks winner above loser.
 */
static void
tie_n(const char *name, const char *ruleset, const char *const *ms, int n, const char *winner,
      const char *loser, int points, const char *by)
{
	sqlite3 *db = stage(ruleset, ms, n);
	struct standings s;
	compute(db, 0, &s);
	const struct standing *w = row(&s, winner), *l = row(&s, loser);
	char c[96];
	snprintf(c, sizeof c, "%s-level-on-points", name);
	CHECK(c, w && l && w->points == points && l->points == points);
	snprintf(c, sizeof c, "%s-order", name);
	CHECK(c, w && l && w->rank + 1 == l->rank);
	snprintf(c, sizeof c, "%s-named", name);
	CHECK_STR(c, by, l ? l->tiebreak : NULL);
	snprintf(c, sizeof c, "%s-winner-unmarked", name);
	CHECK(c, w && w->tiebreak == NULL);
	standings_free(&s);
	sqlite3_close(db);
}

/* tie_n over two matches. */
static void
tie(const char *name, const char *ruleset, const char *m1, const char *m2, const char *winner,
    const char *loser, int points, const char *by)
{
	const char *ms[] = {m1, m2};
	tie_n(name, ruleset, ms, 2, winner, loser, points, by);
}

static void
tiebreakers(void)
{
	/* A: 1st 0 kills (12) + 4th 5 kills (7+5) = 24, 1 Booyah;
	 * B: 2nd 3 kills (9+3) + 2nd 3 kills (9+3) = 24, no Booyah. */
	tie("booyahs", NULL, "A 1 0;B 2 3;C 3 0", "C 1 0;B 2 3;A 4 5", "A", "B", 24, "booyahs");
	/* A: 2nd 2 kills (11) + 3rd 3 kills (11) = 22, 5 kills;
	 * B: 3rd 6 kills (14) + 4th 1 kill (8) = 22, 7 kills; no Booyahs. */
	tie("kills", NULL, "C 1 0;A 2 2;B 3 6", "C 1 0;A 3 3;B 4 1", "B", "A", 22, "kills");
	/* only placement_points: A: 2nd+5th (9+6 = 15) + 8 kills = 23;
	 * B: 2nd+3rd (9+8 = 17) + 6 kills = 23. */
	tie("placement-points", "{\"tiebreakers\":[\"placement_points\"]}", "C 1 0;A 2 4;B 3 3",
	    "B 2 3;C 3 0;A 5 4", "B", "A", 23, "placement_points");
	/* only last_placement: A: 2nd then 3rd (9+8 = 17); B: 3rd then 2nd
	 * (8+9 = 17); B's most recent match was the better one. */
	tie("last-placement", "{\"tiebreakers\":[\"last_placement\"]}", "C 1 0;A 2 0;B 3 0",
	    "C 1 0;B 2 0;A 3 0", "B", "A", 17, "last_placement");
	/* only avg_placement: A: 2nd 0 kills (9) + 2nd 3 kills (12) = 21, avg 2;
	 * B: 3rd 5 kills (13) + 4th 1 kill (8) = 21, avg 3.5. */
	tie("avg-placement", "{\"tiebreakers\":[\"avg_placement\"]}", "C 1 0;A 2 0;B 3 5",
	    "C 1 0;A 2 3;B 4 1", "A", "B", 21, "avg_placement");
	/* only best_match: A: 3rd 10 kills (18) + 8th 0 (3) = 21, best 18;
	 * B: 2nd 1 kill (10) + 2nd 2 kills (11) = 21, best 11. */
	tie("best-match", "{\"tiebreakers\":[\"best_match\"]}", "C 1 0;B 2 1;A 3 10",
	    "C 1 0;B 2 2;A 8 0", "A", "B", 21, "best_match");
	/* the order of the list matters: with kills before booyahs, the booyahs
	 * case above (A 5 kills, B 6) goes to B on kills */
	tie("order-matters", "{\"tiebreakers\":[\"kills\",\"booyahs\"]}", "A 1 0;B 2 3;C 3 0",
	    "C 1 0;B 2 3;A 4 5", "B", "A", 24, "kills");
	/* kill_cap 5, only counted_kills: A: 1st 10 kills (12 + 5) + 4th 0 (7)
	 * = 24, counts 5 kills; B: 2nd 3 (9 + 3) + 2nd 3 (9 + 3) = 24, counts 6.
	 * Raw kills (A 10) would put A first. */
	tie("counted-kills", "{\"kill_cap\":5,\"tiebreakers\":[\"counted_kills\"]}",
	    "A 1 10;B 2 3;C 3 0", "C 1 0;B 2 3;A 4 0", "B", "A", 24, "counted_kills");
	tie("raw-kills", "{\"kill_cap\":5,\"tiebreakers\":[\"kills\"]}", "A 1 10;B 2 3;C 3 0",
	    "C 1 0;B 2 3;A 4 0", "A", "B", 24, "kills");
	/* countback after last_placement: A: 2nd (9) + 1st (12) + 11th 3 kills
	 * (3) = 24; B: 1st (12) + 2nd (9) + 11th 3 kills (3) = 24. One Booyah
	 * and 3 kills each; both 11th in match 3 (last_placement level), so
	 * countback goes back to match 2: A 1st, B 2nd. */
	const char *cb[] = {"B 1 0;A 2 0;C 3 0", "A 1 0;B 2 0;C 3 0", "C 1 0;A 11 3;B 11 3"};
	tie_n("countback",
	      "{\"tiebreakers\":[\"booyahs\",\"kills\",\"last_placement\",\"countback\"]}", cb, 3,
	      "A", "B", 24, "countback");
	/* countback skips a match only one of them played: match 3 B absent,
	 * match 2 both 5th, match 1 B 2nd, A 3rd. A: 3rd 1 kill (9) + 5th (6) +
	 * 9th (2) = 17; B: 2nd (9) + 5th 2 kills (8) = 17. */
	const char *cb2[] = {"C 1 0;B 2 0;A 3 1", "C 1 0;A 5 0;B 5 2", "C 1 0;A 9 0"};
	tie_n("countback-both-played", "{\"tiebreakers\":[\"countback\"]}", cb2, 3, "B", "A", 17,
	      "countback");
}

/* Under a kill cap, the raw kills tiebreaker deciding says so (counts as
 * in raw-kills above). */
static void
raw_kills_note(void)
{
	const char *ms[] = {"A 1 10;B 2 3;C 3 0", "C 1 0;B 2 3;A 4 0"};
	sqlite3 *db = stage("{\"kill_cap\":5,\"tiebreakers\":[\"kills\"]}", ms, 2);
	struct standings s;
	compute(db, 0, &s);
	CHECK("raw-kills-flag", s.raw_kills == 1);
	CHECK("raw-kills-note", note_of(&s, "The kills tiebreaker counts raw kills: kills above "
	                                    "the kill cap (5)"));
	CHECK("raw-kills-counted", row(&s, "A")->counted_kills == 5 && row(&s, "A")->kills == 10);
	standings_free(&s);
	sqlite3_close(db);
	/* no cap: no note */
	db = stage("{\"tiebreakers\":[\"kills\"]}", ms, 2);
	compute(db, 0, &s);
	CHECK("raw-kills-no-cap-no-note", s.raw_kills == 0 && s.nnotes == 0);
	standings_free(&s);
	sqlite3_close(db);
}

/* Level on everything the ruleset compares: one rank, shared; the next team
 * takes the rank after both. A: 2nd 1 kill + 3rd 1 kill = 9+1+8+1 = 19;
 * B: 3rd 1 kill + 2nd 1 kill = 19; C wins both (24); D 4th twice (14). */
static void
shared_rank(void)
{
	const char *ms[] = {"C 1 0;A 2 1;B 3 1;D 4 0", "C 1 0;B 2 1;A 3 1;D 4 0"};
	sqlite3 *db =
	    stage("{\"tiebreakers\":[\"booyahs\",\"kills\",\"placement_points\"]}", ms, 2);
	struct standings s;
	compute(db, 0, &s);
	const struct standing *a = row(&s, "A"), *b = row(&s, "B"), *d = row(&s, "D");
	CHECK("shared-rank", a && b && a->rank == 2 && b->rank == 2);
	CHECK("shared-rank-no-tiebreak", a && b && a->tiebreak == NULL && b->tiebreak == NULL);
	CHECK("shared-rank-next", d && d->rank == 4 && d->points == 14);
	standings_free(&s);
	sqlite3_close(db);
}

/* kill_cap 10: A Booyah with 15 kills scores 12 + 10; the kills column
 * keeps 15. B 2nd with 12 kills: 9 + 10. C 3rd with 4: 8 + 4. */
static void
kill_cap(void)
{
	const char *ms[] = {"A 1 15;B 2 12;C 3 4"};
	sqlite3 *db = stage("{\"kill_cap\":10}", ms, 1);
	struct standings s;
	compute(db, 0, &s);
	const struct standing *a = row(&s, "A"), *b = row(&s, "B"), *c = row(&s, "C");
	CHECK("cap-points", a && a->points == 22 && a->kill_points == 10 && a->kills == 15);
	CHECK("cap-second", b && b->points == 19 && b->kill_points == 10 && b->kills == 12);
	CHECK("cap-under", c && c->points == 12 && c->kill_points == 4);
	standings_free(&s);
	sqlite3_close(db);
}

/* Head start 5 for "b" (matched to team B by name key): B's 2nd place
 * (9) + 5 = 14 beats A's Booyah (12); placement points stay 9. */
static void
headstart(void)
{
	const char *ms[] = {"A 1 0;B 2 0"};
	sqlite3 *db = stage("{\"headstart\":{\"b\":5}}", ms, 1);
	struct standings s;
	compute(db, 0, &s);
	CHECK("headstart-first", s.nrows == 2 && strcmp(s.rows[0].team, "B") == 0);
	CHECK("headstart-total", s.rows[0].points == 14 && s.rows[0].headstart == 5 &&
	                             s.rows[0].placement_points == 9);
	CHECK("headstart-other", s.rows[1].points == 12 && s.rows[1].headstart == 0);
	standings_free(&s);
	sqlite3_close(db);
}

/*
 * Champion Rush at 20 in 4 matches:
 *   m1: A 1st 10 kills (22: crosses 20 with a Booyah, which does not count),
 *       B 2nd 15 kills (24), C 3rd (8).
 *   m2: C 1st (20: had 8 before, does not count), B 2nd 5 kills (38), A 3rd (30).
 *   m3: A 1st (42: had 30 before: champion in m3), B 2nd (47), C 3rd (28).
 * A ranks first on 42 above B's 47. Reached 20: A and B after m1, C after m2.
 */
static void
champion_rush(void)
{
	const char *ms[] = {"A 1 10;B 2 15;C 3 0", "C 1 0;B 2 5;A 3 0", "A 1 0;B 2 0;C 3 0"};
	sqlite3 *db = stage("{\"champion_rush\":{\"threshold\":20,\"max_matches\":4}}", ms, 3);
	struct standings s;
	compute(db, 0, &s);
	CHECK_STR("rush-champion", "A", s.champion);
	CHECK("rush-decided", s.decided_in_match == 3);
	CHECK("rush-first",
	      strcmp(s.rows[0].team, "A") == 0 && s.rows[0].rank == 1 && s.rows[0].points == 42);
	CHECK("rush-second",
	      strcmp(s.rows[1].team, "B") == 0 && s.rows[1].rank == 2 && s.rows[1].points == 47);
	CHECK("rush-since", row(&s, "A")->rush_since == 1 && row(&s, "B")->rush_since == 1 &&
	                        row(&s, "C")->rush_since == 2);
	/* movement: after m2 the order was B 38, A 30, C 20 */
	CHECK("after-prev-rank", row(&s, "A")->prev_rank == 2 && row(&s, "B")->prev_rank == 1 &&
	                             row(&s, "C")->prev_rank == 3);
	standings_free(&s);

	/* as of m2: nobody has converted; B 38, A 30, C 20; after m1 it was
	 * B 24, A 22, C 8 */
	compute(db, 2, &s);
	CHECK("after-2-no-champion", s.champion == NULL && s.decided_in_match == 0);
	CHECK("after-2-order", s.after_match == 2 && strcmp(s.rows[0].team, "B") == 0 &&
	                           s.rows[0].points == 38 && strcmp(s.rows[1].team, "A") == 0 &&
	                           s.rows[1].points == 30 && s.rows[2].points == 20);
	CHECK("after-2-prev",
	      s.rows[0].prev_rank == 1 && s.rows[1].prev_rank == 2 && s.rows[2].prev_rank == 3);
	standings_free(&s);

	compute(db, 1, &s);
	CHECK("after-1-no-prev", s.rows[0].prev_rank == 0 && s.rows[0].points == 24);
	standings_free(&s);

	char *err = NULL;
	CHECK("after-beyond", standings_compute(db, 1, NULL, 4, &s, &err) == -1 && err);
	CHECK_STR("after-beyond-message", "--after 4: the stage 'Final' has matches up to 3", err);
	free(err);
	sqlite3_close(db);
}

/*
 * Champion Rush at 100 within 2 matches, nobody reaches it:
 *   m1: A 1st (12), B 2nd 5 kills (14).  m2: B 1st (26), A 2nd (21).
 *   m3 (beyond max_matches): A 1st 20 kills (53).
 * B leads when match 2 ends, so B is champion decided in match 2, and stays
 * first after m3 even below A. Before m2 was played there is no champion.
 */
static void
rush_fallback(void)
{
	const char *ms[] = {"A 1 0;B 2 5", "B 1 0;A 2 0", "A 1 20;B 2 0"};
	sqlite3 *db = stage("{\"champion_rush\":{\"threshold\":100,\"max_matches\":2}}", ms, 3);
	struct standings s;
	compute(db, 0, &s);
	CHECK_STR("fallback-champion", "B", s.champion);
	CHECK("fallback-decided", s.decided_in_match == 2 && s.decided_by == RUSH_POINTS);
	CHECK("fallback-late", s.nlate == 1 && s.late[0] == 3);
	CHECK("fallback-first",
	      strcmp(s.rows[0].team, "B") == 0 && s.rows[0].points == 35 && s.rows[1].points == 53);
	standings_free(&s);
	compute(db, 1, &s);
	CHECK("fallback-not-yet", s.champion == NULL);
	standings_free(&s);
	sqlite3_close(db);
}

/*
 * The race, head start 5 for B, matches numbered 1, 2 and 5000:
 *   m1:    A 1st 2 kills (14), B 2nd (9 + 5 = 14), C 3rd 1 kill (9).
 *   m2:    B 1st 3 kills (14 + 15 = 29), C 2nd (9 + 9 = 18); A absent (14).
 *   m5000: C 1st 4 kills (18 + 16 = 34), A 2nd 1 kill (14 + 10 = 24),
 *          B 3rd (29 + 8 = 37).
 * Final order B 37, C 34, A 24; the race by row, before any match first:
 * B 5 14 29 37, C 0 9 18 34, A 0 14 14 24.
 */
static void
race(void)
{
	const char *ms[] = {"A 1 2;B 2 0;C 3 1", "B 1 3;C 2 0", "C 1 4;A 2 1;B 3 0"};
	sqlite3 *db = stage("{\"headstart\":{\"b\":5}}", ms, 3);
	db_exec(db, "UPDATE match SET number = 5000 WHERE number = 3");
	struct standings s;
	char *err = NULL;
	static const int want[] = {5, 14, 29, 37, 0, 9, 18, 34, 0, 14, 14, 24};
	int rc = standings_race(db, 1, 0, &s, &err);
	CHECK("race-ok", rc == 0);
	CHECK("race-numbers", rc == 0 && s.nnumbers == 3 && s.numbers[0] == 1 &&
	                          s.numbers[1] == 2 && s.numbers[2] == 5000);
	CHECK("race-three-matches", rc == 0 && s.nrace == 3 && s.after_match == 5000);
	CHECK("race-order", rc == 0 && s.nrows == 3 && strcmp(s.rows[0].team, "B") == 0 &&
	                        strcmp(s.rows[1].team, "C") == 0 &&
	                        strcmp(s.rows[2].team, "A") == 0);
	CHECK("race-totals", rc == 0 && s.race && memcmp(s.race, want, sizeof want) == 0);
	if (rc == 0)
		standings_free(&s);

	/* as of match 2: B 29, C 18, A 14 */
	static const int want2[] = {5, 14, 29, 0, 9, 18, 0, 14, 14};
	rc = standings_race(db, 1, 2, &s, &err);
	CHECK("race-after-2",
	      rc == 0 && s.nrace == 2 && s.race && memcmp(s.race, want2, sizeof want2) == 0);
	if (rc == 0)
		standings_free(&s);

	compute(db, 0, &s);
	CHECK("no-race-unless-asked", s.race == NULL && s.nrace == 0 && s.nnumbers == 3);
	standings_free(&s);
	free(err);
	sqlite3_close(db);
}

/*
 * dq and forfeit, Champion Rush at 10:
 *   m1: A 1st 5 kills (17), B 2nd 3 (12), C 3rd (8).
 *   m2: B placed 1st with 2 kills but dq (0: not a Booyah, though B had 12
 *       before), A 2nd 4 kills (17 + 13 = 30), C 3rd 1 kill (8 + 9 = 17).
 *   m3: C forfeit (0), A 1st (had 30: champion in match 3), B 2nd (12 + 9 = 21).
 * B: 3 matches, 1 dq, 0 Booyahs, 3 kills (m2's 2 count nowhere), average
 * placement (2 + 2) / 2 = 2.00, best match 12. C: 3 matches, 1 forfeit, 17.
 */
static void
dq_forfeit(void)
{
	const char *ms[] = {"A 1 5;B 2 3;C 3 0", "B 1 2 dq;A 2 4;C 3 1", "C forfeit;A 1 0;B 2 0"};
	sqlite3 *db = stage("{\"champion_rush\":{\"threshold\":10}}", ms, 3);
	struct standings s;
	compute(db, 0, &s);
	const struct standing *a = row(&s, "A"), *b = row(&s, "B"), *c = row(&s, "C");
	CHECK_STR("dq-no-booyah-champion", "A", s.champion);
	CHECK("dq-champion-match-3", s.decided_in_match == 3 && s.decided_by == RUSH_BOOYAH);
	CHECK("dq-a", a && a->points == 42 && a->booyahs == 2 && a->kills == 9);
	CHECK("dq-b-counts", b && b->matches == 3 && b->dq == 1 && b->booyahs == 0);
	CHECK("dq-b-no-points", b && b->points == 21 && b->placement_points == 18 &&
	                            b->kill_points == 3 && b->kills == 3);
	CHECK("dq-b-averages",
	      b && b->avg_placement == 2.0 && b->best_match == 12 && b->last_placement == 2);
	CHECK("forfeit-c", c && c->matches == 3 && c->dq == 1 && c->points == 17 && c->kills == 1 &&
	                       c->avg_placement == 3.0 && c->last_placement == 3);
	standings_free(&s);
	sqlite3_close(db);
}

/*
 * A voided match counts for nothing. m1: A 1st (12), B 2nd (9); m2 (voided,
 * "server crash"): B 1st 10 kills; m3: B 1st (9 + 12 = 21), A 2nd 1 kill
 * (12 + 10 = 22). Without the void B would have 43.
 */
static void
voided(void)
{
	const char *ms[] = {"A 1 0;B 2 0", "B 1 10;A 2 0", "B 1 0;A 2 1"};
	sqlite3 *db = stage(NULL, ms, 3);
	db_exec(db, "UPDATE match SET void = 'server crash' WHERE number = 2");
	struct standings s;
	compute(db, 0, &s);
	CHECK("void-totals", row(&s, "A")->points == 22 && row(&s, "B")->points == 21 &&
	                         row(&s, "B")->matches == 2 && row(&s, "B")->kills == 0);
	CHECK("void-listed", s.nvoids == 1 && s.voids[0].number == 2 &&
	                         strcmp(s.voids[0].reason, "server crash") == 0);
	CHECK("void-note", note_of(&s, "Match 2 voided (server crash): it counts for nothing"));
	CHECK("void-counts", s.after_match == 3 && s.matches_played == 2 && s.total_matches == 2);
	char *label = standings_label(&s);
	CHECK_STR("void-label", "after match 3 (2 of 2 matches played)", label);
	free(label);
	standings_free(&s);
	/* as of the voided match: match 1 alone */
	compute(db, 2, &s);
	label = standings_label(&s);
	CHECK_STR("void-after-label", "after match 2 (1 of 2 matches played; match 2 was voided)",
	          label);
	CHECK("void-after-totals", row(&s, "A")->points == 12 && row(&s, "B")->points == 9);
	free(label);
	standings_free(&s);
	sqlite3_close(db);
}

/*
 * The first wrong answer: matches 1, 2, 4, 5 counted (3 voided),
 * Champion Rush at 100 within 3 matches, nobody reaches it:
 *   m1: A 1st (12), B 2nd (9).     m2: B 1st (21), A 2nd (21).
 *   m3 (voided): B 1st 30 kills.   m4: A 1st (33), B 2nd (30).
 *   m5: B 1st 20 kills (62), A 2nd (42).
 * The 3rd match played is number 4: A leads it 33 to 30, so A is champion
 * on points, decided in match 4; match 5 is beyond max_matches. Before the
 * fix there was no champion at all.
 */
static void
rush_void_gap(void)
{
	const char *ms[] = {"A 1 0;B 2 0", "B 1 0;A 2 0", "B 1 30;A 2 0", "A 1 0;B 2 0",
	                    "B 1 20;A 2 0"};
	sqlite3 *db = stage("{\"champion_rush\":{\"threshold\":100,\"max_matches\":3}}", ms, 5);
	db_exec(db, "UPDATE match SET void = 'remake' WHERE number = 3");
	struct standings s;
	compute(db, 0, &s);
	CHECK_STR("void-gap-champion", "A", s.champion);
	CHECK("void-gap-decided",
	      s.decided_in_match == 4 && s.decided_played == 3 && s.decided_by == RUSH_POINTS);
	CHECK("void-gap-first",
	      strcmp(s.rows[0].team, "A") == 0 && s.rows[0].points == 42 && s.rows[1].points == 62);
	CHECK("void-gap-late", s.nlate == 1 && s.late[0] == 5);
	CHECK("void-gap-late-note",
	      note_of(&s, "Match 5 was played beyond max_matches (3): it counts in the totals"));
	char *how = standings_decided(&s);
	CHECK_STR("void-gap-how",
	          "decided on points after match 4, match 3 of 3 played (max_matches)", how);
	free(how);
	char *label = standings_label(&s);
	CHECK_STR("void-gap-label", "after match 5 (4 of 4 matches played)", label);
	free(label);
	standings_free(&s);
	/* as of match 2: two matches played of three, no champion yet */
	compute(db, 2, &s);
	CHECK("void-gap-not-yet", s.champion == NULL && s.nlate == 0);
	standings_free(&s);
	sqlite3_close(db);
}

/*
 * The second wrong answer: matches 1, 2 and 4 (no 3), Champion Rush
 * at 20 within 3: m1: A 1st 10 kills (22), B 2nd (9); m2: B 1st (21), A 2nd
 * (31); m4: A 1st, with 31 before it: champion in match 4, its 3rd match
 * played. And --after 3 says there is no match 3.
 */
static void
rush_number_gap(void)
{
	const char *ms[] = {"A 1 10;B 2 0", "B 1 0;A 2 0", "A 1 0;B 2 0"};
	sqlite3 *db = stage("{\"champion_rush\":{\"threshold\":20,\"max_matches\":3}}", ms, 3);
	db_exec(db, "UPDATE match SET number = 4 WHERE number = 3");
	struct standings s;
	compute(db, 0, &s);
	CHECK_STR("gap-champion", "A", s.champion);
	CHECK("gap-decided", s.decided_in_match == 4 && s.decided_played == 3 &&
	                         s.decided_by == RUSH_BOOYAH && row(&s, "A")->points == 43);
	char *how = standings_decided(&s);
	CHECK_STR("gap-how", "decided in match 4 by a Booyah on match point", how);
	free(how);
	char *label = standings_label(&s);
	CHECK_STR("gap-label", "after match 4 (3 of 3 matches played)", label);
	free(label);
	standings_free(&s);
	compute(db, 3, &s);
	label = standings_label(&s);
	CHECK_STR("gap-after-missing",
	          "after match 3 (2 of 3 matches played; the stage has no match 3)", label);
	CHECK("gap-after-missing-totals", row(&s, "A")->points == 31 && s.champion == NULL);
	free(label);
	standings_free(&s);
	sqlite3_close(db);
}

/* Add an adjustment to stage 1. */
static void
adjust(sqlite3 *db, const char *team, int points, int after, const char *reason)
{
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO adjustment(stage_id, team_id, points,"
	                                  " after_match, reason)"
	                                  " SELECT 1, id, ?2, ?3, ?4 FROM team WHERE name = ?1");
	sqlite3_bind_text(st, 1, team, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, points);
	sqlite3_bind_int(st, 3, after);
	sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
}

/*
 * Adjustments: B -5 after match 2, C +3 from the start. Three matches, A
 * 1st/2nd/1st, B 2nd/1st/2nd, C 3rd each time, no kills:
 *   after m1: A 12, C 8 + 3 = 11, B 9.   after m2: A 21, C 19, B 21 - 5 = 16.
 *   after m3: A 33, C 27, B 30 - 5 = 25.  before m1: C 3, A 0, B 0.
 */
static void
adjustments(void)
{
	const char *ms[] = {"A 1 0;B 2 0;C 3 0", "B 1 0;A 2 0;C 3 0", "A 1 0;B 2 0;C 3 0"};
	sqlite3 *db = stage(NULL, ms, 3);
	adjust(db, "B", -5, 2, "late to lobby, match 2");
	adjust(db, "C", 3, 0, "bonus");
	struct standings s;
	compute(db, 0, &s);
	CHECK("adj-order", strcmp(s.rows[0].team, "A") == 0 && strcmp(s.rows[1].team, "C") == 0 &&
	                       strcmp(s.rows[2].team, "B") == 0);
	CHECK("adj-totals", s.rows[0].points == 33 && s.rows[1].points == 27 &&
	                        s.rows[1].adjustment == 3 && s.rows[2].points == 25 &&
	                        s.rows[2].adjustment == -5 && s.rows[2].placement_points == 30);
	CHECK("adj-listed", s.nadj == 2 && strcmp(s.adj[0].team, "C") == 0 &&
	                        strcmp(s.adj[1].reason, "late to lobby, match 2") == 0);
	CHECK("adj-note", note_of(&s, "Adjustment: B -5 from the standings after match 2 on "
	                              "(late to lobby, match 2)") &&
	                      note_of(&s, "Adjustment: C +3 from the start (bonus)"));
	standings_free(&s);
	compute(db, 1, &s);
	CHECK("adj-after-1", row(&s, "A")->points == 12 && row(&s, "C")->points == 11 &&
	                         row(&s, "B")->points == 9 && s.nadj == 1);
	standings_free(&s);
	compute(db, 2, &s);
	CHECK("adj-after-2", row(&s, "A")->points == 21 && row(&s, "C")->points == 19 &&
	                         row(&s, "B")->points == 16 && s.nadj == 2);
	CHECK("adj-after-2-prev", row(&s, "C")->prev_rank == 2 && row(&s, "B")->prev_rank == 3);
	standings_free(&s);
	struct standings_opts before = {.after = 0};
	get(db, &before, &s);
	CHECK("adj-before-first", s.nrows == 3 && strcmp(s.rows[0].team, "C") == 0 &&
	                              s.rows[0].points == 3 && s.rows[0].matches == 0 &&
	                              row(&s, "A")->points == 0 && s.matches_played == 0);
	char *label = standings_label(&s);
	CHECK_STR("before-first-label", "before the first match (0 of 3 matches played)", label);
	free(label);
	standings_free(&s);
	sqlite3_close(db);
}

/*
 * Champion Rush at 20 with A's penalty of -15: m1: A 1st 10 kills (22), B
 * 2nd (9); m2: B 1st (21), A 2nd (31); m3: A 1st; m4: B 1st.
 * after_match 2: A has 31 - 15 = 16 before m3, so its Booyah there does not
 * convert; B (21, then 30 before m4) converts in m4. Totals: B 9 + 12 + 9 +
 * 12 = 42, A 22 + 9 + 12 + 9 - 15 = 37.
 * after_match 3: the penalty is not in the total before m3 (31): A converts
 * in m3.
 */
static void
rush_penalty(void)
{
	const char *ms[] = {"A 1 10;B 2 0", "B 1 0;A 2 0", "A 1 0;B 2 0", "B 1 0;A 2 0"};
	const char *rules = "{\"champion_rush\":{\"threshold\":20}}";
	sqlite3 *db = stage(rules, ms, 4);
	adjust(db, "A", -15, 2, "violation in match 2");
	struct standings s;
	compute(db, 0, &s);
	CHECK_STR("penalty-before-booyah", "B", s.champion);
	CHECK("penalty-before-booyah-match",
	      s.decided_in_match == 4 && s.rows[0].points == 42 && row(&s, "A")->points == 37);
	standings_free(&s);
	sqlite3_close(db);
	db = stage(rules, ms, 4);
	adjust(db, "A", -15, 3, "violation in match 3");
	compute(db, 0, &s);
	CHECK_STR("penalty-after-booyah", "A", s.champion);
	CHECK("penalty-after-booyah-match",
	      s.decided_in_match == 3 && s.nlate == 1 && s.late[0] == 4);
	CHECK("penalty-late-note", note_of(&s, "Match 4 was played after the champion was "
	                                       "decided in match 3"));
	standings_free(&s);
	sqlite3_close(db);
}

/* Put team on stage 1's roster, in group grp (NULL: none). */
static void
roster(sqlite3 *db, const char *name, const char *grp)
{
	team(db, name);
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO stage_team(stage_id, team_id, grp)"
	                                  " SELECT 1, id, ?2 FROM team WHERE name = ?1");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (grp)
		sqlite3_bind_text(st, 2, grp, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
}

/*
 * Groups in shared lobbies: A and B in group A, C and D in group B, all in
 * both matches, Champion Rush at 9 over the whole stage:
 *   m1: A 1st (12), C 2nd (9), B 3rd (8), D 4th (7).
 *   m2: C 1st (had 9: champion in m2, 21), D 2nd (16), A 3rd (20), B 4th (15).
 * Stage: C, A, D, B. Group A: A 20, B 15 (the champion is not theirs).
 * Group B: C, D; after m1 C led D 9 to 7.
 */
static void
groups(void)
{
	const char *ms[] = {"A 1 0;C 2 0;B 3 0;D 4 0", "C 1 0;D 2 0;A 3 0;B 4 0"};
	sqlite3 *db = stage("{\"champion_rush\":{\"threshold\":9}}", ms, 2);
	roster(db, "A", "A");
	roster(db, "B", "A");
	roster(db, "C", "B");
	roster(db, "D", "B");
	struct standings s;
	compute(db, 0, &s);
	CHECK("groups-stage", s.nrows == 4 && strcmp(s.rows[0].team, "C") == 0 &&
	                          strcmp(s.rows[1].team, "A") == 0 && s.rows[2].points == 16 &&
	                          s.group == NULL && strcmp(s.rows[1].group, "A") == 0);
	standings_free(&s);
	struct standings_opts o = {.after = -1, .group = "a"};
	get(db, &o, &s);
	CHECK("group-a", s.nrows == 2 && strcmp(s.rows[0].team, "A") == 0 && s.rows[0].rank == 1 &&
	                     s.rows[0].points == 20 && s.rows[0].matches == 2 &&
	                     strcmp(s.rows[1].team, "B") == 0 && s.rows[1].rank == 2 &&
	                     strcmp(s.group, "A") == 0);
	CHECK_STR("group-a-stage-champion", "C", s.champion);
	CHECK("group-a-prev", s.rows[0].prev_rank == 1 && s.rows[1].prev_rank == 2);
	standings_free(&s);
	o.group = "B";
	get(db, &o, &s);
	CHECK("group-b", s.nrows == 2 && strcmp(s.rows[0].team, "C") == 0 && s.rows[0].rank == 1 &&
	                     s.rows[0].points == 21 && strcmp(s.rows[1].team, "D") == 0 &&
	                     s.rows[1].points == 16 && strcmp(s.rows[1].group, "B") == 0);
	standings_free(&s);
	char *err = NULL;
	o.group = "Z";
	CHECK("group-unknown", standings_get(db, 1, &o, &s, &err) == -1);
	CHECK_STR("group-unknown-message", "--group Z: the stage 'Final' has groups A, B", err);
	free(err);
	sqlite3_close(db);
}

/*
 * Teams without a match yet are listed: E has a head start of 5 and is on
 * the roster, F only on the roster. m1: A 1st (12), B 2nd (9). Before the
 * first match E leads on 5, the others share rank 2 on 0.
 */
static void
no_match_yet(void)
{
	const char *ms[] = {"A 1 0;B 2 0"};
	sqlite3 *db = stage("{\"headstart\":{\"E\":5}}", ms, 1);
	roster(db, "E", NULL);
	roster(db, "F", NULL);
	struct standings s;
	compute(db, 0, &s);
	CHECK("listed-all", s.nrows == 4 && row(&s, "E") && row(&s, "E")->points == 5 &&
	                        row(&s, "E")->matches == 0 && row(&s, "F") &&
	                        row(&s, "F")->rank == 4);
	standings_free(&s);
	struct standings_opts o = {.after = 0};
	get(db, &o, &s);
	CHECK("before-first-headstart", s.nrows == 4 && strcmp(s.rows[0].team, "E") == 0 &&
	                                    s.rows[0].rank == 1 && s.rows[1].rank == 2 &&
	                                    s.rows[3].rank == 2 && s.rows[3].points == 0);
	standings_free(&s);
	sqlite3_close(db);
}

/*
 * What-if under pubgm-points (15, 12, ...) of a stage with a head start of 5 for
 * B, Champion Rush at 15 and A's bonus of 3 from the start: m1: A 1st (15
 * + 3 = 18), B 2nd (12 + 5 = 17); m2: A 1st with 18 before it: champion
 * in m2. The preset alone has no Champion Rush.
 */
static void
what_if_keeps(void)
{
	const char *ms[] = {"A 1 0;B 2 0", "A 1 0;B 2 0"};
	sqlite3 *db = stage("{\"name\":\"cup\",\"headstart\":{\"B\":5},"
	                    "\"champion_rush\":{\"threshold\":15}}",
	                    ms, 2);
	adjust(db, "A", 3, 0, "bonus");
	struct ruleset pubgm;
	rules_preset("pubgm-points", &pubgm);
	struct standings_opts o = {.rules = &pubgm, .after = 1};
	struct standings s;
	get(db, &o, &s);
	CHECK("what-if-scoring", row(&s, "A")->points == 18 && row(&s, "B")->points == 17 &&
	                             row(&s, "B")->headstart == 5);
	CHECK_STR("what-if-named", "pubgm-points", s.what_if);
	CHECK("what-if-note",
	      note_of(&s, "What-if: the placement table, kill points, kill cap "
	                  "and tiebreakers of pubgm-points; head starts, adjustments "
	                  "and "
	                  "Champion Rush as the stage's ruleset (cup) has them"));
	standings_free(&s);
	o.after = -1;
	get(db, &o, &s);
	CHECK_STR("what-if-keeps-rush", "A", s.champion);
	CHECK("what-if-rush-match", s.decided_in_match == 2 && s.rules.rush_threshold == 15);
	standings_free(&s);
	rules_free(&pubgm);
	sqlite3_close(db);
}

/*
 * Zones: top 2 "Advance", 3rd "Play-in", the rest nothing. m1: A 1st (12),
 * B 2nd (9), C 3rd (8), D 4th (7). Groups X (A, C) and Y (B, D): a group's
 * standings show zones only with zones_per_group (there A and B are 1st,
 * C and D 2nd: all "Advance").
 */
static void
zones(void)
{
	const char *ms[] = {"A 1 0;B 2 0;C 3 0;D 4 0"};
	const char *z =
	    "{\"zones\":[{\"to\":2,\"label\":\"Advance\"},{\"to\":3,\"label\":\"Play-in\"}]";
	for (int per_group = 0; per_group < 2; per_group++) {
		char *rules = xasprintf("%s%s}", z, per_group ? ",\"zones_per_group\":true" : "");
		sqlite3 *db = stage(rules, ms, 1);
		free(rules);
		roster(db, "A", "X");
		roster(db, "C", "X");
		roster(db, "B", "Y");
		roster(db, "D", "Y");
		struct standings s;
		compute(db, 0, &s);
		CHECK(per_group ? "zones-stage-per-group" : "zones-stage",
		      s.nrows == 4 && s.rows[0].zone && strcmp(s.rows[0].zone, "Advance") == 0 &&
		          strcmp(s.rows[1].zone, "Advance") == 0 &&
		          strcmp(s.rows[2].zone, "Play-in") == 0 && s.rows[3].zone == NULL);
		standings_free(&s);
		struct standings_opts o = {.after = -1, .group = "X"};
		get(db, &o, &s);
		if (per_group)
			CHECK("zones-per-group", s.nrows == 2 && s.rows[1].zone &&
			                             strcmp(s.rows[1].zone, "Advance") == 0);
		else
			CHECK("zones-not-per-group",
			      s.nrows == 2 && s.rows[0].zone == NULL && s.rows[1].zone == NULL);
		standings_free(&s);
		sqlite3_close(db);
	}
}

/*
 * Head starts carried from Point Rush (stage 2): Champion Rush at 5 there;
 * m1: B 1st 0 (12), A 2nd (9), C 3rd (8); m2: C 1st with 8 before it
 * (champion), A 2nd (18), B 3rd (20). Its final ranking: C (champion), B
 * 20, A 18. The final carries [10, 8] by rank and names C for 1 more:
 * final m1: A 1st (12 + 0), B 2nd (9 + 8 = 17), C 3rd (8 + 10 + 1 = 19).
 */
static void
carried(void)
{
	const char *ms[] = {"A 1 0;B 2 0;C 3 0"};
	sqlite3 *db = stage("{\"headstart\":{\"C\":1},"
	                    "\"headstart_from\":{\"stage\":\"Point Rush\",\"by_rank\":[10,8]}}",
	                    ms, 1);
	db_exec(db, "INSERT INTO stage(id, tournament_id, name, slug, ruleset) VALUES (2, 1,"
	            " 'Point Rush', 'point-rush', '{\"champion_rush\":{\"threshold\":5}}')");
	db_exec(db, "INSERT INTO match(id, stage_id, number, map) VALUES (11, 2, 1, 'Bermuda'),"
	            " (12, 2, 2, 'Purgatory')");
	result(db, 11, "B 1 0");
	result(db, 11, "A 2 0");
	result(db, 11, "C 3 0");
	result(db, 12, "C 1 0");
	result(db, 12, "A 2 0");
	result(db, 12, "B 3 0");
	struct standings s;
	compute(db, 0, &s);
	CHECK("carried-order", s.nrows == 3 && strcmp(s.rows[0].team, "C") == 0 &&
	                           s.rows[0].points == 19 && strcmp(s.rows[1].team, "B") == 0 &&
	                           s.rows[1].points == 17 && s.rows[2].points == 12);
	CHECK("carried-parts", s.rows[0].headstart == 11 && s.rows[0].headstart_carried == 10 &&
	                           s.rows[1].headstart_carried == 8 &&
	                           s.rows[2].headstart_carried == 0);
	CHECK_STR("carried-from", "Point Rush", s.headstart_from);
	CHECK("carried-note", note_of(&s, "Head starts carried from Point Rush: by its final "
	                                  "ranking, from 1st down, 10, 8"));
	standings_free(&s);
	/* a loop: Point Rush carrying from the final, which carries from Point
	 * Rush: neither carries anything, and both say so. The final: A 12, B
	 * 9, C 8 + 1 = 9. */
	db_exec(db, "UPDATE stage SET ruleset = '{\"headstart_from\":{\"stage\":\"final\","
	            "\"by_rank\":[1]}}' WHERE id = 2");
	compute(db, 0, &s);
	CHECK("carried-loop", s.headstart_from == NULL && row(&s, "A")->points == 12 &&
	                          row(&s, "C")->points == 9 && row(&s, "B")->headstart == 0);
	CHECK("carried-loop-note",
	      note_of(&s, "Head starts from Point Rush: the stages carry head "
	                  "starts from each other in a loop: nothing carried"));
	standings_free(&s);
	char *err = NULL;
	CHECK("carried-loop-other",
	      standings_get(db, 2, &(struct standings_opts){.after = -1}, &s, &err) == 0 &&
	          s.headstart_from == NULL && s.nnotes == 1);
	standings_free(&s);
	/* a stage not imported yet: nothing carried, and a note */
	db_exec(db, "UPDATE stage SET ruleset = '{\"headstart_from\":{\"stage\":\"Nowhere\","
	            "\"by_rank\":[1]}}' WHERE id = 1");
	compute(db, 0, &s);
	CHECK("carried-no-stage", s.headstart_from == NULL && row(&s, "C")->points == 8);
	CHECK("carried-no-stage-note",
	      note_of(&s, "Head starts from Nowhere: no such stage in Cup (yet): nothing carried"));
	standings_free(&s);
	sqlite3_close(db);
}

int
main(void)
{
	tiebreakers();
	shared_rank();
	kill_cap();
	headstart();
	champion_rush();
	rush_fallback();
	race();
	raw_kills_note();
	dq_forfeit();
	voided();
	rush_void_gap();
	rush_number_gap();
	adjustments();
	rush_penalty();
	groups();
	no_match_yet();
	what_if_keeps();
	zones();
	carried();
	return unit_failed;
}
