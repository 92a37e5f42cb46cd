/*
 * catalog.c: the listings of what was imported, as tables: tournaments
 * with their stages, match and team counts (schema/005-counts.sql's, kept
 * by triggers) and rulesets; a stage's matches
 * (day, map, Booyah team and its kills, lobby kills); teams with their
 * aliases and matches played. `tracker tournaments|matches|teams` print
 * them, the API serves the first two as JSON.
 */
#include <string.h>

#include "catalog.h"
#include "db.h"

/* t, or NULL (t freed) when st, finalized now, failed: its last step returned rc. */
static struct report *
failed(sqlite3 *db, sqlite3_stmt *st, int rc, struct report *t)
{
	if (db_end(db, st, rc) == 0)
		return t;
	report_free(t);
	return NULL;
}

/*
 * Every stage of every tournament, by tournament name; free with
 * report_free(). NULL after db_error_set() when the database cannot be read.
 */
struct report *
catalog_tournaments(sqlite3 *db)
{
	static const struct report_column cols[] = {
	    {"Tournament", "tournament"},    {"Slug", "tournament_slug", 2}, {"Stage", "stage"},
	    {"Stage slug", "stage_slug", 1}, {"Matches", "matches"},         {"Teams", "teams"},
	    {"Ruleset", "ruleset"},
	};
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT t.name, t.slug, s.name, s.slug, coalesce(c.played + c.voided, 0),"
	    " coalesce(c.teams, 0),"
	    " coalesce(s.ruleset ->> '$.name', CASE WHEN s.ruleset IS NULL THEN 'ffws (default)'"
	    "   ELSE 'custom' END)"
	    " FROM tournament t JOIN stage s ON s.tournament_id = t.id"
	    " LEFT JOIN stage_count c ON c.stage_id = s.id ORDER BY t.name, s.id");
	if (st == NULL)
		return NULL;
	struct report *t = report_new(cols, 7);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 4; i++)
			report_str(t, (const char *)sqlite3_column_text(st, i));
		report_int(t, sqlite3_column_int64(st, 4));
		report_int(t, sqlite3_column_int64(st, 5));
		report_str(t, (const char *)sqlite3_column_text(st, 6));
	}
	return failed(db, st, rc, t);
}

/* Add column i of st's row: an integer, or null when it is NULL. */
static void
int_or_null(struct report *t, sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		report_null(t);
	else
		report_int(t, sqlite3_column_int64(st, i));
}

/*
 * The matches of stage, by number; free with report_free(). A map not given
 * shows as "unknown"; dq and forfeit results count in neither the Booyah
 * nor the lobby kills. A Void column (the reason) when the stage has a
 * voided match, a DQ/forfeit column (the teams) when it has such results.
 * NULL after db_error_set() when the database cannot be read.
 */
struct report *
catalog_matches(sqlite3 *db, int64_t stage)
{
	static const struct report_column cols[] = {
	    {"Match", "match"},
	    {"Day", "day", 0, 0, 1},
	    {"Map", "map"},
	    {"Booyah", "booyah"},
	    {"Kills", "booyah_kills"},
	    {"Lobby kills", "lobby_kills", 2},
	    {"Teams", "teams", 1},
	    {"Played at", "played_at", 3, 0, 1},
	    {"Void", "void"},
	    {"DQ/forfeit", "dq"},
	};
	int64_t voids = 0, dq = 0;
	if (db_int(db, &voids,
	           "SELECT count(*) FROM match WHERE stage_id = ?1 AND void IS NOT NULL",
	           stage) != 0 ||
	    db_int(db, &dq,
	           "SELECT count(*) FROM match m JOIN result r ON r.match_id = m.id"
	           " WHERE m.stage_id = ?1 AND r.status <> 'played'",
	           stage) != 0)
		return NULL;
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT m.number, m.day, coalesce(m.map, 'unknown'),"
	    " (SELECT group_concat(t.name, ' / ') FROM result r JOIN team t ON t.id = r.team_id"
	    "   WHERE r.match_id = m.id AND r.placement = 1 AND r.status = 'played'),"
	    " (SELECT sum(r.kills) FROM result r WHERE r.match_id = m.id AND r.placement = 1"
	    "   AND r.status = 'played'),"
	    " (SELECT coalesce(sum(r.kills), 0) FROM result r WHERE r.match_id = m.id"
	    "   AND r.status = 'played'),"
	    " (SELECT count(*) FROM result r WHERE r.match_id = m.id), m.played_at, m.void,"
	    " (SELECT group_concat(t.name || ' (' || r.status || ')', ' / ') FROM result r"
	    "   JOIN team t ON t.id = r.team_id WHERE r.match_id = m.id AND r.status <> 'played')"
	    " FROM match m WHERE m.stage_id = ?1 ORDER BY m.number");
	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, stage);
	static struct report_column use[10];
	int n = 8;
	memcpy(use, cols, 8 * sizeof *cols);
	if (voids)
		use[n++] = cols[8];
	if (dq)
		use[n++] = cols[9];
	struct report *t = report_new(use, n);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		report_int(t, sqlite3_column_int64(st, 0));
		int_or_null(t, st, 1);
		report_str(t, (const char *)sqlite3_column_text(st, 2));
		report_str(t, (const char *)sqlite3_column_text(st, 3));
		int_or_null(t, st, 4);
		report_int(t, sqlite3_column_int64(st, 5));
		report_int(t, sqlite3_column_int64(st, 6));
		report_str(t, (const char *)sqlite3_column_text(st, 7));
		if (voids)
			report_str(t, (const char *)sqlite3_column_text(st, 8));
		if (dq)
			report_str(t, (const char *)sqlite3_column_text(st, 9));
	}
	return failed(db, st, rc, t);
}

/*
 * Every team, by name, with its other spellings; free with report_free().
 * NULL after db_error_set() when the database cannot be read.
 */
struct report *
catalog_teams(sqlite3 *db)
{
	static const struct report_column cols[] = {
	    {"Team", "team"},
	    {"Slug", "slug", 1},
	    {"Matches", "matches"},
	    {"Aliases", "aliases", 0, 0, 1},
	};
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT t.name, t.slug, coalesce(c.matches, 0),"
	        " (SELECT group_concat(spelling, ' | ') FROM (SELECT spelling FROM team_alias a"
	        "   WHERE a.team_id = t.id AND a.spelling <> t.name ORDER BY spelling))"
	        " FROM team t LEFT JOIN team_count c ON c.team_id = t.id ORDER BY t.name");
	if (st == NULL)
		return NULL;
	struct report *t = report_new(cols, 4);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		report_str(t, (const char *)sqlite3_column_text(st, 0));
		report_str(t, (const char *)sqlite3_column_text(st, 1));
		report_int(t, sqlite3_column_int64(st, 2));
		const char *aliases = (const char *)sqlite3_column_text(st, 3);
		report_str(t, aliases ? aliases : "");
	}
	return failed(db, st, rc, t);
}
