/*
 * find.c: resolving what a user typed (a name, any spelling of it, or its
 * slug, in any case) into the row it means. Shared by the CLI and the web.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "find.h"
#include "util.h"

/*
 * Look up the one id that sql yields for the bound text key.
 * Returns 1 found, 0 not found, 2 more than one row, -1 after db_error_set().
 */
static int
one_id(sqlite3 *db, const char *sql, int64_t scope, const char *key, int64_t *id)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	if (st == NULL)
		return -1;
	int n = 1, rc = 0, step;
	if (sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_int64(st, n++, scope);
	sqlite3_bind_text(st, n, key, -1, SQLITE_TRANSIENT);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (rc == 1) {
			rc = 2;
			step = SQLITE_DONE;
			break;
		}
		*id = sqlite3_column_int64(st, 0);
		rc = 1;
	}
	return db_end(db, st, step) != 0 ? -1 : rc;
}

/*
 * The tournament named by arg (name or slug, any case). arg NULL means the
 * only tournament there is. Returns 1 with *id set, 0 when there is none,
 * 2 when arg is NULL and there are several, -1 after db_error_set().
 */
int
find_tournament(sqlite3 *db, const char *arg, int64_t *id)
{
	if (arg == NULL)
		return one_id(db, "SELECT id FROM tournament WHERE ?1 IS NOT NULL", 0, "", id);
	char *slug = slugify(arg);
	int rc = one_id(db, "SELECT id FROM tournament WHERE slug = ?1", 0, slug, id);
	free(slug);
	return rc;
}

/* The stage named by arg within tournament: 1 with *id set, 0, or -1 after db_error_set(). */
int
find_stage(sqlite3 *db, int64_t tournament, const char *arg, int64_t *id)
{
	char *slug = slugify(arg);
	int rc = one_id(db, "SELECT id FROM stage WHERE tournament_id = ?1 AND slug = ?2",
	                tournament, slug, id);
	free(slug);
	return rc > 1 ? 1 : rc;
}

/*
 * The team that arg names: by any spelling's key (case and white space
 * ignored), else by slug. Returns 1 with *id set, 0, or -1 after db_error_set().
 */
int
find_team(sqlite3 *db, const char *arg, int64_t *id)
{
	char *key = name_key(arg), *slug = slugify(arg);
	int rc = one_id(db, "SELECT id FROM team WHERE key = ?1", 0, key, id);
	if (rc == 0)
		rc = one_id(
		    db,
		    "SELECT team_id FROM team_alias WHERE lower(spelling) = ?1 GROUP BY team_id", 0,
		    key, id);
	if (rc == 0)
		rc = one_id(db, "SELECT id FROM team WHERE slug = ?1", 0, slug, id);
	free(key);
	free(slug);
	return rc > 1 ? 1 : rc;
}

/* Edit distance between a and b (bytes), capped at 255. */
int
find_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 255;
	int d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
			d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
	return d[la][lb];
}

/*
 * The indices of the names (n of them) nearest to arg, for "did you mean":
 * those whose key contains arg's, else the nearest by edit distance when
 * near enough. Writes up to most of them, in the order given, into out and
 * returns how many.
 */
int
find_nearest(const char *arg, const char *const *names, int n, int *out, int most)
{
	char *key = name_key(arg);
	int *d = xcalloc((size_t)(n ? n : 1), sizeof *d), best = 255, k = 0;
	for (int i = 0; i < n; i++) {
		char *nk = name_key(names[i]);
		d[i] = *key && strstr(nk, key) ? 0 : find_distance(key, nk);
		if (d[i] < best)
			best = d[i];
		free(nk);
	}
	for (int i = 0; i < n && k < most && best <= (int)strlen(key) / 2 + 1; i++)
		if (d[i] == best)
			out[k++] = i;
	free(d);
	free(key);
	return k;
}

/*
 * The name closest to arg among the names sql lists (find_nearest).
 * Returns 1 with *best a fresh string (free() it), 0 when none is near,
 * or -1 after db_error_set().
 */
static int
suggest(sqlite3 *db, const char *sql, const char *arg, char **best)
{
	char **names = NULL;
	int n = 0, i, rc;
	*best = NULL;
	sqlite3_stmt *st = db_prepare(db, sql);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		names = xrealloc(names, (size_t)(n + 1) * sizeof *names);
		names[n++] = db_text(st, 0);
	}
	rc = db_end(db, st, rc);
	if (rc == 0 && find_nearest(arg, (const char *const *)names, n, &i, 1) == 1) {
		*best = xstrdup(names[i]);
		rc = 1;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* The team name closest to arg among every team's (suggest(), which says what it returns). */
int
find_team_suggest(sqlite3 *db, const char *arg, char **best)
{
	return suggest(db, "SELECT name FROM team ORDER BY name", arg, best);
}

/*
 * The player that arg names: by any spelling's key (case and white space
 * ignored). Returns 1 with *id set, 0, or -1 after db_error_set().
 */
int
find_player(sqlite3 *db, const char *arg, int64_t *id)
{
	char *key = name_key(arg);
	int rc = one_id(db, "SELECT id FROM player WHERE key = ?1", 0, key, id);
	if (rc == 0)
		rc = one_id(db,
		            "SELECT player_id FROM player_alias WHERE lower(spelling) = ?1"
		            " GROUP BY player_id",
		            0, key, id);
	free(key);
	return rc > 1 ? 1 : rc;
}

/* The player name closest to arg among every player's (suggest(), which says what it returns). */
int
find_player_suggest(sqlite3 *db, const char *arg, char **best)
{
	return suggest(db, "SELECT name FROM player ORDER BY name", arg, best);
}
