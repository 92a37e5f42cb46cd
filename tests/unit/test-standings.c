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

/*
 * A fresh in-memory database with one stage scored by ruleset (JSON text or
 * NULL) and the given matches, one string per match: "TEAM PLACE KILLS"
 * triples separated by ';', e.g. "A 1 0;B 2 3".
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
		for (char *e = strtok_r(copy, ";", &save); e; e = strtok_r(NULL, ";", &save)) {
			char team[16];
			int place, kills;
			if (sscanf(e, " %15s %d %d", team, &place, &kills) != 3)
				abort();
			st = db_prepare(db, "INSERT OR IGNORE INTO team(name, key, slug)"
			                    " VALUES (?1, lower(?1), lower(?1))");
			sqlite3_bind_text(st, 1, team, -1, SQLITE_TRANSIENT);
			sqlite3_step(st);
			sqlite3_finalize(st);
			st = db_prepare(db, "INSERT INTO result(match_id, team_id, placement, kills) SELECT ?1, id, ?2, ?3 FROM team"
			                    " WHERE name = ?4");
			sqlite3_bind_int(st, 1, m + 1);
			sqlite3_bind_int(st, 2, place);
			sqlite3_bind_int(st, 3, kills);
			sqlite3_bind_text(st, 4, team, -1, SQLITE_TRANSIENT);
			sqlite3_step(st);
			sqlite3_finalize(st);
		}
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

/*
 * One tiebreaker: winner and loser are level on points, and `by` must be
 * what ranks winner above loser.
 */
static void
tie(const char *name, const char *ruleset, const char *m1, const char *m2, const char *winner,
    const char *loser, int points, const char *by)
{
	const char *ms[] = {m1, m2};
	sqlite3 *db = stage(ruleset, ms, 2);
	struct standings s;
	compute(db, 0, &s);
	const struct standing *w = row(&s, winner), *l = row(&s, loser);
	char n[96];
	snprintf(n, sizeof n, "%s-level-on-points", name);
	CHECK(n, w && l && w->points == points && l->points == points);
	snprintf(n, sizeof n, "%s-order", name);
	CHECK(n, w && l && w->rank + 1 == l->rank);
	snprintf(n, sizeof n, "%s-named", name);
	CHECK_STR(n, by, l ? l->tiebreak : NULL);
	snprintf(n, sizeof n, "%s-winner-unmarked", name);
	CHECK(n, w && w->tiebreak == NULL);
	standings_free(&s);
	sqlite3_close(db);
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
	CHECK("fallback-decided", s.decided_in_match == 2);
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
	return unit_failed;
}
