/*
 * write.c: one import as a unit of work: import_json (or import_csv), and
 * when it stored anything the audit log's row saying who (the CLI, or a
 * client's address and its token's name) and what, in one transaction, so
 * that the two commit or roll back together. The import writes in that
 * transaction, without a savepoint of its own (import_options.in_tx). Used
 * by `tracker import`, POST /api/v1/matches and the desk's commit.
 */
#include <stdlib.h>

#include "csv.h"
#include "db.h"
#include "log.h"
#include "store.h"
#include "util.h"
#include "write.h"

/* The log's origin of a request from client with the token named token; free() it. */
char *
write_origin(const char *client, const char *token)
{
	return xasprintf("http %s token %s", client ? client : "-", token);
}

/*
 * 1 when db's last statement failed for a reason of the database's, not of
 * the data: another writer held it, or it is full, read-only, gone or
 * failing (db_transient); the failure is then recorded (db_error_set), so
 * that the server answers 503 with SQLite's words. Else 0.
 */
int
write_busy(sqlite3 *db)
{
	if (!db_transient(sqlite3_extended_errcode(db)))
		return 0;
	db_error_set(db);
	return 1;
}

/*
 * Import data (name labels its messages) into db as import_json does (as
 * import_csv when csv is set), with the options opt, with the log row of action by origin when
 * it wrote anything: its text says what ("NAME: match 14 added, adjustments stored"), and it is
 * the row of the one stage the data wrote to (several: the text names each). Returns a
 * write_result; the counts are added to *st and the importer's messages to msgs as import_json
 * does (the counts mean nothing unless WRITE_STORED).
 */
int
write_import_with(sqlite3 *db, const char *origin, const char *action, const char *name,
                  const char *data, size_t len, const struct import_options *opt, int csv,
                  struct import_stats *st, struct buf *msgs)
{
	struct buf what = {0};
	struct buf *keep = st->what;
	/* the statements kept for db with the importer's, when opt keeps them (store_open) */
	struct store_cache *c = opt->cache;
	if (c && c->db == NULL)
		c->db = db;
	c = c && c->db == db ? c : NULL;
	struct db_tx *tx = c ? &c->tx : NULL;
	db_exec(db, ""); /* clears the connection's last error code, preparing nothing */
	if (db_begin_kept(db, tx) != 0)
		return write_busy(db) ? WRITE_BUSY : WRITE_FAILED;
	st->what = &what;
	struct import_options in = *opt; /* in this transaction, rolled back below if refused */
	in.in_tx = 1;
	int rc = (csv ? import_csv : import_json_with)(db, name, data, len, &in, st, msgs);
	st->what = keep;
	if (rc != 0) {
		int b = write_busy(db);
		db_rollback_kept(db, tx);
		store_cache_abort(c);
		buf_free(&what);
		return b ? WRITE_BUSY : WRITE_REFUSED;
	}
	rc = what.len && log_write_kept(db, c ? &c->log : NULL, origin, action, 0, st->stage, NULL,
	                                "%s: %s", name, what.data) != 0;
	buf_free(&what);
	if (rc) {
		db_rollback_kept(db, tx);
		store_cache_abort(c);
		return WRITE_FAILED;
	}
	if (db_commit_kept(db, tx) != 0) {
		int b = write_busy(db);
		db_rollback_kept(db, tx);
		store_cache_abort(c);
		return b ? WRITE_BUSY : WRITE_FAILED;
	}
	store_cache_commit(c); /* the names it stored are the connection's now */
	return WRITE_STORED;
}

/* write_import_with for match JSON v1 with only --replace's option. */
int
write_import(sqlite3 *db, const char *origin, const char *action, const char *name,
             const char *data, size_t len, int replace, struct import_stats *st, struct buf *msgs)
{
	struct import_options opt = {.replace = replace};
	return write_import_with(db, origin, action, name, data, len, &opt, 0, st, msgs);
}
