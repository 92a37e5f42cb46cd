/*
 * cli_log.c: `tracker log`: the audit log (log.c), newest first, as a
 * table, CSV or JSON; `tracker backup FILE`: a consistent copy of the live
 * database (backup.c), itself recorded in the log.
 */
#include <stdio.h>
#include <stdlib.h>

#include "backup.h"
#include "cli.h"
#include "db.h"
#include "log.h"
#include "util.h"

/* tracker log [--tournament T] [--stage S] [--limit N]. */
int
cmd_log(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"limit", required_argument, NULL, 'l'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL, *sarg = NULL;
	long long limit = 0;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'l') {
			limit = strtoll(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || limit < 1)
				cli_usage(cmd, "--limit: '%s' is not a number of rows", optarg);
		} else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	sqlite3 *db = cli_db();
	int64_t t = targ || sarg ? cli_tournament(db, targ) : 0;
	int64_t stage = sarg ? cli_stage(db, t, sarg) : 0;
	struct report *tab = log_report(db, stage ? 0 : t, stage, limit);
	if (tab == NULL)
		die("%s", db_error());
	cli_print(tab);
	report_free(tab);
	sqlite3_close(db);
	return 0;
}

/* tracker backup [--force] FILE. */
int
cmd_backup(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"force", no_argument, NULL, 'f'}, CLI_COMMON_OPTIONS};
	int force = 0, c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f')
			force = 1;
		else
			cli_option(cmd, c, optarg);
	}
	if (optind >= argc)
		cli_usage(cmd, "name the FILE to copy the database into");
	if (optind + 1 < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind + 1]);
	const char *path = argv[optind];
	sqlite3 *db = cli_db();
	struct backup_info info;
	char *err;
	if (backup_copy(db, path, force, &info, &err) != 0)
		die("backup: %s", err);
	printf("copied %s to %s: %lld matches, %lld bytes\n", sqlite3_db_filename(db, "main"), path,
	       (long long)info.matches, (long long)info.bytes);
	if (log_write(db, NULL, "backup", 0, 0, NULL, "copied to %s: %lld matches, %lld bytes",
	              path, (long long)info.matches, (long long)info.bytes) != 0)
		warnmsg("the backup is whole, but its log row was not written: %s",
		        sqlite3_errmsg(db));
	sqlite3_close(db);
	return 0;
}
