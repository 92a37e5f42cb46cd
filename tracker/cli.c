/*
 * cli.c: what every command shares: the common options, usage errors,
 * opening the database, and turning what the user typed into a tournament,
 * stage or team, or into a clear error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "db.h"
#include "find.h"
#include "util.h"

struct cli cli;

/* Print cmd's usage and options on fp; --format only where it prints tables. */
static void
help(const struct command *cmd, FILE *fp)
{
	fprintf(fp,
	        "usage: tracker %s\n\n%s\n\noptions:\n%s"
	        "  --db FILE          the database (default $TRACKER_DB, else ./tracker.db)\n%s"
	        "  --help             this text\n",
	        cmd->usage, cmd->summary, cmd->options ? cmd->options : "",
	        cmd->plain ? "" : "  --format FMT       table (default), csv or json\n");
}

/* A usage error: the message, then how to ask for help; exit status 2. */
void
cli_usage(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("tracker: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: tracker %s\n(tracker %s --help for more)\n", cmd->usage,
	        cmd->name);
	exit(2);
}

/*
 * Handle an option getopt_long returned that the command itself does not:
 * the common ones (--db, --format, --help) and getopt's errors. A command
 * that prints no table refuses --format.
 */
void
cli_option(const struct command *cmd, int c, const char *arg)
{
	switch (c) {
	case 'D':
		cli.db = arg;
		break;
	case 'F':
		if (cmd->plain)
			cli_usage(cmd, "--format: tracker %s prints no table", cmd->name);
		if (strcmp(arg, "table") == 0)
			cli.format = FORMAT_TABLE;
		else if (strcmp(arg, "csv") == 0)
			cli.format = FORMAT_CSV;
		else if (strcmp(arg, "json") == 0)
			cli.format = FORMAT_JSON;
		else
			cli_usage(cmd, "--format: '%s' is not one of table, csv, json", arg);
		break;
	case 'h':
		help(cmd, stdout);
		exit(0);
	default:
		/* getopt_long has said what was wrong */
		fprintf(stderr, "usage: tracker %s\n(tracker %s --help for more)\n", cmd->usage,
		        cmd->name);
		exit(2);
	}
}

/* The database, opened and migrated; dies when it cannot be. */
sqlite3 *
cli_db(void)
{
	sqlite3 *db;
	char *err;
	if (db_open(db_path(cli.db), 0, &db, &err) != 0)
		die("%s", err);
	return db;
}

/* The tournament arg names (NULL: the only one), or die saying why not. */
int64_t
cli_tournament(sqlite3 *db, const char *arg)
{
	int64_t id;
	int rc = find_tournament(db, arg, &id);
	if (rc > 0)
		return id;
	if (arg)
		die("no tournament named '%s' (tracker tournaments lists them)", arg);
	if (rc < 0)
		die("the database holds several tournaments: name one with --tournament");
	die("the database holds no tournament yet: import one with tracker import FILE");
}

/* The stage arg names within tournament, or die saying why not. */
int64_t
cli_stage(sqlite3 *db, int64_t tournament, const char *arg)
{
	int64_t id;
	if (find_stage(db, tournament, arg, &id))
		return id;
	die("no stage named '%s' in this tournament (tracker tournaments lists them)", arg);
}

/* The team arg names, or die with the nearest name as a suggestion. */
int64_t
cli_team(sqlite3 *db, const char *arg)
{
	int64_t id;
	if (find_team(db, arg, &id))
		return id;
	char *near = find_team_suggest(db, arg);
	if (near)
		die("no team named '%s' (did you mean '%s'?)", arg, near);
	die("no team named '%s' (tracker teams lists them)", arg);
}

/* The player arg names, or die with the nearest name as a suggestion. */
int64_t
cli_player(sqlite3 *db, const char *arg)
{
	int64_t id;
	if (find_player(db, arg, &id))
		return id;
	char *near = find_player_suggest(db, arg);
	if (near)
		die("no player named '%s' (did you mean '%s'?)", arg, near);
	die("no player named '%s' (tracker players lists them)", arg);
}

/* Print t on stdout in the format the user asked for. */
void
cli_print(const struct report *t)
{
	report_print(t, cli.format, stdout);
}

/* A monotonic clock in milliseconds, for cli_timing(). */
double
cli_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* With TRACKER_TIMING=1 in the environment, print "WHAT: N ms" (the time
 * since start, from cli_clock()) on stderr, for the benchmarks. */
void
cli_timing(const char *what, double start)
{
	const char *env = getenv("TRACKER_TIMING");
	if (env && strcmp(env, "1") == 0)
		fprintf(stderr, "%s: %.3f ms\n", what, cli_clock() - start);
}
