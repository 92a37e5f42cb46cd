/*
 * db.c: opening the one SQLite file (WAL, foreign keys, a busy timeout),
 * migrating it to the schema embedded from schema/NNN-*.sql by
 * PRAGMA user_version in one transaction, the file's identity (to see it
 * deleted or replaced under an open connection), a deadline for a
 * thread's statements, and small helpers for the statements every module
 * runs.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "db.h"
#include "teamkey.h"
#include "util.h"

/* The database path: opt when given, else $TRACKER_DB, else ./tracker.db. */
const char *
db_path(const char *opt)
{
	if (opt && *opt)
		return opt;
	const char *env = getenv("TRACKER_DB");
	return env && *env ? env : "tracker.db";
}

static int db_migrate(sqlite3 *db, char **err);

/*
 * Open path into *out as mode says (enum db_mode: DB_CREATE creates and
 * migrates it, DB_EXISTING and DB_READONLY never create a file). Returns 0,
 * or -1 with *err set to a message (the caller frees it with free()) and
 * *out NULL.
 */
int
db_open(const char *path, int mode, sqlite3 **out, char **err)
{
	sqlite3 *db = NULL;
	int readonly = mode == DB_READONLY;
	int flags = readonly            ? SQLITE_OPEN_READONLY
	            : mode == DB_CREATE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
	                                : SQLITE_OPEN_READWRITE;
	*out = NULL;
	*err = NULL;
	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(db, 10000);
	sqlite3_extended_result_codes(db, 1);
	if (db_exec(db, "PRAGMA foreign_keys=ON") != 0 ||
	    (!readonly && db_exec(db, "PRAGMA journal_mode=WAL") != 0) ||
	    db_exec(db, "PRAGMA synchronous=NORMAL") != 0) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		goto fail;
	}
	if (mode == DB_CREATE && db_migrate(db, err) != 0)
		goto fail;
	*out = db;
	return 0;
fail:
	sqlite3_close(db);
	return -1;
}

/*
 * Schema 002's data move, in C because it names teams as the importers do
 * (teamkey.c: by name_key(), a new team with a slug no team has): each head
 * start a stored ruleset gives goes to table headstart by team id (a team
 * no import has named is created, so that the standings can list it), and
 * leaves the ruleset's text. 0, or -1 (sqlite3_errmsg tells).
 */
static int
headstarts_by_team(sqlite3 *db)
{
	static const char has[] = "CASE WHEN json_valid(ruleset)"
	                          " THEN json_type(ruleset, '$.headstart') END";
	char *sql = xasprintf("SELECT s.id, h.key, h.value FROM (SELECT id, ruleset FROM stage"
	                      " WHERE %s = 'object') s, json_each(s.ruleset, '$.headstart') h"
	                      " WHERE h.type = 'integer' ORDER BY s.id, h.id",
	                      has);
	sqlite3_stmt *st = db_prepare(db, sql);
	sqlite3_stmt *add = db_prepare(db, "INSERT OR IGNORE INTO headstart (stage_id, team_id,"
	                                   " points) VALUES (?1, ?2, ?3)");
	int rc = SQLITE_ERROR;
	free(sql);
	while (st && add && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t team;
		if (teamkey_id(db, (const char *)sqlite3_column_text(st, 1), &team) < 0)
			break;
		sqlite3_bind_int64(add, 1, sqlite3_column_int64(st, 0));
		sqlite3_bind_int64(add, 2, team);
		sqlite3_bind_int64(add, 3, sqlite3_column_int64(st, 2));
		if (sqlite3_step(add) != SQLITE_DONE)
			break;
		sqlite3_reset(add);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(add);
	if (rc != SQLITE_DONE)
		return -1;
	sql = xasprintf("UPDATE stage SET ruleset = json_remove(ruleset, '$.headstart')"
	                " WHERE %s IS NOT NULL",
	                has);
	rc = db_exec(db, sql);
	free(sql);
	return rc;
}

/* Data moves in C, each run right after the schema/NNN file of its number. */
static int (*const steps[])(sqlite3 *db) = {[2] = headstarts_by_team};
#define NSTEPS ((int)(sizeof steps / sizeof steps[0]))

/*
 * Apply the migrations past PRAGMA user_version, all in one transaction.
 * Foreign keys are off meanwhile, so that a migration can rebuild a table
 * (SQLite's documented way to change a column), and every reference is
 * checked before the commit. Returns 0, or -1 with *err set (free() it)
 * and nothing changed.
 */
static int
db_migrate(sqlite3 *db, char **err)
{
	if (db_exec(db, "PRAGMA foreign_keys=OFF") != 0 || db_begin(db) != 0)
		goto fail;
	int64_t v = 0, broken = 0;
	if (db_int(db, &v, "PRAGMA user_version", 0) != 0)
		goto fail;
	if (v > db_nmigrations) {
		*err = xasprintf("database schema version %lld is newer than this tracker (%d)",
		                 (long long)v, db_nmigrations);
		db_rollback(db);
		db_exec(db, "PRAGMA foreign_keys=ON");
		return -1;
	}
	for (int i = (int)v; i < db_nmigrations; i++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", i + 1);
		if (db_exec(db, db_migrations[i]) != 0 ||
		    (i + 1 < NSTEPS && steps[i + 1] && steps[i + 1](db) != 0) ||
		    db_exec(db, pragma) != 0)
			goto fail;
	}
	if (v < db_nmigrations &&
	    db_int(db, &broken, "SELECT count(*) FROM pragma_foreign_key_check", 0) != 0)
		goto fail;
	if (broken) {
		*err = xstrdup("migrating the database: a reference points at no row");
		db_rollback(db);
		db_exec(db, "PRAGMA foreign_keys=ON");
		return -1;
	}
	if (db_commit(db) != 0 || db_exec(db, "PRAGMA foreign_keys=ON") != 0)
		goto fail;
	return 0;
fail:
	*err = xasprintf("migrating the database: %s", sqlite3_errmsg(db));
	db_rollback(db);
	db_exec(db, "PRAGMA foreign_keys=ON");
	return -1;
}

static const char *const ident_ext[DB_IDENT_FILES] = {"", "-wal", "-shm"};

/*
 * Record in *id the identity (device and inode) of path and of its -wal and
 * -shm files, those that exist. Returns 0, or -1 when path itself cannot be
 * read (errno tells).
 */
int
db_ident_get(const char *path, struct db_ident *id)
{
	memset(id, 0, sizeof *id);
	for (int i = DB_IDENT_FILES - 1; i >= 0; i--) { /* path last: errno is of it */
		char *f = xasprintf("%s%s", path, ident_ext[i]);
		struct stat sb;
		if (stat(f, &sb) == 0) {
			id->have[i] = 1;
			id->dev[i] = sb.st_dev;
			id->ino[i] = sb.st_ino;
		}
		free(f);
	}
	return id->have[0] ? 0 : -1;
}

/*
 * Whether the files id recorded (db_ident_get) are still at path: 0 when
 * they are, else 1 with what (n bytes) saying which was deleted or
 * replaced.
 */
int
db_ident_changed(const char *path, const struct db_ident *id, char *what, size_t n)
{
	struct db_ident now;
	db_ident_get(path, &now);
	for (int i = 0; i < DB_IDENT_FILES; i++) {
		if (!id->have[i])
			continue;
		if (!now.have[i] || now.dev[i] != id->dev[i] || now.ino[i] != id->ino[i]) {
			snprintf(what, n, "%s%s was %s", path, ident_ext[i],
			         now.have[i] ? "replaced" : "deleted or moved");
			return 1;
		}
	}
	return 0;
}

/*
 * A deadline for this thread's statements, a check that their work is
 * still wanted, and a share of the slow ones: work that has run past
 * slow_ms takes one of max_slow places, or is stopped when none is free.
 */
struct limit {
	int on;                 /* 1: between db_limit_begin and db_limit_end */
	int64_t start, until;   /* CLOCK_MONOTONIC ms: when it began, and its deadline */
	int (*gone)(void *arg); /* 1 when the work is no longer wanted, or NULL */
	void *arg;
	int slow; /* 1: holds one of the max_slow places */
	int hit;  /* a DB_LIMIT_* once a statement was stopped */
};
static _Thread_local struct limit limit;
static atomic_int nslow;           /* places held */
static unsigned slow_ms, max_slow; /* db_limit_share; max_slow 0: no share */

static int64_t
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* SQLite's progress handler: a non-zero return interrupts the statement. */
static int
limit_check(void *unused)
{
	(void)unused;
	if (!limit.on || limit.hit)
		return limit.hit != 0;
	int64_t now = now_ms();
	if (now >= limit.until)
		limit.hit = DB_LIMIT_TIME;
	else if (limit.gone && limit.gone(limit.arg))
		limit.hit = DB_LIMIT_GONE;
	else if (max_slow && !limit.slow && now - limit.start >= slow_ms) {
		if (atomic_fetch_add(&nslow, 1) < (int)max_slow)
			limit.slow = 1;
		else {
			atomic_fetch_sub(&nslow, 1);
			limit.hit = DB_LIMIT_SHARE;
		}
	}
	return limit.hit != 0;
}

/*
 * From now on, at most max (0: any number) threads' work may run past ms
 * milliseconds at once (db_limit_begin); the next is stopped (DB_LIMIT_SHARE).
 * Called before the threads start.
 */
void
db_limit_share(unsigned ms, unsigned max)
{
	slow_ms = ms;
	max_slow = max;
}

/* Make db's statements obey the limit of the thread that runs them (db_limit_begin). */
void
db_limit_install(sqlite3 *db)
{
	sqlite3_progress_handler(db, DB_LIMIT_STEPS, limit_check, NULL);
}

/*
 * From now until db_limit_end, this thread's statements on a connection
 * with db_limit_install stop (SQLITE_INTERRUPT) once ms milliseconds have
 * passed, or once gone(arg) (may be NULL) returns 1.
 */
void
db_limit_begin(unsigned ms, int (*gone)(void *arg), void *arg)
{
	limit.start = now_ms();
	limit.until = limit.start + ms;
	limit.gone = gone;
	limit.arg = arg;
	limit.slow = 0;
	limit.hit = 0;
	limit.on = 1;
}

/* What stopped a statement since db_limit_begin: a DB_LIMIT_*, or 0. */
int
db_limit_hit(void)
{
	return limit.on ? limit.hit : 0;
}

/* End what db_limit_begin began (its place among the slow ones freed). */
void
db_limit_end(void)
{
	if (limit.slow)
		atomic_fetch_sub(&nslow, 1);
	memset(&limit, 0, sizeof limit);
}

static _Thread_local int fault_code;      /* SQLite's code of the last db_error_set() */
static _Thread_local char fault_msg[512]; /* its message, "database: ..." */

/*
 * Record what SQLite says of db's failed call as this thread's last
 * failure (db_error, db_error_code), kept as errno is: later calls that
 * succeed do not erase it, as they erase sqlite3_errmsg. Returns -1.
 */
int
db_error_set(sqlite3 *db)
{
	int code = sqlite3_extended_errcode(db);
	fault_code = code != SQLITE_OK ? code : SQLITE_ERROR; /* 0 means "none" */
	snprintf(fault_msg, sizeof fault_msg, "database: %s", sqlite3_errmsg(db));
	return -1;
}

/*
 * 1 when SQLite's code says the database could not be used for now, the
 * data and the program's SQL not being at fault: busy or locked by another
 * writer, full, read-only, an I/O error, the file gone, a statement stopped
 * by its deadline (db_limit_begin). Else 0 (a schema not the program's, a
 * corrupt file, a bug in the SQL, a constraint).
 */
int
db_transient(int code)
{
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_PROTOCOL:
	case SQLITE_INTERRUPT:
		return 1;
	default:
		return 0;
	}
}

/* The message of this thread's last db_error_set(), "database: " and SQLite's words. */
const char *
db_error(void)
{
	return fault_msg[0] ? fault_msg : "database: no error";
}

/* SQLite's extended result code of this thread's last db_error_set(), 0: none since
 * db_error_reset(). */
int
db_error_code(void)
{
	return fault_code;
}

/* Forget this thread's last db_error_set(): the server does so before each request. */
void
db_error_reset(void)
{
	fault_code = 0;
	fault_msg[0] = '\0';
}

/*
 * Prepare sql, which is the program's own text. Returns the statement (the
 * caller finalizes it), or NULL after db_error_set() when SQLite cannot prepare
 * it: the database is busy, locked or unreadable, or its schema is not the
 * one sql was written for (SQLite cannot tell a bug in sql from a schema
 * altered under it: the tests catch the bugs). Out of memory aborts, as
 * xmalloc does.
 */
sqlite3_stmt *
db_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) & 0xff;
	if (rc == SQLITE_OK)
		return st;
	if (rc == SQLITE_NOMEM) {
		fprintf(stderr, "tracker: out of memory preparing: %s\n", sql);
		abort();
	}
	db_error_set(db);
	return NULL;
}

/*
 * Run sql, with arg bound to its first parameter when it has one, and set
 * *v to the integer in the first column of its first row; *v is left as it
 * is when there is no row or the value is NULL. Returns 0, or -1 after
 * db_error_set().
 */
int
db_int(sqlite3 *db, int64_t *v, const char *sql, int64_t arg)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	if (st == NULL)
		return -1;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*v = sqlite3_column_int64(st, 0);
	return db_end(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

/*
 * Finalize st after its last sqlite3_step() returned rc. Returns 0 when rc
 * says every row was read (SQLITE_DONE), else -1 after db_error_set().
 */
int
db_end(sqlite3 *db, sqlite3_stmt *st, int rc)
{
	if (rc != SQLITE_DONE)
		db_error_set(db);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Run SQL that returns no rows. Returns 0, or -1 (sqlite3_errmsg tells). */
int
db_exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* The statements of a transaction (db_begin and the rest), by enum db_tx_stmt. */
static const char *const tx_sql[DB_TX_COUNT] = {
    [DB_TX_BEGIN] = "BEGIN IMMEDIATE",
    [DB_TX_SAVEPOINT] = "SAVEPOINT db_nested",
    [DB_TX_RELEASE] = "RELEASE db_nested",
    [DB_TX_COMMIT] = "COMMIT",
    [DB_TX_ROLLBACK_TO] = "ROLLBACK TO db_nested",
    [DB_TX_ROLLBACK] = "ROLLBACK",
};

/*
 * Run transaction statement i: with t's copy (prepared into it the first
 * time), or parsed anew when t is NULL. SQLITE_OK, or SQLite's error code
 * (sqlite3_errmsg tells).
 */
static int
tx_run(sqlite3 *db, struct db_tx *t, enum db_tx_stmt i)
{
	if (t == NULL)
		return sqlite3_exec(db, tx_sql[i], NULL, NULL, NULL);
	if (t->st[i] == NULL && sqlite3_prepare_v3(db, tx_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
	                                           &t->st[i], NULL) != SQLITE_OK)
		return sqlite3_errcode(db);
	int rc = sqlite3_step(t->st[i]);
	sqlite3_reset(t->st[i]);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * db_begin with the statements kept in t for db (NULL: none kept), for a
 * caller that runs many transactions on one connection.
 */
int
db_begin_kept(sqlite3 *db, struct db_tx *t)
{
	int nested = !sqlite3_get_autocommit(db);
	if (t)
		t->nested = nested;
	return tx_run(db, t, nested ? DB_TX_SAVEPOINT : DB_TX_BEGIN) == SQLITE_OK ? 0 : -1;
}

/*
 * db_commit with the statements kept in t for db (NULL: none kept): t says
 * what db_begin_kept opened, else a savepoint is tried first.
 */
int
db_commit_kept(sqlite3 *db, struct db_tx *t)
{
	if (t)
		return tx_run(db, t, t->nested ? DB_TX_RELEASE : DB_TX_COMMIT) == SQLITE_OK ? 0
		                                                                            : -1;
	if (tx_run(db, t, DB_TX_RELEASE) == SQLITE_OK)
		return 0;
	return tx_run(db, t, DB_TX_COMMIT) == SQLITE_OK ? 0 : -1;
}

/* db_rollback with the statements kept in t for db (NULL: none kept). */
void
db_rollback_kept(sqlite3 *db, struct db_tx *t)
{
	if (sqlite3_get_autocommit(db))
		return;
	if (tx_run(db, t, DB_TX_ROLLBACK_TO) == SQLITE_OK)
		tx_run(db, t, DB_TX_RELEASE);
	else
		tx_run(db, t, DB_TX_ROLLBACK);
}

/* Finalize the statements t keeps and leave it empty. */
void
db_tx_free(struct db_tx *t)
{
	for (int i = 0; i < DB_TX_COUNT; i++)
		sqlite3_finalize(t->st[i]);
	memset(t, 0, sizeof *t);
}

/*
 * Start a write transaction, taking the write lock now; inside a transaction
 * already open (a preview that rolls back what it tries), a savepoint
 * instead, which db_commit releases and db_rollback undoes alone. 0 or -1.
 */
int
db_begin(sqlite3 *db)
{
	return db_begin_kept(db, NULL);
}

/* Commit what db_begin started: the nested savepoint when there is one, else the transaction. */
int
db_commit(sqlite3 *db)
{
	return db_commit_kept(db, NULL);
}

/* Roll back what db_begin started (the nested savepoint, or the transaction), if open. */
void
db_rollback(sqlite3 *db)
{
	db_rollback_kept(db, NULL);
}

/* Column col as a fresh string (NULL for SQL NULL); the caller frees it. */
char *
db_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? xstrdup((const char *)t) : NULL;
}
