/*
 * cli_list.c: the listing commands over what was imported: tournaments
 * (with their stages and match counts), a stage's matches, and teams (with
 * their aliases and matches played).
 */
#include <stdlib.h>

#include "cli.h"
#include "db.h"
#include "util.h"

/* Parse only the common options; extra arguments are a usage error. */
static void
common_only(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {CLI_COMMON_OPTIONS};
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		cli_option(cmd, c, optarg);
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
}

int
cmd_tournaments(const struct command *cmd, int argc, char **argv)
{
	static const struct column cols[] = {
	    {"Tournament", "tournament"}, {"Slug", "tournament_slug"}, {"Stage", "stage"},
	    {"Stage slug", "stage_slug"}, {"Matches", "matches"},     {"Teams", "teams"},
	    {"Ruleset", "ruleset"},
	};
	common_only(cmd, argc, argv);
	sqlite3 *db = cli_db();
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT t.name, t.slug, s.name, s.slug,"
		" (SELECT count(*) FROM match m WHERE m.stage_id = s.id),"
		" (SELECT count(DISTINCT r.team_id) FROM match m JOIN result r ON r.match_id = m.id"
		"   WHERE m.stage_id = s.id),"
		" coalesce(s.ruleset ->> '$.name', CASE WHEN s.ruleset IS NULL THEN 'ffws (default)'"
		"   ELSE 'custom' END)"
		" FROM tournament t JOIN stage s ON s.tournament_id = t.id ORDER BY t.name, s.id");
	struct table *t = table_new(cols, 7);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < 4; i++)
			table_str(t, (const char *)sqlite3_column_text(st, i));
		table_int(t, sqlite3_column_int64(st, 4));
		table_int(t, sqlite3_column_int64(st, 5));
		table_str(t, (const char *)sqlite3_column_text(st, 6));
	}
	sqlite3_finalize(st);
	cli_print(t);
	table_free(t);
	sqlite3_close(db);
	return 0;
}

int
cmd_matches(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
					     {"stage", required_argument, NULL, 's'},
					     CLI_COMMON_OPTIONS};
	static const struct column cols[] = {
	    {"Match", "match"},   {"Day", "day"},          {"Map", "map"},
	    {"Booyah", "booyah"}, {"Kills", "booyah_kills"}, {"Lobby kills", "lobby_kills"},
	    {"Teams", "teams"},   {"Played at", "played_at"},
	};
	const char *targ = NULL, *sarg = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (sarg == NULL)
		cli_usage(cmd, "--stage is required");
	sqlite3 *db = cli_db();
	int64_t stage = cli_stage(db, cli_tournament(db, targ), sarg);
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT m.number, m.day, m.map,"
		" (SELECT group_concat(t.name, ' / ') FROM result r JOIN team t ON t.id = r.team_id"
		"   WHERE r.match_id = m.id AND r.placement = 1),"
		" (SELECT sum(r.kills) FROM result r WHERE r.match_id = m.id AND r.placement = 1),"
		" (SELECT sum(r.kills) FROM result r WHERE r.match_id = m.id),"
		" (SELECT count(*) FROM result r WHERE r.match_id = m.id), m.played_at"
		" FROM match m WHERE m.stage_id = ?1 ORDER BY m.number");
	sqlite3_bind_int64(st, 1, stage);
	struct table *t = table_new(cols, 8);
	while (sqlite3_step(st) == SQLITE_ROW) {
		table_int(t, sqlite3_column_int64(st, 0));
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			table_null(t);
		else
			table_int(t, sqlite3_column_int64(st, 1));
		table_str(t, (const char *)sqlite3_column_text(st, 2));
		table_str(t, (const char *)sqlite3_column_text(st, 3));
		if (sqlite3_column_type(st, 4) == SQLITE_NULL)
			table_null(t);
		else
			table_int(t, sqlite3_column_int64(st, 4));
		table_int(t, sqlite3_column_int64(st, 5));
		table_int(t, sqlite3_column_int64(st, 6));
		table_str(t, (const char *)sqlite3_column_text(st, 7));
	}
	sqlite3_finalize(st);
	cli_print(t);
	table_free(t);
	sqlite3_close(db);
	return 0;
}

int
cmd_teams(const struct command *cmd, int argc, char **argv)
{
	static const struct column cols[] = {
	    {"Team", "team"}, {"Slug", "slug"}, {"Matches", "matches"}, {"Aliases", "aliases"},
	};
	common_only(cmd, argc, argv);
	sqlite3 *db = cli_db();
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT t.name, t.slug, (SELECT count(*) FROM result r WHERE r.team_id = t.id),"
		" (SELECT group_concat(spelling, ' | ') FROM (SELECT spelling FROM team_alias a"
		"   WHERE a.team_id = t.id AND a.spelling <> t.name ORDER BY spelling))"
		" FROM team t ORDER BY t.name");
	struct table *t = table_new(cols, 4);
	while (sqlite3_step(st) == SQLITE_ROW) {
		table_str(t, (const char *)sqlite3_column_text(st, 0));
		table_str(t, (const char *)sqlite3_column_text(st, 1));
		table_int(t, sqlite3_column_int64(st, 2));
		const char *aliases = (const char *)sqlite3_column_text(st, 3);
		table_str(t, aliases ? aliases : "");
	}
	sqlite3_finalize(st);
	cli_print(t);
	table_free(t);
	sqlite3_close(db);
	return 0;
}
