/*
 * cli_maps.c: `tracker maps`: where each team is strong. One row per team
 * per map over a stage, a tournament or every tournament, with the team's
 * points per match there against its own average and its rank on the map.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "maps.h"
#include "util.h"

int
cmd_maps(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"team", required_argument, NULL, 'T'},
	                                     {"map", required_argument, NULL, 'm'},
	                                     {"all", no_argument, NULL, 'a'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL, *sarg = NULL, *team = NULL;
	struct maps_query q = {0};
	int all = 0, c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'T')
			team = optarg;
		else if (c == 'm')
			q.map = optarg;
		else if (c == 'a')
			all = 1;
		else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (all && (targ || sarg))
		cli_usage(cmd, "--all goes without --tournament and --stage");
	sqlite3 *db = cli_db();
	if (!all) {
		q.tournament = cli_tournament(db, targ);
		if (sarg)
			q.stage = cli_stage(db, q.tournament, sarg);
	}
	if (team)
		q.team = cli_team(db, team);
	struct map_row *rows;
	int nrows;
	char *err;
	double t0 = cli_clock();
	if (maps_compute(db, &q, &rows, &nrows, &err) != 0)
		die("%s", err);
	cli_timing("query", t0);
	if (q.map && nrows == 0)
		die("no team played on map '%s' here", q.map);
	if (cli.format == FORMAT_JSON) {
		struct buf b = {0};
		maps_json(rows, nrows, &b);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else {
		if (cli.format == FORMAT_TABLE) {
			char *scope = all    ? xstrdup("every tournament")
			              : sarg ? xasprintf("stage %s", sarg)
			                     : xstrdup("every stage of the tournament");
			printf("Points per match on each map (%s); vs own avg: against the team's "
			       "points per match over all maps\n",
			       scope);
			free(scope);
			int unknown = maps_unknown(db, &q);
			if (unknown)
				printf("Left out: %d match%s with an unknown map\n", unknown,
				       unknown > 1 ? "es" : "");
			printf("\n");
		}
		struct report *t = maps_table(rows, nrows, cli.format == FORMAT_TABLE);
		cli_print(t);
		report_free(t);
	}
	maps_free(rows, nrows);
	sqlite3_close(db);
	return 0;
}
