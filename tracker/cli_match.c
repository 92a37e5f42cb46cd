/*
 * cli_match.c: `tracker match --stage S N`: one match's whole lobby, every
 * team's placement, kills, points, status and players, with the map and
 * the Booyah above; the JSON is match_json's, as the match page's API has it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "match.h"
#include "util.h"

int
cmd_match(const struct command *cmd, int argc, char **argv)
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
	if (sarg == NULL)
		cli_usage(cmd, "--stage is required");
	if (optind >= argc)
		cli_usage(cmd, "name a match number");
	if (optind + 1 < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind + 1]);
	char *end;
	long number = strtol(argv[optind], &end, 10);
	if (*argv[optind] == '\0' || *end != '\0' || number < 1 || number > 1000000)
		cli_usage(cmd, "'%s' is not a match number", argv[optind]);
	sqlite3 *db = cli_db();
	int64_t stage = cli_stage(db, cli_tournament(db, targ), sarg);
	struct match_lobby m;
	char *err;
	int rc = match_lobby(db, stage, (int)number, &m, &err);
	if (rc < 0)
		die("%s", err);
	if (rc > 0)
		die("no match %ld in stage '%s' (tracker matches --stage '%s' lists them)", number,
		    sarg, sarg);
	if (cli.format == FORMAT_JSON) {
		struct buf b = {0};
		match_json(&m, &b);
		cli_print_json(cmd, &b);
	} else {
		struct report *t = match_table(&m);
		cli_shape(t);
		if (cli.format == FORMAT_TABLE) {
			char *day = m.day ? xasprintf(", day %d", m.day) : xstrdup("");
			cli_say("%s / %s, match %d%s: %s; Booyah: %s", m.tournament, m.stage,
			        m.number, day, m.map ? m.map : "unknown map",
			        m.booyah ? m.booyah : "none");
			free(day);
			if (m.void_reason)
				cli_say("Voided (no points count): %s", m.void_reason);
			printf("\n");
		}
		cli_print(t);
		report_free(t);
	}
	match_free(&m);
	sqlite3_close(db);
	return 0;
}
