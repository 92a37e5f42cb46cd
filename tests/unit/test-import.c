/*
 * test-import.c: import_json and import_csv called as the web server calls
 * them: on a buffer that is not NUL-terminated (ASan catches a read past its
 * end), with the statistics adding up over calls, messages labelled with
 * the given name, the error cap, and nothing written when a document is
 * refused.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "db.h"
#include "json.h"
#include "store.h"
#include "unit.h"
#include "util.h"
#include "write.h"

/* The integer sql yields (db_int), or -1 when the query fails. */
static int64_t
one_int(sqlite3 *db, const char *sql)
{
	int64_t v = 0;
	return db_int(db, &v, sql, 0) == 0 ? v : -1;
}

/* Import text from an exact-size heap copy (no NUL after it) under name. */
static int
import(sqlite3 *db, const char *name, const char *text, size_t len, int replace,
       struct import_stats *st, struct buf *msgs)
{
	char *copy = xmalloc(len);
	memcpy(copy, text, len);
	int rc = import_json(db, name, copy, len, replace, st, msgs);
	free(copy);
	return rc;
}

static const char one[] =
    "{\"tournament\": \"Cup\", \"stage\": \"Final\", \"match\": 1, \"map\": \"Bermuda\","
    " \"results\": [{\"team\": \"A\", \"placement\": 1, \"kills\": 3, \"players\":"
    " [{\"name\": \"p1\", \"kills\": 3}]}, {\"team\": \"B\", \"placement\": 2, \"kills\": 0}]}";

int
main(void)
{
	sqlite3 *db;
	char *err;
	struct import_stats st = {0};
	struct buf msgs = {0};
	if (db_open(":memory:", 0, &db, &err) != 0) {
		printf("not ok open: %s\n", err);
		return 1;
	}

	CHECK("post-stored", import(db, "POST body", one, strlen(one), 0, &st, &msgs) == 0);
	CHECK("post-counts", st.files == 1 && st.files_failed == 0 && st.matches_added == 1 &&
	                         st.teams_added == 2 && st.players_added == 1 && st.warnings == 0);
	CHECK_STR("post-no-messages", "", msgs.data ? msgs.data : "");
	CHECK("post-rows", one_int(db, "SELECT count(*) FROM result") == 2);

	CHECK("again-stored", import(db, "POST body", one, strlen(one), 0, &st, &msgs) == 0);
	CHECK("again-adds-up", st.files == 2 && st.matches_added == 1 && st.matches_unchanged == 1);

	/* the same document cut short by its length, not by a NUL */
	CHECK("cut-refused", import(db, "POST body", one, strlen(one) - 2, 0, &st, &msgs) == -1);
	CHECK("cut-message", msgs.data && strstr(msgs.data, "POST body: truncated JSON"));
	CHECK("cut-counted", st.files == 3 && st.files_failed == 1 && st.matches_added == 1);

	/* 30 bad results: 25 messages, then one line counting the rest */
	struct buf doc = {0};
	buf_puts(
	    &doc,
	    "{\"tournament\": \"Cup\", \"stage\": \"Final\", \"match\": 2, \"map\": \"Alpine\","
	    " \"results\": [");
	for (int i = 0; i < 30; i++)
		buf_printf(&doc, "%s{\"team\": \"T%d\", \"placement\": %d, \"kills\": -1}",
		           i ? "," : "", i, i + 1);
	buf_puts(&doc, "]}");
	buf_reset(&msgs);
	CHECK("many-refused", import(db, "POST body", doc.data, doc.len, 0, &st, &msgs) == -1);
	int lines = 0;
	for (const char *p = msgs.data; p && *p; p++)
		lines += *p == '\n';
	CHECK("many-capped", lines == 26);
	static const char first[] = "POST body: results[0].kills: must be at least 0, got -1\n";
	CHECK("many-first", strncmp(msgs.data, first, sizeof first - 1) == 0);
	CHECK("many-rest", strstr(msgs.data, "POST body: 5 more errors not shown\n") != NULL);
	CHECK("many-nothing-written", one_int(db, "SELECT count(*) FROM match") == 1 &&
	                                  one_int(db, "SELECT count(*) FROM team") == 2);

	/* a CSV whose last cell ends the buffer (no line feed, no NUL after it) */
	static const char rows[] = "tournament;stage;match;team;placement;kills\r\n"
	                           "Cup;Final;3;\"A\";1;3\r\nCup;Final;3;B;2;0";
	struct import_options opt = {0};
	char *copy = xmalloc(sizeof rows - 1);
	memcpy(copy, rows, sizeof rows - 1);
	buf_reset(&msgs);
	CHECK("csv-stored",
	      import_csv(db, "POST body", copy, sizeof rows - 1, &opt, &st, &msgs) == 0);
	CHECK("csv-counts", st.files == 5 && st.matches_added == 2);
	CHECK("csv-last-cell",
	      one_int(db, "SELECT r.kills FROM result r JOIN match m ON m.id = r.match_id"
	                  " JOIN team t ON t.id = r.team_id WHERE m.number = 3"
	                  " AND t.name = 'B'") == 0);
	/* cut inside the quoted cell: its quote never closes */
	size_t cut = (size_t)(strstr(rows, "\"A\"") - rows) + 2;
	buf_reset(&msgs);
	CHECK("csv-cut-refused", import_csv(db, "POST body", copy, cut, &opt, &st, &msgs) == -1);
	CHECK_STR("csv-cut-message",
	          "POST body:2: team: a quote opens a cell that it never closes\n",
	          msgs.data ? msgs.data : "");
	free(copy);

	/* a refused document in the middle of a transaction-less connection leaves none open */
	CHECK("no-open-transaction", sqlite3_get_autocommit(db) == 1);

	/*
	 * The server's way: documents on one connection with its store cache (the
	 * statements and the names looked up kept between them). Team Solo (of
	 * match 1 alone) is merged into A on that connection beside the importer, as
	 * the desk's fixes do; a later document naming Solo stores A's row, not the
	 * row of Solo that is gone.
	 */
	static const char d1[] =
	    "{\"tournament\": \"Cup\", \"stage\": \"Day 3\", \"match\": 1,"
	    " \"results\": [{\"team\": \"Solo\", \"placement\": 1, \"kills\": 0}]}";
	static const char d2[] =
	    "{\"tournament\": \"Cup\", \"stage\": \"Day 3\", \"match\": 2,"
	    " \"results\": [{\"team\": \"Solo\", \"placement\": 1, \"kills\": 0}]}";
	struct store_cache cache = {0};
	struct import_options kept = {.cache = &cache};
	buf_reset(&msgs);
	CHECK("cache-first", write_import_with(db, NULL, "post", "POST body", d1, strlen(d1), &kept,
	                                       0, &st, &msgs) == WRITE_STORED);
	CHECK("cache-merge",
	      db_exec(db, "UPDATE result SET team_id = (SELECT id FROM team WHERE name = 'A')"
	                  " WHERE team_id = (SELECT id FROM team WHERE name = 'Solo');"
	                  " UPDATE team_alias SET team_id = (SELECT id FROM team WHERE name = 'A')"
	                  " WHERE spelling = 'Solo'; DELETE FROM team WHERE name = 'Solo'") == 0);
	buf_reset(&msgs);
	CHECK("cache-after-merge", write_import_with(db, NULL, "post", "POST body", d2, strlen(d2),
	                                             &kept, 0, &st, &msgs) == WRITE_STORED);
	CHECK_STR("cache-after-merge-messages", "", msgs.data ? msgs.data : "");
	CHECK("cache-after-merge-team",
	      one_int(db, "SELECT t.name = 'A' FROM result r JOIN match m ON m.id = r.match_id"
	                  " JOIN team t ON t.id = r.team_id WHERE m.number = 2 AND m.stage_id ="
	                  " (SELECT id FROM stage WHERE slug = 'day-3')") == 1);
	store_cache_free(&cache);

	buf_free(&doc);
	buf_free(&msgs);
	sqlite3_close(db);
	return unit_failed;
}
