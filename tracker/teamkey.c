/*
 * teamkey.c: a team's row by its key, the way every import names teams: two
 * names with the same name_key() are one team. A new team gets its name
 * with white space folded, and a slug no team has yet (slugify(), then -2,
 * -3 ...). Used by the importers, `rules set` and the schema 002 data move
 * (db.c), so this file uses SQLite directly rather than db.c's helpers.
 */
#include <stdlib.h>

#include "teamkey.h"
#include "util.h"

/*
 * Run sql with text a bound to ?1 and, when b > 0, b to ?2. Returns 1 with
 * *id (when not NULL) set to the first row's first column, 0 when there is
 * no row, -1 on an error (sqlite3_errmsg tells).
 */
static int
one(sqlite3 *db, const char *sql, const char *a, int64_t b, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b > 0)
		sqlite3_bind_int64(st, 2, b);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && id)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Create the team called name (which no team's key matches): its name with
 * white space folded, its key and a slug no team has. Returns 0 with *id
 * set, or -1 on a database error.
 */
int
teamkey_add(sqlite3 *db, const char *name, int64_t *id)
{
	char *clean = name_clean(name), *key = name_key(name), *base = slugify(clean);
	if (*base == '\0') {
		free(base);
		base = xstrdup("team");
	}
	char *slug = xstrdup(base);
	int rc;
	for (int k = 2; (rc = one(db, "SELECT 1 FROM team WHERE slug = ?1", slug, 0, NULL)) > 0;
	     k++) {
		free(slug);
		slug = xasprintf("%s-%d", base, k);
	}
	sqlite3_stmt *st = NULL;
	if (rc == 0 &&
	    sqlite3_prepare_v2(db, "INSERT INTO team (name, key, slug) VALUES (?1, ?2, ?3)", -1,
	                       &st, NULL) != SQLITE_OK)
		rc = -1;
	if (rc == 0) {
		sqlite3_bind_text(st, 1, clean, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, slug, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(db);
	free(clean), free(key), free(base), free(slug);
	return rc;
}

/*
 * The team whose key is name_key(name), or one of whose spellings has that
 * key (the old name of a renamed or merged team), created when there is
 * none (with its folded name recorded as its first alias). Returns 1 found, 2 created,
 * with *id set; -1 on a database error.
 */
int
teamkey_id(sqlite3 *db, const char *name, int64_t *id)
{
	char *key = name_key(name);
	int rc = one(db,
	             "SELECT id FROM team WHERE key = ?1"
	             " UNION ALL SELECT team_id FROM team_alias WHERE lower(spelling) = ?1",
	             key, 0, id);
	free(key);
	if (rc != 0)
		return rc;
	if (teamkey_add(db, name, id) != 0)
		return -1;
	char *clean = name_clean(name);
	rc = one(db, "INSERT OR IGNORE INTO team_alias (spelling, team_id) VALUES (?1, ?2)", clean,
	         *id, NULL);
	free(clean);
	return rc == 0 ? 2 : -1;
}
