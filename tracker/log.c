/*
 * log.c: the audit log (schema/003-log.sql). A write adds its row with
 * log_write inside its own transaction, so that the two commit or roll back
 * together; `tracker log` (and the desk) list the rows with log_report.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "log.h"
#include "util.h"

/* The log's row, bound by log_vwrite. */
static const char insert_sql[] =
    "INSERT INTO log (time, origin, action, tournament_id, stage_id, ids, what)"
    " VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?1, ?2,"
    " coalesce(nullif(?3, 0), (SELECT tournament_id FROM stage WHERE id = ?4)),"
    " nullif(?4, 0), ?5, ?6)";

/*
 * Add the row log_write describes with the statement *kept (prepared on db
 * into it when NULL, and left there reset and unbound for the next call;
 * the caller finalizes it), or with a statement of its own when kept is
 * NULL. Returns 0, or -1 (sqlite3_errmsg says why).
 */
static int
log_vwrite(sqlite3 *db, sqlite3_stmt **kept, const char *origin, const char *action,
           int64_t tournament, int64_t stage, const char *ids, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *what = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	vsnprintf(what, (size_t)(n < 0 ? 0 : n) + 1, fmt, again);
	va_end(again);
	sqlite3_stmt *own = NULL, **st = kept ? kept : &own;
	if (*st == NULL && (*st = db_prepare(db, insert_sql)) == NULL) {
		free(what);
		return -1;
	}
	sqlite3_bind_text(*st, 1, origin ? origin : "cli", -1, SQLITE_STATIC);
	sqlite3_bind_text(*st, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_int64(*st, 3, tournament);
	sqlite3_bind_int64(*st, 4, stage);
	sqlite3_bind_text(*st, 5, ids, -1, SQLITE_STATIC);
	sqlite3_bind_text(*st, 6, what, -1, SQLITE_STATIC);
	int rc = sqlite3_step(*st) == SQLITE_DONE ? 0 : -1;
	sqlite3_reset(*st);
	sqlite3_clear_bindings(*st);
	sqlite3_finalize(own);
	free(what);
	return rc;
}

/*
 * Add one row to the log: origin ("cli" when NULL; "http ADDRESS token
 * NAME" for the server), action (import, void, merge, ...), the tournament
 * and stage concerned (0: none; a stage's tournament is taken from the
 * stage when tournament is 0), the other ids concerned as "key=id ..."
 * (NULL: none), and what changed, printf-style. Inside an open transaction
 * the row commits with it; outside one it commits by itself. Returns 0, or
 * -1 (sqlite3_errmsg says why; the caller rolls its transaction back).
 */
int
log_write(sqlite3 *db, const char *origin, const char *action, int64_t tournament, int64_t stage,
          const char *ids, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = log_vwrite(db, NULL, origin, action, tournament, stage, ids, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * log_write for a caller that writes many rows on db: the statement is
 * prepared once, into *kept when it is NULL, and reused from there (the
 * caller finalizes *kept before closing db).
 */
int
log_write_kept(sqlite3 *db, sqlite3_stmt **kept, const char *origin, const char *action,
               int64_t tournament, int64_t stage, const char *ids, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = log_vwrite(db, kept, origin, action, tournament, stage, ids, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * The log, newest first: every row, or those of tournament (> 0) or of
 * stage (> 0), at most limit rows (0: all). Tournaments and stages are
 * named as they are now; one removed since shows its id. Free with
 * report_free(). NULL after db_error_set() when the database cannot be read.
 */
struct report *
log_report(sqlite3 *db, int64_t tournament, int64_t stage, int64_t limit)
{
	static const struct report_column cols[] = {
	    {"Time", "time"},     {"Origin", "origin"},
	    {"Action", "action"}, {"Tournament", "tournament"},
	    {"Stage", "stage"},   {"Ids", "ids"},
	    {"What", "what"},
	};
	/* by the index of the narrowest filter given (log_stage, log_tournament) */
	static const char *const where[] = {
	    "", " WHERE l.tournament_id = ?1",
	    " WHERE l.stage_id = ?2 AND (?1 = 0 OR l.tournament_id = ?1)"};
	char *sql =
	    xasprintf("SELECT l.time, l.origin, l.action,"
	              " coalesce(t.name, '#' || l.tournament_id),"
	              " coalesce(s.name, '#' || l.stage_id), l.ids, l.what FROM log l"
	              " LEFT JOIN tournament t ON t.id = l.tournament_id"
	              " LEFT JOIN stage s ON s.id = l.stage_id%s ORDER BY l.id DESC LIMIT ?3",
	              where[stage        ? 2
	                    : tournament ? 1
	                                 : 0]);
	sqlite3_stmt *st = db_prepare(db, sql);
	free(sql);
	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, tournament);
	sqlite3_bind_int64(st, 2, stage);
	sqlite3_bind_int64(st, 3, limit > 0 ? limit : -1);
	struct report *t = report_new(cols, (int)(sizeof cols / sizeof cols[0]));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int i = 0; i < 7; i++)
			report_str(t, (const char *)sqlite3_column_text(st, i));
	if (db_end(db, st, rc) == 0)
		return t;
	report_free(t);
	return NULL;
}
