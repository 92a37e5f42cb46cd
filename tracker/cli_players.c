/*
 * cli_players.c: `tracker players`: every player's matches, kills, damage,
 * assists and MVPs over a tournament, a stage, a team or a map, most kills
 * first; a player who changed teams has one row (--by-team: one per team).
 */
#include <stdio.h>

#include "cli.h"
#include "players.h"
#include "util.h"

int
cmd_players(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"tournament", required_argument, NULL, 't'}, {"stage", required_argument, NULL, 's'},
	    {"team", required_argument, NULL, 'T'},       {"map", required_argument, NULL, 'm'},
	    {"by-team", no_argument, NULL, 'b'},          CLI_COMMON_OPTIONS};
	const char *targ = NULL, *sarg = NULL, *team = NULL;
	struct players_query q = {0};
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'T')
			team = optarg;
		else if (c == 'm')
			q.map = optarg;
		else if (c == 'b')
			q.by_team = 1;
		else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	sqlite3 *db = cli_db();
	q.tournament = cli_tournament(db, targ);
	if (sarg)
		q.stage = cli_stage(db, q.tournament, sarg);
	if (team)
		q.team = cli_team(db, team);
	struct player_row *rows;
	int nrows;
	double t0 = cli_clock();
	players_compute(db, &q, &rows, &nrows);
	cli_timing("query", t0);
	if (q.map && nrows == 0)
		die("no player played on map '%s' here", q.map);
	if (cli.format == FORMAT_JSON) {
		struct buf b = {0};
		players_json(rows, nrows, &b);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else {
		if (cli.format == FORMAT_TABLE)
			printf("Players%s%s%s%s%s%s, most kills first%s\n\n",
			       sarg ? ", stage " : "", sarg ? sarg : "", team ? ", team " : "",
			       team ? team : "", q.map ? ", map " : "", q.map ? q.map : "",
			       q.by_team ? ", a row per team played for" : "");
		struct report *t = players_table(rows, nrows);
		cli_print(t);
		report_free(t);
	}
	players_free(rows, nrows);
	sqlite3_close(db);
	return 0;
}
