/*
 * stage.c: what a document says about a stage as a whole, stored and
 * checked after the stage row is known (store.c): its declared roster
 * (teams, groups) and every team the document names in the stage checked
 * against it, its adjustments (the stage's whole list), and the warnings
 * for matches Champion Rush no longer counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "find.h"
#include "standings.h"
#include "store.h"
#include "util.h"

/* A team of a stage's roster, as stored. */
struct member {
	int64_t id;  /* team row id */
	char *name;  /* its name */
	char *group; /* its group, or NULL */
};

/* The rows statement i (team id, name[, group]) gives for stage, in a fresh array; *n entries.
 * A read that fails is reported (store_error), which refuses the document. */
static struct member *
members_of(struct store *s, enum stmt i, int64_t stage, int *n)
{
	sqlite3_stmt *st = s->st[i];
	struct member *v = NULL;
	int rc;
	*n = 0;
	sqlite3_bind_int64(st, 1, stage);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xrealloc(v, (size_t)(*n + 1) * sizeof *v);
		v[(*n)++] = (struct member){sqlite3_column_int64(st, 0), db_text(st, 1),
		                            sqlite3_column_count(st) > 2 ? db_text(st, 2) : NULL};
	}
	if (rc != SQLITE_DONE)
		store_error(s);
	sqlite3_reset(st);
	return v;
}

/* Free the n members of v. */
static void
members_free(struct member *v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i].name), free(v[i].group);
	free(v);
}

/* The member of v (n entries) whose team is id, or NULL. */
static const struct member *
member(const struct member *v, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/*
 * Store stage i's declared roster: as given when the stage has none, left
 * alone when it is the stored one, else refused unless replace. Sets
 * *roster to the roster then in force (the declared one; NULL when there
 * is none). 0, or -1 reported.
 */
static int
declare_roster(struct store *s, int i, struct member **roster, int *n)
{
	struct doc *d = s->d;
	struct doc_stage *g = &d->stages[i];
	*roster = members_of(s, S_ROSTER, g->id, n);
	if (!g->has_roster)
		return 0;
	int same = *n == g->nroster;
	for (int k = 0; k < g->nroster; k++) {
		int64_t id = store_team(s, g->roster[k].spell, 1);
		const struct member *was = member(*roster, *n, id);
		if (id == 0)
			return -1;
		same = same && was &&
		       (was->group == g->roster[k].group ||
		        (was->group && g->roster[k].group &&
		         strcmp(was->group, g->roster[k].group) == 0));
	}
	if (same)
		return 0;
	if (*n > 0 && !d->opt->replace) {
		doc_report(d, 0, -1, -1, -1, NULL,
		           "the roster (teams and groups) differs from the one stored for stage "
		           "'%s' (%d teams; --replace stores this one)",
		           g->name, *n);
		return -1;
	}
	store_cache_roster(s->names, g->id); /* it changes */
	sqlite3_bind_int64(s->st[S_ROSTER_DEL], 1, g->id);
	if (store_run(s, S_ROSTER_DEL) != 0)
		return -1;
	for (int k = 0; k < g->nroster; k++) {
		sqlite3_stmt *st = s->st[S_ROSTER_ADD];
		sqlite3_bind_int64(st, 1, g->id);
		sqlite3_bind_int64(st, 2, store_team(s, g->roster[k].spell, 1));
		sqlite3_bind_text(st, 3, g->roster[k].group, -1, SQLITE_STATIC);
		if (store_run(s, S_ROSTER_ADD) != 0)
			return -1;
	}
	members_free(*roster, *n);
	*roster = members_of(s, S_ROSTER, g->id, n);
	d->n.rosters_stored++;
	g->wrote |= WROTE_ROSTER;
	return 0;
}

/*
 * "did you mean A or B?" for team among the names of v (n entries), or
 * "its teams: A, B, ... and N more" when none is near, into out.
 */
static void
suggest(const char *team, const struct member *v, int n, struct buf *out)
{
	const char **names = xcalloc((size_t)(n ? n : 1), sizeof *names);
	int near[3], k;
	for (int i = 0; i < n; i++)
		names[i] = v[i].name;
	k = find_nearest(team, names, n, near, 3);
	buf_puts(out, k ? "did you mean " : "");
	for (int i = 0; i < k; i++)
		buf_printf(out, "%s%s", i == 0 ? "" : i == k - 1 ? " or " : ", ", names[near[i]]);
	if (k)
		buf_putc(out, '?');
	else
		for (int i = 0; i < n && i < 5; i++)
			buf_printf(out, "%s%s", i ? ", " : "its teams: ", names[i]);
	if (k == 0 && n > 5)
		buf_printf(out, " and %d more", n - 5);
	free(names);
}

/* 1 if team is one the import may add to a stage that has matches (--new-team). */
static int
allowed_new(const struct doc *d, const char *team)
{
	char *key = name_key(team);
	int ok = 0;
	for (int i = 0; !ok && i < d->opt->nnew_teams; i++) {
		char *k = name_key(d->opt->new_teams[i]);
		ok = strcmp(k, key) == 0;
		free(k);
	}
	free(key);
	return ok;
}

/*
 * Check team (spelling sp, named at match m, result r, key) against stage
 * i's roster (v, n entries; declared: 1 for a declared one, 0 for the teams
 * the stage's stored matches have seen). once[] marks the entities
 * already reported. 0, or -1 reported.
 */
static int
on_roster(struct store *s, int i, int sp, int m, int r, const char *key, const struct member *v,
          int n, int declared, char *once)
{
	struct doc *d = s->d;
	int e = d->teams.sps[sp].entity;
	const char *team = d->teams.sps[sp].text;
	int64_t id = store_team(s, sp, 0);
	if (id == 0)
		return -1;
	if (declared ? member(v, n, id) != NULL : id > 0 || allowed_new(d, team))
		return 0;
	if (once[e])
		return -1;
	once[e] = 1;
	struct buf near = {0};
	suggest(team, v, n, &near);
	if (declared)
		doc_report(d, 0, m, r, -1, key, "'%s' is not in the roster of stage '%s' (%s)",
		           team, d->stages[i].name, near.data);
	else
		doc_report(
		    d, 0, m, r, -1, key,
		    "'%s' is a team no stage has seen, and stage '%s' has matches without it "
		    "(%s); %simport with --new-team '%s'",
		    team, d->stages[i].name, near.data,
		    d->kind == DOC_ROWS ? "" : "name it in the file's teams, or ", team);
	buf_free(&near);
	return -1;
}

/* Compare two row ids, for bsearch. */
static int
by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * The team ids of stage's stored roster, ascending, in *ids (*n of them):
 * the connection's cache's when it holds that stage's (a desk's matches
 * follow one another in a stage), else read and kept there (or, without a
 * cache, in *own, which the caller frees). 0, or -1 reported.
 */
static int
roster_ids(struct store *s, int64_t stage, const int64_t **ids, int *n, int64_t **own)
{
	struct store_cache *c = s->names;
	*own = NULL;
	if (c && c->roster_stage == stage) {
		*ids = c->roster, *n = c->nroster;
		return 0;
	}
	sqlite3_stmt *st = s->st[S_MEMBERS];
	int64_t *v = NULL;
	int k = 0, cap = 0, rc;
	sqlite3_bind_int64(st, 1, stage);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap)
			v = xrealloc(v, (size_t)(cap = cap ? 2 * cap : 64) * sizeof *v);
		v[k++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_error(s);
	}
	if (c) {
		store_cache_roster(c, 0);
		c->roster_stage = stage, c->roster = v, c->nroster = k;
	} else
		*own = v;
	*ids = v, *n = k;
	return 0;
}

/*
 * 1 if stage i has a stored roster, the document declares none, and every
 * team it names in the stage (results, adjustments; no head starts) is on
 * it: what a desk's match is, checked against the roster's team ids alone
 * (roster_ids). 0 when the whole check must run; -1 reported.
 */
static int
all_on_roster(struct store *s, int i)
{
	struct doc *d = s->d;
	const struct doc_stage *g = &d->stages[i];
	if (g->has_roster || !g->existed || (g->rules && g->rules->nheadstart))
		return 0;
	const int64_t *ids = NULL;
	int64_t *own;
	int n = 0, on = 1;
	if (roster_ids(s, g->id, &ids, &n, &own) != 0)
		return -1;
	for (int m = 0; m <= d->nmatches && on > 0; m++) {
		int count = m < d->nmatches
		                ? (d->matches[m].stage == i ? d->matches[m].nresults : 0)
		                : g->nadjust;
		for (int k = 0; k < count && on > 0; k++) {
			int sp =
			    m < d->nmatches ? d->matches[m].results[k].spell : g->adjust[k].spell;
			int64_t id = store_team(s, sp, 0);
			if (id <= 0 || n == 0 || !bsearch(&id, ids, (size_t)n, sizeof *ids, by_id))
				on = id == 0 ? -1 : 0;
		}
	}
	free(own);
	return on;
}

/*
 * Store stage i's declared roster (declare_roster), then check every team
 * the document names in the stage (results, adjustments, head starts)
 * against the roster in force: the declared one, else, for a stage that
 * holds matches, the teams they have seen, which a team no stage has seen
 * cannot join unless allowed (--new-team); a head start can (it creates
 * the team, so that the standings can list it). 0, or -1 reported.
 */
int
stage_roster(struct store *s, int i)
{
	struct doc *d = s->d;
	struct doc_stage *g = &d->stages[i];
	struct member *v;
	int n, bad = 0, declared = 1, on = all_on_roster(s, i);
	if (on != 0)
		return on < 0 ? -1 : 0;
	if (declare_roster(s, i, &v, &n) != 0) {
		members_free(v, n);
		return -1;
	}
	if (n == 0 && g->existed) {
		declared = 0;
		free(v);
		v = members_of(s, S_SEEN, g->id, &n);
	}
	if (n > 0) {
		const struct ruleset *rs = g->rules;
		/* one flag per team entity, head starts' included (each interns at most one) */
		char *once =
		    xcalloc((size_t)d->teams.nents + (rs ? (size_t)rs->nheadstart : 0) + 1, 1);
		char key[160];
		for (int m = 0; m < d->nmatches; m++)
			for (int r = 0; d->matches[m].stage == i && r < d->matches[m].nresults; r++)
				bad |= on_roster(s, i, d->matches[m].results[r].spell, m, r, "team",
				                 v, n, declared, once) != 0;
		for (int k = 0; k < g->nadjust; k++) {
			snprintf(key, sizeof key, "adjustments[%d].team", k);
			bad |= on_roster(s, i, g->adjust[k].spell, -1, -1, key, v, n, declared,
			                 once) != 0;
		}
		/* a head start may name a team no stage has seen yet: only a declared
		   roster limits it */
		for (int h = 0; rs && declared && h < rs->nheadstart; h++) {
			int sp = names_intern(&d->teams, rs->headstart[h].team);
			snprintf(key, sizeof key, "ruleset.headstart.%.60s", rs->headstart[h].team);
			bad |= on_roster(s, i, sp, -1, -1, key, v, n, declared, once) != 0;
		}
		free(once);
	}
	members_free(v, n);
	return bad ? -1 : 0;
}

/*
 * Store stage i's adjustments, the stage's whole list: as given when the
 * stage has none, left alone when they are the stored ones, else refused
 * (naming the first difference) unless replace. Each after_match is 0 or a
 * match of the stage. 0, or -1 reported.
 */
int
stage_adjustments(struct store *s, int i)
{
	struct doc *d = s->d;
	struct doc_stage *g = &d->stages[i];
	sqlite3_stmt *st = s->st[S_ADJUST];
	struct buf why = {0};
	int n = 0, bad = 0;
	char key[64];
	for (int k = 0; k < g->nadjust; k++) {
		if (g->adjust[k].after_match == 0)
			continue;
		sqlite3_stmt *near = s->st[S_MATCH_NEAR];
		sqlite3_bind_int64(near, 1, g->id);
		sqlite3_bind_int(near, 2, g->adjust[k].after_match);
		int rc = store_row(s, S_MATCH_NEAR);
		if (rc > 0) {
			rc = sqlite3_column_int(near, 0) == g->adjust[k].after_match;
			sqlite3_reset(near);
		}
		snprintf(key, sizeof key, "adjustments[%d].after_match", k);
		if (rc == 0)
			doc_report(d, 0, -1, -1, -1, key, "stage '%s' has no match %d", g->name,
			           g->adjust[k].after_match);
		bad |= rc <= 0;
	}
	if (bad)
		return -1;
	sqlite3_bind_int64(st, 1, g->id);
	for (; sqlite3_step(st) == SQLITE_ROW; n++) {
		const struct doc_adjustment *a = n < g->nadjust ? &g->adjust[n] : NULL;
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *reason = (const char *)sqlite3_column_text(st, 4);
		int points = sqlite3_column_int(st, 2), after = sqlite3_column_int(st, 3);
		if (why.len || a == NULL)
			continue;
		if (store_team(s, a->spell, 0) != sqlite3_column_int64(st, 0))
			buf_printf(&why, "adjustments[%d] team %s, stored %s", n, a->team, name);
		else if (a->points != points)
			buf_printf(&why, "adjustments[%d] (%s) points %d, stored %d", n, a->team,
			           a->points, points);
		else if (a->after_match != after)
			buf_printf(&why, "adjustments[%d] (%s) after_match %d, stored %d", n,
			           a->team, a->after_match, after);
		else if (strcmp(a->reason, reason) != 0)
			buf_printf(&why, "adjustments[%d] (%s) reason '%s', stored '%s'", n,
			           a->team, a->reason, reason);
	}
	sqlite3_reset(st);
	if (why.len == 0 && n == g->nadjust) {
		buf_free(&why);
		return 0;
	}
	if (why.len == 0)
		buf_printf(&why, "%d adjustments, stored %d", g->nadjust, n);
	if (n > 0 && !d->opt->replace) {
		doc_report(d, 0, -1, -1, -1, NULL,
		           "the adjustments differ from the ones stored for stage '%s': %s "
		           "(--replace stores this list)",
		           g->name, why.data);
		buf_free(&why);
		return -1;
	}
	buf_free(&why);
	sqlite3_bind_int64(s->st[S_ADJUST_DEL], 1, g->id);
	if (store_run(s, S_ADJUST_DEL) != 0)
		return -1;
	for (int k = 0; k < g->nadjust; k++) {
		const struct doc_adjustment *a = &g->adjust[k];
		int64_t team = store_team(s, a->spell, 1);
		st = s->st[S_ADJUST_ADD];
		sqlite3_bind_int64(st, 1, g->id);
		sqlite3_bind_int64(st, 2, team);
		sqlite3_bind_int(st, 3, a->points);
		sqlite3_bind_int(st, 4, a->after_match);
		sqlite3_bind_text(st, 5, a->reason, -1, SQLITE_STATIC);
		if (team == 0 || store_run(s, S_ADJUST_ADD) != 0)
			return -1;
	}
	d->n.adjustments_stored++;
	g->wrote |= WROTE_ADJUST;
	return 0;
}

/* "1st", "2nd", "3rd", "11th" ... for n, into out. */
static const char *
ordinal(int n, char *out, size_t size)
{
	const char *sfx = n % 100 / 10 == 1 ? "th"
	                  : n % 10 == 1     ? "st"
	                  : n % 10 == 2     ? "nd"
	                  : n % 10 == 3     ? "rd"
	                                    : "th";
	snprintf(out, size, "%d%s", n, sfx);
	return out;
}

/*
 * Warn about each match the document stored in stage i (not void) that
 * Champion Rush no longer counts: beyond max_matches (counting the stage's
 * matches played, voided ones left out), or played after the champion was
 * decided (standings_compute, on what is stored so far in this
 * transaction). 0, or -1 reported.
 */
int
stage_rush_warnings(struct store *s, int i)
{
	struct doc *d = s->d;
	struct doc_stage *g = &d->stages[i];
	struct ruleset r;
	struct standings st;
	char *err = NULL, nth[16];
	int written = 0;
	for (int m = 0; m < d->nmatches; m++)
		written += d->matches[m].stage == i && d->matches[m].written &&
		           d->matches[m].voided == NULL;
	if (written == 0 || !g->ruled) /* the defaults have no Champion Rush */
		return 0;
	if (rules_for_stage(d->db, g->id, &r, &err) != 0 ||
	    (r.rush_threshold > 0 && standings_compute(d->db, g->id, &r, 0, &st, &err) != 0)) {
		doc_report(d, 0, -1, -1, -1, NULL, "%s", err);
		free(err);
		rules_free(&r);
		return -1;
	}
	if (r.rush_threshold == 0) {
		rules_free(&r);
		return 0;
	}
	int *counted = NULL, ncounted = 0;
	sqlite3_stmt *q = s->st[S_COUNTED];
	sqlite3_bind_int64(q, 1, g->id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		counted = xrealloc(counted, (size_t)(ncounted + 1) * sizeof *counted);
		counted[ncounted++] = sqlite3_column_int(q, 0);
	}
	if (rc != SQLITE_DONE)
		store_error(s); /* refuses the document */
	sqlite3_reset(q);
	for (int m = 0; m < d->nmatches; m++) {
		const struct doc_match *x = &d->matches[m];
		if (x->stage != i || !x->written || x->voided)
			continue;
		int k = 0;
		while (k < ncounted && counted[k] != x->number)
			k++;
		if (r.rush_max_matches > 0 && k + 1 > r.rush_max_matches)
			doc_report(d, 1, m, -1, -1, NULL,
			           "match %d is the %s match played, beyond Champion Rush's "
			           "max_matches (%d)",
			           x->number, ordinal(k + 1, nth, sizeof nth), r.rush_max_matches);
		else if (st.champion && x->number > st.decided_in_match)
			doc_report(
			    d, 1, m, -1, -1, NULL,
			    "match %d was played after the champion was decided (%s, in match "
			    "%d)",
			    x->number, st.champion, st.decided_in_match);
	}
	free(counted);
	standings_free(&st);
	rules_free(&r);
	return 0;
}

/*
 * Check the stage that stage i's ruleset takes head starts from
 * (headstart_from): another stage of the same tournament, found by slug; a
 * stage not imported yet is a warning (it may come later). 0, or -1
 * reported.
 */
int
stage_carry(struct store *s, int i)
{
	struct doc *d = s->d;
	const struct doc_stage *g = &d->stages[i];
	if (g->rules == NULL || g->rules->headstart_from == NULL)
		return 0;
	char *slug = slugify(g->rules->headstart_from);
	sqlite3_stmt *st =
	    db_prepare(d->db, "SELECT 1 FROM stage WHERE slug = ?2 AND tournament_id ="
	                      " (SELECT tournament_id FROM stage WHERE id = ?1)");
	if (st == NULL) {
		free(slug);
		doc_report(d, 0, -1, -1, -1, NULL, "%s", db_error());
		return -1;
	}
	sqlite3_bind_int64(st, 1, g->id);
	sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), self = strcmp(slug, g->slug) == 0;
	sqlite3_finalize(st);
	free(slug);
	if (self)
		doc_report(d, 0, -1, -1, -1, "ruleset.headstart_from.stage",
		           "'%s' is this stage: head starts come from another stage",
		           g->rules->headstart_from);
	else if (rc == SQLITE_DONE)
		doc_report(d, 1, -1, -1, -1, "ruleset.headstart_from.stage",
		           "no stage '%s' in tournament '%s' yet", g->rules->headstart_from,
		           g->tournament);
	else if (rc != SQLITE_ROW)
		store_error(s);
	return self || (rc != SQLITE_ROW && rc != SQLITE_DONE) ? -1 : 0;
}

/*
 * Warn about each gap in stage i's match numbers that a match the document
 * wrote follows (matches 1, 2 and 4 stored: "no match 3"), counting the
 * matches stored before. 0, or -1 reported.
 */
int
stage_number_gaps(struct store *s, int i)
{
	struct doc *d = s->d;
	char *held = NULL;
	int written = 0;
	for (int m = 0; m < d->nmatches; m++)
		written += d->matches[m].stage == i && d->matches[m].written;
	for (int m = 0; m < d->nmatches; m++) {
		const struct doc_match *x = &d->matches[m];
		if (x->stage != i || !x->written)
			continue;
		int a = x->number - 1;
		if (written <= 8) {
			/* a few matches (a desk's one): the number below each, stored when it
			   was (store_match) or in the document */
			a = x->below;
			for (int k = 0; k < d->nmatches; k++)
				if (d->matches[k].stage == i && d->matches[k].number < x->number &&
				    d->matches[k].number > a)
					a = d->matches[k].number;
		} else {
			if (held == NULL) { /* many: every number of the stage, once */
				sqlite3_stmt *st = s->st[S_NUMBERS];
				held = xcalloc(MAX_MATCH + 1, 1);
				sqlite3_bind_int64(st, 1, d->stages[i].id);
				int rc;
				while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
					int n = sqlite3_column_int(st, 0);
					if (n >= 1 && n <= MAX_MATCH)
						held[n] = 1;
				}
				sqlite3_reset(st);
				if (rc != SQLITE_DONE) {
					free(held);
					return store_error(s);
				}
			}
			while (a >= 1 && !held[a])
				a--;
		}
		if (a == x->number - 2)
			doc_report(d, 1, m, -1, -1, NULL,
			           "match %d: stage '%s' has no match %d (a gap in match numbers)",
			           x->number, d->stages[i].name, a + 1);
		else if (a < x->number - 2)
			doc_report(d, 1, m, -1, -1, NULL,
			           "match %d: stage '%s' has no matches %d to %d (a gap in match "
			           "numbers)",
			           x->number, d->stages[i].name, a + 1, x->number - 1);
	}
	free(held);
	return 0;
}
