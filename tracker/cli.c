/*
 * cli.c: what every command shares: the common options (--db, --format,
 * --sort, --top, --wide, --color), usage errors with the nearest option,
 * opening the database, turning what the user typed into a tournament,
 * stage, team, map or day range (or into a clear error with a "did you
 * mean"), and printing reports and text to fit the terminal.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "db.h"
#include "find.h"
#include "msg.h"
#include "scenarios.h"
#include "util.h"

struct cli cli = {.top = -1, .color = -1};

/* Print s on fp wrapped at spaces (with brackets: not within brackets) to
 * width (0: no limit), continuation lines indented by indent. */
void
cli_wrap(FILE *fp, const char *s, int width, int indent, int brackets)
{
	size_t col = 0;
	int fresh = 1;      /* nothing on the line yet but its indent */
	while (*s == ' ') { /* a leading indent stays */
		putc(*s++, fp);
		col++;
	}
	while (*s) {
		const char *e = s;
		size_t ww = 0;
		int depth = 0; /* a bracketed option stays on one line */
		while (*e && (*e != ' ' || depth > 0)) {
			if (brackets)
				depth += (*e == '[' || *e == '(') - (*e == ']' || *e == ')');
			if (((unsigned char)*e & 0xC0) != 0x80)
				ww++;
			e++;
		}
		if (!fresh && width > 0 && col + 1 + ww > (size_t)width) {
			fprintf(fp, "\n%*s", indent, "");
			col = (size_t)indent;
		} else if (!fresh) {
			putc(' ', fp);
			col++;
		}
		fwrite(s, 1, (size_t)(e - s), fp);
		col += ww;
		fresh = 0;
		s = *e ? e + 1 : e;
	}
	putc('\n', fp);
}

/* "usage: tracker USAGE" on fp, wrapped to 80 columns. */
static void
cli_usage_line(const struct command *cmd, FILE *fp)
{
	char *line = xasprintf("usage: tracker %s", cmd->usage);
	cli_wrap(fp, line, 80, 8, 1);
	free(line);
}

/* Print cmd's usage and options on fp; --format only where it prints tables. */
static void
help(const struct command *cmd, FILE *fp)
{
	cli_usage_line(cmd, fp);
	putc('\n', fp);
	cli_wrap(fp, cmd->summary ? cmd->summary : "", 80, 0, 0);
	fprintf(fp,
	        "\noptions:\n%s"
	        "  --db FILE          the database (default $TRACKER_DB, else ./tracker.db)\n%s"
	        "  --help             this text\n",
	        cmd->options ? cmd->options : "",
	        cmd->plain
	            ? ""
	            : "  --format FMT       table (default), csv or json\n"
	              "  --sort COLUMN      rows by COLUMN (its csv name or table heading):\n"
	              "                     numbers most first, ranks and text lowest first;\n"
	              "                     -COLUMN the other way\n"
	              "  --top N            the first N rows only\n"
	              "  --wide             every column, however wide the terminal\n"
	              "  --color WHEN       auto (default: on a terminal without NO_COLOR),\n"
	              "                     always or never\n");
}

/*
 * The nearest of the n names to arg (find_nearest), or NULL: for "did you
 * mean". The pointer is one of names.
 */
const char *
cli_suggest(const char *arg, const char *const *names, int n)
{
	int i;
	return find_nearest(arg, names, n, &i, 1) == 1 ? names[i] : NULL;
}

/* The long options cmd's --help names (every "--word" in it), for a typo's
 * suggestion and completion; returns how many, at most max, in names (free()
 * each). */
int
cli_options_of(const struct command *cmd, char **names, int max)
{
	struct buf b = {0};
	int n = 0;
	buf_puts(&b, cmd->options ? cmd->options : "");
	buf_puts(&b, " --db --help");
	if (!cmd->plain)
		buf_puts(&b, " --format --sort --top --wide --color");
	for (const char *p = b.data; p && (p = strstr(p, "--")) && n < max;) {
		const char *e = p + 2;
		while (isalnum((unsigned char)*e) || *e == '-')
			e++;
		if (e > p + 2)
			names[n++] = xstrndup(p, (size_t)(e - p));
		p = e;
	}
	buf_free(&b);
	return n;
}

/* A usage error: the message, then how to ask for help; exit status 2. */
void
cli_usage(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("tracker: ", stderr);
	va_start(ap, fmt);
	term_vprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_usage_line(cmd, stderr);
	fprintf(stderr, "(tracker %s --help for more)\n", cmd->name);
	exit(2);
}

/* --db arg: the database file; an empty name is refused (a usage error). */
void
cli_set_db(const char *arg)
{
	if (*arg == '\0')
		die_usage("--db: the file name is empty (leave --db out for $TRACKER_DB, else "
		          "./tracker.db)");
	cli.db = arg;
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
		cli_set_db(arg);
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
	case CLI_SORT:
	case CLI_TOP:
	case CLI_WIDE:
		if (cmd->plain)
			cli_usage(cmd, "--sort, --top, --wide: tracker %s prints no table",
			          cmd->name);
		if (c == CLI_SORT)
			cli.sort = arg;
		else if (c == CLI_WIDE)
			cli.wide = 1;
		else {
			char *end;
			long v = strtol(arg, &end, 10);
			if (*arg == '\0' || *end != '\0' || v < 1 || v > 1000000)
				cli_usage(cmd, "--top: '%s' is not a number of rows (1 or more)",
				          arg);
			cli.top = (int)v;
		}
		break;
	case CLI_COLOR:
		if (strcmp(arg, "always") == 0)
			cli.color = 1;
		else if (strcmp(arg, "never") == 0)
			cli.color = 0;
		else if (strcmp(arg, "auto") == 0)
			cli.color = -1;
		else
			cli_usage(cmd, "--color: '%s' is not one of auto, always, never", arg);
		break;
	default: {
		/* getopt_long has said what was wrong; say what was meant */
		const char *bad = cli.argv && optind > 0 ? cli.argv[optind - 1] : NULL;
		if (bad && strncmp(bad, "--", 2) == 0) {
			char *names[64], *eq = strchr(bad, '=');
			char *typed = eq ? xstrndup(bad, (size_t)(eq - bad)) : xstrdup(bad);
			int n = cli_options_of(cmd, names, 64);
			const char *near = cli_suggest(typed, (const char *const *)names, n);
			if (near && strcmp(near, typed) != 0)
				fprintf(stderr, "tracker: did you mean %s?\n", near);
			for (int i = 0; i < n; i++)
				free(names[i]);
			free(typed);
		}
		cli_usage_line(cmd, stderr);
		fprintf(stderr, "(tracker %s --help for more)\n", cmd->name);
		exit(2);
	}
	}
}

/*
 * The database, opened and migrated; dies when it cannot be. The command
 * closes it; one that dies (a DB error, a name not found) exits with it
 * open, held here so that it is not a leak.
 */
sqlite3 *
cli_db(void)
{
	static sqlite3 *held;
	char *err;
	if (db_open(db_path(cli.db), 0, &held, &err) != 0)
		die("%s", err);
	return held;
}

/* The tournament arg names (NULL: the only one), or die saying why not. */
int64_t
cli_tournament(sqlite3 *db, const char *arg)
{
	int64_t id;
	int rc = find_tournament(db, arg, &id);
	if (rc < 0)
		die("%s", db_error());
	if (rc == 1)
		return id;
	if (arg)
		die("no tournament named '%s' (tracker tournaments lists them)", arg);
	if (rc > 1)
		die("the database holds several tournaments: name one with --tournament");
	die("the database holds no tournament yet: import one with tracker import FILE");
}

/* Every name the query's first column gives (free with free_names). */
static char **
names_of(sqlite3 *db, const char *sql, int64_t bind, int *n)
{
	char **names = NULL;
	sqlite3_stmt *st = db_prepare(db, sql);
	sqlite3_bind_int64(st, 1, bind);
	*n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		names = xrealloc(names, (size_t)(*n + 1) * sizeof *names);
		names[(*n)++] = db_text(st, 0);
	}
	sqlite3_finalize(st);
	return names;
}

static void
free_names(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The stage arg names within tournament, or die with the nearest name. */
int64_t
cli_stage(sqlite3 *db, int64_t tournament, const char *arg)
{
	int64_t id;
	int rc = find_stage(db, tournament, arg, &id);
	if (rc < 0)
		die("%s", db_error());
	if (rc > 0)
		return id;
	int n;
	char **names = names_of(db, "SELECT name FROM stage WHERE tournament_id = ?1 ORDER BY id",
	                        tournament, &n);
	const char *near = cli_suggest(arg, (const char *const *)names, n);
	if (near)
		die("no stage named '%s' in this tournament (did you mean '%s'?)", arg, near);
	die("no stage named '%s' in this tournament (tracker tournaments lists them)", arg);
}

/* The stage arg names (NULL, "all" or "*": every stage, 0), for the
 * commands whose scope is one stage or all of them. */
int64_t
cli_stage_any(sqlite3 *db, int64_t tournament, const char *arg)
{
	if (arg == NULL || strcmp(arg, "all") == 0 || strcmp(arg, "*") == 0)
		return 0;
	return cli_stage(db, tournament, arg);
}

/* Print the stored names bash completion offers for what (stages, teams,
 * maps), one a line; dies for anything else. */
void
cli_complete_names(sqlite3 *db, const char *what)
{
	static const char *const sql[][2] = {
	    {"stages", "SELECT DISTINCT name FROM stage WHERE ?1 = ?1 ORDER BY name"},
	    {"teams", "SELECT name FROM team WHERE ?1 = ?1 ORDER BY name"},
	    {"maps",
	     "SELECT DISTINCT map FROM match WHERE map IS NOT NULL AND ?1 = ?1 ORDER BY map"},
	};
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		if (strcmp(what, sql[i][0]) != 0)
			continue;
		int n;
		char **names = names_of(db, sql[i][1], 0, &n);
		for (int k = 0; k < n; k++)
			printf("%s\n", names[k]);
		free_names(names, n);
		return;
	}
	die("test-complete: '%s' is not one of commands, options, stages, teams, maps", what);
}

/* --day D or --days A-B into *from and *to (days of a stage, 1 or more). */
void
cli_days(const struct command *cmd, const char *arg, int *from, int *to)
{
	char *end;
	long a = strtol(arg, &end, 10), b = a;
	if (end != arg && *end == '-')
		b = strtol(end + 1, &end, 10);
	if (*arg == '\0' || *end != '\0' || a < 1 || b < a || b > 100000)
		cli_usage(cmd, "--day, --days: '%s' is not a day (3) or a range of days (2-4)",
		          arg);
	*from = (int)a;
	*to = (int)b;
}

/* "day 3", "days 2-4", or "" for no day filter (free() it). */
char *
cli_days_text(int from, int to)
{
	if (from == 0)
		return xstrdup("");
	return to > from ? xasprintf("days %d-%d", from, to) : xasprintf("day %d", from);
}

/* The map arg names as the matches spell it (case ignored; of two spellings
 * the first in binary order; free() it), found by the index match_map, or
 * die with the nearest map's name. */
char *
cli_map(sqlite3 *db, const char *arg)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT map FROM match WHERE map = ?1 COLLATE NOCASE"
	                                  " ORDER BY map COLLATE NOCASE, map LIMIT 1");
	if (st == NULL)
		die("%s", db_error());
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	char *found = rc == SQLITE_ROW ? db_text(st, 0) : NULL;
	if (db_end(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc) != 0)
		die("%s", db_error());
	if (found)
		return found;
	int n;
	char **names = names_of(db,
	                        "SELECT DISTINCT map FROM match WHERE map IS NOT NULL AND ?1 = ?1"
	                        " ORDER BY map",
	                        0, &n);
	const char *near = cli_suggest(arg, (const char *const *)names, n);
	if (near)
		die("no team played on map '%s' (did you mean '%s'?)", arg, near);
	die("no team played on map '%s' (tracker matches --stage S lists the maps)", arg);
}

/* The team arg names, or die with the nearest name as a suggestion. */
int64_t
cli_team(sqlite3 *db, const char *arg)
{
	int64_t id;
	char *near;
	int rc = find_team(db, arg, &id);
	if (rc > 0)
		return id;
	if (rc < 0 || (rc = find_team_suggest(db, arg, &near)) < 0)
		die("%s", db_error());
	if (rc > 0)
		die("no team named '%s' (did you mean '%s'?)", arg, near);
	die("no team named '%s' (tracker teams lists them)", arg);
}

/* The player arg names, or die with the nearest name as a suggestion. */
int64_t
cli_player(sqlite3 *db, const char *arg)
{
	int64_t id;
	char *near;
	int rc = find_player(db, arg, &id);
	if (rc > 0)
		return id;
	if (rc < 0 || (rc = find_player_suggest(db, arg, &near)) < 0)
		die("%s", db_error());
	if (rc > 0)
		die("no player named '%s' (did you mean '%s'?)", arg, near);
	die("no player named '%s' (tracker players lists them)", arg);
}

/* The terminal's width: $COLUMNS, else the terminal's, else 0 (no limit). */
static int
cli_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	if (env && atoi(env) > 0)
		return atoi(env);
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		return ws.ws_col;
	return 0;
}

/* Whether to paint: --color, else a terminal on stdout with NO_COLOR unset
 * (or empty) and TERM not dumb. */
static int
use_color(void)
{
	if (cli.color >= 0)
		return cli.color;
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && !(no && *no) && !(term && strcmp(term, "dumb") == 0);
}

/* Apply --sort and --top to t; the error (exit 1) on a column t lacks.
 * A command with lines above its table calls it before printing them, so
 * an error leaves stdout empty; cli_print() calls it again (no change). */
void
cli_shape(struct report *t)
{
	char *err;
	if (cli.sort && report_sort(t, cli.sort, &err) != 0)
		die("%s", err);
	report_top(t, cli.top);
}

/* Print t on stdout in the format the user asked for, sorted and cut as
 * --sort and --top say, the table fitted to the terminal. */
void
cli_print(struct report *t)
{
	cli_shape(t);
	struct report_view v = {cli_width(), cli.wide, use_color()};
	struct buf b = {0};
	report_render_view(t, cli.format, &v, &b);
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

/* Name of row id of team or stage (which: "team" or "stage"; free() it); the
 * DB error, exit 1, when it cannot be read. Headers print it, not the
 * user's spelling. */
char *
cli_name(sqlite3 *db, const char *which, int64_t id)
{
	sqlite3_stmt *st =
	    db_prepare(db, strcmp(which, "team") == 0 ? "SELECT name FROM team WHERE id = ?1"
	                                              : "SELECT name FROM stage WHERE id = ?1");
	if (st == NULL)
		die("%s", db_error());
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		db_end(db, st, rc);
		die("%s", rc == SQLITE_DONE ? "no such row" : db_error());
	}
	char *name = db_text(st, 0);
	sqlite3_finalize(st);
	return name;
}

/* Print a command's own JSON document b (freeing it); --sort and --top
 * shape rows of tables, and such a document has more than one. */
void
cli_print_json(const struct command *cmd, struct buf *b)
{
	if (cli.sort || cli.top >= 0)
		cli_usage(cmd,
		          "--sort and --top shape tables and csv; tracker %s --format json "
		          "prints one document",
		          cmd->name);
	fwrite(b->data, 1, b->len, stdout);
	buf_free(b);
}

/* Print a line of text on stdout, wrapped at spaces to the terminal's width
 * (continuation lines indented by two). */
void
cli_say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s;
	if (vasprintf(&s, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	cli_wrap(stdout, s, cli_width(), 2, 0);
	free(s);
}

/* cli_say each of the n messages m in English, a line each. */
void
cli_say_msgs(const struct msg *m, int n)
{
	for (int i = 0; i < n; i++) {
		char *s = msg_english(&m[i]);
		cli_say("%s", s);
		free(s);
	}
}

/* cli_say the match-point story of s (scenarios_story), if it has one. */
void
cli_story(const struct standings *s)
{
	struct msg lines[3];
	int n = scenarios_story(s, lines);
	cli_say_msgs(lines, n);
	for (int i = 0; i < n; i++)
		msg_free(&lines[i]);
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
