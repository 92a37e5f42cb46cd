/*
 * standings.c: the one scoring function. Every surface (CLI, web pages, the
 * JSON API) gets a stage's standings from standings_compute(), which reads
 * the stored per-match rows and scores them on the spot under the stage's
 * ruleset (or one given for a what-if): totals, tiebreakers, shared ranks,
 * Champion Rush, and the rank each team held one match earlier. The same
 * pass records, when asked (standings_race), every team's total after each
 * match for the points race.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "find.h"
#include "standings.h"
#include "util.h"

struct res {
	int number;    /* match number within the stage */
	int team;      /* index into the team list */
	int placement; /* 1 = Booyah */
	int kills;     /* the team's kills */
};

struct acc {
	int matches;    /* matches counted */
	int booyahs;    /* first places */
	int kills;      /* kills, uncapped */
	int pp;         /* placement points */
	int kp;         /* kill points */
	int headstart;  /* head-start points */
	int sum_place;  /* sum of placements, for the average */
	int last_place; /* placement in the latest match counted; 0: none */
	int best;       /* most points in one match */
	int rush_since; /* match after which it reached the threshold; 0: not yet */
};

struct scoring {
	const struct ruleset *r; /* the ruleset */
	const struct res *res;   /* the stage's rows, by match number */
	int nres;                /* how many */
	int nteams;              /* teams in the stage */
	const int *headstart;    /* head-start points by team index */
	struct acc *acc;         /* per team, after run() */
	int *order;              /* team indexes in rank order, after run() */
	int *rank;               /* rank by team index, after run() */
	const char **tiebreak;   /* deciding tiebreaker by team index, after run() */
	int champion;            /* team index of the champion, -1: none */
	int decided;             /* match that decided it */
	const int *numbers;      /* the stage's match numbers, ascending */
	int nrace;               /* columns of the race after the first: numbers up to n */
	int *race;               /* totals by team index, race[t * (nrace + 1) + i]; NULL: none */
	int raced;               /* race columns filled after the first */
};

static int
total(const struct acc *a)
{
	return a->pp + a->kp + a->headstart;
}

/*
 * Compare a and b on tiebreaker t: <0 when a is ahead, >0 when b is,
 * 0 when level.
 */
static int
cmp_tiebreak(enum tiebreak t, const struct acc *a, const struct acc *b)
{
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
		if (a->matches == 0 || b->matches == 0)
			return b->matches == 0 ? (a->matches == 0 ? 0 : -1) : 1;
		/* sum_a / n_a against sum_b / n_b without rounding */
		long long x = (long long)a->sum_place * b->matches;
		long long y = (long long)b->sum_place * a->matches;
		return x < y ? -1 : x > y;
	}
	case TB_BEST_MATCH:
		return b->best - a->best;
	case TB_COUNTED_KILLS:
	case TB_COUNTBACK:
		break;
	}
	return 0;
}

/*
 * Compare two teams in the normal order (points, then the ruleset's
 * tiebreakers): <0 when a ranks above b, >0 below, 0 level on everything.
 * *by, when non-NULL, gets the tiebreaker that decided, or NULL.
 */
static int
cmp_teams(const struct ruleset *r, const struct acc *a, const struct acc *b, const char **by)
{
	if (by)
		*by = NULL;
	if (total(a) != total(b))
		return total(b) - total(a);
	for (int i = 0; i < r->ntiebreak; i++) {
		int c = cmp_tiebreak(r->tiebreak[i], a, b);
		if (c != 0) {
			if (by)
				*by = rules_tiebreak_name(r->tiebreak[i]);
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
		while (j > 0 && cmp_teams(s->r, &s->acc[v], &s->acc[idx[j - 1]], NULL) < 0) {
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
	int pp, kp, pts = rules_match_points(s->r, x->placement, x->kills, &pp, &kp);
	a->matches++;
	a->booyahs += x->placement == 1;
	a->kills += x->kills;
	a->pp += pp;
	a->kp += kp;
	a->sum_place += x->placement;
	a->last_place = x->placement;
	if (a->matches == 1 || pts > a->best)
		a->best = pts;
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

/*
 * Score the matches numbered up to n: totals, Champion Rush, and the rank
 * order (champion first). Teams are indexed in name order, which breaks
 * nothing but keeps teams level on everything in a stable order.
 */
static void
run(struct scoring *s, int n)
{
	const struct ruleset *r = s->r;
	memset(s->acc, 0, (size_t)s->nteams * sizeof *s->acc);
	for (int t = 0; t < s->nteams; t++) {
		s->acc[t].headstart = s->headstart[t];
		s->order[t] = t;
		if (s->race)
			s->race[(size_t)t * ((size_t)s->nrace + 1)] = s->headstart[t];
	}
	s->champion = -1;
	s->decided = 0;
	s->raced = 0;
	for (int i = 0; i < s->nres && s->res[i].number <= n;) {
		int m = s->res[i].number, j;
		/* a Booyah converts when the team had the threshold before the match */
		if (r->rush_threshold > 0 && s->champion < 0 &&
		    (r->rush_max_matches == 0 || m <= r->rush_max_matches))
			for (j = i; j < s->nres && s->res[j].number == m; j++)
				if (s->res[j].placement == 1 && s->champion < 0 &&
				    total(&s->acc[s->res[j].team]) >= r->rush_threshold) {
					s->champion = s->res[j].team;
					s->decided = m;
				}
		for (j = i; j < s->nres && s->res[j].number == m; j++) {
			struct acc *a = &s->acc[s->res[j].team];
			add_result(s, &s->res[j]);
			if (r->rush_threshold > 0 && a->rush_since == 0 &&
			    total(a) >= r->rush_threshold)
				a->rush_since = m;
		}
		i = j;
		race_upto(s, m);
		/* nobody converted within max_matches: the leader then wins */
		if (r->rush_threshold > 0 && s->champion < 0 && m == r->rush_max_matches) {
			sort_teams(s, s->order, s->nteams);
			s->champion = s->nteams ? s->order[0] : -1;
			s->decided = m;
		}
	}
	race_upto(s, n);
	sort_teams(s, s->order, s->nteams);
	int pos = 0;
	if (s->champion >= 0) {
		while (s->order[pos] != s->champion)
			pos++;
		memmove(s->order + 1, s->order, (size_t)pos * sizeof *s->order);
		s->order[0] = s->champion;
		s->rank[s->champion] = 1;
		s->tiebreak[s->champion] = NULL;
	}
	for (int i = s->champion >= 0; i < s->nteams; i++) {
		int t = s->order[i], prev = i > (s->champion >= 0) ? s->order[i - 1] : -1;
		const char *by = NULL;
		s->rank[t] = i + 1;
		s->tiebreak[t] = NULL;
		if (prev >= 0 && cmp_teams(r, &s->acc[t], &s->acc[prev], &by) == 0)
			s->rank[t] = s->rank[prev];
		else if (prev >= 0 && total(&s->acc[t]) == total(&s->acc[prev]))
			s->tiebreak[t] = by;
	}
}

/* Stage and tournament names into out; 0, or -1 when there is no stage. */
static int
load_names(sqlite3 *db, int64_t stage, struct standings *out)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT t.name, t.slug, s.name, s.slug,"
	        " (SELECT count(*) FROM match m WHERE m.stage_id = s.id),"
	        " (SELECT max(number) FROM match m WHERE m.stage_id = s.id)"
	        " FROM stage s JOIN tournament t ON t.id = s.tournament_id WHERE s.id = ?1");
	sqlite3_bind_int64(st, 1, stage);
	int rc = -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->tournament = db_text(st, 0);
		out->tournament_slug = db_text(st, 1);
		out->stage = db_text(st, 2);
		out->stage_slug = db_text(st, 3);
		out->total_matches = sqlite3_column_int(st, 4);
		out->after_match = sqlite3_column_int(st, 5);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The stage's match numbers, ascending, into out->numbers and out->nnumbers. */
static void
load_numbers(sqlite3 *db, int64_t stage, struct standings *out)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT number FROM match WHERE stage_id = ?1 ORDER BY number");
	int cap = 0;
	sqlite3_bind_int64(st, 1, stage);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (out->nnumbers == cap) {
			cap = cap ? cap * 2 : 64;
			out->numbers = xrealloc(out->numbers, (size_t)cap * sizeof *out->numbers);
		}
		out->numbers[out->nnumbers++] = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
}

/*
 * The stage's rows (all of them: a team that plays only after match
 * `after` still has a row) into *res, ordered by match number, and its
 * teams into out->rows (id, name, slug), sorted by name.
 */
static void
load_rows(sqlite3 *db, int64_t stage, struct standings *out, struct res **res, int *nres)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT m.number, r.team_id, r.placement, r.kills"
	                                  " FROM match m JOIN result r ON r.match_id = m.id"
	                                  " WHERE m.stage_id = ?1 ORDER BY m.number");
	int64_t *ids = NULL;
	int nids = 0, cap = 0, capt = 0;
	sqlite3_bind_int64(st, 1, stage);
	*res = NULL;
	*nres = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 1);
		int t = 0;
		while (t < nids && ids[t] != id)
			t++;
		if (t == nids) {
			if (nids == capt) {
				capt = capt ? capt * 2 : 32;
				ids = xrealloc(ids, (size_t)capt * sizeof *ids);
			}
			ids[nids++] = id;
		}
		if (*nres == cap) {
			cap = cap ? cap * 2 : 512;
			*res = xrealloc(*res, (size_t)cap * sizeof **res);
		}
		(*res)[*nres] = (struct res){sqlite3_column_int(st, 0), t,
		                             sqlite3_column_int(st, 2), sqlite3_column_int(st, 3)};
		(*nres)++;
	}
	sqlite3_finalize(st);

	/* names, then renumber the teams in name order */
	out->rows = xcalloc((size_t)nids, sizeof *out->rows);
	out->nrows = nids;
	st = db_prepare(db, "SELECT name, slug FROM team WHERE id = ?1");
	for (int t = 0; t < nids; t++) {
		sqlite3_bind_int64(st, 1, ids[t]);
		out->rows[t].team_id = ids[t];
		if (sqlite3_step(st) == SQLITE_ROW) {
			out->rows[t].team = db_text(st, 0);
			out->rows[t].slug = db_text(st, 1);
		} else { /* the statement could not run (db_lenient) */
			out->rows[t].team = xstrdup("?");
			out->rows[t].slug = xstrdup("");
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	int *pos = xmalloc((size_t)(nids ? nids : 1) * sizeof *pos);
	for (int t = 0; t < nids; t++)
		pos[t] = t;
	for (int i = 1; i < nids; i++) {
		int v = pos[i], j = i;
		while (j > 0 && strcmp(out->rows[v].team, out->rows[pos[j - 1]].team) < 0) {
			pos[j] = pos[j - 1];
			j--;
		}
		pos[j] = v;
	}
	struct standing *sorted = xcalloc((size_t)nids, sizeof *sorted);
	int *newidx = xmalloc((size_t)(nids ? nids : 1) * sizeof *newidx);
	for (int i = 0; i < nids; i++) {
		sorted[i] = out->rows[pos[i]];
		newidx[pos[i]] = i;
	}
	for (int i = 0; i < *nres; i++)
		(*res)[i].team = newidx[(*res)[i].team];
	free(out->rows);
	out->rows = sorted;
	free(newidx);
	free(pos);
	free(ids);
}

/*
 * standings_compute, and the race as well when race is 1. Returns 0 or -1
 * as standings_compute does.
 */
static int
compute(sqlite3 *db, int64_t stage, const struct ruleset *rules, int after, int race,
        struct standings *out, char **err)
{
	struct res *res = NULL;
	int nres = 0, rc = -1;
	struct scoring s = {0};
	memset(out, 0, sizeof *out);
	*err = NULL;
	out->stage_id = stage;
	if (load_names(db, stage, out) != 0) {
		*err = xasprintf("no stage with id %lld", (long long)stage);
		goto out;
	}
	if (after < 0 || after > out->after_match) {
		*err = after < 0 ? xasprintf("--after %d: expected a match number", after)
		                 : xasprintf("--after %d: the stage '%s' has matches up to %d",
		                             after, out->stage, out->after_match);
		goto out;
	}
	if (after > 0)
		out->after_match = after;
	if (rules)
		rules_copy(&out->rules, rules);
	else if (rules_for_stage(db, stage, &out->rules, err) != 0)
		goto out;
	load_rows(db, stage, out, &res, &nres);
	load_numbers(db, stage, out);

	int n = out->nrows;
	int *headstart = xcalloc((size_t)(n ? n : 1), sizeof *headstart);
	for (int h = 0; h < out->rules.nheadstart; h++) {
		int64_t id = out->rules.headstart[h].team_id; /* stored: by team id */
		if (id == 0 && find_team(db, out->rules.headstart[h].team, &id) <= 0)
			continue;
		for (int t = 0; t < n; t++)
			if (out->rows[t].team_id == id)
				headstart[t] += out->rules.headstart[h].points;
	}
	s.r = &out->rules;
	s.res = res;
	s.nres = nres;
	s.nteams = n;
	s.headstart = headstart;
	s.acc = xcalloc((size_t)(n ? n : 1), sizeof *s.acc);
	s.order = xcalloc((size_t)(n ? n : 1), sizeof *s.order);
	s.rank = xcalloc((size_t)(n ? n : 1), sizeof *s.rank);
	s.tiebreak = xcalloc((size_t)(n ? n : 1), sizeof *s.tiebreak);

	int *prev = xcalloc((size_t)(n ? n : 1), sizeof *prev);
	if (out->after_match > 1) {
		run(&s, out->after_match - 1);
		memcpy(prev, s.rank, (size_t)n * sizeof *prev);
	}
	if (race) {
		while (s.nrace < out->nnumbers && out->numbers[s.nrace] <= out->after_match)
			s.nrace++;
		s.numbers = out->numbers;
		s.race = xcalloc((size_t)(n ? n : 1) * ((size_t)s.nrace + 1), sizeof *s.race);
	}
	run(&s, out->after_match);

	struct standing *rows = xcalloc((size_t)(n ? n : 1), sizeof *rows);
	for (int i = 0; i < n; i++) {
		int t = s.order[i];
		const struct acc *a = &s.acc[t];
		rows[i] = out->rows[t];
		rows[i].rank = s.rank[t];
		rows[i].matches = a->matches;
		rows[i].booyahs = a->booyahs;
		rows[i].kills = a->kills;
		rows[i].placement_points = a->pp;
		rows[i].kill_points = a->kp;
		rows[i].headstart = a->headstart;
		rows[i].points = total(a);
		rows[i].avg_placement = a->matches ? (double)a->sum_place / a->matches : NAN;
		rows[i].last_placement = a->last_place;
		rows[i].best_match = a->best;
		rows[i].tiebreak = s.tiebreak[t];
		rows[i].rush_since = a->rush_since;
		rows[i].prev_rank = prev[t];
	}
	free(out->rows);
	out->rows = rows;
	if (race) {
		size_t w = (size_t)s.nrace + 1;
		out->nrace = s.nrace;
		out->race = xcalloc((size_t)(n ? n : 1) * w, sizeof *out->race);
		for (int i = 0; i < n; i++)
			memcpy(out->race + (size_t)i * w, s.race + (size_t)s.order[i] * w,
			       w * sizeof *out->race);
		free(s.race);
	}
	if (s.champion >= 0) {
		out->champion_id = rows[0].team_id;
		out->champion = xstrdup(rows[0].team);
		out->decided_in_match = s.decided;
	}
	free(prev);
	free(headstart);
	free(s.acc);
	free(s.order);
	free(s.rank);
	free(s.tiebreak);
	rc = 0;
out:
	free(res);
	if (rc != 0)
		standings_free(out);
	return rc;
}

/*
 * Compute the standings of stage as of match after (0: every match), under
 * rules (NULL: the stage's own ruleset). Returns 0 with *out filled (free it
 * with standings_free()), or -1 with *err set (free() it): no such stage, a
 * stored ruleset that does not parse, or after beyond the last match.
 */
int
standings_compute(sqlite3 *db, int64_t stage, const struct ruleset *rules, int after,
                  struct standings *out, char **err)
{
	return compute(db, stage, rules, after, 0, out, err);
}

/*
 * standings_compute under the stage's own ruleset, with out->race filled in
 * the same pass: each team's total after each match up to after. Returns as
 * standings_compute does; standings_free() frees the race too.
 */
int
standings_race(sqlite3 *db, int64_t stage, int after, struct standings *out, char **err)
{
	return compute(db, stage, NULL, after, 1, out, err);
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

/* Append s as the JSON object the CLI's --format json and the API print. */
void
standings_json(const struct standings *s, struct buf *out)
{
	buf_puts(out, "{\"tournament\":");
	buf_json_str(out, s->tournament);
	buf_puts(out, ",\"tournament_slug\":");
	buf_json_str(out, s->tournament_slug);
	buf_puts(out, ",\"stage\":");
	buf_json_str(out, s->stage);
	buf_puts(out, ",\"stage_slug\":");
	buf_json_str(out, s->stage_slug);
	buf_puts(out, ",\"ruleset\":");
	rules_json(&s->rules, out);
	buf_printf(out, ",\"after_match\":%d,\"total_matches\":%d,\"champion\":", s->after_match,
	           s->total_matches);
	if (s->champion) {
		buf_puts(out, "{\"team\":");
		buf_json_str(out, s->champion);
		buf_printf(out, ",\"decided_in_match\":%d}", s->decided_in_match);
	} else
		buf_puts(out, "null");
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
		if (r->matches)
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
			buf_printf(out, ",\"movement\":%d}", r->prev_rank - r->rank);
		else
			buf_puts(out, ",\"movement\":null}");
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
	rules_free(&s->rules);
	free(s->champion);
	for (int i = 0; i < s->nrows; i++) {
		free(s->rows[i].team);
		free(s->rows[i].slug);
	}
	free(s->rows);
	free(s->numbers);
	free(s->race);
	memset(s, 0, sizeof *s);
}
