/* cli.h: the command table and what every command shares. */
#ifndef TRACKER_CLI_H
#define TRACKER_CLI_H

#include <getopt.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdint.h>

#include "report.h"

struct msg;
struct standings;

struct command {
	const char *name;                                            /* as typed */
	int (*fn)(const struct command *cmd, int argc, char **argv); /* returns the exit status */
	const char *usage;                                           /* synopsis after "tracker " */
	const char *summary; /* one line for `tracker help` */
	const char *options; /* option lines for --help */
	int plain;           /* 1: prints no table, no --format */
};

struct cli {
	const char *db;     /* --db FILE, or NULL: db_path() decides */
	enum format format; /* --format */
	const char *sort;   /* --sort COLUMN, or NULL */
	int top;            /* --top N; -1: every row */
	int wide;           /* --wide */
	int color;          /* --color: 1 always, 0 never, -1 on a terminal without NO_COLOR */
	char **argv;        /* the command's arguments as main() passed them, for messages */
};

extern struct cli cli;

enum { CLI_SORT = 0x100, CLI_TOP, CLI_WIDE, CLI_COLOR };

/* Long options every command takes; each command's getopt_long table ends with these. */
#define CLI_COMMON_OPTIONS                                                                         \
	{"db", required_argument, NULL, 'D'}, {"format", required_argument, NULL, 'F'},            \
	    {"help", no_argument, NULL, 'h'}, {"sort", required_argument, NULL, CLI_SORT},         \
	    {"top", required_argument, NULL, CLI_TOP}, {"wide", no_argument, NULL, CLI_WIDE},      \
	    {"color", required_argument, NULL, CLI_COLOR},                                         \
	{                                                                                          \
		NULL, 0, NULL, 0                                                                   \
	}

void cli_set_db(const char *arg);
void cli_option(const struct command *cmd, int c, const char *arg);
int cli_options_of(const struct command *cmd, char **names, int max);
void cli_wrap(FILE *fp, const char *s, int width, int indent, int brackets);
_Noreturn void cli_usage(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
sqlite3 *cli_db(void);
int64_t cli_tournament(sqlite3 *db, const char *arg);
int64_t cli_stage(sqlite3 *db, int64_t tournament, const char *arg);
int64_t cli_team(sqlite3 *db, const char *arg);
int64_t cli_player(sqlite3 *db, const char *arg);
int64_t cli_stage_any(sqlite3 *db, int64_t tournament, const char *arg);
void cli_days(const struct command *cmd, const char *arg, int *from, int *to);
char *cli_days_text(int from, int to);
char *cli_map(sqlite3 *db, const char *arg);
void cli_shape(struct report *t);
void cli_print(struct report *t);
char *cli_name(sqlite3 *db, const char *which, int64_t id);
void cli_print_json(const struct command *cmd, struct buf *b);
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_say_msgs(const struct msg *m, int n);
void cli_story(const struct standings *s);
const char *cli_suggest(const char *arg, const char *const *names, int n);
double cli_clock(void);
void cli_timing(const char *what, double start);

int cmd_import(const struct command *, int, char **);
int cmd_tournaments(const struct command *, int, char **);
int cmd_matches(const struct command *, int, char **);
int cmd_match(const struct command *, int, char **);
int cmd_compare(const struct command *, int, char **);
int cmd_teams(const struct command *, int, char **);
int cmd_standings(const struct command *, int, char **);
int cmd_scenarios(const struct command *, int, char **);
int cmd_maps(const struct command *, int, char **);
int cmd_team(const struct command *, int, char **);
int cmd_players(const struct command *, int, char **);
int cmd_rules(const struct command *, int, char **);
int cmd_serve(const struct command *, int, char **);
int cmd_void(const struct command *, int, char **);
int cmd_remove(const struct command *, int, char **);
int cmd_merge(const struct command *, int, char **);
int cmd_rename(const struct command *, int, char **);
int cmd_alias(const struct command *, int, char **);
int cmd_log(const struct command *, int, char **);
int cmd_backup(const struct command *, int, char **);
void cli_complete_names(sqlite3 *db, const char *what);
int cmd_export(const struct command *, int, char **);
int cmd_card(const struct command *, int, char **);

#endif
