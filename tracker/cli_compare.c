/*
 * cli_compare.c: `tracker compare TEAM TEAM`: two teams head to head in
 * the lobbies both played (compare.c): who placed higher, how often, by how
 * many places, and the points each made there, map by map.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "compare.h"
#include "db.h"
#include "util.h"

int
cmd_compare(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     CLI_COMMON_OPTIONS};
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
	if (argc - optind != 2)
		cli_usage(cmd, "name two teams (quote a name with spaces)");
	sqlite3 *db = cli_db();
	int64_t tournament = cli_tournament(db, targ);
	int64_t stage = cli_stage_any(db, tournament, sarg);
	int64_t a = cli_team(db, argv[optind]), b = cli_team(db, argv[optind + 1]);
	if (a == b)
		cli_usage(cmd, "'%s' and '%s' are one team", argv[optind], argv[optind + 1]);
	struct compare_row *rows;
	int nrows;
	char *err;
	if (compare_teams(db, a, b, tournament, stage, &rows, &nrows, &err) != 0)
		die("%s", err);
	if (rows[0].lobbies == 0)
		die("'%s' and '%s' played no counted lobby together here", argv[optind],
		    argv[optind + 1]);
	struct report *t = compare_table(rows, nrows);
	cli_shape(t);
	if (cli.format == FORMAT_TABLE) {
		char *an = cli_name(db, "team", a), *bn = cli_name(db, "team", b);
		char *sn = stage ? cli_name(db, "stage", stage) : NULL;
		cli_say(
		    "A = %s, B = %s: %d lobbies both played%s%s; A placed higher in %d, B in %d",
		    an, bn, rows[0].lobbies, sn ? ", stage " : "", sn ? sn : "", rows[0].a_higher,
		    rows[0].b_higher);
		printf("\n");
		free(an);
		free(bn);
		free(sn);
	}
	cli_print(t);
	report_free(t);
	compare_free(rows, nrows);
	sqlite3_close(db);
	return 0;
}
