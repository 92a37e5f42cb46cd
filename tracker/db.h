/* db.h: the SQLite file: open, migrate, small query helpers. */
#ifndef TRACKER_DB_H
#define TRACKER_DB_H

#include <sqlite3.h>
#include <stdint.h>

const char *db_path(const char *opt);
int db_open(const char *path, int readonly, sqlite3 **out, char **err);
int db_error_set(sqlite3 *db);
const char *db_error(void);
int db_error_code(void);
void db_error_reset(void);
sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql);
int db_int(sqlite3 *db, int64_t *v, const char *sql, int64_t arg);
int db_end(sqlite3 *db, sqlite3_stmt *st, int rc);
int db_exec(sqlite3 *db, const char *sql);
int db_begin(sqlite3 *db);
int db_commit(sqlite3 *db);
void db_rollback(sqlite3 *db);
char *db_text(sqlite3_stmt *st, int col);

extern const char *const db_migrations[]; /* schema/NNN-*.sql, embedded */
extern const int db_nmigrations;

#endif
