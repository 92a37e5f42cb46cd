/*
 * cli_export.c: `tracker export --stage S --format json|csv|wikitext`: a
 * stage written out (export.c) for another tracker, a spreadsheet or
 * Liquipedia. What match CSV cannot carry is said on standard error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "util.h"

int
cmd_export(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"db", required_argument, NULL, 'D'},
	                                     {"format", required_argument, NULL, 'f'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	const char *targ = NULL, *sarg = NULL, *farg = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'f')
			farg = optarg;
		else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (sarg == NULL)
		cli_usage(cmd, "--stage is required");
	if (farg == NULL)
		cli_usage(cmd, "--format is required (json, csv or wikitext)");
	if (strcmp(farg, "json") != 0 && strcmp(farg, "csv") != 0 && strcmp(farg, "wikitext") != 0)
		cli_usage(cmd, "--format: '%s' is not json, csv or wikitext", farg);
	sqlite3 *db = cli_db();
	int64_t stage = cli_stage(db, cli_tournament(db, targ), sarg);
	struct buf b = {0};
	char *err = NULL, *left = NULL;
	int rc = farg[0] == 'j'   ? export_json(db, stage, &b, &err)
	         : farg[0] == 'c' ? export_csv(db, stage, &b, &left, &err)
	                          : export_wikitext(db, stage, &b, &err);
	sqlite3_close(db);
	if (rc != 0)
		die("%s", err);
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	if (left)
		warnmsg("%s", left);
	free(left);
	return 0;
}
