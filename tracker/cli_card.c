/*
 * cli_card.c: `tracker card --stage S [--after N] [--png FILE]`: the
 * social card (card.c) as SVG on standard output, or as a PNG in FILE,
 * drawn by rsvg-convert (Debian's librsvg2-bin) when it is installed.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "card.h"
#include "cli.h"
#include "util.h"

extern char **environ;

/* Write svg to png through rsvg-convert; dies saying why when it cannot. */
static void
to_png(const struct buf *svg, const char *png)
{
	char tmp[] = "/tmp/tracker-card-XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0)
		die("--png: cannot make a temporary file: %s", strerror(errno));
	FILE *fp = fdopen(fd, "w");
	if (fp == NULL || fwrite(svg->data, 1, svg->len, fp) != svg->len || fclose(fp) != 0) {
		unlink(tmp);
		die("--png: cannot write %s", tmp);
	}
	char w[16], h[16];
	snprintf(w, sizeof w, "%d", CARD_WIDTH);
	snprintf(h, sizeof h, "%d", CARD_HEIGHT);
	char *argv[] = {"rsvg-convert", "-w", w,           "-h", h,   "-f",
	                "png",          "-o", (char *)png, tmp,  NULL};
	pid_t pid;
	int rc = posix_spawnp(&pid, "rsvg-convert", NULL, NULL, argv, environ), st = 0;
	if (rc == 0)
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	unlink(tmp);
	if (rc == ENOENT)
		die("--png needs rsvg-convert (Debian: apt-get install librsvg2-bin); without "
		    "--png the card is written as SVG");
	if (rc != 0)
		die("--png: cannot run rsvg-convert: %s", strerror(rc));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		die("--png: rsvg-convert failed writing %s", png);
}

int
cmd_card(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"after", required_argument, NULL, 'a'},
	                                     {"png", required_argument, NULL, 'p'},
	                                     {"db", required_argument, NULL, 'D'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	const char *targ = NULL, *sarg = NULL, *png = NULL;
	struct standings_opts o = {.after = -1};
	int c;
	char *end, *err;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'p')
			png = optarg;
		else if (c == 'a') {
			long v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 0 || v > 1000000)
				cli_usage(cmd, "--after: '%s' is not a match number (or 0)",
				          optarg);
			o.after = (int)v;
		} else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (sarg == NULL)
		cli_usage(cmd, "--stage is required");
	sqlite3 *db = cli_db();
	int64_t stage = cli_stage(db, cli_tournament(db, targ), sarg);
	struct standings s;
	if (standings_get(db, stage, &o, &s, &err) != 0)
		die("%s", err);
	sqlite3_close(db);
	struct buf b = {0};
	card_svg(&s, &b);
	standings_free(&s);
	if (png)
		to_png(&b, png);
	else
		fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	return 0;
}
