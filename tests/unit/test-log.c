/*
 * test-log.c: the audit log's contract: a row written inside a transaction
 * commits or rolls back with the write it records, the stage's tournament
 * is filled in, and the origin defaults to "cli".
 */
#include <stdlib.h>

#include "db.h"
#include "log.h"
#include "unit.h"

/* The integer sql yields (db_int), or -1 when the query fails. */
static int64_t
one_int(sqlite3 *db, const char *sql)
{
	int64_t v = 0;
	return db_int(db, &v, sql, 0) == 0 ? v : -1;
}

int
main(void)
{
	sqlite3 *db;
	char *err;
	if (db_open(":memory:", 0, &db, &err) != 0) {
		printf("not ok open: %s\n", err);
		return 1;
	}
	db_exec(
	    db,
	    "INSERT INTO tournament (id, name, slug) VALUES (7, 'Cup', 'cup');"
	    "INSERT INTO stage (id, tournament_id, name, slug) VALUES (3, 7, 'Final', 'final')");

	db_begin(db);
	db_exec(db, "INSERT INTO team (name, key, slug) VALUES ('A', 'a', 'a')");
	CHECK("log_write in a transaction",
	      log_write(db, NULL, "rename", 0, 3, "team=1", "x %d", 1) == 0);
	db_rollback(db);
	CHECK("rolled back with its write", one_int(db, "SELECT count(*) FROM log") == 0);

	db_begin(db);
	db_exec(db, "INSERT INTO team (name, key, slug) VALUES ('A', 'a', 'a')");
	log_write(db, NULL, "rename", 0, 3, "team=1", "renamed %s", "A");
	db_commit(db);
	CHECK("committed with its write", one_int(db, "SELECT count(*) FROM log") == 1);
	CHECK("the stage's tournament", one_int(db, "SELECT tournament_id FROM log") == 7);
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT origin, action, ids, what, time LIKE '____-__-__T__:__:__.___Z'"
	                   " FROM log");
	sqlite3_step(st);
	CHECK_STR("origin defaults to cli", "cli", (const char *)sqlite3_column_text(st, 0));
	CHECK_STR("action", "rename", (const char *)sqlite3_column_text(st, 1));
	CHECK_STR("ids", "team=1", (const char *)sqlite3_column_text(st, 2));
	CHECK_STR("what, printf-style", "renamed A", (const char *)sqlite3_column_text(st, 3));
	CHECK("time in UTC ISO 8601", sqlite3_column_int(st, 4) == 1);
	sqlite3_finalize(st);

	CHECK("an origin given",
	      log_write(db, "http 127.0.0.1 token desk", "post", 7, 0, NULL, "y") == 0);
	CHECK("a tournament without a stage",
	      one_int(db, "SELECT count(*) FROM log WHERE tournament_id = 7 AND stage_id IS NULL"
	                  " AND origin = 'http 127.0.0.1 token desk'") == 1);
	sqlite3_close(db);
	return unit_failed;
}
