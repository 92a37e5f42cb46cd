/*
 * cli_players.c: `tracker players`: every player's matches, kills, damage,
 * assists and MVPs over a tournament, a stage, a team, a map or some days,
 * most kills first (or as --sort says); a player who changed teams has one
 * row (--by-team: one per team); --player keeps one player's rows.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "db.h"
#include "players.h"
#include "util.h"

int
cmd_players(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"team", required_argument, NULL, 'T'},
	                                     {"map", required_argument, NULL, 'm'},
	                                     {"day", required_argument, NULL, 'd'},
	                                     {"days", required_argument, NULL, 'd'},
	                                     {"player", required_argument, NULL, 'p'},
	                                     {"by-team", no_argument, NULL, 'b'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL, *sarg = NULL, *team = NULL, *marg = NULL, *parg = NULL;
	struct players_query q = {0};
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'T') {
			if (team)
				cli_usage(cmd, "--team: one team");
			team = optarg;
		} else if (c == 'm')
			marg = optarg;
		else if (c == 'd')
			cli_days(cmd, optarg, &q.day_from, &q.day_to);
		else if (c == 'p')
			parg = optarg;
		else if (c == 'b')
			q.by_team = 1;
		else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	sqlite3 *db = cli_db();
	q.tournament = cli_tournament(db, targ);
	q.stage = cli_stage_any(db, q.tournament, sarg);
	if (team)
		q.team = cli_team(db, team);
	char *map = marg ? cli_map(db, marg) : NULL;
	q.map = map;
	int64_t player = parg ? cli_player(db, parg) : 0;
	struct player_row *rows;
	int nrows;
	double t0 = cli_clock();
	if (players_compute(db, &q, &rows, &nrows) < 0)
		die("%s", db_error());
	cli_timing("query", t0);
	if (player) { /* that player's rows only */
		int k = 0;
		for (int i = 0; i < nrows; i++) {
			struct player_row tmp = rows[k];
			if (rows[i].player_id != player)
				continue;
			rows[k] = rows[i];
			rows[i] = tmp;
			k++;
		}
		for (int i = k; i < nrows; i++) {
			free(rows[i].player);
			free(rows[i].team);
			free(rows[i].team_slug);
			free(rows[i].teams);
		}
		nrows = k;
	}
	if (map && nrows == 0)
		die("no player played on map '%s' here", map);
	if (cli.format == FORMAT_JSON) {
		struct buf b = {0};
		players_json(rows, nrows, &b);
		cli_print_json(cmd, &b);
	} else {
		struct report *t = players_table(rows, nrows);
		cli_shape(t);
		if (cli.format == FORMAT_TABLE) {
			char *days = cli_days_text(q.day_from, q.day_to);
			char *sn = q.stage ? cli_name(db, "stage", q.stage) : NULL;
			char *tn = q.team ? cli_name(db, "team", q.team) : NULL;
			cli_say("Players%s%s%s%s%s%s%s%s, %s%s", sn ? ", stage " : "", sn ? sn : "",
			        tn ? ", team " : "", tn ? tn : "", map ? ", map " : "",
			        map ? map : "", *days ? ", " : "", days,
			        cli.sort ? "sorted by " : "most kills first",
			        cli.sort ? cli.sort : "");
			free(days);
			free(sn);
			free(tn);
			if (q.by_team)
				cli_say("A row per team played for");
			printf("\n");
		}
		cli_print(t);
		report_free(t);
	}
	players_free(rows, nrows);
	free(map);
	sqlite3_close(db);
	return 0;
}
