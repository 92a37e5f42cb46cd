/*
 * maps.c: map performance. For every team on every map in a scope (a stage,
 * a tournament, the tournaments a team played or everything): matches,
 * Booyahs, kills and points (each stage scored under its own ruleset by
 * rules_match_points(), the same per-match formula as the standings; head
 * start left out), the team's points per match there against its own
 * average over all maps, and its rank among all teams that played the map
 * in the scope. Voided matches, dq and forfeit results and matches on an
 * unknown map are left out (maps_unknown counts the last).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db.h"
#include "maps.h"
#include "rules.h"
#include "scope.h"
#include "util.h"

/*
 * The scope's rows, by the narrowest filter given (tagged as in kcaldav):
 * matches that count (not voided) on a known map, results played (dq and
 * forfeit count in no per-map figure).
 */
enum maps_scope { SCOPE_STAGE, SCOPE_TOURNAMENT, SCOPE_PLAYED, SCOPE_ALL };
#define COUNTED                                                                                    \
	" m.void IS NULL AND m.map IS NOT NULL AND r.status = 'played'"                            \
	" AND (?3 = 0 OR m.day BETWEEN ?3 AND ?4)"
static const char *const scope_sql[] = {
    [SCOPE_STAGE] = "SELECT r.team_id, m.map, m.stage_id, r.placement, r.kills"
                    " FROM match m JOIN result r ON r.match_id = m.id"
                    " WHERE m.stage_id = ?1 AND" COUNTED,
    [SCOPE_TOURNAMENT] = "SELECT r.team_id, m.map, m.stage_id, r.placement, r.kills"
                         " FROM stage s JOIN match m ON m.stage_id = s.id"
                         " JOIN result r ON r.match_id = m.id"
                         " WHERE s.tournament_id = ?1 AND" COUNTED,
    [SCOPE_PLAYED] = "SELECT r.team_id, m.map, m.stage_id, r.placement, r.kills"
                     " FROM stage s JOIN match m ON m.stage_id = s.id"
                     " JOIN result r ON r.match_id = m.id"
                     " WHERE s.tournament_id IN (SELECT DISTINCT s2.tournament_id"
                     " FROM result r2 JOIN match m2 ON m2.id = r2.match_id"
                     " JOIN stage s2 ON s2.id = m2.stage_id WHERE r2.team_id = ?1) AND" COUNTED,
    [SCOPE_ALL] = "SELECT r.team_id, m.map, m.stage_id, r.placement, r.kills"
                  " FROM match m JOIN result r ON r.match_id = m.id WHERE" COUNTED,
};

struct stage_rules {
	int64_t id;       /* stage row id */
	struct ruleset r; /* its ruleset */
};

struct agg {
	struct map_row *rows; /* one per (team, map) seen */
	int n;                /* rows used */
	int cap;              /* rows allocated */
	int *slot;            /* open-addressing table of row indexes, -1 empty */
	int nslot;            /* its size, a power of two */
	char **maps;          /* distinct map names, first spelling seen */
	int nmaps;            /* how many */
	int *sum_place;       /* sum of placements by row */
	int *top3;            /* top-3 finishes by row */
	int *mapidx;          /* map index by row */
};

/* Index of map in a->maps (case-insensitive), added when new. */
static int
map_index(struct agg *a, const char *map)
{
	for (int i = 0; i < a->nmaps; i++)
		if (strcasecmp(a->maps[i], map) == 0)
			return i;
	a->maps = xrealloc(a->maps, (size_t)(a->nmaps + 1) * sizeof *a->maps);
	a->maps[a->nmaps] = xstrdup(map);
	return a->nmaps++;
}

static unsigned
hash(int64_t team, int map)
{
	uint64_t h = (uint64_t)team * 0x9E3779B97F4A7C15ull ^ (uint64_t)map * 0xC2B2AE3D27D4EB4Full;
	return (unsigned)(h >> 32);
}

/* Rebuild the slot table at twice the size. */
static void
rehash(struct agg *a)
{
	a->nslot = a->nslot ? a->nslot * 2 : 256;
	free(a->slot);
	a->slot = xmalloc((size_t)a->nslot * sizeof *a->slot);
	memset(a->slot, -1, (size_t)a->nslot * sizeof *a->slot);
	for (int i = 0; i < a->n; i++) {
		unsigned h = hash(a->rows[i].team_id, a->mapidx[i]) & (unsigned)(a->nslot - 1);
		while (a->slot[h] >= 0)
			h = (h + 1) & (unsigned)(a->nslot - 1);
		a->slot[h] = i;
	}
}

/* The row of (team, map), created empty when new. */
static int
group(struct agg *a, int64_t team, int map)
{
	if (2 * (a->n + 1) > a->nslot)
		rehash(a);
	unsigned h = hash(team, map) & (unsigned)(a->nslot - 1);
	while (a->slot[h] >= 0) {
		int i = a->slot[h];
		if (a->rows[i].team_id == team && a->mapidx[i] == map)
			return i;
		h = (h + 1) & (unsigned)(a->nslot - 1);
	}
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->rows = xrealloc(a->rows, (size_t)a->cap * sizeof *a->rows);
		a->sum_place = xrealloc(a->sum_place, (size_t)a->cap * sizeof *a->sum_place);
		a->top3 = xrealloc(a->top3, (size_t)a->cap * sizeof *a->top3);
		a->mapidx = xrealloc(a->mapidx, (size_t)a->cap * sizeof *a->mapidx);
	}
	int i = a->n++;
	memset(&a->rows[i], 0, sizeof a->rows[i]);
	a->rows[i].team_id = team;
	a->sum_place[i] = a->top3[i] = 0;
	a->mapidx[i] = map;
	a->slot[h] = i;
	return i;
}

/* The ruleset of stage, parsed once per call into *cache. NULL on error. */
static const struct ruleset *
stage_rules(sqlite3 *db, int64_t stage, struct stage_rules **cache, int *ncache, char **err)
{
	for (int i = 0; i < *ncache; i++)
		if ((*cache)[i].id == stage)
			return &(*cache)[i].r;
	*cache = xrealloc(*cache, (size_t)(*ncache + 1) * sizeof **cache);
	struct stage_rules *c = &(*cache)[*ncache];
	c->id = stage;
	if (rules_for_stage(db, stage, &c->r, err) != 0)
		return NULL;
	(*ncache)++;
	return &c->r;
}

/* Order by map, then points per match (best first): points/matches
 * compared without rounding. */
static int
by_map_ppm(const void *x, const void *y)
{
	const struct map_row *a = *(struct map_row *const *)x, *b = *(struct map_row *const *)y;
	int c = strcmp(a->map, b->map);
	if (c)
		return c;
	long long l = (long long)a->points * b->matches, r = (long long)b->points * a->matches;
	return l > r ? -1 : l < r;
}

/* Output order: team name, strongest map first, map name. */
static int
by_team_delta(const void *x, const void *y)
{
	const struct map_row *a = x, *b = y;
	int c = strcmp(a->team, b->team);
	if (c)
		return c;
	if (a->team_id != b->team_id)
		return a->team_id < b->team_id ? -1 : 1;
	if (a->delta_ppm != b->delta_ppm)
		return a->delta_ppm > b->delta_ppm ? -1 : 1;
	return strcmp(a->map, b->map);
}

/* Fill in averages, deltas, map ranks and names of a's rows. */
static void
finish(struct agg *a)
{
	/* each team's points per match over all maps */
	for (int i = 0; i < a->n; i++) {
		struct map_row *r = &a->rows[i];
		r->map = xstrdup(a->maps[a->mapidx[i]]);
		r->booyah_rate = (double)r->booyahs / r->matches;
		r->avg_placement = (double)a->sum_place[i] / r->matches;
		r->avg_kills = (double)r->kills / r->matches;
		r->points_per_match = (double)r->points / r->matches;
		r->top3_rate = (double)a->top3[i] / r->matches;
	}
	for (int i = 0; i < a->n; i++) {
		long pts = 0, n = 0;
		for (int k = 0; k < a->nmaps; k++) {
			unsigned h = hash(a->rows[i].team_id, k) & (unsigned)(a->nslot - 1);
			for (; a->slot[h] >= 0; h = (h + 1) & (unsigned)(a->nslot - 1)) {
				const struct map_row *o = &a->rows[a->slot[h]];
				if (o->team_id == a->rows[i].team_id &&
				    a->mapidx[a->slot[h]] == k) {
					pts += o->points;
					n += o->matches;
					break;
				}
			}
		}
		a->rows[i].delta_ppm = a->rows[i].points_per_match - (double)pts / (double)n;
	}
	/* rank on each map; equal points per match share a rank */
	struct map_row **p = xmalloc((size_t)(a->n ? a->n : 1) * sizeof *p);
	for (int i = 0; i < a->n; i++)
		p[i] = &a->rows[i];
	qsort(p, (size_t)a->n, sizeof *p, by_map_ppm);
	for (int i = 0, start = 0; i < a->n; i++) {
		if (i == 0 || strcmp(p[i]->map, p[i - 1]->map) != 0)
			start = i;
		if (i > start && by_map_ppm(&p[i], &p[i - 1]) == 0)
			p[i]->map_rank = p[i - 1]->map_rank;
		else
			p[i]->map_rank = i - start + 1;
	}
	for (int i = 0, start = 0; i <= a->n; i++)
		if (i == a->n || (i > 0 && strcmp(p[i]->map, p[start]->map) != 0)) {
			for (int k = start; k < i; k++)
				p[k]->map_teams = i - start;
			start = i;
		}
	free(p);
}

/*
 * Per-team, per-map performance over the scope q names. Returns 0 with
 * *rows (free with maps_free()) holding *nrows rows, ordered by team name
 * and then strongest map first; or -1 with *err set (free() it) when a
 * stage's stored ruleset does not parse or the database cannot be read. The team and map filters
 * pick rows after ranking, so a map rank stays one among all teams in the scope.
 */
int
maps_compute(sqlite3 *db, const struct maps_query *q, struct map_row **rows, int *nrows, char **err)
{
	struct agg a = {0};
	struct stage_rules *cache = NULL;
	int ncache = 0, rc = -1;
	enum maps_scope scope = q->stage        ? SCOPE_STAGE
	                        : q->tournament ? SCOPE_TOURNAMENT
	                        : q->played     ? SCOPE_PLAYED
	                                        : SCOPE_ALL;
	*rows = NULL;
	*nrows = 0;
	*err = NULL;
	sqlite3_stmt *st = db_prepare(db, scope_sql[scope]), *names = NULL;
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1,
	                   scope == SCOPE_STAGE    ? q->stage
	                   : scope == SCOPE_PLAYED ? q->team
	                                           : q->tournament);
	sqlite3_bind_int(st, 3, q->day_from);
	sqlite3_bind_int(st, 4, q->day_to);
	const struct ruleset *r = NULL;
	int64_t rstage = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t stage = sqlite3_column_int64(st, 2);
		if (r == NULL || stage != rstage) {
			r = stage_rules(db, stage, &cache, &ncache, err);
			rstage = stage;
			if (r == NULL)
				goto out;
		}
		int m = map_index(&a, (const char *)sqlite3_column_text(st, 1));
		int i = group(&a, sqlite3_column_int64(st, 0), m);
		int place = sqlite3_column_int(st, 3), kills = sqlite3_column_int(st, 4);
		struct map_row *g = &a.rows[i];
		g->matches++;
		g->booyahs += place == 1;
		g->kills += kills;
		g->points += rules_match_points(r, place, kills, NULL, NULL);
		a.sum_place[i] += place;
		a.top3[i] += place <= 3;
	}
	if (step != SQLITE_DONE) {
		db_error_set(db);
		goto fail;
	}
	finish(&a);

	/* keep what the filters ask for, with the team's names */
	if ((names = db_prepare(db, "SELECT name, slug FROM team WHERE id = ?1")) == NULL)
		goto fail;
	int k = 0;
	step = SQLITE_ROW;
	for (int i = 0; i < a.n; i++) {
		struct map_row *g = &a.rows[i];
		if ((q->team && g->team_id != q->team) || (q->map && strcasecmp(q->map, g->map))) {
			free(g->map);
			continue;
		}
		sqlite3_bind_int64(names, 1, g->team_id);
		if (step == SQLITE_ROW && (step = sqlite3_step(names)) == SQLITE_ROW) {
			g->team = db_text(names, 0);
			g->slug = db_text(names, 1);
		} /* else no row (a team id with no team, which foreign keys forbid) or an error */
		sqlite3_reset(names);
		a.rows[k++] = *g;
	}
	a.n = k; /* the rows past k were moved or freed */
	step = db_end(db, names, step == SQLITE_ROW ? SQLITE_DONE : step);
	names = NULL;
	if (step != 0)
		goto fail;
	if (k > 0) /* no rows (a stage without matches): a.rows is NULL */
		qsort(a.rows, (size_t)k, sizeof *a.rows, by_team_delta);
	*rows = a.rows;
	*nrows = k;
	a.rows = NULL;
	rc = 0;
	goto out;
fail:
	*err = xstrdup(db_error());
out:
	sqlite3_finalize(st);
	sqlite3_finalize(names);
	if (rc != 0)
		maps_free(a.rows, a.n);
	for (int i = 0; i < ncache; i++)
		rules_free(&cache[i].r);
	free(cache);
	for (int i = 0; i < a.nmaps; i++)
		free(a.maps[i]);
	free(a.maps);
	free(a.slot);
	free(a.sum_place);
	free(a.top3);
	free(a.mapidx);
	return rc;
}

/*
 * How many counted (not voided) matches of the scope q names (with q->team,
 * of that team's) have an unknown map: the ones maps_compute leaves out,
 * found from the scope's own rows (+m.map: not from every unknown map of
 * the database by the index match_map). -1 after db_error_set().
 */
int
maps_unknown(sqlite3 *db, const struct maps_query *q)
{
	struct scope sc = {.tournament = q->tournament,
	                   .stage = q->stage,
	                   .team = q->team,
	                   .day_from = q->day_from,
	                   .day_to = q->day_to};
	sqlite3_stmt *st = scope_prepare(
	    db,
	    q->team ? "SELECT count(*) FROM result r JOIN match m ON m.id = r.match_id"
	              " JOIN stage s ON s.id = m.stage_id WHERE +m.map IS NULL AND m.void IS NULL"
	            : "SELECT count(*) FROM match m JOIN stage s ON s.id = m.stage_id"
	              " WHERE +m.map IS NULL AND m.void IS NULL",
	    "r.team_id", &sc, "");
	if (st == NULL)
		return -1;
	int rc = sqlite3_step(st), n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	return db_end(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc) != 0 ? -1 : n;
}

/* Append ,"key":v with the given decimals; a value that rounds to zero is 0. */
static void
json_real(struct buf *out, const char *key, double v, int decimals)
{
	char num[64];
	snprintf(num, sizeof num, "%.*f", decimals, v);
	buf_printf(out, ",\"%s\":%s", key,
	           num[0] == '-' && strspn(num, "-0.") == strlen(num) ? num + 1 : num);
}

/* Append rows as the JSON array the CLI's --format json and the API print. */
void
maps_json(const struct map_row *rows, int nrows, struct buf *out)
{
	buf_putc(out, '[');
	for (int i = 0; i < nrows; i++) {
		const struct map_row *r = &rows[i];
		buf_puts(out, i ? ",\n{\"team\":" : "\n{\"team\":");
		buf_json_str(out, r->team);
		buf_puts(out, ",\"slug\":");
		buf_json_str(out, r->slug);
		buf_puts(out, ",\"map\":");
		buf_json_str(out, r->map);
		buf_printf(out, ",\"matches\":%d,\"booyahs\":%d,\"kills\":%d,\"points\":%d",
		           r->matches, r->booyahs, r->kills, r->points);
		json_real(out, "booyah_rate", r->booyah_rate, 3);
		json_real(out, "avg_placement", r->avg_placement, 2);
		json_real(out, "avg_kills", r->avg_kills, 2);
		json_real(out, "points_per_match", r->points_per_match, 2);
		json_real(out, "top3_rate", r->top3_rate, 3);
		json_real(out, "delta_points_per_match", r->delta_ppm, 2);
		buf_printf(out, ",\"map_rank\":%d,\"map_teams\":%d}", r->map_rank, r->map_teams);
	}
	buf_puts(out, nrows ? "\n]\n" : "]\n");
}

/*
 * The table of rows: for a person (words) rates in percent, the delta
 * signed and the rank "N/M"; for CSV the plain numbers.
 */
struct report *
maps_table(const struct map_row *rows, int nrows, int words)
{
	static const struct report_column cols[] = {
	    {"Team", "team"},
	    {"Map", "map"},
	    {"M", "matches"},
	    {"Booyahs", "booyahs", 4},
	    {"Kills", "kills", 6},
	    {"Points", "points", 5},
	    {"Booyah %", "booyah_rate", 7},
	    {"Avg place", "avg_placement", 2},
	    {"Avg kills", "avg_kills", 3},
	    {"Pts/match", "points_per_match"},
	    {"Top-3 %", "top3_rate", 8},
	    {"vs own avg", "delta_points_per_match", 1},
	    {"Map rank", "map_rank", 0, 1},
	    {"Teams on map", "map_teams", 9},
	};
	struct report *t = report_new(cols, words ? 13 : 14);
	for (int i = 0; i < nrows; i++) {
		const struct map_row *r = &rows[i];
		report_str(t, r->team);
		report_str(t, r->map);
		report_int(t, r->matches);
		report_int(t, r->booyahs);
		report_int(t, r->kills);
		report_int(t, r->points);
		report_real(t, words ? 100 * r->booyah_rate : r->booyah_rate, words ? 0 : 3);
		report_real(t, r->avg_placement, 2);
		report_real(t, r->avg_kills, 2);
		report_real(t, r->points_per_match, 2);
		report_real(t, words ? 100 * r->top3_rate : r->top3_rate, words ? 0 : 3);
		if (words) {
			char *d = xasprintf("%+.2f", r->delta_ppm);
			if (d[0] == '-' && strspn(d, "-0.") == strlen(d))
				d[0] = '+';
			report_str(t, d);
			free(d);
			d = xasprintf("%d/%d", r->map_rank, r->map_teams);
			report_str(t, d);
			free(d);
		} else {
			report_real(t, r->delta_ppm, 2);
			report_int(t, r->map_rank);
			report_int(t, r->map_teams);
		}
	}
	return t;
}

/* Free rows and what they hold. */
void
maps_free(struct map_row *rows, int nrows)
{
	for (int i = 0; i < nrows; i++) {
		free(rows[i].team);
		free(rows[i].slug);
		free(rows[i].map);
	}
	free(rows);
}
