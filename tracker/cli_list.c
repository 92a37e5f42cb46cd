/*
 * cli_list.c: the listing commands over what was imported: tournaments
 * (with their stages and match counts), a stage's matches, and teams (with
 * their aliases and matches played); the tables come from catalog.c.
 */
#include "catalog.h"
#include "cli.h"

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

/* Print t (freeing it) and close db; returns the exit status 0. */
static int
print(sqlite3 *db, struct report *t)
{
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

int
cmd_matches(const struct command *cmd, int argc, char **argv)
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
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (sarg == NULL)
		cli_usage(cmd, "--stage is required");
	sqlite3 *db = cli_db();
	int64_t stage = cli_stage(db, cli_tournament(db, targ), sarg);
	return print(db, catalog_matches(db, stage));
}

int
cmd_teams(const struct command *cmd, int argc, char **argv)
{
	common_only(cmd, argc, argv);
	sqlite3 *db = cli_db();
	return print(db, catalog_teams(db));
}
