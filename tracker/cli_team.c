/*
 * cli_team.c: `tracker team TEAM`: a coach's one page about a team: its
 * standings row in each stage, its per-map table, its last 10 matches and
 * its players, every number from team_report (team.c), as the team page and
 * the API have them; --table prints one of them (CSV is one table, so
 * --format csv needs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "team.h"
#include "util.h"

/* The sections, in print order, as --table names them. */
static const char *const tables[] = {"standings", "maps", "matches", "players"};
static int only = -1; /* --table: the one section printed; -1: all */

/* --sort over the sections t[0..3] printed (--table: the one): each that
 * has the column is sorted, the others stay as they are; the error, before
 * anything is printed, when none has it. */
static void
sort_sections(struct report **t)
{
	int sorted = 0;
	for (int i = 0; cli.sort && i < 4; i++) {
		char *err;
		if (only >= 0 && i != only)
			continue;
		if (report_sort(t[i], cli.sort, &err) != 0)
			free(err);
		else
			sorted++;
	}
	if (cli.sort && sorted == 0)
		die("--sort: no section has a column '%s'", cli.sort);
}

/* Print section i (tables[i]): a heading and a table for a person, CSV's one
 * table alone; t is sorted already (sort_sections); frees t. */
static void
section(const char *title, struct report *t, int i)
{
	if (only >= 0 && i != only) {
		report_free(t);
		return;
	}
	int first = only >= 0 || i == 0;
	const char *sort = cli.sort;
	if (cli.format == FORMAT_TABLE)
		printf("%s%s\n", first ? "" : "\n", title);
	cli.sort = NULL;
	cli_print(t);
	cli.sort = sort;
	report_free(t);
}

int
cmd_team(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"day", required_argument, NULL, 'd'},
	                                     {"days", required_argument, NULL, 'd'},
	                                     {"map", required_argument, NULL, 'm'},
	                                     {"table", required_argument, NULL, 'T'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL, *sarg = NULL, *marg = NULL;
	struct team_scope sc = {0};
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'd')
			cli_days(cmd, optarg, &sc.day_from, &sc.day_to);
		else if (c == 'm')
			marg = optarg;
		else if (c == 'T') {
			for (int i = 0; i < 4; i++)
				if (strcmp(optarg, tables[i]) == 0)
					only = i;
			if (only < 0)
				cli_usage(
				    cmd, "--table: '%s' is not standings, maps, matches or players",
				    optarg);
		} else
			cli_option(cmd, c, optarg);
	}
	if (optind >= argc)
		cli_usage(cmd, "name a team");
	if (optind + 1 < argc)
		cli_usage(cmd, "unexpected argument '%s' (quote a name with spaces)",
		          argv[optind + 1]);
	if (cli.format == FORMAT_CSV && only < 0)
		cli_usage(cmd, "--format csv writes one table: choose it with --table standings, "
		               "maps, matches or players");
	sqlite3 *db = cli_db();
	int64_t team = cli_team(db, argv[optind]);
	if (targ || sarg)
		sc.tournament = cli_tournament(db, targ);
	sc.stage = cli_stage_any(db, sc.tournament, sarg);
	char *map = marg ? cli_map(db, marg) : NULL;
	sc.map = map;
	struct team_report r;
	char *err;
	if (team_report_in(db, team, &sc, &r, &err) != 0)
		die("%s", err);
	if (cli.format == FORMAT_JSON) {
		struct buf b = {0};
		team_json(&r, &b);
		cli_print_json(cmd, &b);
	} else {
		struct report *t[] = {team_stages_table(&r),
		                      maps_table(r.maps, r.nmaps, cli.format == FORMAT_TABLE),
		                      team_matches_table(&r), players_table(r.players, r.nplayers)};
		sort_sections(t);
		if (cli.format == FORMAT_TABLE) {
			char *days = cli_days_text(sc.day_from, sc.day_to);
			char *sn = sc.stage ? cli_name(db, "stage", sc.stage) : NULL;
			cli_say("%s%s%s%s%s%s%s", r.name, sn ? ", stage " : "", sn ? sn : "",
			        *days ? ", " : "", days, map ? ", on " : "", map ? map : "");
			printf("\n");
			free(days);
			free(sn);
		}
		section("Standings", t[0], 0);
		char *left = r.maps_unknown == 0
		                 ? xstrdup("")
		                 : xasprintf("; left out: %d match%s with an unknown map",
		                             r.maps_unknown, r.maps_unknown > 1 ? "es" : "");
		char *title = xasprintf(
		    "Maps (points per match; vs own avg: against its average over all maps%s)",
		    left);
		free(left);
		section(title, t[1], 1);
		free(title);
		section("Last 10 matches", t[2], 2);
		section("Players", t[3], 3);
	}
	team_free(&r);
	free(map);
	sqlite3_close(db);
	return 0;
}
