/*
 * standings.c: the one scoring function. Every surface (CLI, web pages, the
 * JSON API) gets a stage's standings from standings_get(), which reads the
 * stored per-match rows and scores them on the spot under the stage's
 * ruleset (or a what-if's scoring): totals with head starts (by name and
 * carried from another stage's ranking) and adjustments, dq and forfeit
 * results, voided matches left out, tiebreakers, shared ranks, Champion Rush
 * over the matches played, zones, one group's standings, and the rank each
 * team held one match earlier. The same pass records, when asked, every
 * team's total after each match for the points race.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db.h"
#include "find.h"
#include "scenarios.h"
#include "standings.h"
#include "util.h"

struct res {
	int number;    /* match number within the stage */
	int seq;       /* its place among the counted matches, 1-based */
	int team;      /* index into the team list */
	int placement; /* 1 = Booyah; 0: dq or forfeit (counts nowhere) */
	int kills;     /* the team's kills; 0: dq or forfeit */
};

struct adj {
	int team;        /* index into the team list */
	int points;      /* added to the total */
	int after_match; /* in the total from the standings after this match on */
};

struct acc {
	int matches;    /* matches counted, dq and forfeit included */
	int dq;         /* of them, dq or forfeit */
	int placed;     /* of them, played (with a placement) */
	int booyahs;    /* first places */
	int kills;      /* kills, uncapped */
	int ckills;     /* kills as counted under the cap */
	int pp;         /* placement points */
	int kp;         /* kill points */
	int headstart;  /* head-start points */
	int adj;        /* adjustments applied so far */
	int sum_place;  /* sum of placements, for the average */
	int last_place; /* placement in the latest match played; 0: none */
	int best;       /* most points in one match played */
	int rush_since; /* match after which it reached the threshold; 0: not (or no longer) */
};

struct scoring {
	const struct ruleset *r; /* the ruleset */
	const struct res *res;   /* the stage's counted rows, by match number */
	int nres;                /* how many */
	int nteams;              /* teams in the stage */
	const int *headstart;    /* head-start points by team index */
	const struct adj *adj;   /* adjustments, by after_match */
	int nadj;                /* how many */
	int nextadj;             /* adjustments applied, during run() */
	const char *member;      /* 1 by team index for the teams ranked; NULL: all */
	struct acc *acc;         /* per team, after run() */
	int *place;              /* countback: placement by team and seq, place[t * (nseq + 1) +
	                            seq], 0: not played; NULL without countback */
	int nseq;                /* counted matches in the stage */
	int seq;                 /* counted matches scored, during run() */
	int *order;              /* team indexes in rank order (every team), after run() */
	int *shown;              /* the ranked teams (member) in rank order, after run() */
	int nshown;              /* how many */
	int *rank;               /* rank by team index, after run() */
	int *tiebreak;           /* deciding tiebreaker by team index, -1: none, after run() */
	int champion;            /* team index of the champion, -1: none */
	int decided;             /* match number that decided it */
	int decided_seq;         /* its place among the counted matches */
	enum rush_how how;       /* how it was decided */
	const int *numbers;      /* the stage's counted match numbers, ascending */
	int nrace;               /* columns of the race after the first: numbers up to n */
	int *race;               /* totals by team index, race[t * (nrace + 1) + i]; NULL: none */
	int raced;               /* race columns filled after the first */
};

static int
total(const struct acc *a)
{
	return a->pp + a->kp + a->headstart + a->adj;
}

/* Countback between teams a and b: from the latest match scored that both
 * played back, the better placement in the first where they differ. */
static int
countback(const struct scoring *s, int a, int b)
{
	if (s->place == NULL)
		return 0;
	size_t w = (size_t)s->nseq + 1;
	for (int k = s->seq; k >= 1; k--) {
		int pa = s->place[(size_t)a * w + (size_t)k],
		    pb = s->place[(size_t)b * w + (size_t)k];
		if (pa && pb && pa != pb)
			return pa < pb ? -1 : 1;
	}
	return 0;
}

/*
 * Compare teams a and b (indexes) on tiebreaker t: <0 when a is ahead, >0
 * when b is, 0 when level. Dq and forfeit results take part in none.
 */
static int
cmp_tiebreak(const struct scoring *s, enum tiebreak t, int ia, int ib)
{
	const struct acc *a = &s->acc[ia], *b = &s->acc[ib];
	switch (t) {
	case TB_BOOYAHS:
		return b->booyahs - a->booyahs;
	case TB_KILLS:
		return b->kills - a->kills;
	case TB_PLACEMENT_POINTS:
		return b->pp - a->pp;
	case TB_LAST_PLACEMENT: {
		/* no match yet ranks below any placement */
		long la = a->last_place ? a->last_place : 1L << 30;
		long lb = b->last_place ? b->last_place : 1L << 30;
		return la < lb ? -1 : la > lb;
	}
	case TB_AVG_PLACEMENT: {
		if (a->placed == 0 || b->placed == 0)
			return b->placed == 0 ? (a->placed == 0 ? 0 : -1) : 1;
		/* sum_a / n_a against sum_b / n_b without rounding */
		long long x = (long long)a->sum_place * b->placed;
		long long y = (long long)b->sum_place * a->placed;
		return x < y ? -1 : x > y;
	}
	case TB_BEST_MATCH:
		return b->best - a->best;
	case TB_COUNTED_KILLS:
		return b->ckills - a->ckills;
	case TB_COUNTBACK:
		return countback(s, ia, ib);
	}
	return 0;
}

/*
 * Compare two teams (indexes) in the normal order (points, then the
 * ruleset's tiebreakers): <0 when a ranks above b, >0 below, 0 level on
 * everything. *by, when non-NULL, gets the index in r->tiebreak of the
 * tiebreaker that decided, or -1.
 */
static int
cmp_teams(const struct scoring *s, int a, int b, int *by)
{
	const struct ruleset *r = s->r;
	if (by)
		*by = -1;
	if (total(&s->acc[a]) != total(&s->acc[b]))
		return total(&s->acc[b]) - total(&s->acc[a]);
	for (int i = 0; i < r->ntiebreak; i++) {
		int c = cmp_tiebreak(s, r->tiebreak[i], a, b);
		if (c != 0) {
			if (by)
				*by = i;
			return c;
		}
	}
	return 0;
}

/* Sort idx[0..n) into the normal order; insertion sort keeps equal teams
 * in the order given (by name), and a lobby is small. */
static void
sort_teams(const struct scoring *s, int *idx, int n)
{
	for (int i = 1; i < n; i++) {
		int v = idx[i], j = i;
		while (j > 0 && cmp_teams(s, v, idx[j - 1], NULL) < 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = v;
	}
}

/* Add one result to its team's totals. */
static void
add_result(struct scoring *s, const struct res *x)
{
	struct acc *a = &s->acc[x->team];
	a->matches++;
	if (x->placement == 0) { /* dq or forfeit: a match played, worth nothing */
		a->dq++;
		return;
	}
	int pp, kp, pts = rules_match_points(s->r, x->placement, x->kills, &pp, &kp);
	a->placed++;
	a->booyahs += x->placement == 1;
	a->kills += x->kills;
	a->ckills += s->r->kill_cap >= 0 && x->kills > s->r->kill_cap ? s->r->kill_cap : x->kills;
	a->pp += pp;
	a->kp += kp;
	a->sum_place += x->placement;
	a->last_place = x->placement;
	if (a->placed == 1 || pts > a->best)
		a->best = pts;
	if (s->place)
		s->place[(size_t)x->team * ((size_t)s->nseq + 1) + (size_t)x->seq] = x->placement;
}

/* Apply the adjustments not applied yet whose after_match is at most m. */
static void
adjust_upto(struct scoring *s, int m)
{
	while (s->nextadj < s->nadj && s->adj[s->nextadj].after_match <= m) {
		s->acc[s->adj[s->nextadj].team].adj += s->adj[s->nextadj].points;
		s->nextadj++;
	}
}

/* Fill the race columns of the match numbers up to m with the current totals. */
static void
race_upto(struct scoring *s, int m)
{
	while (s->race && s->raced < s->nrace && s->numbers[s->raced] <= m) {
		s->raced++;
		for (int t = 0; t < s->nteams; t++)
			s->race[(size_t)t * ((size_t)s->nrace + 1) + (size_t)s->raced] =
			    total(&s->acc[t]);
	}
}

/* The champion's rank first, then the ranked teams (member) in the normal
 * order into s->shown, with their ranks and deciding tiebreakers. */
static void
rank_teams(struct scoring *s)
{
	sort_teams(s, s->order, s->nteams);
	int pos = 0;
	if (s->champion >= 0) {
		while (s->order[pos] != s->champion)
			pos++;
		memmove(s->order + 1, s->order, (size_t)pos * sizeof *s->order);
		s->order[0] = s->champion;
	}
	s->nshown = 0;
	for (int i = 0; i < s->nteams; i++)
		if (s->member == NULL || s->member[s->order[i]])
			s->shown[s->nshown++] = s->order[i];
	int champ = s->nshown > 0 && s->shown[0] == s->champion;
	for (int i = 0; i < s->nshown; i++) {
		int t = s->shown[i], prev = i > champ ? s->shown[i - 1] : -1, by = -1;
		s->rank[t] = i + 1;
		s->tiebreak[t] = -1;
		if (prev >= 0 && cmp_teams(s, t, prev, &by) == 0)
			s->rank[t] = s->rank[prev];
		else if (prev >= 0 && total(&s->acc[t]) == total(&s->acc[prev]))
			s->tiebreak[t] = by;
	}
}

/*
 * Score the matches numbered up to n: totals, Champion Rush over the
 * matches played (max_matches counts counted matches, not numbers), and the
 * rank order (champion first). Teams are indexed in name order, which
 * breaks nothing but keeps teams level on everything in a stable order.
 */
static void
run(struct scoring *s, int n)
{
	const struct ruleset *r = s->r;
	int rush = r->rush_threshold > 0;
	memset(s->acc, 0, (size_t)s->nteams * sizeof *s->acc);
	if (s->place)
		memset(s->place, 0, (size_t)s->nteams * ((size_t)s->nseq + 1) * sizeof *s->place);
	s->nextadj = 0;
	s->seq = 0;
	for (int t = 0; t < s->nteams; t++) {
		s->acc[t].headstart = s->headstart[t];
		s->order[t] = t;
	}
	adjust_upto(s, 0);
	for (int t = 0; s->race && t < s->nteams; t++)
		s->race[(size_t)t * ((size_t)s->nrace + 1)] = total(&s->acc[t]);
	s->champion = -1;
	s->decided = s->decided_seq = 0;
	s->how = RUSH_NONE;
	s->raced = 0;
	for (int i = 0; i < s->nres && s->res[i].number <= n;) {
		int m = s->res[i].number, k = s->res[i].seq, j;
		/* the total before match m holds the adjustments with after_match < m */
		adjust_upto(s, m - 1);
		/* a Booyah converts when the team had the threshold before the match */
		if (rush && s->champion < 0 &&
		    (r->rush_max_matches == 0 || k <= r->rush_max_matches))
			for (j = i; j < s->nres && s->res[j].number == m; j++)
				if (s->res[j].placement == 1 && s->champion < 0 &&
				    total(&s->acc[s->res[j].team]) >= r->rush_threshold) {
					s->champion = s->res[j].team;
					s->decided = m;
					s->decided_seq = k;
					s->how = RUSH_BOOYAH;
				}
		for (j = i; j < s->nres && s->res[j].number == m; j++)
			add_result(s, &s->res[j]);
		i = j;
		s->seq = k;
		adjust_upto(s, m);
		for (int t = 0; rush && t < s->nteams; t++) {
			struct acc *a = &s->acc[t];
			if (total(a) < r->rush_threshold)
				a->rush_since = 0;
			else if (a->rush_since == 0)
				a->rush_since = m;
		}
		race_upto(s, m);
		/* nobody converted within max_matches: the leader then wins */
		if (rush && s->champion < 0 && k == r->rush_max_matches && s->nteams > 0) {
			sort_teams(s, s->order, s->nteams);
			s->champion = s->order[0];
			s->decided = m;
			s->decided_seq = k;
			s->how = RUSH_POINTS;
		}
	}
	adjust_upto(s, n);
	race_upto(s, n);
	rank_teams(s);
}

/* The teams of a stage while they are gathered, in the order first seen. */
struct roster {
	struct standing *rows; /* team_id, group, headstart, headstart_carried so far */
	int n;                 /* used */
	int cap;               /* allocated */
};

/* The index of team id in ro, added when new. */
static int
slot(struct roster *ro, int64_t id)
{
	for (int t = 0; t < ro->n; t++)
		if (ro->rows[t].team_id == id)
			return t;
	if (ro->n == ro->cap) {
		ro->cap = ro->cap ? ro->cap * 2 : 32;
		ro->rows = xrealloc(ro->rows, (size_t)ro->cap * sizeof *ro->rows);
	}
	memset(&ro->rows[ro->n], 0, sizeof ro->rows[ro->n]);
	ro->rows[ro->n].team_id = id;
	return ro->n++;
}

/* Stage and tournament names into out, the tournament's id into *tournament;
 * 1, 0 when there is no stage, or -1 after db_error_set(). */
static int
load_names(sqlite3 *db, int64_t stage, struct standings *out, int64_t *tournament)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT t.name, t.slug, s.name, s.slug, t.id,"
	        " (SELECT max(number) FROM match m WHERE m.stage_id = s.id)"
	        " FROM stage s JOIN tournament t ON t.id = s.tournament_id WHERE s.id = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, stage);
	int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
	if (found) {
		out->tournament = db_text(st, 0);
		out->tournament_slug = db_text(st, 1);
		out->stage = db_text(st, 2);
		out->stage_slug = db_text(st, 3);
		*tournament = sqlite3_column_int64(st, 4);
		out->after_match = sqlite3_column_int(st, 5);
		rc = SQLITE_DONE;
	}
	return db_end(db, st, rc) != 0 ? -1 : found;
}

/*
 * The stage's counted match numbers, ascending, into out->numbers (and
 * total_matches); its voided matches up to after into out->voids. Sets
 * out->after_exists. 0, or -1 after db_error_set().
 */
static int
load_numbers(sqlite3 *db, int64_t stage, int after, const struct standings_opts *o,
             struct standings *out)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT number, void FROM match WHERE stage_id = ?1"
	        " AND (?2 = 0 OR day BETWEEN ?2 AND ?3) AND (?4 IS NULL OR map = ?4 COLLATE NOCASE)"
	        " ORDER BY number");
	if (st == NULL)
		return -1;
	int cap = 0, vcap = 0, rc;
	sqlite3_bind_int64(st, 1, stage);
	sqlite3_bind_int(st, 2, o->day_from);
	sqlite3_bind_int(st, 3, o->day_to);
	if (o->map)
		sqlite3_bind_text(st, 4, o->map, -1, SQLITE_TRANSIENT);
	out->after_exists = after == 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_int(st, 0);
		out->after_exists |= n == after;
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			if (n > after)
				continue;
			if (out->nvoids == vcap) {
				vcap = vcap ? vcap * 2 : 8;
				out->voids =
				    xrealloc(out->voids, (size_t)vcap * sizeof *out->voids);
			}
			out->voids[out->nvoids].number = n;
			out->voids[out->nvoids++].reason = db_text(st, 1);
			continue;
		}
		if (out->nnumbers == cap) {
			cap = cap ? cap * 2 : 64;
			out->numbers = xrealloc(out->numbers, (size_t)cap * sizeof *out->numbers);
		}
		out->numbers[out->nnumbers++] = n;
		out->matches_played += n <= after;
	}
	out->total_matches = out->nnumbers;
	return db_end(db, st, rc);
}

/*
 * The stage's counted rows (all of them: a team that plays only after
 * match `after` still has a row) into *res, ordered by match number, each
 * with its place among out->numbers (the rows of voided matches, not in
 * it, are skipped: the query stays on the covering index); their teams into
 * ro. A dq or forfeit row keeps neither placement nor kills. 0, or -1
 * after db_error_set().
 */
static int
load_rows(sqlite3 *db, int64_t stage, const struct standings *out, struct roster *ro,
          struct res **res, int *nres)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT m.number, r.team_id, r.placement, r.kills,"
	                                  " r.status"
	                                  " FROM match m JOIN result r ON r.match_id = m.id"
	                                  " WHERE m.stage_id = ?1 ORDER BY m.number");
	int cap = 0, seq = 0, rc;
	*res = NULL;
	*nres = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, stage);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int number = sqlite3_column_int(st, 0);
		const unsigned char *status = sqlite3_column_text(st, 4);
		int played = status && strcmp((const char *)status, "played") == 0;
		while (seq < out->nnumbers && out->numbers[seq] < number)
			seq++;
		if (seq == out->nnumbers || out->numbers[seq] != number)
			continue; /* voided */
		if (*nres == cap) {
			cap = cap ? cap * 2 : 512;
			*res = xrealloc(*res, (size_t)cap * sizeof **res);
		}
		(*res)[*nres] = (struct res){number, seq + 1, slot(ro, sqlite3_column_int64(st, 1)),
		                             played ? sqlite3_column_int(st, 2) : 0,
		                             played ? sqlite3_column_int(st, 3) : 0};
		(*nres)++;
	}
	return db_end(db, st, rc);
}

/* The stage's declared roster and groups into ro. 0, or -1 after db_error_set(). */
static int
load_roster(sqlite3 *db, int64_t stage, struct roster *ro)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT team_id, grp FROM stage_team WHERE stage_id = ?1 ORDER BY team_id");
	if (st == NULL)
		return -1;
	int rc;
	sqlite3_bind_int64(st, 1, stage);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int t = slot(ro, sqlite3_column_int64(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL && ro->rows[t].group == NULL)
			ro->rows[t].group = db_text(st, 1);
	}
	return db_end(db, st, rc);
}

/* The stage's adjustments, by after_match then as given, into out->adj (team
 * name filled later) and *adj (team indexes into ro). 0, or -1 after db_error_set(). */
static int
load_adjustments(sqlite3 *db, int64_t stage, struct roster *ro, struct standings *out,
                 struct adj **adj)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT team_id, points, after_match, reason"
	                                  " FROM adjustment WHERE stage_id = ?1"
	                                  " ORDER BY after_match, id");
	int cap = 0, rc;
	*adj = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, stage);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->nadj == cap) {
			cap = cap ? cap * 2 : 8;
			out->adj = xrealloc(out->adj, (size_t)cap * sizeof *out->adj);
			*adj = xrealloc(*adj, (size_t)cap * sizeof **adj);
		}
		struct standings_adjustment *a = &out->adj[out->nadj];
		a->team_id = sqlite3_column_int64(st, 0);
		a->team = NULL;
		a->points = sqlite3_column_int(st, 1);
		a->after_match = sqlite3_column_int(st, 2);
		a->reason = db_text(st, 3);
		(*adj)[out->nadj++] = (struct adj){slot(ro, a->team_id), a->points, a->after_match};
	}
	return db_end(db, st, rc);
}

/* Append m (taken over) to out->notes. */
static void
note(struct standings *out, struct msg m)
{
	out->notes = xrealloc(out->notes, (size_t)(out->nnotes + 1) * sizeof *out->notes);
	out->notes[out->nnotes++] = m;
}

static int compute(sqlite3 *db, int64_t stage, const struct standings_opts *o,
                   struct standings *out, char **err);

/*
 * 1 when the chain of headstart_from that starts at stage from (of
 * tournament) comes back to a stage it passed (or passes 64), else 0 (it ends: no
 * headstart_from, a stage not there, or a ruleset that does not parse,
 * which computing its standings reports), or -1 after db_error_set().
 */
static int
carry_loops(sqlite3 *db, int64_t tournament, int64_t from)
{
	int64_t seen[64];
	int n = 0, loops = 0;
	while (!loops && n < 64) {
		struct ruleset r;
		char *err;
		seen[n++] = from;
		if (rules_for_stage(db, from, &r, &err) != 0) {
			free(err);
			break;
		}
		int next =
		    r.headstart_from ? find_stage(db, tournament, r.headstart_from, &from) : 0;
		rules_free(&r);
		if (next < 0)
			return -1;
		if (!next)
			break;
		for (int i = 0; i < n; i++)
			loops |= seen[i] == from;
	}
	return loops || n == 64;
}

/*
 * Head starts: by name from the ruleset, and carried from the final
 * ranking of the stage rules.headstart_from names (its rank r gives
 * headstart_by_rank[r - 1]) into ro's rows. A stage not there (not imported
 * yet), or a chain of carried head starts that loops, carries nothing, and
 * a note says so. Returns 0, or -1 with *err set: the other stage's
 * standings could not be computed, or the database read.
 */
static int
load_headstarts(sqlite3 *db, int64_t stage, int64_t tournament, struct roster *ro,
                struct standings *out, char **err)
{
	const struct ruleset *r = &out->rules;
	int found, loops;
	for (int h = 0; h < r->nheadstart; h++) {
		int64_t id = r->headstart[h].team_id; /* stored: by team id */
		found = id != 0 ? 1 : find_team(db, r->headstart[h].team, &id);
		if (found < 0)
			goto fail;
		if (found)
			ro->rows[slot(ro, id)].headstart += r->headstart[h].points;
	}
	if (r->headstart_from == NULL)
		return 0;
	int64_t from = 0;
	struct standings src;
	struct standings_opts all = {.after = -1};
	if ((found = find_stage(db, tournament, r->headstart_from, &from)) < 0)
		goto fail;
	if (found == 0) {
		note(out, msg_of("note.carry_none", -1, "ss", r->headstart_from, out->tournament));
		return 0;
	}
	if (from != stage && (loops = carry_loops(db, tournament, from)) < 0)
		goto fail;
	if (from == stage || loops) {
		note(out, msg_of("note.carry_loop", -1, "s", r->headstart_from));
		return 0;
	}
	if (compute(db, from, &all, &src, err) != 0)
		return -1;
	out->headstart_from = xstrdup(src.stage);
	for (int i = 0; i < src.nrows; i++) {
		int rank = src.rows[i].rank;
		if (rank > r->nheadstart_by_rank || r->headstart_by_rank[rank - 1] == 0)
			continue;
		struct standing *row = &ro->rows[slot(ro, src.rows[i].team_id)];
		row->headstart += r->headstart_by_rank[rank - 1];
		row->headstart_carried += r->headstart_by_rank[rank - 1];
	}
	standings_free(&src);
	return 0;
fail:
	*err = xstrdup(db_error());
	return -1;
}

/* The teams' names into ro's rows, which are then sorted by name; the team
 * indexes of res and adj follow. 0, or -1 after db_error_set(). */
static int
name_teams(sqlite3 *db, struct roster *ro, struct res *res, int nres, struct adj *adj, int nadj)
{
	int n = ro->n, rc = SQLITE_ROW;
	sqlite3_stmt *st = db_prepare(db, "SELECT name, slug FROM team WHERE id = ?1");
	if (st == NULL)
		return -1;
	for (int t = 0; t < n && rc == SQLITE_ROW; t++) {
		sqlite3_bind_int64(st, 1, ro->rows[t].team_id);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			break; /* no row: a team id with no team, which foreign keys forbid */
		ro->rows[t].team = db_text(st, 0);
		ro->rows[t].slug = db_text(st, 1);
		sqlite3_reset(st);
	}
	if (db_end(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc) != 0)
		return -1;
	int *pos = xmalloc((size_t)(n ? n : 1) * sizeof *pos);
	for (int t = 0; t < n; t++)
		pos[t] = t;
	for (int i = 1; i < n; i++) {
		int v = pos[i], j = i;
		while (j > 0 && strcmp(ro->rows[v].team, ro->rows[pos[j - 1]].team) < 0) {
			pos[j] = pos[j - 1];
			j--;
		}
		pos[j] = v;
	}
	struct standing *sorted = xcalloc((size_t)(n ? n : 1), sizeof *sorted);
	int *newidx = xmalloc((size_t)(n ? n : 1) * sizeof *newidx);
	for (int i = 0; i < n; i++) {
		sorted[i] = ro->rows[pos[i]];
		newidx[pos[i]] = i;
	}
	for (int i = 0; i < nres; i++)
		res[i].team = newidx[res[i].team];
	for (int i = 0; i < nadj; i++)
		adj[i].team = newidx[adj[i].team];
	free(ro->rows);
	ro->rows = sorted;
	ro->cap = n;
	free(newidx);
	free(pos);
	return 0;
}

/* The note key ("Matches 15, 16 were played ...: they count in the totals, not for
 * the title") of the n match numbers nums with the number arg (none: no note). */
static void
note_matches(struct standings *out, const char *key, const int *nums, int n, int arg)
{
	if (n > 0)
		note(out, msg_of(key, n, "nd", nums, n, arg));
}

/* The notes of out (voided and late matches, adjustments, carried head
 * starts, raw kills under a cap), after the what-if note when there is one. */
static void
notes(struct standings *out)
{
	const struct ruleset *r = &out->rules;
	if (out->headstart_from) {
		int n = r->nheadstart_by_rank;
		note(out, n ? msg_of("note.carried", -1, "sn", out->headstart_from,
		                     r->headstart_by_rank, n)
		            : msg_of("note.carried_nothing", -1, "s", out->headstart_from));
	}
	for (int i = 0; i < out->nvoids; i++)
		note(out,
		     msg_of("note.voided", -1, "ds", out->voids[i].number, out->voids[i].reason));
	for (int i = 0; i < out->nadj; i++) {
		const struct standings_adjustment *a = &out->adj[i];
		if (a->after_match == 0)
			note(out,
			     msg_of("note.adj_start", -1, "sds", a->team, a->points, a->reason));
		else
			note(out, msg_of("note.adj_after", -1, "sdds", a->team, a->points,
			                 a->after_match, a->reason));
	}
	int *within = xmalloc((size_t)(out->nlate ? out->nlate : 1) * sizeof *within);
	int *beyond = xmalloc((size_t)(out->nlate ? out->nlate : 1) * sizeof *beyond);
	int nwithin = 0, nbeyond = 0, max = r->rush_max_matches;
	for (int i = 0; i < out->nlate; i++) {
		int k = 0;
		while (out->numbers[k] != out->late[i])
			k++;
		if (max > 0 && k >= max)
			beyond[nbeyond++] = out->late[i];
		else
			within[nwithin++] = out->late[i];
	}
	note_matches(out, "note.late_decided", within, nwithin, out->decided_in_match);
	note_matches(out, "note.late_beyond", beyond, nbeyond, max);
	free(within);
	free(beyond);
	if (out->raw_kills)
		note(out, msg_of("note.raw_kills", -1, "d", r->kill_cap));
}

/* Replace r's scoring (placement table, kill points, kill cap, tiebreakers)
 * by w's, keeping its head starts, Champion Rush and zones. */
static void
what_if(struct standings *out, const struct ruleset *w)
{
	struct ruleset *r = &out->rules;
	const char *name = w->name ? w->name : "custom";
	note(out, msg_of("note.what_if", -1, "ss", name, r->name ? r->name : "custom"));
	free(r->name);
	r->name = xstrdup(name);
	out->what_if = xstrdup(name);
	memcpy(r->placement, w->placement, sizeof r->placement);
	r->nplacement = w->nplacement;
	r->kill_points = w->kill_points;
	r->kill_cap = w->kill_cap;
	memcpy(r->tiebreak, w->tiebreak, sizeof r->tiebreak);
	r->ntiebreak = w->ntiebreak;
}

/* member[t] = 1 for the teams of group (case-insensitive) into *member, and
 * its stored spelling into out->group. Returns 0, or -1 with *err set. */
static int
pick_group(const struct roster *ro, const char *group, struct standings *out, char **member,
           char **err)
{
	*member = xcalloc((size_t)(ro->n ? ro->n : 1), 1);
	for (int t = 0; t < ro->n; t++)
		if (ro->rows[t].group && strcasecmp(ro->rows[t].group, group) == 0) {
			(*member)[t] = 1;
			if (out->group == NULL)
				out->group = xstrdup(ro->rows[t].group);
		}
	if (out->group)
		return 0;
	struct buf b = {0};
	for (int t = 0; t < ro->n; t++) {
		const char *g = ro->rows[t].group;
		int seen = g == NULL;
		for (int u = 0; !seen && u < t; u++)
			seen = ro->rows[u].group && strcmp(ro->rows[u].group, g) == 0;
		if (!seen)
			buf_printf(&b, "%s%s", b.len ? ", " : "", g);
	}
	*err =
	    b.len ? xasprintf("--group %s: the stage '%s' has groups %s", group, out->stage, b.data)
	          : xasprintf("--group %s: the stage '%s' has no groups", group, out->stage);
	buf_free(&b);
	return -1;
}

/* The shown teams' adjustments in the total up to out->after_match, in row
 * order, replace out->adj. */
static void
keep_adjustments(struct standings *out)
{
	struct standings_adjustment *kept =
	    xcalloc((size_t)(out->nadj ? out->nadj : 1), sizeof *kept);
	int k = 0;
	for (int i = 0; i < out->nrows; i++)
		for (int a = 0; a < out->nadj; a++)
			if (out->adj[a].reason && out->adj[a].team_id == out->rows[i].team_id &&
			    out->adj[a].after_match <= out->after_match) {
				kept[k] = out->adj[a];
				kept[k++].team = xstrdup(out->rows[i].team);
				out->adj[a].reason = NULL;
			}
	for (int a = 0; a < out->nadj; a++)
		free(out->adj[a].reason);
	free(out->adj);
	out->adj = kept;
	out->nadj = k;
}

/* standings_get. */
static int
compute(sqlite3 *db, int64_t stage, const struct standings_opts *o, struct standings *out,
        char **err)
{
	struct res *res = NULL;
	struct adj *adj = NULL;
	struct roster ro = {0};
	struct scoring s = {0};
	char *member = NULL;
	int64_t tournament = 0;
	int nres = 0, rc = -1, after = o->after;
	memset(out, 0, sizeof *out);
	*err = NULL;
	out->stage_id = stage;
	int found = load_names(db, stage, out, &tournament);
	if (found <= 0) {
		*err = found < 0 ? xstrdup(db_error())
		                 : xasprintf("no stage with id %lld", (long long)stage);
		goto out;
	}
	if (after < -1 || after > out->after_match) {
		*err = after < 0 ? xasprintf("--after %d: expected a match number", after)
		                 : xasprintf("--after %d: the stage '%s' has matches up to %d",
		                             after, out->stage, out->after_match);
		goto out;
	}
	if (after >= 0)
		out->after_match = after;
	if (rules_for_stage(db, stage, &out->rules, err) != 0)
		goto out;
	if (o->rules)
		what_if(out, o->rules);
	if (load_numbers(db, stage, out->after_match, o, out) != 0)
		goto fail;
	if (o->day_from > 0 || o->map) { /* the filter may have left the match out */
		sqlite3_stmt *st =
		    db_prepare(db, "SELECT 1 FROM match WHERE stage_id = ?1 AND number = ?2");
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, stage);
		sqlite3_bind_int(st, 2, out->after_match);
		int step = sqlite3_step(st);
		out->after_exists = out->after_match == 0 || step == SQLITE_ROW;
		if (db_end(db, st, step == SQLITE_ROW ? SQLITE_DONE : step) != 0)
			goto fail;
	}
	if (load_rows(db, stage, out, &ro, &res, &nres) != 0 || load_roster(db, stage, &ro) != 0 ||
	    load_adjustments(db, stage, &ro, out, &adj) != 0)
		goto fail;
	if (load_headstarts(db, stage, tournament, &ro, out, err) != 0)
		goto out;
	out->filtered = o->day_from > 0 || o->map != NULL;
	if (out->filtered) { /* what those matches made, nothing else */
		for (int t = 0; t < ro.n; t++)
			ro.rows[t].headstart = ro.rows[t].headstart_carried = 0;
		for (int a = 0; a < out->nadj; a++)
			free(out->adj[a].reason);
		out->nadj = 0;
		free(out->headstart_from);
		out->headstart_from = NULL;
		out->rules.rush_threshold = 0;
	}
	if (name_teams(db, &ro, res, nres, adj, out->nadj) != 0)
		goto fail;
	if (o->group && pick_group(&ro, o->group, out, &member, err) != 0)
		goto out;

	int n = ro.n;
	size_t nn = (size_t)(n ? n : 1);
	int *headstart = xcalloc(nn, sizeof *headstart);
	for (int t = 0; t < n; t++)
		headstart[t] = ro.rows[t].headstart;
	s.r = &out->rules;
	s.res = res;
	s.nres = nres;
	s.nteams = n;
	s.headstart = headstart;
	s.adj = adj;
	s.nadj = out->nadj;
	s.member = member;
	s.nseq = out->nnumbers;
	for (int i = 0; i < out->rules.ntiebreak; i++)
		if (out->rules.tiebreak[i] == TB_COUNTBACK && s.place == NULL)
			s.place = xcalloc(nn * ((size_t)s.nseq + 1), sizeof *s.place);
	s.acc = xcalloc(nn, sizeof *s.acc);
	s.order = xcalloc(nn, sizeof *s.order);
	s.shown = xcalloc(nn, sizeof *s.shown);
	s.rank = xcalloc(nn, sizeof *s.rank);
	s.tiebreak = xcalloc(nn, sizeof *s.tiebreak);

	/* the previous standings: after the counted match before the last one counted */
	int *prev = xcalloc(nn, sizeof *prev);
	int last = out->matches_played;
	if (last >= 2) {
		run(&s, out->numbers[last - 2]);
		for (int i = 0; i < s.nshown; i++)
			prev[s.shown[i]] = s.rank[s.shown[i]];
	}
	if (o->race) {
		s.nrace = last;
		s.numbers = out->numbers;
		s.race = xcalloc(nn * ((size_t)s.nrace + 1), sizeof *s.race);
	}
	run(&s, out->after_match);

	const struct ruleset *r = &out->rules;
	int zones = r->nzones > 0 && (member == NULL || r->zones_per_group);
	struct standing *rows = xcalloc((size_t)(s.nshown ? s.nshown : 1), sizeof *rows);
	for (int i = 0; i < s.nshown; i++) {
		int t = s.shown[i];
		const struct acc *a = &s.acc[t];
		struct standing *w = &rows[i];
		*w = ro.rows[t];
		ro.rows[t].team = ro.rows[t].slug = ro.rows[t].group = NULL;
		w->rank = s.rank[t];
		w->matches = a->matches;
		w->dq = a->dq;
		w->booyahs = a->booyahs;
		w->kills = a->kills;
		w->counted_kills = a->ckills;
		w->placement_points = a->pp;
		w->kill_points = a->kp;
		w->headstart = a->headstart;
		w->adjustment = a->adj;
		w->points = total(a);
		w->avg_placement = a->placed ? (double)a->sum_place / a->placed : NAN;
		w->last_placement = a->last_place;
		w->best_match = a->best;
		w->tiebreak =
		    s.tiebreak[t] >= 0 ? rules_tiebreak_name(r->tiebreak[s.tiebreak[t]]) : NULL;
		if (s.tiebreak[t] >= 0 && r->tiebreak[s.tiebreak[t]] == TB_KILLS &&
		    r->kill_cap >= 0)
			out->raw_kills = 1;
		for (int z = 0; zones && w->zone == NULL && z < r->nzones; z++)
			if (w->rank <= r->zones[z].to)
				w->zone = r->zones[z].label;
		w->rush_since = a->rush_since;
		w->prev_rank = prev[t];
	}
	out->rows = rows;
	out->nrows = s.nshown;
	if (o->race) {
		size_t w = (size_t)s.nrace + 1;
		out->nrace = s.nrace;
		out->race = xcalloc((size_t)(s.nshown ? s.nshown : 1) * w, sizeof *out->race);
		for (int i = 0; i < s.nshown; i++)
			memcpy(out->race + (size_t)i * w, s.race + (size_t)s.shown[i] * w,
			       w * sizeof *out->race);
		free(s.race);
	}
	if (s.champion >= 0) {
		out->champion_id = ro.rows[s.champion].team_id;
		for (int i = 0; i < out->nrows; i++)
			if (rows[i].team_id == out->champion_id)
				out->champion = xstrdup(rows[i].team);
		if (out->champion == NULL)
			out->champion = xstrdup(ro.rows[s.champion].team);
		out->decided_in_match = s.decided;
		out->decided_played = s.decided_seq;
		out->decided_by = s.how;
		out->late = xcalloc((size_t)(out->nnumbers ? out->nnumbers : 1), sizeof *out->late);
		for (int i = 0; i < last; i++)
			if (out->numbers[i] > s.decided)
				out->late[out->nlate++] = out->numbers[i];
	}
	keep_adjustments(out);
	notes(out);
	free(prev);
	free(headstart);
	free(s.acc);
	free(s.place);
	free(s.order);
	free(s.shown);
	free(s.rank);
	free(s.tiebreak);
	rc = 0;
	goto out;
fail:
	*err = xstrdup(db_error());
out:
	for (int t = 0; t < ro.n; t++) {
		free(ro.rows[t].team);
		free(ro.rows[t].slug);
		free(ro.rows[t].group);
	}
	free(ro.rows);
	free(member);
	free(res);
	free(adj);
	if (rc != 0)
		standings_free(out);
	return rc;
}

/*
 * The standings of stage as o asks: as of match o->after (-1: every match;
 * 0: before the first, head starts and adjustments from the start only),
 * under the stage's ruleset or with o->rules' scoring, of the whole stage or
 * of one group (its teams ranked on all their matches; Champion Rush stays
 * the whole stage's). Returns 0 with *out filled (free it with
 * standings_free()), or -1 with *err set (free() it): no such stage, a
 * stored ruleset that does not parse, after beyond the last match, or a
 * group the stage does not have.
 */
int
standings_get(sqlite3 *db, int64_t stage, const struct standings_opts *o, struct standings *out,
              char **err)
{
	return compute(db, stage, o, out, err);
}

/*
 * Compute the standings of stage as of match after (0: every match), under
 * rules' scoring (NULL: the stage's own ruleset); standings_get otherwise.
 */
int
standings_compute(sqlite3 *db, int64_t stage, const struct ruleset *rules, int after,
                  struct standings *out, char **err)
{
	struct standings_opts o = {.rules = rules, .after = after ? after : -1};
	return compute(db, stage, &o, out, err);
}

/*
 * standings_compute under the stage's own ruleset, with out->race filled in
 * the same pass: each team's total after each match up to after. Returns as
 * standings_compute does; standings_free() frees the race too.
 */
int
standings_race(sqlite3 *db, int64_t stage, int after, struct standings *out, char **err)
{
	struct standings_opts o = {.after = after ? after : -1, .race = 1};
	return compute(db, stage, &o, out, err);
}

/*
 * What the standings of s are after, saying both the match number and the
 * matches played: "after match 5 (4 of 4 matches played)", "before the
 * first match (0 of 4 matches played)", "after match 2 (1 of 3 matches
 * played; the stage has no match 2)". The caller frees it.
 */
char *
standings_label(const struct standings *s)
{
	char *why = NULL;
	for (int i = 0; why == NULL && i < s->nvoids; i++)
		if (s->voids[i].number == s->after_match)
			why = xasprintf("; match %d was voided", s->after_match);
	if (why == NULL && !s->after_exists)
		why = xasprintf("; the stage has no match %d", s->after_match);
	char *label =
	    s->after_match == 0
	        ? xasprintf("before the first match (0 of %d matches played)", s->total_matches)
	        : xasprintf("after match %d (%d of %d matches played%s)", s->after_match,
	                    s->matches_played, s->total_matches, why ? why : "");
	free(why);
	return label;
}

/*
 * How s's champion was decided: "decided in match 14 by a Booyah on match
 * point", "decided on points after match 16, the 16th match played
 * (max_matches)". NULL without a champion; else the caller frees it.
 */
char *
standings_decided(const struct standings *s)
{
	if (s->champion == NULL)
		return NULL;
	struct msg m = standings_decided_msg(s);
	char *text = msg_english(&m);
	msg_free(&m);
	return text;
}

/* standings_decided's words as a message (of a standings with a champion); msg_free() it. */
struct msg
standings_decided_msg(const struct standings *s)
{
	if (s->decided_by == RUSH_BOOYAH)
		return msg_of("decided.booyah", -1, "d", s->decided_in_match);
	return msg_of("decided.points", -1, "ddd", s->decided_in_match, s->decided_played,
	              s->rules.rush_max_matches);
}

static void
json_int_or_null(struct buf *out, const char *key, int v)
{
	buf_printf(out, ",\"%s\":", key);
	if (v)
		buf_printf(out, "%d", v);
	else
		buf_puts(out, "null");
}

static void
json_str_or_null(struct buf *out, const char *key, const char *v)
{
	buf_printf(out, ",\"%s\":", key);
	if (v)
		buf_json_str(out, v);
	else
		buf_puts(out, "null");
}

/* Append ,"adjustments":[...] of team (all of them with team_id 0). */
static void
json_adjustments(const struct standings *s, int64_t team, struct buf *out)
{
	int first = 1;
	buf_puts(out, ",\"adjustments\":[");
	for (int i = 0; i < s->nadj; i++) {
		const struct standings_adjustment *a = &s->adj[i];
		if (team && a->team_id != team)
			continue;
		buf_puts(out, first ? "{" : ",{");
		first = 0;
		if (team == 0) {
			buf_puts(out, "\"team\":");
			buf_json_str(out, a->team);
			buf_putc(out, ',');
		}
		buf_printf(out, "\"points\":%d,\"after_match\":%d,\"reason\":", a->points,
		           a->after_match);
		buf_json_str(out, a->reason);
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

/* Append the top-level fields beyond v1's: what was counted and what was not. */
static void
json_extra(const struct standings *s, struct buf *out)
{
	buf_printf(out, ",\"matches_played\":%d", s->matches_played);
	json_str_or_null(out, "group", s->group);
	json_str_or_null(out, "what_if", s->what_if);
	json_str_or_null(out, "headstart_from", s->headstart_from);
	buf_puts(out, ",\"voided\":[");
	for (int i = 0; i < s->nvoids; i++) {
		buf_printf(out, "%s{\"match\":%d,\"reason\":", i ? "," : "", s->voids[i].number);
		buf_json_str(out, s->voids[i].reason);
		buf_putc(out, '}');
	}
	buf_puts(out, "],\"late_matches\":[");
	for (int i = 0, k = 0; i < s->nlate; i++) {
		while (s->numbers[k] != s->late[i])
			k++;
		buf_printf(
		    out, "%s{\"match\":%d,\"beyond_max_matches\":%s}", i ? "," : "", s->late[i],
		    s->rules.rush_max_matches > 0 && k >= s->rules.rush_max_matches ? "true"
		                                                                    : "false");
	}
	buf_putc(out, ']');
	json_adjustments(s, 0, out);
	buf_puts(out, ",\"notes\":");
	msg_json_array(s->notes, s->nnotes, out);
}

/* Append `{"tournament":...,"tournament_slug":...,"stage":...,"stage_slug":...`: the start
 * of every JSON object about s's stage (standings_json, scenarios_json). */
void
standings_json_open(const struct standings *s, struct buf *out)
{
	buf_puts(out, "{\"tournament\":");
	buf_json_str(out, s->tournament);
	buf_puts(out, ",\"tournament_slug\":");
	buf_json_str(out, s->tournament_slug);
	buf_puts(out, ",\"stage\":");
	buf_json_str(out, s->stage);
	buf_puts(out, ",\"stage_slug\":");
	buf_json_str(out, s->stage_slug);
}

/* Append s as the JSON object the CLI's --format json and the API print. */
void
standings_json(const struct standings *s, struct buf *out)
{
	standings_json_open(s, out);
	buf_puts(out, ",\"ruleset\":");
	rules_json(&s->rules, out);
	buf_printf(out, ",\"after_match\":%d,\"total_matches\":%d,\"champion\":", s->after_match,
	           s->total_matches);
	if (s->champion) {
		buf_puts(out, "{\"team\":");
		buf_json_str(out, s->champion);
		buf_printf(out,
		           ",\"decided_in_match\":%d,\"decided_played\":%d,\"decided_by\":\"%s\"}",
		           s->decided_in_match, s->decided_played,
		           s->decided_by == RUSH_BOOYAH ? "booyah" : "points");
	} else
		buf_puts(out, "null");
	scenarios_story_json(s, out);
	json_extra(s, out);
	buf_puts(out, ",\"standings\":[");
	for (int i = 0; i < s->nrows; i++) {
		const struct standing *r = &s->rows[i];
		buf_printf(out, "%s\n{\"rank\":%d,\"team\":", i ? "," : "", r->rank);
		buf_json_str(out, r->team);
		buf_puts(out, ",\"slug\":");
		buf_json_str(out, r->slug);
		buf_printf(out,
		           ",\"matches\":%d,\"booyahs\":%d,\"kills\":%d,\"placement_points\":%d,"
		           "\"kill_points\":%d,\"headstart\":%d,\"points\":%d,\"avg_placement\":",
		           r->matches, r->booyahs, r->kills, r->placement_points, r->kill_points,
		           r->headstart, r->points);
		if (!isnan(r->avg_placement))
			buf_printf(out, "%.2f", r->avg_placement);
		else
			buf_puts(out, "null");
		json_int_or_null(out, "last_placement", r->last_placement);
		buf_printf(out, ",\"best_match\":%d,\"tiebreak\":", r->best_match);
		if (r->tiebreak)
			buf_json_str(out, r->tiebreak);
		else
			buf_puts(out, "null");
		buf_printf(out, ",\"champion\":%s",
		           s->champion_id == r->team_id ? "true" : "false");
		json_int_or_null(out, "rush_since", r->rush_since);
		json_int_or_null(out, "prev_rank", r->prev_rank);
		if (r->prev_rank)
			buf_printf(out, ",\"movement\":%d", r->prev_rank - r->rank);
		else
			buf_puts(out, ",\"movement\":null");
		json_str_or_null(out, "group", r->group);
		buf_printf(out,
		           ",\"dq\":%d,\"counted_kills\":%d,\"headstart_carried\":%d,"
		           "\"adjustment\":%d",
		           r->dq, r->counted_kills, r->headstart_carried, r->adjustment);
		json_adjustments(s, r->team_id, out);
		json_str_or_null(out, "zone", r->zone);
		buf_putc(out, '}');
	}
	buf_puts(out, s->nrows ? "\n]}\n" : "]}\n");
}

/* Free what s holds (not s itself). */
void
standings_free(struct standings *s)
{
	free(s->tournament);
	free(s->tournament_slug);
	free(s->stage);
	free(s->stage_slug);
	free(s->group);
	rules_free(&s->rules);
	free(s->what_if);
	free(s->champion);
	free(s->headstart_from);
	for (int i = 0; i < s->nrows; i++) {
		free(s->rows[i].team);
		free(s->rows[i].slug);
		free(s->rows[i].group);
	}
	free(s->rows);
	for (int i = 0; i < s->nadj; i++) {
		free(s->adj[i].team);
		free(s->adj[i].reason);
	}
	free(s->adj);
	for (int i = 0; i < s->nvoids; i++)
		free(s->voids[i].reason);
	free(s->voids);
	free(s->late);
	for (int i = 0; i < s->nnotes; i++)
		msg_free(&s->notes[i]);
	free(s->notes);
	free(s->numbers);
	free(s->race);
	memset(s, 0, sizeof *s);
}
