/*
 * compare.c: two teams head to head: over the counted matches (voided ones
 * left out) of a stage or a tournament in which both played (neither dq nor
 * forfeit), who placed higher how often and by how many places on average,
 * and each one's points there (rules_match_points, each stage's ruleset),
 * map by map and over every map.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compare.h"
#include "db.h"
#include "rules.h"
#include "util.h"

/* The row of map in *rows (case-insensitive), added when new. */
static struct compare_row *
row_of(struct compare_row **rows, int *nrows, const char *map)
{
	for (int i = 1; i < *nrows; i++)
		if (strcasecmp((*rows)[i].map, map) == 0)
			return &(*rows)[i];
	*rows = xrealloc(*rows, (size_t)(*nrows + 1) * sizeof **rows);
	struct compare_row *r = &(*rows)[(*nrows)++];
	memset(r, 0, sizeof *r);
	r->map = xstrdup(map);
	return r;
}

static int
by_map(const void *x, const void *y)
{
	const struct compare_row *a = x, *b = y;
	return strcmp(a->map, b->map);
}

/*
 * a against b over stage (0: every stage of tournament; 0: every
 * tournament) into *rows: the row of every map first (map NULL), then one
 * per known map by name. Returns 0 (free with compare_free()), or -1 with
 * *err set (free() it): a stage's ruleset does not parse, or the database
 * cannot be read.
 */
int
compare_teams(sqlite3 *db, int64_t a, int64_t b, int64_t tournament, int64_t stage,
              struct compare_row **rows, int *nrows, char **err)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT m.stage_id, m.map, ra.placement, ra.kills, rb.placement, rb.kills"
	        " FROM match m JOIN stage s ON s.id = m.stage_id"
	        " JOIN result ra ON ra.match_id = m.id AND ra.team_id = ?1"
	        " JOIN result rb ON rb.match_id = m.id AND rb.team_id = ?2"
	        " WHERE m.void IS NULL AND ra.status = 'played' AND rb.status = 'played'"
	        " AND (?3 = 0 OR s.tournament_id = ?3) AND (?4 = 0 OR m.stage_id = ?4)"
	        " ORDER BY m.stage_id, m.number");
	*rows = NULL;
	*nrows = 0;
	if (st == NULL) {
		*err = xstrdup(db_error());
		return -1;
	}
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int64(st, 3, tournament);
	sqlite3_bind_int64(st, 4, stage);
	struct ruleset r = {0};
	int64_t rstage = 0;
	int rc = 0;
	*rows = xcalloc(1, sizeof **rows);
	*nrows = 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t s = sqlite3_column_int64(st, 0);
		if (s != rstage) {
			rules_free(&r);
			if (rules_for_stage(db, s, &r, err) != 0) {
				rc = -1;
				break;
			}
			rstage = s;
		}
		int pa = sqlite3_column_int(st, 2), pb = sqlite3_column_int(st, 4);
		int qa = rules_match_points(&r, pa, sqlite3_column_int(st, 3), NULL, NULL);
		int qb = rules_match_points(&r, pb, sqlite3_column_int(st, 5), NULL, NULL);
		const unsigned char *map = sqlite3_column_text(st, 1);
		for (int k = 0; k < (map ? 2 : 1); k++) {
			struct compare_row *x =
			    k ? row_of(rows, nrows, (const char *)map) : &(*rows)[0];
			x->lobbies++;
			x->a_higher += pa < pb;
			x->b_higher += pb < pa;
			x->margin += pb - pa;
			x->a_points += qa;
			x->b_points += qb;
		}
	}
	rules_free(&r);
	sqlite3_finalize(st);
	if (rc != 0) {
		compare_free(*rows, *nrows);
		*rows = NULL;
		*nrows = 0;
		return -1;
	}
	qsort(*rows + 1, (size_t)(*nrows - 1), sizeof **rows, by_map);
	return 0;
}

/* The rows as a table, a first (a) against b; free it with report_free(). */
struct report *
compare_table(const struct compare_row *rows, int nrows)
{
	static const struct report_column cols[] = {
	    {"Map", "map"},
	    {"Lobbies", "lobbies"},
	    {"A higher", "a_higher"},
	    {"B higher", "b_higher"},
	    {"Avg places A ahead", "avg_margin", 1},
	    {"A pts", "a_points"},
	    {"B pts", "b_points"},
	    {"Pts diff", "points_diff"},
	};
	struct report *t = report_new(cols, 8);
	for (int i = 0; i < nrows; i++) {
		const struct compare_row *r = &rows[i];
		report_str(t, r->map ? r->map : "every map");
		report_int(t, r->lobbies);
		report_int(t, r->a_higher);
		report_int(t, r->b_higher);
		report_real(t, r->lobbies ? (double)r->margin / r->lobbies : 0.0 / 0.0, 2);
		report_int(t, r->a_points);
		report_int(t, r->b_points);
		report_int(t, r->a_points - r->b_points);
		if (r->a_points != r->b_points)
			report_paint(t, r->a_points > r->b_points ? PAINT_UP : PAINT_DOWN);
	}
	return t;
}

void
compare_free(struct compare_row *rows, int nrows)
{
	for (int i = 0; i < nrows; i++)
		free(rows[i].map);
	free(rows);
}
