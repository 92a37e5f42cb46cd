/*
 * cli_scenarios.c: `tracker scenarios`: for the title under Champion Rush
 * and each zone of a stage, whether each team has clinched it, is alive or
 * is eliminated, with what it needs, as of any match (scenarios_get).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "scenarios.h"
#include "util.h"

/* The lines above the table: what it is after, the match-point story, the notes. */
static void
print_header(const struct scenarios *sc)
{
	const struct standings *s = &sc->s;
	char *label = standings_label(s), *how = standings_decided(s);
	cli_say("%s / %s: %s, ruleset %s", s->tournament, s->stage, label,
	        s->rules.name ? s->rules.name : "(unnamed)");
	if (how)
		cli_say("Champion: %s, %s", s->champion, how);
	cli_story(s);
	cli_say_msgs(sc->notes, sc->nnotes);
	printf("\n");
	free(label);
	free(how);
}

int
cmd_scenarios(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"after", required_argument, NULL, 'a'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL, *sarg = NULL;
	int c, after = -1;
	char *end, *err;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'a') {
			long v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 0 || v > 1000000)
				cli_usage(cmd, "--after: '%s' is not a match number (or 0)",
				          optarg);
			after = (int)v;
		} else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (sarg == NULL)
		cli_usage(cmd, "--stage is required");
	sqlite3 *db = cli_db();
	int64_t stage = cli_stage(db, cli_tournament(db, targ), sarg);
	struct scenarios sc;
	double t0 = cli_clock();
	if (scenarios_get(db, stage, after, &sc, &err) != 0)
		die("%s", err);
	cli_timing("scenarios", t0);
	if (cli.format == FORMAT_JSON) {
		struct buf b = {0};
		scenarios_json(&sc, &b);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else {
		static const struct report_column cols[] = {{"Goal", "goal"},
		                                            {"Team", "team"},
		                                            {"Points", "points"},
		                                            {"State", "state"},
		                                            {"Needs", "needs"}};
		static const char *const states[] = {"alive", "clinched", "eliminated"};
		if (cli.format == FORMAT_TABLE)
			print_header(&sc);
		struct report *t = report_new(cols, 5);
		for (int g = 0; g < sc.ngoals; g++)
			for (int i = 0; i < sc.s.nrows; i++) {
				const struct scenario *x = &sc.goals[g].teams[i];
				char *label = msg_english(&sc.goals[g].label);
				char *needs = msg_english(&x->needs);
				report_str(t, label);
				report_str(t, x->team);
				report_int(t, x->points);
				report_str(t, states[x->state]);
				report_str(t, needs);
				free(label);
				free(needs);
			}
		cli_print(t);
		report_free(t);
	}
	scenarios_free(&sc);
	sqlite3_close(db);
	return 0;
}
