/*
 * cli_team.c: `tracker team TEAM`: a coach's one page about a team: its
 * standings row in each stage, its per-map table, its last 10 matches and
 * its players, every number from team_report (team.c), as the team page and
 * the API have them.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "team.h"
#include "util.h"

/* Print one section: a heading and a table for a person, a blank line
 * between CSV blocks; frees t. */
static void
section(const char *title, struct report *t, int first)
{
	if (cli.format == FORMAT_TABLE)
		printf("%s%s\n", first ? "" : "\n", title);
	else if (!first)
		printf("\n");
	cli_print(t);
	report_free(t);
}

int
cmd_team(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else
			cli_option(cmd, c, optarg);
	}
	if (optind >= argc)
		cli_usage(cmd, "name a team");
	if (optind + 1 < argc)
		cli_usage(cmd, "unexpected argument '%s' (quote a name with spaces)",
		          argv[optind + 1]);
	sqlite3 *db = cli_db();
	int64_t team = cli_team(db, argv[optind]);
	int64_t tournament = targ ? cli_tournament(db, targ) : 0;
	struct team_report r;
	char *err;
	if (team_report(db, team, tournament, &r, &err) != 0)
		die("%s", err);
	if (cli.format == FORMAT_JSON) {
		struct buf b = {0};
		team_json(&r, &b);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else {
		if (cli.format == FORMAT_TABLE)
			printf("%s\n\n", r.name);
		section("Standings", team_stages_table(&r), 1);
		char *left = r.maps_unknown == 0
		                 ? xstrdup("")
		                 : xasprintf("; left out: %d match%s with an unknown map",
		                             r.maps_unknown, r.maps_unknown > 1 ? "es" : "");
		char *title = xasprintf(
		    "Maps (points per match; vs own avg: against its average over all maps%s)",
		    left);
		free(left);
		section(title, maps_table(r.maps, r.nmaps, cli.format == FORMAT_TABLE), 0);
		free(title);
		section("Last 10 matches", team_matches_table(&r), 0);
		section("Players", players_table(r.players, r.nplayers), 0);
	}
	team_free(&r);
	sqlite3_close(db);
	return 0;
}
