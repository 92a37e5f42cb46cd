/*
 * ref-import.c: the import benchmark's reference, a bare loop. `ref-import
 * DB FILE...` reads each file gen.c writes (a match JSON v1 stage file, a
 * single match object, a roster file, or a match CSV of one row per player)
 * with cJSON (CSV: split at commas, as gen.c writes no quotes) and inserts
 * the rows tracker import would store into DB, which has the tracker's
 * schema: tournament, stage, teams and players with their first spelling
 * as alias, the roster, matches, results, player results. One transaction
 * per file, each statement prepared once, teams and players looked up once
 * per run, the connection set as tracker import sets it. No checks: what it
 * measures is what storing the rows costs. Each file's transaction also adds
 * its row to the audit log (schema/003-log.sql: every write adds one, in the
 * same transaction, and tracker import makes one per file that stores
 * anything), with the same columns: the rows the schema requires of an
 * import, not a check.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

enum {
	TOUR_ADD,
	TOUR_GET,
	STAGE_ADD,
	STAGE_GET,
	TEAM_ADD,
	TALIAS_ADD,
	PLAYER_ADD,
	PALIAS_ADD,
	ROSTER_ADD,
	MATCH_ADD,
	RESULT_ADD,
	PRESULT_ADD,
	LOG_ADD,
	NSTMT
};

static const char *const sqls[NSTMT] = {
    [TOUR_ADD] = "INSERT OR IGNORE INTO tournament (name, slug) VALUES (?1, ?2)",
    [TOUR_GET] = "SELECT id FROM tournament WHERE slug = ?1",
    [STAGE_ADD] = "INSERT OR IGNORE INTO stage (tournament_id, name, slug, source)"
                  " VALUES (?1, ?2, ?3, ?4)",
    [STAGE_GET] = "SELECT id FROM stage WHERE tournament_id = ?1 AND slug = ?2",
    [TEAM_ADD] = "INSERT INTO team (name, key, slug) VALUES (?1, ?2, ?3)",
    [TALIAS_ADD] = "INSERT INTO team_alias (spelling, team_id) VALUES (?1, ?2)",
    [PLAYER_ADD] = "INSERT INTO player (name, key) VALUES (?1, ?2)",
    [PALIAS_ADD] = "INSERT INTO player_alias (spelling, player_id) VALUES (?1, ?2)",
    [ROSTER_ADD] = "INSERT INTO stage_team (stage_id, team_id) VALUES (?1, ?2)",
    [MATCH_ADD] = "INSERT INTO match (stage_id, number, day, map) VALUES (?1, ?2, ?3, ?4)",
    [RESULT_ADD] = "INSERT INTO result (match_id, team_id, placement, kills, status)"
                   " VALUES (?1, ?2, ?3, ?4, 'played')",
    [PRESULT_ADD] = "INSERT INTO player_result (match_id, player_id, team_id, kills, damage,"
                    " assists, mvp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [LOG_ADD] = "INSERT INTO log (time, origin, action, tournament_id, stage_id, what)"
                " VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'cli', 'import', ?1, ?2, ?3)",
};

static sqlite3 *db;
static sqlite3_stmt *st[NSTMT];
static sqlite3_int64 tour_id, stage_id; /* the file's, for its log row */
static int nmatches;                    /* matches the file stored */

/* Die with what failed. */
static void
fail(const char *what)
{
	fprintf(stderr, "ref-import: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

/* Run statement i, bound by the caller; return the new row's id. */
static sqlite3_int64
run(int i)
{
	int rc = sqlite3_step(st[i]);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		fail(sqls[i]);
	sqlite3_int64 id =
	    rc == SQLITE_ROW ? sqlite3_column_int64(st[i], 0) : sqlite3_last_insert_rowid(db);
	sqlite3_reset(st[i]);
	return id;
}

/* Bind text s to parameter k of statement i. */
static void
text(int i, int k, const char *s)
{
	sqlite3_bind_text(st[i], k, s, -1, SQLITE_TRANSIENT);
}

/* A name's slug (letters and digits lowercased, runs of others one '-') into out. */
static void
slug(const char *s, char *out, size_t n)
{
	size_t o = 0;
	int dash = 0;
	for (; *s && o + 2 < n; s++)
		if (isalnum((unsigned char)*s)) {
			if (dash && o)
				out[o++] = '-';
			out[o++] = (char)tolower((unsigned char)*s);
			dash = 0;
		} else
			dash = 1;
	out[o] = '\0';
}

/* A name's key (lowercased) into out. */
static void
key(const char *s, char *out, size_t n)
{
	size_t o = 0;
	for (; *s && o + 1 < n; s++)
		out[o++] = (char)tolower((unsigned char)*s);
	out[o] = '\0';
}

/* Names seen in this run and their row ids: teams and players, a linear table. */
struct seen {
	char name[64];
	sqlite3_int64 id;
};
static struct seen teams[256], players[4096];
static int nteams, nplayers;

/* The id of team (or player) name, created with its alias the first time. */
static sqlite3_int64
entity(int team, const char *name)
{
	struct seen *v = team ? teams : players;
	int *n = team ? &nteams : &nplayers;
	for (int i = 0; i < *n; i++)
		if (strcmp(v[i].name, name) == 0)
			return v[i].id;
	char k[64], s[64];
	key(name, k, sizeof k);
	text(team ? TEAM_ADD : PLAYER_ADD, 1, name);
	text(team ? TEAM_ADD : PLAYER_ADD, 2, k);
	if (team) {
		slug(name, s, sizeof s);
		text(TEAM_ADD, 3, s);
	}
	sqlite3_int64 id = run(team ? TEAM_ADD : PLAYER_ADD);
	text(team ? TALIAS_ADD : PALIAS_ADD, 1, name);
	sqlite3_bind_int64(st[team ? TALIAS_ADD : PALIAS_ADD], 2, id);
	run(team ? TALIAS_ADD : PALIAS_ADD);
	snprintf(v[*n].name, sizeof v[*n].name, "%s", name);
	v[(*n)++].id = id;
	return id;
}

/* The id of stage name of tournament, both created when new. */
static sqlite3_int64
stage(const char *tournament, const char *name, const char *source)
{
	char s[128];
	slug(tournament, s, sizeof s);
	text(TOUR_ADD, 1, tournament);
	text(TOUR_ADD, 2, s);
	run(TOUR_ADD);
	text(TOUR_GET, 1, s);
	sqlite3_int64 t = run(TOUR_GET);
	slug(name, s, sizeof s);
	sqlite3_bind_int64(st[STAGE_ADD], 1, t);
	text(STAGE_ADD, 2, name);
	text(STAGE_ADD, 3, s);
	text(STAGE_ADD, 4, source);
	run(STAGE_ADD);
	sqlite3_bind_int64(st[STAGE_GET], 1, t);
	text(STAGE_GET, 2, s);
	tour_id = t;
	return stage_id = run(STAGE_GET);
}

/* Insert one result row and its players' rows. */
static void
result(sqlite3_int64 match, const cJSON *r)
{
	sqlite3_int64 tid = entity(1, cJSON_GetObjectItem(r, "team")->valuestring);
	sqlite3_bind_int64(st[RESULT_ADD], 1, match);
	sqlite3_bind_int64(st[RESULT_ADD], 2, tid);
	sqlite3_bind_int(st[RESULT_ADD], 3, cJSON_GetObjectItem(r, "placement")->valueint);
	sqlite3_bind_int(st[RESULT_ADD], 4, cJSON_GetObjectItem(r, "kills")->valueint);
	run(RESULT_ADD);
	const cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(r, "players"))
	{
		sqlite3_stmt *s = st[PRESULT_ADD];
		sqlite3_bind_int64(s, 1, match);
		sqlite3_bind_int64(s, 2, entity(0, cJSON_GetObjectItem(p, "name")->valuestring));
		sqlite3_bind_int64(s, 3, tid);
		sqlite3_bind_int(s, 4, cJSON_GetObjectItem(p, "kills")->valueint);
		sqlite3_bind_int(s, 5, cJSON_GetObjectItem(p, "damage")->valueint);
		sqlite3_bind_int(s, 6, cJSON_GetObjectItem(p, "assists")->valueint);
		sqlite3_bind_int(s, 7, cJSON_GetObjectItem(p, "mvp")->valueint);
		run(PRESULT_ADD);
	}
}

/* Insert match object m of stage sid with its results. */
static void
match(sqlite3_int64 sid, const cJSON *m)
{
	sqlite3_bind_int64(st[MATCH_ADD], 1, sid);
	sqlite3_bind_int(st[MATCH_ADD], 2, cJSON_GetObjectItem(m, "match")->valueint);
	sqlite3_bind_int(st[MATCH_ADD], 3, cJSON_GetObjectItem(m, "day")->valueint);
	text(MATCH_ADD, 4, cJSON_GetObjectItem(m, "map")->valuestring);
	sqlite3_int64 id = run(MATCH_ADD);
	nmatches++;
	const cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItem(m, "results")) result(id, r);
}

/* Store a JSON file: a stage file, a single match, or a roster. */
static void
json(const char *data, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(data, len);
	if (root == NULL)
		fail("cJSON_Parse");
	const cJSON *src = cJSON_GetObjectItem(root, "source");
	sqlite3_int64 sid =
	    stage(cJSON_GetObjectItem(root, "tournament")->valuestring,
	          cJSON_GetObjectItem(root, "stage")->valuestring, src ? src->valuestring : NULL);
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(root, "teams"))
	{
		sqlite3_bind_int64(st[ROSTER_ADD], 1, sid);
		sqlite3_bind_int64(st[ROSTER_ADD], 2, entity(1, e->valuestring));
		run(ROSTER_ADD);
	}
	if (cJSON_GetObjectItem(root, "match"))
		match(sid, root);
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(root, "matches")) match(sid, e);
	cJSON_Delete(root);
}

/*
 * Store a CSV of gen.c's columns (tournament, stage, match, day, map, team,
 * placement, kills, player, player_kills, damage, assists, mvp), its rows
 * in match and team order.
 */
static void
csv(char *data)
{
	char *line = strchr(data, '\n'), *next;
	sqlite3_int64 sid = 0, mid = 0, tid = 0;
	int number = -1;
	char team[64] = "";
	for (line = line ? line + 1 : NULL; line && *line; line = next) {
		char *c[13];
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		c[0] = line;
		for (int k = 1; k < 13; k++) {
			c[k] = strchr(c[k - 1], ',');
			if (c[k] == NULL)
				fail("a CSV row with fewer than 13 cells");
			*c[k]++ = '\0';
		}
		if (sid == 0)
			sid = stage(c[0], c[1], NULL);
		if (atoi(c[2]) != number) {
			number = atoi(c[2]);
			sqlite3_bind_int64(st[MATCH_ADD], 1, sid);
			sqlite3_bind_int(st[MATCH_ADD], 2, number);
			sqlite3_bind_int(st[MATCH_ADD], 3, atoi(c[3]));
			text(MATCH_ADD, 4, c[4]);
			mid = run(MATCH_ADD);
			nmatches++;
			team[0] = '\0';
		}
		if (strcmp(team, c[5]) != 0) {
			snprintf(team, sizeof team, "%s", c[5]);
			tid = entity(1, team);
			sqlite3_bind_int64(st[RESULT_ADD], 1, mid);
			sqlite3_bind_int64(st[RESULT_ADD], 2, tid);
			sqlite3_bind_int(st[RESULT_ADD], 3, atoi(c[6]));
			sqlite3_bind_int(st[RESULT_ADD], 4, atoi(c[7]));
			run(RESULT_ADD);
		}
		sqlite3_stmt *s = st[PRESULT_ADD];
		sqlite3_bind_int64(s, 1, mid);
		sqlite3_bind_int64(s, 2, entity(0, c[8]));
		sqlite3_bind_int64(s, 3, tid);
		for (int k = 9; k < 13; k++)
			sqlite3_bind_int(s, k - 5, atoi(c[k]));
		run(PRESULT_ADD);
	}
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: ref-import DB FILE...\n");
		return 2;
	}
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		fail(argv[1]);
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_exec(
	        db,
	        "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	        " PRAGMA cache_size=-65536",
	        NULL, NULL, NULL) != SQLITE_OK)
		fail("PRAGMA");
	for (int i = 0; i < NSTMT; i++)
		if (sqlite3_prepare_v3(db, sqls[i], -1, SQLITE_PREPARE_PERSISTENT, &st[i], NULL) !=
		    SQLITE_OK)
			fail(sqls[i]);
	for (int f = 2; f < argc; f++) {
		FILE *fp = fopen(argv[f], "rb");
		if (fp == NULL) {
			perror(argv[f]);
			return 1;
		}
		fseek(fp, 0, SEEK_END);
		long n = ftell(fp);
		rewind(fp);
		char *data = malloc((size_t)n + 1);
		if (data == NULL || fread(data, 1, (size_t)n, fp) != (size_t)n) {
			perror(argv[f]);
			return 1;
		}
		data[n] = '\0';
		fclose(fp);
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			fail("BEGIN");
		size_t len = strlen(argv[f]);
		nmatches = 0;
		if (len > 4 && strcmp(argv[f] + len - 4, ".csv") == 0)
			csv(data);
		else
			json(data, (size_t)n);
		char what[4096];
		snprintf(what, sizeof what, "%s: %d matches stored", argv[f], nmatches);
		sqlite3_bind_int64(st[LOG_ADD], 1, tour_id);
		sqlite3_bind_int64(st[LOG_ADD], 2, stage_id);
		text(LOG_ADD, 3, what);
		run(LOG_ADD);
		if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			fail("COMMIT");
		free(data);
	}
	for (int i = 0; i < NSTMT; i++)
		sqlite3_finalize(st[i]);
	sqlite3_close(db);
	return 0;
}
