/*
 * fuzz_import.c: libFuzzer driver for the match JSON importer (and, included
 * by fuzz_csv.c with FUZZ_IMPORTER set, the CSV one). Each input is
 * imported into an in-memory database as a file would be by `tracker import`;
 * what it stores is scored (standings of each stage, the map and player
 * tables); it is imported again (identical content must be "unchanged"),
 * then again with replace on. A refused import must leave the database as
 * it was. After
 * each input the database is emptied, so every input replays alone.
 * Built by tests/fuzz/run.sh with clang -fsanitize=fuzzer, and by `make test`
 * with tests/fuzz/replay.c instead of libFuzzer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "db.h"
#include "json.h"
#include "maps.h"
#include "players.h"
#include "standings.h"
#include "util.h"

/* The importer under test, and the name its messages carry. */
#ifndef FUZZ_IMPORTER
#define FUZZ_IMPORTER import_json_with
#define FUZZ_NAME     "fuzz.json"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static sqlite3 *db;            /* the in-memory database, opened on the first input */
static sqlite3_stmt **wipe;    /* one DELETE per table of the schema */
static int nwipe;              /* entries in wipe */
static sqlite3_stmt *countall; /* the number of rows in every table together */

/* Stop the run with why: libFuzzer and the replay both report an abort. */
static void
fail(const char *why)
{
	fprintf(stderr, "fuzz_import: %s\n", why);
	abort();
}

/*
 * Open the database and prepare, from its own schema, the statements that
 * empty and count its tables (table names only, never input).
 */
static void
setup(void)
{
	char *err = NULL;
	if (db_open(":memory:", 0, &db, &err) != 0)
		fail(err);
	struct buf count = {0};
	sqlite3_stmt *st = db_prepare(db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
	                                  "AND name NOT LIKE 'sqlite_%' ORDER BY name");
	buf_puts(&count, "SELECT 0");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		struct buf sql = {0};
		buf_printf(&sql, "DELETE FROM \"%s\"", name);
		wipe = xrealloc(wipe, (size_t)(nwipe + 1) * sizeof *wipe);
		wipe[nwipe++] = db_prepare(db, sql.data);
		buf_free(&sql);
		buf_printf(&count, " + (SELECT count(*) FROM \"%s\")", name);
	}
	sqlite3_finalize(st);
	countall = db_prepare(db, count.data);
	buf_free(&count);
}

/* The number of rows in the whole database. */
static int64_t
rows(void)
{
	int64_t n = -1;
	if (sqlite3_step(countall) == SQLITE_ROW)
		n = sqlite3_column_int64(countall, 0);
	sqlite3_reset(countall);
	return n;
}

/*
 * Empty every table: passes over all of them until none refuses, since a
 * table still referred to refuses its DELETE until its children are gone.
 * (Turning foreign keys off instead would expire every prepared statement.)
 */
static void
empty(void)
{
	if (!sqlite3_get_autocommit(db))
		fail("the importer left a transaction open");
	for (int pass = 0; pass <= nwipe; pass++) {
		int refused = 0;
		for (int i = 0; i < nwipe; i++) {
			if (sqlite3_step(wipe[i]) != SQLITE_DONE)
				refused++;
			sqlite3_reset(wipe[i]);
		}
		if (refused == 0 && rows() == 0)
			return;
	}
	fail("the database cannot be emptied");
}

/*
 * Score what was stored, as every surface does: each stage's standings (its
 * stored ruleset must parse), and the map and player tables over all of it,
 * each also written as JSON.
 */
static void
score(void)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM stage ORDER BY id");
	struct buf out = {0};
	char *err = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct standings s;
		if (standings_compute(db, sqlite3_column_int64(st, 0), NULL, 0, &s, &err) != 0) {
			fprintf(stderr, "%s\n", err ? err : "");
			fail("a stored stage cannot be scored");
		}
		standings_json(&s, &out);
		standings_free(&s);
	}
	sqlite3_finalize(st);
	struct maps_query mq = {0};
	struct map_row *maps = NULL;
	int nmaps = 0;
	if (maps_compute(db, &mq, &maps, &nmaps, &err) != 0) {
		fprintf(stderr, "%s\n", err ? err : "");
		fail("the stored matches give no map table");
	}
	maps_json(maps, nmaps, &out);
	maps_free(maps, nmaps);
	struct players_query pq = {0};
	struct player_row *players = NULL;
	int nplayers = 0;
	if (players_compute(db, &pq, &players, &nplayers) >= 0) {
		players_json(players, nplayers, &out);
		players_free(players, nplayers);
	}
	buf_free(&out);
}

/* Import data once with the given replace flag. Returns the importer's result. */
static int
import(const char *data, size_t len, int replace, struct import_stats *st)
{
	struct buf msgs = {0};
	struct import_options opt = {.replace = replace};
	memset(st, 0, sizeof *st);
	int rc = FUZZ_IMPORTER(db, FUZZ_NAME, data, len, &opt, st, &msgs);
	if (rc != 0 && rc != -1)
		fail("the importer returned neither 0 nor -1");
	if (msgs.len != strlen(msgs.data ? msgs.data : ""))
		fail("a message holds a NUL byte");
	buf_free(&msgs);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	if (!db)
		setup();
	/* A copy of exactly len bytes, so a read past the end is caught. */
	char *copy = xmalloc(len ? len : 1);
	memcpy(copy, data, len);

	struct import_stats st;
	int64_t before = rows();
	int rc = import(copy, len, 0, &st);
	if (rc != 0 && rows() != before)
		fail("a refused import wrote rows");
	if (rc == 0) {
		score();
		int64_t after = rows();
		if (import(copy, len, 0, &st) != 0)
			fail("identical content was refused the second time");
		if (st.matches_added || st.matches_replaced || rows() != after)
			fail("identical content changed the database");
		if (import(copy, len, 1, &st) != 0)
			fail("identical content was refused with replace on");
		if (rows() != after)
			fail("replacing with identical content changed the row count");
	}
	empty();
	free(copy);
	return 0;
}
