/*
 * cli_list.c: the listing commands over what was imported: tournaments
 * (with their stages and match counts), a stage's matches, and teams (with
 * their aliases and matches played), or a team's own matches with its rank
 * after each (match.c); the tables come from catalog.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "catalog.h"
#include "cli.h"
#include "db.h"
#include "match.h"
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

/* Print t (freeing it) and close db; returns the exit status 0. NULL t: the DB error, exit 1. */
static int
print(sqlite3 *db, struct report *t)
{
	if (t == NULL)
		die("%s", db_error());
	cli_print(t);
	report_free(t);
	sqlite3_close(db);
	return 0;
}

int
cmd_tournaments(const struct command *cmd, int argc, char **argv)
{
	common_only(cmd, argc, argv);
	sqlite3 *db = cli_db();
	return print(db, catalog_tournaments(db));
}

/* A team's own matches (match_team_games), with a line saying which. */
static int
team_games(sqlite3 *db, int64_t team, const struct match_filter *f)
{
	struct team_game *g;
	int n;
	char *err;
	if (match_team_games(db, team, f, &g, &n, &err) != 0)
		die("%s", err);
	char *name = cli_name(db, "team", team);
	if (n == 0)
		die("%s played no counted match here%s%s", name, f->map ? " on " : "",
		    f->map ? f->map : "");
	struct report *t = match_games_table(g, n);
	cli_shape(t);
	if (cli.format == FORMAT_TABLE) {
		cli_say("%s: %d match%s%s%s; rank after: its rank in the stage after the match",
		        name, n, n > 1 ? "es" : "", f->map ? " on " : "", f->map ? f->map : "");
		printf("\n");
	}
	free(name);
	match_games_free(g, n);
	return print(db, t);
}

int
cmd_matches(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"team", required_argument, NULL, 'T'},
	                                     {"map", required_argument, NULL, 'm'},
	                                     {"day", required_argument, NULL, 'd'},
	                                     {"days", required_argument, NULL, 'd'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL, *sarg = NULL, *team = NULL, *map = NULL;
	struct match_filter f = {0};
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'T') {
			if (team)
				cli_usage(cmd, "--team: one team (tracker compare takes two)");
			team = optarg;
		} else if (c == 'm')
			map = optarg;
		else if (c == 'd')
			cli_days(cmd, optarg, &f.day_from, &f.day_to);
		else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (team == NULL && (map || f.day_from))
		cli_usage(cmd, "--map and --day go with --team");
	if (team == NULL && sarg == NULL)
		cli_usage(cmd, "--stage or --team is required");
	sqlite3 *db = cli_db();
	int64_t tournament = cli_tournament(db, targ);
	if (team) {
		char *m = map ? cli_map(db, map) : NULL;
		f.tournament = tournament;
		f.stage = cli_stage_any(db, tournament, sarg);
		f.map = m;
		int rc = team_games(db, cli_team(db, team), &f);
		free(m);
		return rc;
	}
	int64_t stage = cli_stage(db, tournament, sarg);
	return print(db, catalog_matches(db, stage));
}

int
cmd_teams(const struct command *cmd, int argc, char **argv)
{
	common_only(cmd, argc, argv);
	sqlite3 *db = cli_db();
	return print(db, catalog_teams(db));
}
