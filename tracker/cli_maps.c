/*
 * cli_maps.c: `tracker maps`: where each team is strong. One row per team
 * per map over a stage, a tournament or every tournament (or some days of
 * them), with the team's points per match there against its own average
 * and its rank on the map; with --map, the teams in map rank order.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "db.h"
#include "maps.h"
#include "util.h"

#define MAX_TEAMS 16

static int
by_map_rank(const void *x, const void *y)
{
	const struct map_row *a = x, *b = y;
	return (a->map_rank > b->map_rank) - (a->map_rank < b->map_rank);
}

int
cmd_maps(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"team", required_argument, NULL, 'T'},
	                                     {"map", required_argument, NULL, 'm'},
	                                     {"day", required_argument, NULL, 'd'},
	                                     {"days", required_argument, NULL, 'd'},
	                                     {"all", no_argument, NULL, 'a'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL, *sarg = NULL, *marg = NULL, *teams[MAX_TEAMS];
	struct maps_query q = {0};
	int all = 0, nteams = 0, c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'T') {
			if (nteams == MAX_TEAMS)
				cli_usage(cmd, "--team: at most %d teams", MAX_TEAMS);
			teams[nteams++] = optarg;
		} else if (c == 'm')
			marg = optarg;
		else if (c == 'd')
			cli_days(cmd, optarg, &q.day_from, &q.day_to);
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
		q.stage = cli_stage_any(db, q.tournament, sarg);
	}
	int64_t ids[MAX_TEAMS];
	for (int i = 0; i < nteams; i++)
		ids[i] = cli_team(db, teams[i]);
	if (nteams == 1)
		q.team = ids[0];
	char *map = marg ? cli_map(db, marg) : NULL;
	q.map = map;
	struct map_row *rows;
	int nrows;
	char *err;
	double t0 = cli_clock();
	if (maps_compute(db, &q, &rows, &nrows, &err) != 0)
		die("%s", err);
	cli_timing("query", t0);
	if (nteams > 1) { /* keep the named teams' rows, ranked among every team's */
		int k = 0;
		for (int i = 0; i < nrows; i++) {
			int keep = 0;
			for (int j = 0; j < nteams; j++)
				keep |= rows[i].team_id == ids[j];
			if (keep) {
				struct map_row tmp = rows[k];
				rows[k++] = rows[i];
				rows[i] = tmp;
			}
		}
		for (int i = k; i < nrows; i++) {
			free(rows[i].team);
			free(rows[i].slug);
			free(rows[i].map);
		}
		nrows = k;
	}
	if (map && nrows == 0)
		die("no team played on map '%s' here", map);
	if (map)
		qsort(rows, (size_t)nrows, sizeof *rows, by_map_rank);
	if (cli.format == FORMAT_JSON) {
		struct buf b = {0};
		maps_json(rows, nrows, &b);
		cli_print_json(cmd, &b);
	} else {
		struct report *t = maps_table(rows, nrows, cli.format == FORMAT_TABLE);
		cli_shape(t);
		if (cli.format == FORMAT_TABLE) {
			char *sn = q.stage ? cli_name(db, "stage", q.stage) : NULL;
			char *scope = all  ? xstrdup("every tournament")
			              : sn ? xasprintf("stage %s", sn)
			                   : xstrdup("every stage of the tournament");
			free(sn);
			char *days = cli_days_text(q.day_from, q.day_to);
			cli_say("Points per match on each map (%s%s%s)%s; vs own avg: against the "
			        "team's points per match over all maps",
			        scope, *days ? ", " : "", days, map ? ", best map rank first" : "");
			free(scope);
			free(days);
			int unknown = nteams > 1 ? 0 : maps_unknown(db, &q);
			if (unknown < 0)
				die("%s", db_error());
			if (unknown)
				cli_say("Left out: %d match%s with an unknown map", unknown,
				        unknown > 1 ? "es" : "");
			printf("\n");
		}
		cli_print(t);
		report_free(t);
	}
	maps_free(rows, nrows);
	free(map);
	sqlite3_close(db);
	return 0;
}
