/* db.h: the SQLite file: open, migrate, small query helpers. */
#ifndef TRACKER_DB_H
#define TRACKER_DB_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum db_mode {
	DB_CREATE = 0,   /* read-write, the file created and migrated when need be */
	DB_READONLY = 1, /* read-only; never creates a file */
	DB_EXISTING = 2, /* read-write on a file that exists (created and migrated before) */
};

#define DB_IDENT_FILES 3 /* the database, its -wal and its -shm */

struct db_ident {
	int have[DB_IDENT_FILES]; /* 1: the file existed when recorded */
	dev_t dev[DB_IDENT_FILES];
	ino_t ino[DB_IDENT_FILES];
};

enum {
	DB_LIMIT_TIME = 1,      /* a statement ran past the deadline */
	DB_LIMIT_GONE = 2,      /* the work was no longer wanted */
	DB_LIMIT_SHARE = 3,     /* slow, and the other slow work held every place */
	DB_LIMIT_STEPS = 10000, /* SQLite VM steps between two checks of the limit */
};

const char *db_path(const char *opt);
int db_open(const char *path, int mode, sqlite3 **out, char **err);
int db_ident_get(const char *path, struct db_ident *id);
int db_ident_changed(const char *path, const struct db_ident *id, char *what, size_t n);
void db_limit_install(sqlite3 *db);
void db_limit_share(unsigned ms, unsigned max);
void db_limit_begin(unsigned ms, int (*gone)(void *arg), void *arg);
int db_limit_hit(void);
void db_limit_end(void);
int db_error_set(sqlite3 *db);
const char *db_error(void);
int db_error_code(void);
int db_transient(int code);
void db_error_reset(void);
sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql);
int db_int(sqlite3 *db, int64_t *v, const char *sql, int64_t arg);
int db_end(sqlite3 *db, sqlite3_stmt *st, int rc);
int db_exec(sqlite3 *db, const char *sql);
int db_begin(sqlite3 *db);
int db_commit(sqlite3 *db);
void db_rollback(sqlite3 *db);

/* A transaction's statements, prepared once for a connection that runs many (db_begin_kept). */
enum db_tx_stmt {
	DB_TX_BEGIN,
	DB_TX_SAVEPOINT,
	DB_TX_RELEASE,
	DB_TX_COMMIT,
	DB_TX_ROLLBACK_TO,
	DB_TX_ROLLBACK,
	DB_TX_COUNT
};
struct db_tx {
	sqlite3_stmt *st[DB_TX_COUNT]; /* NULL until first used */
	int nested; /* 1: the last db_begin_kept opened a savepoint in a transaction */
};
int db_begin_kept(sqlite3 *db, struct db_tx *t);
int db_commit_kept(sqlite3 *db, struct db_tx *t);
void db_rollback_kept(sqlite3 *db, struct db_tx *t);
void db_tx_free(struct db_tx *t);
char *db_text(sqlite3_stmt *st, int col);

extern const char *const db_migrations[]; /* schema/NNN-*.sql, embedded */
extern const int db_nmigrations;

#endif
