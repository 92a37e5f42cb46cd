/*
 * cli_import.c: `tracker import [--replace] [--new-team TEAM]... FILE...`:
 * read each file (or standard input for "-") whole, refusing directories,
 * FIFOs and devices, unreadable files and files over the size limit
 * (--max-file), hand it to the JSON or the CSV importer (by its name's
 * extension, else --format; one transaction per file, the statements and
 * the names looked up kept from one file to the next: store_cache), and
 * print the messages on stderr (file names through term_safe) and one
 * summary on stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "db.h"
#include "csv.h"
#include "json.h"
#include "store.h"
#include "write.h"
#include "util.h"

#define MAX_FILE_MB 64 /* MiB: larger files are refused unread, unless --max-file */

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* What a file that is not a regular one is, for the message that refuses it. */
static const char *
kind(mode_t mode)
{
	return S_ISFIFO(mode)   ? "a FIFO"
	       : S_ISCHR(mode)  ? "a character device"
	       : S_ISBLK(mode)  ? "a block device"
	       : S_ISSOCK(mode) ? "a socket"
	                        : "not a regular file";
}

/*
 * Read all of file ("-": standard input) into b, at most max bytes: a
 * regular file (or standard input, which may be a pipe). Anything else is
 * refused unread: opening a FIFO no one writes to would wait for ever, a
 * device may never end. Returns 0, or -1 with the reason written to msgs
 * as "PATH: problem", path being how messages name the file.
 */
static int
slurp(const char *file, const char *path, size_t max, struct buf *b, struct buf *msgs)
{
	int stdin_ = strcmp(file, "-") == 0;
	/* O_NONBLOCK: the open of a FIFO returns at once; a regular file ignores it */
	int fd = stdin_ ? 0 : open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat sb;
	int rc = -1;
	if (fd < 0) {
		buf_printf(msgs, "%s: cannot open: %s\n", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0) {
		buf_printf(msgs, "%s: cannot stat: %s\n", path, strerror(errno));
		goto out;
	}
	if (S_ISDIR(sb.st_mode)) {
		buf_printf(msgs, "%s: is a directory, not a match file\n", path);
		goto out;
	}
	if (!stdin_ && !S_ISREG(sb.st_mode)) {
		buf_printf(msgs,
		           "%s: is %s, not a regular file: tracker import reads files, and a "
		           "pipe's data as standard input (tracker import - <%s)\n",
		           path, kind(sb.st_mode), path);
		goto out;
	}
	if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > max) {
		buf_printf(msgs,
		           "%s: %lld bytes is over the limit of %zu MiB per file (--max-file MB "
		           "raises it)\n",
		           path, (long long)sb.st_size, max >> 20);
		goto out;
	}
	buf_reset(b);
	/* a regular file is read into memory of its size, not grown by doubling */
	if (S_ISREG(sb.st_mode) && sb.st_size > 0 && b->cap < (size_t)sb.st_size + 1) {
		free(b->data);
		b->data = xmalloc((size_t)sb.st_size + 1);
		b->data[0] = '\0';
		b->cap = (size_t)sb.st_size + 1;
	}
	for (;;) {
		char chunk[1 << 16];
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			buf_printf(msgs, "%s: cannot read: %s\n", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (b->len + (size_t)n > max) {
			buf_printf(msgs,
			           "%s: more than the limit of %zu MiB per file (--max-file MB "
			           "raises it)\n",
			           path, max >> 20);
			goto out;
		}
		buf_put(b, chunk, (size_t)n);
	}
	rc = 0;
out:
	if (!stdin_)
		close(fd);
	return rc;
}

/*
 * 1 if path is read as CSV: its name ends in .csv or .tsv (any case), or,
 * when it ends in neither these nor .json, csv (--format csv) says so.
 */
static int
is_csv(const char *path, int csv)
{
	size_t n = strlen(path);
	const char *ext = n >= 4 ? path + n - 4 : "";
	if (strcasecmp(ext, ".csv") == 0 || strcasecmp(ext, ".tsv") == 0)
		return 1;
	if (n >= 5 && strcasecmp(path + n - 5, ".json") == 0)
		return 0;
	return csv;
}

/* "s" unless n is 1: the plural of a count's noun. */
static const char *
s_(int n)
{
	return n == 1 ? "" : "s";
}

/*
 * Print the summary of st (taking secs seconds) on stdout; what else than
 * matches the files stored of their stages shows when there is any.
 */
static void
summary(const struct import_stats *st, double secs)
{
	printf("%d file%s: %d match%s added, %d unchanged, %d replaced; ", st->files, s_(st->files),
	       st->matches_added, st->matches_added == 1 ? "" : "es", st->matches_unchanged,
	       st->matches_replaced);
	if (st->stages_added)
		printf("%d stage%s new; ", st->stages_added, s_(st->stages_added));
	const struct {
		int n;
		const char *noun;
	} stored[] = {{st->rulesets_stored, "ruleset"},
	              {st->rosters_stored, "roster"},
	              {st->adjustments_stored, "adjustment list"}};
	const char *sep = "";
	for (size_t k = 0; k < sizeof stored / sizeof *stored; k++)
		if (stored[k].n) {
			printf("%s%d %s%s", sep, stored[k].n, stored[k].noun, s_(stored[k].n));
			sep = ", ";
		}
	if (*sep)
		fputs(" stored; ", stdout);
	printf("%d team%s, %d player%s new; %d warning%s; %.2f s\n", st->teams_added,
	       s_(st->teams_added), st->players_added, s_(st->players_added), st->warnings,
	       s_(st->warnings), secs);
}

int
cmd_import(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"replace", no_argument, NULL, 'r'},
	                                     {"new-team", required_argument, NULL, 'n'},
	                                     {"new-stage", required_argument, NULL, 's'},
	                                     {"tournament", required_argument, NULL, 'T'},
	                                     {"stage", required_argument, NULL, 'S'},
	                                     {"max-file", required_argument, NULL, 'M'},
	                                     CLI_COMMON_OPTIONS};
	struct store_cache cache = {0};
	struct import_options opt = {.cache = &cache};
	const char **teams = xcalloc((size_t)argc, sizeof *teams);
	const char **stages = xcalloc((size_t)argc, sizeof *stages);
	int c, csv = 0;
	size_t max = (size_t)MAX_FILE_MB << 20;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r')
			opt.replace = 1;
		else if (c == 'n')
			teams[opt.nnew_teams++] = optarg;
		else if (c == 's')
			stages[opt.nnew_stages++] = optarg;
		else if (c == 'T')
			opt.tournament = optarg;
		else if (c == 'S')
			opt.stage = optarg;
		else if (c == 'M') {
			char *end;
			long mb = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || mb < 1 || mb > 4096)
				cli_usage(cmd,
				          "--max-file: '%s' is not a size in MiB from 1 to 4096",
				          optarg);
			max = (size_t)mb << 20;
		} else if (c == 'F' && (strcmp(optarg, "csv") == 0 || strcmp(optarg, "json") == 0))
			csv = strcmp(optarg, "csv") == 0;
		else if (c == 'F')
			cli_usage(cmd, "--format: '%s' is not one of csv, json", optarg);
		else
			cli_option(cmd, c, optarg);
	}
	opt.new_teams = teams;
	opt.new_stages = stages;
	if (optind >= argc)
		cli_usage(cmd, "no FILE to import (- reads standard input)");
	int nstdin = 0;
	for (int i = optind; i < argc; i++) {
		nstdin += strcmp(argv[i], "-") == 0;
		if ((opt.tournament || opt.stage) && !is_csv(argv[i], csv))
			cli_usage(cmd,
			          "--tournament and --stage are for CSV files; %s is read as JSON, "
			          "which names its own stage",
			          argv[i]);
	}
	if (nstdin > 1)
		cli_usage(cmd, "- (standard input) can be given only once");

	sqlite3 *db = cli_db();
	/* a page cache that holds a whole file's changes: no spilling mid-transaction */
	db_exec(db, "PRAGMA cache_size = -65536");
	struct import_stats st = {0};
	struct buf data = {0}, msgs = {0}, failed = {0};
	double start = now();
	int tty = isatty(2), progress = 0;
	for (int i = optind; i < argc; i++) {
		/* its name as messages show it: a name can hold escapes a terminal would run */
		char *path = term_safe(argv[i], 0);
		struct import_stats before = st;
		int rc;
		if (slurp(argv[i], path, max, &data, &msgs) != 0) {
			st.files++;
			st.files_failed++;
			rc = -1;
		} else {
			rc = write_import_with(db, NULL, "import", path, data.data ? data.data : "",
			                       data.len, &opt, is_csv(argv[i], csv), &st, &msgs);
			if (rc == WRITE_BUSY || rc == WRITE_FAILED)
				buf_printf(&msgs, "%s: %s\n", path,
				           rc != WRITE_BUSY ? sqlite3_errmsg(db)
				           : (db_error_code() & 0xff) == SQLITE_BUSY
				               ? "the database is busy (another writer "
				                 "held it past the busy timeout)"
				               : db_error());
			if (rc != WRITE_STORED) { /* nothing of it stayed: count a failed file */
				int warnings = st.warnings;
				st = before;
				st.files++;
				st.files_failed++;
				st.warnings = warnings;
			}
		}
		if (rc != 0)
			buf_printf(&failed, "failed: %s\n", path);
		free(path);
		if (progress)
			fputs("\r\033[K", stderr);
		fputs(msgs.data ? msgs.data : "", stderr);
		buf_reset(&msgs);
		if (tty && i + 1 < argc && now() - start > 1.0) {
			fprintf(stderr, "importing: %d of %d files, %d match%s added",
			        i + 1 - optind, argc - optind, st.matches_added,
			        st.matches_added == 1 ? "" : "es");
			progress = 1;
		}
	}
	if (progress)
		fputs("\r\033[K", stderr);
	summary(&st, now() - start);
	fputs(failed.data ? failed.data : "", stdout);
	buf_free(&data);
	buf_free(&msgs);
	buf_free(&failed);
	free(teams);
	free(stages);
	store_cache_free(&cache);
	sqlite3_close(db);
	return st.files_failed ? 1 : 0;
}
