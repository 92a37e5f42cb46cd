/*
 * cli_correct.c: the corrections from the command line: `tracker void`
 * and `unvoid`, `stages remove` and `tournaments remove`, `teams merge`,
 * `teams rename`, `teams alias` and `players merge`. Each resolves the
 * names it is given as every command does (cli.c), then hands the change
 * to correct.c: one transaction, one row in the log, or a refusal that
 * changes nothing (exit status 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "correct.h"
#include "db.h"

/* Print what was done (rc 0) on stdout or why not on stderr; frees msg, closes db. */
static int
report(sqlite3 *db, int rc, char *msg)
{
	if (rc == 0)
		printf("%s\n", msg);
	else
		fprintf(stderr, "tracker: %s\n", msg);
	free(msg);
	sqlite3_close(db);
	return rc == 0 ? 0 : 1;
}

/* Parse the common options and exactly n arguments into args[]. */
static void
args_only(const struct command *cmd, int argc, char **argv, int n, char **args)
{
	static const struct option opts[] = {CLI_COMMON_OPTIONS};
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		cli_option(cmd, c, optarg);
	if (argc - optind < n)
		cli_usage(cmd, "%s", n == 1 ? "name one" : "name two (quote a name with spaces)");
	if (argc - optind > n)
		cli_usage(cmd, "unexpected argument '%s' (quote a name with spaces)",
		          argv[optind + n]);
	for (int i = 0; i < n; i++)
		args[i] = argv[optind + i];
}

/* tracker void --stage S N --reason TEXT, and tracker unvoid --stage S N. */
int
cmd_void(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"reason", required_argument, NULL, 'r'},
	                                     CLI_COMMON_OPTIONS};
	int unvoid = strcmp(cmd->name, "unvoid") == 0, c;
	const char *targ = NULL, *sarg = NULL, *reason = NULL;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'r' && unvoid)
			cli_usage(cmd, "--reason goes with tracker void");
		else if (c == 'r')
			reason = optarg;
		else
			cli_option(cmd, c, optarg);
	}
	if (sarg == NULL)
		cli_usage(cmd, "--stage is required");
	if (optind >= argc)
		cli_usage(cmd, "name the match by its number");
	if (optind + 1 < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind + 1]);
	char *end;
	long long n = strtoll(argv[optind], &end, 10);
	if (*argv[optind] == '\0' || *end != '\0' || n < 1)
		cli_usage(cmd, "'%s' is not a match number", argv[optind]);
	if (!unvoid && (reason == NULL || reason[strspn(reason, " \t\r\n")] == '\0'))
		cli_usage(cmd, "--reason is required: say why the match does not count");
	sqlite3 *db = cli_db();
	int64_t stage = cli_stage(db, cli_tournament(db, targ), sarg);
	char *msg;
	int rc = correct_void(db, NULL, stage, n, unvoid ? NULL : reason, &msg);
	return report(db, rc, msg);
}

/* tracker stages remove --stage S [--force], tracker tournaments remove T [--force]. */
int
cmd_remove(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"force", no_argument, NULL, 'f'},
	                                     CLI_COMMON_OPTIONS};
	int stages = strncmp(cmd->name, "stages", 6) == 0, force = 0, c;
	const char *targ = NULL, *sarg = NULL;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if ((c == 't' || c == 's') && !stages)
			cli_usage(cmd,
			          "name the tournament as the argument (stages remove --stage S"
			          " removes one stage)");
		else if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'f')
			force = 1;
		else
			cli_option(cmd, c, optarg);
	}
	if (stages && sarg == NULL)
		cli_usage(cmd, "--stage is required");
	if (!stages && optind >= argc)
		cli_usage(cmd, "name the tournament");
	if (optind + !stages < argc)
		cli_usage(cmd, "unexpected argument '%s' (quote a name with spaces)",
		          argv[optind + !stages]);
	sqlite3 *db = cli_db();
	int64_t t = cli_tournament(db, stages ? targ : argv[optind]);
	int64_t stage = stages ? cli_stage(db, t, sarg) : 0;
	char *msg;
	int rc = correct_remove(db, NULL, t, stage, force, &msg);
	return report(db, rc, msg);
}

/* tracker teams merge FROM INTO, tracker players merge FROM INTO. */
int
cmd_merge(const struct command *cmd, int argc, char **argv)
{
	int player = strncmp(cmd->name, "players", 7) == 0;
	char *args[2];
	args_only(cmd, argc, argv, 2, args);
	sqlite3 *db = cli_db();
	int64_t from = player ? cli_player(db, args[0]) : cli_team(db, args[0]);
	int64_t into = player ? cli_player(db, args[1]) : cli_team(db, args[1]);
	char *msg;
	int rc = correct_merge(db, NULL, player, from, into, &msg);
	return report(db, rc, msg);
}

/* tracker teams rename TEAM NEW. */
int
cmd_rename(const struct command *cmd, int argc, char **argv)
{
	char *args[2];
	args_only(cmd, argc, argv, 2, args);
	sqlite3 *db = cli_db();
	int64_t team = cli_team(db, args[0]);
	char *msg;
	int rc = correct_rename(db, NULL, team, args[1], &msg);
	return report(db, rc, msg);
}

/* tracker teams alias TEAM SPELLING. */
int
cmd_alias(const struct command *cmd, int argc, char **argv)
{
	char *args[2];
	args_only(cmd, argc, argv, 2, args);
	sqlite3 *db = cli_db();
	int64_t team = cli_team(db, args[0]);
	char *msg;
	int rc = correct_alias(db, NULL, team, args[1], &msg);
	return report(db, rc, msg);
}
