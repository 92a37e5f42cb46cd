/*
 * test-plans.c: the listings that show one stage, one team or one match read
 * only the rows they show, whatever the database holds: every statement
 * they run is planned by SQLite (EXPLAIN QUERY PLAN) without a SCAN of any
 * table (a SEARCH through an index, or a temporary b-tree for the order).
 * The plan does not depend on the rows stored (no ANALYZE), so the real
 * Grand Final and the Rules Cup are data enough. The statements are the
 * ones each call really ran, recorded by sqlite3_trace_v2. The listings
 * (tracker tournaments and teams, the home page, the whole lists, the API's
 * tournaments) show every tournament, stage or team, so they scan those:
 * but none of them reads result, and match only by row id (the last
 * match), never by an index that starts from a stage, a team or a map.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "maps.h"
#include "match.h"
#include "players.h"
#include "team.h"
#include "unit.h"
#include "util.h"

static sqlite3 *db;
static char *ran[256]; /* the statements run since the last check */
static int nran;

/* sqlite3_trace_v2's profile callback: record the text of a statement run. */
static int
record(unsigned type, void *ctx, void *p, void *x)
{
	(void)type, (void)ctx, (void)x;
	const char *sql = sqlite3_sql(p);
	for (int i = 0; i < nran; i++)
		if (strcmp(ran[i], sql) == 0)
			return 0;
	if (nran < (int)(sizeof ran / sizeof ran[0]))
		ran[nran++] = xstrdup(sql);
	return 0;
}

/* Check that none of the statements run since the last call is planned
 * with a SCAN, nor starts from every match of a map (match_map, the index
 * that finds a --map's spelling) when it has a team or stage to start from;
 * each one that is is named with its plan line. */
static void
no_scan(const char *name)
{
	int scans = 0;
	sqlite3_trace_v2(db, 0, NULL, NULL);
	for (int i = 0; i < nran; i++) {
		char *q = xasprintf("EXPLAIN QUERY PLAN %s", ran[i]);
		sqlite3_stmt *st = db_prepare(db, q);
		while (st && sqlite3_step(st) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(st, 3);
			if ((strncmp(d, "SCAN ", 5) == 0 && strcmp(d, "SCAN CONSTANT ROW") != 0) ||
			    (strstr(d, "match_map") &&
			     strstr(ran[i], "map = ?1 COLLATE NOCASE") == NULL)) {
				printf("# %s: %s\n#   in %s\n", name, d, ran[i]);
				scans++;
			}
		}
		sqlite3_finalize(st);
		free(q);
		free(ran[i]);
	}
	CHECK(name, nran > 0 && scans == 0);
	nran = 0;
	sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, record, NULL);
}

/* The table that owns the b-tree whose root page is root (itself or one of its indexes), or
 * NULL; free() it. */
static char *
btree_table(int64_t root, int *is_index)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT tbl_name, type = 'index' FROM sqlite_schema"
	                                  " WHERE rootpage = ?1");
	sqlite3_bind_int64(st, 1, root);
	char *t = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		t = xstrdup((const char *)sqlite3_column_text(st, 0));
		*is_index = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return t;
}

/* 1 when sql's plan (EXPLAIN QUERY PLAN) has a SCAN of a table. */
static int
scans(const char *sql)
{
	char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st = db_prepare(db, q);
	int n = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);
		n += strncmp(d, "SCAN ", 5) == 0 && strcmp(d, "SCAN CONSTANT ROW") != 0;
	}
	sqlite3_finalize(st);
	free(q);
	return n > 0;
}

/*
 * Check the statements run since the last call as a listing's: from the
 * b-trees each opens (EXPLAIN: OpenRead's root page), none reads result or
 * player_result, and one that reads match reads only its table (by row id),
 * no index of it, and has no SCAN in its plan. Each one that does not is
 * named with what it reads.
 */
static void
listing(const char *name)
{
	int bad = 0;
	sqlite3_trace_v2(db, 0, NULL, NULL);
	for (int i = 0; i < nran; i++) {
		char *q = xasprintf("EXPLAIN %s", ran[i]);
		sqlite3_stmt *st = db_prepare(db, q);
		int match = 0;
		while (st && sqlite3_step(st) == SQLITE_ROW) {
			const char *op = (const char *)sqlite3_column_text(st, 1);
			if (strcmp(op, "OpenRead") != 0 && strcmp(op, "ReopenIdx") != 0)
				continue;
			int index = 0;
			char *t = btree_table(sqlite3_column_int64(st, 3), &index);
			if (t && (strcmp(t, "result") == 0 || strcmp(t, "player_result") == 0 ||
			          (strcmp(t, "match") == 0 && index))) {
				printf("# %s: reads %s%s\n#   in %s\n", name,
				       index ? "an index of " : "", t, ran[i]);
				bad++;
			}
			match |= t && strcmp(t, "match") == 0;
			free(t);
		}
		sqlite3_finalize(st);
		free(q);
		if (match && scans(ran[i])) {
			printf("# %s: reads match with a SCAN in its plan\n#   in %s\n", name,
			       ran[i]);
			bad++;
		}
		free(ran[i]);
	}
	CHECK(name, nran > 0 && bad == 0);
	nran = 0;
	sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, record, NULL);
}

/* Import the file path (relative to tests/), or die. */
static void
import_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	static char data[1 << 20];
	size_t n = f ? fread(data, 1, sizeof data, f) : 0;
	struct import_stats st = {0};
	struct buf msgs = {0};
	if (f == NULL || n == sizeof data || import_json(db, path, data, n, 0, &st, &msgs) != 0) {
		printf("not ok import %s: %s\n", path, msgs.data ? msgs.data : "unreadable");
		exit(1);
	}
	if (f)
		fclose(f);
	buf_free(&msgs);
}

/* The id the query sql (one text bound to ?1) yields, or die. */
static int64_t
id_of(const char *sql, const char *text)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		printf("not ok id: %s %s\n", sql, text);
		exit(1);
	}
	int64_t id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* GET path: check that it answers 200. */
static void
get(const char *name, const char *path)
{
	struct http_req req = {.method = "GET", .path = path, .db = db};
	struct http_resp *r = http_handle(&req);
	CHECK(name, r->status == 200);
	http_resp_unref(r);
}

int
main(void)
{
	char *err = NULL;
	if (db_open(":memory:", 0, &db, &err) != 0) {
		printf("not ok open: %s\n", err);
		return 1;
	}
	import_file("../data/grand-final.json");
	import_file("scoring/rules-cup-v2.json");
	int64_t tour =
	    id_of("SELECT id FROM tournament WHERE slug = ?1", "ffws-brazil-2026-split-1");
	int64_t stage = id_of("SELECT id FROM stage WHERE slug = ?1", "grand-final");
	int64_t team = id_of("SELECT id FROM team WHERE slug = ?1", "loud-snickers");
	sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, record, NULL);

	struct player_row *pr;
	int n;
	struct players_query pqs[] = {
	    {.stage = stage},
	    {.tournament = tour, .stage = stage}, /* as the CLI asks */
	    {.tournament = tour},
	    {.team = team},
	    {.tournament = tour, .team = team, .map = "Bermuda"},
	    {.stage = stage, .day_from = 1, .day_to = 1},
	};
	for (size_t i = 0; i < sizeof pqs / sizeof pqs[0]; i++) {
		CHECK("players_compute ran", players_compute(db, &pqs[i], &pr, &n) > 0);
		players_free(pr, n);
		no_scan("players: a stage, a tournament, a team, a team on a map, days: no scan");
	}

	struct team_report r;
	CHECK("team_report ran", team_report(db, team, 0, &r, &err) == 0);
	team_free(&r);
	no_scan("team report, every tournament: no scan");
	struct team_scope sc = {.tournament = tour, .stage = stage, .map = "Bermuda"};
	CHECK("team_report_in ran", team_report_in(db, team, &sc, &r, &err) == 0);
	team_free(&r);
	no_scan("team report, a stage and a map: no scan");

	struct team_game *g;
	struct match_filter f = {.stage = stage};
	CHECK("match_team_games ran", match_team_games(db, team, &f, &g, &n, &err) == 0 && n > 0);
	match_games_free(g, n);
	f = (struct match_filter){.map = "Bermuda"};
	CHECK("match_team_games ran", match_team_games(db, team, &f, &g, &n, &err) == 0 && n > 0);
	match_games_free(g, n);
	no_scan("matches --team, a stage, a map: no scan");

	struct match_lobby lobby;
	CHECK("match_lobby ran", match_lobby(db, stage, 9, &lobby, &err) == 0);
	match_free(&lobby);
	no_scan("match: no scan");

	struct map_row *mr;
	struct maps_query mqs[] = {
	    {.stage = stage},
	    {.tournament = tour},
	    {.team = team, .played = 1},
	};
	for (size_t i = 0; i < sizeof mqs / sizeof mqs[0]; i++) {
		CHECK("maps_compute ran", maps_compute(db, &mqs[i], &mr, &n, &err) == 0 && n > 0);
		maps_free(mr, n);
		CHECK("maps_unknown ran", maps_unknown(db, &mqs[i]) >= 0);
		no_scan("maps: a stage, a tournament, the tournaments of a team: no scan");
	}

	struct report *log = log_report(db, tour, stage, 3);
	CHECK("log_report ran", log != NULL);
	report_free(log);
	CHECK("log_report ran", (log = log_report(db, tour, 0, 3)) != NULL);
	report_free(log);
	no_scan("log of a stage, of a tournament: no scan");

	char *map = cli_map(db, "bermuda");
	CHECK_STR("a --map found by its index", "Bermuda", map);
	free(map);
	no_scan("a --map: no scan");

	get("team page answers", "/teams/loud-snickers");
	no_scan("team page: no scan");
	get("team API answers", "/api/v1/teams/loud-snickers");
	no_scan("team API: no scan");
	get("players page answers", "/t/ffws-brazil-2026-split-1/grand-final/players");
	no_scan("players page: no scan");
	get("stage page answers", "/t/ffws-brazil-2026-split-1/grand-final");
	no_scan("stage page: no scan");
	get("match page answers", "/t/ffws-brazil-2026-split-1/grand-final/m/9");
	no_scan("match page: no scan");
	get("maps page answers", "/t/ffws-brazil-2026-split-1/grand-final/maps");
	no_scan("maps page: no scan");
	get("day page answers", "/t/ffws-brazil-2026-split-1/grand-final/day/1");
	no_scan("day page: no scan");
	get("tournament page answers", "/t/ffws-brazil-2026-split-1");
	no_scan("tournament page: no scan");
	static const char *const stage_paths[] = {
	    "/t/ffws-brazil-2026-split-1/grand-final/scenarios",
	    "/t/ffws-brazil-2026-split-1/grand-final/card.svg",
	    "/overlay/t/ffws-brazil-2026-split-1/grand-final/standings",
	    "/overlay/t/ffws-brazil-2026-split-1/grand-final/last",
	    "/overlay/t/ffws-brazil-2026-split-1/grand-final/alert",
	    "/overlay/t/ffws-brazil-2026-split-1/grand-final/fraggers",
	    "/api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/standings",
	    "/api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/matches",
	    "/api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/maps",
	    "/api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/players",
	    "/api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/matches/9",
	    "/api/v1/tournaments/ffws-brazil-2026-split-1/stages/grand-final/days/1",
	};
	for (size_t i = 0; i < sizeof stage_paths / sizeof stage_paths[0]; i++) {
		get(stage_paths[i], stage_paths[i]);
		no_scan("a stage's overlays, card, scenarios and API: no scan");
	}

	struct report *list = catalog_tournaments(db);
	CHECK("tracker tournaments ran", list != NULL);
	report_free(list);
	listing("tracker tournaments: no result, match by row id only");
	CHECK("tracker teams ran", (list = catalog_teams(db)) != NULL);
	report_free(list);
	listing("tracker teams: no result, match by row id only");
	static const char *const lists[] = {"/", "/tournaments", "/teams", "/api/v1/tournaments"};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		get(lists[i], lists[i]);
		listing("home page, whole lists, tournaments API: no result, match by row id only");
	}
	sqlite3_trace_v2(db, 0, NULL, NULL);
	sqlite3_close(db);
	return unit_failed;
}
